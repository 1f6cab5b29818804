"""A typed patch as the JSON a scheduled change stores, and back: each value by its field's
declared type (services/fields.py), so the patch applied later is the same typed patch."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import Enum
from typing import Any, TypeVar, get_args, get_origin

from services.auditing import JsonValue, json_safe
from services.errors import ErrorCode, FieldError, ServiceError
from services.fields import specs_of
from services.validation import Patch

P = TypeVar("P", bound=Patch)


def encode_value(value: Any) -> JsonValue:
    """A patch value as plain JSON (a value object by its own `as_json`)."""
    if isinstance(value, list | tuple):
        return [encode_value(item) for item in value]
    as_json = getattr(value, "as_json", None)
    if callable(as_json):
        return json_safe(as_json())
    return json_safe(value)


def decode_value(value_type: Any, raw: Any) -> Any:
    """The typed value of `value_type` that `encode_value` wrote as `raw`."""
    if raw is None:
        return None
    if get_origin(value_type) is list:
        (item_type,) = get_args(value_type)
        return [decode_value(item_type, item) for item in raw]
    if isinstance(value_type, type):
        if issubclass(value_type, Enum):
            return value_type(raw)
        if issubclass(value_type, Decimal):
            return Decimal(raw)
        if issubclass(value_type, datetime):
            return datetime.fromisoformat(raw)
        from_json = getattr(value_type, "from_json", None)
        if callable(from_json):
            return from_json(raw)
    return raw


def encode_patch(patch: Patch) -> dict[str, JsonValue]:
    """The given fields by name. A secret field (a password) is never stored for later."""
    specs = specs_of(type(patch))
    secrets = [name for name in patch.given() if specs[name].secret]
    if secrets:
        raise ServiceError(
            [
                FieldError(
                    ErrorCode.INVALID,
                    "A secret is never stored for later: set it now, or schedule the change without it.",
                    (name,),
                )
                for name in secrets
            ]
        )
    return {name: encode_value(value) for name, value in patch.given().items()}


def decode_patch(patch_type: type[P], raw: dict[str, Any]) -> P:
    specs = specs_of(patch_type)
    return patch_type(**{name: decode_value(specs[name].value_type, value) for name, value in raw.items()})
