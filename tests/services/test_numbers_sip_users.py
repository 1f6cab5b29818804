"""SIP users, called directly: create_sip_user, update_sip_user, delete_sip_user and their reads
(sip_users_by_customer, sip_users_by_id)."""

from __future__ import annotations

from typing import Any

import pytest

from models import Account, AuditEntry, SipUser
from models.enums import Permission
from services.actor import system_actor
from services.errors import ErrorCode, FieldError
from services.numbers.blocks import assign_block
from services.numbers.queries import sip_users_by_customer, sip_users_by_id
from services.numbers.sip_users import (
    SipUserPatch,
    create_sip_user,
    delete_sip_user,
    ha1,
    update_sip_user,
)
from tests.factories import (
    actor_of,
    make_account,
    make_actor,
    make_customer,
    make_reseller,
    make_user,
    refused,
)

REALM = "sip.carrier.example"
DENIED = [FieldError(ErrorCode.PERMISSION_DENIED, "You do not have permission to do this.")]
DUPLICATE = [FieldError(ErrorCode.DUPLICATE_SIP_USER, "Duplicate User Detected", ("username",))]
AUDITED = ("action", "record_id", "customer_id", "message", "actor_label", "reason", "diff")


async def sip_account() -> Account:
    """An account with its SIP realm and the range 1000.. in blocks of 100."""
    account = await make_account()
    await Account.filter(id=account.id).update(
        sip_realm=REALM, number_range_start=1000, number_block_size=100
    )
    return account


def patch(username: str = "alice", password: str = "long-secret-1", **fields: Any) -> SipUserPatch:
    return SipUserPatch(username=username, password=password, **fields)


async def sip_entries(**filters: Any) -> list[dict[str, Any]]:
    return await AuditEntry.filter(table_name="sip_user", **filters).order_by("id").values(*AUDITED)


async def test_create_stores_the_clean_values_and_only_the_digest_hash() -> None:
    # Given a customer without blocks
    account = await sip_account()
    customer = await make_customer(account, channels=10, flow_speed=5)

    # When a SIP user is created with networks given loosely
    created = await create_sip_user(
        make_actor(account),
        customer.id,
        patch(channels=5, cps=2, ip_allow=[" 192.0.2.10 ", "198.51.100.7/24", "192.0.2.10/32"]),
        reason="new PBX",
    )

    # Then the row holds the clean values and the HA1, and one entry records it with HA1 redacted
    row = await SipUser.get(id=created.id)
    assert (row.username, row.extension, row.realm, row.channels, row.cps, row.ip_allow) == (
        "alice",
        None,
        REALM,
        5,
        2,
        ["192.0.2.10/32", "198.51.100.0/24"],
    )
    assert row.ha1 == ha1("alice", REALM, "long-secret-1")
    assert await sip_entries() == [
        {
            "action": "CREATE",
            "record_id": str(created.id),
            "customer_id": customer.id,
            "message": "SIP user alice created",
            "actor_label": "Tester",
            "reason": "new PBX",
            "diff": {
                "username": {"old": None, "new": "alice"},
                "channels": {"old": None, "new": 5},
                "cps": {"old": None, "new": 2},
                "ip_allow": {"old": None, "new": ["192.0.2.10/32", "198.51.100.0/24"]},
                "ha1": {"old": None, "new": "[redacted]"},
            },
        }
    ]
    assert "long-secret-1" not in str(await AuditEntry.all().values())


async def test_a_numeric_username_is_an_extension_of_the_customers_block() -> None:
    account = await sip_account()
    customer = await make_customer(account)
    actor = make_actor(account)
    await assign_block(actor, customer.id)

    created = await create_sip_user(actor, customer.id, patch("1042"))

    assert (created.username, created.extension) == ("1042", 1042)


@pytest.mark.parametrize(
    ("given", "errors"),
    [
        (
            SipUserPatch(),
            [
                FieldError(ErrorCode.REQUIRED, "This field is required.", ("username",)),
                FieldError(ErrorCode.REQUIRED, "This field is required.", ("password",)),
            ],
        ),
        (
            SipUserPatch(username="alice"),
            [FieldError(ErrorCode.REQUIRED, "This field is required.", ("password",))],
        ),
        (
            patch(username="has space", password="short", channels=-1, ip_allow=["10.0.0.0/8", "nope"]),
            [
                FieldError(
                    ErrorCode.INVALID,
                    "1 to 64 letters, digits, dots, dashes, underscores or plus signs.",
                    ("username",),
                ),
                FieldError(ErrorCode.INVALID, "Between 8 and 128 characters.", ("password",)),
                FieldError(ErrorCode.INVALID, "Must be 0 or more.", ("channels",)),
                FieldError(ErrorCode.INVALID, "'nope' is not an IP address or network.", ("ip_allow", "1")),
            ],
        ),
        (
            patch(username=str(2**63)),
            [
                FieldError(
                    ErrorCode.INVALID,
                    f"A numeric username is an extension, at most {2**63 - 1}.",
                    ("username",),
                )
            ],
        ),
        (
            patch(cps=None, ip_allow=[f"192.0.2.{i}" for i in range(51)]),
            [
                FieldError(ErrorCode.REQUIRED, "This field cannot be null.", ("cps",)),
                FieldError(ErrorCode.INVALID, "At most 50 entries.", ("ip_allow",)),
            ],
        ),
    ],
    ids=["nothing", "no-password", "every-field-bad", "beyond-an-extension", "null-and-too-many"],
)
async def test_create_names_every_bad_field_and_writes_nothing(
    given: SipUserPatch, errors: list[FieldError]
) -> None:
    account = await sip_account()
    customer = await make_customer(account)

    assert await refused(create_sip_user(make_actor(account), customer.id, given)) == errors


async def test_usernames_are_unique_in_the_account_and_keep_to_the_blocks() -> None:
    # Given a holder of the block 1000-1099 with SIP user "alice", and a customer without blocks
    account = await sip_account()
    actor = make_actor(account)
    holder, free = await make_customer(account), await make_customer(account)
    await assign_block(actor, holder.id)
    await create_sip_user(actor, holder.id, patch("1000"))
    out_of_block = FieldError(
        ErrorCode.EXTENSION_OUT_OF_BLOCK,
        "The username must be an extension of one of the customer's number blocks.",
        ("username",),
    )
    in_other_block = FieldError(
        ErrorCode.EXTENSION_OUT_OF_BLOCK,
        "This extension belongs to another customer's number block.",
        ("username",),
    )

    # Then a taken name is a duplicate for anyone, the holder stays inside its block, and the
    # other customer stays out of it
    assert await refused(create_sip_user(actor, free.id, patch("1000"))) == DUPLICATE
    assert await refused(create_sip_user(actor, holder.id, patch("bob"))) == [out_of_block]
    assert await refused(create_sip_user(actor, holder.id, patch("1100"))) == [out_of_block]
    assert await refused(create_sip_user(actor, free.id, patch("1099"))) == [in_other_block]
    assert (await create_sip_user(actor, free.id, patch("1100"))).extension == 1100


async def test_update_diffs_only_what_changed_and_redacts_the_hash() -> None:
    # Given a SIP user
    account = await sip_account()
    actor = make_actor(account)
    customer = await make_customer(account, channels=10, flow_speed=5)
    created = await create_sip_user(actor, customer.id, patch(channels=1))

    # When it is renamed with a new password, then given the same values again
    renamed = await update_sip_user(
        actor, created.id, SipUserPatch(username="bob", password="new-secret-22", channels=3, cps=0)
    )
    await update_sip_user(actor, created.id, SipUserPatch(channels=3, ip_allow=[]))

    # Then the hash follows the new name and password, and only the first update is audited
    assert (renamed.username, renamed.channels) == ("bob", 3)
    assert (await SipUser.get(id=created.id)).ha1 == ha1("bob", REALM, "new-secret-22")
    assert await sip_entries(action="UPDATE") == [
        {
            "action": "UPDATE",
            "record_id": str(created.id),
            "customer_id": customer.id,
            "message": "SIP user bob updated",
            "actor_label": "Tester",
            "reason": None,
            "diff": {
                "username": {"old": "alice", "new": "bob"},
                "channels": {"old": 1, "new": 3},
                "ha1": {"old": "[redacted]", "new": "[redacted]"},
            },
        }
    ]


async def test_update_refuses_a_rename_without_password_and_a_taken_name() -> None:
    account = await sip_account()
    actor = make_actor(account)
    customer = await make_customer(account)
    alice = await create_sip_user(actor, customer.id, patch("alice"))
    await create_sip_user(actor, customer.id, patch("bob"))

    assert await refused(update_sip_user(actor, alice.id, SipUserPatch(username="carol"))) == [
        FieldError(
            ErrorCode.REQUIRED,
            "A new username needs the password (the digest hash includes it).",
            ("password",),
        )
    ]
    assert await refused(update_sip_user(actor, alice.id, patch("bob"))) == DUPLICATE
    assert await refused(update_sip_user(actor, alice.id, SipUserPatch(channels=-3))) == [
        FieldError(ErrorCode.INVALID, "Must be 0 or more.", ("channels",))
    ]


async def test_delete_removes_the_user_and_audits_it() -> None:
    account = await sip_account()
    actor = make_actor(account)
    customer = await make_customer(account)
    created = await create_sip_user(actor, customer.id, patch())

    await delete_sip_user(actor, created.id, reason="decommissioned")

    assert await SipUser.filter(id=created.id).exists() is False
    assert await sip_entries(action="DELETE") == [
        {
            "action": "DELETE",
            "record_id": str(created.id),
            "customer_id": customer.id,
            "message": "SIP user alice deleted",
            "actor_label": "Tester",
            "reason": "decommissioned",
            "diff": {"username": {"old": "alice", "new": None}},
        }
    ]
    assert await refused(delete_sip_user(actor, created.id)) == [
        FieldError(ErrorCode.NOT_FOUND, "SIP user not found.", ("id",))
    ]


async def test_every_change_needs_customers_write() -> None:
    account = await sip_account()
    customer = await make_customer(account)
    existing = await create_sip_user(system_actor(account.id), customer.id, patch())
    reader = make_actor(account, [Permission.CUSTOMERS_READ])

    assert await refused(create_sip_user(reader, customer.id, patch("bob"))) == DENIED
    assert await refused(update_sip_user(reader, existing.id, SipUserPatch(channels=2))) == DENIED
    assert await refused(delete_sip_user(reader, existing.id)) == DENIED
    # the permission is checked before the input: a reader learns nothing from its errors
    assert await refused(create_sip_user(reader, customer.id, SipUserPatch(username="bad name"))) == DENIED


async def test_a_partner_works_only_on_its_resellers_customers() -> None:
    # Given a partner of North, and South's customer with a SIP user
    account = await sip_account()
    north, south = await make_reseller(account), await make_reseller(account)
    partner = await actor_of(await make_user(account, role_name="Partner", reseller=north))
    mine = await make_customer(account, reseller_id=north.id)
    theirs = await make_customer(account, reseller_id=south.id)
    their_user = await create_sip_user(system_actor(account.id), theirs.id, patch("south"))
    sip_not_found = [FieldError(ErrorCode.NOT_FOUND, "SIP user not found.", ("id",))]

    # Then South's customer and SIP user are out of reach, and its own customer is not
    assert await refused(create_sip_user(partner, theirs.id, patch("north"))) == [
        FieldError(ErrorCode.NOT_FOUND, "Customer not found.", ("customer_id",))
    ]
    assert await refused(update_sip_user(partner, their_user.id, SipUserPatch(channels=9))) == sip_not_found
    assert await refused(delete_sip_user(partner, their_user.id)) == sip_not_found
    assert (await create_sip_user(partner, mine.id, patch("north"))).customer_id == mine.id


async def test_sip_user_reads_keep_to_the_scope_in_username_order() -> None:
    # Given North's customer with two SIP users, a staff customer's and another account's
    account = await sip_account()
    north = await make_reseller(account)
    system = system_actor(account.id)
    mine, staff_only = await make_customer(account, reseller_id=north.id), await make_customer(account)
    zed = await create_sip_user(system, mine.id, patch("zed"))
    amy = await create_sip_user(system, mine.id, patch("amy"))
    staff_user = await create_sip_user(system, staff_only.id, patch("staff"))
    other = await sip_account()
    foreign = await create_sip_user(system_actor(other.id), (await make_customer(other)).id, patch())
    ids = [zed.id, amy.id, staff_user.id, foreign.id, 987_654]
    staff = make_actor(account, [Permission.CUSTOMERS_READ])
    partner = make_actor(account, [Permission.CUSTOMERS_READ], reseller_id=north.id)

    # Then each sees its scope, by id and by customer (by username)
    assert sorted(await sip_users_by_id(staff, ids)) == sorted([zed.id, amy.id, staff_user.id])
    assert sorted(await sip_users_by_id(partner, ids)) == sorted([zed.id, amy.id])
    by_customer = await sip_users_by_customer(partner, [mine.id, staff_only.id, foreign.customer_id])
    assert {c: [u.username for u in users] for c, users in by_customer.items()} == {mine.id: ["amy", "zed"]}
    assert await refused(sip_users_by_id(make_actor(account, [Permission.CUSTOMERS_WRITE]), ids)) == DENIED
    assert await refused(sip_users_by_customer(make_actor(account, []), [mine.id])) == DENIED
