"""Payments and exchange rates, called directly: the rules of create / complete / cancel, the
one rounding rule, idempotency, audit, scope, and the balance under concurrent completions."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from models import Account, AuditEntry, Customer, Payment
from models.enums import PaymentMethod, PaymentStatus, Permission
from services.errors import ErrorCode, FieldError
from services.listing import PageRequest
from services.payments.commands import PaymentInput, cancel_payment, complete_payment, create_payment
from services.payments.queries import PaymentQuery, list_payments, payments_by_id
from services.payments.rates import RateInput, list_rates, set_rate
from tests.factories import DENIED, make_account, make_actor, make_customer, make_reseller, refused

AUDITED = ("action", "table_name", "record_id", "customer_id", "message", "reason", "diff")


def pay(customer: Customer, amount: str, currency: str | None = None, **extra: Any) -> PaymentInput:
    return PaymentInput(
        customer_id=customer.id,
        amount=Decimal(amount),
        currency=currency or customer.currency,
        method=extra.pop("method", PaymentMethod.BANK_TRANSFER),
        **extra,
    )


async def balance(customer: Customer) -> Decimal:
    return (await Customer.get(id=customer.id)).balance


async def entries(table: str) -> list[dict[str, Any]]:
    return await AuditEntry.filter(table_name=table).order_by("id").values(*AUDITED)


# --- exchange rates ---------------------------------------------------------------------------


async def test_a_rate_is_set_then_replaced_each_change_audited_with_the_old_rate(account: Account) -> None:
    actor = make_actor(account)

    first = await set_rate(actor, RateInput("usd", "EUR", Decimal("0.9")), "opening")
    again = await set_rate(actor, RateInput("USD", "EUR", Decimal("0.9")))
    second = await set_rate(actor, RateInput("USD", "EUR", Decimal("0.9125")))

    assert (first.from_currency, first.to_currency, first.rate, first.updated_by_label) == (
        "USD",
        "EUR",
        Decimal("0.9"),
        "Tester",
    )
    assert again.id == second.id == first.id
    assert [r.rate for r in await list_rates(actor)] == [Decimal("0.9125")]
    assert [(e["action"], e["message"], e["reason"], e["diff"]) for e in await entries("exchange_rate")] == [
        ("CREATE", "Exchange rate USD/EUR set to 0.9", "opening", {"rate": {"old": None, "new": "0.9"}}),
        ("UPDATE", "Exchange rate USD/EUR set to 0.9125", None, {"rate": {"old": "0.9", "new": "0.9125"}}),
    ]


async def test_bad_rates_are_refused_with_typed_errors_and_change_nothing(account: Account) -> None:
    actor = make_actor(account)
    rule = "A rate is positive, below 100000000000000, with at most 10 decimal places."

    assert await refused(set_rate(actor, RateInput("USD", "EUR", Decimal(0)))) == [
        FieldError(ErrorCode.INVALID, rule, ("rate",))
    ]
    assert await refused(set_rate(actor, RateInput("USD", "EUR", Decimal("-1")))) == [
        FieldError(ErrorCode.INVALID, rule, ("rate",))
    ]
    assert await refused(set_rate(actor, RateInput("USD", "EUR", Decimal("0.12345678901")))) == [
        FieldError(ErrorCode.INVALID, rule, ("rate",))
    ]
    assert await refused(set_rate(actor, RateInput("XXZ", "EUR", Decimal(1)))) == [
        FieldError(ErrorCode.INVALID, "'XXZ' is not an ISO 4217 currency code.", ("from",))
    ]
    assert await refused(set_rate(actor, RateInput("EUR", "EUR", Decimal(1)))) == [
        FieldError(ErrorCode.INVALID, "A rate converts between two different currencies.", ("to",))
    ]


async def test_partners_and_readers_cannot_set_rates(account: Account) -> None:
    reseller = await make_reseller(account)
    partner = make_actor(account, reseller_id=reseller.id)
    reader = make_actor(account, [Permission.PAYMENTS_READ])

    assert (await refused(set_rate(partner, RateInput("USD", "EUR", Decimal(1)))))[
        0
    ].code is ErrorCode.PERMISSION_DENIED
    assert await refused(set_rate(reader, RateInput("USD", "EUR", Decimal(1)))) == DENIED


# --- recording --------------------------------------------------------------------------------


async def test_a_payment_in_the_customers_currency_is_recorded_pending_at_rate_one(account: Account) -> None:
    customer = await make_customer(account, minimum_payment=Decimal(10))

    payment = await create_payment(make_actor(account), pay(customer, "10.00", note="wire 17"), "wire 17")

    row = await Payment.get(id=payment.id)
    assert (row.status, row.amount, row.currency, row.converted_amount, row.rate, row.customer_currency) == (
        PaymentStatus.PENDING,
        Decimal(10),
        "EUR",
        Decimal(10),
        Decimal(1),
        "EUR",
    )
    assert await balance(customer) == Decimal(0)
    [entry] = await entries("payment")
    assert (entry["action"], entry["customer_id"], entry["message"], entry["reason"]) == (
        "CREATE",
        customer.id,
        "Payment of 10.00 EUR recorded (BANK_TRANSFER)",
        "wire 17",
    )
    assert entry["diff"]["status"] == {"old": None, "new": "PENDING"}
    assert entry["diff"]["converted_amount"] == {"old": None, "new": "10"}


async def test_another_currency_converts_at_the_accounts_rate_rounded_half_even(account: Account) -> None:
    actor = make_actor(account)
    jpy = await make_customer(account, currency="JPY", topup_currencies=["USD"])
    bhd = await make_customer(account, currency="BHD", topup_currencies=["USD"])
    await set_rate(actor, RateInput("USD", "JPY", Decimal("150.5")))
    await set_rate(actor, RateInput("USD", "BHD", Decimal("0.37705")))

    to_jpy = await create_payment(actor, pay(jpy, "1.00", "USD"))  # 150.5 -> 150 (half to even)
    to_jpy_up = await create_payment(actor, pay(jpy, "3.00", "USD"))  # 451.5 -> 452
    to_bhd = await create_payment(actor, pay(bhd, "10.01", "USD"))  # 3.7742705 -> 3.774

    assert [(p.converted_amount, p.rate) for p in (to_jpy, to_jpy_up, to_bhd)] == [
        (Decimal(150), Decimal("150.5")),
        (Decimal(452), Decimal("150.5")),
        (Decimal("3.774"), Decimal("0.37705")),
    ]


async def test_payments_breaking_the_rules_are_refused_with_typed_errors(account: Account) -> None:
    actor = make_actor(account)
    customer = await make_customer(account, minimum_payment=Decimal(20), topup_currencies=["USD", "GBP"])
    await set_rate(actor, RateInput("USD", "EUR", Decimal("0.5")))

    assert await refused(create_payment(actor, pay(customer, "39.98", "USD"))) == [
        FieldError(
            ErrorCode.BELOW_MINIMUM_PAYMENT,
            "The customer's minimum payment is 20.00 EUR; this one is worth 19.99 EUR.",
            ("amount",),
        )
    ]
    assert await refused(create_payment(actor, pay(customer, "50", "CHF"))) == [
        FieldError(
            ErrorCode.CURRENCY_NOT_ALLOWED, "This customer tops up in EUR, USD, GBP only.", ("currency",)
        )
    ]
    assert await refused(create_payment(actor, pay(customer, "50", "GBP"))) == [
        FieldError(
            ErrorCode.NO_EXCHANGE_RATE, "The account has no exchange rate from GBP to EUR.", ("currency",)
        )
    ]
    assert await refused(create_payment(actor, pay(customer, "50.001"))) == [
        FieldError(ErrorCode.INVALID, "EUR amounts have at most 2 decimal places.", ("amount",))
    ]
    assert await refused(create_payment(actor, pay(customer, "-5"))) == [
        FieldError(ErrorCode.INVALID, "A payment is more than 0.", ("amount",))
    ]
    assert await refused(
        create_payment(actor, PaymentInput(987654, Decimal(50), "EUR", PaymentMethod.CARD))
    ) == [FieldError(ErrorCode.NOT_FOUND, "Customer not found.", ("customerId",))]
    assert (
        await refused(create_payment(make_actor(account, [Permission.PAYMENTS_READ]), pay(customer, "50")))
        == DENIED
    )


async def test_a_customer_without_topup_currencies_pays_in_any_currency_with_a_rate(account: Account) -> None:
    actor = make_actor(account)
    customer = await make_customer(account)
    await set_rate(actor, RateInput("CHF", "EUR", Decimal("1.05")))

    payment = await create_payment(actor, pay(customer, "100", "CHF"))

    assert payment.converted_amount == Decimal("105.00")


async def test_the_same_external_id_is_a_safe_retry_and_other_details_a_duplicate(account: Account) -> None:
    actor = make_actor(account)
    customer = await make_customer(account)

    first = await create_payment(actor, pay(customer, "25", external_id="BANK-1"))
    retry = await create_payment(actor, pay(customer, "25", external_id=" BANK-1 "))
    other_method = await create_payment(
        actor, pay(customer, "30", external_id="BANK-1", method=PaymentMethod.CARD)
    )

    assert retry.id == first.id != other_method.id
    assert await Payment.filter(customer_id=customer.id).count() == 2
    assert await refused(create_payment(actor, pay(customer, "26", external_id="BANK-1"))) == [
        FieldError(
            ErrorCode.DUPLICATE,
            "A BANK_TRANSFER payment with this external id was already recorded with other details.",
            ("externalId",),
        )
    ]


async def test_concurrent_creates_with_one_external_id_record_one_payment(account: Account) -> None:
    actor = make_actor(account)
    customer = await make_customer(account)

    made = await asyncio.gather(
        *(create_payment(actor, pay(customer, "25", external_id="T-1")) for _ in range(6))
    )

    assert len({p.id for p in made}) == 1
    assert await Payment.filter(customer_id=customer.id).count() == 1


# --- completing and cancelling ----------------------------------------------------------------


async def test_completing_raises_the_balance_once_and_audits_it(account: Account) -> None:
    actor = make_actor(account)
    customer = await make_customer(account, currency="BHD", topup_currencies=["USD"])
    await set_rate(actor, RateInput("USD", "BHD", Decimal("0.376")))
    payment = await create_payment(actor, pay(customer, "100.00", "USD"))

    done = await complete_payment(actor, payment.id, "received")

    assert done.status is PaymentStatus.COMPLETED and done.completed_at is not None
    assert await balance(customer) == Decimal("37.6")
    assert await refused(complete_payment(actor, payment.id)) == [
        FieldError(ErrorCode.PAYMENT_NOT_PENDING, "The payment is COMPLETED, no longer PENDING.", ("id",))
    ]
    assert await refused(cancel_payment(actor, payment.id, "oops")) == [
        FieldError(ErrorCode.PAYMENT_NOT_PENDING, "The payment is COMPLETED, no longer PENDING.", ("id",))
    ]
    entry = (await entries("payment"))[-1]
    assert (entry["action"], entry["message"], entry["reason"], entry["diff"]) == (
        "UPDATE",
        "Payment completed: balance +37.600 BHD",
        "received",
        {
            "status": {"old": "PENDING", "new": "COMPLETED"},
            "balance": {"old": "0", "new": "37.6"},
        },
    )


async def test_a_cancelled_payment_never_moves_the_balance(account: Account) -> None:
    actor = make_actor(account)
    customer = await make_customer(account)
    payment = await create_payment(actor, pay(customer, "40"))

    assert await refused(cancel_payment(actor, payment.id, "  ")) == [
        FieldError(ErrorCode.REQUIRED, "Say why the payment is cancelled.", ("reason",))
    ]
    cancelled = await cancel_payment(actor, payment.id, "bounced")

    assert cancelled.status is PaymentStatus.CANCELLED
    assert await refused(complete_payment(actor, payment.id)) == [
        FieldError(ErrorCode.PAYMENT_NOT_PENDING, "The payment is CANCELLED, no longer PENDING.", ("id",))
    ]
    assert await balance(customer) == Decimal(0)
    assert (await entries("payment"))[-1]["action"] == "CANCEL"


async def test_partners_reach_their_resellers_customers_payments_only(account: Account) -> None:
    north, south = await make_reseller(account), await make_reseller(account)
    mine = await make_customer(account, reseller_id=north.id)
    theirs = await make_customer(account, reseller_id=south.id)
    staff = make_actor(account)
    partner = make_actor(
        account,
        [Permission.PAYMENTS_READ, Permission.PAYMENTS_WRITE, Permission.CUSTOMERS_READ],
        reseller_id=north.id,
    )
    other = await create_payment(staff, pay(theirs, "10"))

    own = await create_payment(partner, pay(mine, "10"))

    assert await refused(create_payment(partner, pay(theirs, "10"))) == [
        FieldError(ErrorCode.NOT_FOUND, "Customer not found.", ("customerId",))
    ]
    assert await refused(complete_payment(partner, other.id)) == [
        FieldError(ErrorCode.NOT_FOUND, "Payment not found.", ("id",))
    ]
    page = await list_payments(partner, PaymentQuery(), PageRequest())
    assert [p.id for p in page.rows] == [own.id]
    assert set(await payments_by_id(partner, [own.id, other.id])) == {own.id}


async def test_sixteen_concurrent_completions_of_one_customer_leave_the_balance_exact(
    account: Account,
) -> None:
    actor = make_actor(account)
    customer = await make_customer(account)
    amounts = [Decimal(f"{n}.{n:02d}") for n in range(1, 17)]
    payments = [await create_payment(actor, pay(customer, str(a))) for a in amounts]

    await asyncio.gather(*(complete_payment(actor, p.id) for p in payments))

    assert await balance(customer) == sum(amounts)
    assert await Payment.filter(customer_id=customer.id, status=PaymentStatus.COMPLETED).count() == 16


async def test_concurrent_completions_of_one_payment_raise_the_balance_once(account: Account) -> None:
    actor = make_actor(account)
    customer = await make_customer(account)
    payment = await create_payment(actor, pay(customer, "12.34"))

    results = await asyncio.gather(
        *(complete_payment(actor, payment.id) for _ in range(8)), return_exceptions=True
    )

    done = [r for r in results if isinstance(r, Payment)]
    assert len(done) == 1
    assert all(
        getattr(r, "errors", [None])[0].code is ErrorCode.PAYMENT_NOT_PENDING
        for r in results
        if r not in done
    )
    assert await balance(customer) == Decimal("12.34")
    assert await AuditEntry.filter(table_name="payment", action="UPDATE").count() == 1


# --- property: the balance is the opening plus the completed payments, once each ---------------


@dataclass(frozen=True)
class Step:
    kind: str  # "pay", "complete", "cancel"
    index: int
    minor: int
    foreign: bool


steps_strategy = st.lists(
    st.builds(
        Step,
        kind=st.sampled_from(["pay", "pay", "complete", "complete", "cancel"]),
        index=st.integers(0, 7),
        minor=st.integers(1, 10**7),
        foreign=st.booleans(),
    ),
    max_size=20,
)
PLACES = {"JPY": 0, "EUR": 2, "BHD": 3}
RATES = {"JPY": Decimal("151.37"), "EUR": Decimal("0.9213"), "BHD": Decimal("0.376045")}


@given(
    currency=st.sampled_from(["JPY", "EUR", "BHD"]),
    steps=steps_strategy,
    opening=st.integers(-(10**6), 10**6),
)
@hypothesis_settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
async def test_property_balance_is_opening_plus_distinct_completed_converted_amounts(
    currency: str, steps: list[Step], opening: int
) -> None:
    account = await make_account()
    actor = make_actor(account)
    await set_rate(actor, RateInput("USD", currency, RATES[currency]))
    quantum = Decimal(1).scaleb(-PLACES[currency])
    start = Decimal(opening) * quantum
    customer = await make_customer(account, currency=currency)
    await Customer.filter(id=customer.id).update(balance=start)
    made: list[Payment] = []
    completed: dict[int, Decimal] = {}
    for step in steps:
        if step.kind == "pay":
            paid_in = "USD" if step.foreign else currency
            amount = Decimal(step.minor) * (Decimal("0.01") if step.foreign else quantum)
            made.append(await create_payment(actor, pay(customer, str(amount), paid_in)))
            expected = (amount * (RATES[currency] if step.foreign else 1)).quantize(quantum, ROUND_HALF_EVEN)
            assert made[-1].converted_amount == expected
        elif made:
            target = made[step.index % len(made)]
            current = (await Payment.get(id=target.id)).status
            if current is not PaymentStatus.PENDING:
                continue
            if step.kind == "complete":
                await complete_payment(actor, target.id)
                completed[target.id] = target.converted_amount
            else:
                await cancel_payment(actor, target.id, "property")
    assert await balance(customer) == start + sum(completed.values(), Decimal(0))


async def test_concurrent_refunds_never_take_back_more_than_was_paid(account: Account) -> None:
    actor = make_actor(account)
    customer = await make_customer(account)
    paid = await create_payment(actor, pay(customer, "10"), complete=True)
    refund = pay(customer, "-6", parent_id=paid.id, method=PaymentMethod.PAYPAL)

    results = await asyncio.gather(
        *(create_payment(actor, refund, complete=True, rate=paid.rate) for _ in range(4)),
        return_exceptions=True,
    )

    assert sum(isinstance(r, Payment) for r in results) == 1
    assert await balance(customer) == Decimal(4)
