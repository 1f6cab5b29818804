"""Measures of a GraphQL document, taken in one walk before graphql-core validates it.

One walk gives, per operation, its depth (and, apart, that of introspection), its aliases, its cost
(every selected field costs 1, times the page size of every list it is inside, and `nodes(ids:)`
times the number of ids) and how often one response name repeats in one selection set.

Every fragment is measured once (memoized by name, spreads closing a cycle count 0), so spreads
that double at each level cost one step each instead of doubling the work; every step is counted
and the walk stops at `max_steps`. Numbers that grow with fragment doubling saturate at SATURATED,
so arithmetic stays cheap. The walk reads the document only (no schema), so it runs on documents
that graphql-core would refuse, and refuses before graphql-core's own rules (whose field-merging
check is quadratic in repeated fields) get to them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    IntValueNode,
    ListValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValueNode,
    VariableNode,
)

from gql.error_codes import RequestErrorCode
from services import reference
from services.listing import DEFAULT_PAGE_SIZE

PAGE_ARGUMENTS = ("first", "last")
INTROSPECTION_ROOTS = frozenset({"__schema", "__type"})
FIXED_LISTS: Mapping[str, int] = {
    "currencies": len(reference.currencies()),
    "countries": len(reference.countries()),
    "timeZones": len(reference.time_zones()),
}
"""Lists that are not pages: the reference data, answered whole (their size is their cost)."""
SATURATED = 10**12
"""Counts stop growing here: a document that reaches it is over every limit anyway."""
MAX_NESTING = 64
"""Selection sets, inline fragments and spreads on one path; the walk recurses this deep at most
(the parser allows 200 per definition, fragments chain definitions)."""


@dataclass(frozen=True)
class Measure:
    """The figures of one selection set (fragments expanded)."""

    depth: int = 0
    """Nested field selection sets below this one; a leaf field adds 0 (as strawberry counts)."""
    introspection_depth: int = 0
    """The same, below `__schema` and `__type`, which have a limit of their own: the schema's
    type references nest deeper than data does (GraphiQL asks for 9 levels of `ofType`), and
    answering them reads only the schema, never the database."""
    aliases: int = 0
    cost: int = 0
    nesting: int = 0
    repeats: int = 0
    """The most times one response name occurs in one selection set, here or below."""
    names: Mapping[str, int] = field(default_factory=dict)
    """Response name -> occurrences in this selection set, fragments merged in."""


class Refused(Exception):
    """The document is over a limit; `code` says which."""

    def __init__(self, message: str, code: RequestErrorCode, **extensions: Any) -> None:
        super().__init__(message)
        self.code = code
        self.extensions = extensions


@dataclass(frozen=True)
class Bounds:
    max_repeats: int
    max_steps: int
    max_spreads: int = 32
    """Distinct fragments spread in one selection set: graphql-core compares them pairwise."""


@dataclass
class OperationMeasure:
    name: str
    measure: Measure


class Walker:
    """Measures the operations of one document with one request's variables."""

    def __init__(self, document: DocumentNode, variables: Mapping[str, Any], bounds: Bounds) -> None:
        self.fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        self.operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
        self.variables = variables
        self.bounds = bounds
        self.steps = 0
        self._memo: dict[str, Measure] = {}
        self._visiting: set[str] = set()

    def measure(self) -> list[OperationMeasure]:
        return [
            OperationMeasure(op.name.value if op.name else "anonymous", self._set(op.selection_set, 1))
            for op in self.operations
        ]

    def _step(self, count: int = 1) -> None:
        self.steps += count
        if self.steps > self.bounds.max_steps:
            raise Refused(
                f"This document takes more than {self.bounds.max_steps} steps to check; make it smaller.",
                RequestErrorCode.QUERY_TOO_COMPLEX,
            )

    def _set(self, node: SelectionSetNode, level: int) -> Measure:
        if level > MAX_NESTING:
            raise Refused(
                f"Selections are nested more than {MAX_NESTING} levels deep.",
                RequestErrorCode.QUERY_TOO_COMPLEX,
            )
        total = _Sum()
        spread: set[str] = set()
        for selection in node.selections:
            self._step()
            if isinstance(selection, FieldNode):
                self._field(selection, level, total)
            elif isinstance(selection, InlineFragmentNode):
                self._merge(total, self._set(selection.selection_set, level + 1))
            elif isinstance(selection, FragmentSpreadNode):
                spread.add(selection.name.value)
                if len(spread) > self.bounds.max_spreads:
                    raise Refused(
                        f"More than {self.bounds.max_spreads} fragments are spread in one selection set.",
                        RequestErrorCode.QUERY_TOO_COMPLEX,
                    )
                fragment = self._fragment(selection.name.value, level + 1)
                if fragment is not None:
                    self._merge(total, fragment)
        repeats = max([total.repeats, *total.names.values()])
        if repeats > self.bounds.max_repeats:
            name = max(total.names, key=lambda key: total.names[key])
            raise Refused(
                f"'{name}' is selected {_shown(repeats)} times in one selection set "
                f"(fragments included); the limit is {self.bounds.max_repeats}.",
                RequestErrorCode.QUERY_TOO_COMPLEX,
            )
        return Measure(
            total.depth,
            total.introspection_depth,
            total.aliases,
            total.cost,
            total.nesting,
            repeats,
            total.names,
        )

    def _field(self, node: FieldNode, level: int, total: _Sum) -> None:
        response_name = node.alias.value if node.alias else node.name.value
        total.names[response_name] = _sat(total.names.get(response_name, 0) + 1)
        total.aliases = _sat(total.aliases + (node.alias is not None))
        if node.selection_set is None:
            total.cost = _sat(total.cost + 1)
            return
        inner = self._set(node.selection_set, level + 1)
        if node.name.value in INTROSPECTION_ROOTS:
            total.introspection_depth = max(total.introspection_depth, 1 + inner.depth)
        else:
            total.depth = max(total.depth, 1 + inner.depth)
        total.introspection_depth = max(total.introspection_depth, inner.introspection_depth)
        total.aliases = _sat(total.aliases + inner.aliases)
        total.cost = _sat(total.cost + 1 + self._multiplier(node) * inner.cost)
        total.nesting = max(total.nesting, 1 + inner.nesting)
        total.repeats = max(total.repeats, inner.repeats)

    def _merge(self, total: _Sum, part: Measure) -> None:
        """Add a fragment's figures to the selection set it is spread (or inlined) in."""
        total.depth = max(total.depth, part.depth)
        total.introspection_depth = max(total.introspection_depth, part.introspection_depth)
        total.aliases = _sat(total.aliases + part.aliases)
        total.cost = _sat(total.cost + part.cost)
        total.nesting = max(total.nesting, 1 + part.nesting)
        total.repeats = max(total.repeats, part.repeats)
        self._step(len(part.names))
        for name, count in part.names.items():
            total.names[name] = _sat(total.names.get(name, 0) + count)

    def _fragment(self, name: str, level: int) -> Measure | None:
        """A fragment's measure, walked once; None for an unknown one or one that closes a cycle
        (graphql-core's rules report both)."""
        known = self._memo.get(name)
        if known is not None:
            if level + known.nesting > MAX_NESTING:
                raise Refused(
                    f"Selections are nested more than {MAX_NESTING} levels deep.",
                    RequestErrorCode.QUERY_TOO_COMPLEX,
                )
            return known
        fragment = self.fragments.get(name)
        if fragment is None or name in self._visiting:
            return None
        self._visiting.add(name)
        try:
            measured = self._set(fragment.selection_set, level)
        finally:
            self._visiting.discard(name)
        self._memo[name] = measured
        return measured

    def _multiplier(self, node: FieldNode) -> int:
        """How many times a field's selection is answered: the page size a list field asks for
        (the default page when not given), the number of ids of `nodes`, the size of a
        reference list; 1 otherwise."""
        arguments = {argument.name.value: argument.value for argument in node.arguments or ()}
        for name in PAGE_ARGUMENTS:
            size = self._int(arguments.get(name))
            if size is not None:
                return max(size, 1)
        if node.name.value == "nodes" and "ids" in arguments:
            return max(self._length(arguments["ids"]), 1)
        if node.name.value in FIXED_LISTS:
            return FIXED_LISTS[node.name.value]
        if node.selection_set is not None and any(
            isinstance(s, FieldNode) and s.name.value == "edges" for s in node.selection_set.selections
        ):
            return DEFAULT_PAGE_SIZE
        return 1

    def _int(self, value: ValueNode | None) -> int | None:
        if isinstance(value, IntValueNode):
            # int() refuses over 4 300 digits; anything past 12 is over every limit.
            return int(value.value) if len(value.value) <= 12 else SATURATED
        if isinstance(value, VariableNode):
            given = self.variables.get(value.name.value)
            if isinstance(given, int) and not isinstance(given, bool):
                return min(given, SATURATED)
        return None

    def _length(self, value: ValueNode) -> int:
        if isinstance(value, ListValueNode):
            return len(value.values)
        if isinstance(value, VariableNode):
            given = self.variables.get(value.name.value)
            return len(given) if isinstance(given, list) else 1
        return 1  # one value given for a list is a list of one


@dataclass
class _Sum:
    depth: int = 0
    introspection_depth: int = 0
    aliases: int = 0
    cost: int = 0
    nesting: int = 0
    repeats: int = 0
    names: dict[str, int] = field(default_factory=dict)


def _sat(value: int) -> int:
    return min(value, SATURATED)


def _shown(value: int) -> str:
    return f"more than {SATURATED:,}" if value >= SATURATED else str(value)
