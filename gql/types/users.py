"""The inputs, filters and payloads of the staff directory and of user passwords (the User and
Role types themselves are in gql/types/accounts.py)."""

from __future__ import annotations

from typing import TypeAlias

import strawberry
from strawberry import relay

from gql.errors import UserError
from gql.fields import Mode, declared_fields
from gql.types.accounts import User
from gql.types.common import REASON, BooleanFilter, DateTimeFilter, IDFilter, SortDirection, StringFilter
from services.directory import UserSortField as SortField
from services.listing import Condition, Filter
from services.users.commands import SPECS

UserSortField: TypeAlias = SortField
strawberry.enum(UserSortField, description="What users can be sorted by (names ignoring case).")


@strawberry.input(description="Which users to list; every field given must hold.")
class UserWhere:
    id: IDFilter | None = strawberry.field(default=None, description="By user id.")
    name: StringFilter | None = strawberry.field(default=None, description="By name.")
    email: StringFilter | None = strawberry.field(default=None, description="By login e-mail.")
    active: BooleanFilter | None = strawberry.field(
        default=None,
        description="By whether the user may log in (`{eq: true}`: an account manager drop-down).",
    )
    role_id: IDFilter | None = strawberry.field(default=None, description="By role.")
    reseller_id: IDFilter | None = strawberry.field(
        default=None, description="By reseller (`{isNull: true}`: staff only)."
    )
    created_at: DateTimeFilter | None = strawberry.field(default=None, description="By creation time.")
    and_: list[UserWhere] | None = strawberry.field(default=None, name="AND", description="All of.")
    or_: list[UserWhere] | None = strawberry.field(default=None, name="OR", description="Any of.")
    not_: UserWhere | None = strawberry.field(default=None, name="NOT", description="Not this.")

    def to_filter(self) -> Filter:
        conditions: dict[str, Condition] = {}
        for name, column in (
            ("name", "name"),
            ("email", "email"),
            ("active", "is_active"),
            ("created_at", "created_at"),
        ):
            value = getattr(self, name)
            if value is not None:
                conditions[column] = value.to_condition()
        for name, type_name in (("id", "User"), ("role_id", "Role"), ("reseller_id", "Reseller")):
            id_filter: IDFilter | None = getattr(self, name)
            if id_filter is not None:
                conditions[name] = id_filter.to_condition_for(type_name)
        return Filter(
            conditions=conditions,
            and_=[w.to_filter() for w in self.and_ or []],
            or_=[w.to_filter() for w in self.or_ or []],
            not_=self.not_.to_filter() if self.not_ else None,
        )


@strawberry.input(description="One sort key.")
class UserSort:
    field: UserSortField = strawberry.field(description="What to sort by.")
    direction: SortDirection = strawberry.field(default=SortDirection.ASC, description="Direction.")


@strawberry.input(
    description="Invite a staff or partner user: it gets an e-mail with a link to choose its password."
)
class UserInviteInput:
    email: str = strawberry.field(description="Login e-mail, unique across the product.")
    name: str = strawberry.field(description=SPECS["name"].description)
    role_id: relay.GlobalID = strawberry.field(description="The role; it may hold only permissions you hold.")
    reseller_id: relay.GlobalID | None = strawberry.field(
        default=None,
        description="The reseller of a partner user; omit for staff. A partner invites into its own reseller.",
    )
    reason: str | None = strawberry.field(default=None, description=REASON)


@strawberry.type(description="Result of userInvite.")
class UserInvitePayload:
    user: User | None = strawberry.field(default=None, description="The invited user (no password yet).")
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why it was refused.")


@strawberry.input(
    description="Changes to a user: omitted fields stay, null is refused where a value is needed."
)
@declared_fields(SPECS, Mode.UPDATE)
class UserUpdateInput:
    """One optional field per user field declaration (services/users/commands.py)."""

    id: relay.GlobalID = strawberry.field(description="The user.")
    reason: str | None = strawberry.field(default=None, description=REASON)


@strawberry.type(description="Result of userUpdate.")
class UserUpdatePayload:
    user: User | None = strawberry.field(default=None, description="The user as saved.")
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why it was refused.")


@strawberry.input(description="Deactivate a user: it cannot log in, and every session it holds ends now.")
class UserDeactivateInput:
    id: relay.GlobalID = strawberry.field(description="The user (not yourself).")
    reason: str | None = strawberry.field(default=None, description=REASON)


@strawberry.type(description="Result of userDeactivate.")
class UserDeactivatePayload:
    user: User | None = strawberry.field(default=None, description="The deactivated user.")
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why it was refused.")


@strawberry.input(description="Ask for a password reset link by e-mail.")
class PasswordResetRequestInput:
    email: str = strawberry.field(description="Login e-mail.")


@strawberry.type(
    description="Result of passwordResetRequest: the same whether the e-mail belongs to a user or not."
)
class PasswordResetRequestPayload:
    ok: bool = strawberry.field(
        default=False, description="The request was taken; a link is on its way if the e-mail is a user's."
    )
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why it was refused.")


@strawberry.input(
    description="Choose a password with the token of an e-mailed link (a reset or an invitation)."
)
class PasswordResetCompleteInput:
    token: str = strawberry.field(
        description="The `token` in the link's fragment (`…/set-password#token=…`)."
    )
    new_password: str = strawberry.field(
        description="10 to 256 characters, at least 5 different ones, not a well-known password, "
        "not your e-mail or name."
    )


@strawberry.type(description="Result of passwordResetComplete. Log in with the new password.")
class PasswordResetCompletePayload:
    ok: bool = strawberry.field(default=False, description="The password is set; every session ended.")
    email: str | None = strawberry.field(default=None, description="The login e-mail to log in with.")
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why it was refused.")


@strawberry.input(description="Change your own password.")
class ViewerPasswordChangeInput:
    current_password: str = strawberry.field(description="Your current password.")
    new_password: str = strawberry.field(
        description="10 to 256 characters, at least 5 different ones, not a well-known password, "
        "not your e-mail or name, not the current one."
    )
    reason: str | None = strawberry.field(default=None, description=REASON)


@strawberry.type(description="Result of viewerPasswordChange.")
class ViewerPasswordChangePayload:
    ok: bool = strawberry.field(
        default=False, description="The password is changed; every other session of yours ended."
    )
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why it was refused.")
