"""Item 4: X-Forwarded-For is believed only from SWITCHBOARD_TRUSTED_PROXIES. Real `switchboard
serve` processes on loopback: with no trusted proxy, a forged header changes neither the audit
address, nor the session's, nor the login throttle's key; with 127.0.0.1 trusted, it does."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from starlette.requests import Request

from gql.context import client_ip
from models import AuditEntry, AuthSession, LoginThrottle
from settings import Settings
from tests.client import LOGIN
from tests.factories import PASSWORD, make_account, make_user
from tests.hardening.auth_servers import serving

FORGED = "198.51.100.23"


@pytest.fixture(scope="module")
def servers(settings: Settings) -> Iterator[list[str]]:
    """[no trusted proxy, 127.0.0.1 trusted]"""
    with serving(settings, {}, {"SWITCHBOARD_TRUSTED_PROXIES": '["127.0.0.1/32"]'}) as urls:
        yield urls


def _login(url: str, password: str, forwarded_for: str) -> list[dict[str, object]]:
    response = httpx.post(
        f"{url}/graphql",
        json={"query": LOGIN, "variables": {"e": "ann@example.com", "p": password}},
        headers={"X-Forwarded-For": forwarded_for},
        timeout=30,
    )
    errors: list[dict[str, object]] = response.json()["data"]["login"]["errors"]
    return errors


@pytest.mark.slow
async def test_a_forged_header_is_ignored_without_trusted_proxies(servers: list[str]) -> None:
    # given
    await make_user(await make_account(), email="ann@example.com")

    # when
    errors = _login(servers[0], PASSWORD, FORGED)

    # then
    assert errors == []
    assert await AuditEntry.all().values_list("action", "ip") == [("LOGIN", "127.0.0.1")]
    assert await AuthSession.all().values_list("ip", flat=True) == ["127.0.0.1"]
    assert await LoginThrottle.all().order_by("email").values_list("ip", "email") == [
        ("127.0.0.1", ""),
        ("127.0.0.1", "ann@example.com"),
    ]


@pytest.mark.slow
async def test_a_new_forged_address_per_try_does_not_escape_the_throttle(servers: list[str]) -> None:
    # given
    await make_user(await make_account(), email="ann@example.com")
    wrong = [_login(servers[0], "not the password", f"198.51.100.{n}") for n in range(5)]

    # when
    errors = _login(servers[0], "not the password", "198.51.100.99")

    # then
    assert [e[0]["code"] for e in wrong] == ["INVALID_CREDENTIALS"] * 5
    assert [e["code"] for e in errors] == ["THROTTLED"]
    assert await LoginThrottle.filter(email="ann@example.com").values_list("ip", "failures") == [
        ("127.0.0.1", 5)
    ]


@pytest.mark.slow
async def test_the_header_of_a_trusted_proxy_is_believed(servers: list[str]) -> None:
    # given
    await make_user(await make_account(), email="ann@example.com")

    # when
    errors = _login(servers[1], PASSWORD, f"192.0.2.1, {FORGED}")

    # then: the right-most address that is not a trusted proxy
    assert errors == []
    assert await AuditEntry.all().values_list("action", "ip") == [("LOGIN", FORGED)]
    assert await AuthSession.all().values_list("ip", flat=True) == [FORGED]


def _request(peer: str, forwarded_for: str) -> Request:
    headers = [(b"x-forwarded-for", forwarded_for.encode())]
    return Request({"type": "http", "client": (peer, 1234), "headers": headers})


@pytest.mark.parametrize(
    ("forwarded_for", "ip"),
    [
        ("not-an-address", "10.0.0.5"),
        (f"{FORGED}, bogus", "10.0.0.5"),
        (f"bogus, {FORGED}", FORGED),
        ("x" * 500, "10.0.0.5"),
        ("2001:DB8::0001", "2001:db8::1"),
    ],
)
async def test_a_hop_that_is_not_an_address_is_never_the_client(forwarded_for: str, ip: str) -> None:
    assert client_ip(_request("10.0.0.5", forwarded_for), ["10.0.0.0/8"]) == ip
