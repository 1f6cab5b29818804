"""What a request selects under a field, read from strawberry's view of the document, so a
resolver can read up front what every row of its page will show."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection

from gql.context import Info


def selected_under(info: Info, path: Sequence[str]) -> frozenset[str]:
    """The names (not aliases) of the fields selected at `path` below the resolved field, e.g.
    `("edges", "node")` for a connection's nodes; fragments, inline or named, are looked
    into. A field kept out by `@skip`/`@include` may be listed: reading it costs a little, never
    a wrong answer."""
    # strawberry's `selected_fields` is the resolved field itself (once per field node).
    level = [child for field in info.selected_fields for child in field.selections]
    for name in path:
        level = [child for field in _fields(level) if field.name == name for child in field.selections]
    return frozenset(field.name for field in _fields(level))


def _fields(selections: Iterable[Selection]) -> list[SelectedField]:
    """The fields of a selection set, with those of its fragments."""
    found: list[SelectedField] = []
    pending = list(selections)
    while pending:
        selection = pending.pop()
        if isinstance(selection, SelectedField):
            found.append(selection)
        elif isinstance(selection, FragmentSpread | InlineFragment):
            pending.extend(selection.selections)
    return found
