"""The whole check: lint, types, layering, generated files, then the test suite on SQLite and
on PostgreSQL (both engines in parallel, each in two xdist workers; their output
streamed with a [sqlite]/[postgres] prefix and a progress line per engine). Starts PostgreSQL and Redis when
they are down; never skips them. Extra arguments go to pytest."""

from __future__ import annotations

import codecs
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVICES = {
    "PostgreSQL": (
        5432,
        "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
        "postgresql",
    ),
    "Redis": (
        6379,
        "redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save '' --appendonly no "
        "--dir /var/lib/redis --logfile /var/log/redis/ci.log",
        "redis-server",
    ),
}
ENGINES = ("sqlite", "postgres")
# xdist workers per engine: two each, so neither pass is left as one long single-process tail
# while the other core idles (the front-end suite alone waits minutes on Node and its server).
ENGINE_WORKERS = {"sqlite": ["-n", "2"], "postgres": ["-n", "2"]}
BROWSER_TESTS = ROOT / "tests" / "browser"
CHROMIUM = os.environ.get("SWITCHBOARD_CHROMIUM", "/usr/bin/chromium")


def main() -> int:
    os.chdir(ROOT)
    for name, (port, start, package) in SERVICES.items():
        ensure_service(name, port, start, package)
    ensure_browser_tools()
    ensure_pdf_libraries()
    checks = [
        ("ruff lint", ["ruff", "check", "."]),
        ("ruff format", ["ruff", "format", "--check", "."]),
        ("mypy strict", ["mypy", "."]),
        ("layering", ["lint-imports"]),
        ("migrations current", ["switchboard", "makemigrations", "--check"]),
    ]
    for label, command in checks:
        run_check(label, command)
    check_schema()
    return run_suites(sys.argv[1:])


def ensure_service(name: str, port: int, start: str, package: str) -> None:
    if answers(port):
        return
    print(f"{name} is down on 127.0.0.1:{port}; starting it.", flush=True)
    if shutil.which(package.replace("postgresql", "pg_ctlcluster")) is None and os.geteuid() == 0:
        subprocess.run("apt-get update -qq && apt-get install -y -qq " + package, shell=True, check=True)
    subprocess.run(start, shell=True, check=False)
    for _ in range(60):
        if answers(port):
            return
        time.sleep(0.5)
    sys.exit(f"{name} did not start on 127.0.0.1:{port}; the suite needs it and will not skip it.")


def ensure_browser_tools() -> None:
    """tests/browser needs Debian's Chromium, Node and its pinned npm packages: install what is
    missing (the test fails, never skips, without them)."""
    missing = [] if os.access(CHROMIUM, os.X_OK) else ["chromium"]
    missing += [] if shutil.which("npm") else ["nodejs", "npm"]
    if missing:
        print(f"Installing {', '.join(missing)} for the browser tests.", flush=True)
        if os.geteuid() != 0:
            sys.exit(f"The browser tests need {', '.join(missing)}: apt-get install {' '.join(missing)}")
        subprocess.run(
            "apt-get update -qq && apt-get install -y -qq " + " ".join(missing),
            shell=True,
            check=True,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )
    if not (BROWSER_TESTS / "node_modules").is_dir():
        print("== npm ci (tests/browser)", flush=True)
        subprocess.run(
            ["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=BROWSER_TESTS, check=True
        )


# WeasyPrint (invoice PDFs) loads Pango, HarfBuzz and fontconfig at import; DejaVu covers the
# currency symbols the invoices print (€ £ ¥ ₹ ...).
PDF_LIBRARIES = {
    "libpango-1.0.so.0": "libpango-1.0-0",
    "libpangoft2-1.0.so.0": "libpangoft2-1.0-0",
    "libharfbuzz.so.0": "libharfbuzz0b",
    "libharfbuzz-subset.so.0": "libharfbuzz-subset0",
    "libfontconfig.so.1": "libfontconfig1",
}
PDF_FONTS = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def ensure_pdf_libraries() -> None:
    """Install the system libraries and fonts WeasyPrint needs, when missing."""
    known = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=False).stdout
    missing = [package for library, package in PDF_LIBRARIES.items() if library not in known]
    missing += [] if PDF_FONTS.exists() else ["fonts-dejavu-core"]
    if not missing:
        return
    print(f"Installing {', '.join(missing)} for invoice PDFs.", flush=True)
    if os.geteuid() != 0:
        sys.exit(f"Invoice PDFs need {', '.join(missing)}: apt-get install {' '.join(missing)}")
    subprocess.run(
        "apt-get update -qq && apt-get install -y -qq " + " ".join(missing),
        shell=True,
        check=True,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    )


def answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def run_check(label: str, command: list[str]) -> None:
    print(f"== {label}: {' '.join(command)}", flush=True)
    if subprocess.run(command).returncode != 0:
        sys.exit(f"FAILED: {label}")


def check_schema() -> None:
    print("== schema.graphql current", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        exported = Path(tmp) / "schema.graphql"
        subprocess.run(
            ["switchboard", "export-schema", "--output", str(exported)], check=True, stdout=subprocess.DEVNULL
        )
        if exported.read_text() != (ROOT / "schema.graphql").read_text():
            sys.exit("FAILED: schema.graphql is stale; run `switchboard export-schema` and commit it.")


PYTEST = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]


def run_suites(pytest_args: list[str], pytest: list[str] = PYTEST) -> int:
    """Both engines at once. Each engine's output is shown as it comes, every line prefixed with
    its engine, and a progress line per engine every PROGRESS_SECONDS (pytest -q writes a line
    only every 80 tests); then each engine's summary and the combined one."""
    runs = [EngineRun(engine, [*pytest, *ENGINE_WORKERS[engine], *pytest_args]) for engine in ENGINES]
    while any(run.running() for run in runs):
        time.sleep(0.2)
        for run in runs:
            run.report_progress()
    totals = {"passed": 0, "failed": 0, "skipped": 0, "errors": 0}
    worst = 0
    for run in runs:
        code = run.finish()
        print(f"== pytest on {run.engine} (exit {code}): {run.summary or 'no summary line'}", flush=True)
        for count, kind in re.findall(r"(\d+) (passed|failed|skipped|errors?)", run.summary):
            totals["errors" if kind.startswith("error") else kind] += int(count)
        worst = max(worst, code)
    failed = totals["failed"] + totals["errors"]
    print(f"total: {totals['passed']} passed, {failed} failed, {totals['skipped']} skipped", flush=True)
    return worst


PROGRESS_SECONDS = 20.0
OUTCOMES = frozenset(".sxXFE")  # pytest -q progress characters
_print_lock = threading.Lock()


class EngineRun:
    """One engine's pytest process, its output relayed line by line with the engine's prefix."""

    def __init__(self, engine: str, command: list[str]) -> None:
        self.engine = engine
        env = {**os.environ, "SWITCHBOARD_TEST_DB": engine, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.summary = ""  # pytest's last line: "3 failed, 700 passed, 2 skipped in 300.00s"
        self.done = 0  # tests finished, from the progress characters
        self.failed = 0
        self.percent = ""
        self._partial = ""
        self._in_progress = True  # pytest -q prints the progress lines first, then the sections
        self._started = self._last_report = time.monotonic()
        self._relay = threading.Thread(target=self._read, daemon=True)
        self._relay.start()

    def running(self) -> bool:
        return self._relay.is_alive()

    def finish(self) -> int:
        self._relay.join()
        return self.process.wait()

    def _read(self) -> None:
        assert self.process.stdout is not None
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        while chunk := self.process.stdout.read1(65536):  # type: ignore[attr-defined]
            self._feed(decoder.decode(chunk))
        self._feed(decoder.decode(b"", final=True))
        if self._partial:
            self._line(self._partial)

    def _feed(self, text: str) -> None:
        *lines, self._partial = (self._partial + text).split("\n")
        for line in lines:
            self._line(line)

    def _line(self, line: str) -> None:
        if self._in_progress and line.startswith("="):
            self._in_progress = False
        if self._in_progress:
            outcomes = line.split(" ", 1)[0]
            if outcomes and set(outcomes) <= OUTCOMES:
                self.done += len(outcomes)
                self.failed += sum(outcomes.count(c) for c in "FE")
                self.percent = (
                    line.rsplit("[", 1)[-1].rstrip("]").strip() if line.endswith("]") else self.percent
                )
        if line.strip():
            self.summary = line.strip("= ")
        with _print_lock:
            print(f"[{self.engine}] {line}", flush=True)

    def report_progress(self) -> None:
        now = time.monotonic()
        if not self.running() or now - self._last_report < PROGRESS_SECONDS:
            return
        self._last_report = now
        partial = self._partial.split(" ", 1)[0] if self._in_progress else ""
        done = self.done + (len(partial) if set(partial) <= OUTCOMES else 0)
        failed = self.failed + sum(partial.count(c) for c in "FE")
        where = f", {self.percent} at the last full line" if self.percent else ""
        with _print_lock:
            print(
                f"[{self.engine}] ... {done} tests done, {failed} failed, {now - self._started:.0f} s{where}",
                flush=True,
            )


if __name__ == "__main__":
    sys.exit(main())
