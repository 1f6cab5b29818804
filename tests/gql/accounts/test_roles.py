"""Roles and permissions over GraphQL: the catalogue, the roles list and its statement count,
typed errors of roleCreate / roleUpdate / roleDelete, and node()/nodes() answering like `roles`."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from models import Account, Role
from models.enums import Permission
from services.permissions import CATALOGUE
from tests.client import global_id, gql, make_principal, refusal, refusals
from tests.conftest import SqlCounter
from tests.factories import Principal, db_state, make_account, make_reseller, make_role, make_user

ERRORS = "errors { field message code counts { name count } }"
ROLE = "id name permissions builtIn userCount"
CREATE = (
    f"mutation($input: RoleCreateInput!) {{ roleCreate(input: $input) {{ role {{ {ROLE} }} {ERRORS} }} }}"
)
UPDATE = (
    f"mutation($input: RoleUpdateInput!) {{ roleUpdate(input: $input) {{ role {{ {ROLE} }} {ERRORS} }} }}"
)
DELETE = f"mutation($input: RoleDeleteInput!) {{ roleDelete(input: $input) {{ deletedId {ERRORS} }} }}"
ROLES = f"{{ roles {{ {ROLE} }} }}"


def error(code: str, message: str, *field: str, counts: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "field": ["input", *field] if field else None,
        "message": message,
        "code": code,
        "counts": counts or [],
    }


async def mutate(client: httpx.AsyncClient, token: str, query: str, **input: Any) -> dict[str, Any]:
    """The payload of a mutation, which must have left nothing changed when it has errors."""
    before = await db_state()
    body = await gql(client, query, {"input": input}, token)
    assert "errors" not in body, body
    payload: dict[str, Any] = next(iter(body["data"].values()))
    if payload["errors"]:
        assert await db_state() == before
    return payload


def role_node(role: Role, user_count: int) -> dict[str, Any]:
    return {
        "id": global_id("Role", role.id),
        "name": role.name,
        "permissions": [Permission(p).name for p in role.permissions],
        "builtIn": role.built_in,
        "userCount": user_count,
    }


async def test_permissions_lists_every_permission_with_its_description(
    client: httpx.AsyncClient, admin: Principal
) -> None:
    body = await gql(client, "{ permissions { code name value description } }", token=admin.token)

    assert body["data"] == {
        "permissions": [
            {
                "code": p.name,
                "name": CATALOGUE[p].label,
                "value": p.value,
                "description": CATALOGUE[p].description,
            }
            for p in Permission
        ]
    }


async def test_permissions_needs_a_principal_and_nothing_more(
    client: httpx.AsyncClient, account: Account, api_key: Any
) -> None:
    anonymous = await gql(client, "{ permissions { code } }")
    bare_key = await gql(client, "{ permissions { code } }", token=await api_key([]))

    assert (anonymous["data"], refusals(anonymous)) == (
        None,
        [refusal("Authentication required.", "UNAUTHENTICATED", "permissions")],
    )
    assert len(bare_key["data"]["permissions"]) == len(Permission)


async def seed_roles(account: Account, count: int) -> None:
    for n in range(count):
        await make_role(account, f"Team {n:02d}", [Permission.CUSTOMERS_READ])
        await make_user(account, role_name=f"Team {n:02d}")


async def test_roles_list_built_ins_first_with_user_counts_in_constant_statements(
    client: httpx.AsyncClient, account: Account, admin: Principal, sql_counter: SqlCounter
) -> None:
    # given: 3 custom roles, then 30 more
    await seed_roles(account, 3)
    sql_counter.reset()
    small = await gql(client, ROLES, token=admin.token)
    small_count = sql_counter.count
    other = await make_account()
    await seed_roles(other, 30)
    many = await make_principal(client, other)

    # when
    sql_counter.reset()
    large = await gql(client, ROLES, token=many.token)

    # then: session, roles, one GROUP BY for every count
    assert small_count == sql_counter.count == 3, sql_counter.statements
    rows = {r.name: r for r in await Role.filter(account_id=account.id)}
    assert small["data"] == {
        "roles": [
            role_node(rows["Administrator"], 1),
            role_node(rows["Partner"], 0),
            role_node(rows["Support"], 0),
            *[role_node(rows[f"Team {n:02d}"], 1) for n in range(3)],
        ]
    }
    assert len(large["data"]["roles"]) == 33


async def test_a_partner_sees_the_roles_of_its_resellers_users(
    client: httpx.AsyncClient, account: Account, partner: Principal
) -> None:
    await make_user(account, role_name="Support")

    body = await gql(client, "{ roles { name userCount } }", token=partner.token)

    assert body["data"] == {"roles": [{"name": "Partner", "userCount": 1}]}


# --- mutations -----------------------------------------------------------------------------


async def test_a_role_created_without_permissions_holds_none(
    client: httpx.AsyncClient, admin: Principal
) -> None:
    omitted = await mutate(client, admin.token, CREATE, name="Nobody")
    null = await mutate(client, admin.token, CREATE, name="Nothing", permissions=None)

    assert omitted["role"]["permissions"] == null["role"]["permissions"] == []


async def test_create_update_and_delete_a_role(client: httpx.AsyncClient, admin: Principal) -> None:
    created = await mutate(
        client,
        admin.token,
        CREATE,
        name="Billing",
        permissions=["BILLING_WRITE", "CUSTOMERS_READ"],
        reason="team",
    )
    role_id = created["role"]["id"]
    updated = await mutate(client, admin.token, UPDATE, id=role_id, permissions=["CUSTOMERS_READ"])
    renamed = await mutate(client, admin.token, UPDATE, id=role_id, name="Billing team")
    deleted = await mutate(client, admin.token, DELETE, id=role_id)

    expected = {"id": role_id, "name": "Billing", "builtIn": False, "userCount": 0}
    assert created == {"role": {**expected, "permissions": ["CUSTOMERS_READ", "BILLING_WRITE"]}, "errors": []}
    assert updated == {"role": {**expected, "permissions": ["CUSTOMERS_READ"]}, "errors": []}
    assert renamed["role"]["name"] == "Billing team"
    assert deleted == {"deletedId": role_id, "errors": []}
    assert not await Role.exists(name__startswith="Billing")


@pytest.mark.parametrize(
    ("input", "errors"),
    [
        ({"name": "  "}, [error("REQUIRED", "This field is required.", "name")]),
        ({"name": "Administrator"}, [error("DUPLICATE", "A role with this name exists.", "name")]),
        ({"name": "x" * 101}, [error("INVALID", "At most 100 characters.", "name")]),
        ({"name": "Nul\u0000"}, [error("INVALID", "Text cannot contain NUL characters.", "name")]),
    ],
)
async def test_create_refuses_bad_input_with_typed_errors(
    client: httpx.AsyncClient, admin: Principal, input: dict[str, Any], errors: list[dict[str, Any]]
) -> None:
    assert await mutate(client, admin.token, CREATE, **input) == {"role": None, "errors": errors}


async def test_granting_a_permission_one_lacks_names_it_at_its_path(
    client: httpx.AsyncClient, account: Account
) -> None:
    await make_role(account, "Managers", [Permission.USERS_WRITE, Permission.CUSTOMERS_READ])
    manager = await make_principal(client, account, role_name="Managers")

    payload = await mutate(
        client, manager.token, CREATE, name="Escalate", permissions=["CUSTOMERS_READ", "SETTINGS_WRITE"]
    )

    assert payload == {
        "role": None,
        "errors": [
            error(
                "PERMISSION_DENIED",
                "You cannot grant settings:write: you do not hold it.",
                "permissions",
                "1",
            )
        ],
    }


async def test_update_refusals(client: httpx.AsyncClient, account: Account) -> None:
    # given: a manager whose own role is Managers, a role holding more than it, the built-ins
    await make_role(account, "Managers", [Permission.USERS_WRITE, Permission.CUSTOMERS_READ])
    manager = await make_principal(client, account, role_name="Managers")
    billing = await make_role(account, "Billing", [Permission.BILLING_WRITE])
    support = await Role.get(account_id=account.id, name="Support")
    own = global_id("Role", manager.user.role_id)

    # when
    built_in = await mutate(client, manager.token, UPDATE, id=global_id("Role", support.id), name="Helpdesk")
    stronger = await mutate(client, manager.token, UPDATE, id=global_id("Role", billing.id), permissions=[])
    lockout = await mutate(client, manager.token, UPDATE, id=own, permissions=["CUSTOMERS_READ"])
    missing = await mutate(client, manager.token, UPDATE, id=global_id("Role", 987_654), name="Ops")
    wrong_type = await mutate(client, manager.token, UPDATE, id=global_id("Reseller", support.id), name="Ops")
    null_name = await mutate(client, manager.token, UPDATE, id=own, name=None)
    null_permissions = await mutate(client, manager.token, UPDATE, id=own, permissions=None)

    # then
    message = "Support is a built-in role: it cannot be changed or deleted. Create a role instead."
    assert built_in["errors"] == [error("BUILT_IN_ROLE", message, "id")]
    assert stronger["errors"] == [
        error("PERMISSION_DENIED", "This role holds permissions you do not: billing:write.", "id")
    ]
    assert lockout["errors"] == [
        error(
            "SELF_LOCKOUT",
            "You cannot remove users:write from your own role: you could not give it back.",
            "permissions",
        )
    ]
    assert missing["errors"] == wrong_type["errors"] == [error("NOT_FOUND", "Role not found.", "id")]
    assert null_name["errors"] == [error("REQUIRED", "This field cannot be null.", "name")]
    assert null_permissions["errors"] == [error("REQUIRED", "This field cannot be null.", "permissions")]


async def test_a_role_in_use_is_not_deleted_and_the_error_counts_its_users(
    client: httpx.AsyncClient, account: Account, admin: Principal
) -> None:
    role = await make_role(account, "Ops", [])
    for _ in range(2):
        await make_user(account, role_name="Ops")

    payload = await mutate(client, admin.token, DELETE, id=global_id("Role", role.id))

    assert payload == {
        "deletedId": None,
        "errors": [
            error(
                "ROLE_IN_USE",
                "2 users hold this role; give them another role first.",
                "id",
                counts=[{"name": "users", "count": 2}],
            )
        ],
    }


# --- node / nodes ------------------------------------------------------------------------


NODES = "query($ids: [ID!]!) { nodes(ids: $ids) { ... on Role { id name userCount } } }"


async def test_nodes_answer_like_the_roles_field(client: httpx.AsyncClient, account: Account) -> None:
    # given: principals that see all roles, some, or none
    other_role = await make_role(await make_account(), "Elsewhere", [])
    reseller = await make_reseller(account)
    principals = {
        "admin": await make_principal(client, account),
        "partner": await make_principal(client, account, role_name="Partner", reseller=reseller),
        "no_customers_read": await make_principal(
            client, account, role_name=(await make_role(account, "Clerks", [Permission.USERS_WRITE])).name
        ),
    }
    ids = [global_id("Role", r.id) for r in await Role.filter(account_id=account.id).order_by("id")]
    ids += [global_id("Role", other_role.id), global_id("Role", 987_654)]

    for name, principal in principals.items():
        # when
        listed = await gql(client, "{ roles { id name userCount } }", token=principal.token)
        nodes = await gql(client, NODES, {"ids": ids}, principal.token)
        node = await gql(client, "query($id: ID!) { node(id: $id) { id } }", {"id": ids[0]}, principal.token)

        # then
        if name == "no_customers_read":
            denied = "You do not have permission to do this."
            assert refusals(listed) == [refusal(denied, "PERMISSION_DENIED", "roles")]
            assert refusals(node) == [refusal(denied, "PERMISSION_DENIED", "node")]
            assert {e["extensions"]["code"] for e in refusals(nodes)} == {"PERMISSION_DENIED"}
            continue
        by_id = {item["id"]: item for item in listed["data"]["roles"]}
        assert nodes["data"] == {"nodes": [by_id.get(i) for i in ids]}, name
        assert node["data"] == {"node": {"id": ids[0]} if ids[0] in by_id else None}, name


async def test_concurrent_creations_of_one_name_in_any_case_end_with_one_success(
    client: httpx.AsyncClient, account: Account, admin: Principal
) -> None:
    spellings = ["Ops", "OPS", "ops", "oPs"]

    payloads = await asyncio.gather(
        *(gql(client, CREATE, {"input": {"name": spellings[i % 4]}}, admin.token) for i in range(20))
    )

    codes = [tuple(e["code"] for e in p["data"]["roleCreate"]["errors"]) for p in payloads]
    assert (codes.count(()), codes.count(("DUPLICATE",))) == (1, 19)
    assert await Role.filter(account_id=account.id, built_in=False).count() == 1


async def test_a_built_in_role_holds_what_the_product_defines_not_what_was_stored(
    client: httpx.AsyncClient, account: Account, admin: Principal
) -> None:
    # given: the Administrator role as stored before a permission was added to the product
    await Role.filter(account_id=account.id, name="Administrator").update(permissions=["customers:read"])

    # when
    body = await gql(client, "{ roles { name permissions } viewer { permissions } }", token=admin.token)

    # then
    everything = [p.name for p in Permission]
    assert body["data"]["roles"][0] == {"name": "Administrator", "permissions": everything}
    assert sorted(body["data"]["viewer"]["permissions"]) == sorted(everything)
