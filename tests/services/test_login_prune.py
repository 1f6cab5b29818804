"""The hourly prune forgets only what no longer throttles anyone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from models import Account, LoginAttempt, LoginThrottle, PasswordToken
from models.enums import PasswordTokenPurpose
from services.login_throttle import prune
from services.users.links import prune_links
from settings import Settings
from tests.factories import make_user

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)


async def test_prune_keeps_live_back_offs_and_known_pairs(settings: Settings) -> None:
    window = timedelta(seconds=settings.login_window_seconds)
    known = timedelta(days=settings.login_known_address_days)

    async def row(ip: str, **values: Any) -> None:
        await LoginThrottle.create(ip=ip, email="ann@example.com", **values)

    await row("10.0.0.1", failures=3, last_failure_at=NOW - window - timedelta(seconds=1))  # run over
    await row("10.0.0.2", failures=3, last_failure_at=NOW - timedelta(seconds=5))  # run still counts
    await row(
        "10.0.0.3",
        failures=9,
        last_failure_at=NOW - window * 2,
        blocked_until=NOW - window + timedelta(seconds=1),  # back-off ended less than a window ago
    )
    await row("10.0.0.4", failures=0, succeeded_at=NOW - known + timedelta(days=1))  # known pair
    await row("10.0.0.5", failures=0, succeeded_at=NOW - known - timedelta(days=1))  # no longer known
    old = await LoginAttempt.create(email="a@x", ip="1", succeeded=False)
    recent = await LoginAttempt.create(email="a@x", ip="1", succeeded=False)
    retention = timedelta(days=settings.login_attempt_retention_days)
    await LoginAttempt.filter(id=old.id).update(at=NOW - retention - timedelta(minutes=1))
    await LoginAttempt.filter(id=recent.id).update(at=NOW - retention + timedelta(minutes=1))

    deleted = await prune(settings, NOW)

    assert deleted == 3
    assert sorted(await LoginThrottle.all().values_list("ip", flat=True)) == [
        "10.0.0.2",
        "10.0.0.3",
        "10.0.0.4",
    ]
    assert await LoginAttempt.all().values_list("id", flat=True) == [recent.id]


async def test_prune_forgets_only_links_that_cannot_work_and_no_longer_count(account: Account) -> None:
    user = await make_user(account)

    async def link(name: str, created: timedelta, expires: timedelta, spent: bool = False) -> None:
        token = await PasswordToken.create(
            account_id=account.id,
            user_id=user.id,
            purpose=PasswordTokenPurpose.RESET,
            token_hash=name.ljust(64, "0"),
            expires_at=NOW + expires,
            spent_at=NOW - created if spent else None,
        )
        await PasswordToken.filter(id=token.id).update(created_at=NOW - created)

    await link("expired", created=timedelta(hours=2), expires=-timedelta(hours=1))  # gone
    await link("spent", created=timedelta(hours=2), expires=timedelta(hours=70), spent=True)  # gone
    await link("working", created=timedelta(hours=2), expires=timedelta(hours=70))  # an invitation still open
    await link("counted", created=timedelta(minutes=30), expires=-timedelta(minutes=1))  # in the cap's hour

    deleted = await prune_links(NOW)

    assert deleted == 2
    kept = [str(token_hash) for token_hash in await PasswordToken.all().values_list("token_hash", flat=True)]
    assert sorted(token_hash.rstrip("0") for token_hash in kept) == ["counted", "working"]
