"""The two layers of errors: typed user errors in mutation payloads (UserError, with the input
path and a services/errors.py code), and top-level GraphQL errors, each coded from the closed
set of gql/error_codes.py (ExpectedError for our own refusals, `code_errors` for the rest, which
also masks everything unexpected)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeAlias

import strawberry
import structlog
from graphql import GraphQLError, GraphQLSchema, GraphQLSyntaxError, VariableDefinitionNode
from strawberry.exceptions import StrawberryInputCoercionError
from strawberry.extensions import FieldExtension
from strawberry.extensions.field_extension import AsyncExtensionResolver, SyncExtensionResolver
from strawberry.types import Info
from strawberry.types.field import StrawberryField
from strawberry.utils.await_maybe import await_maybe
from strawberry.utils.str_converters import to_camel_case

from gql.bad_input import bad_input, variable_errors
from gql.context import unauthenticated
from gql.error_codes import RequestErrorCode, top_level_code
from gql.inputs import text_errors
from gql.scalars import InvalidScalar
from models.enums import Permission
from services.errors import ErrorCode as ServiceErrorCode
from services.errors import FieldError, ServiceError
from services.listing import MAX_PAGE_SIZE
from services.logsafe import exception_fields

log = structlog.get_logger(__name__)

ErrorCode: TypeAlias = ServiceErrorCode
strawberry.enum(ErrorCode, description="Why an operation was refused.")


@strawberry.type(description="A number behind a refusal, e.g. how many users still hold a role.")
class ErrorCount:
    name: str = strawberry.field(description='What is counted, e.g. "users" or "customers".')
    count: int = strawberry.field(description="How many.")


@strawberry.type(description="A problem with the input or the request; nothing was changed.")
class UserError:
    field: list[str] | None = strawberry.field(
        description='Path of the offending value inside the arguments, e.g. ["input", "name"].'
    )
    message: str = strawberry.field(description="What is wrong, for a person to read.")
    code: ErrorCode = strawberry.field(description="What is wrong, for a program to branch on.")
    counts: list[ErrorCount] = strawberry.field(
        default_factory=list,
        description="The numbers behind the refusal, for a program (e.g. the customers and users "
        "that still belong to a reseller); empty for most errors.",
    )


def user_error(error: FieldError, root: str = "input") -> UserError:
    path = [root, *(part if part.isdigit() else to_camel_case(part) for part in error.field)]
    return UserError(
        field=path if error.field else None,
        message=error.message,
        code=error.code,
        counts=[ErrorCount(name=name, count=count) for name, count in error.counts],
    )


def user_errors(exc: ServiceError, root: str = "input") -> list[UserError]:
    return [user_error(error, root) for error in exc.errors]


class ExpectedError(GraphQLError):
    """A refused query field, shown to the client with its code (never masked); `argument` is
    the offending value's place in the field's arguments, for BAD_USER_INPUT."""

    def __init__(self, message: str, code: RequestErrorCode, argument: Sequence[str] | None = None) -> None:
        extensions: dict[str, Any] = {"code": code.value}
        if argument is not None:
            extensions["argument"] = list(argument)
        super().__init__(message, extensions=extensions)

    @classmethod
    def refusing(cls, exc: ServiceError) -> ExpectedError:
        """A service's refusal of a query field (its first error, at its argument path)."""
        first = exc.errors[0]
        code = top_level_code(first.code)
        argument = (
            [to_camel_case(part) for part in first.field] if code is RequestErrorCode.BAD_USER_INPUT else None
        )
        return cls(str(exc), code, argument)


def should_mask(error: GraphQLError, production: bool = False) -> bool:
    """Mask unexpected exceptions; let expected refusals, validation errors and our scalars'
    parse errors through. In production, mask every other exception's text too (a library's
    ValueError can name internals); in development, ValueErrors explain bad input."""
    original = error.original_error
    if original is None or isinstance(original, ExpectedError | InvalidScalar):
        return False
    if isinstance(original, GraphQLError):
        return production and original.original_error is not None and should_mask(original, production)
    return production or not isinstance(original, ValueError)


class IdsCap(FieldExtension):
    """For `nodes`: at most MAX_PAGE_SIZE ids, like `first` on a connection."""

    def resolve(self, next_: SyncExtensionResolver, source: Any, info: Info, **kwargs: Any) -> Any:
        _check_ids(kwargs)
        return next_(source, info, **kwargs)

    async def resolve_async(
        self, next_: AsyncExtensionResolver, source: Any, info: Info, **kwargs: Any
    ) -> Any:
        _check_ids(kwargs)
        return await await_maybe(next_(source, info, **kwargs))


def _check_ids(kwargs: dict[str, Any]) -> None:
    if len(kwargs.get("ids") or ()) > MAX_PAGE_SIZE:
        raise ExpectedError(
            f"At most {MAX_PAGE_SIZE} ids per request.", RequestErrorCode.BAD_USER_INPUT, ["ids"]
        )


def log_errors(errors: list[GraphQLError]) -> None:
    """Log a request's errors without their messages, which can quote the input (a secret in a
    failed write, a variable's value): unexpected ones with their type and frames, expected
    ones with their code only."""
    for error in errors:
        path = ".".join(str(part) for part in error.path or ())
        code = request_error_code(error)
        if code is RequestErrorCode.INTERNAL and error.original_error is not None:
            log.error("graphql.unexpected_error", path=path, **exception_fields(error.original_error))
        else:
            log.info("graphql.refused", path=path, code=code.value)


class Payload(FieldExtension):
    """For mutations: require a principal and turn ServiceErrors into the payload's `errors`.

    The payload type must accept `errors=` alone (every other field defaults to null)."""

    def __init__(
        self,
        authenticated: bool = True,
        needs: Permission | None = None,
        portal: bool = False,
        alternatives: tuple[Permission, ...] = (),
    ) -> None:
        self.authenticated = authenticated
        self.needs = needs  # declared (gql/declare.py); the service enforces it
        self.alternatives = alternatives  # each of these also suffices
        self.portal = portal  # open to portal principals (gql/declare.py)

    def apply(self, field: StrawberryField) -> None:
        self.payload_type: Callable[..., Any] = field.type  # type: ignore[assignment]

    async def resolve_async(
        self, next_: AsyncExtensionResolver, source: Any, info: Info, **kwargs: Any
    ) -> Any:
        if self.authenticated and info.context.actor is None:
            return self.payload_type(errors=[user_error(unauthenticated(info.context))])
        if not self.portal and _portal_principal(info):
            return self.payload_type(errors=[user_error(_NOT_IN_PORTAL)])
        refused = text_errors(kwargs)
        if refused:
            # paths start at the argument and are GraphQL names already
            return self.payload_type(
                errors=[UserError(field=list(e.field), message=e.message, code=e.code) for e in refused]
            )
        try:
            return await next_(source, info, **kwargs)
        except ServiceError as exc:
            return self.payload_type(errors=user_errors(exc))


class Refusals(FieldExtension):
    """For queries: require a principal and raise ServiceErrors as coded GraphQL errors."""

    def __init__(
        self, needs: Permission | None = None, alternatives: tuple[Permission, ...] = (), portal: bool = False
    ) -> None:
        self.needs = needs  # declared (gql/declare.py); the service enforces it
        self.alternatives = alternatives  # each of these also suffices
        self.portal = portal  # open to portal principals (gql/declare.py)

    async def resolve_async(
        self, next_: AsyncExtensionResolver, source: Any, info: Info, **kwargs: Any
    ) -> Any:
        if info.context.actor is None:
            raise anonymous_refusal(info)
        # A root field (no source); nested fields answer the portal by their visibility
        # (gql/portal_guard.py).
        if not self.portal and _portal_principal(info) and source is None:
            raise ExpectedError(_NOT_IN_PORTAL.message, RequestErrorCode.FORBIDDEN)
        refused = text_errors(kwargs)
        if refused:
            first = refused[0]  # its path is in GraphQL names already
            message = f"{'.'.join(first.field)}: {first.message}"
            raise ExpectedError(message, RequestErrorCode.BAD_USER_INPUT, first.field)
        try:
            return await next_(source, info, **kwargs)
        except ServiceError as exc:
            raise ExpectedError.refusing(exc) from exc


_NOT_IN_PORTAL = FieldError(ServiceErrorCode.FORBIDDEN, "The customer portal does not offer this.")


def _portal_principal(info: Info) -> bool:
    actor = info.context.actor
    return actor is not None and actor.is_portal


def anonymous_refusal(info: Info) -> ExpectedError:
    """What a field that needs a principal raises without one: UNAUTHENTICATED, or why the
    bearer token was refused (SESSION_REVOKED)."""
    refusal = unauthenticated(info.context)
    return ExpectedError(refusal.message, top_level_code(refusal.code))


# --- top-level errors: every one coded --------------------------------------------------------

_TOKEN_LIMIT = "Document contains more than"  # graphql-core's parser, when max_tokens is hit
UNEXPECTED = "Unexpected error."


def request_error_code(error: GraphQLError) -> RequestErrorCode:
    """The top-level code of an error as graphql-core or strawberry left it."""
    code = (error.extensions or {}).get("code")
    if isinstance(code, str) and code in RequestErrorCode.__members__:
        return RequestErrorCode(code)
    if isinstance(error, GraphQLSyntaxError):
        limited = error.message.startswith(f"Syntax Error: {_TOKEN_LIMIT}")
        return RequestErrorCode.QUERY_TOO_LARGE if limited else RequestErrorCode.GRAPHQL_PARSE_FAILED
    if _is_variable_error(error) or isinstance(error.original_error, StrawberryInputCoercionError):
        return RequestErrorCode.BAD_USER_INPUT
    if error.original_error is None and error.path is None:
        # graphql-core's own refusal of the request (its validation is coded at the source)
        return RequestErrorCode.GRAPHQL_VALIDATION_FAILED
    return RequestErrorCode.INTERNAL


def _is_variable_error(error: GraphQLError) -> bool:
    """An error of graphql-core's variable coercion (reported at the variable's definition)."""
    nodes = error.nodes or []
    return bool(nodes) and isinstance(nodes[0], VariableDefinitionNode) and error.path is None


def code_errors(
    errors: list[GraphQLError], schema: GraphQLSchema, variables: Mapping[str, Any] | None, production: bool
) -> list[GraphQLError]:
    """The last word on a response's top-level errors: each leaves with one code of
    RequestErrorCode; unexpected ones are masked ("Unexpected error.", INTERNAL); a refused
    variable is reported at the place of each of its bad values."""
    processed: list[GraphQLError] = []
    variables_done: set[int] = set()
    for error in errors:
        if _is_variable_error(error) and "argument" not in (error.extensions or {}):
            processed.extend(_variable(error, schema, variables or {}, production, variables_done))
        else:
            processed.append(coded(error, production))
    return processed


def _variable(
    error: GraphQLError, schema: GraphQLSchema, variables: Mapping[str, Any], production: bool, done: set[int]
) -> list[GraphQLError]:
    """graphql-core's errors of one variable, replaced by the same errors with their paths
    (once per variable: graphql-core reports each of its bad values, without their paths)."""
    definition = error.nodes[0] if error.nodes else None
    assert isinstance(definition, VariableDefinitionNode)
    if id(definition) in done:
        return []
    done.add(id(definition))
    located = variable_errors(schema, definition, variables, hide_suggestions=production)
    return located or [bad_input(error, [f"${definition.variable.name.value}"])]


def coded(error: GraphQLError, production: bool) -> GraphQLError:
    """The error with its top-level code (masked when it is unexpected)."""
    code = request_error_code(error)
    if code is RequestErrorCode.BAD_USER_INPUT:
        return bad_input(error, (error.extensions or {}).get("argument"))
    if code is RequestErrorCode.INTERNAL and should_mask(error, production):
        error = GraphQLError(UNEXPECTED, error.nodes, error.source, error.positions, error.path)
    return _with_code(error, code)


def _with_code(error: GraphQLError, code: RequestErrorCode) -> GraphQLError:
    if (error.extensions or {}).get("code") == code.value:
        return error
    extensions = {**(error.extensions or {}), "code": code.value}
    return GraphQLError(
        error.message,
        error.nodes,
        error.source,
        error.positions,
        error.path,
        error.original_error,
        extensions,
    )
