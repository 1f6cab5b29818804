"""Helpers shared by the benchmark scripts of this folder.

The scripts run as `uv run python bench/<script>.py` from the project root; Python then puts
`bench/` first on `sys.path`, so they import this module as `common` (bench/ is not a package).
Each script keeps its own measurement logic; this module holds only what they have in common:
the bench database's lifecycle, the `python -m cli` processes, latency statistics, the login
mutation, the machine's description and the files under `bench/results/`.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import os
import platform
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, TypeVar

import asyncpg
import httpx
import orjson

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PG_BASE = "postgres://postgres@127.0.0.1:5432"
SECRET_KEY = "bench-secret-key-of-sufficient-length-0123456789abcdef"
PASSWORD = "bench password 1234"
LOGIN = """mutation($email: String!, $password: String!) {
login(input: {email: $email, password: $password}) { accessToken errors { code message } } }"""

OptionsT = TypeVar("OptionsT")


# --- statistics -------------------------------------------------------------------------------


def percentile(sorted_values: list[float], q: float) -> float:
    """Nearest-rank percentile of already sorted values."""
    index = max(0, min(len(sorted_values) - 1, round(q / 100 * len(sorted_values) + 0.5) - 1))
    return sorted_values[index]


@dataclass
class Latency:
    """Percentiles, maximum and mean of `count` latencies, in milliseconds."""

    count: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    mean_ms: float


def latency(seconds: list[float]) -> Latency:
    """The statistics of latencies measured in seconds (at least one)."""
    ms = sorted(value * 1000 for value in seconds)
    return Latency(
        count=len(ms),
        p50_ms=round(percentile(ms, 50), 2),
        p95_ms=round(percentile(ms, 95), 2),
        p99_ms=round(percentile(ms, 99), 2),
        max_ms=round(ms[-1], 2),
        mean_ms=round(sum(ms) / len(ms), 2),
    )


# --- processes and the machine ----------------------------------------------------------------


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far, from /proc (Linux)."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    fields = stat[stat.rindex(")") + 2 :].split()  # fields 3.. of proc(5); utime, stime are 14, 15
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def load_average() -> float:
    """The 1-minute load average, rounded."""
    return round(os.getloadavg()[0], 2)


def free_port() -> int:
    """A TCP port of 127.0.0.1 that nothing listens on (the system picks it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def git(*args: str) -> str:
    """The output of a read-only git command in the project (empty if git fails)."""
    done = subprocess.run(
        ["git", "--no-optional-locks", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )
    return done.stdout.strip()


def machine() -> dict[str, Any]:
    """Date, CPUs, Python, platform and git commit of this run, for the results' `meta`."""
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "date_utc": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "git_commit": git("rev-parse", "--short", "HEAD"),
        "git_dirty": bool(git("status", "--porcelain")),
    }


def machine_summary(meta: dict[str, Any]) -> str:
    """`2 CPUs (model), PostgreSQL 15.x, Python 3.x, date` from a `meta` built on `machine()`."""
    return (
        f"{meta['cpus']} CPUs ({meta['cpu']}), PostgreSQL {meta.get('postgres')}, "
        f"Python {meta['python']}, {meta['date_utc']}"
    )


# --- the bench database -----------------------------------------------------------------------


def asyncpg_dsn(url: str) -> str:
    """A Tortoise `postgres://` URL as asyncpg wants it."""
    return url.replace("postgres://", "postgresql://", 1)


async def admin_execute(statement: str, database_url: str = f"{PG_BASE}/postgres") -> None:
    """Run one statement on its own connection (by default to the `postgres` database)."""
    conn = await asyncpg.connect(asyncpg_dsn(database_url))
    try:
        await conn.execute(statement)
    finally:
        await conn.close()


async def server_version(database_url: str) -> str:
    """PostgreSQL's `server_version`."""
    conn = await asyncpg.connect(asyncpg_dsn(database_url))
    try:
        return str(await conn.fetchval("SHOW server_version"))
    finally:
        await conn.close()


async def drop_database(name: str) -> None:
    """Drop the database `name` if it exists, disconnecting whoever is still connected."""
    await admin_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@asynccontextmanager
async def bench_database(name: str, keep: bool) -> AsyncIterator[str]:
    """Drop and re-create the database `name`, migrate it, and yield its URL; drop it on the way
    out unless `keep`."""
    from migrations.runner import upgrade

    database_url = f"{PG_BASE}/{name}"
    await drop_database(name)
    await admin_execute(f'CREATE DATABASE "{name}"')
    try:
        await upgrade(database_url)
        yield database_url
    finally:
        if not keep:
            await drop_database(name)


# --- `python -m cli` processes ----------------------------------------------------------------


async def spawn_cli(*args: str, env: Mapping[str, str], log: IO[bytes]) -> asyncio.subprocess.Process:
    """`python -m cli <args>` in the project, its stdout and stderr going to `log`."""
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "cli", *args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )


async def spawn_server(port: int, env: Mapping[str, str], log: IO[bytes]) -> asyncio.subprocess.Process:
    """`python -m cli serve` on 127.0.0.1:`port`, not yet waited for (see `wait_healthy`)."""
    return await spawn_cli("serve", "--host", "127.0.0.1", "--port", str(port), env=env, log=log)


async def wait_healthy(url: str, process: asyncio.subprocess.Process, log_name: str) -> None:
    """Poll `url`/health until it answers 200; raise if the process exits or 180 s pass (a
    loaded machine can take a minute to import the app)."""
    deadline = time.perf_counter() + 180
    async with httpx.AsyncClient(base_url=url, timeout=2) as client:
        while time.perf_counter() < deadline:
            if process.returncode is not None:
                raise RuntimeError(f"server exited with {process.returncode}; see {log_name}")
            try:
                if (await client.get("/health")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)
    raise RuntimeError(f"server did not become healthy in 180 s; see {log_name}")


async def reap(process: asyncio.subprocess.Process, grace: float = 15) -> None:
    """Wait for a process told to stop; kill it if it is still there after `grace` s."""
    try:
        await asyncio.wait_for(process.wait(), timeout=grace)
    except TimeoutError:
        process.kill()
        await process.wait()


async def stop_process(process: asyncio.subprocess.Process, grace: float = 15) -> None:
    """SIGTERM, then SIGKILL after `grace` s; nothing if the process has already exited."""
    if process.returncode is not None:
        return
    process.terminate()
    await reap(process, grace)


# --- GraphQL ----------------------------------------------------------------------------------


def global_id(type_name: str, node_id: int) -> str:
    """The API's global id of a node."""
    return base64.b64encode(f"{type_name}:{node_id}".encode()).decode()


async def login(client: httpx.AsyncClient, email: str) -> str:
    """The access token the `login` mutation gives `email` (with the bench password)."""
    response = await client.post(
        "/graphql", json={"query": LOGIN, "variables": {"email": email, "password": PASSWORD}}
    )
    response.raise_for_status()
    payload = response.json()["data"]["login"]
    if not payload["accessToken"]:
        raise RuntimeError(f"login refused: {payload['errors']}")
    token: str = payload["accessToken"]
    return token


def json_headers(token: str) -> dict[str, str]:
    """Headers of an authenticated GraphQL request with a JSON body."""
    return {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}


# --- command line and results -----------------------------------------------------------------


def argument_parser(doc: str | None) -> argparse.ArgumentParser:
    """A parser whose --help shows the script's docstring as written."""
    return argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)


def add_keep_db(parser: argparse.ArgumentParser, db_name: str) -> None:
    """The `--keep-db` flag: leave the bench database in place for a look with psql."""
    parser.add_argument("--keep-db", action="store_true", help=f"do not drop {db_name} at the end")


def parse_options(parser: argparse.ArgumentParser, options_type: Callable[..., OptionsT]) -> OptionsT:
    """The command line as the script's options dataclass, whose fields are named like the
    parser's destinations (`--keep-db` -> `keep_db`)."""
    return options_type(**vars(parser.parse_args()))


def results_path(name: str) -> Path:
    """`bench/results/<name>`, the folder created if need be."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    return RESULTS / name


def write_json(name: str, data: Any) -> Path:
    """Write `data` as indented JSON to `bench/results/<name>`; returns the path."""
    output = results_path(name)
    output.write_bytes(orjson.dumps(data, option=orjson.OPT_INDENT_2))
    return output


def relative(path: Path) -> Path:
    """`path` relative to the project root, as the scripts print it."""
    return path.relative_to(ROOT)


def print_report(report: str, written: str) -> None:
    """A blank line, the report, then `written: <written>` after another blank line."""
    print()
    print(report)
    print(f"\nwritten: {written}")
