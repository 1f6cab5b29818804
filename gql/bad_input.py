"""BAD_USER_INPUT errors with the place of the offending value (`extensions.argument`).

graphql-core reports a value that is not of its type in two places: validation, for a literal
written in the document, and execution, for a variable's value. Either message says what is
wrong; neither says where in a program's terms. Here each such error gets the code and the path
of the value: the argument's name, then input field names and list indexes, e.g.
`["where", "balance", "gte"]`; a variable's path starts with `$` and its name, e.g.
`["$input", "debitLimit"]`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from typing import Any

from graphql import (
    SKIP,
    ArgumentNode,
    ASTValidationRule,
    DocumentNode,
    GraphQLError,
    GraphQLID,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLSchema,
    IntValueNode,
    ListValueNode,
    Node,
    ObjectFieldNode,
    ObjectValueNode,
    StringValueNode,
    ValidationRule,
    ValueNode,
    ValuesOfCorrectTypeRule,
    VariableDefinitionNode,
    VisitorAction,
    get_named_type,
    is_input_type,
    print_ast,
    type_from_ast,
)
from graphql.pyutils import Undefined, print_path_list
from graphql.utilities import validate_input_literal, validate_input_value
from strawberry.relay import GlobalID
from strawberry.relay.types import GlobalIDValueError
from strawberry.schema.validation_rules.maybe_null import MaybeNullValidationRule
from strawberry.schema.validation_rules.one_of import OneOfInputValidationRule

from gql.error_codes import RequestErrorCode


def bad_input(error: GraphQLError, argument: Sequence[str] | None) -> GraphQLError:
    """The error, coded BAD_USER_INPUT, with the value's place when known."""
    extensions: dict[str, Any] = {**(error.extensions or {}), "code": RequestErrorCode.BAD_USER_INPUT.value}
    if argument is not None:
        extensions["argument"] = list(argument)
    return GraphQLError(
        error.message,
        error.nodes,
        error.source,
        error.positions,
        error.path,
        error.original_error,
        extensions,
    )


# --- literals (validation) ------------------------------------------------------------------


def _coded(rule: type[ASTValidationRule]) -> type[ASTValidationRule]:
    """The rule, its errors coded BAD_USER_INPUT with the literal's place in the arguments."""

    def report_error(self: ASTValidationRule, error: GraphQLError) -> None:
        target = error.nodes[0] if error.nodes else None
        place = argument_path(self.context.document, target) if target is not None else None
        rule.report_error(self, bad_input(error, place))

    return type(rule.__name__, (rule,), {"report_error": report_error})


class _ValuesOfCorrectType(ValuesOfCorrectTypeRule):
    """graphql-core's rule, reporting each error at its path inside the literal (a scalar's
    own error, e.g. a DateTime's, carries no node to find it by)."""

    def is_valid_value_node(self, node: ValueNode, input_type: GraphQLInputType | None) -> VisitorAction:
        if input_type:

            def on_error(error: GraphQLError, path: list[str | int]) -> None:
                start = argument_path(self.context.document, node) or []
                located = GraphQLError(
                    error.message, error.nodes or node, original_error=error.original_error
                )
                ValuesOfCorrectTypeRule.report_error(self, bad_input(located, [*start, *map(str, path)]))

            validate_input_literal(node, input_type, on_error, None, None, self.context.hide_suggestions)
        return SKIP


VALUE_RULES: Mapping[type[ASTValidationRule], type[ASTValidationRule]] = {
    ValuesOfCorrectTypeRule: _ValuesOfCorrectType,
    **{rule: _coded(rule) for rule in (MaybeNullValidationRule, OneOfInputValidationRule)},
}
"""The rules that judge argument values, each with its coded replacement (built once, so the
validation cache's key stays the same)."""


def argument_path(document: DocumentNode, target: Node) -> list[str] | None:
    """Where `target` (a value, an input field or an argument) sits in the document's
    arguments or variable defaults; None when it is not in one."""
    for start, path in _values(document):
        found = _find(start, path, target)
        if found is not None:
            return found
    return None


def _values(document: DocumentNode) -> Iterator[tuple[Node, list[str]]]:
    """Every argument and variable default of the document, with the path it starts."""
    pending: list[Any] = [document]
    while pending:
        node = pending.pop()
        if isinstance(node, ArgumentNode):
            yield node, []
            continue
        if isinstance(node, VariableDefinitionNode):
            if node.default_value is not None:
                yield node.default_value, [f"${node.variable.name.value}"]
            continue
        for key in node.keys:
            child = getattr(node, key, None)
            if isinstance(child, Node):
                pending.append(child)
            elif isinstance(child, tuple | list):
                pending.extend(item for item in child if isinstance(item, Node))


def _find(start: Node, path: list[str], target: Node) -> list[str] | None:
    pending: list[tuple[Node, list[str]]] = [(start, path)]
    while pending:
        node, where = pending.pop()
        if isinstance(node, ArgumentNode):
            where = [*where, node.name.value]
            if node is target:
                return where
            pending.append((node.value, where))
        elif node is target:
            return where
        elif isinstance(node, ObjectValueNode):
            for field in node.fields:
                pending.append((field, where))
        elif isinstance(node, ObjectFieldNode):
            where = [*where, node.name.value]
            if node is target:
                return where
            pending.append((node.value, where))
        elif isinstance(node, ListValueNode):
            pending.extend((item, [*where, str(index)]) for index, item in enumerate(node.values))
    return None


# --- variables (execution) -----------------------------------------------------------------


def variable_errors(
    schema: GraphQLSchema,
    definition: VariableDefinitionNode,
    variables: Mapping[str, Any],
    hide_suggestions: bool,
) -> list[GraphQLError]:
    """The errors of one variable's value, each at its path inside the variable, worded as
    graphql-core words them (which reports them without the path)."""
    name = definition.variable.name.value
    var_type = type_from_ast(schema, definition.type)
    if not is_input_type(var_type):
        return [
            bad_input(
                GraphQLError(
                    f"Variable '${name}' has a type that is not an input type: {print_ast(definition.type)}."
                ),
                [f"${name}"],
            )
        ]
    found: list[GraphQLError] = []

    def on_error(error: GraphQLError, path: list[str | int]) -> None:
        message = f"Variable '${name}' has invalid value{print_path_list(path)}: {error.message}"
        located = GraphQLError(message, definition, original_error=error)
        found.append(bad_input(located, [f"${name}", *map(str, path)]))

    validate_input_value(variables.get(name, Undefined), var_type, on_error, hide_suggestions)
    return found


# --- global ids (graphql-core's ID scalar takes any string; ours must decode) -----------------

NOT_AN_ID = "Not an ID of this API: give an object's `id` as the API returned it."


def is_global_id(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        GlobalID.from_id(value)
    except GlobalIDValueError:
        return False
    return True


@lru_cache(maxsize=1024)
def _holds_id(type_: GraphQLInputType) -> bool:
    """Whether an ID can occur anywhere inside a value of this type (memoized per type)."""
    named = get_named_type(type_)
    if named is GraphQLID:
        return True
    if not isinstance(named, GraphQLInputObjectType):
        return False
    seen: set[str] = set()
    pending: list[GraphQLInputObjectType] = [named]
    while pending:
        current = pending.pop()
        if current.name in seen:
            continue
        seen.add(current.name)
        for field in current.fields.values():
            inner = get_named_type(field.type)
            if inner is GraphQLID:
                return True
            if isinstance(inner, GraphQLInputObjectType):
                pending.append(inner)
    return False


def id_errors_in_value(value: Any, type_: GraphQLInputType) -> list[list[str | int]]:
    """The paths of the IDs in a variable's (JSON) value that are not global ids. Only the
    parts of the type that can hold an ID are walked; anything else is left to graphql-core."""
    found: list[list[str | int]] = []
    pending: list[tuple[Any, GraphQLInputType, list[str | int]]] = [(value, type_, [])]
    while pending:
        current, current_type, where = pending.pop()
        if current is None or current is Undefined or not _holds_id(current_type):
            continue
        if isinstance(current_type, GraphQLNonNull):
            pending.append((current, current_type.of_type, where))
        elif isinstance(current_type, GraphQLList):
            items = current if isinstance(current, list) else [current]
            pending.extend((item, current_type.of_type, [*where, i]) for i, item in enumerate(items))
        elif isinstance(current_type, GraphQLInputObjectType) and isinstance(current, dict):
            pending.extend(
                (current[name], field.type, [*where, name])
                for name, field in current_type.fields.items()
                if name in current
            )
        elif current_type is GraphQLID and not is_global_id(current):
            found.append(where)
    return sorted(found, key=lambda path: [str(part) for part in path])


def id_errors_in_variables(
    schema: GraphQLSchema, definitions: Sequence[VariableDefinitionNode], variables: Mapping[str, Any]
) -> list[GraphQLError]:
    """BAD_USER_INPUT for every ID in the variables that is not a global id."""
    errors = []
    for definition in definitions:
        name = definition.variable.name.value
        var_type = type_from_ast(schema, definition.type)
        if name not in variables or not is_input_type(var_type):
            continue
        for where in id_errors_in_value(variables[name], var_type):
            message = f"Variable '${name}' has invalid value{print_path_list(where)}: {NOT_AN_ID}"
            errors.append(bad_input(GraphQLError(message, definition), [f"${name}", *map(str, where)]))
    return errors


class GlobalIdLiterals(ValidationRule):
    """IDs written in the document must be global ids (BAD_USER_INPUT at their place)."""

    def enter_argument(self, node: ArgumentNode, *_args: Any) -> VisitorAction:
        definition = self.context.get_argument()
        if definition is None or not _holds_id(definition.type):
            return SKIP
        pending: list[tuple[ValueNode, GraphQLInputType, list[str]]] = [
            (node.value, definition.type, [node.name.value])
        ]
        while pending:
            value, value_type, where = pending.pop()
            if isinstance(value_type, GraphQLNonNull):
                value_type = value_type.of_type
            if isinstance(value_type, GraphQLList):
                items = value.values if isinstance(value, ListValueNode) else (value,)
                pending.extend((item, value_type.of_type, [*where, str(i)]) for i, item in enumerate(items))
            elif isinstance(value_type, GraphQLInputObjectType) and isinstance(value, ObjectValueNode):
                for field in value.fields:
                    field_def = value_type.fields.get(field.name.value)
                    if field_def is not None and _holds_id(field_def.type):
                        pending.append((field.value, field_def.type, [*where, field.name.value]))
            elif value_type is GraphQLID and _not_a_global_id(value):
                self.report_error(bad_input(GraphQLError(NOT_AN_ID, value), where))
        return SKIP


def _not_a_global_id(value: ValueNode) -> bool:
    """A literal ID that cannot be one (an IntValue never is: global ids are strings)."""
    if isinstance(value, IntValueNode):
        return True
    return isinstance(value, StringValueNode) and not is_global_id(value.value)
