"""GraphQL fields derived from the services' field declarations (services/fields.py).

A declared field becomes a field of the output type, of the create input and of the update
input, each with the declaration's description; its GraphQL type follows from the value type:
an id that refers to another object is a global ID of that type, a value the services keep as a
domain object (a dial window) is the GraphQL type or input registered for it here, a secret is
never an output. The class decorators add the fields before strawberry reads the class.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import Any, TypeVar, get_args, get_origin

import strawberry
from strawberry import relay
from strawberry.types.maybe import Some

from services.fields import FieldSpec
from services.portal import Visibility

C = TypeVar("C", bound=type)


class Mode(StrEnum):
    OUTPUT = "OUTPUT"
    CREATE = "CREATE"
    UPDATE = "UPDATE"


# Annotations are built at run time here, where a checker cannot follow them.
_PRIVATE: Any = strawberry.Private
_MAYBE: Any = strawberry.Maybe

# Where a field's portal visibility travels, in the GraphQL field's metadata (gql/portal_guard.py).
PORTAL_KEY = "switchboard.portal"


def portal_field(visibility: Visibility = True) -> dict[str, Visibility]:
    """Metadata for a type's own field that the customer portal shows
    (`strawberry.field(metadata=portal_field(...))`): True always, a PortalSection unless the
    customer hides it. A field without it is staff-only."""
    return {PORTAL_KEY: visibility}


# Domain value types -> (their GraphQL output type, their GraphQL input type).
_SUBSTITUTES: dict[type, tuple[type, type]] = {}


def substitute(value_type: type, output: type, input_type: type) -> None:
    """Register how a domain value type is shown and given in GraphQL."""
    _SUBSTITUTES[value_type] = (output, input_type)


def declared_fields(specs: Mapping[str, FieldSpec], mode: Mode) -> Callable[[C], C]:
    """A class decorator (under `@strawberry.type` or `@strawberry.input`) that adds a field per
    declaration, ahead of the class's own fields."""

    def add(cls: C) -> C:
        own = dict(inspect.get_annotations(cls))
        declared: dict[str, Any] = {}
        for field in specs.values():
            annotation = _annotation(field, mode)
            if annotation is None:
                continue
            declared[field.name] = annotation
            if mode is Mode.OUTPUT and field.refers_to is None:
                setattr(
                    cls,
                    field.name,
                    strawberry.field(description=field.description, metadata=portal_field(field.portal)),
                )
            elif mode is not Mode.OUTPUT:
                setattr(cls, field.name, _input_field(field, mode))
        first = {name: own.pop(name) for name in ("id",) if name in own}
        cls.__annotations__ = {**first, **declared, **own}
        return cls

    return add


def _annotation(field: FieldSpec, mode: Mode) -> Any:
    if mode is Mode.OUTPUT:
        if field.secret or field.table is not None:
            return None  # secrets are write-only; values kept elsewhere have their own resolver
        if field.refers_to is not None:
            return _PRIVATE[int | None]  # the object is resolved by the type itself
    value = _graphql_type(field, field.value_type, mode)
    if mode is Mode.UPDATE:
        return _MAYBE[value | None]
    if mode is Mode.CREATE and field.required_on_create:
        return value
    return value | None if (field.nullable or mode is Mode.CREATE) else value


def _graphql_type(field: FieldSpec, value_type: Any, mode: Mode) -> Any:
    if get_origin(value_type) is list:
        (item,) = get_args(value_type)
        return list[_graphql_type(field, item, mode)]  # type: ignore[misc]
    if field.refers_to is not None:
        return relay.GlobalID
    if value_type in _SUBSTITUTES:
        output, input_type = _SUBSTITUTES[value_type]
        return output if mode is Mode.OUTPUT else input_type
    return value_type


def _input_field(field: FieldSpec, mode: Mode) -> Any:
    if mode is Mode.CREATE and field.required_on_create:
        return strawberry.field(description=field.description)
    if mode is Mode.CREATE:
        return strawberry.field(default=None, description=field.description)
    return strawberry.field(description=field.description)


def given_values(source: object, specs: Mapping[str, FieldSpec]) -> dict[str, Any]:
    """The declared fields an input gave, by name: a create input's non-null values, an update
    input's `Some(...)` (null included, which the declaration may refuse)."""
    values: dict[str, Any] = {}
    for name in specs:
        raw = getattr(source, name, None)
        if raw is not None:
            values[name] = raw.value if isinstance(raw, Some) else raw
    return values
