"""The whole check: lint, types, layering, generated files, then the test suite on SQLite and
on PostgreSQL (both engines in parallel, one process each). Starts PostgreSQL and Redis when
they are down; never skips them. Extra arguments go to pytest."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
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
BROWSER_TESTS = ROOT / "tests" / "browser"
CHROMIUM = os.environ.get("SWITCHBOARD_CHROMIUM", "/usr/bin/chromium")


def main() -> int:
    os.chdir(ROOT)
    for name, (port, start, package) in SERVICES.items():
        ensure_service(name, port, start, package)
    ensure_browser_tools()
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


def run_suites(pytest_args: list[str]) -> int:
    """Both engines at once; each engine's output is printed whole when it finishes."""
    processes = {}
    for engine in ENGINES:
        log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 - read back after the process ends
        env = {**os.environ, "SWITCHBOARD_TEST_DB": engine}
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *pytest_args]
        processes[engine] = (subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT), log)
    totals = {"passed": 0, "failed": 0, "skipped": 0, "errors": 0}
    worst = 0
    for engine, (process, log) in processes.items():
        code = process.wait()
        log.seek(0)
        output = log.read()
        print(f"== pytest on {engine} (exit {code})\n{output}", flush=True)
        for count, kind in re.findall(
            r"(\d+) (passed|failed|skipped|errors?)", output.splitlines()[-1] if output else ""
        ):
            totals["errors" if kind.startswith("error") else kind] += int(count)
        worst = max(worst, code)
    failed = totals["failed"] + totals["errors"]
    print(f"both engines: {totals['passed']} passed, {failed} failed, {totals['skipped']} skipped")
    return worst


if __name__ == "__main__":
    sys.exit(main())
