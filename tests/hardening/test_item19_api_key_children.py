"""Item 19 (API keys): keys cannot mint keys. A key with settings:write that could create keys
could leave children behind that outlive its own revocation; only users (and the system) can."""

from __future__ import annotations

import httpx

from models import ApiKey, AuditEntry
from models.enums import Permission
from tests.client import gql, make_principal
from tests.factories import make_account, make_api_key

CREATE = """
mutation($input: ApiKeyCreateInput!) { apiKeyCreate(input: $input) {
  apiKey { name permissions } secret errors { field message code } } }
"""
CHILD = {"input": {"name": "Child", "permissions": ["CUSTOMERS_READ"]}}


async def test_an_api_key_cannot_create_api_keys(client: httpx.AsyncClient) -> None:
    # given
    account = await make_account()
    parent = await make_api_key(
        account,
        "Settings sync",
        [Permission.SETTINGS_WRITE, Permission.SETTINGS_READ, Permission.CUSTOMERS_READ],
    )
    keys_before = await ApiKey.all().values_list("name", flat=True)
    audit_before = await AuditEntry.all().count()

    # when
    body = await gql(client, CREATE, CHILD, token=parent)

    # then
    assert body["data"]["apiKeyCreate"] == {
        "apiKey": None,
        "secret": None,
        "errors": [
            {"field": None, "message": "Only a user can create API keys.", "code": "PERMISSION_DENIED"}
        ],
    }
    assert await ApiKey.all().values_list("name", flat=True) == keys_before == ["Settings sync"]
    assert await AuditEntry.all().count() == audit_before


async def test_a_user_still_creates_api_keys(client: httpx.AsyncClient) -> None:
    # given
    admin = await make_principal(client, await make_account())

    # when
    body = await gql(client, CREATE, CHILD, token=admin.token)

    # then
    payload = body["data"]["apiKeyCreate"]
    assert (payload["apiKey"], payload["errors"]) == (
        {"name": "Child", "permissions": ["CUSTOMERS_READ"]},
        [],
    )
    assert payload["secret"].startswith("sbk_")
