"""API key management: the secret once, no escalation, revocation at once."""

from __future__ import annotations

import httpx

from models import ApiKey, AuditEntry
from models.enums import Permission
from tests.client import gql, make_principal
from tests.factories import make_account, make_role

CREATE = """
mutation($input: ApiKeyCreateInput!) { apiKeyCreate(input: $input) {
  apiKey { id name permissions revokedAt } secret errors { field code } } }
"""
REVOKE = "mutation($id: ID!) { apiKeyRevoke(input: {id: $id}) { apiKey { name } errors { field code } } }"
CUSTOMERS = "{ customers { totalCount } }"


async def test_a_created_key_authenticates_until_it_is_revoked(client: httpx.AsyncClient) -> None:
    account = await make_account()
    admin = await make_principal(client, account)

    created = await gql(
        client, CREATE, {"input": {"name": "Billing", "permissions": ["CUSTOMERS_READ"]}}, admin.token
    )
    payload = created["data"]["apiKeyCreate"]
    secret = payload["secret"]
    before = await gql(client, CUSTOMERS, token=secret)
    await gql(client, REVOKE, {"id": payload["apiKey"]["id"]}, admin.token)
    after = await gql(client, CUSTOMERS, token=secret)

    assert payload["apiKey"] | {"id": None} == {
        "id": None,
        "name": "Billing",
        "permissions": ["CUSTOMERS_READ"],
        "revokedAt": None,
    }
    assert secret.startswith("sbk_")
    assert before["data"] == {"customers": {"totalCount": 0}}
    assert after["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    row = await ApiKey.get(account_id=account.id)
    assert secret not in str(await ApiKey.filter(account_id=account.id).values())
    assert secret not in str(await AuditEntry.filter(account_id=account.id).values())
    assert row.revoked_at is not None


async def test_a_key_cannot_hold_more_than_its_creator(client: httpx.AsyncClient) -> None:
    account = await make_account()
    await make_role(account, "Settings only", [Permission.SETTINGS_WRITE, Permission.SETTINGS_READ])
    limited = await make_principal(client, account, role_name="Settings only")

    body = await gql(
        client, CREATE, {"input": {"name": "Escalate", "permissions": ["CUSTOMERS_WRITE"]}}, limited.token
    )

    assert body["data"]["apiKeyCreate"] == {
        "apiKey": None,
        "secret": None,
        "errors": [{"field": ["input", "permissions"], "code": "PERMISSION_DENIED"}],
    }
    assert await ApiKey.filter(account_id=account.id).count() == 0


async def test_managing_keys_needs_settings_write(client: httpx.AsyncClient) -> None:
    account = await make_account()
    support = await make_principal(client, account, role_name="Support")

    body = await gql(client, CREATE, {"input": {"name": "Nope", "permissions": []}}, support.token)

    assert body["data"]["apiKeyCreate"]["errors"] == [{"field": None, "code": "PERMISSION_DENIED"}]
    assert await ApiKey.filter(account_id=account.id).count() == 0
