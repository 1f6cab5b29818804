"""Reading customers: the filtered, searched, sorted and paginated list."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from tortoise.expressions import Q, RawSQL, Subquery
from tortoise.queryset import QuerySet

from models import Customer, CustomerTag, Reseller, User
from models.enums import CustomerStatus, Permission
from services import directory, portal
from services.actor import Actor
from services.customers.scope import about_visible_customers, tags_of, visible_customers
from services.listing import (
    Condition,
    ConditionBuilder,
    Filter,
    Page,
    PageQuery,
    PageRequest,
    SortKey,
    any_of,
    check_operands,
    check_search,
    column_condition,
    column_limits,
    cursor_datetime,
    cursor_decimal,
    cursor_int,
    cursor_text,
    filter_q,
    page_query,
    paginate,
)

MAX_SEARCH_TERMS = 8


class CustomerSortField(StrEnum):
    NAME = "NAME"
    BALANCE = "BALANCE"
    CREATED_AT = "CREATED_AT"
    STATUS = "STATUS"
    CHANNELS = "CHANNELS"


# SQLite keeps decimals as text: compare and sort the numeric value on every engine alike.
_NUMERIC = {"balance_value": "balance", "debit_limit_value": "debit_limit"}


SORT_KEYS = {
    CustomerSortField.NAME: SortKey("name_key", cursor_text(Customer, "name_key")),
    CustomerSortField.BALANCE: SortKey("balance_value", cursor_decimal),
    CustomerSortField.CREATED_AT: SortKey("created_at", cursor_datetime),
    CustomerSortField.STATUS: SortKey("status", CustomerStatus),
    CustomerSortField.CHANNELS: SortKey("channels", cursor_int(Customer, "channels")),
}


def _tags_condition(condition: Condition) -> Q:
    check_operands(condition, column_limits(CustomerTag, "tag"))
    parts = []
    if condition.contains_any:
        parts.append(Q(id__in=_with_any_tag(condition.contains_any)))
    for tag in condition.contains_all or ():
        parts.append(Q(id__in=_with_any_tag([tag])))
    q = Q()
    for part in parts:
        q &= part
    return q


def _with_any_tag(tags: Sequence[str]) -> Subquery:
    matches = any_of([Q(tag__iexact=tag) for tag in tags])
    return Subquery(CustomerTag.filter(matches).values("customer_id"))


CONDITIONS: dict[str, ConditionBuilder] = {
    "id": column_condition("id", Customer),
    "name": column_condition("name", Customer),
    "status": column_condition("status", Customer),
    "currency": column_condition("currency", Customer),
    "reseller_id": column_condition("reseller_id", Customer),
    "account_manager_id": column_condition("account_manager_id", Customer),
    "balance": column_condition("balance_value"),
    "debit_limit": column_condition("debit_limit_value"),
    "channels": column_condition("channels", Customer),
    "created_at": column_condition("created_at", Customer),
    "external_accounting_id": column_condition("external_accounting_id", Customer),
    "tags": _tags_condition,
}


def _search_q(search: str) -> Q:
    """Every term must match the name, the external accounting id or a tag."""
    q = Q()
    for term in search.split()[:MAX_SEARCH_TERMS]:
        tagged = Subquery(CustomerTag.filter(tag__icontains=term).values("customer_id"))
        q &= Q(name__icontains=term) | Q(external_accounting_id__icontains=term) | Q(id__in=tagged)
    return q


def _with_numeric_values(queryset: QuerySet[Customer]) -> QuerySet[Customer]:
    return queryset.annotate(
        **{alias: RawSQL(f'CAST("{column}" AS NUMERIC)') for alias, column in _NUMERIC.items()}
    )


def _matching(q: Q) -> QuerySet[Customer]:
    return _with_numeric_values(Customer.all()).filter(q)


def customer_queryset(actor: Actor, where: Filter | None, search: str | None) -> QuerySet[Customer]:
    check_search(search, "search")
    queryset = _with_numeric_values(visible_customers(actor))
    if where is not None:
        queryset = queryset.filter(filter_q(where, CONDITIONS, _matching))
    if search and search.strip():
        queryset = queryset.filter(_search_q(search))
    return queryset


async def customers_by_id(actor: Actor, ids: Sequence[int]) -> dict[int, Customer]:
    """The customers among `ids` that the actor may read, by id (the others are absent)."""
    actor.require(Permission.CUSTOMERS_READ)
    return {row.id: row for row in await visible_customers(actor).filter(id__in=list(ids))}


async def tags_by_customer(actor: Actor, customer_ids: Sequence[int]) -> dict[int, list[str]]:
    """Each customer's tags in the order they were given."""
    actor.require(Permission.CUSTOMERS_READ)
    # The ids come from customers the actor was allowed to read; a partner's are narrowed again.
    tagged = about_visible_customers(tags_of(list(customer_ids)), actor)
    rows = await tagged.values_list("customer_id", "tag")
    tags: dict[int, list[str]] = defaultdict(list)
    for customer_id, tag in rows:
        tags[customer_id].append(tag)
    return tags


async def list_customers(
    actor: Actor,
    page: PageRequest,
    where: Filter | None = None,
    search: str | None = None,
    sort: Sequence[tuple[CustomerSortField, bool]] = (),
) -> Page[Customer]:
    """A page of the customers the actor may see; `sort` is (field, descending) pairs."""
    return await paginate(*_checked(actor, where, search, sort), page)


def customer_page_query(
    actor: Actor,
    page: PageRequest,
    where: Filter | None = None,
    search: str | None = None,
    sort: Sequence[tuple[CustomerSortField, bool]] = (),
) -> PageQuery[Customer]:
    """The statement of `list_customers`' page, after its permission and portal checks (the
    compiled read path runs it as plain rows: services/customers/rows.py)."""
    return page_query(*_checked(actor, where, search, sort), page)


def _checked(
    actor: Actor, where: Filter | None, search: str | None, sort: Sequence[tuple[CustomerSortField, bool]]
) -> tuple[QuerySet[Customer], list[tuple[SortKey, bool]]]:
    check_list(actor, where, search, sort)
    order = [(SORT_KEYS[sort_field], descending) for sort_field, descending in sort]
    return customer_queryset(actor, where, search), order


class Relation(StrEnum):
    """What a page of customers can be read with (see `related_of`)."""

    TAGS = "TAGS"
    RESELLER = "RESELLER"
    ACCOUNT_MANAGER = "ACCOUNT_MANAGER"


@dataclass(frozen=True)
class Related:
    """The relations of a page's customers, read with the page; None where not asked for
    (each one holds exactly what that relation's own batched read returns)."""

    tags: Mapping[int, list[str]] | None = None
    resellers: Mapping[int, Reseller] | None = None
    managers: Mapping[int, User] | None = None


async def related_of(actor: Actor, rows: Sequence[Customer], include: Collection[Relation]) -> Related:
    """The `include`d relations of these customers, one batched, permission-checked read each
    (the very reads their loaders make), for the whole page at once: the caller knows up front
    which relations every row shows, so no row has to ask for its own."""
    tags: Mapping[int, list[str]] | None = None
    resellers: Mapping[int, Reseller] | None = None
    managers: Mapping[int, User] | None = None
    if Relation.TAGS in include:
        ids = [row.id for row in rows]
        tags = await tags_by_customer(actor, ids) if ids else {}
    if Relation.RESELLER in include:
        reseller_ids = _references(rows, "reseller_id")
        resellers = await directory.resellers_by_id(actor, reseller_ids) if reseller_ids else {}
    if Relation.ACCOUNT_MANAGER in include:
        manager_ids = _references(rows, "account_manager_id")
        managers = await directory.users_by_id(actor, manager_ids) if manager_ids else {}
    return Related(tags=tags, resellers=resellers, managers=managers)


def _references(rows: Sequence[Customer], column: str) -> list[int]:
    """The distinct ids the rows refer to in `column`, ascending."""
    return sorted({value for row in rows if (value := getattr(row, column)) is not None})


def check_list(
    actor: Actor, where: Filter | None, search: str | None, sort: Sequence[tuple[CustomerSortField, bool]]
) -> None:
    """Who may list customers, and what a portal principal may ask of the list."""
    actor.require(Permission.CUSTOMERS_READ)
    portal.check_customer_list(actor, where, search, bool(sort))
