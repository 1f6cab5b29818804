"""The caps of a customer's IP authentications and SIP users are at most the customer's channels
and flow speed (0 applies the customer's); the customer's caps cannot drop below theirs
(BELOW_AUTH_LIMIT, by a direct edit or per row of a bulk edit), while raising them, or lowering
them to exactly the highest row cap, is allowed."""

from __future__ import annotations

from models import Customer
from services.actor import system_actor
from services.customers.bulk import BulkChanges, ErrorPolicy, NumericChange, Selection, bulk_update_customers
from services.customers.commands import update_customer
from services.customers.values import CustomerPatch
from services.errors import ErrorCode, FieldError
from services.numbers.ip_auth import IpAuthPatch, create_ip_auth
from services.numbers.sip_users import SipUserPatch, create_sip_user, update_sip_user
from tests.factories import make_account, make_actor, make_customer
from tests.factories import refused as refused_unchanged


async def test_lowering_the_customers_caps_below_its_rows_caps_is_refused() -> None:
    account = await make_account()
    customer = await make_customer(account, channels=20, flow_speed=10)
    actor = make_actor(account)
    await create_ip_auth(actor, customer.id, IpAuthPatch(address="192.0.2.0/24", channels=8, cps=3))
    await create_sip_user(
        actor, customer.id, SipUserPatch(username="pbx", password="long-secret-1", channels=6, cps=5)
    )

    errors = await refused_unchanged(
        update_customer(actor, customer.id, CustomerPatch(channels=7, flow_speed=4))
    )
    lowered = await update_customer(actor, customer.id, CustomerPatch(channels=8, flow_speed=5))
    raised = await update_customer(actor, customer.id, CustomerPatch(channels=50))

    assert errors == [
        FieldError(
            ErrorCode.BELOW_AUTH_LIMIT,
            "1 IP authentication(s) and 0 SIP user(s) of the customer allow more than 7 (channels); "
            "lower theirs first.",
            ("channels",),
            (("ip_auths", 1), ("sip_users", 0)),
        ),
        FieldError(
            ErrorCode.BELOW_AUTH_LIMIT,
            "0 IP authentication(s) and 1 SIP user(s) of the customer allow more than 4 (flow speed); "
            "lower theirs first.",
            ("flow_speed",),
            (("ip_auths", 0), ("sip_users", 1)),
        ),
    ]
    assert (lowered.channels, lowered.flow_speed, raised.channels) == (8, 5, 50)


async def test_a_sip_users_caps_are_at_most_the_customers() -> None:
    account = await make_account()
    customer = await make_customer(account, channels=4, flow_speed=2)
    actor = make_actor(account)
    sip_user = await create_sip_user(
        actor, customer.id, SipUserPatch(username="pbx", password="long-secret-1")
    )

    on_create = await refused_unchanged(
        create_sip_user(
            actor, customer.id, SipUserPatch(username="pbx2", password="long-secret-1", channels=5)
        )
    )
    on_update = await refused_unchanged(update_sip_user(actor, sip_user.id, SipUserPatch(cps=3)))
    updated = await update_sip_user(actor, sip_user.id, SipUserPatch(channels=4, cps=2))

    assert on_create == [
        FieldError(
            ErrorCode.ABOVE_CUSTOMER_LIMIT,
            "At most the customer's channels (4); 0 applies the customer's limit.",
            ("channels",),
        )
    ]
    assert on_update == [
        FieldError(
            ErrorCode.ABOVE_CUSTOMER_LIMIT,
            "At most the customer's flow speed (2); 0 applies the customer's limit.",
            ("cps",),
        )
    ]
    assert (updated.channels, updated.cps) == (4, 2)


async def test_a_bulk_edit_refuses_only_the_rows_whose_caps_would_drop_below_their_rows() -> None:
    account = await make_account()
    bound = await make_customer(account, channels=20)
    free = await make_customer(account, channels=20)
    await create_ip_auth(make_actor(account), bound.id, IpAuthPatch(address="192.0.2.0/24", channels=8))

    result = await bulk_update_customers(
        system_actor(account.id),
        Selection(ids=[bound.id, free.id]),
        BulkChanges(numeric={"channels": NumericChange(set=5)}),
        policy=ErrorPolicy.SKIP_INVALID,
    )

    assert [(row.customer_id, row.ok, [e.code for e in row.errors]) for row in result.rows] == [
        (bound.id, False, [ErrorCode.BELOW_AUTH_LIMIT]),
        (free.id, True, []),
    ]
    assert result.rows[0].errors[0].field == ("changes", "channels")
    assert [c.channels for c in await Customer.filter(id__in=[bound.id, free.id]).order_by("id")] == [20, 5]
