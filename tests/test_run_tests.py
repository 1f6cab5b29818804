"""scripts/run_tests.py runs both engines at once and shows each one's progress while it runs:
every line prefixed with its engine as it comes, a progress line per engine while a line is
still being written, then the combined summary; one failing engine fails the whole. Two fake
pytest processes stand in for the real ones (their output is pytest -q's)."""

from __future__ import annotations

import re
import sys
import textwrap

import pytest

from scripts import run_tests

FAKE_PYTEST = textwrap.dedent(
    """
    import os, sys, time
    if os.environ["SWITCHBOARD_TEST_DB"] == "sqlite":
        print("..F", end="", flush=True)
        time.sleep(1.5)  # a test that takes a while, mid-line
        print("s.                                                  [100%]")
        print("=================================== FAILURES ===================================")
        print("..F this line of a traceback is no progress")
        print("1 failed, 3 passed, 1 skipped in 1.51s")
        sys.exit(1)
    print(".....                                                   [100%]")
    print("5 passed in 0.20s")
    """
)


def test_both_engines_stream_their_progress_and_a_failing_one_fails_the_whole(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # given: progress lines every half second
    monkeypatch.setattr(run_tests, "PROGRESS_SECONDS", 0.5)

    # when
    status = run_tests.run_suites([], pytest=[sys.executable, "-c", FAKE_PYTEST])

    # then
    lines = capsys.readouterr().out.splitlines()
    assert status == 1
    assert any(re.fullmatch(r"\[sqlite\] \.\.\. 3 tests done, 1 failed, \d+ s", line) for line in lines)
    assert "[postgres] 5 passed in 0.20s" in lines
    assert "[sqlite] ..Fs.                                                  [100%]" in lines
    assert "[sqlite] ..F this line of a traceback is no progress" in lines
    assert lines[-3:] == [
        "== pytest on sqlite (exit 1): 1 failed, 3 passed, 1 skipped in 1.51s",
        "== pytest on postgres (exit 0): 5 passed in 0.20s",
        "total: 8 passed, 1 failed, 1 skipped",
    ]
