"""The request limits, checked in one place before any expensive work.

`RequestLimits` replaces strawberry's validation step: it refuses a document with several
operations and no operationName, measures the document once (gql/cost.py: depth, aliases, cost,
repeated fields, all memoized per fragment and bounded in steps), and only then runs graphql-core's
rules, whose results are cached by query text (their field-merging rule is quadratic in repeated
fields, and a document's deep hash is as slow as a small validation). In production, validation
and execution leave "Did you mean ..." suggestions out.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from graphql import (
    ASTValidationRule,
    DocumentNode,
    GraphQLError,
    GraphQLSchema,
    NoUndefinedVariablesRule,
    NoUnusedVariablesRule,
    OperationDefinitionNode,
    validate,
)
from strawberry.extensions import SchemaExtension
from strawberry.schema.validation_rules.maybe_null import MaybeNullValidationRule
from strawberry.schema.validation_rules.one_of import OneOfInputValidationRule

from gql.bad_input import VALUE_RULES, GlobalIdLiterals, id_errors_in_variables
from gql.cost import Bounds, OperationMeasure, Refused, Walker
from gql.error_codes import RequestErrorCode
from settings import Environment, Settings

VALIDATION_CACHE_SIZE = 256
MAX_ERRORS = 10
_VARIABLE_RULES = frozenset({NoUndefinedVariablesRule, NoUnusedVariablesRule})


@dataclass
class Checked:
    """The outcome of checking one request's document: its cost, the walk's steps, the errors."""

    cost: int = 0
    steps: int = 0
    errors: list[GraphQLError] = field(default_factory=list)


def hides_suggestions(settings: Settings) -> bool:
    return settings.environment is Environment.PRODUCTION


def check_document(
    schema: GraphQLSchema,
    document: DocumentNode,
    *,
    query: str | None,
    variables: Mapping[str, Any],
    operation_name_given: bool,
    rules: Collection[type[ASTValidationRule]],
    settings: Settings,
) -> Checked:
    """Everything the validation step does for one request, cheapest and most selective first."""
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if len(operations) > 1 and not operation_name_given:
        # strawberry would otherwise run the first one; graphql-core's rule is the spec's.
        return Checked(
            errors=[
                _refusal(
                    "Must provide operation name if query contains multiple operations.",
                    RequestErrorCode.OPERATION_NAME_REQUIRED,
                )
            ]
        )
    bounds = Bounds(settings.max_field_repeats, settings.max_validation_steps, settings.max_fragment_spreads)
    walked = _walk(schema, document, query, variables, bounds)
    if walked.refused is not None:
        refused = walked.refused
        return Checked(
            steps=walked.steps, errors=[_refusal(str(refused), refused.code, **refused.extensions)]
        )
    measured = walked.operations
    checked = Checked(cost=sum(op.measure.cost for op in measured), steps=walked.steps)
    # The limits are compared here, per request, not cached: they are the settings of the app
    # serving the request (and tests change them between requests).
    checked.errors = _over_limits(measured, checked.cost, settings)
    if not checked.errors:
        checked.errors = _validate(schema, document, query, tuple(rules), hides_suggestions(settings))
    return checked


WalkInputs = tuple[tuple[str, int | None, int | None], ...]
"""(name, integer value, list length) of each variable: all the walk reads of them."""


@dataclass(frozen=True)
class _Walked:
    """The outcome of measuring a document (gql/cost.py): its operations, or why it was refused."""

    operations: tuple[OperationMeasure, ...]
    steps: int
    refused: Refused | None = None


def _walk(
    schema: GraphQLSchema,
    document: DocumentNode,
    query: str | None,
    variables: Mapping[str, Any],
    bounds: Bounds,
) -> _Walked:
    if query is None:
        return _measure(document, variables, bounds)
    return _cached_walk(_Query(schema, document, query), _walk_inputs(variables), bounds)


def _walk_inputs(variables: Mapping[str, Any]) -> WalkInputs:
    """What the walk reads of the variables (gql/cost.py `_int`, `_length`): each integer's
    value and each list's length, by name. Two requests that agree on these get the same
    measure, whatever their other values, so the walk's cache is keyed by them."""
    return tuple(
        (
            name,
            value if isinstance(value, int) and not isinstance(value, bool) else None,
            len(value) if isinstance(value, list) else None,
        )
        for name, value in variables.items()
    )


@lru_cache(maxsize=VALIDATION_CACHE_SIZE)
def _cached_walk(query: _Query, inputs: WalkInputs, bounds: Bounds) -> _Walked:
    return _measure(query.document, _variables_of(inputs), bounds)


def _variables_of(inputs: WalkInputs) -> dict[str, Any]:
    """Variables that read the same as the ones `inputs` came from (a list of the same length
    stands for a list)."""
    variables: dict[str, Any] = {}
    for name, integer, length in inputs:
        variables[name] = integer if integer is not None else [None] * length if length is not None else None
    return variables


def _measure(document: DocumentNode, variables: Mapping[str, Any], bounds: Bounds) -> _Walked:
    walker = Walker(document, variables, bounds)
    try:
        return _Walked(tuple(walker.measure()), walker.steps)
    except Refused as refused:
        return _Walked((), walker.steps, refused)


def validation_cache_info() -> dict[str, Any]:
    """Hits and misses of the two caches: the limits' walk, graphql-core's rules."""
    return {"walk": _cached_walk.cache_info(), "rules": _cached_rules.cache_info()}


def clear_validation_caches() -> None:
    """Forget every document checked so far (the validation benchmark's "new document each time")."""
    _cached_walk.cache_clear()
    _cached_rules.cache_clear()


def _over_limits(measured: Sequence[OperationMeasure], cost: int, settings: Settings) -> list[GraphQLError]:
    for op in measured:
        if op.measure.depth > settings.max_query_depth:
            return [
                _refusal(
                    f"'{op.name}' exceeds maximum operation depth of {settings.max_query_depth}",
                    RequestErrorCode.QUERY_TOO_DEEP,
                )
            ]
        if op.measure.introspection_depth > settings.max_introspection_depth:
            return [
                _refusal(
                    f"'{op.name}' exceeds maximum introspection depth of {settings.max_introspection_depth}",
                    RequestErrorCode.QUERY_TOO_DEEP,
                )
            ]
    aliases = sum(op.measure.aliases for op in measured)
    if aliases > settings.max_aliases:
        return [
            _refusal(
                f"{aliases} aliases found. Allowed: {settings.max_aliases}", RequestErrorCode.TOO_MANY_ALIASES
            )
        ]
    if cost > settings.max_query_cost:
        return [
            _refusal(
                f"This query would cost {cost}, over the limit of {settings.max_query_cost}; "
                "ask for smaller pages or fewer fields.",
                RequestErrorCode.QUERY_TOO_COSTLY,
                cost=cost,
            )
        ]
    return []


def _refusal(message: str, code: RequestErrorCode, **extensions: Any) -> GraphQLError:
    return GraphQLError(message, extensions={"code": code.value, **extensions})


class _Query:
    """A document keyed by its text: hashing the text is cached by Python, hashing the document
    walks the whole tree on every lookup."""

    __slots__ = ("document", "schema", "text")

    def __init__(self, schema: GraphQLSchema, document: DocumentNode, text: str) -> None:
        self.schema = schema
        self.document = document
        self.text = text

    def __hash__(self) -> int:
        return hash(self.text)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Query) and other.text == self.text and other.schema is self.schema


def _validate(
    schema: GraphQLSchema,
    document: DocumentNode,
    query: str | None,
    rules: tuple[type[ASTValidationRule], ...],
    hide_suggestions: bool,
) -> list[GraphQLError]:
    if query is not None and "$" not in query:
        # No variable anywhere: the two variable rules would pass, after a second typed walk of
        # every operation (the largest share of validating a big document).
        rules = tuple(rule for rule in rules if rule not in _VARIABLE_RULES)
    if query is None:
        return _run_rules(schema, document, rules, hide_suggestions)
    return list(_cached_rules(_Query(schema, document, query), rules, hide_suggestions))


@lru_cache(maxsize=VALIDATION_CACHE_SIZE)
def _cached_rules(
    query: _Query, rules: tuple[type[ASTValidationRule], ...], hide_suggestions: bool
) -> tuple[GraphQLError, ...]:
    return tuple(_run_rules(query.schema, query.document, rules, hide_suggestions))


def _run_rules(
    schema: GraphQLSchema,
    document: DocumentNode,
    rules: tuple[type[ASTValidationRule], ...],
    hide_suggestions: bool,
) -> list[GraphQLError]:
    # The two rules strawberry adds to every validation (strawberry.schema.schema.validate_document);
    # the rules that judge argument values report BAD_USER_INPUT at the value's place.
    # graphql-core's ID takes any string; ours must be global ids.
    all_rules = tuple(
        VALUE_RULES.get(rule, rule)
        for rule in (*rules, MaybeNullValidationRule, OneOfInputValidationRule, GlobalIdLiterals)
    )
    # A client fixes its document from the first errors; computing a hundred (each unknown field
    # with its suggestions) is work an attacker could ask for with every request.
    errors = validate(schema, document, all_rules, max_errors=MAX_ERRORS, hide_suggestions=hide_suggestions)
    return [_validation_failed(error) for error in errors]


def _validation_failed(error: GraphQLError) -> GraphQLError:
    """Every other rule's error, coded GRAPHQL_VALIDATION_FAILED."""
    if (error.extensions or {}).get("code"):
        return error
    code = {"code": RequestErrorCode.GRAPHQL_VALIDATION_FAILED.value}
    return GraphQLError(
        error.message, error.nodes, error.source, error.positions, error.path, error.original_error, code
    )


def _id_errors(schema: GraphQLSchema, document: DocumentNode, context: Any) -> list[GraphQLError]:
    """The IDs in the variables of the operation to run that are not global ids (before
    execution: graphql-core's ID scalar would take them, and the field would fail later)."""
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    name = context._provided_operation_name
    chosen = [op for op in operations if name is None or (op.name is not None and op.name.value == name)]
    if len(chosen) != 1:
        return []  # graphql-core refuses an unknown or ambiguous operation itself
    return id_errors_in_variables(schema, chosen[0].variable_definitions or (), context.variables)


class RequestLimits(SchemaExtension):
    """Runs `check_document` as the validation step; reports the cost in `extensions.cost`."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.cost = 0

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        assert context.graphql_document is not None
        checked = check_document(
            context.schema._schema,
            context.graphql_document,
            query=context.query,
            variables=context.variables or {},
            # strawberry keeps the name the request gave apart from the one it falls back to.
            operation_name_given=context._provided_operation_name is not None,
            rules=context.validation_rules,
            settings=self.settings,
        )
        self.cost = checked.cost
        if not checked.errors and context.variables:
            checked.errors = _id_errors(context.schema._schema, context.graphql_document, context)
        # Set (even empty), strawberry's own validation is skipped: it ran above.
        context.pre_execution_errors = checked.errors
        yield

    def get_results(self) -> dict[str, Any]:
        return {"cost": self.cost}
