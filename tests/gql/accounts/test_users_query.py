"""The staff directory over the API: `users(where, search, sortBy, first, after)` and the User
type (role, reseller, active, invitationPending, createdAt, lastLoginAt; never a hash)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from gql.schema import schema
from models import Account, Reseller, Role, User
from models.enums import Permission
from tests.client import global_id, gql, make_principal, refusal, refusals
from tests.conftest import SqlCounter
from tests.factories import Principal, make_account, make_api_key, make_reseller, make_role, make_user

USERS = """
query($where: UserWhere, $search: String, $sortBy: [UserSort!], $first: Int, $after: String) {
  users(where: $where, search: $search, sortBy: $sortBy, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { name } }
  }
}
"""
NESTED = """
query($first: Int) { users(first: $first, sortBy: [{field: EMAIL}]) { edges { node {
  id name email active invitationPending createdAt lastLoginAt role { id name permissions } reseller { id name }
} } } }
"""
# authenticate + the page + its roles + its resellers
STATEMENTS_PER_PAGE = 4


@dataclass
class Directory:
    account: Account
    admin: Principal
    reseller: Reseller
    partner: Principal


@pytest.fixture
async def directory(client: httpx.AsyncClient) -> Directory:
    account = await make_account()
    admin = await make_principal(client, account, email="zed.admin@example.com")
    await User.filter(id=admin.user.id).update(name="Zed Admin")
    reseller = await make_reseller(account, "Northwind")
    partner = await make_principal(
        client, account, role_name="Partner", reseller=reseller, email="pat@example.com"
    )
    await User.filter(id=partner.user.id).update(name="pat Partner")
    await make_user(account, name="Bea Support", email="bea@example.com", role_name="Support")
    gone = await make_user(account, name="Cy Gone", email="cy@example.com", role_name="Support")
    await User.filter(id=gone.id).update(is_active=False)
    await make_user(await make_account(), name="Other Account", email="other@example.com")
    return Directory(account, admin, reseller, partner)


async def names(client: httpx.AsyncClient, token: str, **variables: Any) -> list[str]:
    body = await gql(client, USERS, variables, token)
    assert "errors" not in body, body
    return [edge["node"]["name"] for edge in body["data"]["users"]["edges"]]


async def test_users_are_listed_by_name_ignoring_case(
    client: httpx.AsyncClient, directory: Directory
) -> None:
    assert await names(client, directory.admin.token) == [
        "Bea Support",
        "Cy Gone",
        "pat Partner",
        "Zed Admin",
    ]


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({"where": {"active": {"eq": True}}}, ["Bea Support", "pat Partner", "Zed Admin"]),
        ({"where": {"active": {"eq": False}}}, ["Cy Gone"]),
        ({"where": {"resellerId": {"isNull": True}}}, ["Bea Support", "Cy Gone", "Zed Admin"]),
        ({"search": "SUPPORT"}, ["Bea Support"]),
        ({"search": "example.com zed"}, ["Zed Admin"]),
        (
            {"sortBy": [{"field": "EMAIL", "direction": "DESC"}]},
            ["Zed Admin", "pat Partner", "Cy Gone", "Bea Support"],
        ),
        (
            {"where": {"OR": [{"name": {"contains": "bea"}}, {"email": {"eq": "cy@example.com"}}]}},
            ["Bea Support", "Cy Gone"],
        ),
        ({"where": {"NOT": {"active": {"eq": True}}}}, ["Cy Gone"]),
    ],
)
async def test_filters_search_and_sorting(
    client: httpx.AsyncClient, directory: Directory, variables: dict[str, Any], expected: list[str]
) -> None:
    assert await names(client, directory.admin.token, **variables) == expected


async def test_by_role_and_by_reseller(client: httpx.AsyncClient, directory: Directory) -> None:
    support = await Role.get(account_id=directory.account.id, name="Support")
    by_role = {"roleId": {"eq": global_id("Role", support.id)}}
    by_reseller = {"resellerId": {"in": [global_id("Reseller", directory.reseller.id)]}}

    assert await names(client, directory.admin.token, where=by_role) == ["Bea Support", "Cy Gone"]
    assert await names(client, directory.admin.token, where=by_reseller) == ["pat Partner"]


async def test_pages_follow_each_other(client: httpx.AsyncClient, directory: Directory) -> None:
    first = await gql(client, USERS, {"first": 3}, directory.admin.token)
    page = first["data"]["users"]
    rest = await gql(
        client, USERS, {"first": 3, "after": page["pageInfo"]["endCursor"]}, directory.admin.token
    )

    assert [e["node"]["name"] for e in page["edges"]] == ["Bea Support", "Cy Gone", "pat Partner"]
    assert page["pageInfo"]["hasNextPage"] is True and page["totalCount"] == 4
    assert [e["node"]["name"] for e in rest["data"]["users"]["edges"]] == ["Zed Admin"]
    assert rest["data"]["users"]["pageInfo"]["hasNextPage"] is False


async def test_a_partner_sees_its_resellers_users_only(
    client: httpx.AsyncClient, directory: Directory
) -> None:
    assert await names(client, directory.partner.token) == ["pat Partner"]


async def test_the_user_type(client: httpx.AsyncClient, directory: Directory) -> None:
    body = await gql(client, NESTED, {"first": 10}, directory.admin.token)

    partner = directory.partner.user
    partner_role = await Role.get(account_id=directory.account.id, name="Partner")
    [node] = [e["node"] for e in body["data"]["users"]["edges"] if e["node"]["email"] == "pat@example.com"]
    assert node.pop("createdAt").startswith(str(partner.created_at.year))
    assert node.pop("lastLoginAt") is not None  # logged in by the fixture
    assert node == {
        "id": global_id("User", partner.id),
        "name": "pat Partner",
        "email": "pat@example.com",
        "active": True,
        "invitationPending": False,
        "role": {
            "id": global_id("Role", partner_role.id),
            "name": "Partner",
            "permissions": [
                "CUSTOMERS_READ",
                "CUSTOMERS_WRITE",
                "CONTACTS_WRITE",
                "MESSAGING_SEND",
                "AUDIT_READ",
                "INVOICES_READ",
                "PAYMENTS_READ",
                "PAYMENTS_WRITE",
            ],
        },
        "reseller": {"id": global_id("Reseller", directory.reseller.id), "name": "Northwind"},
    }


async def test_no_field_carries_a_password_hash(client: httpx.AsyncClient, directory: Directory) -> None:
    user_type = schema.get_type_by_name("User")
    assert user_type is not None
    fields = {f.name for f in user_type.fields}  # type: ignore[union-attr]
    assert not any("password" in name.lower() or "hash" in name.lower() for name in fields)
    body = await gql(client, NESTED, {"first": 10}, directory.admin.token)
    hashes = await User.all().values_list("password_hash", flat=True)
    assert not any(str(h) in str(body) for h in hashes)


async def test_a_page_costs_the_same_statements_for_5_and_50_users(
    client: httpx.AsyncClient, sql_counter: SqlCounter
) -> None:
    # given: 60 users over 3 roles and 3 resellers
    account = await make_account()
    admin = await make_principal(client, account, email="a@example.com")
    resellers = [await make_reseller(account) for _ in range(3)]
    for n in range(59):
        role = ["Administrator", "Support", "Partner"][n % 3]
        await make_user(
            account,
            email=f"u{n:02d}@example.com",
            role_name=role,
            reseller=resellers[n % 3] if n % 2 else None,
        )

    # when
    counts = []
    for first in (5, 50):
        sql_counter.reset()
        body = await gql(client, NESTED, {"first": first}, admin.token)
        assert "errors" not in body, body
        assert len(body["data"]["users"]["edges"]) == first
        assert all(edge["node"]["role"] is not None for edge in body["data"]["users"]["edges"])
        counts.append(sql_counter.count)

    # then
    assert counts == [STATEMENTS_PER_PAGE, STATEMENTS_PER_PAGE], sql_counter.statements


# --- who may list users ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("principal", "expected"),
    [
        ("anonymous", "UNAUTHENTICATED"),
        ("staff_without_customers_read", "PERMISSION_DENIED"),
        ("api_key_without_customers_read", "PERMISSION_DENIED"),
        ("api_key_with_customers_read", ["Bea Support", "Cy Gone", "pat Partner", "Zed Admin"]),
        ("administrator", ["Bea Support", "Cy Gone", "pat Partner", "Zed Admin"]),
        ("partner", ["pat Partner"]),
    ],
)
async def test_who_may_list_users(
    client: httpx.AsyncClient, directory: Directory, principal: str, expected: list[str] | str
) -> None:
    await make_role(directory.account, "Billing", [Permission.BILLING_WRITE, Permission.USERS_WRITE])
    token = {
        "anonymous": None,
        "administrator": directory.admin.token,
        "partner": directory.partner.token,
    }.get(principal)
    if principal == "staff_without_customers_read":
        token = (await make_principal(client, directory.account, role_name="Billing")).token
    elif principal.startswith("api_key"):
        perms = (
            [Permission.CUSTOMERS_READ]
            if principal.endswith("with_customers_read")
            else [Permission.USERS_WRITE]
        )
        token = await make_api_key(directory.account, "key", perms)

    body = await gql(client, USERS, {}, token)

    if isinstance(expected, str):
        message = (
            "Authentication required."
            if expected == "UNAUTHENTICATED"
            else "You do not have permission to do this."
        )
        assert (body["data"], refusals(body)) == (None, [refusal(message, expected, "users")])
    else:
        assert [edge["node"]["name"] for edge in body["data"]["users"]["edges"]] == expected


async def test_anyone_reads_its_own_role_through_the_viewer(client: httpx.AsyncClient) -> None:
    account = await make_account()
    await make_role(account, "Clerk", [Permission.BILLING_WRITE])
    clerk = await make_principal(client, account, role_name="Clerk")

    body = await gql(
        client,
        "{ viewer { user { active role { name permissions } reseller { name } } } }",
        token=clerk.token,
    )

    assert body == {
        "data": {
            "viewer": {
                "user": {
                    "active": True,
                    "role": {"name": "Clerk", "permissions": ["BILLING_WRITE"]},
                    "reseller": None,
                }
            }
        },
        "extensions": body["extensions"],
    }
