"""Per-request DataLoaders: every relation field goes through one, so a page of N rows costs
one query per relation, not N. Each loader is one batched, permission-checked service read
scoped to the request's principal; results come back in key order (None where missing)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from strawberry.dataloader import DataLoader

from models import (
    Cli,
    ConferenceRoom,
    Contact,
    Customer,
    Invoice,
    InvoiceLine,
    InvoiceTemplate,
    IpAuth,
    Message,
    Payment,
    PaymentAllocation,
    Reseller,
    Role,
    ScheduledChange,
    SipUser,
    User,
)
from models.enums import MessageStatus, VerificationChannel
from services import directory, resellers, roles
from services.actor import Actor
from services.cdrs import queries as cdrs
from services.cdrs import summaries
from services.contacts import queries as contacts
from services.contacts import verification
from services.contacts.queries import ContactQuery
from services.customers import queries as customers
from services.eligibility import reads as eligibility
from services.eligibility.rules import Eligibility
from services.invoices import queries as invoices
from services.invoices import templates as invoice_templates
from services.listing import Page, PageRequest
from services.messaging import broadcasts
from services.messaging import queries as messages
from services.numbers import clis
from services.numbers import queries as numbers
from services.numbers.queries import BlockUsage
from services.payments import allocations
from services.payments import queries as payments
from services.payments.queries import PaymentQuery
from services.scheduled_changes import queries as scheduled_changes

T = TypeVar("T")
# Customers per summaries read: a page (at most 100) in one batch, and within the service's
# bound on customers x hours for the longest range (100 x 732 days x 24 < MAX_HOUR_SLOTS).
SUMMARY_BATCH = 100
BatchRead = Callable[[Actor, Sequence[int]], Awaitable[Mapping[int, T]]]
"""A service's batched, permission-checked read by ids (loaders and `node`/`nodes` use them)."""


def by_id_loader(actor: Actor, read: BatchRead[T]) -> DataLoader[int, T | None]:
    """A loader of one batched, permission-checked service read keyed by row id."""

    async def load(keys: list[int]) -> list[T | None]:
        found = await read(actor, keys)
        return [found.get(key) for key in keys]

    return DataLoader(load_fn=load)


def by_owner_loader(actor: Actor, read: BatchRead[T], empty: T) -> DataLoader[int, T]:
    """A loader of one batched, permission-checked service read keyed by the owner's id (a
    customer's tags, a broadcast's counts); `empty` for an owner the read has nothing for."""

    async def load(keys: list[int]) -> list[T]:
        found = await read(actor, keys)
        return [found.get(key, empty) for key in keys]

    return DataLoader(load_fn=load)


def count_loader(actor: Actor, read: BatchRead[int]) -> DataLoader[int, int]:
    """A loader of one batched, permission-checked count per id (0 where there is none)."""
    return by_owner_loader(actor, read, 0)


async def _templates_by_id(actor: Actor, ids: Sequence[int]) -> Mapping[int, InvoiceTemplate]:
    return await invoice_templates.templates_by_id(actor, list(ids))


@dataclass(frozen=True)
class Loaders:
    """The request's loaders, scoped to its principal."""

    actor: Actor
    reseller_by_id: DataLoader[int, Reseller | None]
    user_by_id: DataLoader[int, User | None]
    role_by_id: DataLoader[int, Role | None]
    customer_by_id: DataLoader[int, Customer | None]
    tags_by_customer_id: DataLoader[int, list[str]]
    number_blocks_by_customer_id: DataLoader[int, list[BlockUsage]]
    sip_users_by_customer_id: DataLoader[int, list[SipUser]]
    ip_auths_by_customer_id: DataLoader[int, list[IpAuth]]
    conference_rooms_by_customer_id: DataLoader[int, list[ConferenceRoom]]
    clis_by_customer_id: DataLoader[int, list[Cli]]
    verification_pending_by_customer_id: DataLoader[int, list[VerificationChannel]]
    user_count_by_role_id: DataLoader[int, int]
    customer_count_by_reseller_id: DataLoader[int, int]
    user_count_by_reseller_id: DataLoader[int, int]
    status_counts_by_broadcast_id: DataLoader[int, dict[MessageStatus, int]]
    spent_today_by_customer_id: DataLoader[int, Decimal]
    lines_by_invoice_id: DataLoader[int, list[InvoiceLine]]
    allocations_by_payment_id: DataLoader[int, list[PaymentAllocation]]
    allocations_by_invoice_id: DataLoader[int, list[PaymentAllocation]]
    unallocated_by_payment_id: DataLoader[int, Decimal]
    invoice_template_by_id: DataLoader[int, InvoiceTemplate | None]
    pending_changes_by_customer_id: DataLoader[int, list[ScheduledChange]]
    # Loaders of a nested list, one per set of its arguments (see `_per_arguments`).
    _by_arguments: dict[tuple[str, str], DataLoader[Any, Any]] = field(default_factory=dict)

    @classmethod
    def for_actor(cls, actor: Actor) -> Loaders:
        return cls(
            actor=actor,
            reseller_by_id=by_id_loader(actor, directory.resellers_by_id),
            user_by_id=by_id_loader(actor, directory.users_by_id),
            role_by_id=by_id_loader(actor, roles.roles_by_id),
            customer_by_id=by_id_loader(actor, customers.customers_by_id),
            tags_by_customer_id=by_owner_loader(actor, customers.tags_by_customer, []),
            number_blocks_by_customer_id=by_owner_loader(actor, numbers.blocks_by_customer, []),
            sip_users_by_customer_id=by_owner_loader(actor, numbers.sip_users_by_customer, []),
            ip_auths_by_customer_id=by_owner_loader(actor, numbers.ip_auths_by_customer, []),
            conference_rooms_by_customer_id=by_owner_loader(actor, numbers.conference_rooms_by_customer, []),
            clis_by_customer_id=by_owner_loader(actor, clis.clis_by_customer, []),
            verification_pending_by_customer_id=by_owner_loader(
                actor, verification.verification_pending_by_customer, []
            ),
            user_count_by_role_id=count_loader(actor, roles.user_counts_by_role),
            customer_count_by_reseller_id=count_loader(actor, resellers.customer_counts_by_reseller),
            user_count_by_reseller_id=count_loader(actor, resellers.user_counts_by_reseller),
            status_counts_by_broadcast_id=by_owner_loader(actor, broadcasts.status_counts, {}),
            spent_today_by_customer_id=by_owner_loader(actor, cdrs.spent_today_by_customer, Decimal(0)),
            lines_by_invoice_id=by_owner_loader(actor, invoices.lines_by_invoice, []),
            allocations_by_payment_id=by_owner_loader(actor, allocations.allocations_by_payment, []),
            allocations_by_invoice_id=by_owner_loader(actor, allocations.allocations_by_invoice, []),
            unallocated_by_payment_id=by_owner_loader(actor, allocations.unallocated_by_payment, Decimal(0)),
            invoice_template_by_id=by_id_loader(actor, _templates_by_id),
            pending_changes_by_customer_id=by_owner_loader(actor, scheduled_changes.pending_by_customer, []),
        )

    def contact_pages(self, query: ContactQuery, page: PageRequest) -> DataLoader[int, Page[Contact]]:
        """Each customer's page of contacts for these arguments (Customer.contacts)."""

        async def read(actor: Actor, ids: Sequence[int]) -> Mapping[int, Page[Contact]]:
            return await contacts.contacts_by_customer(actor, ids, query, page)

        return self._per_arguments("contact_pages", (query, page), read)

    def message_pages(self, page: PageRequest) -> DataLoader[int, Page[Message]]:
        """Each broadcast's page of messages for these arguments (Broadcast.messages)."""

        async def read(actor: Actor, ids: Sequence[int]) -> Mapping[int, Page[Message]]:
            return await messages.messages_by_broadcast(actor, ids, page)

        return self._per_arguments("message_pages", page, read)

    def invoice_pages(self, page: PageRequest) -> DataLoader[int, Page[Invoice]]:
        """Each customer's page of invoices for these arguments (Customer.invoices)."""

        async def read(actor: Actor, ids: Sequence[int]) -> Mapping[int, Page[Invoice]]:
            return await invoices.invoices_by_customer(actor, ids, page)

        return self._per_arguments("invoice_pages", page, read)

    def contact_counts(self, query: ContactQuery) -> DataLoader[int, int]:
        """How many contacts of each customer match these arguments (Customer.contacts.totalCount)."""

        async def read(actor: Actor, ids: Sequence[int]) -> Mapping[int, int]:
            return await contacts.contact_counts_by_customer(actor, ids, query)

        return self._per_arguments("contact_counts", query, read)

    def payment_pages(self, query: PaymentQuery, page: PageRequest) -> DataLoader[int, Page[Payment]]:
        """Each customer's page of payments for these arguments (Customer.payments)."""

        async def read(actor: Actor, ids: Sequence[int]) -> Mapping[int, Page[Payment]]:
            return await payments.payments_by_customer(actor, ids, query, page)

        return self._per_arguments("payment_pages", (query, page), read)

    def payment_counts(self, query: PaymentQuery) -> DataLoader[int, int]:
        """How many payments of each customer match these arguments (Customer.payments.totalCount)."""

        async def read(actor: Actor, ids: Sequence[int]) -> Mapping[int, int]:
            return await payments.payment_counts_by_customer(actor, ids, query)

        return self._per_arguments("payment_counts", query, read)

    def summaries(self, query: summaries.SummaryQuery) -> DataLoader[int, summaries.CustomerSummaries | None]:
        """Each customer's summaries for these arguments (Customer.summaries): a page of customers
        meets in one batch, two statements. Batches of at most SUMMARY_BATCH customers keep each
        read inside the service's bound on customers x hours, whatever aliases a document uses."""
        key = ("summaries", repr(query))
        if key not in self._by_arguments:

            async def load(keys: list[int]) -> list[summaries.CustomerSummaries | None]:
                found = await summaries.summaries_by_customer(self.actor, keys, query)
                return [found.get(k) for k in keys]

            self._by_arguments[key] = DataLoader(load_fn=load, max_batch_size=SUMMARY_BATCH)
        loader: DataLoader[int, summaries.CustomerSummaries | None] = self._by_arguments[key]
        return loader

    def dialing_eligibility(self, query: eligibility.EligibilityQuery) -> DataLoader[int, Eligibility | None]:
        """Each customer's dialing eligibility for this question (Customer.dialingEligibility):
        a page of customers meets in one batch, a constant number of statements."""
        key = ("dialing_eligibility", repr(query))
        if key not in self._by_arguments:

            async def load(keys: list[int]) -> list[Eligibility | None]:
                found = await eligibility.eligibility_by_customer(self.actor, keys, query)
                return [found.get(k) for k in keys]

            self._by_arguments[key] = DataLoader(load_fn=load)
        loader: DataLoader[int, Eligibility | None] = self._by_arguments[key]
        return loader

    def _per_arguments(self, name: str, arguments: object, read: BatchRead[T]) -> DataLoader[int, T]:
        """The loader of `read` for these arguments of a nested list field: the same field under
        every customer of a page asks with the same arguments, so their keys meet in one batch
        (one statement); other arguments get a loader of their own. The arguments are frozen
        dataclasses of plain values, so their repr is a faithful key."""
        key = (name, repr(arguments))
        if key not in self._by_arguments:

            async def load(keys: list[int]) -> list[T]:
                found = await read(self.actor, keys)
                return [found[k] for k in keys]

            self._by_arguments[key] = DataLoader(load_fn=load)
        loader: DataLoader[int, T] = self._by_arguments[key]
        return loader
