"""The per-request context: settings, the principal, its origin and the loaders."""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass
from functools import cached_property
from ipaddress import ip_address, ip_network

from starlette.requests import Request
from strawberry.types import Info as StrawberryInfo

from gql.dataloaders import Loaders
from services import auth
from services.actor import Actor, RequestOrigin
from services.errors import ErrorCode, FieldError, ServiceError
from settings import Settings


@dataclass
class Context:
    settings: Settings
    request: Request
    origin: RequestOrigin
    actor: Actor | None
    # Why the bearer token authenticates nobody, when the client must be told (its session was
    # revoked): what needs a principal answers with it instead of plain UNAUTHENTICATED.
    bearer_refusal: FieldError | None = None
    # The response's headers, where the view lets a request set some (which executor served
    # it, in development: gql/compiled).
    response_headers: MutableMapping[str, str] | None = None

    @cached_property
    def loaders(self) -> Loaders:
        if self.actor is None:
            raise RuntimeError("Loaders need an authenticated principal.")
        return Loaders.for_actor(self.actor)


Info = StrawberryInfo[Context, None]


def require_actor(info: Info) -> Actor:
    """The principal of a field guarded by the Payload or Refusals extension."""
    actor = info.context.actor
    assert actor is not None, "guarded by the field's extension"
    return actor


def client_ip(request: Request, trusted_proxies: list[str]) -> str | None:
    """The client's address, for the audit trail and the login throttle: the socket peer or,
    when the peer is a trusted proxy, the right-most X-Forwarded-For hop that is not one.

    The only place this is decided: uvicorn runs without its own proxy-header handling."""
    peer = request.client.host if request.client else None
    if peer is None or not _trusted(peer, trusted_proxies):
        return peer
    hops = [hop.strip() for hop in request.headers.get("x-forwarded-for", "").split(",") if hop.strip()]
    closest = peer
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            return closest  # not an address: what lies left of it was never checked by a proxy
        if not _trusted(address, trusted_proxies):
            return address
        closest = address
    return closest


def _address(value: str) -> str | None:
    try:
        return str(ip_address(value))
    except ValueError:
        return None


def _trusted(address: str, trusted_proxies: list[str]) -> bool:
    try:
        ip = ip_address(address)
    except ValueError:
        return False
    return any(ip in ip_network(network, strict=False) for network in trusted_proxies)


async def build_context(settings: Settings, request: Request) -> Context:
    origin = RequestOrigin(
        ip=client_ip(request, settings.trusted_proxies),
        user_agent=request.headers.get("user-agent"),
    )
    actor, refusal = None, None
    authorization = request.headers.get("authorization", "")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        try:
            actor = await auth.authenticate(settings, token.strip(), origin)
        except ServiceError as exc:
            refusal = exc.errors[0]
    return Context(settings=settings, request=request, origin=origin, actor=actor, bearer_refusal=refusal)


def unauthenticated(context: Context) -> FieldError:
    """The refusal of a field that needs a principal, for a request without one."""
    return context.bearer_refusal or FieldError(ErrorCode.UNAUTHENTICATED, "Authentication required.")
