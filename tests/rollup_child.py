"""A roll-up in a process of its own, for tests/services/test_cdr_rollup_kill.py:

    python -m tests.rollup_child run <batch>     roll up everything, print the stats, exit
    python -m tests.rollup_child hang <batch>    roll up; at the second batch's claim (the
                                                 first batch committed, the second's marks
                                                 deleted in its open transaction) print
                                                 "holding" and wait to be killed

Each step the roll-up reports is printed on its own line, flushed, so the parent can act on it.
The database is the one SWITCHBOARD_DATABASE_URL names."""

from __future__ import annotations

import asyncio
import sys

from tortoise import Tortoise

from services.cdrs.rollup import roll_up
from settings import Settings


async def main(mode: str, batch: int) -> None:
    await Tortoise.init(config=Settings().tortoise_config(), _enable_global_fallback=True)
    claims = 0

    async def hook(step: str) -> None:
        nonlocal claims
        print(step, flush=True)
        claims += step == "claimed"
        if mode == "hang" and claims == 2:
            print("holding", flush=True)
            await asyncio.Event().wait()  # until SIGKILL

    try:
        stats = await roll_up(batch=batch, hook=hook)
        print(f"done {stats.marks} {stats.hours} {stats.cdrs}", flush=True)
    finally:
        await Tortoise.close_connections()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2])))
