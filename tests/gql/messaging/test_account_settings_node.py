"""AccountSettings is a Node: a stable id per account, and node(id) answers it like
accountSettings does, so a normalized client cache updates it after accountSettingsUpdate."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from models import Account
from models.enums import Permission
from tests.client import global_id
from tests.conftest import GqlClient
from tests.factories import Principal, make_account

Client = Callable[[Principal | str | None], GqlClient]
FIELDS = "id requireAuditReason portalDomains"


async def test_the_id_is_the_same_on_every_path(
    account: Account, admin: Principal, gql_client: Client
) -> None:
    as_admin = gql_client(admin)
    settings_id = global_id("AccountSettings", account.id)

    read = await as_admin(f"{{ accountSettings {{ {FIELDS} }} }}")
    updated = await as_admin(
        f"mutation {{ accountSettingsUpdate(input: {{requireAuditReason: true}}) "
        f"{{ accountSettings {{ {FIELDS} }} errors {{ code }} }} }}"
    )
    node = await as_admin(
        f'{{ node(id: "{settings_id}") {{ __typename ... on AccountSettings {{ {FIELDS} }} }} }}'
    )

    assert read["data"]["accountSettings"] == {
        "id": settings_id,
        "requireAuditReason": False,
        "portalDomains": [],
    }
    assert updated["data"]["accountSettingsUpdate"]["accountSettings"] == {
        "id": settings_id,
        "requireAuditReason": True,
        "portalDomains": [],
    }
    assert node["data"]["node"] == {
        "__typename": "AccountSettings",
        "id": settings_id,
        "requireAuditReason": True,
        "portalDomains": [],
    }


async def test_another_accounts_settings_are_null_like_a_missing_id(
    admin: Principal, gql_client: Client
) -> None:
    other = await make_account()
    ids = [global_id("AccountSettings", other.id), global_id("AccountSettings", 987_654)]

    body = await gql_client(admin)("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", ids=ids)

    assert body["data"] == {"nodes": [None, None]}


async def test_node_needs_the_permission_to_read_settings(
    account: Account, api_key: Callable[[list[Permission]], Awaitable[str]], gql_client: Client
) -> None:
    key = await api_key([Permission.CUSTOMERS_READ])

    body = await gql_client(key)(f'{{ node(id: "{global_id("AccountSettings", account.id)}") {{ id }} }}')

    assert body["data"] == {"node": None}
    assert [(e["path"], e["extensions"]["code"]) for e in body["errors"]] == [(["node"], "PERMISSION_DENIED")]
