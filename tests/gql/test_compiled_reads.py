"""The compiled read path (gql/compiled) against the general path: the same request answered by
both executors must give byte-identical response bodies, on every engine. The documents are every
customers/contacts query of the test suite plus documents generated from the schema (hypothesis):
random selections of Customer and Contact fields, aliases, fragments, arguments, principals."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import httpx
import pytest
from graphql import FieldNode, OperationDefinitionNode, OperationType, parse
from graphql.error import GraphQLSyntaxError
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from gql.compiled.extension import HEADER
from models import Account, Customer
from models.enums import Permission
from tests.client import contact_login, global_id, make_principal
from tests.conftest import SqlCounter
from tests.factories import PASSWORD, make_api_key, make_contact, make_customer, make_reseller, make_user

TESTS = Path(__file__).resolve().parents[1]
COMPILED_ROOTS = {"customers", "contacts"}


@dataclass
class World:
    tokens: dict[str, str]  # principal kind -> bearer token
    customer_ids: list[int]
    reseller_id: int
    manager_id: int


async def _world(client: httpx.AsyncClient, account: Account) -> World:
    """Customers in currencies of 0, 2 and 3 minor digits, money on rounding ties, unicode
    names, nulls, tags, relations and contacts; one principal of each kind."""
    reseller = await make_reseller(account, "Réseau Ω")
    manager = await make_user(account, name="Zoë Ünal")
    admin = await make_principal(client, account)
    support = await make_principal(client, account, role_name="Support")
    partner = await make_principal(client, account, role_name="Partner", reseller=reseller)
    key = await make_api_key(account, "Reader", [Permission.CUSTOMERS_READ])
    rows = [
        ("Acme 東京 ☎", "EUR", "1.0050", "2.6750", ["vip", "ünï"], True, True),
        ("Bäckerei Müller", "JPY", "2.5000", "-3.5000", [], False, True),
        ("Zeta", "BHD", "0.0005", "1.2345", ["x"], True, False),
        ("alpha", "OMR", "-0.0005", "0.1235", [], False, False),
        ("Ωmega", "USD", "-1.0050", "0", ["b", "a"], True, True),
        ("Emoji 🚀", "KWD", "12.3455", "100.0000", ["🚀"], False, True),
    ]
    ids = []
    for name, currency, balance, debit, tags, with_reseller, with_manager in rows:
        customer = await make_customer(
            account,
            name=name,
            currency=currency,
            tags=tags,
            reseller_id=reseller.id if with_reseller else None,
            account_manager_id=manager.id if with_manager else None,
        )
        # amounts past the currency's digits (as a charge leaves them): the read rounds them
        await Customer.filter(id=customer.id).update(balance=Decimal(balance), debit_limit=Decimal(debit))
        ids.append(customer.id)
    first = await Customer.get(id=ids[0])
    await make_contact(first, name="Ann Ñ", phone=None, password=PASSWORD, email="ann@acme.example")
    await make_contact(first, name="Bob", mobile="+14155550123")
    await make_contact(await Customer.get(id=ids[2]), name="Çelik")
    portal = (await contact_login(client, "ann@acme.example", PASSWORD))["accessToken"]
    tokens = {
        "admin": admin.token,
        "support": support.token,
        "partner": partner.token,
        "api_key": key,
        "portal": portal,
    }
    return World(tokens, ids, reseller.id, manager.id)


@pytest.fixture
async def world(client: httpx.AsyncClient, account: Account) -> World:
    return await _world(client, account)


async def both(
    client: httpx.AsyncClient, token: str, query: str, variables: dict[str, Any] | None = None
) -> tuple[bytes, str]:
    """The body both executors answer (asserted equal) and which executor the default chose."""
    payload = {"query": query, "variables": variables or {}}
    auth = {"Authorization": f"Bearer {token}"}
    general = await client.post("/graphql", json=payload, headers={**auth, HEADER: "general"})
    chosen = await client.post("/graphql", json=payload, headers=auth)
    assert general.headers[HEADER] == "general"
    assert chosen.content == general.content, (query, variables, chosen.content, general.content)
    return chosen.content, chosen.headers[HEADER]


# --- 1. the test suite's own documents -----------------------------------------------------------


@lru_cache(maxsize=1)
def suite_documents() -> tuple[str, ...]:
    """Every query in the tests' string literals whose root fields include customers or contacts."""
    found: set[str] = set()
    for path in sorted(TESTS.rglob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and "{" in node.value:
                text = node.value
                if ("customers" in text or "contacts" in text) and _is_list_query(text):
                    found.add(text)
    return tuple(sorted(found))


def _is_list_query(text: str) -> bool:
    try:
        document = parse(text)
    except GraphQLSyntaxError:
        return False
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode) and definition.operation is OperationType.QUERY:
            names = {s.name.value for s in definition.selection_set.selections if isinstance(s, FieldNode)}
            if names & COMPILED_ROOTS:
                return True
    return False


def _variables(text: str, world: World) -> dict[str, Any]:
    """Values for a document's variables, by type (ids point at the world's rows)."""
    values: dict[str, Any] = {}
    by_type = {
        "Int": 2,
        "String": "a",
        "Boolean": True,
        "ID": global_id("Customer", world.customer_ids[0]),
    }
    for definition in parse(text).definitions:
        for variable in getattr(definition, "variable_definitions", None) or ():
            type_name = variable.type
            while hasattr(type_name, "type"):
                type_name = type_name.type
            named = type_name.name.value
            if named in by_type:
                values[variable.variable.name.value] = by_type[named]
    return values


async def test_the_suite_has_customers_and_contacts_documents() -> None:
    assert len(suite_documents()) >= 10


async def test_every_suite_document_answers_alike_for_every_principal(
    client: httpx.AsyncClient, world: World
) -> None:
    served: dict[str, int] = {"compiled": 0, "general": 0}
    others = ("support", "partner", "portal", "api_key")
    for index, document in enumerate(suite_documents()):
        variables = _variables(document, world)
        # the administrator and, in turn, one other principal (the suite's documents are many)
        for principal in ("admin", others[index % len(others)]):
            _, executor = await both(client, world.tokens[principal], document, variables)
            served[executor] += 1
    assert served["compiled"] > 10, served


# --- 2. named cases ------------------------------------------------------------------------------

PAGE = """
query Page($first: Int, $after: String) {
  customers(first: $first, after: $after, sortBy: [{field: BALANCE, direction: DESC}]) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { __typename id name currency balance debitLimit minimumPayment taxPercent
      dailySpendLimit status createdAt updatedAt channelsInUse channelsInUseAt tags portalHiddenSections
      dialWindows { start end days } reseller { id name createdAt } accountManager { id name email active lastLoginAt } } }
  }
}
"""


async def test_the_customers_page_is_compiled_and_identical(client: httpx.AsyncClient, world: World) -> None:
    body, executor = await both(client, world.tokens["admin"], PAGE, {"first": 4})
    assert executor == "compiled"
    assert b'"1.00"' in body  # EUR 1.0050: half-even, to 1.00 (PostgreSQL's round gives 1.01)
    assert b'"2.68"' in body  # EUR 2.6750: half-even, to 2.68
    assert "Acme 東京 ☎".encode() in body


async def test_rounding_ties_are_half_even_in_every_currency(client: httpx.AsyncClient, world: World) -> None:
    query = "{ customers(first: 10, sortBy: [{field: NAME}]) { nodes: edges { node { name currency balance debitLimit } } } }"
    body, executor = await both(client, world.tokens["admin"], query)
    assert executor == "compiled"
    for expected in (b'"balance":"1.00"', b'"balance":"2"', b'"balance":"0.000"', b'"balance":"-0.000"'):
        assert expected in body, body
    assert b'"debitLimit":"-4"' in body and b'"debitLimit":"0.124"' in body


async def test_fragments_aliases_and_typename(client: httpx.AsyncClient, world: World) -> None:
    query = """
    fragment C on Customer { name n2: name ... on Node { id } }
    query { a: customers(first: 2) { edges { node { ...C __typename, tags } } __typename }
            b: contacts(first: 5, sortBy: [{field: EMAIL, direction: DESC}]) { totalCount edges { cursor node { ... on Contact { email phone } id } } } }
    """
    _, executor = await both(client, world.tokens["admin"], query)
    assert executor == "compiled"


async def test_nested_contacts_are_compiled(client: httpx.AsyncClient, world: World) -> None:
    query = "{ customers(first: 5) { edges { node { name contacts(first: 1) { totalCount pageInfo { hasNextPage endCursor } edges { node { name email mobile contactType } } } } } } }"
    _, executor = await both(client, world.tokens["admin"], query)
    assert executor == "compiled"


@pytest.mark.parametrize(
    "query",
    [
        "{ customers { edges { node { name spentToday } } } }",
        "query($s: Boolean!) { customers { edges { node { name @include(if: $s) } } } }",
        "{ customers { edges { node { accountManager { role { name } } } } } }",
        '{ customer(id: "Q3VzdG9tZXI6MQ==") { name } }',
        "{ contacts { edges { node { customer { name } } } } }",
    ],
)
async def test_what_is_not_covered_runs_on_the_general_path(
    client: httpx.AsyncClient, world: World, query: str
) -> None:
    _, executor = await both(client, world.tokens["admin"], query, {"s": True} if "$s" in query else None)
    assert executor == "general"


async def test_refusals_and_bad_input_answer_alike(client: httpx.AsyncClient, world: World) -> None:
    cases: list[tuple[str, dict[str, Any]]] = [
        ("query($a: String) { customers(after: $a) { totalCount } }", {"a": "not-a-cursor"}),
        ("query($f: Int) { customers(first: $f) { totalCount } }", {"f": 1000}),
        ("query($f: Int) { customers(first: $f) { totalCount } }", {"f": "x"}),
        ('{ customers(search: "a\\u0000b") { totalCount } }', {}),
        ("{ customers(first: 2) { edges { node { privateNotes: notes } } } }", {}),
        ("{ contacts(first: 2) { edges { node { privateNotes } } } }", {}),
    ]
    for query, variables in cases:
        for token in world.tokens.values():
            await both(client, token, query, variables)


async def test_a_portal_contact_reads_compiled_only_what_the_portal_shows(
    client: httpx.AsyncClient, world: World
) -> None:
    token = world.tokens["portal"]
    _, shown = await both(client, token, "{ customers { edges { node { id name balance } } } }")
    _, hidden = await both(client, token, "{ contacts { edges { node { privateNotes } } } }")
    assert (shown, hidden) == ("compiled", "general")


# --- 3. generated documents ----------------------------------------------------------------------

CUSTOMER_LEAVES = [
    "id",
    "name",
    "status",
    "channels",
    "flowSpeed",
    "debitLimit",
    "minimumPayment",
    "topupCurrencies",
    "taxPercent",
    "currency",
    "paypalEmail",
    "website",
    "pAssertedId",
    "portalAccess",
    "portalHiddenSections",
    "portalManageContacts",
    "vars",
    "invoiceSchedule",
    "createInvoiceOnPayment",
    "invoiceDueDays",
    "invoiceTemplate",
    "externalAccountingId",
    "rtpFirewall",
    "recordingRetentionDays",
    "portalDomain",
    "dailySpendLimit",
    "stirShakenAttestation",
    "addressLine1",
    "city",
    "country",
    "approvedCliOnly",
    "notes",
    "timezone",
    "balance",
    "channelsInUse",
    "createdAt",
    "updatedAt",
    "tags",
    "__typename",
    "dialWindows { start end days }",
    "reseller { id name }",
    "accountManager { id name email }",
]
CONTACT_LEAVES = [
    "id",
    "name",
    "email",
    "phone",
    "mobile",
    "contactType",
    "publicNotes",
    "privateNotes",
    "emailVerified",
    "mobileVerified",
    "ipAllow",
    "hasLogin",
    "passwordChangedAt",
    "lastLoginAt",
    "createdAt",
    "updatedAt",
    "__typename",
]
CONNECTION_PARTS = [
    "totalCount",
    "pageInfo { hasNextPage hasPreviousPage startCursor endCursor }",
    "__typename",
]
ALIASES = st.sampled_from(["", "a_", "b_"])


def _aliased(prefix: str, leaf: str) -> str:
    """`leaf`, or `<prefix><name>: leaf` (one alias per name: the keys never conflict)."""
    name = leaf.split(" ")[0]
    if not prefix or name.startswith("__"):
        return leaf
    return f"{prefix}{name}: {leaf}"


@st.composite
def selections(draw: st.DrawFn, leaves: list[str], nested_contacts: bool) -> str:
    picked = draw(st.lists(st.sampled_from(leaves), min_size=1, max_size=8))
    parts = [_aliased(draw(ALIASES), leaf) for leaf in picked]
    if nested_contacts and draw(st.booleans()):
        first = draw(st.integers(0, 3))
        parts.append(f"contacts(first: {first}) {{ {draw(connections(CONTACT_LEAVES, False))} }}")
    if draw(st.booleans()):
        inner = " ".join(draw(st.lists(st.sampled_from(leaves[:10]), min_size=1, max_size=3)))
        fragment = "...FCustomer" if leaves is CUSTOMER_LEAVES else "...FContact"
        parts.append(draw(st.sampled_from(["... on Node { id }", f"... {{ {inner} }}", fragment])))
    return " ".join(draw(st.permutations(parts)))


@st.composite
def connections(draw: st.DrawFn, leaves: list[str], nested: bool) -> str:
    parts = draw(st.lists(st.sampled_from(CONNECTION_PARTS), max_size=2, unique=True))
    node = draw(selections(leaves, nested))
    parts.append(f"edges {{ {draw(st.sampled_from(['cursor ', '']))}node {{ {node} }} }}")
    return " ".join(draw(st.permutations(parts)))


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    root = draw(st.sampled_from(["customers", "contacts"]))
    customers = root == "customers"
    body = draw(connections(CUSTOMER_LEAVES if customers else CONTACT_LEAVES, customers))
    sort_fields = (
        ["NAME", "BALANCE", "CREATED_AT", "STATUS", "CHANNELS"]
        if customers
        else ["NAME", "EMAIL", "CREATED_AT", "CUSTOMER_NAME"]
    )
    arguments: dict[str, Any] = {}
    if draw(st.booleans()):
        arguments["first"] = draw(st.integers(0, 5))
    elif draw(st.booleans()):
        arguments["last"] = draw(st.integers(1, 5))
    if draw(st.booleans()):
        arguments["sortBy"] = [
            {"field": draw(st.sampled_from(sort_fields)), "direction": draw(st.sampled_from(["ASC", "DESC"]))}
        ]
    if draw(st.booleans()):
        arguments["search"] = draw(st.sampled_from(["a", "Ω", "東京", "vip", "zz", " "]))
    if customers and draw(st.booleans()):
        arguments["where"] = draw(
            st.sampled_from(
                [
                    {"currency": {"eq": "EUR"}},
                    {"balance": {"gt": "0"}},
                    {"tags": {"containsAny": ["vip", "x"]}},
                    {"OR": [{"name": {"contains": "a"}}, {"status": {"eq": "ACTIVE"}}]},
                    {"NOT": {"debitLimit": {"lte": "0"}}},
                ]
            )
        )
    fragments = {
        "FCustomer": "fragment FCustomer on Customer { name currency reseller { name } }",
        "FContact": "fragment FContact on Contact { name email ... on Node { id } }",
    }
    fragment = " ".join(text for name, text in fragments.items() if f"...{name}" in body)
    where_type = "CustomerWhere" if customers else "ContactWhere"
    sort_type = "CustomerSort" if customers else "ContactSort"
    document = (
        f"query Q($first: Int, $last: Int, $sortBy: [{sort_type}!], $search: String, $where: {where_type}) "
        f"{{ {draw(st.sampled_from(['', 'list: ']))}{root}(first: $first, last: $last, sortBy: $sortBy, search: $search, where: $where) "
        f"{{ {body} }} }} {fragment}"
    )
    return document, arguments


@given(case=documents(), principal=st.sampled_from(["admin", "support", "partner", "api_key", "portal"]))
@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
async def test_generated_documents_answer_alike(
    client: httpx.AsyncClient, world: World, case: tuple[str, dict[str, Any]], principal: str
) -> None:
    document, variables = case
    body, executor = await both(client, world.tokens[principal], document, variables)
    # every generated document is covered: staff answers without errors come from the compiled path
    if principal != "portal" and b'"errors"' not in body:
        assert executor == "compiled", (document, variables)


ROWS_PAGE = """
{ customers(first: 50, sortBy: [{field: NAME, direction: ASC}]) { totalCount edges { cursor
  node { __typename id name status currency balance debitLimit dailySpendLimit taxPercent channels
    channelsInUse portalHiddenSections createdAt tags reseller { id name createdAt }
    accountManager { id name email active invitationPending lastLoginAt } } }
  pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }
"""


@pytest.mark.parametrize("principal", ["admin", "partner"])
async def test_a_customers_page_of_columns_is_one_statement_plus_its_count(
    client: httpx.AsyncClient, world: World, sql_counter: SqlCounter, principal: str
) -> None:
    """Plain rows: the page with its reseller, account manager and tags in one statement, the
    total in a second, whatever the page size; no per-relation read."""
    await both(client, world.tokens[principal], ROWS_PAGE)  # plans and statements built
    sql_counter.reset()
    auth = {"Authorization": f"Bearer {world.tokens[principal]}"}
    response = await client.post("/graphql", json={"query": ROWS_PAGE}, headers=auth)
    assert response.headers[HEADER] == "compiled"
    reads = [s for s in sql_counter.statements if '"customer"' in s or '"customer_tag"' in s]
    assert len(reads) == 2, reads
    assert sum('"customer_tag"' in s for s in reads) == 1
    assert any("COUNT(" in s.upper() for s in reads)
