"""Typed user errors in payloads, and the masking of everything unexpected."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeAlias

import strawberry
import structlog
from graphql import GraphQLError
from strawberry.extensions import FieldExtension
from strawberry.extensions.field_extension import AsyncExtensionResolver, SyncExtensionResolver
from strawberry.types import Info
from strawberry.types.field import StrawberryField
from strawberry.utils.await_maybe import await_maybe
from strawberry.utils.str_converters import to_camel_case

from gql.context import unauthenticated
from gql.inputs import text_errors
from gql.scalars import InvalidScalar
from models.enums import Permission
from services.errors import ErrorCode as ServiceErrorCode
from services.errors import FieldError, ServiceError
from services.listing import MAX_PAGE_SIZE
from services.logsafe import exception_fields
from settings import Environment, Settings

log = structlog.get_logger(__name__)

ErrorCode: TypeAlias = ServiceErrorCode
strawberry.enum(ErrorCode, description="Why an operation was refused.")


@strawberry.type(description="A problem with the input or the request; nothing was changed.")
class UserError:
    field: list[str] | None = strawberry.field(
        description='Path of the offending value inside the arguments, e.g. ["input", "name"].'
    )
    message: str = strawberry.field(description="What is wrong, for a person to read.")
    code: ErrorCode = strawberry.field(description="What is wrong, for a program to branch on.")


def user_error(error: FieldError, root: str = "input") -> UserError:
    path = [root, *(part if part.isdigit() else to_camel_case(part) for part in error.field)]
    return UserError(field=path if error.field else None, message=error.message, code=error.code)


def user_errors(exc: ServiceError, root: str = "input") -> list[UserError]:
    return [user_error(error, root) for error in exc.errors]


class ExpectedError(GraphQLError):
    """A refused query, shown to the client with its code (not masked)."""

    def __init__(self, message: str, code: ServiceErrorCode) -> None:
        super().__init__(message, extensions={"code": code.value})


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


def masking(settings: Settings) -> Callable[[GraphQLError], bool]:
    production = settings.environment is Environment.PRODUCTION
    return lambda error: should_mask(error, production)


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
        raise ExpectedError(f"At most {MAX_PAGE_SIZE} ids per request.", ServiceErrorCode.TOO_MANY)


def log_errors(errors: list[GraphQLError]) -> None:
    """Log a request's errors without their messages, which can quote the input (a secret in a
    failed write, a variable's value): unexpected ones with their type and frames, expected
    ones with their code only."""
    for error in errors:
        path = ".".join(str(part) for part in error.path or ())
        if should_mask(error):
            assert error.original_error is not None
            log.error("graphql.unexpected_error", path=path, **exception_fields(error.original_error))
        else:
            code = (error.extensions or {}).get("code", "GRAPHQL_VALIDATION")
            log.info("graphql.refused", path=path, code=code)


class Payload(FieldExtension):
    """For mutations: require a principal and turn ServiceErrors into the payload's `errors`.

    The payload type must accept `errors=` alone (every other field defaults to null)."""

    def __init__(self, authenticated: bool = True, needs: Permission | None = None) -> None:
        self.authenticated = authenticated
        self.needs = needs  # declared (gql/declare.py); the service enforces it

    def apply(self, field: StrawberryField) -> None:
        self.payload_type: Callable[..., Any] = field.type  # type: ignore[assignment]

    async def resolve_async(
        self, next_: AsyncExtensionResolver, source: Any, info: Info, **kwargs: Any
    ) -> Any:
        if self.authenticated and info.context.actor is None:
            return self.payload_type(errors=[user_error(unauthenticated(info.context))])
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

    def __init__(self, needs: Permission | None = None) -> None:
        self.needs = needs  # declared (gql/declare.py); the service enforces it

    async def resolve_async(
        self, next_: AsyncExtensionResolver, source: Any, info: Info, **kwargs: Any
    ) -> Any:
        if info.context.actor is None:
            raise anonymous_refusal(info)
        refused = text_errors(kwargs)
        if refused:
            raise ExpectedError(f"{'.'.join(refused[0].field)}: {refused[0].message}", refused[0].code)
        try:
            return await next_(source, info, **kwargs)
        except ServiceError as exc:
            raise ExpectedError(str(exc), exc.errors[0].code) from exc


def anonymous_refusal(info: Info) -> ExpectedError:
    """What a field that needs a principal raises without one: UNAUTHENTICATED, or why the
    bearer token was refused (SESSION_REVOKED)."""
    refusal = unauthenticated(info.context)
    return ExpectedError(refusal.message, refusal.code)
