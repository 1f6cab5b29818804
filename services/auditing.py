"""Diffs for the audit trail: snapshot before, diff after, JSON-safe values, secrets redacted."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any
from uuid import UUID

JsonValue = None | bool | int | float | str | list["JsonValue"] | dict[str, "JsonValue"]
Diff = dict[str, dict[str, JsonValue]]
REDACTED = "[redacted]"


def json_safe(value: Any) -> JsonValue:
    """A value as it is shown in a diff: Decimal as string, times ISO 8601, enums by value."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Enum):
        return json_safe(value.value)
    if isinstance(value, Decimal):
        # Normalised, so 10.5000 read back from the database equals the 10.5 that was written.
        return format(value.normalize(), "f")
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, Iterable):
        return [json_safe(v) for v in value]
    return str(value)


def snapshot(obj: object, fields: Iterable[str]) -> dict[str, JsonValue]:
    return {name: json_safe(getattr(obj, name)) for name in fields}


def diff(
    before: Mapping[str, JsonValue],
    after: Mapping[str, JsonValue],
    secrets: frozenset[str] = frozenset(),
) -> Diff:
    """`{field: {old, new}}` for the fields whose value changed; secrets never show a value."""
    changes: Diff = {}
    for name in after:
        old, new = before.get(name), after[name]
        if old == new:
            continue
        if name in secrets:
            changes[name] = {
                "old": REDACTED if old is not None else None,
                "new": REDACTED if new is not None else None,
            }
        else:
            changes[name] = {"old": old, "new": new}
    return changes


def creation_diff(after: Mapping[str, JsonValue], secrets: frozenset[str] = frozenset()) -> Diff:
    """A new record's diff: every set field, from null."""
    return diff({}, {k: v for k, v in after.items() if v not in (None, "", [], {})}, secrets)
