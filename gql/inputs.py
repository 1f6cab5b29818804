"""Checks on every text a client sends, before any resolver sees it.

PostgreSQL text cannot hold NUL (U+0000) and SQLite stores it silently; neither driver can
encode a lone UTF-16 surrogate, which JSON escapes (`"\\ud800"`) can carry. Checking each
argument here, once, means no input field, filter or search can forget it.
"""

from __future__ import annotations

from typing import Any

from strawberry.types.base import has_object_definition
from strawberry.types.maybe import Some
from strawberry.utils.str_converters import to_camel_case

from services.errors import ErrorCode, FieldError


def text_problem(value: str) -> str | None:
    """Why this text cannot be stored or compared, if it cannot."""
    if "\x00" in value:
        return "Text cannot contain NUL characters."
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "Text must be valid Unicode (no lone surrogates)."
    return None


def text_errors(arguments: dict[str, Any]) -> list[FieldError]:
    """One INVALID error per refused text in the field's arguments; paths start with the
    argument's GraphQL name, then the input fields' GraphQL names and list indexes. Walked
    without recursion: nested filters can be deeper than the stack."""
    errors: list[FieldError] = []
    pending: list[tuple[Any, tuple[str, ...]]] = [
        (value, (to_camel_case(name),)) for name, value in reversed(arguments.items())
    ]
    while pending:
        value, path = pending.pop()
        if isinstance(value, Some):
            pending.append((value.value, path))
        elif isinstance(value, str):
            problem = text_problem(value)
            if problem is not None:
                errors.append(FieldError(ErrorCode.INVALID, problem, path))
        elif isinstance(value, list | tuple):
            pending.extend((item, (*path, str(i))) for i, item in reversed(list(enumerate(value))))
        elif has_object_definition(value):
            fields = value.__strawberry_definition__.fields
            pending.extend(
                (getattr(value, f.python_name), (*path, f.graphql_name or to_camel_case(f.python_name)))
                for f in reversed(fields)
            )
    return errors
