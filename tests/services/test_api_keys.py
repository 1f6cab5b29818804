"""API keys, called directly: create_api_key, revoke_api_key, the reads, and authenticate with a
key's secret."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest

from models import Account, ApiKey, AuditEntry, Reseller
from models.enums import ActorKind, Permission
from services.actor import Actor, RequestOrigin, system_actor
from services.api_keys import api_keys_by_id, create_api_key, list_api_keys, revoke_api_key
from services.auth import authenticate, sha256
from services.errors import ErrorCode, FieldError
from settings import Settings
from tests.factories import actor_of, make_account, make_actor, make_role, make_user, refused

ORIGIN = RequestOrigin(ip="203.0.113.9", user_agent="billing-sync")
DENIED = [FieldError(ErrorCode.PERMISSION_DENIED, "You do not have permission to do this.")]
MakeKey = Callable[[list[Permission]], Awaitable[str]]


async def test_create_returns_the_secret_once_and_stores_only_its_hash(settings: Settings) -> None:
    # Given an administrator
    account = await make_account()
    admin = await actor_of(await make_user(account))

    # When a key is created with repeated permissions
    key, secret = await create_api_key(
        admin,
        "  Billing sync ",
        [Permission.CUSTOMERS_WRITE, Permission.CUSTOMERS_READ, Permission.CUSTOMERS_WRITE],
        reason="billing",
    )

    # Then the row holds the clean name, the permissions once each, and the secret's hash only
    assert secret.startswith(f"sbk_{key.prefix}_")
    row = await ApiKey.get(id=key.id)
    assert (row.account_id, row.name, row.permissions, row.key_hash, row.revoked_at) == (
        account.id,
        "Billing sync",
        ["customers:read", "customers:write"],
        sha256(secret),
        None,
    )
    # ... one entry records the creation, without the secret or its hash
    assert await AuditEntry.filter(table_name="api_key").values_list(
        "action", "record_id", "message", "actor_user_id", "reason", "diff"
    ) == [
        (
            "CREATE",
            str(key.id),
            "API key Billing sync created",
            admin.user_id,
            "billing",
            {
                "name": {"old": None, "new": "Billing sync"},
                "permissions": {"old": None, "new": ["customers:read", "customers:write"]},
            },
        )
    ]
    entries = str(await AuditEntry.all().values())
    assert secret not in entries and row.key_hash not in entries
    # ... and the secret authenticates as the key, with exactly its permissions
    assert await authenticate(settings, secret, ORIGIN) == Actor(
        account_id=account.id,
        kind=ActorKind.API_KEY,
        label="API key Billing sync",
        permissions=frozenset({Permission.CUSTOMERS_READ, Permission.CUSTOMERS_WRITE}),
        api_key_id=key.id,
        origin=ORIGIN,
    )


async def test_revoke_makes_the_secret_authenticate_nobody_and_audits_it(
    settings: Settings, account: Account, api_key: MakeKey
) -> None:
    # Given a key
    secret = await api_key([Permission.CUSTOMERS_READ])
    key = await ApiKey.get(account_id=account.id)
    admin = make_actor(account)

    # When it is revoked
    revoked = await revoke_api_key(admin, key.id, reason="leaked")

    # Then its secret is anonymous from now on, the revocation is audited, and it cannot be
    # revoked twice
    assert revoked.revoked_at is not None
    assert await authenticate(settings, secret, ORIGIN) is None
    assert await AuditEntry.filter(table_name="api_key", action="UPDATE").values_list(
        "record_id", "message", "reason", "diff"
    ) == [
        (
            str(key.id),
            f"API key {key.name} revoked",
            "leaked",
            {"revoked_at": {"old": None, "new": revoked.revoked_at.isoformat()}},
        )
    ]
    assert await refused(revoke_api_key(admin, key.id)) == [
        FieldError(ErrorCode.NOT_FOUND, "API key not found.", ("id",))
    ]


async def test_a_bearer_that_is_not_a_keys_secret_authenticates_nobody(
    settings: Settings, api_key: MakeKey
) -> None:
    secret = await api_key([Permission.CUSTOMERS_READ])
    prefix = secret[: len("sbk_") + 12]
    bearers = [
        secret[:-1] + ("A" if secret[-1] != "A" else "B"),  # the right prefix, another secret
        "sbk_000000000000" + secret[len(prefix) :],  # the secret under an unknown prefix
        prefix,  # the public prefix alone
        "sbk_",
    ]

    assert [await authenticate(settings, bearer, ORIGIN) for bearer in bearers] == [None] * 4


@pytest.mark.parametrize(
    ("name", "permissions", "error"),
    [
        ("  ", [], FieldError(ErrorCode.REQUIRED, "This field is required.", ("name",))),
        ("x" * 201, [], FieldError(ErrorCode.INVALID, "At most 200 characters.", ("name",))),
        (
            "Escalate",
            [Permission.USERS_WRITE, Permission.CUSTOMERS_READ, Permission.BILLING_WRITE],
            FieldError(
                ErrorCode.PERMISSION_DENIED,
                "You cannot grant what you do not hold: billing:write, users:write.",
                ("permissions",),
            ),
        ),
    ],
    ids=["blank-name", "long-name", "beyond-the-creator"],
)
async def test_create_refuses_bad_input_and_escalation(
    name: str, permissions: list[Permission], error: FieldError
) -> None:
    # Given a user who may manage settings and read customers, nothing more
    account = await make_account()
    await make_role(account, "Integrator", [Permission.SETTINGS_WRITE, Permission.CUSTOMERS_READ])
    integrator = await actor_of(await make_user(account, role_name="Integrator"))

    assert await refused(create_api_key(integrator, name, permissions)) == [error]


async def test_managing_keys_needs_settings_write_and_keys_cannot_make_keys(
    settings: Settings, account: Account, api_key: MakeKey
) -> None:
    # Given a key that holds every permission, and a Support user
    everything = await authenticate(settings, await api_key(list(Permission)), ORIGIN)
    assert everything is not None
    support = await actor_of(await make_user(account, role_name="Support"))
    key_id = everything.api_key_id
    assert key_id is not None

    # Then Support can neither create nor revoke, and a key cannot create keys (it may revoke)
    assert await refused(create_api_key(support, "Nope", [])) == DENIED
    assert await refused(revoke_api_key(support, key_id)) == DENIED
    assert await refused(create_api_key(everything, "Child", [Permission.CUSTOMERS_READ])) == [
        FieldError(ErrorCode.PERMISSION_DENIED, "Only a user can create API keys.")
    ]


async def test_keys_of_another_account_are_not_found_nor_read(api_key: MakeKey, account: Account) -> None:
    # Given a key of the account, and an administrator of another account
    await api_key([Permission.CUSTOMERS_READ])
    key = await ApiKey.get(account_id=account.id)
    outsider = make_actor(await make_account())

    # Then the outsider neither revokes nor reads it
    assert await refused(revoke_api_key(outsider, key.id)) == [
        FieldError(ErrorCode.NOT_FOUND, "API key not found.", ("id",))
    ]
    assert await api_keys_by_id(outsider, [key.id]) == {}
    assert await list_api_keys(outsider) == []


async def test_keys_are_read_newest_first_with_settings_read(account: Account) -> None:
    system = system_actor(account.id)
    old, _ = await create_api_key(system, "Old", [])
    new, _ = await create_api_key(system, "New", [])
    await revoke_api_key(system, old.id)
    reader = make_actor(account, [Permission.SETTINGS_READ])

    assert [key.name for key in await list_api_keys(reader)] == ["New", "Old"]
    assert sorted(await api_keys_by_id(reader, [old.id, new.id, 987_654])) == [old.id, new.id]
    assert await refused(list_api_keys(make_actor(account, [Permission.SETTINGS_WRITE]))) == DENIED
    assert await refused(api_keys_by_id(make_actor(account, [Permission.CUSTOMERS_READ]), [old.id])) == DENIED


async def test_a_partner_cannot_create_an_account_wide_key(account: Account) -> None:
    # Given a partner whose role could manage settings (no built-in role grants that)
    reseller = await Reseller.create(account_id=account.id, name="North")
    partner = make_actor(
        account, [Permission.SETTINGS_WRITE, Permission.CUSTOMERS_READ], reseller_id=reseller.id
    )

    # Then it cannot mint a key that would read every reseller's customers; nothing is written
    assert await refused(create_api_key(partner, "Partner sync", [Permission.CUSTOMERS_READ])) == [
        FieldError(ErrorCode.PERMISSION_DENIED, "A partner user cannot create API keys.")
    ]
