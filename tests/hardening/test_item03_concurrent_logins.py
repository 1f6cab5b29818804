"""Item 3: failed logins racing each other cannot slip past the throttle. The check and the count
are one atomic step, so 20 parallel wrong passwords for one e-mail from one address get exactly
`login_max_failures` (5) answers INVALID_CREDENTIALS and 15 THROTTLED: in one process, and over
two server processes on the same database."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from models import AuditEntry, AuthSession, LoginAttempt, LoginThrottle
from settings import Settings
from tests.client import LOGIN
from tests.factories import PASSWORD, make_account, make_user
from tests.hardening.auth_servers import serving

PARALLEL = 20


@pytest.fixture(scope="module")
def two_servers(settings: Settings) -> Iterator[list[str]]:
    with serving(settings, {}, {}) as urls:
        yield urls


async def _wrong_login(http: httpx.AsyncClient, url: str, email: str) -> str:
    response = await http.post(
        f"{url}/graphql", json={"query": LOGIN, "variables": {"e": email, "p": "not the password"}}
    )
    assert response.status_code == 200, response.text
    errors: list[dict[str, Any]] = response.json()["data"]["login"]["errors"]
    return str(errors[0]["code"])


async def _assert_counted_five(settings: Settings, email: str, ip: str) -> None:
    assert settings.login_max_failures == 5
    assert await LoginThrottle.filter(ip=ip).order_by("email").values_list("email", "failures") == [
        ("", 5),
        (email, 5),
    ]
    assert await LoginAttempt.filter(email=email, succeeded=False).count() == 5
    assert await AuthSession.all().count() == 0
    assert await AuditEntry.all().count() == 0


async def test_20_parallel_wrong_passwords_in_one_process_get_5_answers_and_15_refusals(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    # given
    await make_user(await make_account(), email="ann@example.com")

    # when
    codes = await asyncio.gather(*(_wrong_login(client, "", "ann@example.com") for _ in range(PARALLEL)))

    # then
    assert Counter(codes) == {"INVALID_CREDENTIALS": 5, "THROTTLED": 15}
    await _assert_counted_five(settings, "ann@example.com", "203.0.113.7")


@pytest.mark.slow
async def test_20_parallel_wrong_passwords_over_two_processes_get_5_answers_and_15_refusals(
    two_servers: list[str], settings: Settings
) -> None:
    # given
    await make_user(await make_account(), email="ann@example.com")

    # when
    limits = httpx.Limits(max_connections=PARALLEL)
    async with httpx.AsyncClient(timeout=60, limits=limits) as http:
        codes = await asyncio.gather(
            *(_wrong_login(http, two_servers[i % 2], "ann@example.com") for i in range(PARALLEL))
        )

    # then
    assert Counter(codes) == {"INVALID_CREDENTIALS": 5, "THROTTLED": 15}
    await _assert_counted_five(settings, "ann@example.com", "127.0.0.1")


@pytest.mark.slow
async def test_the_right_password_still_works_from_another_process_after_the_race(
    two_servers: list[str],
) -> None:
    # given: the pair (ann, 127.0.0.1) is backing off after a race of wrong passwords
    await make_user(await make_account(), email="ann@example.com")
    async with httpx.AsyncClient(timeout=60) as http:
        await asyncio.gather(*(_wrong_login(http, two_servers[i % 2], "ann@example.com") for i in range(8)))

        # when
        response = await http.post(
            f"{two_servers[1]}/graphql",
            json={"query": LOGIN, "variables": {"e": "ann@example.com", "p": PASSWORD}},
        )

    # then: refused while it backs off, with nothing written
    assert response.json()["data"]["login"]["errors"] == [
        {"code": "THROTTLED", "message": "Too many failed logins; try again in a few minutes.", "field": None}
    ]
    assert await AuthSession.all().count() == 0
