"""Field-level authorization for the customer portal's principals (a customer's contacts).

A portal principal gets a field only if the field is declared portal-visible: the declared
fields of a patch through their `portal=` (services/fields.py, carried into the GraphQL field's
metadata by gql/fields.py), the types' own fields through `portal_field(...)` metadata. A field
in a section the customer's `portalHiddenSections` hide, or not declared at all, answers
FORBIDDEN. The check runs where every path meets, the resolution of each field: a field read
directly, through `node`/`nodes`, a fragment, an alias or a nested list is one and the same
field here. Root fields are gated by their declaration (gql/declare.py `portal=`); the few root
fields that are not declared operations (node, viewer, reference lists) are listed here.

The guard is a graphql-core middleware that the schema installs only for portal principals'
requests (gql/schema.py), so staff requests pay nothing for it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graphql import GraphQLObjectType, GraphQLResolveInfo
from strawberry.extensions import SchemaExtension
from strawberry.types.field import StrawberryField

from gql.error_codes import RequestErrorCode
from gql.errors import ExpectedError, Payload, Refusals
from gql.fields import PORTAL_KEY
from services.portal import Visibility, shows

ROOT_TYPES = frozenset({"Query", "Mutation"})
# Undeclared root fields a portal principal may use: each object they return is checked field by field.
OPEN_ROOT_FIELDS = frozenset({"node", "nodes", "viewer", "currencies", "countries", "timeZones"})
# Types that only carry others (pages, payloads, errors) or plain values shown wherever their
# parent field is: their own fields are as visible as the field that led to them.
CARRIERS = frozenset(
    {"PageInfo", "UserError", "ErrorCount", "Viewer", "Currency", "Country", "TimeZone", "DialWindow"}
    | {"Summaries", "SummaryRow", "SummaryTotals"}  # figures shown wherever Customer.summaries is
    | {"DialingEligibility", "EligibilityReason"}  # shown wherever Customer.dialingEligibility is
)
CARRIER_SUFFIXES = ("Connection", "Edge", "Payload")
MESSAGE = "The customer portal does not show this field."

_VISIBILITY: dict[tuple[str, str], Visibility] = {}


def visibility(parent: GraphQLObjectType, field_name: str) -> Visibility:
    """How a field of `parent` shows in the portal (computed once per field)."""
    key = (parent.name, field_name)
    if key not in _VISIBILITY:
        _VISIBILITY[key] = _visibility(parent, field_name)
    return _VISIBILITY[key]


def _visibility(parent: GraphQLObjectType, field_name: str) -> Visibility:
    if field_name.startswith("__") or field_name == "id":
        return True  # what an object is, on an object the principal reached
    definition = _definition(parent, field_name)
    if parent.name in ROOT_TYPES:
        declared = definition is not None and any(
            isinstance(e, Payload | Refusals) for e in definition.extensions
        )
        return declared or field_name in OPEN_ROOT_FIELDS  # a declared one is gated by its declaration
    if parent.name in CARRIERS or parent.name.endswith(CARRIER_SUFFIXES):
        return True
    if definition is None:
        return False
    value: Visibility = definition.metadata.get(PORTAL_KEY, False)
    return value


def _definition(parent: GraphQLObjectType, field_name: str) -> StrawberryField | None:
    field = parent.fields.get(field_name)
    definition = field.extensions.get("strawberry-definition") if field is not None else None
    return definition if isinstance(definition, StrawberryField) else None


class PortalGuard(SchemaExtension):
    """Refuses, field by field, what the portal does not show its principal."""

    def resolve(
        self, _next: Callable[..., Any], root: Any, info: GraphQLResolveInfo[Any], *args: str, **kwargs: Any
    ) -> Any:
        actor = info.context.actor
        if (
            actor is not None
            and actor.is_portal
            and not shows(actor, visibility(info.parent_type, info.field_name))
        ):
            raise ExpectedError(MESSAGE, RequestErrorCode.FORBIDDEN)
        return _next(root, info, *args, **kwargs)


def applies(extension: SchemaExtension) -> bool:
    """Whether the guard runs for this request: only for a portal principal's."""
    context = extension.execution_context.context
    actor = getattr(context, "actor", None)
    return actor is not None and actor.is_portal
