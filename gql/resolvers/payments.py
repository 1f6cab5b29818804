"""Payments and exchange rates: decode, call one service, map."""

from __future__ import annotations

import strawberry

from gql.context import Info, require_actor
from gql.declare import mutation, query
from gql.types.common import Connection, connection_of, decode_id, decode_ids
from gql.types.invoices import Invoice
from gql.types.payments import (
    ExchangeRate,
    ExchangeRateSetInput,
    ExchangeRateSetPayload,
    Payment,
    PaymentAllocateInput,
    PaymentAllocatePayload,
    PaymentAllocation,
    PaymentCancelInput,
    PaymentCompleteInput,
    PaymentCreateInput,
    PaymentPayload,
    PaymentSort,
    PaymentWhere,
    payment_query,
)
from models.enums import Permission
from services.listing import PageRequest
from services.payments import allocations, commands, queries, rates


async def payments(
    info: Info,
    where: PaymentWhere | None = None,
    sort_by: list[PaymentSort] | None = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[Payment]:
    page = await queries.list_payments(
        require_actor(info), payment_query(where, sort_by), PageRequest(first, after, last, before)
    )
    return connection_of(page, Payment.from_model)


async def exchange_rates(info: Info) -> list[ExchangeRate]:
    return [ExchangeRate.from_model(row) for row in await rates.list_rates(require_actor(info))]


async def exchange_rate_set(info: Info, input: ExchangeRateSetInput) -> ExchangeRateSetPayload:
    given = rates.RateInput(input.from_, input.to, input.rate)
    row = await rates.set_rate(require_actor(info), given, input.reason)
    return ExchangeRateSetPayload(exchange_rate=ExchangeRate.from_model(row))


async def payment_create(info: Info, input: PaymentCreateInput) -> PaymentPayload:
    given = commands.PaymentInput(
        customer_id=decode_id(input.customer_id, "Customer", "customerId"),
        amount=input.amount,
        currency=input.currency,
        method=input.method,
        external_id=input.external_id,
        note=input.reason,
    )
    row = await commands.create_payment(require_actor(info), given, input.reason)
    return PaymentPayload(payment=Payment.from_model(row))


async def payment_complete(info: Info, input: PaymentCompleteInput) -> PaymentPayload:
    payment_id = decode_id(input.id, "Payment", "id")
    row = await commands.complete_payment(require_actor(info), payment_id, input.reason)
    return PaymentPayload(payment=Payment.from_model(row))


async def payment_cancel(info: Info, input: PaymentCancelInput) -> PaymentPayload:
    payment_id = decode_id(input.id, "Payment", "id")
    row = await commands.cancel_payment(require_actor(info), payment_id, input.reason)
    return PaymentPayload(payment=Payment.from_model(row))


async def payment_allocate(info: Info, input: PaymentAllocateInput) -> PaymentAllocatePayload:
    payment_id = decode_id(input.payment_id, "Payment", "paymentId")
    invoice_ids = decode_ids(input.invoice_ids, "Invoice", "invoiceIds")
    done = await allocations.allocate_payment(require_actor(info), payment_id, invoice_ids, input.reason)
    currency = done.payment.customer_currency
    return PaymentAllocatePayload(
        payment=Payment.from_model(done.payment),
        allocations=[PaymentAllocation.from_model(row, currency) for row in done.allocations],
        invoices=[Invoice.from_model(row) for row in done.invoices],
    )


@strawberry.type(description="Queries of payments and exchange rates.")
class PaymentQueries:
    payments: Connection[Payment] = query(
        payments,
        needs=Permission.PAYMENTS_READ,
        or_=(Permission.BILLING_READ,),
        portal=True,
        description="Payments of the customers in scope, newest first unless sorted (in the portal: "
        "the contact's own customer's, unless its portal hides PAYMENTS).",
    )
    exchange_rates: list[ExchangeRate] = query(
        exchange_rates,
        needs=Permission.PAYMENTS_READ,
        or_=(Permission.BILLING_READ,),
        description="The account's exchange rates, by currency pair.",
    )


@strawberry.type(description="Mutations of payments and exchange rates.")
class PaymentMutations:
    payment_create: PaymentPayload = mutation(
        payment_create,
        needs=Permission.PAYMENTS_WRITE,
        description="Record a PENDING payment of a customer (idempotent on method + externalId).",
    )
    payment_complete: PaymentPayload = mutation(
        payment_complete,
        needs=Permission.PAYMENTS_WRITE,
        description="Complete a PENDING payment: the balance rises by its converted amount, exactly once.",
    )
    payment_cancel: PaymentPayload = mutation(
        payment_cancel,
        needs=Permission.PAYMENTS_WRITE,
        description="Cancel a PENDING payment (a reason is required).",
    )
    payment_allocate: PaymentAllocatePayload = mutation(
        payment_allocate,
        needs=Permission.PAYMENTS_WRITE,
        description="Settle ISSUED invoices of the payment's customer from a COMPLETED payment's "
        "unallocated amount: the ones named, in order, or oldest due first; PAID when covered.",
    )
    exchange_rate_set: ExchangeRateSetPayload = mutation(
        exchange_rate_set,
        needs=Permission.PAYMENTS_WRITE,
        description="Set the account's exchange rate of a currency pair (not partners).",
    )
