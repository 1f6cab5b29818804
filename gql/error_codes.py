"""The codes of top-level GraphQL errors (`errors[].extensions.code`): one closed set.

Every error in a response's top-level `errors` carries exactly one of these; nothing else is
ever sent there (gql/errors.py `code_errors` codes whatever a library raised on the way). The
other layer, a mutation payload's `errors` (UserError, services/errors.py `ErrorCode`), says
why an operation that ran was refused; these say why a request, or one field of it, was not
answered at all.
"""

from __future__ import annotations

from enum import StrEnum

from services.errors import ErrorCode


class RequestErrorCode(StrEnum):
    """Why a request, or a field of it, got no answer (README "Errors")."""

    # The HTTP request itself (answered with an HTTP error status, no `data`).
    BAD_REQUEST = "BAD_REQUEST"
    """400: the body is not JSON, nests too deeply, has no query, names an unknown operation,
    or a GET carries a query (/graphql takes POST; GET serves GraphiQL)."""
    NOT_FOUND = "NOT_FOUND"
    """404: GET /graphql when GraphiQL is off; for a field, the object named by an argument
    cannot exist (e.g. `customer(id:)` given the id of a user)."""
    # The document (nothing ran).
    GRAPHQL_PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
    """The document is not GraphQL (a syntax error)."""
    QUERY_TOO_LARGE = "QUERY_TOO_LARGE"
    """More tokens than the limit (smaller for anonymous callers)."""
    OPERATION_NAME_REQUIRED = "OPERATION_NAME_REQUIRED"
    """Several operations and no operationName."""
    QUERY_TOO_DEEP = "QUERY_TOO_DEEP"
    QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX"
    """Too many repeats of one field, fragments spread in one place, or validation steps."""
    TOO_MANY_ALIASES = "TOO_MANY_ALIASES"
    QUERY_TOO_COSTLY = "QUERY_TOO_COSTLY"
    """Over the cost limit; `extensions.cost` holds the figure."""
    GRAPHQL_VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
    """Against the schema: an unknown field or argument, a missing required argument, an
    unused or undefined variable..."""
    # The values given (nothing ran when a variable is refused; otherwise only that field).
    BAD_USER_INPUT = "BAD_USER_INPUT"
    """An argument or variable value that is not of its type (a Decimal, ID, DateTime, enum or
    Int that does not parse) or that the field refuses (a page size, a cursor, a filter, text
    with NUL); `extensions.argument` is where it sits."""
    # Who is asking (that field is null).
    UNAUTHENTICATED = "UNAUTHENTICATED"
    """No valid bearer token, and the field needs a principal."""
    SESSION_REVOKED = "SESSION_REVOKED"
    """The bearer's session has ended (logout, password change, deactivation, a refresh token
    used twice past the grace window): log in again."""
    PERMISSION_DENIED = "PERMISSION_DENIED"
    """The principal lacks the permission the field needs."""
    FORBIDDEN = "FORBIDDEN"
    """A customer portal principal (a contact) asked for a field the portal does not show it:
    staff-only (private notes, the customer's staff settings) or in a section its customer's
    `portalHiddenSections` hide. Every path to the field answers so."""
    # The server (that field is null).
    INTERNAL = "INTERNAL"
    """Something unexpected; the message says no more than that."""


_FROM_SERVICE: dict[ErrorCode, RequestErrorCode] = {
    ErrorCode.UNAUTHENTICATED: RequestErrorCode.UNAUTHENTICATED,
    ErrorCode.SESSION_REVOKED: RequestErrorCode.SESSION_REVOKED,
    ErrorCode.PERMISSION_DENIED: RequestErrorCode.PERMISSION_DENIED,
    ErrorCode.FORBIDDEN: RequestErrorCode.FORBIDDEN,
    ErrorCode.NOT_FOUND: RequestErrorCode.NOT_FOUND,
}


def top_level_code(code: ErrorCode) -> RequestErrorCode:
    """A service's refusal of a query field, as a top-level code: who is asking and what
    cannot exist keep their names; every other refusal of a query is about its arguments."""
    return _FROM_SERVICE.get(code, RequestErrorCode.BAD_USER_INPUT)
