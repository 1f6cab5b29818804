"""Item 17: the throttle slows guessing down without handing attackers a lockout. It keys on the
(e-mail, address) pair and on the address, with exponential back-off; there is no per-e-mail
lock, and a user who logged in from an address before ignores that address's own back-off."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta

import httpx
from starlette.applications import Starlette

from models import AuditEntry, AuthSession, LoginThrottle
from settings import Settings
from tests.client import login as login_as
from tests.factories import make_account, make_user

ATTACKER = "198.51.100.66"
OFFICE = "192.0.2.10"
HOME = "203.0.113.200"
WRONG = "not the password"


@asynccontextmanager
async def from_address(app: Starlette, ip: str) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, client=(ip, 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


async def login(app: Starlette, ip: str, email: str, password: str | None = None) -> str:
    """The login's outcome: OK or the error code."""
    async with from_address(app, ip) as client:
        payload = await (login_as(client, email, password) if password else login_as(client, email))
    return str(payload["errors"][0]["code"]) if payload["errors"] else "OK"


async def row(ip: str, email: str = "") -> LoginThrottle:
    return await LoginThrottle.get(ip=ip, email=email)


async def test_hammering_an_email_from_one_address_does_not_lock_its_owner_out(app: Starlette) -> None:
    # given
    await make_user(await make_account(), email="ann@example.com")
    attempts = [await login(app, ATTACKER, "ann@example.com", WRONG) for _ in range(12)]

    # when
    outcome = await login(app, HOME, "ann@example.com")

    # then
    assert attempts == ["INVALID_CREDENTIALS"] * 5 + ["THROTTLED"] * 7
    assert outcome == "OK"
    assert await AuditEntry.filter(action="LOGIN", ip=HOME).count() == 1


async def test_an_address_that_tried_many_emails_backs_off_except_for_its_known_users(
    app: Starlette, settings: Settings
) -> None:
    # given: bob logged in from the office before; then someone there tries 20 e-mails
    account = await make_account()
    await make_user(account, email="bob@example.com")
    await make_user(account, email="carol@example.com")
    assert await login(app, OFFICE, "bob@example.com") == "OK"
    guesses = [await login(app, OFFICE, f"nobody{n}@example.com", WRONG) for n in range(20)]

    # when
    bob, carol, carol_at_home = (
        await login(app, OFFICE, "bob@example.com"),
        await login(app, OFFICE, "carol@example.com"),
        await login(app, HOME, "carol@example.com"),
    )

    # then
    assert settings.login_ip_max_failures == 20
    assert guesses == ["INVALID_CREDENTIALS"] * 20
    assert (bob, carol, carol_at_home) == ("OK", "THROTTLED", "OK")
    office = await row(OFFICE)
    assert office.failures == 20
    assert office.last_failure_at is not None
    assert office.blocked_until == office.last_failure_at + timedelta(seconds=30)


async def test_the_back_off_doubles_with_every_failure_up_to_its_cap(app: Starlette) -> None:
    # given
    await make_user(await make_account(), email="ann@example.com")
    for _ in range(5):
        await login(app, ATTACKER, "ann@example.com", WRONG)
    waits = []

    # when: each time the back-off has passed, one more wrong password
    for _ in range(8):
        pair = await row(ATTACKER, "ann@example.com")
        assert pair.blocked_until is not None and pair.last_failure_at is not None
        waits.append((pair.blocked_until - pair.last_failure_at).total_seconds())
        past = datetime.now(UTC) - timedelta(seconds=1)
        await LoginThrottle.filter(id=pair.id).update(blocked_until=past, last_failure_at=past)
        assert await login(app, ATTACKER, "ann@example.com", WRONG) == "INVALID_CREDENTIALS"

    # then
    assert waits == [30, 60, 120, 240, 480, 900, 900, 900]
    assert (await row(ATTACKER, "ann@example.com")).failures == 13


async def test_a_success_clears_the_pair_and_gives_the_address_its_count_back(app: Starlette) -> None:
    # given
    await make_user(await make_account(), email="ann@example.com")
    for _ in range(4):
        await login(app, OFFICE, "ann@example.com", WRONG)

    # when
    outcome = await login(app, OFFICE, "ann@example.com")

    # then
    assert outcome == "OK"
    pair, address = await row(OFFICE, "ann@example.com"), await row(OFFICE)
    assert (pair.failures, pair.blocked_until, pair.succeeded_at is not None) == (0, None, True)
    assert (address.failures, address.blocked_until) == (4, None)


async def test_a_run_of_failures_is_forgotten_after_the_window(app: Starlette, settings: Settings) -> None:
    # given: 5 failures whose back-off ended a window ago
    await make_user(await make_account(), email="ann@example.com")
    for _ in range(5):
        await login(app, ATTACKER, "ann@example.com", WRONG)
    long_ago = datetime.now(UTC) - timedelta(seconds=settings.login_window_seconds + 31)
    await LoginThrottle.filter(ip=ATTACKER).update(
        last_failure_at=long_ago, blocked_until=long_ago + timedelta(seconds=30)
    )

    # when
    outcome = await login(app, ATTACKER, "ann@example.com", WRONG)

    # then: counted as the first of a new run
    assert outcome == "INVALID_CREDENTIALS"
    assert (await row(ATTACKER, "ann@example.com")).failures == 1
    assert (await row(ATTACKER)).failures == 1


async def test_a_refused_attempt_writes_nothing(app: Starlette) -> None:
    # given: the attacker's address backs off (20 e-mails tried)
    await make_user(await make_account(), email="ann@example.com")
    for n in range(20):
        await login(app, ATTACKER, f"nobody{n}@example.com", WRONG)
    before = await LoginThrottle.all().order_by("id").values()

    # when
    outcome = await login(app, ATTACKER, "ann@example.com")

    # then
    assert outcome == "THROTTLED"
    assert await LoginThrottle.all().order_by("id").values() == before
    assert await LoginThrottle.filter(email="ann@example.com").count() == 0
    assert await AuthSession.all().count() == 0
    assert await AuditEntry.all().count() == 0
