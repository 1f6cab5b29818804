"""Responses are encoded with orjson: the same compact JSON strawberry's encoder wrote, with
non-ASCII text as UTF-8 instead of `\\u` escapes."""

from __future__ import annotations

import json

import httpx

from app import SwitchboardGraphQL
from models import Account
from settings import Settings
from tests.client import global_id
from tests.factories import Principal, make_customer

QUERY = "{ customers(first: 5) { edges { node { id name balance tags } } } }"


async def test_a_page_is_compact_utf8_json(
    client: httpx.AsyncClient, account: Account, admin: Principal
) -> None:
    # Given a customer with a non-ASCII name and tag
    customer = await make_customer(account, name="Zoë Téléphonie ☎", tags=["café"])

    # When the page is read
    response = await client.post(
        "/graphql", json={"query": QUERY}, headers={"Authorization": f"Bearer {admin.token}"}
    )

    # Then the body is compact JSON, UTF-8 encoded, as the standard encoder would write it
    # without ASCII escapes
    node = {
        "id": global_id("Customer", customer.id),
        "name": "Zoë Téléphonie ☎",
        "balance": "0.00",
        "tags": ["café"],
    }
    expected = {"data": {"customers": {"edges": [{"node": node}]}}, "extensions": {"cost": 31}}
    assert response.headers["content-type"] == "application/json"
    assert response.content == json.dumps(expected, separators=(",", ":"), ensure_ascii=False).encode()


def test_the_encoder_writes_what_the_standard_one_does(settings: Settings) -> None:
    # Given the view, and a result holding every JSON type
    view = SwitchboardGraphQL(settings)
    data = {"data": {"a": [1, -2, 3.5, True, None, 'x"y\\z\n'], "b": {}}, "errors": [{"message": "m"}]}

    # When it is encoded
    encoded = view.encode_json(data)

    # Then the bytes are the standard encoder's, compact
    assert encoded == json.dumps(data, separators=(",", ":")).encode()


def test_an_integer_beyond_64_bits_falls_back_to_the_standard_encoder(settings: Settings) -> None:
    # Given a result with an integer orjson cannot write (a JSON scalar may carry one)
    view = SwitchboardGraphQL(settings)
    data = {"data": {"vars": {"big": 2**70}}}

    # When it is encoded
    encoded = view.encode_json(data)

    # Then it is written exactly, by the standard encoder
    assert encoded == b'{"data":{"vars":{"big":1180591620717411303424}}}'
