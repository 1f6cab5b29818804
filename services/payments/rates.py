"""The account's exchange rates: how many units of the customer's currency one unit of a
top-up currency buys. Set by staff, one per currency pair, never derived: a pair without a rate
refuses payments in it (NO_EXCHANGE_RATE); the inverse of a pair is not used for the other way,
since a carrier's buy and sell rates differ."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from tortoise.backends.base.client import BaseDBAsyncClient

from models import ExchangeRate
from models.enums import ActorKind, AuditAction, Permission
from models.payments import RATE_DIGITS, RATE_PLACES
from services import validation as v
from services.actor import Actor
from services.auditing import json_safe
from services.errors import ErrorCode, FieldError, ServiceError, permission_denied
from services.uow import unit_of_work

TABLE = "exchange_rate"
MAX_RATE = Decimal(10) ** (RATE_DIGITS - RATE_PLACES)
ONE = Decimal(1)


@dataclass(frozen=True)
class RateInput:
    from_currency: str
    to_currency: str
    rate: Decimal


def require_reader(actor: Actor) -> None:
    """Rates are read with payments:read or billing:read (billing systems)."""
    if not (actor.can(Permission.PAYMENTS_READ) or actor.can(Permission.BILLING_READ)) or actor.is_portal:
        raise permission_denied()


def _checked(given: RateInput) -> RateInput:
    errors: list[FieldError] = []
    codes: list[str] = []
    for field, value in (("from", given.from_currency), ("to", given.to_currency)):
        try:
            codes.append(v.currency_code(value))
        except v.Invalid as exc:
            errors.append(exc.at(field))
    if not errors and codes[0] == codes[1]:
        errors.append(
            FieldError(ErrorCode.INVALID, "A rate converts between two different currencies.", ("to",))
        )
    rate = given.rate
    try:
        valid = (
            rate.is_finite()
            and 0 < rate < MAX_RATE
            and rate == rate.quantize(Decimal(1).scaleb(-RATE_PLACES))
        )
    except InvalidOperation:
        valid = False
    if not valid:
        errors.append(
            FieldError(
                ErrorCode.INVALID,
                f"A rate is positive, below {MAX_RATE:f}, with at most {RATE_PLACES} decimal places.",
                ("rate",),
            )
        )
    if errors:
        raise ServiceError(errors)
    return RateInput(codes[0], codes[1], rate)


async def set_rate(actor: Actor, given: RateInput, reason: str | None = None) -> ExchangeRate:
    """Create or replace the account's rate of a currency pair (audited, with the old rate).
    Partners may not: the rates are the whole account's."""
    actor.require(Permission.PAYMENTS_WRITE)
    if actor.is_partner or actor.is_portal:
        raise permission_denied("Exchange rates are the account's: partners cannot set them.")
    checked = _checked(given)
    async with unit_of_work(actor, reason) as uow:
        row = await uow.locked(
            ExchangeRate.filter(
                account_id=actor.account_id,
                from_currency=checked.from_currency,
                to_currency=checked.to_currency,
            )
        ).first()
        old = None if row is None else row.rate
        now = uow.stamp()
        label = actor.label if actor.kind is not ActorKind.CONTACT else "Portal"
        if row is None:
            row = ExchangeRate(
                account_id=actor.account_id,
                from_currency=checked.from_currency,
                to_currency=checked.to_currency,
            )
        if old == checked.rate:
            return row
        row.rate, row.updated_at, row.updated_by_id, row.updated_by_label = (
            checked.rate,
            now,
            actor.user_id,
            label,
        )
        await row.save(using_db=uow.conn)
        pair = f"{checked.from_currency}/{checked.to_currency}"
        uow.audit(
            AuditAction.CREATE if old is None else AuditAction.UPDATE,
            TABLE,
            row.id,
            f"Exchange rate {pair} set to {json_safe(checked.rate)}",
            diff={"rate": {"old": json_safe(old), "new": json_safe(checked.rate)}},
            at=now,
        )
    return row


async def list_rates(actor: Actor) -> list[ExchangeRate]:
    """The account's rates, by currency pair."""
    require_reader(actor)
    return list(
        await ExchangeRate.filter(account_id=actor.account_id).order_by("from_currency", "to_currency", "id")
    )


async def rates_by_id(actor: Actor, ids: Sequence[int]) -> dict[int, ExchangeRate]:
    require_reader(actor)
    return {row.id: row for row in await ExchangeRate.filter(account_id=actor.account_id, id__in=list(ids))}


async def rate_between(conn: BaseDBAsyncClient, account_id: int, source: str, target: str) -> Decimal | None:
    """Units of `target` one unit of `source` buys: 1 for the same currency, the account's
    rate otherwise (None when it has none)."""
    if source == target:
        return ONE
    rates = (
        await ExchangeRate.filter(account_id=account_id, from_currency=source, to_currency=target)
        .using_db(conn)
        .values_list("rate", flat=True)
    )
    return Decimal(rates[0]) if rates else None
