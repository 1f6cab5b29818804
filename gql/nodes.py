"""`node`/`nodes`: one helper for every Node type, so an object reached by its global id gets
exactly the answer and the refusal of its own query field.

Each type's `resolve_nodes` names the service read that its query field uses; that read checks
the permission and the scope. Ids the principal may not see come back as null, like ids that do
not exist; a principal lacking the permission gets that field's coded error, item by item.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from gql.context import Info
from gql.dataloaders import BatchRead
from gql.errors import ExpectedError, anonymous_refusal
from gql.types.common import node_pks
from services.errors import ServiceError
from services.validation import Record

Row = TypeVar("Row")
NodeT = TypeVar("NodeT")


async def resolve_nodes(
    info: Info,
    node_ids: Iterable[str],
    model: Record,
    read: BatchRead[Row],
    to_node: Callable[[Row], NodeT],
) -> list[NodeT | ExpectedError | None]:
    """The nodes in the order asked, None for the ones not visible; an error per item when the
    principal may not read this type at all (graphql-core reports it at that item's path)."""
    keys = list(node_ids)
    actor = info.context.actor
    if actor is None:
        return [anonymous_refusal(info) for _ in keys]
    ids = node_pks(keys, model)
    try:
        rows = await read(actor, [i for i in ids if i is not None])
    except ServiceError as exc:
        return [ExpectedError.refusing(exc) for _ in keys]
    return [to_node(rows[i]) if i is not None and i in rows else None for i in ids]
