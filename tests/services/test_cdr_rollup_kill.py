"""The roll-up killed mid-run (SIGKILL, in a process of its own, while a batch's transaction is
open) and run again, here by two processes at once: nothing is counted twice or lost."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from models import Account, CdrRollupMark
from settings import Settings
from tests.factories import make_customer
from tests.services.test_cdr_rollup import call, send, summaries, sums_of_cdrs

ROOT = Path(__file__).resolve().parents[2]
BATCH = 3


def child(settings: Settings, mode: str) -> subprocess.Popen[str]:
    env = {**os.environ, "SWITCHBOARD_DATABASE_URL": settings.database_url}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.rollup_child", mode, str(BATCH)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )


def read_until(process: subprocess.Popen[str], marker: str) -> list[str]:
    assert process.stdout is not None
    lines: list[str] = []
    while True:
        line = process.stdout.readline()
        assert line, f"the roll-up ended before {marker!r}: {lines}"
        lines.append(line.strip())
        if lines[-1] == marker:
            return lines


@pytest.mark.slow
async def test_a_roll_up_killed_inside_a_batch_then_rerun_by_two_processes_counts_every_cdr_once(
    account: Account, settings: Settings
) -> None:
    customers = [await make_customer(account) for _ in range(2)]
    await send(account, [call(customers[(i // 6) % 2], f"kill-{i}", i % 6) for i in range(40)])  # 12 marks
    assert await CdrRollupMark.all().count() == 12

    # when: killed while its second batch holds its claim, uncommitted
    doomed = child(settings, "hang")
    steps = read_until(doomed, "holding")
    doomed.send_signal(signal.SIGKILL)
    doomed.wait(timeout=30)

    # then: the first batch stands, the second's claim rolled back with the dead connection
    assert steps == ["claimed", "committed", "claimed", "holding"]
    assert await CdrRollupMark.all().count() == 12 - BATCH
    assert len(await summaries(account.id)) == BATCH

    # when: two roll-ups at once finish the work
    finishers = [child(settings, "run"), child(settings, "run")]
    outputs = [process.communicate(timeout=120)[0].split() for process in finishers]

    # then: every mark consumed once, every hour equals the sums of its CDRs
    assert [process.returncode for process in finishers] == [0, 0]
    marks = [int(out[out.index("done") + 1]) for out in outputs]
    assert sum(marks) == 12 - BATCH
    assert await CdrRollupMark.all().count() == 0
    assert await summaries(account.id) == await sums_of_cdrs(account.id)
    assert sum(row[0] for row in (await summaries(account.id)).values()) == 40
