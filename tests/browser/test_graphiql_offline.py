"""GraphiQL works with nothing but the app: `switchboard serve --demo` in a subprocess, then
headless Chromium (tests/browser/graphiql_offline.mjs) loads the page with every request outside
the app's origin aborted, opens the explorer, logs in through the editor, sends the token from
the headers pane and lists customers. Screenshots go to test-artifacts/graphiql/.

A browser test runs once, in the SQLite run of the suite (its server has its own SQLite file
either way). Chromium and Node must be there: a missing one fails the test, never skips it
(scripts/run_tests.py installs Chromium and the pinned npm packages when they are missing)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from services.demo import CUSTOMER_COUNT
from tests.conftest import ENGINE
from tests.hardening.auth_servers import free_port, wait_until_up

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
ARTIFACTS = ROOT / "test-artifacts" / "graphiql"
CHROMIUM = os.environ.get("SWITCHBOARD_CHROMIUM", "/usr/bin/chromium")

pytestmark = pytest.mark.skipif(ENGINE != "sqlite", reason="browser test: runs once, in the SQLite run")


def ensure_browser_tools() -> str:
    """Node's path, once Chromium is found and the pinned npm packages are installed."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"Chromium is missing at {CHROMIUM} (apt-get install chromium, or set SWITCHBOARD_CHROMIUM)"
        )
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.fail("Node.js and npm are needed for the browser tests")
    if not (HERE / "node_modules").is_dir():
        subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=HERE, check=True)
    return node


def serve_demo(port: int, log: Path, tmp: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SWITCHBOARD_")}
    env.update(
        PYTHONUNBUFFERED="1",
        SWITCHBOARD_DATABASE_URL=f"sqlite://{tmp}/demo.db",
        SWITCHBOARD_SECRET_KEY="browser-test-key-of-sufficient-length-0123456789",
        SWITCHBOARD_OUTBOX_DIR=str(tmp / "outbox"),
        SWITCHBOARD_RUN_SCHEDULER_IN_PROCESS="false",
    )
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "cli", "serve", "--demo", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def test_graphiql_works_with_every_outside_request_blocked(tmp_path: Path) -> None:
    # given: the demo server, and a browser that may reach nothing but it
    node = ensure_browser_tools()
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    port, log = free_port(), tmp_path / "serve.log"
    server = serve_demo(port, log, tmp_path)
    try:
        wait_until_up(f"http://127.0.0.1:{port}")
        printed = log.read_text()
        login = re.search(r"^Login: (\S+) / (\S+)$", printed, re.MULTILINE)
        assert login is not None, printed

        # when: a person's session in GraphiQL
        options = [
            "--url",
            f"http://127.0.0.1:{port}/graphql",
            "--chromium",
            CHROMIUM,
            "--artifacts",
            str(ARTIFACTS),
        ]
        done = subprocess.run(
            [node, "graphiql_offline.mjs", *options],
            cwd=HERE,
            env={**os.environ, "LOGIN_EMAIL": login[1], "LOGIN_PASSWORD": login[2]},
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        server.terminate()
        server.wait(timeout=15)

    # then
    assert f"GraphiQL: http://127.0.0.1:{port}/graphql\n" in printed
    assert done.stdout, done.stderr
    report = json.loads(done.stdout)
    assert report["error"] is None, f"{report['error']}\n{done.stderr}"
    assert report["blockerWorks"]
    assert report["blocked"] == []
    assert all(url.startswith(f"http://127.0.0.1:{port}/") for url in report["requests"])
    assert (report["failed"], report["cspViolations"]) == ([], [])
    assert (report["consoleErrors"], report["pageErrors"]) == ([], [])
    assert "customers" in report["explorerFields"]
    assert report["tokenReceived"]
    assert report["customers"]["totalCount"] == CUSTOMER_COUNT
    assert len(report["customers"]["names"]) == 5
    assert report["ok"]
    assert done.returncode == 0
    assert sorted(Path(shot).name for shot in report["screenshots"]) == [
        "01-loaded.png",
        "02-explorer.png",
        "03-login.png",
        "04-headers.png",
        "05-customers.png",
    ]
