"""The Customer type and its inputs."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Iterable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Annotated, Any, TypeAlias, TypeVar

import strawberry
from strawberry import relay

from gql.context import Info
from gql.errors import Refusals
from gql.fields import Mode, declared_fields, portal_field, substitute
from gql.nodes import resolve_nodes
from gql.types.accounts import Reseller, User
from gql.types.audit import AuditEntry, AuditEntryWhere, audit_page
from gql.types.clis import Cli
from gql.types.common import (
    Connection,
    DateTimeFilter,
    DecimalFilter,
    Edge,
    IDFilter,
    IntFilter,
    SortDirection,
    StringFilter,
    TagsFilter,
    connection_of,
)
from gql.types.contact_verification import VerificationChannel
from gql.types.contacts import Contact, ContactSort, ContactWhere, contact_query, customer_contacts
from gql.types.eligibility import AT, CLI, DialingEligibility, customer_eligibility
from gql.types.invoices import Invoice, InvoiceTemplate
from gql.types.numbers import ConferenceRoom, IpAuth, NumberBlock, SipUser
from gql.types.payments import Payment, PaymentSort, PaymentWhere, customer_payments, payment_query
from gql.types.scheduled_changes import ScheduledChange
from gql.types.summaries import Summaries, SummaryPeriod, customer_summaries
from models import Customer as CustomerModel
from models import InvoiceTemplate as InvoiceTemplateModel
from models import Reseller as ResellerModel
from models import User as UserModel
from models import enums
from services import runtime
from services.cdrs.channels import channels_now
from services.customers.queries import CustomerSortField as SortField
from services.customers.queries import Related, customers_by_id
from services.customers.values import FIELDS
from services.customers.values import DialWindow as DialWindowValue
from services.errors import ErrorCode, ServiceError
from services.listing import Condition, Filter, PageRequest
from services.numbers.queries import ExtensionPage, available_extensions
from services.reference import quantum

CustomerStatus: TypeAlias = enums.CustomerStatus
strawberry.enum(CustomerStatus, description="Whether the customer may pass calls.")
InvoiceSchedule: TypeAlias = enums.InvoiceSchedule
strawberry.enum(InvoiceSchedule, description="How often invoices are generated.")
RtpFirewall: TypeAlias = enums.RtpFirewall
strawberry.enum(RtpFirewall, description="Whether media may bypass the RTP firewall.")
PortalSection: TypeAlias = enums.PortalSection
strawberry.enum(PortalSection, description="A part of the customer portal.")
Weekday: TypeAlias = enums.Weekday
strawberry.enum(Weekday, description="Day of the week.")
CustomerSortField: TypeAlias = SortField
strawberry.enum(CustomerSortField, description="What customers can be sorted by.")


@strawberry.type(description="A time window in which the customer may dial.")
class DialWindow:
    start: str = strawberry.field(description="Start, HH:MM in the customer's time zone.")
    end: str = strawberry.field(description="End, HH:MM (24:00 for midnight).")
    days: list[Weekday] = strawberry.field(description="Days it applies to; every day if empty.")


@strawberry.input(description="A time window in which the customer may dial.")
class DialWindowInput:
    start: str = strawberry.field(description="Start, HH:MM in the customer's time zone.")
    end: str = strawberry.field(description="End, HH:MM (24:00 for midnight).")
    days: list[Weekday] = strawberry.field(default_factory=list, description="Days; every day if empty.")

    def to_value(self) -> DialWindowValue:
        return DialWindowValue(self.start, self.end, tuple(self.days))


substitute(DialWindowValue, DialWindow, DialWindowInput)


@strawberry.type(description="A customer of the carrier: the customer card.")
@declared_fields(FIELDS, Mode.OUTPUT)
class Customer(relay.Node):
    """The editable fields come from the customer's field declarations
    (services/customers/values.py); the read-only ones and the relations are here."""

    id: relay.NodeID[int]
    balance: Decimal = strawberry.field(
        description="Current balance (read-only): each CDR's charge is taken off once, as it arrives.",
        metadata=portal_field(PortalSection.BALANCE),
    )
    channels_in_use: int | None = strawberry.field(
        description="Live calls now, from the switch's last active-calls snapshot (read-only); null when "
        "that snapshot is older than the staleness limit (SWITCHBOARD_CHANNELS_STALE_SECONDS, 120 s by "
        "default) or there is none.",
        metadata=portal_field(),
    )
    channels_in_use_at: datetime | None = strawberry.field(
        description="When the switch's last active-calls snapshot of this customer was taken (UTC).",
        metadata=portal_field(),
    )
    created_at: datetime = strawberry.field(
        description="When the customer was created (UTC).", metadata=portal_field()
    )
    updated_at: datetime = strawberry.field(
        description="When the customer last changed (UTC).", metadata=portal_field()
    )
    penalty_until: datetime | None = strawberry.field(
        description="When the customer's timed penalty (customerPenalize) lifts itself (UTC); null "
        "without one. Staff only."
    )
    penalty_reason: str | None = strawberry.field(
        description="Why the customer is penalized; null without a penalty. Staff only."
    )

    # The relations below answer from `related` when the page read them with its rows (see
    # gql/resolvers/customers.py), without a task per row; otherwise through their loaders.
    related: strawberry.Private[Related | None] = None

    @strawberry.field(
        description="The Summary section: call figures per period in UTC (LAST_24_HOURS by the "
        "hour, DAILY, WEEKLY from Monday, MONTHLY) with their totals, from the hourly roll-up. "
        "`from` (inclusive) and `to` (exclusive) are required for the calendar periods and not "
        "given for LAST_24_HOURS.",
        extensions=[Refusals()],
        metadata=portal_field(PortalSection.SUMMARY),
    )
    async def summaries(
        self,
        info: Info,
        period: SummaryPeriod,
        from_: Annotated[
            datetime | None, strawberry.argument(name="from", description="Start (UTC).")
        ] = None,
        to: Annotated[datetime | None, strawberry.argument(description="End (exclusive, UTC).")] = None,
    ) -> Summaries | None:
        return await customer_summaries(info, self.id, period, from_, to)

    @strawberry.field(
        description="Charges of the calls started today, 00:00 to 00:00 UTC (read-only; in the "
        "customer's currency, rounded to its minor unit). Counts every CDR received so far.",
        metadata=portal_field(PortalSection.BALANCE),
    )
    async def spent_today(self, info: Info) -> Decimal:
        spent = await info.context.loaders.spent_today_by_customer_id.load(self.id)
        currency: str = getattr(self, "currency")  # noqa: B009 - a declared field, set by from_model
        return spent.quantize(quantum(currency))

    @strawberry.field(
        description="Whether the customer may dial at `at` (now when omitted), every rule that "
        "blocks, and the earliest instant from which none does (services/eligibility/).",
        extensions=[Refusals()],
        metadata=portal_field(),
    )
    async def dialing_eligibility(
        self,
        info: Info,
        at: Annotated[datetime | None, strawberry.argument(description=AT)] = None,
        cli: Annotated[str | None, strawberry.argument(description=CLI)] = None,
    ) -> DialingEligibility | None:
        return await customer_eligibility(info, self.id, at, cli)

    @strawberry.field(description=FIELDS["tags"].description, graphql_type=list[str])
    def tags(self, info: Info) -> list[str] | Awaitable[list[str]]:
        if self.related is not None and self.related.tags is not None:
            return self.related.tags.get(self.id, [])
        return info.context.loaders.tags_by_customer_id.load(self.id)

    @strawberry.field(description=FIELDS["reseller_id"].description, graphql_type=Reseller | None)
    def reseller(self, info: Info) -> Reseller | None | Awaitable[Reseller | None]:
        reseller_id = self._reference("reseller_id")
        if reseller_id is None:
            return None
        if self.related is not None and self.related.resellers is not None:
            return _reseller(self.related.resellers.get(reseller_id))
        return _loaded(info.context.loaders.reseller_by_id.load(reseller_id), _reseller)

    @strawberry.field(description=FIELDS["account_manager_id"].description, graphql_type=User | None)
    def account_manager(self, info: Info) -> User | None | Awaitable[User | None]:
        manager_id = self._reference("account_manager_id")
        if manager_id is None:
            return None
        if self.related is not None and self.related.managers is not None:
            return _user(self.related.managers.get(manager_id))
        return _loaded(info.context.loaders.user_by_id.load(manager_id), _user)

    @strawberry.field(
        description=FIELDS["invoice_template_id"].description,
        graphql_type=InvoiceTemplate | None,
        metadata=portal_field(enums.PortalSection.INVOICES),
    )
    def invoice_template(self, info: Info) -> InvoiceTemplate | None | Awaitable[InvoiceTemplate | None]:
        template_id = self._reference("invoice_template_id")
        if template_id is None:
            return None
        return _loaded(info.context.loaders.invoice_template_by_id.load(template_id), _template)

    @strawberry.field(
        description="The customer's invoices, newest first. Pages forward only. In the portal: "
        "its issued, paid and void ones, unless the customer's portal hides INVOICES.",
        extensions=[Refusals()],
        metadata=portal_field(enums.PortalSection.INVOICES),
    )
    async def invoices(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Invoice]:
        found = await info.context.loaders.invoice_pages(PageRequest(first, after)).load(self.id)
        return connection_of(found, Invoice.from_model)

    def _reference(self, name: str) -> int | None:
        """An id field kept private on the type (declared in FIELDS with `refers_to`)."""
        value: int | None = getattr(self, name)
        return value

    @strawberry.field(description="This customer's audit trail, newest first.", extensions=[Refusals()])
    async def audit_log(
        self,
        info: Info,
        where: AuditEntryWhere | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[AuditEntry]:
        return await audit_page(info, where, PageRequest(first, after, last, before), self.id)

    @strawberry.field(
        description="The customer's contacts (by name unless sorted); searched by name, e-mail, "
        "phone or mobile. Pages forward only. In the portal: the contact itself, or every contact "
        "when the customer's portalManageContacts is on.",
        extensions=[Refusals()],
        metadata=portal_field(),
    )
    async def contacts(
        self,
        info: Info,
        where: ContactWhere | None = None,
        search: str | None = None,
        sort_by: list[ContactSort] | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Contact]:
        query = contact_query(where, search, sort_by)
        return await customer_contacts(info, self.id, query, PageRequest(first, after))

    @strawberry.field(
        description="The customer's payments, newest first unless sorted. Pages forward only.",
        extensions=[Refusals()],
        metadata=portal_field(PortalSection.PAYMENTS),
    )
    async def payments(
        self,
        info: Info,
        where: PaymentWhere | None = None,
        sort_by: list[PaymentSort] | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Payment]:
        return await customer_payments(
            info, self.id, payment_query(where, sort_by), PageRequest(first, after)
        )

    @strawberry.field(
        description="The customer's PENDING scheduled changes (Delay and Save, penalty lifts), "
        "soonest first; the Delay Log (`scheduledChanges`) lists every status."
    )
    async def scheduled_changes(self, info: Info) -> list[ScheduledChange]:
        rows = await info.context.loaders.pending_changes_by_customer_id.load(self.id)
        return [ScheduledChange.from_model(row) for row in rows]

    @strawberry.field(description="The customer's internal number blocks, by start.")
    async def number_blocks(self, info: Info) -> list[NumberBlock]:
        usages = await info.context.loaders.number_blocks_by_customer_id.load(self.id)
        return [NumberBlock.from_usage(usage) for usage in usages]

    @strawberry.field(
        description="The channels the Verification tab requires (emailVerificationRequired, "
        "mobileVerificationRequired) that no contact of the customer has verified yet: EMAIL, SMS.",
        metadata=portal_field(),
    )
    async def verification_pending(self, info: Info) -> list[VerificationChannel]:
        return await info.context.loaders.verification_pending_by_customer_id.load(self.id)

    @strawberry.field(description="The customer's SIP users (customer auth), by username.")
    async def sip_users(self, info: Info) -> list[SipUser]:
        return [
            SipUser.from_model(row)
            for row in await info.context.loaders.sip_users_by_customer_id.load(self.id)
        ]

    @strawberry.field(description="The customer's IP authentications (customer auth), in address order.")
    async def ip_auths(self, info: Info) -> list[IpAuth]:
        return [
            IpAuth.from_model(row) for row in await info.context.loaders.ip_auths_by_customer_id.load(self.id)
        ]

    @strawberry.field(
        description="The customer's caller ids (CLIs), by number: PENDING until verified by a test "
        "call or approved by staff.",
        metadata=portal_field(),
    )
    async def clis(self, info: Info) -> list[Cli]:
        return [Cli.from_model(row) for row in await info.context.loaders.clis_by_customer_id.load(self.id)]

    @strawberry.field(description="The customer's conference rooms, by extension.")
    async def conference_rooms(self, info: Info) -> list[ConferenceRoom]:
        loader = info.context.loaders.conference_rooms_by_customer_id
        return [ConferenceRoom.from_model(row) for row in await loader.load(self.id)]

    @strawberry.field(
        description="Free extensions of the customer's number blocks (no SIP user, IP "
        "authentication or conference room holds them), ascending.",
        extensions=[Refusals()],
    )
    async def available_extensions(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> Connection[int]:
        actor = info.context.actor
        assert actor is not None, "guarded by the field's extension"
        page = await available_extensions(actor, self.id, first, _extension_cursor(after))
        return extension_connection(page, after is not None)

    @classmethod
    def from_model(cls, row: CustomerModel, related: Related | None = None) -> Customer:
        step = quantum(row.currency)
        values: dict[str, Any] = {name: getattr(row, name) for name in _PLAIN_FIELDS}
        values.update({name: getattr(row, name).quantize(step) for name in _MONEY_FIELDS})
        values.update(
            daily_spend_limit=row.daily_spend_limit.quantize(step)
            if row.daily_spend_limit is not None
            else None,
            tax_percent=row.tax_percent.normalize(),
            portal_hidden_sections=[enums.PortalSection(s) for s in row.portal_hidden_sections],
            dial_windows=[_dial_window(raw) for raw in row.dial_windows],
            channels_in_use=channels_now(
                row.channels_in_use,
                row.channels_in_use_at,
                datetime.now(UTC),
                timedelta(seconds=runtime.current().settings.channels_stale_seconds),
            ),
        )
        return cls(**values, related=related)

    @classmethod
    async def resolve_nodes(cls, *, info: Info, node_ids: Iterable[str], required: bool = False) -> list[Any]:
        return await resolve_nodes(info, node_ids, CustomerModel, customers_by_id, cls.from_model)


_MONEY_FIELDS = ("debit_limit", "minimum_payment", "balance")
_REFERENCES = ("reseller_id", "account_manager_id", "invoice_template_id")
_DERIVED = {
    "channels_in_use",
    "daily_spend_limit",
    "tax_percent",
    "portal_hidden_sections",
    "dial_windows",
    *_MONEY_FIELDS,
}
_PLAIN_FIELDS = tuple(
    name
    for name in Customer.__dataclass_fields__
    # foreign-key columns join the model's fields only once the ORM is initialised
    if (name in CustomerModel._meta.db_fields or name in _REFERENCES) and name not in _DERIVED
)
# What the compiled read path writes from a customer's columns (gql/compiled/fast.py): the plain
# fields as they are, the money fields quantized to the currency as `from_model` does.
CUSTOMER_COLUMN_FIELDS = frozenset(_PLAIN_FIELDS)
CUSTOMER_MONEY_FIELDS = frozenset({*_MONEY_FIELDS, "daily_spend_limit"})


T = TypeVar("T")
R = TypeVar("R")


def _template(row: InvoiceTemplateModel | None) -> InvoiceTemplate | None:
    return InvoiceTemplate.from_model(row) if row is not None else None


async def _loaded(pending: Awaitable[T], to_node: Callable[[T], R]) -> R:
    return to_node(await pending)


def _reseller(row: ResellerModel | None) -> Reseller | None:
    return Reseller.from_model(row) if row else None


def _user(row: UserModel | None) -> User | None:
    return User.from_model(row) if row else None


def _extension_cursor(after: str | None) -> int | None:
    if after is None:
        return None
    if not _EXTENSION.fullmatch(after):
        raise ServiceError.single(ErrorCode.INVALID, "This cursor is not an extension.", "after")
    return int(after)


# An extension as its cursor writes it: ASCII digits (`str.isdigit` also takes "²"), at most
# the 19 digits of the 64-bit extension column.
_EXTENSION = re.compile(r"[0-9]{1,19}")


def extension_connection(page: ExtensionPage, has_previous: bool) -> Connection[int]:
    edges = [Edge(cursor=str(number), node=number) for number in page.numbers]

    async def total() -> int:
        return page.total

    return Connection(
        edges=edges,
        page_info=relay.PageInfo(
            has_next_page=page.has_next_page,
            has_previous_page=has_previous,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        count_total=total,
    )


def _dial_window(raw: dict[str, Any]) -> DialWindow:
    value = DialWindowValue.from_json(raw)
    return DialWindow(start=value.start, end=value.end, days=list(value.days))


@strawberry.input(description="Conditions on the customer status.")
class CustomerStatusFilter:
    eq: CustomerStatus | None = strawberry.field(default=None, description="Equal to.")
    ne: CustomerStatus | None = strawberry.field(default=None, description="Not equal to.")
    in_: list[CustomerStatus] | None = strawberry.field(default=None, name="in", description="One of.")
    not_in: list[CustomerStatus] | None = strawberry.field(default=None, description="None of.")

    def to_condition(self) -> Condition:
        return Condition(eq=self.eq, ne=self.ne, in_=self.in_, not_in=self.not_in)


@strawberry.input(description="Which customers to list; every field given must hold.")
class CustomerWhere:
    id: IDFilter | None = strawberry.field(default=None, description="By customer id.")
    name: StringFilter | None = strawberry.field(default=None, description="By name.")
    status: CustomerStatusFilter | None = strawberry.field(default=None, description="By status.")
    currency: StringFilter | None = strawberry.field(default=None, description="By currency.")
    reseller_id: IDFilter | None = strawberry.field(default=None, description="By reseller.")
    account_manager_id: IDFilter | None = strawberry.field(default=None, description="By account manager.")
    balance: DecimalFilter | None = strawberry.field(default=None, description="By balance.")
    debit_limit: DecimalFilter | None = strawberry.field(default=None, description="By debit limit.")
    channels: IntFilter | None = strawberry.field(default=None, description="By channels.")
    created_at: DateTimeFilter | None = strawberry.field(default=None, description="By creation time.")
    external_accounting_id: StringFilter | None = strawberry.field(
        default=None, description="By external accounting id."
    )
    tags: TagsFilter | None = strawberry.field(default=None, description="By tags.")
    and_: list[CustomerWhere] | None = strawberry.field(default=None, name="AND", description="All of.")
    or_: list[CustomerWhere] | None = strawberry.field(default=None, name="OR", description="Any of.")
    not_: CustomerWhere | None = strawberry.field(default=None, name="NOT", description="Not this.")

    def to_filter(self) -> Filter:
        conditions: dict[str, Condition] = {}
        for name in (
            "name",
            "status",
            "currency",
            "balance",
            "debit_limit",
            "channels",
            "created_at",
            "external_accounting_id",
            "tags",
        ):
            value = getattr(self, name)
            if value is not None:
                conditions[name] = value.to_condition()
        for name, type_name in (
            ("id", "Customer"),
            ("reseller_id", "Reseller"),
            ("account_manager_id", "User"),
        ):
            id_filter: IDFilter | None = getattr(self, name)
            if id_filter is not None:
                conditions[name] = id_filter.to_condition_for(type_name)
        return Filter(
            conditions=conditions,
            and_=[w.to_filter() for w in self.and_ or []],
            or_=[w.to_filter() for w in self.or_ or []],
            not_=self.not_.to_filter() if self.not_ else None,
        )


@strawberry.input(description="One sort key.")
class CustomerSort:
    field: CustomerSortField = strawberry.field(description="What to sort by.")
    direction: SortDirection = strawberry.field(default=SortDirection.ASC, description="Direction.")
