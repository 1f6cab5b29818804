"""Login, token refresh, logout and the viewer."""

from __future__ import annotations

import strawberry
from strawberry import relay

from gql.context import Info
from gql.declare import mutation
from gql.errors import UserError, anonymous_refusal
from gql.types.accounts import Reseller, User, Viewer
from gql.types.contacts import Contact
from gql.types.customers import Customer
from services import auth, directory, portal_sessions


@strawberry.input(description="Credentials of a staff or partner user.")
class LoginInput:
    email: str = strawberry.field(description="Login e-mail.")
    password: str = strawberry.field(description="Password.")


@strawberry.input(description="A refresh token to exchange.")
class TokenRefreshInput:
    refresh_token: str = strawberry.field(description="The refresh token from login or the last refresh.")


@strawberry.type(description="Tokens of a session. Send `Authorization: Bearer <accessToken>`.")
class TokenPayload:
    access_token: str | None = strawberry.field(default=None, description="Short-lived bearer token.")
    refresh_token: str | None = strawberry.field(
        default=None, description="Single-use token for tokenRefresh; keep it secret."
    )
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why it was refused.")


@strawberry.type(description="Result of logout.")
class LogoutPayload:
    ok: bool = strawberry.field(default=False, description="The session is revoked.")
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why it was refused.")


async def login(info: Info, input: LoginInput) -> TokenPayload:
    context = info.context
    tokens = await auth.login(context.settings, input.email, input.password, context.origin)
    return TokenPayload(access_token=tokens.access_token, refresh_token=tokens.refresh_token)


@strawberry.input(description="Credentials of a customer's contact (the customer portal's login).")
class ContactLoginInput:
    email: str = strawberry.field(description="The contact's e-mail address.")
    password: str = strawberry.field(description="Password.")


async def contact_login(info: Info, input: ContactLoginInput) -> TokenPayload:
    context = info.context
    tokens = await portal_sessions.contact_login(
        context.settings, input.email, input.password, context.origin
    )
    return TokenPayload(access_token=tokens.access_token, refresh_token=tokens.refresh_token)


async def token_refresh(info: Info, input: TokenRefreshInput) -> TokenPayload:
    tokens = await auth.refresh_tokens(info.context.settings, input.refresh_token)
    return TokenPayload(access_token=tokens.access_token, refresh_token=tokens.refresh_token)


async def logout(info: Info) -> LogoutPayload:
    assert info.context.actor is not None, "guarded by the field's extension"
    await auth.logout(info.context.actor)
    return LogoutPayload(ok=True)


async def viewer(info: Info) -> Viewer | None:
    actor = info.context.actor
    if actor is None and info.context.bearer_refusal is not None:
        raise anonymous_refusal(info)  # a revoked session is said so, not shown as nobody
    if actor is None:
        return None
    user = await directory.own_user(actor)
    reseller = await directory.own_reseller(actor)
    contact = await portal_sessions.own_contact(actor)
    customer = await portal_sessions.own_customer(actor)
    return Viewer(
        kind=actor.kind,
        label=actor.label,
        account_id=relay.GlobalID("Account", str(actor.account_id)),
        user=User.from_model(user) if user else None,
        reseller=Reseller.from_model(reseller) if reseller else None,
        permissions=sorted(actor.permissions),
        contact=Contact.from_model(contact) if contact else None,
        customer=Customer.from_model(customer) if customer else None,
        impersonated=actor.is_portal and actor.on_behalf_of_user_id is not None,
    )


@strawberry.type(description="Queries of logins and the viewer.")
class AuthQueries:
    viewer: Viewer | None = strawberry.field(resolver=viewer, description="The principal, or null.")


@strawberry.type(description="Mutations of logins and the viewer.")
class AuthMutations:
    login: TokenPayload = mutation(
        login, needs=None, description="Log in with e-mail and password.", public=True
    )
    contact_login: TokenPayload = mutation(
        contact_login,
        needs=None,
        description="Log in to the customer portal as a customer's contact, with its e-mail and "
        "password. INVALID_CREDENTIALS alike for an unknown e-mail and a wrong password; once the "
        "password is right, PORTAL_CLOSED when the customer's portal access is off (or the "
        "customer deleted) and IP_NOT_ALLOWED outside the contact's IP allow-list. Throttled as "
        "staff logins are.",
        public=True,
    )
    token_refresh: TokenPayload = mutation(
        token_refresh,
        needs=None,
        description="Exchange a refresh token for new tokens (the old one is spent). Presenting a "
        "spent token again within a few seconds (other tabs) answers with the same tokens; later, "
        "it ends the session (SESSION_REVOKED).",
        public=True,
    )
    logout: LogoutPayload = mutation(logout, needs=None, description="End the current session.", portal=True)
