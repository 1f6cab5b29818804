"""Block assignment, SIP usernames, IP-auth networks and the shared extension namespace under
real concurrency: two `switchboard serve` processes on the test database, hit at once over HTTP."""

from __future__ import annotations

import asyncio
import base64
import ipaddress
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from models import Account, ConferenceRoom, IpAuth, NumberBlock, SipUser
from services.accounts import create_user
from settings import Settings
from tests.client import global_id
from tests.factories import PASSWORD, make_account, make_customer

ROOT = Path(__file__).resolve().parents[1]
ASSIGN = "mutation($id: ID!) { numberBlockAssign(input: {customerId: $id}) { numberBlock { id start end } errors { code } } }"
IP_AUTH = (
    "mutation($id: ID!, $address: String!, $extension: String) { ipAuthCreate(input: "
    "{customerId: $id, address: $address, extension: $extension}) { ipAuth { address } errors { code } } }"
)
ROOM = (
    'mutation($id: ID!) { conferenceRoomCreate(input: {customerId: $id, extension: "7000"}) '
    "{ conferenceRoom { extension } errors { code } } }"
)
SIP_EXTENSION = (
    'mutation($id: ID!) { sipUserCreate(input: {customerId: $id, username: "7000", password: "long-secret-1"}) '
    "{ sipUser { username } errors { code } } }"
)
SIP = 'mutation($id: ID!) { sipUserCreate(input: {customerId: $id, username: "shared", password: "long-secret-1"}) { sipUser { username } errors { code } } }'


def database_id(global_id_value: str) -> int:
    return int(base64.b64decode(global_id_value).decode().split(":", 1)[1])


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def servers(settings: Settings) -> Iterator[list[str]]:
    """Two server processes on the session's database."""
    env = {
        **os.environ,
        "SWITCHBOARD_DATABASE_URL": settings.database_url,
        "SWITCHBOARD_SECRET_KEY": settings.signing_key(),
        "SWITCHBOARD_RUN_SCHEDULER_IN_PROCESS": "false",
        "SWITCHBOARD_OUTBOX_DIR": str(settings.outbox_dir),
    }
    ports = [_free_port(), _free_port()]
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "cli", "serve", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        _wait_healthy(urls)
        yield urls
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=15)


def _wait_healthy(urls: list[str]) -> None:
    deadline = time.monotonic() + 120  # a guard against a hang: a loaded CI machine starts servers slowly
    for url in urls:
        while True:
            try:
                if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError(f"{url} did not start")
            time.sleep(0.2)


async def _login(http: httpx.AsyncClient, url: str, email: str) -> str:
    query = "mutation($e: String!, $p: String!) { login(input: {email: $e, password: $p}) { accessToken } }"
    response = await http.post(
        f"{url}/graphql", json={"query": query, "variables": {"e": email, "p": PASSWORD}}
    )
    token: str = response.json()["data"]["login"]["accessToken"]
    return token


async def _call(
    http: httpx.AsyncClient, url: str, token: str, query: str, customer_id: int, **variables: Any
) -> dict[str, Any]:
    response = await http.post(
        f"{url}/graphql",
        json={"query": query, "variables": {"id": global_id("Customer", customer_id), **variables}},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


@pytest.mark.slow
async def test_200_concurrent_assignments_over_two_processes_give_200_distinct_blocks(
    servers: list[str],
) -> None:
    account = await make_account()
    await Account.filter(id=account.id).update(number_range_start=10_000, number_block_size=10)
    await create_user(account, email="racer@example.com", name="Racer", password=PASSWORD)
    customers = [(await make_customer(account)).id for _ in range(20)]
    limits = httpx.Limits(max_connections=200, max_keepalive_connections=200)
    async with httpx.AsyncClient(timeout=120, limits=limits) as http:
        token = await _login(http, servers[0], "racer@example.com")
        bodies = await asyncio.gather(
            *(_call(http, servers[i % 2], token, ASSIGN, customers[i % 20]) for i in range(200))
        )

    told = [(b["data"]["numberBlockAssign"]["numberBlock"], customers[i % 20]) for i, b in enumerate(bodies)]
    assert [b["data"]["numberBlockAssign"]["errors"] for b in bodies] == [[]] * 200
    rows = {row.id: row for row in await NumberBlock.filter(account_id=account.id)}
    assert len(rows) == 200
    assert sorted(row.start for row in rows.values()) == list(range(10_000, 12_000, 10))
    # Every caller owns exactly the block it was told about: 0 duplicates, 0 lost, 0 misled.
    for block, customer_id in told:
        row = rows[database_id(block["id"])]
        assert (row.start, row.customer_id) == (block["start"], customer_id)


@pytest.mark.slow
async def test_50_concurrent_creations_of_one_username_over_two_processes(servers: list[str]) -> None:
    account = await make_account()
    await create_user(account, email="sip-racer@example.com", name="Racer", password=PASSWORD)
    customers = [(await make_customer(account)).id for _ in range(5)]
    async with httpx.AsyncClient(timeout=120, limits=httpx.Limits(max_connections=50)) as http:
        token = await _login(http, servers[1], "sip-racer@example.com")
        bodies = await asyncio.gather(
            *(_call(http, servers[i % 2], token, SIP, customers[i % 5]) for i in range(50))
        )

    codes = [tuple(e["code"] for e in b["data"]["sipUserCreate"]["errors"]) for b in bodies]
    assert (codes.count(()), codes.count(("DUPLICATE_SIP_USER",))) == (1, 49)
    assert await SipUser.filter(account_id=account.id).count() == 1


@pytest.mark.slow
async def test_100_concurrent_overlapping_networks_over_two_processes_leave_no_overlap(
    servers: list[str],
) -> None:
    account = await make_account()
    await create_user(account, email="ip-racer@example.com", name="Racer", password=PASSWORD)
    customers = [(await make_customer(account)).id for _ in range(10)]
    # nested and overlapping networks of 10.0.0.0/16, each customer's overlapping the others'
    networks = [f"10.0.{i % 7}.0/{24 - i % 3}" for i in range(100)]
    limits = httpx.Limits(max_connections=100, max_keepalive_connections=100)
    async with httpx.AsyncClient(timeout=120, limits=limits) as http:
        token = await _login(http, servers[0], "ip-racer@example.com")
        bodies = await asyncio.gather(
            *(
                _call(http, servers[i % 2], token, IP_AUTH, customers[i % 10], address=networks[i])
                for i in range(100)
            )
        )

    codes = [tuple(e["code"] for e in b["data"]["ipAuthCreate"]["errors"]) for b in bodies]
    assert set(codes) <= {(), ("IP_RANGE_OVERLAP",)}
    rows = await IpAuth.filter(account_id=account.id)
    assert len(rows) == codes.count(()) > 0
    held = [(row.customer_id, ipaddress.ip_network(row.address)) for row in rows]
    clashes = [(a, b) for a in held for b in held if a[0] != b[0] and a[1].overlaps(b[1])]
    assert clashes == []


@pytest.mark.slow
async def test_50_concurrent_claims_of_one_extension_across_sip_users_ip_auth_and_rooms_over_two_processes(
    servers: list[str],
) -> None:
    account = await make_account()
    await create_user(account, email="ext-racer@example.com", name="Racer", password=PASSWORD)
    customers = [(await make_customer(account)).id for _ in range(5)]

    async def claim(http: httpx.AsyncClient, token: str, i: int) -> tuple[str, ...]:
        url, customer_id = servers[i % 2], customers[i % 5]
        if i % 3 == 0:
            body = await _call(
                http, url, token, IP_AUTH, customer_id, address=f"192.0.2.{i}", extension="7000"
            )
            return tuple(e["code"] for e in body["data"]["ipAuthCreate"]["errors"])
        if i % 3 == 1:
            body = await _call(http, url, token, ROOM, customer_id)
            return tuple(e["code"] for e in body["data"]["conferenceRoomCreate"]["errors"])
        body = await _call(http, url, token, SIP_EXTENSION, customer_id)
        return tuple(e["code"] for e in body["data"]["sipUserCreate"]["errors"])

    async with httpx.AsyncClient(timeout=120, limits=httpx.Limits(max_connections=50)) as http:
        token = await _login(http, servers[1], "ext-racer@example.com")
        codes = await asyncio.gather(*(claim(http, token, i) for i in range(50)))

    assert codes.count(()) == 1
    assert set(codes) - {()} <= {("DUPLICATE_EXTENSION",), ("DUPLICATE_SIP_USER",)}
    sip_users = await SipUser.filter(account_id=account.id).count()
    ip_auths = await IpAuth.filter(account_id=account.id, extension=7000).count()
    rooms = await ConferenceRoom.filter(account_id=account.id).count()
    assert sip_users + ip_auths + rooms == 1
