"""IP authentication, called directly: create_ip_auth, update_ip_auth, delete_ip_auth, their
reads, the overlap rule between customers and the extension namespace shared with SIP users."""

from __future__ import annotations

from typing import Any

import pytest

from models import Account, AuditEntry, Customer, IpAuth
from models.enums import Permission
from services.actor import system_actor
from services.customers.commands import delete_customer
from services.errors import ErrorCode, FieldError
from services.numbers.blocks import assign_block
from services.numbers.ip_auth import IpAuthPatch, create_ip_auth, delete_ip_auth, update_ip_auth
from services.numbers.queries import (
    available_extensions,
    blocks_by_customer,
    ip_auths_by_customer,
    ip_auths_by_id,
)
from services.numbers.sip_users import SipUserPatch, create_sip_user
from tests.factories import (
    DENIED,
    actor_of,
    make_actor,
    make_customer,
    make_numbered_account,
    make_reseller,
    make_user,
    refused,
)

NOT_FOUND = [FieldError(ErrorCode.NOT_FOUND, "IP authentication not found.", ("id",))]
DUPLICATE_EXTENSION = FieldError(
    ErrorCode.DUPLICATE_EXTENSION,
    "This extension is already used in the account (by a SIP user, an IP authentication or a conference room).",
    ("extension",),
)
AUDITED = ("action", "record_id", "customer_id", "message", "actor_label", "reason", "diff")


async def capped_customer(account: Account, **overrides: Any) -> Customer:
    return await make_customer(account, **{"channels": 30, "flow_speed": 10, **overrides})


def overlap(whose: str) -> list[FieldError]:
    return [
        FieldError(
            ErrorCode.IP_RANGE_OVERLAP,
            f"Overlaps {whose} with the same or no tech prefix: the switch could not tell the calls apart.",
            ("address",),
        )
    ]


async def entries(**filters: Any) -> list[dict[str, Any]]:
    return await AuditEntry.filter(table_name="ip_auth", **filters).order_by("id").values(*AUDITED)


async def test_create_stores_the_normalized_network_its_bounds_and_one_audit_entry() -> None:
    # Given a customer allowed 30 channels and 10 calls per second
    account = await make_numbered_account()
    customer = await capped_customer(account)

    # When an IP authentication is created with a network written loosely
    created = await create_ip_auth(
        make_actor(account),
        customer.id,
        IpAuthPatch(address=" 198.51.100.77/24 ", tech_prefix=" 123# ", channels=30, cps=5, notes="  PBX  "),
        reason="new trunk",
    )

    # Then the row holds the network, its bounds in the IPv6 space and the clean values
    row = await IpAuth.get(id=created.id)
    first = (0xFFFF << 32) + (198 << 24) + (51 << 16) + (100 << 8)
    assert (row.address, row.range_start, row.range_end) == (
        "198.51.100.0/24",
        f"{first:039d}",
        f"{first + 255:039d}",
    )
    assert (row.tech_prefix, row.extension, row.channels, row.cps, row.notes) == ("123#", None, 30, 5, "PBX")
    assert await entries() == [
        {
            "action": "CREATE",
            "record_id": str(created.id),
            "customer_id": customer.id,
            "message": "IP authentication 198.51.100.0/24 created",
            "actor_label": "Tester",
            "reason": "new trunk",
            "diff": {
                "address": {"old": None, "new": "198.51.100.0/24"},
                "tech_prefix": {"old": None, "new": "123#"},
                "channels": {"old": None, "new": 30},
                "cps": {"old": None, "new": 5},
                "notes": {"old": None, "new": "PBX"},
            },
        }
    ]


@pytest.mark.parametrize(
    ("given", "errors"),
    [
        (IpAuthPatch(), [FieldError(ErrorCode.REQUIRED, "This field is required.", ("address",))]),
        (
            IpAuthPatch(address="10.0.0.300", tech_prefix="1 2", extension="0100", channels=-1, cps=-1),
            [
                FieldError(ErrorCode.INVALID, "'10.0.0.300' is not an IP address or network.", ("address",)),
                FieldError(ErrorCode.INVALID, "1 to 20 digits, letters, '#', '*' or '+'.", ("tech_prefix",)),
                FieldError(
                    ErrorCode.INVALID,
                    f"An extension is a number from 0 to {2**63 - 1}, without leading zeros.",
                    ("extension",),
                ),
                FieldError(ErrorCode.INVALID, "Must be 0 or more.", ("channels",)),
                FieldError(ErrorCode.INVALID, "Must be 0 or more.", ("cps",)),
            ],
        ),
        (
            IpAuthPatch(address="2001:db8::/129", extension=str(2**63), notes="x" * 1001),
            [
                FieldError(
                    ErrorCode.INVALID, "'2001:db8::/129' is not an IP address or network.", ("address",)
                ),
                FieldError(
                    ErrorCode.INVALID,
                    f"An extension is a number from 0 to {2**63 - 1}, without leading zeros.",
                    ("extension",),
                ),
                FieldError(ErrorCode.INVALID, "At most 1000 characters.", ("notes",)),
            ],
        ),
        (
            IpAuthPatch(address=None, channels=None, cps=None),  # type: ignore[arg-type]
            [
                FieldError(ErrorCode.REQUIRED, "This field cannot be null.", ("address",)),
                FieldError(ErrorCode.REQUIRED, "This field cannot be null.", ("channels",)),
                FieldError(ErrorCode.REQUIRED, "This field cannot be null.", ("cps",)),
            ],
        ),
        (
            IpAuthPatch(address="192.0.2.1", channels=31),
            [
                FieldError(
                    ErrorCode.ABOVE_CUSTOMER_LIMIT,
                    "At most the customer's channels (30); 0 applies the customer's limit.",
                    ("channels",),
                )
            ],
        ),
        (
            IpAuthPatch(address="192.0.2.1", cps=11),
            [
                FieldError(
                    ErrorCode.ABOVE_CUSTOMER_LIMIT,
                    "At most the customer's flow speed (10); 0 applies the customer's limit.",
                    ("cps",),
                )
            ],
        ),
    ],
    ids=["nothing", "every-field-bad", "out-of-range", "nulls", "channels-above", "cps-above"],
)
async def test_create_refuses_bad_input_and_writes_nothing(
    given: IpAuthPatch, errors: list[FieldError]
) -> None:
    account = await make_numbered_account()
    customer = await capped_customer(account)

    assert await refused(create_ip_auth(make_actor(account), customer.id, given)) == errors


@pytest.mark.parametrize(
    ("mine", "theirs", "clash"),
    [
        (("10.0.0.0/8", None), ("10.1.2.3", None), True),  # theirs inside mine
        (("10.1.2.3", None), ("10.0.0.0/8", None), True),  # mine inside theirs
        (("10.0.0.0/24", None), ("10.0.0.0/24", "77"), True),  # no prefix clashes with any
        (("10.0.0.0/24", "77"), ("10.0.0.0/24", None), True),
        (("10.0.0.0/24", "77"), ("10.0.0.128/25", "77"), True),
        (("10.0.0.0/24", "77"), ("10.0.0.0/24", "78"), False),  # prefixes tell them apart
        (("10.0.0.0/25", None), ("10.0.0.128/25", None), False),  # adjacent, not overlapping
        (("10.0.0.0/30", None), ("10.0.0.8/29", None), False),  # same /28 start, disjoint
        (("::ffff:10.0.0.0/120", None), ("10.0.0.9", None), True),  # IPv4-mapped is the same host
        (("2001:db8::/32", None), ("2001:db8:ffff::1", None), True),
        (("2001:db8::/32", None), ("2001:db9::1", None), False),
        (("0.0.0.0/0", None), ("192.0.2.1", None), True),
        (("::/0", None), ("192.0.2.1", None), True),
    ],
)
async def test_two_customers_may_not_claim_overlapping_networks_with_a_shared_prefix(
    mine: tuple[str, str | None], theirs: tuple[str, str | None], clash: bool
) -> None:
    # Given customer Mine's network
    account = await make_numbered_account()
    actor = make_actor(account)
    holder = await make_customer(account, name="Mine")
    other = await make_customer(account)
    await create_ip_auth(actor, holder.id, IpAuthPatch(address=mine[0], tech_prefix=mine[1]))

    # When another customer claims its own
    claim = create_ip_auth(actor, other.id, IpAuthPatch(address=theirs[0], tech_prefix=theirs[1]))

    # Then it is refused exactly when the switch could not tell the two apart
    if clash:
        shown = (await IpAuth.get(customer_id=holder.id)).address
        assert await refused(claim) == overlap(f"customer Mine's {shown}")
    else:
        assert (await claim).customer_id == other.id


async def test_one_customer_may_hold_overlapping_networks_and_a_deleted_customer_claims_nothing() -> None:
    account = await make_numbered_account()
    actor = make_actor(account)
    customer, gone, newcomer = [await make_customer(account) for _ in range(3)]
    await create_ip_auth(actor, customer.id, IpAuthPatch(address="10.0.0.0/8"))
    await create_ip_auth(actor, gone.id, IpAuthPatch(address="172.16.0.0/12"))
    await delete_customer(actor, gone.id)

    assert (
        await create_ip_auth(actor, customer.id, IpAuthPatch(address="10.0.0.1"))
    ).address == "10.0.0.1/32"
    assert (
        await create_ip_auth(actor, newcomer.id, IpAuthPatch(address="172.16.1.1"))
    ).customer_id == newcomer.id


async def test_the_other_customer_is_named_only_to_who_may_see_it() -> None:
    # Given South's customer holding 10.0.0.0/8 and a partner of North
    account = await make_numbered_account()
    north, south = await make_reseller(account), await make_reseller(account)
    theirs = await make_customer(account, name="Southwind", reseller_id=south.id)
    mine = await make_customer(account, reseller_id=north.id)
    await create_ip_auth(system_actor(account.id), theirs.id, IpAuthPatch(address="10.0.0.0/8"))
    partner = await actor_of(await make_user(account, role_name="Partner", reseller=north))

    # Then the partner learns of a clash, not whose
    assert await refused(create_ip_auth(partner, mine.id, IpAuthPatch(address="10.9.9.9"))) == overlap(
        "another customer's network"
    )
    assert await refused(
        create_ip_auth(make_actor(account), mine.id, IpAuthPatch(address="10.9.9.9"))
    ) == overlap("customer Southwind's 10.0.0.0/8")


async def test_extensions_share_one_namespace_with_sip_users_under_the_block_rules() -> None:
    # Given a holder of block 1000-1099 with SIP user 1000, and a customer without blocks
    account = await make_numbered_account()
    actor = make_actor(account)
    holder, free = await make_customer(account), await make_customer(account)
    await assign_block(actor, holder.id)
    await create_sip_user(actor, holder.id, SipUserPatch(username="1000", password="long-secret-1"))

    def auth(extension: str, address: str = "192.0.2.1") -> IpAuthPatch:
        return IpAuthPatch(address=address, extension=extension)

    # Then a SIP user's number is taken for IP auth, the block rules hold, and an IP-auth
    # extension is taken for SIP users and other IP auths
    assert await refused(create_ip_auth(actor, holder.id, auth("1000"))) == [DUPLICATE_EXTENSION]
    assert await refused(create_ip_auth(actor, holder.id, auth("1100"))) == [
        FieldError(
            ErrorCode.EXTENSION_OUT_OF_BLOCK,
            "The extension must be an extension of one of the customer's number blocks.",
            ("extension",),
        )
    ]
    assert await refused(create_ip_auth(actor, free.id, auth("1050", "192.0.2.2"))) == [
        FieldError(
            ErrorCode.EXTENSION_OUT_OF_BLOCK,
            "This extension belongs to another customer's number block.",
            ("extension",),
        )
    ]
    taken = await create_ip_auth(actor, holder.id, auth("1001"))
    assert await refused(
        create_sip_user(actor, holder.id, SipUserPatch(username="1001", password="long-secret-1"))
    ) == [FieldError(DUPLICATE_EXTENSION.code, DUPLICATE_EXTENSION.message, ("username",))]
    assert await refused(create_ip_auth(actor, holder.id, auth("1001", "192.0.2.9"))) == [DUPLICATE_EXTENSION]
    assert taken.extension == 1001
    # and the block counts both kinds, its free extensions skip both
    (usage,) = (await blocks_by_customer(actor, [holder.id]))[holder.id]
    assert (usage.used, usage.free) == (2, 98)
    assert (await available_extensions(actor, holder.id, first=2)).numbers == [1002, 1003]


async def test_update_applies_maybe_semantics_and_audits_only_changes() -> None:
    # Given an IP authentication with a prefix, an extension and notes
    account = await make_numbered_account()
    actor = make_actor(account)
    customer = await capped_customer(account)
    created = await create_ip_auth(
        actor, customer.id, IpAuthPatch(address="192.0.2.0/24", tech_prefix="9", extension="7", notes="n")
    )

    # When the network changes and the prefix is cleared, the extension and notes omitted
    updated = await update_ip_auth(actor, created.id, IpAuthPatch(address="192.0.2.0/25", tech_prefix=None))
    await update_ip_auth(actor, created.id, IpAuthPatch(channels=0, extension="7"))

    # Then omitted fields stay, null cleared the prefix, the bounds follow; one UPDATE entry
    row = await IpAuth.get(id=created.id)
    assert (row.address, row.tech_prefix, row.extension, row.notes) == ("192.0.2.0/25", None, 7, "n")
    assert int(row.range_end) - int(row.range_start) == 127
    assert updated.address == "192.0.2.0/25"
    assert await entries(action="UPDATE") == [
        {
            "action": "UPDATE",
            "record_id": str(created.id),
            "customer_id": customer.id,
            "message": "IP authentication 192.0.2.0/25 updated",
            "actor_label": "Tester",
            "reason": None,
            "diff": {
                "address": {"old": "192.0.2.0/24", "new": "192.0.2.0/25"},
                "tech_prefix": {"old": "9", "new": None},
            },
        }
    ]


async def test_update_keeps_the_rules_and_refusals_change_nothing() -> None:
    account = await make_numbered_account()
    actor = make_actor(account)
    customer, other = await capped_customer(account), await make_customer(account, name="Other")
    await create_ip_auth(actor, other.id, IpAuthPatch(address="10.0.0.0/8"))
    await create_ip_auth(actor, customer.id, IpAuthPatch(address="192.0.2.1", extension="55"))
    row = await create_ip_auth(actor, customer.id, IpAuthPatch(address="192.0.2.2"))

    assert await refused(update_ip_auth(actor, row.id, IpAuthPatch(address="10.1.1.1"))) == overlap(
        "customer Other's 10.0.0.0/8"
    )
    assert await refused(update_ip_auth(actor, row.id, IpAuthPatch(extension="55"))) == [DUPLICATE_EXTENSION]
    cleared = IpAuthPatch(address=None)  # type: ignore[arg-type]
    assert await refused(update_ip_auth(actor, row.id, cleared)) == [
        FieldError(ErrorCode.REQUIRED, "This field cannot be null.", ("address",))
    ]
    assert await refused(update_ip_auth(actor, row.id, IpAuthPatch(cps=11))) == [
        FieldError(
            ErrorCode.ABOVE_CUSTOMER_LIMIT,
            "At most the customer's flow speed (10); 0 applies the customer's limit.",
            ("cps",),
        )
    ]
    assert await refused(update_ip_auth(actor, 987_654, IpAuthPatch(notes="x"))) == NOT_FOUND


async def test_delete_removes_the_row_and_audits_it() -> None:
    account = await make_numbered_account()
    actor = make_actor(account)
    customer = await make_customer(account)
    created = await create_ip_auth(actor, customer.id, IpAuthPatch(address="2001:DB8::1"))

    deleted = await delete_ip_auth(actor, created.id, reason="moved")

    assert deleted.address == "2001:db8::1/128"
    assert await IpAuth.filter(id=created.id).exists() is False
    assert await entries(action="DELETE") == [
        {
            "action": "DELETE",
            "record_id": str(created.id),
            "customer_id": customer.id,
            "message": "IP authentication 2001:db8::1/128 deleted",
            "actor_label": "Tester",
            "reason": "moved",
            "diff": {"address": {"old": "2001:db8::1/128", "new": None}},
        }
    ]
    assert await refused(delete_ip_auth(actor, created.id)) == NOT_FOUND


async def test_every_change_needs_customers_write_checked_before_the_input() -> None:
    account = await make_numbered_account()
    customer = await make_customer(account)
    existing = await create_ip_auth(system_actor(account.id), customer.id, IpAuthPatch(address="192.0.2.1"))
    reader = make_actor(account, [Permission.CUSTOMERS_READ])

    assert await refused(create_ip_auth(reader, customer.id, IpAuthPatch(address="192.0.2.2"))) == DENIED
    assert await refused(create_ip_auth(reader, customer.id, IpAuthPatch(address="bad"))) == DENIED
    assert await refused(update_ip_auth(reader, existing.id, IpAuthPatch(channels=2))) == DENIED
    assert await refused(delete_ip_auth(reader, existing.id)) == DENIED


async def test_a_partner_works_only_on_its_resellers_customers_and_reads_keep_to_scope() -> None:
    # Given North's and South's customers with an IP authentication each, and another account's
    account = await make_numbered_account()
    north, south = await make_reseller(account), await make_reseller(account)
    partner = await actor_of(await make_user(account, role_name="Partner", reseller=north))
    system = system_actor(account.id)
    mine = await make_customer(account, reseller_id=north.id)
    theirs = await make_customer(account, reseller_id=south.id)
    their_auth = await create_ip_auth(system, theirs.id, IpAuthPatch(address="192.0.2.1"))
    other = await make_numbered_account()
    foreign = await create_ip_auth(
        system_actor(other.id), (await make_customer(other)).id, IpAuthPatch(address="192.0.2.1")
    )

    # Then South's are out of the partner's reach, its own are not
    assert await refused(create_ip_auth(partner, theirs.id, IpAuthPatch(address="192.0.2.2"))) == [
        FieldError(ErrorCode.NOT_FOUND, "Customer not found.", ("customer_id",))
    ]
    assert await refused(update_ip_auth(partner, their_auth.id, IpAuthPatch(channels=0))) == NOT_FOUND
    assert await refused(delete_ip_auth(partner, their_auth.id)) == NOT_FOUND
    own = await create_ip_auth(partner, mine.id, IpAuthPatch(address="192.0.2.3"))
    second = await create_ip_auth(partner, mine.id, IpAuthPatch(address="192.0.2.128/25", tech_prefix="5"))
    ids = [own.id, second.id, their_auth.id, foreign.id, 987_654]
    assert sorted(await ip_auths_by_id(partner, ids)) == sorted([own.id, second.id])
    assert sorted(await ip_auths_by_id(make_actor(account), ids)) == sorted(
        [own.id, second.id, their_auth.id]
    )
    by_customer = await ip_auths_by_customer(partner, [mine.id, theirs.id])
    assert {c: [row.address for row in rows] for c, rows in by_customer.items()} == {
        mine.id: ["192.0.2.3/32", "192.0.2.128/25"]
    }
    assert await refused(ip_auths_by_id(make_actor(account, [Permission.CUSTOMERS_WRITE]), ids)) == DENIED
