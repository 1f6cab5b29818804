"""Item 14: a pattern that validates input matches the whole value: `$` also matches before a
trailing newline, and `\\d` also takes other scripts' digits."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from models import SipUser
from tests.client import global_id, gql, make_principal
from tests.factories import db_state, make_account, make_customer

CREATE = """
mutation($input: CustomerCreateInput!) { customerCreate(input: $input) {
  customer { name dialWindows { start end } } errors { field code message } } }
"""
SIP_CREATE = """
mutation($input: SipUserCreateInput!) { sipUserCreate(input: $input) {
  sipUser { username } errors { field code message } } }
"""


@pytest.mark.parametrize(
    "window, part",
    [
        ({"start": "10:00\n", "end": "11:00"}, "start"),
        ({"start": "10:00", "end": "24:00\n"}, "end"),
        ({"start": "1\u0660:00", "end": "11:00"}, "start"),
        ({"start": "10:00", "end": "1\u0661:00"}, "end"),
    ],
    ids=["start-newline", "end-24-newline", "arabic-indic-start", "arabic-indic-end"],
)
async def test_a_dial_window_time_must_be_exactly_hh_mm(
    client: httpx.AsyncClient, window: dict[str, str], part: str
) -> None:
    account = await make_account()
    admin = await make_principal(client, account)
    before = await db_state()

    body = await gql(
        client,
        CREATE,
        {"input": {"name": "Windowed", "currency": "EUR", "dialWindows": [window]}},
        admin.token,
    )

    assert body["data"]["customerCreate"] == {
        "customer": None,
        "errors": [
            {
                "field": ["input", "dialWindows", "0", part],
                "code": "INVALID",
                "message": "Use HH:MM (00:00 to 24:00).",
            }
        ],
    }
    assert await db_state() == before


@pytest.mark.parametrize("username", ["alice\n", "1042\n"])
async def test_a_sip_username_with_a_trailing_newline_is_invalid(
    client: httpx.AsyncClient, username: str
) -> None:
    account = await make_account()
    admin = await make_principal(client, account)
    customer = await make_customer(account)
    before: dict[str, Any] = {**await db_state(), "sip": await SipUser.all().values()}

    body = await gql(
        client,
        SIP_CREATE,
        {
            "input": {
                "customerId": global_id("Customer", customer.id),
                "username": username,
                "password": "long-secret-1",
            }
        },
        admin.token,
    )

    assert body["data"]["sipUserCreate"] == {
        "sipUser": None,
        "errors": [
            {
                "field": ["input", "username"],
                "code": "INVALID",
                "message": "1 to 64 letters, digits, dots, dashes, underscores or plus signs.",
            }
        ],
    }
    assert {**await db_state(), "sip": await SipUser.all().values()} == before
