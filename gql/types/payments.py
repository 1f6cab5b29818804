"""Payments and exchange rates: types, filters, inputs and payloads."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, TypeAlias

import strawberry
from strawberry import relay

from gql.context import Info
from gql.errors import UserError
from gql.fields import portal_field
from gql.nodes import resolve_nodes
from gql.types.common import (
    REASON,
    Connection,
    DateTimeFilter,
    IDFilter,
    SortDirection,
    StringFilter,
    connection_of,
)
from models import ExchangeRate as ExchangeRateModel
from models import Payment as PaymentModel
from models import PaymentAllocation as PaymentAllocationModel
from models import enums
from models.enums import PortalSection
from services.listing import Condition, Filter, PageRequest
from services.payments.queries import PaymentQuery, payments_by_id
from services.payments.queries import PaymentSortField as SortField
from services.payments.rates import rates_by_id
from services.reference import quantum

if TYPE_CHECKING:
    from gql.types.customers import Customer
    from gql.types.invoices import Invoice

PaymentStatus: TypeAlias = enums.PaymentStatus
strawberry.enum(PaymentStatus, description="PENDING until COMPLETED (the balance rises, once) or CANCELLED.")
PaymentMethod: TypeAlias = enums.PaymentMethod
strawberry.enum(PaymentMethod, description="How the money came in.")
PaymentSortField: TypeAlias = SortField
strawberry.enum(PaymentSortField, description="What a payment list can be sorted by.")

SHOWN = portal_field(PortalSection.PAYMENTS)


def plain(rate: Decimal) -> Decimal:
    """A rate without the trailing zeros of its column (1.25, not 1.2500000000), never in
    exponent form."""
    return Decimal(format(rate.normalize(), "f"))


@strawberry.type(
    description="Units of the `to` currency that one unit of the `from` currency buys (top-ups)."
)
class ExchangeRate(relay.Node):
    id: relay.NodeID[int]
    from_currency: str = strawberry.field(description="The currency paid in (ISO 4217).")
    to_currency: str = strawberry.field(description="The customer's currency it converts to (ISO 4217).")
    rate: Decimal = strawberry.field(description="Units of toCurrency per unit of fromCurrency.")
    updated_at: datetime = strawberry.field(description="When it was last set (UTC).")
    updated_by: str = strawberry.field(description="Who set it, as the audit trail names them.")

    @classmethod
    def from_model(cls, row: ExchangeRateModel) -> ExchangeRate:
        return cls(
            id=row.id,
            from_currency=row.from_currency,
            to_currency=row.to_currency,
            rate=plain(row.rate),
            updated_at=row.updated_at,
            updated_by=row.updated_by_label,
        )

    @classmethod
    async def resolve_nodes(cls, *, info: Info, node_ids: Iterable[str], required: bool = False) -> list[Any]:
        return await resolve_nodes(info, node_ids, ExchangeRateModel, rates_by_id, cls.from_model)


@strawberry.type(description="Part of a completed payment applied to one invoice of its customer.")
class PaymentAllocation:
    amount: Decimal = strawberry.field(
        description="The amount applied, in the customer's currency (the invoice's).", metadata=SHOWN
    )
    currency: str = strawberry.field(description="The customer's currency (ISO 4217).", metadata=SHOWN)
    at: datetime = strawberry.field(description="When it was allocated (UTC).", metadata=SHOWN)
    by: str = strawberry.field(description="Who allocated it, as the audit trail names them.")
    payment_id: relay.GlobalID = strawberry.field(description="The payment.", metadata=SHOWN)
    invoice_id: relay.GlobalID = strawberry.field(description="The invoice it settled.", metadata=SHOWN)

    @classmethod
    def from_model(cls, row: PaymentAllocationModel, currency: str) -> PaymentAllocation:
        return cls(
            amount=row.amount.quantize(quantum(currency)),
            currency=currency,
            at=row.at,
            by=row.by_label,
            payment_id=relay.GlobalID("Payment", str(row.payment_id)),
            invoice_id=relay.GlobalID("Invoice", str(row.invoice_id)),
        )


@strawberry.type(description="A payment of a customer: a top-up (or, negative, a refund) of its balance.")
class Payment(relay.Node):
    id: relay.NodeID[int]
    amount: Decimal = strawberry.field(description="The amount paid, in `currency`.", metadata=SHOWN)
    currency: str = strawberry.field(description="The currency paid in (ISO 4217).", metadata=SHOWN)
    converted_amount: Decimal = strawberry.field(
        description="What it is worth in the customer's currency: amount x rate, rounded once to that "
        "currency's minor unit, half to even. Completing the payment adds exactly this to the balance.",
        metadata=SHOWN,
    )
    customer_currency: str = strawberry.field(description="The customer's currency.", metadata=SHOWN)
    rate: Decimal = strawberry.field(
        description="The account's exchange rate used, fixed when the payment was recorded (1 for "
        "the customer's own currency).",
        metadata=SHOWN,
    )
    status: PaymentStatus = strawberry.field(description="PENDING, COMPLETED or CANCELLED.", metadata=SHOWN)
    method: PaymentMethod = strawberry.field(description="How it was paid.", metadata=SHOWN)
    external_id: str | None = strawberry.field(
        description="The bank's or processor's reference (PayPal txn_id); unique per account and method.",
        metadata=SHOWN,
    )
    note: str | None = strawberry.field(description="Why it was recorded (staff only).")
    refund_of: relay.GlobalID | None = strawberry.field(
        description="For a refund or reversal (negative), the payment it takes back.", metadata=SHOWN
    )
    created_at: datetime = strawberry.field(description="When it was recorded (UTC).", metadata=SHOWN)
    completed_at: datetime | None = strawberry.field(
        description="When it was completed (UTC).", metadata=SHOWN
    )
    cancelled_at: datetime | None = strawberry.field(
        description="When it was cancelled (UTC).", metadata=SHOWN
    )
    customer_id: strawberry.Private[int]

    @strawberry.field(
        description="What the payment has settled, oldest first (paymentAllocate, its receipt).",
        metadata=SHOWN,
    )
    async def allocations(self, info: Info) -> list[PaymentAllocation]:
        rows = await info.context.loaders.allocations_by_payment_id.load(self.id)
        return [PaymentAllocation.from_model(row, self.customer_currency) for row in rows]

    @strawberry.field(
        description="What it can still settle, in the customer's currency: convertedAmount, less its "
        "completed refunds, less its allocations; never below 0, and 0 unless COMPLETED.",
        metadata=SHOWN,
    )
    async def unallocated_amount(self, info: Info) -> Decimal:
        value = await info.context.loaders.unallocated_by_payment_id.load(self.id)
        return value.quantize(quantum(self.customer_currency))

    @strawberry.field(description="The customer who paid.", metadata=SHOWN)
    async def customer(
        self, info: Info
    ) -> Annotated[Customer, strawberry.lazy("gql.types.customers")] | None:
        from gql.types.customers import Customer

        row = await info.context.loaders.customer_by_id.load(self.customer_id)
        return Customer.from_model(row) if row is not None else None

    @classmethod
    def from_model(cls, row: PaymentModel) -> Payment:
        return cls(
            id=row.id,
            amount=row.amount.quantize(quantum(row.currency)),
            currency=row.currency,
            converted_amount=row.converted_amount.quantize(quantum(row.customer_currency)),
            customer_currency=row.customer_currency,
            rate=plain(row.rate),
            status=row.status,
            method=row.method,
            external_id=row.external_id,
            note=row.note,
            refund_of=relay.GlobalID("Payment", str(row.parent_id)) if row.parent_id else None,
            created_at=row.created_at,
            completed_at=row.completed_at,
            cancelled_at=row.cancelled_at,
            customer_id=row.customer_id,
        )

    @classmethod
    async def resolve_nodes(cls, *, info: Info, node_ids: Iterable[str], required: bool = False) -> list[Any]:
        return await resolve_nodes(info, node_ids, PaymentModel, payments_by_id, cls.from_model)


@strawberry.input(description="Conditions on a payment's status.")
class PaymentStatusFilter:
    eq: PaymentStatus | None = strawberry.field(default=None, description="Equal to.")
    in_: list[PaymentStatus] | None = strawberry.field(default=None, name="in", description="One of.")

    def to_condition(self) -> Condition:
        return Condition(eq=self.eq, in_=self.in_)


@strawberry.input(description="Conditions on a payment's method.")
class PaymentMethodFilter:
    eq: PaymentMethod | None = strawberry.field(default=None, description="Equal to.")
    in_: list[PaymentMethod] | None = strawberry.field(default=None, name="in", description="One of.")

    def to_condition(self) -> Condition:
        return Condition(eq=self.eq, in_=self.in_)


@strawberry.input(description="Which payments to list; every field given must hold.")
class PaymentWhere:
    customer_id: IDFilter | None = strawberry.field(default=None, description="By customer.")
    status: PaymentStatusFilter | None = strawberry.field(default=None, description="By status.")
    method: PaymentMethodFilter | None = strawberry.field(default=None, description="By method.")
    currency: StringFilter | None = strawberry.field(default=None, description="By currency paid in.")
    external_id: StringFilter | None = strawberry.field(default=None, description="By external id.")
    created_at: DateTimeFilter | None = strawberry.field(default=None, description="By time recorded.")
    completed_at: DateTimeFilter | None = strawberry.field(default=None, description="By time completed.")

    def to_filter(self) -> Filter:
        conditions: dict[str, Condition] = {}
        for name in ("status", "method", "currency", "external_id", "created_at", "completed_at"):
            value = getattr(self, name)
            if value is not None:
                conditions[name] = value.to_condition()
        if self.customer_id is not None:
            conditions["customer_id"] = self.customer_id.to_condition_for("Customer")
        return Filter(conditions=conditions)


@strawberry.input(description="One sort key of a payment list (newest first by default).")
class PaymentSort:
    field: PaymentSortField = strawberry.field(description="What to sort by.")
    direction: SortDirection = strawberry.field(default=SortDirection.ASC, description="Direction.")


def payment_query(where: PaymentWhere | None, sort_by: list[PaymentSort] | None) -> PaymentQuery:
    return PaymentQuery(
        where=where.to_filter() if where else None,
        sort=tuple((s.field, s.direction is SortDirection.DESC) for s in sort_by or []),
    )


async def customer_payments(
    info: Info, customer_id: int, query: PaymentQuery, page: PageRequest
) -> Connection[Payment]:
    """One customer's page of payments, read with the other customers' pages of the request."""
    loaders = info.context.loaders
    found = await loaders.payment_pages(query, page).load(customer_id)

    async def total() -> int:
        return await loaders.payment_counts(query).load(customer_id)

    return connection_of(replace(found, count_total=total), Payment.from_model)


@strawberry.input(description="Record a payment (PENDING) of a customer.")
class PaymentCreateInput:
    customer_id: relay.GlobalID = strawberry.field(description="The customer who paid.")
    amount: Decimal = strawberry.field(
        description="More than 0, with at most the currency's minor-unit decimals; worth at least the "
        "customer's minimumPayment once converted to its currency."
    )
    currency: str = strawberry.field(
        description="The customer's currency or one of its topupCurrencies (any, when it restricts none)."
    )
    method: PaymentMethod = strawberry.field(description="How it was paid.")
    external_id: str | None = strawberry.field(
        default=None,
        description="The bank's or processor's reference: recording it again with the same details returns "
        "the payment already recorded.",
    )
    reason: str | None = strawberry.field(
        default=None, description=REASON + " Also kept as the payment's note."
    )


@strawberry.input(
    description="Complete a PENDING payment: the customer's balance rises by its converted amount."
)
class PaymentCompleteInput:
    id: relay.GlobalID = strawberry.field(description="The payment.")
    reason: str | None = strawberry.field(default=None, description=REASON)


@strawberry.input(description="Cancel a PENDING payment; the balance does not move.")
class PaymentCancelInput:
    id: relay.GlobalID = strawberry.field(description="The payment.")
    reason: str = strawberry.field(description="Why it is cancelled (required; kept in the audit entry).")


@strawberry.type(description="Result of paymentCreate, paymentComplete and paymentCancel.")
class PaymentPayload:
    payment: Payment | None = strawberry.field(default=None, description="The payment.")
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why it was refused.")


@strawberry.input(
    description="Settle ISSUED invoices of the payment's customer from a COMPLETED payment's unallocated "
    "amount."
)
class PaymentAllocateInput:
    payment_id: relay.GlobalID = strawberry.field(description="The payment (COMPLETED).")
    invoice_ids: list[relay.GlobalID] | None = strawberry.field(
        default=None,
        description="The invoices to settle, in this order (ISSUED, of the payment's customer, at most "
        "100); omitted: every ISSUED invoice of the customer, oldest due date first.",
    )
    reason: str | None = strawberry.field(default=None, description=REASON)


@strawberry.type(description="Result of paymentAllocate.")
class PaymentAllocatePayload:
    payment: Payment | None = strawberry.field(default=None, description="The payment, as allocated.")
    allocations: list[PaymentAllocation] = strawberry.field(
        default_factory=list, description="The allocations this call made, in settling order."
    )
    invoices: list[Annotated[Invoice, strawberry.lazy("gql.types.invoices")]] = strawberry.field(
        default_factory=list, description="The invoices settled, as saved (PAID when covered)."
    )
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why it was refused.")


@strawberry.input(description="Set the account's exchange rate of a currency pair.")
class ExchangeRateSetInput:
    from_: str = strawberry.field(name="from", description="The currency paid in (ISO 4217).")
    to: str = strawberry.field(description="The customer's currency (ISO 4217), another one.")
    rate: Decimal = strawberry.field(
        description="Units of `to` per unit of `from`: positive, at most 10 decimals."
    )
    reason: str | None = strawberry.field(default=None, description=REASON)


@strawberry.type(description="Result of exchangeRateSet.")
class ExchangeRateSetPayload:
    exchange_rate: ExchangeRate | None = strawberry.field(default=None, description="The rate as set.")
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why it was refused.")
