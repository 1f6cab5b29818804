"""The staff directory and user passwords: decode, call one service, map."""

from __future__ import annotations

import strawberry

from gql.context import Info, require_actor
from gql.declare import mutation, query
from gql.fields import given_values
from gql.types.accounts import User
from gql.types.common import Connection, SortDirection, connection_of, decode_id
from gql.types.users import (
    PasswordResetCompleteInput,
    PasswordResetCompletePayload,
    PasswordResetRequestInput,
    PasswordResetRequestPayload,
    UserDeactivateInput,
    UserDeactivatePayload,
    UserInviteInput,
    UserInvitePayload,
    UserSort,
    UserUpdateInput,
    UserUpdatePayload,
    UserWhere,
    ViewerPasswordChangeInput,
    ViewerPasswordChangePayload,
)
from models.enums import Permission
from services import directory, portal_sessions
from services.listing import PageRequest
from services.users import commands, credentials


async def users(
    info: Info,
    where: UserWhere | None = None,
    search: str | None = None,
    sort_by: list[UserSort] | None = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[User]:
    page = await directory.list_users(
        require_actor(info),
        PageRequest(first, after, last, before),
        where.to_filter() if where else None,
        search,
        [(s.field, s.direction is SortDirection.DESC) for s in sort_by or []],
    )
    return connection_of(page, User.from_model)


async def user_invite(info: Info, input: UserInviteInput) -> UserInvitePayload:
    invitation = commands.Invitation(
        email=input.email,
        name=input.name,
        role_id=decode_id(input.role_id, "Role", "role_id"),
        reseller_id=decode_id(input.reseller_id, "Reseller", "reseller_id") if input.reseller_id else None,
    )
    row = await commands.invite_user(require_actor(info), info.context.settings, invitation, input.reason)
    return UserInvitePayload(user=User.from_model(row))


async def user_update(info: Info, input: UserUpdateInput) -> UserUpdatePayload:
    values = given_values(input, commands.SPECS)
    for name in ("role_id", "reseller_id"):
        if values.get(name) is not None:
            values[name] = decode_id(values[name], commands.SPECS[name].refers_to or "", name)
    row = await commands.update_user(
        require_actor(info), decode_id(input.id, "User", "id"), commands.UserPatch(**values), input.reason
    )
    return UserUpdatePayload(user=User.from_model(row))


async def user_deactivate(info: Info, input: UserDeactivateInput) -> UserDeactivatePayload:
    row = await commands.deactivate_user(require_actor(info), decode_id(input.id, "User", "id"), input.reason)
    return UserDeactivatePayload(user=User.from_model(row))


async def password_reset_request(info: Info, input: PasswordResetRequestInput) -> PasswordResetRequestPayload:
    context = info.context
    await credentials.request_password_reset(context.settings, input.email, context.origin)
    return PasswordResetRequestPayload(ok=True)


async def password_reset_complete(
    info: Info, input: PasswordResetCompleteInput
) -> PasswordResetCompletePayload:
    user = await credentials.complete_password_link(input.token, input.new_password, info.context.origin)
    return PasswordResetCompletePayload(ok=True, email=user.email)


async def viewer_password_change(info: Info, input: ViewerPasswordChangeInput) -> ViewerPasswordChangePayload:
    await portal_sessions.change_viewer_password(
        info.context.settings, require_actor(info), input.current_password, input.new_password, input.reason
    )
    return ViewerPasswordChangePayload(ok=True)


@strawberry.type(description="Queries of the staff directory.")
class UserQueries:
    users: Connection[User] = query(
        users,
        needs=Permission.CUSTOMERS_READ,
        description="Staff and partner users (a partner sees its reseller's), by name unless "
        "sorted otherwise; `search` matches names and e-mails.",
    )


@strawberry.type(description="Mutations of users and passwords.")
class UserMutations:
    user_invite: UserInvitePayload = mutation(
        user_invite,
        needs=Permission.USERS_WRITE,
        description="Invite a user: it is e-mailed a single-use link to choose its password.",
    )
    user_update: UserUpdatePayload = mutation(
        user_update,
        needs=Permission.USERS_WRITE,
        description="Change a user's name, role, reseller or active flag.",
    )
    user_deactivate: UserDeactivatePayload = mutation(
        user_deactivate,
        needs=Permission.USERS_WRITE,
        description="Deactivate a user: every session it holds ends at once.",
    )
    password_reset_request: PasswordResetRequestPayload = mutation(
        password_reset_request,
        needs=None,
        description="E-mail a password reset link (no sign-in; the answer never tells whether "
        "the e-mail is a user's).",
        public=True,
    )
    password_reset_complete: PasswordResetCompletePayload = mutation(
        password_reset_complete,
        needs=None,
        description="Choose a password with an e-mailed link's token (a reset or an invitation); "
        "every session of the user ends.",
        public=True,
    )
    viewer_password_change: ViewerPasswordChangePayload = mutation(
        viewer_password_change,
        needs=None,
        description="Change your own password; your other sessions end.",
        portal=True,
    )
