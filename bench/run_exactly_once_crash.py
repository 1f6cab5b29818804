"""Benchmark: the Delay-and-Save crash test (1 000 changes, a scheduler killed) on both engines.

    uv run python bench/run_exactly_once_crash.py [--changes 1000] [--engines sqlite,postgres]

Runs tests/workers/test_scheduled_changes_exactly_once.py (the suite runs it with 1 000
changes) with EXACTLY_ONCE_CHANGES=--changes, once per engine (SWITCHBOARD_TEST_DB), and
reports what it printed (changes, how many were applied when the scheduler process was killed,
the seconds from releasing it to the last change applied) with the test's own duration and the
load average. Every assertion of the test holds at that size too: 0 missed,
0 doubled, one APPLY entry per change. Writes bench/results/exactly_once_crash.json.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from typing import Any

from common import (
    ROOT,
    argument_parser,
    load_average,
    machine,
    parse_options,
    print_report,
    relative,
    write_json,
)

TEST = "tests/workers/test_scheduled_changes_exactly_once.py"
PRINTED = re.compile(r"^(\d+) changes; killed at (\d+) applied; applied in ([\d.]+) s$", re.MULTILINE)
DURATION = re.compile(r"^([\d.]+)s call\s", re.MULTILINE)


@dataclass
class Options:
    changes: int
    engines: str


def run(engine: str, changes: int) -> dict[str, Any]:
    env = {**os.environ, "SWITCHBOARD_TEST_DB": engine, "EXACTLY_ONCE_CHANGES": str(changes)}
    load = load_average()
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:randomly", "--durations=1", TEST],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    wall = time.monotonic() - started
    printed, duration = PRINTED.search(done.stdout), DURATION.search(done.stdout)
    if done.returncode != 0 or printed is None or duration is None:
        raise SystemExit(f"{engine}: the test failed:\n{done.stdout[-4000:]}\n{done.stderr[-2000:]}")
    return {
        "engine": engine,
        "changes": int(printed[1]),
        "applied_when_killed": int(printed[2]),
        "apply_seconds": float(printed[3]),
        "test_call_seconds": float(duration[1]),
        "pytest_wall_seconds": round(wall, 1),
        "load_average_before": load,
    }


def main() -> None:
    parser = argument_parser(__doc__)
    parser.add_argument("--changes", type=int, default=1000, help="a multiple of 10 (ten per customer)")
    parser.add_argument("--engines", default="sqlite,postgres", help="comma-separated: sqlite, postgres")
    options = parse_options(parser, Options)
    rows = [run(engine, options.changes) for engine in options.engines.split(",")]
    lines = [
        "| engine | changes | applied when killed | releasing -> all applied | test call | pytest | load |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    lines += [
        f"| {r['engine']} | {r['changes']} | {r['applied_when_killed']} | {r['apply_seconds']} s | "
        f"{r['test_call_seconds']} s | {r['pytest_wall_seconds']} s | {r['load_average_before']} |"
        for r in rows
    ]
    output = write_json("exactly_once_crash.json", {"meta": machine(), "runs": rows})
    print_report("\n".join(lines), str(relative(output)))


if __name__ == "__main__":
    main()
