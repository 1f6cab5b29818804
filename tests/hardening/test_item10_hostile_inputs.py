"""Item 10: hostile inputs get a typed error and write nothing, on both engines.

Numbers beyond the id and extension columns, NUL bytes and lone surrogates in any text,
filter values longer than their column, huge searches, huge or deep filters, extreme decimals
and deeply nested TOML in customer vars.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Any

import httpx
import orjson
import pytest

from models import Account, ApiKey, Message, SipUser
from tests.client import global_id, gql, make_principal, refusal, refusals
from tests.factories import Principal, db_state, make_account, make_customer

LIST = """
query($where: CustomerWhere, $search: String, $first: Int, $after: String, $sortBy: [CustomerSort!]) {
  customers(where: $where, search: $search, first: $first, after: $after, sortBy: $sortBy) {
    totalCount edges { node { name } }
  }
}
"""
# The caps stated in services/listing.py and services/validation.py, written out so that this
# file also runs (and fails) against the code before them.
MAX_FILTER_DEPTH, MAX_FILTER_BRANCHES, MAX_SEARCH_LENGTH = 5, 50, 200
MAX_TOML_CHARS, MAX_TOML_DEPTH = 65_536, 16
BEYOND_64_BITS = "9" * 30
BEYOND_32_BITS = str(2**31)


def raw_id(type_name: str, node_id: str) -> str:
    return base64.b64encode(f"{type_name}:{node_id}".encode()).decode()


def big_cursor(values: list[Any]) -> str:
    # orjson refuses integers beyond 64 bits: write the JSON by hand
    text = (
        "["
        + ",".join(v if isinstance(v, str) and v.isdigit() else orjson.dumps(v).decode() for v in values)
        + "]"
    )
    return base64.urlsafe_b64encode(text.encode()).decode()


async def everything() -> dict[str, Any]:
    """Every row a refused request could have written."""
    return {
        **await db_state(),
        "sip_users": await SipUser.all().order_by("id").values(),
        "api_keys": await ApiKey.all().order_by("id").values(),
        "accounts": await Account.all().order_by("id").values(),
        "messages": await Message.all().order_by("id").values(),
    }


@dataclass
class World:
    account: Account
    admin: Principal
    customer_id: int


@pytest.fixture
async def world(client: httpx.AsyncClient) -> World:
    account = await make_account()
    admin = await make_principal(client, account)
    customer = await make_customer(account, name="Alpha", channels=3)
    return World(account, admin, customer.id)


@pytest.fixture
def admin(world: World) -> Principal:
    return world.admin


async def post_mutation(
    client: httpx.AsyncClient, admin: Principal, name: str, input: dict[str, Any]
) -> httpx.Response:
    """`name(input: $input)` as sent; the body is JSON with ASCII escapes, so it can carry a
    lone surrogate as a client may send it."""
    input_type = f"{name[0].upper()}{name[1:]}Input"
    query = (
        f"mutation($input: {input_type}!) {{ {name}(input: $input) {{ errors {{ field code message }} }} }}"
    )
    return await client.post(
        "/graphql",
        content=json.dumps({"query": query, "variables": {"input": input}}),
        headers={"Authorization": f"Bearer {admin.token}", "Content-Type": "application/json"},
    )


async def mutate(client: httpx.AsyncClient, admin: Principal, name: str, input: dict[str, Any]) -> Any:
    """The payload errors of `name(input: $input)`."""
    response = await post_mutation(client, admin, name, input)
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body
    return body["data"][name]["errors"]


def filled(value: Any, bad: str) -> Any:
    """`value` with every "{}" in its texts replaced by `bad`."""
    if isinstance(value, str):
        return value.replace("{}", bad)
    if isinstance(value, list):
        return [filled(item, bad) for item in value]
    if isinstance(value, dict):
        return {key: filled(item, bad) for key, item in value.items()}
    return value


# --- numbers beyond the columns --------------------------------------------------------------


@pytest.mark.parametrize("node_id", [BEYOND_64_BITS, BEYOND_32_BITS, "²", "0012"])
async def test_an_id_no_column_can_hold_is_not_found(
    client: httpx.AsyncClient, admin: Principal, node_id: str
) -> None:
    before = await everything()

    read = await gql(
        client,
        "query($id: ID!) { customer(id: $id) { name } }",
        {"id": raw_id("Customer", node_id)},
        admin.token,
    )
    update = await mutate(client, admin, "customerUpdate", {"id": raw_id("Customer", node_id), "notes": "x"})
    nodes = await gql(
        client,
        "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
        {"ids": [raw_id(t, node_id) for t in ("Customer", "AuditEntry", "Message", "SipUser", "User")]},
        admin.token,
    )
    listed = await gql(client, LIST, {"where": {"id": {"in": [raw_id("Customer", node_id)]}}}, admin.token)

    assert refusals(read) == [refusal("Customer not found.", "NOT_FOUND", "customer")]
    assert update == [{"field": ["input", "id"], "code": "NOT_FOUND", "message": "Customer not found."}]
    assert nodes == {"data": {"nodes": [None] * 5}, "extensions": nodes["extensions"]}
    assert listed["data"]["customers"] == {"totalCount": 0, "edges": []}
    assert await everything() == before


@pytest.mark.parametrize(
    "sort_by, values",
    [
        ([], [BEYOND_64_BITS]),
        ([], [str(2**31)]),
        ([{"field": "CHANNELS"}], [str(2**40), "1"]),
        ([{"field": "BALANCE"}], ["1e999999", "1"]),
        ([{"field": "NAME"}], ["a\u0000b", "1"]),
        ([{"field": "NAME"}], ["a" * 201, "1"]),
        ([{"field": "CREATED_AT"}], ["2026-01-01T00:00:00", "1"]),
        ([{"field": "CREATED_AT"}], ["0001-01-01T00:00:00+14:00", "1"]),
    ],
    ids=[
        "id>64bit",
        "id>32bit",
        "channels>32bit",
        "balance-1e999999",
        "name-nul",
        "name-too-long",
        "naive-time",
        "time-underflow",
    ],
)
async def test_a_cursor_value_no_column_can_hold_is_invalid(
    client: httpx.AsyncClient, admin: Principal, sort_by: list[dict[str, str]], values: list[str]
) -> None:
    body = await gql(client, LIST, {"first": 2, "after": big_cursor(values), "sortBy": sort_by}, admin.token)

    assert refusals(body) == [
        refusal(
            "This cursor is not valid for this list and sort order.",
            "BAD_USER_INPUT",
            "customers",
            argument=["after"],
        )
    ]
    assert body["data"] is None


async def test_a_numeric_sip_username_beyond_64_bits_is_invalid_and_nothing_is_written(
    client: httpx.AsyncClient, world: World
) -> None:
    before = await everything()

    errors = await mutate(
        client,
        world.admin,
        "sipUserCreate",
        {
            "customerId": global_id("Customer", world.customer_id),
            "username": "1" + "0" * 19,
            "password": "long-secret-1",
        },
    )

    assert errors == [
        {
            "field": ["input", "username"],
            "code": "INVALID",
            "message": "A numeric username is an extension, at most 9223372036854775807.",
        }
    ]
    assert await everything() == before


# --- text no engine may store or compare ------------------------------------------------------

NUL = "\u0000"
LONE_SURROGATE = "\ud800"


@pytest.mark.parametrize("bad", [NUL, LONE_SURROGATE], ids=["nul", "lone-surrogate"])
@pytest.mark.parametrize(
    "mutation, input, field",
    [
        ("customerCreate", {"name": "Bad{}", "currency": "EUR"}, ["name"]),
        ("customerCreate", {"name": "Fine", "currency": "EUR", "tags": ["ok", "b{}"]}, ["tags", "1"]),
        ("customerCreate", {"name": "Fine", "currency": "EUR", "vars": "a = '{}'"}, ["vars"]),
        (
            "customerCreate",
            {"name": "Fine", "currency": "EUR", "dialWindows": [{"start": "08:00", "end": "1{}"}]},
            ["dialWindows", "0", "end"],
        ),
        (
            "customerBulkCreate",
            {"rows": [{"name": "Fine", "currency": "EUR", "notes": "{}"}]},
            ["rows", "0", "notes"],
        ),
        ("accountSettingsUpdate", {"smtpHost": "mail{}.example"}, ["smtpHost"]),
        ("accountSettingsUpdate", {"smtpPassword": "secret{}"}, ["smtpPassword"]),
        ("apiKeyCreate", {"name": "billing{}", "permissions": []}, ["name"]),
        ("messageTest", {"channel": "EMAIL", "to": "a{}@example.com"}, ["to"]),
        ("customerUpdate", {"notes": "{}", "reason": "why"}, ["notes"]),
        ("sipUserCreate", {"username": "alice", "password": "long-secret{}"}, ["password"]),
        ("contactCreate", {"name": "Al", "email": "al@example.com", "privateNotes": "{}"}, ["privateNotes"]),
        (
            "contactCreate",
            {"name": "Al", "email": "al@example.com", "password": "amber-falcon{}"},
            ["password"],
        ),
    ],
    ids=[
        "customer-name",
        "tag",
        "vars",
        "dial-window",
        "bulk-row",
        "smtp-host",
        "smtp-password",
        "api-key-name",
        "message-to",
        "customer-notes",
        "sip-password",
        "contact-notes",
        "contact-password",
    ],
)
async def test_unstorable_text_in_any_mutation_input_is_invalid_and_nothing_is_written(
    client: httpx.AsyncClient,
    world: World,
    mutation: str,
    input: dict[str, Any],
    field: list[str],
    bad: str,
) -> None:
    customer_id = global_id("Customer", world.customer_id)
    references = {
        "customerUpdate": {"id": customer_id},
        "sipUserCreate": {"customerId": customer_id},
        "contactCreate": {"customerId": customer_id},
    }
    before = await everything()

    response = await post_mutation(
        client, world.admin, mutation, {**filled(input, bad), **references.get(mutation, {})}
    )

    if bad == NUL:
        errors = response.json()["data"][mutation]["errors"]
        message = "Text cannot contain NUL characters."
        assert errors == [{"field": ["input", *field], "code": "INVALID", "message": message}]
    else:
        # A lone surrogate is not text UTF-8 can carry: the body's JSON is refused as a whole.
        assert response.status_code == 400
        assert response.json() == {
            "errors": [
                {"message": "Unable to parse request body as JSON", "extensions": {"code": "BAD_REQUEST"}}
            ]
        }
    assert await everything() == before


@pytest.mark.parametrize(
    "variables, where",
    [
        ({"search": "Al\u0000pha"}, "search"),
        ({"where": {"name": {"eq": "Al\u0000pha"}}}, "where.name.eq"),
        (
            {
                "where": {
                    "OR": [{"name": {"contains": "x"}}, {"externalAccountingId": {"in": ["a", "\u0000"]}}]
                }
            },
            "where.OR.1.externalAccountingId.in.1",
        ),
        ({"where": {"tags": {"containsAny": ["\u0000"]}}}, "where.tags.containsAny.0"),
    ],
)
async def test_nul_in_a_search_or_filter_is_a_coded_error(
    client: httpx.AsyncClient, admin: Principal, variables: dict[str, Any], where: str
) -> None:
    body = await gql(client, LIST, variables, admin.token)

    assert refusals(body) == [
        refusal(
            f"{where}: Text cannot contain NUL characters.",
            "BAD_USER_INPUT",
            "customers",
            argument=where.split("."),
        )
    ]
    assert body["data"] is None


async def test_nul_in_the_audit_and_message_filters_is_a_coded_error(
    client: httpx.AsyncClient, admin: Principal
) -> None:
    audit = await gql(
        client,
        "query($w: AuditEntryWhere) { auditLog(where: $w) { totalCount } }",
        {"w": {"table": {"eq": "customer\u0000"}}},
        admin.token,
    )
    messages = await gql(
        client,
        "query($w: MessageWhere) { messages(where: $w) { totalCount } }",
        {"w": {"to": {"contains": "\u0000"}}},
        admin.token,
    )

    assert refusals(audit) == [
        refusal(
            "where.table.eq: Text cannot contain NUL characters.",
            "BAD_USER_INPUT",
            "auditLog",
            argument=["where", "table", "eq"],
        )
    ]
    assert refusals(messages) == [
        refusal(
            "where.to.contains: Text cannot contain NUL characters.",
            "BAD_USER_INPUT",
            "messages",
            argument=["where", "to", "contains"],
        )
    ]


# --- sizes and shapes -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "variables, message",
    [
        ({"where": {"name": {"eq": "a" * 201}}}, "A filter text on this field has at most 200 characters."),
        (
            {"where": {"currency": {"in": ["EUR", "EURO"]}}},
            "A filter text on this field has at most 3 characters.",
        ),
        (
            {"where": {"externalAccountingId": {"contains": "x" * 101}}},
            "A filter text on this field has at most 100 characters.",
        ),
        (
            {"where": {"tags": {"containsAll": ["t" * 101]}}},
            "A filter text on this field has at most 100 characters.",
        ),
        ({"where": {"currency": {"in": ["EUR"] * 101}}}, "A filter list has at most 100 values."),
        ({"search": "a" * 150_000}, f"A search has at most {MAX_SEARCH_LENGTH} characters."),
        ({"search": " ".join(["ab"] * 50_000)}, f"A search has at most {MAX_SEARCH_LENGTH} characters."),
        (
            {"where": {"OR": [{"name": {"eq": str(i)}} for i in range(5000)]}},
            "AND and OR take at most 50 filters each.",
        ),
        (
            {"where": {"AND": [{"name": {"eq": str(i)}} for i in range(51)]}},
            "AND and OR take at most 50 filters each.",
        ),
        (
            {"where": {"balance": {"gte": "1e999999"}}},
            "A filter decimal is between -1000000000000000 and 1000000000000000, exclusive.",
        ),
        (
            {"where": {"debitLimit": {"lt": "-1e999999"}}},
            "A filter decimal is between -1000000000000000 and 1000000000000000, exclusive.",
        ),
        ({"where": {"balance": {"gt": "1e-999999"}}}, "A filter decimal has at most 10 decimal places."),
    ],
    ids=[
        "name>200",
        "currency>3",
        "contains>100",
        "tag>100",
        "in>100-values",
        "search-150KB",
        "search-50000-terms",
        "OR-5000",
        "AND-51",
        "decimal-1e999999",
        "decimal--1e999999",
        "decimal-1e-999999",
    ],
)
async def test_oversized_filter_values_and_searches_are_invalid(
    client: httpx.AsyncClient, admin: Principal, variables: dict[str, Any], message: str
) -> None:
    body = await gql(client, LIST, variables, admin.token)

    argument = ["search" if "search" in variables else "where"]
    assert refusals(body) == [refusal(message, "BAD_USER_INPUT", "customers", argument=argument)]
    assert body["data"] is None


def nested_not(depth: int) -> dict[str, Any]:
    where: dict[str, Any] = {"name": {"eq": "nobody"}}
    for _ in range(depth - 1):
        where = {"NOT": where}
    return where


async def test_filters_nest_at_most_the_cap_deep(client: httpx.AsyncClient, admin: Principal) -> None:
    at_cap = await gql(client, LIST, {"where": nested_not(MAX_FILTER_DEPTH)}, admin.token)
    beyond = await gql(client, LIST, {"where": nested_not(30)}, admin.token)
    widest = await gql(
        client,
        LIST,
        {"where": {"OR": [{"name": {"eq": f"n{i}"}} for i in range(MAX_FILTER_BRANCHES)]}},
        admin.token,
    )

    # depth 5 is NOT NOT NOT NOT (name = nobody): an even count of NOTs, so nobody matches
    assert at_cap["data"]["customers"] == {"totalCount": 0, "edges": []}
    assert widest["data"]["customers"] == {"totalCount": 0, "edges": []}
    assert refusals(beyond) == [
        refusal("Filters nest at most 5 levels deep.", "BAD_USER_INPUT", "customers", argument=["where"])
    ]


async def test_a_bulk_update_with_a_too_deep_filter_is_refused_and_nothing_is_written(
    client: httpx.AsyncClient, admin: Principal
) -> None:
    before = await everything()

    errors = await mutate(
        client, admin, "customerBulkUpdate", {"where": nested_not(30), "changes": {"status": "INACTIVE"}}
    )

    assert errors == [
        {"field": ["input", "where"], "code": "INVALID", "message": "Filters nest at most 5 levels deep."}
    ]
    assert await everything() == before


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity"])
async def test_non_finite_decimal_filters_are_refused_before_execution(
    client: httpx.AsyncClient, admin: Principal, value: str
) -> None:
    body = await gql(client, LIST, {"where": {"balance": {"gte": value}}}, admin.token)

    assert [e["message"] for e in body["errors"]] == [
        "Variable '$where' has invalid value at .balance.gte: Expected value of type 'Decimal', "
        f"but encountered error 'Decimal values must be finite.'; found: '{value}'."
    ]
    assert "data" not in body or body["data"] is None


# --- TOML vars ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "vars, message",
    [
        ("a = " + "[" * 5000 + "]" * 5000, f"Arrays and inline tables nest at most {MAX_TOML_DEPTH} deep."),
        (
            "a = " + "{b = " * 3000 + "1" + "}" * 3000,
            f"Arrays and inline tables nest at most {MAX_TOML_DEPTH} deep.",
        ),
        ("a = " + "[" * 17 + "]" * 17, f"Arrays and inline tables nest at most {MAX_TOML_DEPTH} deep."),
        ("# " + "x" * MAX_TOML_CHARS, f"At most {MAX_TOML_CHARS} characters."),
    ],
    ids=["arrays-5000", "tables-3000", "arrays-17", "size"],
)
async def test_deep_or_huge_toml_vars_are_invalid_and_nothing_is_written(
    client: httpx.AsyncClient, admin: Principal, vars: str, message: str
) -> None:
    before = await everything()

    errors = await mutate(client, admin, "customerCreate", {"name": "Deep", "currency": "EUR", "vars": vars})

    assert errors == [{"field": ["input", "vars"], "code": "INVALID", "message": message}]
    assert await everything() == before


async def test_toml_at_the_depth_cap_and_brackets_in_strings_and_comments_are_accepted(
    client: httpx.AsyncClient, admin: Principal
) -> None:
    vars = (
        "a = "
        + "[" * MAX_TOML_DEPTH
        + "]" * MAX_TOML_DEPTH
        + "\n"
        + 's = "'
        + "[" * 40
        + '\\" {"\n'
        + "l = '"
        + "{" * 40
        + "'\n"
        + 'm = """\n'
        + "[" * 40
        + '\n"""\n'
        + "# "
        + "[" * 40
        + "\n"
        + "[table.sub]\nx = 1\n"
    )

    errors = await mutate(client, admin, "customerCreate", {"name": "Deep", "currency": "EUR", "vars": vars})

    assert errors == []
