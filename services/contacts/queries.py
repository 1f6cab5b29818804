"""Reading contacts: by id (node, loaders), each customer's page (batched), and the global list.

Who may read them: a principal with `customers:read`, for the customers it may see (its
account's live customers; a partner only its reseller's). A contact of any other customer is
absent, exactly like one that does not exist.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from tortoise.expressions import F, Q, Subquery
from tortoise.functions import Count
from tortoise.queryset import QuerySet

from models import Contact, Customer
from models.enums import Permission
from services.actor import Actor
from services.customers.scope import visible_customers
from services.errors import ErrorCode, ServiceError
from services.listing import (
    Condition,
    ConditionBuilder,
    Filter,
    Page,
    PageQuery,
    PageRequest,
    SortKey,
    check_operands,
    check_search,
    column_condition,
    column_limits,
    cursor_datetime,
    cursor_text,
    filter_q,
    page_query,
    paginate,
    paginate_each,
)

MAX_SEARCH_TERMS = 8


class ContactSortField(StrEnum):
    NAME = "NAME"
    EMAIL = "EMAIL"
    CREATED_AT = "CREATED_AT"
    CUSTOMER_NAME = "CUSTOMER_NAME"


SORT_KEYS = {
    ContactSortField.NAME: SortKey("name_key", cursor_text(Contact, "name_key")),
    ContactSortField.EMAIL: SortKey("email_key", cursor_text(Contact, "email_key")),
    ContactSortField.CREATED_AT: SortKey("created_at", cursor_datetime),
    ContactSortField.CUSTOMER_NAME: SortKey("customer_name_key", cursor_text(Customer, "name_key")),
}
# Without a sort, lists go by name (then id).
DEFAULT_SORT = ((ContactSortField.NAME, False),)


@dataclass(frozen=True)
class ContactQuery:
    """Which contacts a list shows and in what order; `sort` is (field, descending) pairs."""

    where: Filter | None = None
    search: str | None = None
    sort: tuple[tuple[ContactSortField, bool], ...] = ()


def _email_condition(condition: Condition) -> Q:
    """E-mail addresses compare ignoring case (the login is unique that way)."""
    check_operands(condition, column_limits(Contact, "email_key"))
    folded = Condition(
        eq=condition.eq.casefold() if condition.eq is not None else None,
        ne=condition.ne.casefold() if condition.ne is not None else None,
        in_=[value.casefold() for value in condition.in_] if condition.in_ is not None else None,
        not_in=[value.casefold() for value in condition.not_in] if condition.not_in is not None else None,
        contains=condition.contains,
    )
    return column_condition("email_key")(folded)


def _has_login_condition(condition: Condition) -> Q:
    """Whether the contact has a password, so may log in to the portal."""
    if condition.eq is None:
        return Q()
    return Q(password_hash__isnull=not condition.eq)


CONDITIONS: dict[str, ConditionBuilder] = {
    "id": column_condition("id", Contact),
    "customer_id": column_condition("customer_id", Contact),
    "name": column_condition("name", Contact),
    "email": _email_condition,
    "contact_type": column_condition("contact_type", Contact),
    "email_verified": column_condition("email_verified", Contact),
    "mobile_verified": column_condition("mobile_verified", Contact),
    "has_login": _has_login_condition,
    "created_at": column_condition("created_at", Contact),
}


def visible_contacts(actor: Actor) -> QuerySet[Contact]:
    """The contacts of the customers the actor may see; a portal principal sees itself, and its
    customer's other contacts only when they manage each other (services/portal.py)."""
    contacts = Contact.filter(
        account_id=actor.account_id, customer_id__in=Subquery(visible_customers(actor).values("id"))
    )
    if actor.is_portal and not actor.portal_manages_contacts:
        contacts = contacts.filter(id=actor.contact_id)
    return contacts


def _search_q(search: str) -> Q:
    """Every term must match the name, the e-mail, the phone or the mobile number."""
    q = Q()
    for term in search.split()[:MAX_SEARCH_TERMS]:
        q &= (
            Q(name__icontains=term)
            | Q(email__icontains=term)
            | Q(phone__icontains=term)
            | Q(mobile__icontains=term)
        )
    return q


def contact_queryset(actor: Actor, query: ContactQuery) -> QuerySet[Contact]:
    check_search(query.search, "search")
    queryset = visible_contacts(actor)
    if query.where is not None:
        queryset = queryset.filter(filter_q(query.where, CONDITIONS, lambda q: Contact.filter(q)))
    if query.search and query.search.strip():
        queryset = queryset.filter(_search_q(query.search))
    return queryset


def _order(query: ContactQuery) -> list[tuple[SortKey, bool]]:
    return [(SORT_KEYS[field], descending) for field, descending in query.sort or DEFAULT_SORT]


async def contacts_by_id(actor: Actor, ids: Sequence[int]) -> dict[int, Contact]:
    """The contacts among `ids` that the actor may read, by id (the others are absent)."""
    actor.require(Permission.CUSTOMERS_READ)
    return {row.id: row for row in await visible_contacts(actor).filter(id__in=list(ids))}


async def list_contacts(actor: Actor, page: PageRequest, query: ContactQuery) -> Page[Contact]:
    """A page of every contact the actor may read, across customers."""
    return await paginate(_listed(actor, query), _order(query), page)


def contact_page_query(actor: Actor, page: PageRequest, query: ContactQuery) -> PageQuery[Contact]:
    """The statement of `list_contacts`' page, after its permission check (the compiled read
    path runs it as plain rows: services/contacts/rows.py)."""
    return page_query(_listed(actor, query), _order(query), page)


def check_list(actor: Actor) -> None:
    """Who may list contacts."""
    actor.require(Permission.CUSTOMERS_READ)


def _listed(actor: Actor, query: ContactQuery) -> QuerySet[Contact]:
    check_list(actor)
    queryset = contact_queryset(actor, query)
    if any(field is ContactSortField.CUSTOMER_NAME for field, _ in query.sort):
        queryset = queryset.annotate(customer_name_key=F("customer__name_key"))
    return queryset


async def contacts_by_customer(
    actor: Actor, customer_ids: Sequence[int], query: ContactQuery, page: PageRequest
) -> dict[int, Page[Contact]]:
    """A page of each customer's contacts (the card's Contacts section), one statement for any
    number of customers. Customers the actor may not read get an empty page."""
    actor.require(Permission.CUSTOMERS_READ)
    if any(field is ContactSortField.CUSTOMER_NAME for field, _ in query.sort):
        raise ServiceError.single(
            ErrorCode.INVALID, "A customer's contacts sort by name, e-mail or creation time.", "sort_by"
        )
    queryset = contact_queryset(actor, query).filter(customer_id__in=list(customer_ids))
    return await paginate_each(queryset, "customer_id", customer_ids, _order(query), page)


async def contact_counts_by_customer(
    actor: Actor, customer_ids: Sequence[int], query: ContactQuery
) -> dict[int, int]:
    """How many contacts of each customer match the query (one statement); 0 when none."""
    actor.require(Permission.CUSTOMERS_READ)
    queryset = contact_queryset(actor, query).filter(customer_id__in=list(customer_ids))
    rows = await queryset.annotate(count=Count("id")).group_by("customer_id").values("customer_id", "count")
    counts = {customer_id: 0 for customer_id in customer_ids}
    counts.update({int(row["customer_id"]): int(row["count"]) for row in rows})
    return counts
