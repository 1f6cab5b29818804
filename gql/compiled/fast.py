"""The customers list served from plain rows: for a plan whose every customer field is a column
(or a value derived from columns as `Customer.from_model` derives it) and whose relations are the
reseller, the account manager and the tags, the page is one statement (services/customers/rows.py)
and each response key is written by a function built once per plan. Other customers plans
(nested connections, resolver fields) are served by the general reads (gql/compiled/run.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from strawberry.relay import GlobalID

from gql.compiled.plan import ConnectionPlan, Entry, Leaf, ObjectPlan, RootPlan
from gql.types.contacts import CONTACT_COLUMN_FIELDS
from gql.types.customers import CUSTOMER_COLUMN_FIELDS, CUSTOMER_MONEY_FIELDS
from models.enums import PortalSection
from services import runtime
from services.cdrs.channels import channels_now
from services.customers.rows import Wanted
from services.reference import quantum
from services.rows import RowPage

Row = dict[str, Any]
Write = Callable[[Row], Any]


class Fallback(Exception):
    """This request is the general path's to answer."""


@dataclass(frozen=True)
class RowPlan:
    """A customers connection written from rows: the rows it needs and a writer per key."""

    kind: str  # the root's kind: "customers" | "contacts"
    wanted: Any  # customers: a Wanted; contacts: the fields (tuple)
    connection: ConnectionPlan
    node: list[tuple[str, Write]] | None


# Fields of the relations' types, by strawberry attribute: (column, conversion of its value).
RESELLER_FIELDS: dict[str, tuple[str, Callable[[Any], Any] | None]] = {
    "name": ("name", None),
    "created_at": ("created_at", None),
}
USER_FIELDS: dict[str, tuple[str, Callable[[Any], Any] | None]] = {
    "name": ("name", None),
    "email": ("email", None),
    "active": ("is_active", None),
    "invitation_pending": ("password_set", lambda value: not value),
    "created_at": ("created_at", None),
    "last_login_at": ("last_login_at", None),
}
PAGE_INFO_FIELDS = frozenset({"has_next_page", "has_previous_page", "start_cursor", "end_cursor"})


def row_plan(root: RootPlan) -> RowPlan | None:
    """The row plan of a customers or contacts root, or None when the general reads serve it."""
    if root.kind not in ("customers", "contacts"):
        return None
    connection = root.connection
    for info in connection.page_info.values():
        for entry in info.entries:
            if entry.kind == "leaf":
                assert entry.leaf is not None
                if entry.leaf.attribute not in PAGE_INFO_FIELDS:
                    return None
            elif entry.kind != "typename":
                return None
    columns: dict[str, None] = {}
    relations: dict[str, tuple[str, ...]] = {}
    tags = False
    node: list[tuple[str, Write]] | None = None
    if connection.node is not None:
        node = []
        for entry in connection.node.entries:
            write = (
                _customer_entry(entry, columns, relations)
                if root.kind == "customers"
                else _contact_entry(entry, columns)
            )
            if write is None:
                return None
            if entry.kind == "relation" and entry.relation == "tags":
                tags = True
            node.append((entry.key, write))
    if root.kind == "contacts":
        return RowPlan(root.kind, tuple(columns), connection, node)
    wanted = Wanted(
        customer=tuple(columns),
        reseller=relations.get("reseller"),
        manager=relations.get("account_manager"),
        tags=tags,
        total=connection.wants_total,
    )
    return RowPlan(root.kind, wanted, connection, node)


def _contact_entry(entry: Entry, columns: dict[str, None]) -> Write | None:
    if entry.kind == "typename":
        return _constant(entry.type_name)
    if entry.kind == "id":
        return _global_id(entry.type_name, "id")
    if entry.kind != "leaf" or entry.leaf is None or entry.leaf.item_plan is not None:
        return None
    leaf = entry.leaf
    if leaf.attribute == "has_login":
        columns["password_hash"] = None
        return lambda row: write_leaf(leaf, row["password_hash"] is not None)
    if leaf.attribute in CONTACT_COLUMN_FIELDS:
        columns[leaf.attribute] = None
        return _column(leaf, leaf.attribute)
    return None


def _customer_entry(
    entry: Entry, columns: dict[str, None], relations: dict[str, tuple[str, ...]]
) -> Write | None:
    if entry.kind == "typename":
        return _constant(entry.type_name)
    if entry.kind == "id":
        return _global_id(entry.type_name, "id")
    if entry.kind == "leaf":
        assert entry.leaf is not None
        leaf = entry.leaf
        attribute = leaf.attribute
        if leaf.item_plan is not None:
            return None
        if attribute in CUSTOMER_MONEY_FIELDS:
            columns[attribute] = None
            columns["currency"] = None
            return _money(leaf, attribute)
        if attribute == "channels_in_use":
            columns["channels_in_use"] = None
            columns["channels_in_use_at"] = None
            return _channels(leaf)
        if attribute == "portal_hidden_sections":
            columns[attribute] = None
            return _sections(leaf, attribute)
        if attribute == "tax_percent":
            columns[attribute] = None
            return _normalized(leaf, attribute)
        if attribute in CUSTOMER_COLUMN_FIELDS:
            columns[attribute] = None
            return _column(leaf, attribute)
        return None
    if entry.kind == "relation":
        if entry.relation == "tags":
            return _tags
        fields = RESELLER_FIELDS if entry.relation == "reseller" else USER_FIELDS
        if entry.target is None:
            return None
        names: dict[str, None] = {}
        writers = []
        for sub in entry.target.entries:
            write = _related_entry(sub, fields, names)
            if write is None:
                return None
            writers.append((sub.key, write))
        relations[entry.relation] = tuple(names)
        return _related(entry.relation, writers)
    return None


def _related_entry(
    entry: Entry, fields: dict[str, tuple[str, Callable[[Any], Any] | None]], names: dict[str, None]
) -> Write | None:
    if entry.kind == "typename":
        return _constant(entry.type_name)
    if entry.kind == "id":
        return _global_id(entry.type_name, "id")
    if entry.kind != "leaf" or entry.leaf is None or entry.leaf.item_plan is not None:
        return None
    known = fields.get(entry.leaf.attribute)
    if known is None:
        return None
    column, convert = known
    names[column] = None
    leaf = entry.leaf
    if convert is None:
        return _column(leaf, column)
    return lambda row: write_leaf(leaf, convert(row[column]))


def _constant(value: str) -> Write:
    return lambda row: value


def _global_id(type_name: str, column: str) -> Write:
    return lambda row: str(GlobalID(type_name, str(row[column])))


def _column(leaf: Leaf, column: str) -> Write:
    return lambda row: write_leaf(leaf, row[column])


def _money(leaf: Leaf, column: str) -> Write:
    def write(row: Row) -> Any:
        value: Decimal | None = row[column]
        if value is not None:
            value = value.quantize(quantum(row["currency"]))
        return write_leaf(leaf, value)

    return write


def _normalized(leaf: Leaf, column: str) -> Write:
    def write(row: Row) -> Any:
        value: Decimal | None = row[column]
        return write_leaf(leaf, value.normalize() if value is not None else None)

    return write


def _channels(leaf: Leaf) -> Write:
    def write(row: Row) -> Any:
        stale = timedelta(seconds=runtime.current().settings.channels_stale_seconds)
        value = channels_now(row["channels_in_use"], row["channels_in_use_at"], datetime.now(UTC), stale)
        return write_leaf(leaf, value)

    return write


def _sections(leaf: Leaf, column: str) -> Write:
    def write(row: Row) -> Any:
        return write_leaf(leaf, [PortalSection(section) for section in row[column]])

    return write


def _tags(row: Row) -> Any:
    return list(row["tags"])


def _related(name: str, writers: list[tuple[str, Write]]) -> Write:
    def write(row: Row) -> Any:
        related = row[name]
        if related is None:
            return None
        return {key: each(related) for key, each in writers}

    return write


def write_leaf(leaf: Leaf, value: Any) -> Any:
    """A plain value as graphql-core writes it (a null where the schema has none: Fallback)."""
    if value is None:
        if not leaf.nullable:
            raise Fallback
        return None
    if leaf.list_depth:
        out: list[Any] = []
        for item in value:
            if item is None:
                if not leaf.item_nullable:
                    raise Fallback
                out.append(None)
            else:
                out.append(leaf.serialize(item))
        return out
    return leaf.serialize(value)


def write_connection(plan: RowPlan, page: RowPage) -> dict[str, Any]:
    """The connection's keys in selection order."""
    connection = plan.connection
    out: dict[str, Any] = {}
    for key, name in connection.keys:
        if name == "edges":
            out[key] = _edges(plan, page)
        elif name == "totalCount":
            out[key] = page.total
        elif name == "pageInfo":
            out[key] = _page_info(connection.page_info[key], page)
        else:
            out[key] = connection.type_name
    return out


def _edges(plan: RowPlan, page: RowPage) -> list[dict[str, Any]]:
    connection = plan.connection
    node = plan.node
    edges = []
    for row, cursor in zip(page.rows, page.cursors, strict=True):
        edge: dict[str, Any] = {}
        for key, name in connection.edge_keys:
            if name == "cursor":
                edge[key] = cursor
            elif name == "node":
                assert node is not None
                edge[key] = {key: write(row) for key, write in node}
            else:
                edge[key] = connection.edge_type
        edges.append(edge)
    return edges


def _page_info(plan: ObjectPlan, page: RowPage) -> dict[str, Any]:
    values = {
        "has_next_page": page.has_next_page,
        "has_previous_page": page.has_previous_page,
        "start_cursor": page.cursors[0] if page.cursors else None,
        "end_cursor": page.cursors[-1] if page.cursors else None,
    }
    out: dict[str, Any] = {}
    for entry in plan.entries:
        if entry.kind == "typename":
            out[entry.key] = entry.type_name
        else:
            assert entry.leaf is not None
            out[entry.key] = write_leaf(entry.leaf, values[entry.leaf.attribute])
    return out
