"""A per-request cost: every selected field costs 1, times the page size of every list it is
inside. Reported in `extensions.cost`; a query over the limit is refused before it runs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
)
from strawberry.extensions import SchemaExtension

from services.listing import DEFAULT_PAGE_SIZE

PAGE_ARGUMENTS = ("first", "last")


class QueryCost(SchemaExtension):
    def __init__(self, *, max_cost: int) -> None:
        self.max_cost = max_cost
        self.cost = 0

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None:
            fragments = {
                d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
            }
            operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
            variables = context.variables or {}
            self.cost = sum(_cost(op.selection_set, fragments, variables, set()) for op in operations)
            if self.cost > self.max_cost:
                raise GraphQLError(
                    f"This query would cost {self.cost}, over the limit of {self.max_cost}; "
                    "ask for smaller pages or fewer fields.",
                    extensions={"code": "QUERY_TOO_COSTLY", "cost": self.cost},
                )
        yield

    def get_results(self) -> dict[str, Any]:
        return {"cost": self.cost}


def _cost(
    selection_set: SelectionSetNode | None,
    fragments: dict[str, FragmentDefinitionNode],
    variables: dict[str, Any],
    visiting: set[str],
) -> int:
    if selection_set is None:
        return 0
    total = 0
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            inner = _cost(selection.selection_set, fragments, variables, visiting)
            total += 1 + _page_size(selection, variables) * inner
        elif isinstance(selection, InlineFragmentNode):
            total += _cost(selection.selection_set, fragments, variables, visiting)
        elif isinstance(selection, FragmentSpreadNode) and selection.name.value not in visiting:
            fragment = fragments.get(selection.name.value)
            if fragment is not None:
                visiting.add(selection.name.value)
                total += _cost(fragment.selection_set, fragments, variables, visiting)
                visiting.discard(selection.name.value)
    return total


def _page_size(field: FieldNode, variables: dict[str, Any]) -> int:
    """The page size a list field asks for (the default page when not given); 1 otherwise."""
    names = {argument.name.value: argument.value for argument in field.arguments or ()}
    for name in PAGE_ARGUMENTS:
        value = names.get(name)
        if isinstance(value, IntValueNode):
            return max(int(value.value), 1)
        if isinstance(value, VariableNode) and isinstance(variables.get(value.name.value), int):
            return max(int(variables[value.name.value]), 1)
    if field.selection_set is not None and any(
        isinstance(s, FieldNode) and s.name.value == "edges" for s in field.selection_set.selections
    ):
        return DEFAULT_PAGE_SIZE
    return 1
