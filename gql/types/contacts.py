"""Contacts: the type (its editable fields derived from services/contacts/values.py), its list
filters and sorting, the inputs and payloads of its mutations."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any, TypeAlias

import strawberry
from strawberry import relay

from gql.context import Info
from gql.dataloaders import Loaders
from gql.errors import Refusals, UserError
from gql.fields import Mode, declared_fields, portal_field
from gql.nodes import resolve_nodes
from gql.types.common import (
    REASON,
    BooleanFilter,
    Connection,
    DateTimeFilter,
    IDFilter,
    SortDirection,
    StringFilter,
    connection_of,
)
from gql.types.scheduled_changes import EFFECTIVE_AT, OVERWRITE, ScheduledChange
from models import Contact as ContactModel
from models import enums
from services.contacts import passwords
from services.contacts.queries import ContactQuery, contacts_by_id
from services.contacts.queries import ContactSortField as SortField
from services.contacts.values import FIELDS
from services.listing import Condition, Filter, PageRequest

if TYPE_CHECKING:
    from gql.types.customers import Customer

ContactType: TypeAlias = enums.ContactType
strawberry.enum(ContactType, description="What a contact is for (informational only).")
ContactPasswordMode: TypeAlias = passwords.PasswordMode
strawberry.enum(
    ContactPasswordMode,
    name="ContactPasswordMode",
    description="GENERATE: a strong password is made and e-mailed to the contact (and kept nowhere "
    "in the clear); SET: the password given is checked for strength and set.",
)
ContactSortField: TypeAlias = SortField
strawberry.enum(ContactSortField, description="What contacts can be sorted by.")


@strawberry.type(description="A person of a customer; its e-mail is its customer portal login.")
@declared_fields(FIELDS, Mode.OUTPUT)
class Contact(relay.Node):
    """The editable fields come from the contact's field declarations
    (services/contacts/values.py); the password is never readable, only whether there is one."""

    id: relay.NodeID[int]
    has_login: bool = strawberry.field(
        description="Whether the contact has a password, so may log in to the customer portal.",
        metadata=portal_field(),
    )
    password_changed_at: datetime | None = strawberry.field(
        description="When the password was last set (UTC); null without one.", metadata=portal_field()
    )
    last_login_at: datetime | None = strawberry.field(
        description="When the contact last logged in to the customer portal (UTC); null if never.",
        metadata=portal_field(),
    )
    created_at: datetime = strawberry.field(
        description="When the contact was created (UTC).", metadata=portal_field()
    )
    updated_at: datetime = strawberry.field(
        description="When the contact last changed (UTC).", metadata=portal_field()
    )
    customer_id: strawberry.Private[int]

    @strawberry.field(
        description="The customer the contact belongs to (reading it needs customers:read).",
        extensions=[Refusals()],
        metadata=portal_field(),
    )
    async def customer(
        self, info: Info
    ) -> Annotated[Customer, strawberry.lazy("gql.types.customers")] | None:
        from gql.types.customers import Customer

        row = await info.context.loaders.customer_by_id.load(self.customer_id)
        return Customer.from_model(row) if row else None

    @classmethod
    def from_model(cls, row: ContactModel) -> Contact:
        shown = {name: getattr(row, name) for name in FIELDS}
        return cls(
            id=row.id,
            customer_id=row.customer_id,
            has_login=row.password_hash is not None,
            password_changed_at=row.password_changed_at,
            last_login_at=row.last_login_at,
            created_at=row.created_at,
            updated_at=row.updated_at,
            **shown,
        )

    @classmethod
    async def resolve_nodes(cls, *, info: Info, node_ids: Iterable[str], required: bool = False) -> list[Any]:
        return await resolve_nodes(info, node_ids, ContactModel, contacts_by_id, cls.from_model)


# What the compiled read path writes from a contact's columns as they are (gql/compiled/fast.py).
CONTACT_COLUMN_FIELDS = frozenset(
    {*FIELDS, "password_changed_at", "last_login_at", "created_at", "updated_at"}
)


@strawberry.input(description="Conditions on the contact type.")
class ContactTypeFilter:
    eq: ContactType | None = strawberry.field(default=None, description="Equal to.")
    ne: ContactType | None = strawberry.field(default=None, description="Not equal to.")
    in_: list[ContactType] | None = strawberry.field(default=None, name="in", description="One of.")
    not_in: list[ContactType] | None = strawberry.field(default=None, description="None of.")

    def to_condition(self) -> Condition:
        return Condition(eq=self.eq, ne=self.ne, in_=self.in_, not_in=self.not_in)


@strawberry.input(description="Which contacts to list; every field given must hold.")
class ContactWhere:
    id: IDFilter | None = strawberry.field(default=None, description="By contact id.")
    customer_id: IDFilter | None = strawberry.field(default=None, description="By customer.")
    name: StringFilter | None = strawberry.field(default=None, description="By name.")
    email: StringFilter | None = strawberry.field(default=None, description="By e-mail, ignoring case.")
    contact_type: ContactTypeFilter | None = strawberry.field(default=None, description="By type.")
    email_verified: BooleanFilter | None = strawberry.field(
        default=None, description="By whether the e-mail is verified."
    )
    mobile_verified: BooleanFilter | None = strawberry.field(
        default=None, description="By whether the mobile number is verified."
    )
    has_login: BooleanFilter | None = strawberry.field(
        default=None, description="By whether the contact has a password (a portal login)."
    )
    created_at: DateTimeFilter | None = strawberry.field(default=None, description="By creation time.")
    and_: list[ContactWhere] | None = strawberry.field(default=None, name="AND", description="All of.")
    or_: list[ContactWhere] | None = strawberry.field(default=None, name="OR", description="Any of.")
    not_: ContactWhere | None = strawberry.field(default=None, name="NOT", description="Not this.")

    def to_filter(self) -> Filter:
        conditions: dict[str, Condition] = {}
        for name in (
            "name",
            "email",
            "contact_type",
            "email_verified",
            "mobile_verified",
            "has_login",
            "created_at",
        ):
            value = getattr(self, name)
            if value is not None:
                conditions[name] = value.to_condition()
        for name, type_name in (("id", "Contact"), ("customer_id", "Customer")):
            id_filter: IDFilter | None = getattr(self, name)
            if id_filter is not None:
                conditions[name] = id_filter.to_condition_for(type_name)
        return Filter(
            conditions=conditions,
            and_=[w.to_filter() for w in self.and_ or []],
            or_=[w.to_filter() for w in self.or_ or []],
            not_=self.not_.to_filter() if self.not_ else None,
        )


@strawberry.input(description="One sort key of a contact list.")
class ContactSort:
    field: ContactSortField = strawberry.field(description="What to sort by.")
    direction: SortDirection = strawberry.field(default=SortDirection.ASC, description="Direction.")


def contact_query(
    where: ContactWhere | None, search: str | None, sort_by: list[ContactSort] | None
) -> ContactQuery:
    return ContactQuery(
        where=where.to_filter() if where else None,
        search=search,
        sort=tuple((s.field, s.direction is SortDirection.DESC) for s in sort_by or []),
    )


async def customer_contacts(
    info: Info, customer_id: int, query: ContactQuery, page: PageRequest
) -> Connection[Contact]:
    """One customer's page of contacts, read together with the other customers' pages of this
    request (one statement for the pages, one for the totals when asked)."""
    return await customer_contacts_of(info.context.loaders, customer_id, query, page)


async def customer_contacts_of(
    loaders: Loaders, customer_id: int, query: ContactQuery, page: PageRequest
) -> Connection[Contact]:
    """`customer_contacts` through the request's loaders (the compiled path loads a page's
    customers at once, gql/compiled)."""
    found = await loaders.contact_pages(query, page).load(customer_id)

    async def total() -> int:
        return await loaders.contact_counts(query).load(customer_id)

    return connection_of(replace(found, count_total=total), Contact.from_model)


@strawberry.input(description="A new contact of a customer. Only customerId, name and email are required.")
@declared_fields(FIELDS, Mode.CREATE)
class ContactCreateInput:
    """One field per contact declaration (services/contacts/values.py), and the password."""

    customer_id: relay.GlobalID = strawberry.field(description="The customer.")
    password_mode: ContactPasswordMode | None = strawberry.field(
        default=None,
        description="How the portal password is chosen; without it (and without a password) the "
        "contact has no login until its password is reset. SET when only a password is given.",
    )
    password: str | None = strawberry.field(
        default=None, description="The portal password, for SET: checked for strength, stored hashed."
    )
    reason: str | None = strawberry.field(default=None, description=REASON)
    effective_at: datetime | None = strawberry.field(
        default=None, description=EFFECTIVE_AT + " Only with a GENERATE password (or none)."
    )


@strawberry.input(description="Changes to a contact: omitted fields stay, null clears.")
@declared_fields(FIELDS, Mode.UPDATE)
class ContactUpdateInput:
    """One optional field per contact declaration; omitted and null differ."""

    id: relay.GlobalID = strawberry.field(description="The contact.")
    reason: str | None = strawberry.field(default=None, description=REASON)
    effective_at: datetime | None = strawberry.field(default=None, description=EFFECTIVE_AT)
    overwrite: bool = strawberry.field(default=False, description=OVERWRITE)


@strawberry.input(description="Delete a contact, and with it its portal login.")
class ContactDeleteInput:
    id: relay.GlobalID = strawberry.field(description="The contact.")
    reason: str | None = strawberry.field(default=None, description=REASON)


@strawberry.input(description="Give a contact a new portal password.")
class ContactPasswordResetInput:
    contact_id: relay.GlobalID = strawberry.field(description="The contact.")
    mode: ContactPasswordMode = strawberry.field(description="Generate and e-mail one, or set the one given.")
    password: str | None = strawberry.field(
        default=None, description="The password, for SET only: checked for strength, stored hashed."
    )
    reason: str | None = strawberry.field(default=None, description=REASON)


@strawberry.type(description="Result of contactCreate.")
class ContactCreatePayload:
    contact: Contact | None = strawberry.field(
        default=None, description="The new contact; null when its creation is scheduled."
    )
    scheduled_change: ScheduledChange | None = strawberry.field(
        default=None, description="The change stored for later, when effectiveAt is in the future."
    )
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why it was refused.")


@strawberry.type(description="Result of contactUpdate.")
class ContactUpdatePayload:
    contact: Contact | None = strawberry.field(
        default=None, description="The contact as saved (as it is now, when the change is scheduled)."
    )
    scheduled_change: ScheduledChange | None = strawberry.field(
        default=None, description="The change stored for later, when effectiveAt is in the future."
    )
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why it was refused.")


@strawberry.type(description="Result of contactDelete.")
class ContactDeletePayload:
    deleted_id: relay.GlobalID | None = strawberry.field(default=None, description="The contact deleted.")
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why it was refused.")


@strawberry.type(description="Result of contactPasswordReset; the password itself is never in it.")
class ContactPasswordResetPayload:
    contact: Contact | None = strawberry.field(default=None, description="The contact, now with a login.")
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why it was refused.")


@strawberry.input(description="Open the customer portal as a contact (staff's Portal Login).")
class ContactPortalLoginInput:
    contact_id: relay.GlobalID = strawberry.field(description="The contact to act as.")
    reason: str = strawberry.field(description="Why (required; kept in the contact's audit trail).")


@strawberry.type(description="Result of contactPortalLogin.")
class ContactPortalLoginPayload:
    access_token: str | None = strawberry.field(
        default=None,
        description="A bearer token of the contact's portal session, short-lived and not refreshable.",
    )
    expires_at: datetime | None = strawberry.field(
        default=None, description="When the token stops working (UTC)."
    )
    portal_url: str | None = strawberry.field(
        default=None,
        description="The customer portal on the customer's portal domain (else the account's first), "
        "with the token in the URL fragment (#accessToken=...), which browsers never send to a server.",
    )
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why it was refused.")
