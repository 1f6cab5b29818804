"""`switchboard import-cdrs FILE --account N`: the feed's service from the command line."""

from __future__ import annotations

import asyncio
import os
import sys
from decimal import Decimal
from pathlib import Path

import orjson

from models import Account, Cdr, Customer
from settings import Settings
from tests.cdr_data import csv_body, gzipped, record
from tests.factories import make_customer


async def run_cli(settings: Settings, *args: str) -> tuple[int, str, str]:
    env = {**os.environ, "SWITCHBOARD_DATABASE_URL": settings.database_url}
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "cli",
        *args,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await process.communicate()
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


async def test_import_cdrs_loads_a_gzipped_csv_and_prints_the_answer(
    settings: Settings, account: Account, tmp_path: Path
) -> None:
    customer = await make_customer(account)
    rows = [record(customer, callId=f"cli-{i}", charge="0.2500") for i in range(30)]
    path = tmp_path / "cdrs.csv.gz"
    path.write_bytes(gzipped(csv_body([*rows, record(customer, callId="bad", duration=-1)])))

    status, out, _err = await run_cli(settings, "import-cdrs", str(path), "--account", str(account.id))
    again = await run_cli(settings, "import-cdrs", str(path), "--account", str(account.id))

    assert status == 0
    rejected = [{"line": 32, "reason": "duration must not be negative."}]
    assert orjson.loads(out) == {"accepted": 30, "duplicates": 0, "rejected": rejected}
    assert orjson.loads(again[1]) == {"accepted": 0, "duplicates": 30, "rejected": rejected}
    assert await Cdr.filter(customer_id=customer.id).count() == 30
    assert (await Customer.get(id=customer.id)).balance == Decimal("-7.5000")


async def test_import_cdrs_of_a_missing_file_says_so(settings: Settings, tmp_path: Path) -> None:
    status, _out, err = await run_cli(
        settings, "import-cdrs", str(tmp_path / "none.ndjson"), "--account", "1"
    )

    assert status == 1
    assert err.strip() == f"switchboard: no such file: {tmp_path / 'none.ndjson'}"
