"""Recording, completing and cancelling payments.

Rules (README "Payments"):
- A payment is recorded PENDING with its amount in the currency paid. That currency is the
  customer's own, or one of its top-up currencies (any, when the customer restricts none);
  CURRENCY_NOT_ALLOWED otherwise. The account's exchange rate from it to the customer's currency
  is taken then and recorded on the payment (1 for the customer's own; NO_EXCHANGE_RATE when the
  account has none), with the converted amount: amount x rate, rounded once to the customer's
  currency's minor unit, half to even. The converted amount is what the minimum payment is held
  against (BELOW_MINIMUM_PAYMENT) and what completing the payment adds to the balance.
- Completing moves the balance exactly once: the payment's status changes from PENDING by one
  conditional UPDATE (... WHERE status = 'PENDING'), so of concurrent completions one changes a
  row and the others are refused (PAYMENT_NOT_PENDING); the customer's row is then locked and
  its balance raised in the same transaction as the audit entry. With the customer's
  createInvoiceOnPayment, the same transaction issues the payment's receipt invoice
  (services/payments/receipts.py).
- An external id (the bank's or processor's reference) is unique per account and method:
  recording the same one again with the same customer, amount and currency returns the payment
  already recorded (a safe retry), anything else is DUPLICATE.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

from tortoise.exceptions import IntegrityError
from tortoise.queryset import QuerySet

from models import Customer, Payment
from models.enums import AuditAction, PaymentMethod, PaymentStatus, Permission
from services import reference
from services import validation as v
from services.actor import Actor
from services.auditing import JsonValue, creation_diff, json_safe
from services.customers.scope import about_visible_customers, visible_customers
from services.errors import ErrorCode, FieldError, ServiceError, not_found
from services.payments.rates import rate_between
from services.payments.receipts import issue_receipt
from services.uow import UnitOfWork, unit_of_work

TABLE = "payment"
MAX_AMOUNT = Decimal("1e12")
MAX_EXTERNAL_ID = 100
MAX_NOTE = 500
AUDITED = (
    "customer_id",
    "amount",
    "currency",
    "converted_amount",
    "customer_currency",
    "rate",
    "status",
    "method",
    "external_id",
    "parent_id",
    "note",
)


@dataclass(frozen=True)
class PaymentInput:
    """A payment to record: `amount` in `currency` (negative only for a refund, `parent_id`)."""

    customer_id: int
    amount: Decimal
    currency: str
    method: PaymentMethod
    external_id: str | None = None
    note: str | None = None
    parent_id: int | None = None


def converted(amount: Decimal, rate: Decimal, currency: str) -> Decimal:
    """The one rounding rule: amount x rate to the currency's minor unit, half to even."""
    return (amount * rate).quantize(reference.quantum(currency), rounding=ROUND_HALF_EVEN)


def shown(value: Decimal, currency: str) -> str:
    """An amount as messages show it: to the currency's minor unit, whatever the engine returned."""
    return f"{value.quantize(reference.quantum(currency)):f}"


def visible_payments(actor: Actor) -> QuerySet[Payment]:
    """The account's payments; a partner's customers' only; a portal contact's customer's only."""
    return about_visible_customers(Payment.filter(account_id=actor.account_id), actor)


def _checked(given: PaymentInput) -> PaymentInput:
    errors: list[FieldError] = []
    currency = given.currency
    try:
        currency = v.currency_code(given.currency)
    except v.Invalid as exc:
        errors.append(exc.at("currency"))
    amount = given.amount
    if not errors:
        try:
            amount = v.money(given.amount, currency)
            if given.parent_id is None and amount <= 0:
                raise v.Invalid("A payment is more than 0.")
            if abs(amount) >= MAX_AMOUNT:
                raise v.Invalid(f"A payment is less than {MAX_AMOUNT:f}.")
        except v.Invalid as exc:
            errors.append(exc.at("amount"))
    external_id, note = given.external_id, given.note
    for field, value, limit in (("externalId", external_id, MAX_EXTERNAL_ID), ("reason", note, MAX_NOTE)):
        try:
            cleaned = v.optional_text(value, max_length=limit)
        except v.Invalid as exc:
            errors.append(exc.at(field))
            continue
        external_id, note = (cleaned, note) if field == "externalId" else (external_id, cleaned)
    if errors:
        raise ServiceError(errors)
    return PaymentInput(given.customer_id, amount, currency, given.method, external_id, note, given.parent_id)


def require_writer(actor: Actor) -> None:
    actor.require(Permission.PAYMENTS_WRITE)


async def create_payment(
    actor: Actor,
    given: PaymentInput,
    reason: str | None = None,
    *,
    complete: bool = False,
    rate: Decimal | None = None,
) -> Payment:
    """Record a payment (PENDING; COMPLETED at once with `complete`, which raises the balance in
    the same transaction). `rate` fixes the rate (a refund takes its payment's). Idempotent on
    (method, external id); see the module's rules."""
    require_writer(actor)
    checked = _checked(given)
    for attempt in (1, 2):
        try:
            return await _create(actor, checked, reason, complete, rate)
        except IntegrityError:
            # Another transaction recorded the same external id first: the second pass finds it.
            if attempt == 2 or checked.external_id is None:
                raise
    raise AssertionError("unreachable")


async def _create(
    actor: Actor, given: PaymentInput, reason: str | None, complete: bool, fixed_rate: Decimal | None
) -> Payment:
    async with unit_of_work(actor, reason) as uow:
        customer = await visible_customers(actor).using_db(uow.conn).get_or_none(id=given.customer_id)
        if customer is None:
            raise not_found("Customer", "customerId")
        existing = await _same_external_id(uow, given)
        if existing is not None:
            return existing
        if given.parent_id is not None:
            await _check_refund(uow, given)
        rate = fixed_rate if fixed_rate is not None else await _rate(uow, customer, given.currency)
        value = converted(given.amount, rate, customer.currency)
        if given.parent_id is None and value < customer.minimum_payment:
            raise ServiceError.single(
                ErrorCode.BELOW_MINIMUM_PAYMENT,
                f"The customer's minimum payment is {shown(customer.minimum_payment, customer.currency)} "
                f"{customer.currency}; this one is worth {shown(value, customer.currency)} {customer.currency}.",
                "amount",
            )
        now = uow.stamp()
        payment = Payment(
            account_id=actor.account_id,
            customer_id=customer.id,
            amount=given.amount,
            currency=given.currency,
            converted_amount=value,
            customer_currency=customer.currency,
            rate=rate,
            method=given.method,
            external_id=given.external_id,
            parent_id=given.parent_id,
            note=given.note,
            status=PaymentStatus.PENDING,
        )
        await payment.save(using_db=uow.conn)
        uow.audit(
            AuditAction.CREATE,
            TABLE,
            payment.id,
            f"Payment of {shown(given.amount, given.currency)} {given.currency} recorded ({given.method.value})",
            customer_id=customer.id,
            diff=creation_diff({name: json_safe(getattr(payment, name)) for name in AUDITED}),
            at=now,
        )
        if complete:
            await _complete(uow, payment)
        return payment


async def _same_external_id(uow: UnitOfWork, given: PaymentInput) -> Payment | None:
    """The payment already recorded with this external id, if it is this same payment; a
    different one under the same id is DUPLICATE."""
    if given.external_id is None:
        return None
    existing = (
        await Payment.filter(
            account_id=uow.actor.account_id, method=given.method, external_id=given.external_id
        )
        .using_db(uow.conn)
        .first()
    )
    if existing is None:
        return None
    same = (existing.customer_id, existing.amount, existing.currency) == (
        given.customer_id,
        given.amount,
        given.currency,
    )
    if not same:
        raise ServiceError.single(
            ErrorCode.DUPLICATE,
            f"A {given.method.value} payment with this external id was already recorded with other details.",
            "externalId",
        )
    return existing


async def _check_refund(uow: UnitOfWork, given: PaymentInput) -> None:
    """A refund takes back part of a completed payment of the same customer, in its currency,
    never more in all than it paid. The payment's row is locked, so concurrent refunds of it
    are checked one after the other."""
    parent = await uow.locked(
        Payment.filter(id=given.parent_id, account_id=uow.actor.account_id, customer_id=given.customer_id)
    ).first()
    if parent is None or parent.status is not PaymentStatus.COMPLETED:
        raise not_found("Payment", "parentId")
    if given.currency != parent.currency or given.amount >= 0:
        raise ServiceError.single(
            ErrorCode.INVALID, "A refund is negative, in the currency of the payment it takes back.", "amount"
        )
    earlier = (
        await Payment.filter(parent_id=parent.id, status__not=PaymentStatus.CANCELLED)
        .using_db(uow.conn)
        .values_list("amount", flat=True)
    )
    left = parent.amount + sum((Decimal(value) for value in earlier), Decimal(0))
    if given.amount + left < 0:
        raise ServiceError.single(
            ErrorCode.INVALID,
            f"A refund takes back at most what is left of the payment ({shown(left, parent.currency)} "
            f"{parent.currency}).",
            "amount",
        )


async def _rate(uow: UnitOfWork, customer: Customer, currency: str) -> Decimal:
    allowed = (
        currency == customer.currency
        or not customer.topup_currencies
        or currency in customer.topup_currencies
    )
    if not allowed:
        accepted = ", ".join([customer.currency, *customer.topup_currencies])
        raise ServiceError.single(
            ErrorCode.CURRENCY_NOT_ALLOWED, f"This customer tops up in {accepted} only.", "currency"
        )
    rate = await rate_between(uow.conn, customer.account_id, currency, customer.currency)
    if rate is None:
        raise ServiceError.single(
            ErrorCode.NO_EXCHANGE_RATE,
            f"The account has no exchange rate from {currency} to {customer.currency}.",
            "currency",
        )
    return rate


async def complete_payment(actor: Actor, payment_id: int, reason: str | None = None) -> Payment:
    """PENDING -> COMPLETED, raising the customer's balance by the converted amount, once."""
    return await _transition(actor, payment_id, reason, _complete)


async def cancel_payment(actor: Actor, payment_id: int, reason: str | None) -> Payment:
    """PENDING -> CANCELLED; the balance does not move. A reason is required (kept in the audit)."""
    require_writer(actor)
    if not (reason or "").strip():
        raise ServiceError.single(ErrorCode.REQUIRED, "Say why the payment is cancelled.", "reason")
    return await _transition(actor, payment_id, reason, _cancel)


async def _transition(
    actor: Actor,
    payment_id: int,
    reason: str | None,
    change: Callable[[UnitOfWork, Payment], Awaitable[None]],
) -> Payment:
    require_writer(actor)
    async with unit_of_work(actor, reason) as uow:
        payment = await visible_payments(actor).using_db(uow.conn).get_or_none(id=payment_id)
        if payment is None:
            raise not_found("Payment", "id")
        await change(uow, payment)
    return payment


async def _leave_pending(uow: UnitOfWork, payment: Payment, status: PaymentStatus) -> None:
    """The one conditional UPDATE that decides which transaction moves the payment on."""
    now = uow.stamp()
    stamps = {"completed_at": now} if status is PaymentStatus.COMPLETED else {"cancelled_at": now}
    changed = (
        await Payment.filter(id=payment.id, status=PaymentStatus.PENDING)
        .using_db(uow.conn)
        .update(status=status, updated_at=now, **stamps)
    )
    if changed != 1:
        current = await Payment.filter(id=payment.id).using_db(uow.conn).values_list("status", flat=True)
        raise ServiceError.single(
            ErrorCode.PAYMENT_NOT_PENDING,
            f"The payment is {current[0] if current else 'gone'}, no longer PENDING.",
            "id",
        )
    payment.status, payment.updated_at = status, now
    for name, value in stamps.items():
        setattr(payment, name, value)


async def _complete(uow: UnitOfWork, payment: Payment) -> None:
    await _leave_pending(uow, payment, PaymentStatus.COMPLETED)
    old, new = await _credit(uow, payment.customer_id, payment.converted_amount)
    changes: dict[str, dict[str, JsonValue]] = {
        "status": {"old": PaymentStatus.PENDING.value, "new": PaymentStatus.COMPLETED.value},
        "balance": {"old": json_safe(old), "new": json_safe(new)},
    }
    uow.audit(
        AuditAction.UPDATE,
        TABLE,
        payment.id,
        f"Payment completed: balance {'+' if payment.converted_amount >= 0 else ''}"
        f"{shown(payment.converted_amount, payment.customer_currency)} {payment.customer_currency}",
        customer_id=payment.customer_id,
        diff=changes,
    )
    await issue_receipt(uow, payment)


async def _credit(uow: UnitOfWork, customer_id: int, amount: Decimal) -> tuple[Decimal, Decimal]:
    """Add `amount` to the balance; the old and new balance. PostgreSQL: one UPDATE, exact
    numeric arithmetic, the row lock taken by the UPDATE itself and held to commit (one round
    trip less inside the lock than SELECT ... FOR UPDATE then UPDATE). SQLite (the transaction
    holds the write lock): Decimal arithmetic in Python, since SQLite keeps money as text and its
    arithmetic would go through floating point."""
    if uow.conn.capabilities.dialect == "postgres":
        rows = await uow.conn.execute_query_dict(
            "UPDATE customer SET balance = balance + $1 WHERE id = $2 RETURNING balance",
            [amount, customer_id],
        )
        new = Decimal(rows[0]["balance"])
        return new - amount, new
    customer = await uow.locked(Customer.filter(id=customer_id)).only("id", "balance").get()
    old: Decimal = customer.balance
    new = old + amount
    await Customer.filter(id=customer_id).using_db(uow.conn).update(balance=new)
    return old, new


async def _cancel(uow: UnitOfWork, payment: Payment) -> None:
    await _leave_pending(uow, payment, PaymentStatus.CANCELLED)
    uow.audit(
        AuditAction.CANCEL,
        TABLE,
        payment.id,
        f"Payment of {shown(payment.amount, payment.currency)} {payment.currency} cancelled",
        customer_id=payment.customer_id,
        diff={"status": {"old": PaymentStatus.PENDING.value, "new": PaymentStatus.CANCELLED.value}},
    )
