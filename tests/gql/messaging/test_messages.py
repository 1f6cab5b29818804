"""The outbox over the API: messages(where) and message(id)."""

from __future__ import annotations

import httpx

from tests.client import global_id, gql, make_principal
from tests.factories import make_account, make_reseller
from workers.inprocess import InProcessRunner

SEND = "mutation($c: MessageChannel!, $to: String!) { messageTest(input: {channel: $c, to: $to}) { message { id } errors { code } } }"
LIST = "query($where: MessageWhere) { messages(where: $where) { totalCount edges { node { to channel status attempts lastError } } } }"


async def test_messages_are_listed_newest_first_and_filtered(
    client: httpx.AsyncClient, runner: InProcessRunner
) -> None:
    account = await make_account()
    admin = await make_principal(client, account)
    await gql(client, SEND, {"c": "EMAIL", "to": "first@example.com"}, admin.token)
    await gql(client, SEND, {"c": "SMS", "to": "+447911123456"}, admin.token)
    await runner.join()

    everything = await gql(client, LIST, {}, admin.token)
    sms_only = await gql(
        client, LIST, {"where": {"channel": {"eq": "SMS"}, "status": {"in": ["SENT"]}}}, admin.token
    )

    assert everything["data"]["messages"] == {
        "totalCount": 2,
        "edges": [
            {
                "node": {
                    "to": "+447911123456",
                    "channel": "SMS",
                    "status": "SENT",
                    "attempts": 1,
                    "lastError": None,
                }
            },
            {
                "node": {
                    "to": "first@example.com",
                    "channel": "EMAIL",
                    "status": "SENT",
                    "attempts": 1,
                    "lastError": None,
                }
            },
        ],
    }
    assert sms_only["data"]["messages"]["totalCount"] == 1


async def test_a_message_is_not_visible_from_another_account_or_to_a_partner(
    client: httpx.AsyncClient, runner: InProcessRunner
) -> None:
    account = await make_account()
    admin = await make_principal(client, account)
    sent = await gql(client, SEND, {"c": "EMAIL", "to": "ops@example.com"}, admin.token)
    await runner.join()
    message_id = sent["data"]["messageTest"]["message"]["id"]
    outsider = await make_principal(client, await make_account())
    query = "query($id: ID!) { message(id: $id) { to } }"

    mine = await gql(client, query, {"id": message_id}, admin.token)
    theirs = await gql(client, query, {"id": message_id}, outsider.token)
    wrong_type = await gql(client, query, {"id": global_id("Customer", 1)}, admin.token)

    assert mine["data"]["message"] == {"to": "ops@example.com"}
    assert theirs["data"]["message"] is None
    assert wrong_type["data"]["message"] is None


async def test_a_partner_may_not_send_a_test_and_sees_only_its_customers_messages(
    client: httpx.AsyncClient,
) -> None:
    account = await make_account()
    partner = await make_principal(
        client, account, role_name="Partner", reseller=await make_reseller(account)
    )

    sent = await gql(client, SEND, {"c": "EMAIL", "to": "ops@example.com"}, partner.token)
    listed = await gql(client, LIST, {}, partner.token)

    # the Partner role holds messaging:send, for its reseller's customers' contacts only
    assert sent["data"]["messageTest"]["errors"] == [{"code": "PERMISSION_DENIED"}]
    assert listed["data"]["messages"]["totalCount"] == 0
