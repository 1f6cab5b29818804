"""Each operation is declared with the permission it needs (gql/declare.py); the service is what
enforces it. Held together here for every declared query and mutation: a principal holding every
permission but the declared one is refused with PERMISSION_DENIED and nothing changes, and one
holding only the declared permission is never refused for lack of a permission."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from gql.declare import declared_alternatives, declared_permission
from gql.schema import schema
from models import Account
from models.enums import Permission
from tests.client import global_id, gql, make_principal
from tests.factories import db_state, make_account, make_role

MISSING = 987_654
CUSTOMER, SIP_USER = global_id("Customer", MISSING), global_id("SipUser", MISSING)
USER, ROLE, RESELLER = global_id("User", MISSING), global_id("Role", MISSING), global_id("Reseller", MISSING)
CONTACT = global_id("Contact", MISSING)
IP_AUTH = global_id("IpAuth", MISSING)
ROOM = global_id("ConferenceRoom", MISSING)
CLI = global_id("Cli", MISSING)
INVOICE, TEMPLATE = global_id("Invoice", MISSING), global_id("InvoiceTemplate", MISSING)
PAYMENT = global_id("Payment", MISSING)
SCHEDULED = global_id("ScheduledChange", MISSING)
BULK = "errors { code } results { errors { code } }"

DOCUMENTS: dict[str, str] = {
    # queries
    "customers": "{ customers { totalCount } }",
    "customer": f'{{ customer(id: "{CUSTOMER}") {{ id }} }}',
    "accountSettings": "{ accountSettings { requireAuditReason } }",
    "messages": "{ messages { totalCount } }",
    "broadcasts": "{ broadcasts { totalCount } }",
    "message": f'{{ message(id: "{global_id("Message", MISSING)}") {{ id }} }}',
    "apiKeys": "{ apiKeys { id } }",
    "auditLog": "{ auditLog { totalCount } }",
    "users": "{ users { totalCount edges { node { id role { name } reseller { name } } } } }",
    "portalDomains": "{ portalDomains }",
    "roles": "{ roles { id userCount } }",
    "resellers": "{ resellers { totalCount edges { node { customerCount userCount } } } }",
    "contacts": "{ contacts { totalCount } }",
    "customerAuthLookup": '{ customerAuthLookup(ip: "192.0.2.1", techPrefix: "1") { customerName } }',
    "customerAuthLookupBySipUser": '{ customerAuthLookupBySipUser(username: "alice") { customerName } }',
    "summaries": (
        f'{{ summaries(where: {{customerId: {{in: ["{CUSTOMER}"]}}}}, period: LAST_24_HOURS) {{ currency }} }}'
    ),
    "dialingEligibilities": f'{{ dialingEligibilities(customerIds: ["{CUSTOMER}"]) {{ allowed }} }}',
    "payments": "{ payments { totalCount } }",
    "exchangeRates": "{ exchangeRates { id } }",
    # mutations
    "customerCreate": 'mutation { customerCreate(input: {name: "Newco", currency: "EUR"}) { errors { code } } }',
    "customerUpdate": f'mutation {{ customerUpdate(input: {{id: "{CUSTOMER}", notes: "x"}}) {{ errors {{ code }} }} }}',
    "customerDelete": f'mutation {{ customerDelete(input: {{id: "{CUSTOMER}"}}) {{ errors {{ code }} }} }}',
    "customerBulkUpdate": (
        f'mutation {{ customerBulkUpdate(input: {{ids: ["{CUSTOMER}"], changes: {{channels: {{set: 1}}}}}}) {{ {BULK} }} }}'
    ),
    "customerBulkCreate": (
        f'mutation {{ customerBulkCreate(input: {{rows: [{{name: "Newco", currency: "EUR"}}]}}) {{ {BULK} }} }}'
    ),
    "customerBulkDelete": f'mutation {{ customerBulkDelete(input: {{ids: ["{CUSTOMER}"]}}) {{ {BULK} }} }}',
    "accountSettingsUpdate": "mutation { accountSettingsUpdate(input: {requireAuditReason: false}) { errors { code } } }",
    "messageTest": 'mutation { messageTest(input: {channel: EMAIL, to: "ops@example.com"}) { errors { code } } }',
    "customerMessageSend": f'mutation {{ customerMessageSend(input: {{ids: ["{CUSTOMER}"], channel: EMAIL, '
    'subject: "Hi", body: "Hello"}) { errors { code } } }',
    "apiKeyCreate": 'mutation { apiKeyCreate(input: {name: "Billing", permissions: []}) { errors { code } } }',
    "apiKeyRevoke": f'mutation {{ apiKeyRevoke(input: {{id: "{global_id("ApiKey", MISSING)}"}}) {{ errors {{ code }} }} }}',
    "numberBlockAssign": f'mutation {{ numberBlockAssign(input: {{customerId: "{CUSTOMER}"}}) {{ errors {{ code }} }} }}',
    "numberBlockRelease": (
        f'mutation {{ numberBlockRelease(input: {{id: "{global_id("NumberBlock", MISSING)}"}}) {{ errors {{ code }} }} }}'
    ),
    "sipUserCreate": (
        f'mutation {{ sipUserCreate(input: {{customerId: "{CUSTOMER}", username: "alice", password: "long-secret-1"}}) '
        "{ errors { code } } }"
    ),
    "sipUserUpdate": f'mutation {{ sipUserUpdate(input: {{id: "{SIP_USER}", channels: 2}}) {{ errors {{ code }} }} }}',
    "sipUserDelete": f'mutation {{ sipUserDelete(input: {{id: "{SIP_USER}"}}) {{ errors {{ code }} }} }}',
    "ipAuthCreate": (
        f'mutation {{ ipAuthCreate(input: {{customerId: "{CUSTOMER}", address: "192.0.2.1"}}) {{ errors {{ code }} }} }}'
    ),
    "ipAuthUpdate": f'mutation {{ ipAuthUpdate(input: {{id: "{IP_AUTH}", channels: 2}}) {{ errors {{ code }} }} }}',
    "ipAuthDelete": f'mutation {{ ipAuthDelete(input: {{id: "{IP_AUTH}"}}) {{ errors {{ code }} }} }}',
    "scheduledChanges": "{ scheduledChanges { totalCount } }",
    "scheduledChangeCancel": (
        f'mutation {{ scheduledChangeCancel(input: {{id: "{SCHEDULED}"}}) {{ errors {{ code }} }} }}'
    ),
    "scheduledChangeReschedule": (
        f'mutation {{ scheduledChangeReschedule(input: {{id: "{SCHEDULED}", effectiveAt: "2027-01-01T00:00:00Z"}}) '
        "{ errors { code } } }"
    ),
    "customerPenalize": (
        f'mutation {{ customerPenalize(input: {{customerId: "{CUSTOMER}", until: "2027-01-01T00:00:00Z", '
        'reason: "x"}) { errors { code } } }'
    ),
    "customerPenaltyLift": (
        f'mutation {{ customerPenaltyLift(input: {{customerId: "{CUSTOMER}"}}) {{ errors {{ code }} }} }}'
    ),
    "conferenceRoomCreate": (
        f'mutation {{ conferenceRoomCreate(input: {{customerId: "{CUSTOMER}", extension: "500"}}) {{ errors {{ code }} }} }}'
    ),
    "conferenceRoomUpdate": f'mutation {{ conferenceRoomUpdate(input: {{id: "{ROOM}", recording: true}}) {{ errors {{ code }} }} }}',
    "conferenceRoomDelete": f'mutation {{ conferenceRoomDelete(input: {{id: "{ROOM}"}}) {{ errors {{ code }} }} }}',
    "cliAdd": f'mutation {{ cliAdd(input: {{customerId: "{CUSTOMER}", number: "+447911123456"}}) {{ errors {{ code }} }} }}',
    "cliUpdate": f'mutation {{ cliUpdate(input: {{id: "{CLI}", attestation: B}}) {{ errors {{ code }} }} }}',
    "cliDelete": f'mutation {{ cliDelete(input: {{cliId: "{CLI}"}}) {{ errors {{ code }} }} }}',
    "cliApprove": f'mutation {{ cliApprove(input: {{cliId: "{CLI}"}}) {{ errors {{ code }} }} }}',
    "cliVerificationCall": f'mutation {{ cliVerificationCall(input: {{cliId: "{CLI}"}}) {{ errors {{ code }} }} }}',
    "cliVerify": f'mutation {{ cliVerify(input: {{cliId: "{CLI}", code: "000000"}}) {{ errors {{ code }} }} }}',
    "roleCreate": 'mutation { roleCreate(input: {name: "Ops", permissions: []}) { errors { code } } }',
    "roleUpdate": f'mutation {{ roleUpdate(input: {{id: "{ROLE}", name: "Ops"}}) {{ errors {{ code }} }} }}',
    "roleDelete": f'mutation {{ roleDelete(input: {{id: "{ROLE}"}}) {{ errors {{ code }} }} }}',
    "resellerCreate": 'mutation { resellerCreate(input: {name: "Northwind"}) { errors { code } } }',
    "resellerUpdate": f'mutation {{ resellerUpdate(input: {{id: "{RESELLER}", name: "Ops"}}) {{ errors {{ code }} }} }}',
    "resellerDelete": f'mutation {{ resellerDelete(input: {{id: "{RESELLER}"}}) {{ errors {{ code }} }} }}',
    "userInvite": (
        f'mutation {{ userInvite(input: {{email: "new@example.com", name: "New", roleId: "{ROLE}"}}) '
        "{ errors { code } } }"
    ),
    "userUpdate": f'mutation {{ userUpdate(input: {{id: "{USER}", name: "Renamed"}}) {{ errors {{ code }} }} }}',
    "userDeactivate": f'mutation {{ userDeactivate(input: {{id: "{USER}"}}) {{ errors {{ code }} }} }}',
    "contactCreate": (
        f'mutation {{ contactCreate(input: {{customerId: "{CUSTOMER}", name: "Al", email: "al@example.com"}}) '
        "{ errors { code } } }"
    ),
    "contactUpdate": f'mutation {{ contactUpdate(input: {{id: "{CONTACT}", name: "Al"}}) {{ errors {{ code }} }} }}',
    "contactDelete": f'mutation {{ contactDelete(input: {{id: "{CONTACT}"}}) {{ errors {{ code }} }} }}',
    "contactPasswordReset": (
        f'mutation {{ contactPasswordReset(input: {{contactId: "{CONTACT}", mode: GENERATE}}) {{ errors {{ code }} }} }}'
    ),
    "contactResetPassword": (
        f'mutation {{ contactResetPassword(input: {{contactId: "{CONTACT}", mode: GENERATE}}) {{ errors {{ code }} }} }}'
    ),
    "contactVerificationSend": (
        f'mutation {{ contactVerificationSend(input: {{contactId: "{CONTACT}", channel: EMAIL}}) {{ errors {{ code }} }} }}'
    ),
    "contactVerify": (
        f'mutation {{ contactVerify(input: {{contactId: "{CONTACT}", channel: SMS, code: "000000"}}) {{ errors {{ code }} }} }}'
    ),
    "paymentCreate": (
        f'mutation {{ paymentCreate(input: {{customerId: "{CUSTOMER}", amount: "10", currency: "EUR", '
        "method: MANUAL}) { errors { code } } }"
    ),
    "paymentComplete": f'mutation {{ paymentComplete(input: {{id: "{PAYMENT}"}}) {{ errors {{ code }} }} }}',
    "paymentCancel": f'mutation {{ paymentCancel(input: {{id: "{PAYMENT}", reason: "x"}}) {{ errors {{ code }} }} }}',
    "paymentAllocate": (
        f'mutation {{ paymentAllocate(input: {{paymentId: "{PAYMENT}"}}) {{ errors {{ code }} }} }}'
    ),
    "exchangeRateSet": 'mutation { exchangeRateSet(input: {from: "USD", to: "EUR", rate: "0.9"}) { errors { code } } }',
    "summariesRefresh": "mutation { summariesRefresh(input: {}) { errors { code } } }",
    "invoices": "{ invoices { totalCount } }",
    "invoiceTemplates": "{ invoiceTemplates { id } }",
    "invoicesGenerate": (
        f'mutation {{ invoicesGenerate(input: {{customerId: "{CUSTOMER}", periods: [{{period: DAILY, '
        'start: "2026-01-01T00:00:00Z"}]}) { errors { code } } }'
    ),
    "invoicesAutoGenerate": (
        f'mutation {{ invoicesAutoGenerate(input: {{customerId: "{CUSTOMER}"}}) {{ errors {{ code }} }} }}'
    ),
    "invoiceIssue": f'mutation {{ invoiceIssue(input: {{id: "{INVOICE}"}}) {{ errors {{ code }} }} }}',
    "invoiceVoid": f'mutation {{ invoiceVoid(input: {{id: "{INVOICE}", reason: "x"}}) {{ errors {{ code }} }} }}',
    "invoiceTemplateCreate": (
        'mutation { invoiceTemplateCreate(input: {name: "T", body: "<p>{{ invoice.number }}</p>"}) { errors { code } } }'
    ),
    "invoiceTemplateUpdate": (
        f'mutation {{ invoiceTemplateUpdate(input: {{id: "{TEMPLATE}", name: "U"}}) {{ errors {{ code }} }} }}'
    ),
    "invoiceTemplateDelete": f'mutation {{ invoiceTemplateDelete(input: {{id: "{TEMPLATE}"}}) {{ errors {{ code }} }} }}',
    "invoiceTemplatePreview": 'mutation { invoiceTemplatePreview(input: {body: "<p></p>"}) { html errors { code } } }',
    "cdrExportCreate": (
        f'mutation {{ cdrExportCreate(input: {{customerId: "{CUSTOMER}", period: LAST_24_HOURS}}) {{ errors {{ code }} }} }}'
    ),
    "summaryExportCreate": (
        f'mutation {{ summaryExportCreate(input: {{customerId: "{CUSTOMER}", period: LAST_24_HOURS}}) '
        "{ errors { code } } }"
    ),
    "contactPortalLogin": (
        f'mutation {{ contactPortalLogin(input: {{contactId: "{CONTACT}", reason: "Ticket 7"}}) {{ errors {{ code }} }} }}'
    ),
}
# The operations that need no permission: each is open to any principal (or to nobody at all).
OPEN_DOCUMENTS: dict[str, str] = {
    "viewer": "{ viewer { kind } }",
    "currencies": "{ currencies { code } }",
    "countries": "{ countries { code } }",
    "timeZones": "{ timeZones { name } }",
    "permissions": "{ permissions { code } }",
    # {me}: the principal's own user, which every principal may read
    "node": '{ node(id: "{me}") { id } }',
    "nodes": '{ nodes(ids: ["{me}"]) { id } }',
    "login": 'mutation { login(input: {email: "nobody@example.com", password: "wrong-password"}) { errors { code } } }',
    "contactLogin": (
        'mutation { contactLogin(input: {email: "nobody@example.com", password: "wrong-password"}) { errors { code } } }'
    ),
    "tokenRefresh": 'mutation { tokenRefresh(input: {refreshToken: "bogus"}) { errors { code } } }',
    "passwordResetRequest": 'mutation { passwordResetRequest(input: {email: "nobody@example.com"}) { errors { code } } }',
    "passwordResetComplete": (
        'mutation { passwordResetComplete(input: {token: "bogus", newPassword: "a long new secret"}) '
        "{ errors { code } } }"
    ),
    "viewerPasswordChange": (
        'mutation { viewerPasswordChange(input: {currentPassword: "wrong-password", newPassword: "a long new secret"}) '
        "{ errors { code } } }"
    ),
    "logout": "mutation { logout { errors { code } } }",
}


def alternatives(operation: str) -> tuple[Permission, ...]:
    """The permissions an operation also accepts instead of its declared one."""
    field = schema.get_field_for_type(operation, "Query") or schema.get_field_for_type(operation, "Mutation")
    return declared_alternatives(field) if field is not None else ()


def declared() -> dict[str, Permission]:
    """Every query and mutation of the schema that declares a permission, by GraphQL name."""
    found: dict[str, Permission] = {}
    for type_name in ("Query", "Mutation"):
        definition = schema.get_type_by_name(type_name)
        assert definition is not None
        for field in definition.fields:  # type: ignore[union-attr]
            needs = declared_permission(field)
            if needs is not None:
                found[schema.config.name_converter.get_graphql_name(field)] = needs
    return found


def test_every_declared_operation_is_checked_here() -> None:
    assert set(DOCUMENTS) == set(declared())


def test_every_other_operation_is_listed_as_open() -> None:
    operations = set()
    for type_name in ("Query", "Mutation"):
        definition = schema.get_type_by_name(type_name)
        assert definition is not None
        operations |= {schema.config.name_converter.get_graphql_name(f) for f in definition.fields}  # type: ignore[union-attr]
    assert operations - set(DOCUMENTS) == set(OPEN_DOCUMENTS)


@pytest.mark.parametrize("operation", sorted(OPEN_DOCUMENTS))
async def test_an_open_operation_needs_no_permission(client: httpx.AsyncClient, operation: str) -> None:
    # given: a user whose role holds no permission at all
    account = await make_account()
    await make_role(account, "Nothing", [])
    principal = await make_principal(client, account, role_name="Nothing")
    document = OPEN_DOCUMENTS[operation].replace("{me}", global_id("User", principal.user.id))

    # when
    body = await gql(client, document, token=principal.token)

    # then
    assert "PERMISSION_DENIED" not in _codes(body), body
    assert "errors" not in body, body


def _codes(body: dict[str, Any]) -> list[str]:
    """Every error code in the answer: GraphQL errors and payload errors at any depth."""
    text = json.dumps(body)
    return [part.split('"')[0] for part in text.split('"code": "')[1:]]


async def _principal(client: httpx.AsyncClient, account: Account, permissions: list[Permission]) -> str:
    role = f"Role {len(permissions)} {permissions[0].value if len(permissions) == 1 else ''}"  # distinct per test
    await make_role(account, role, permissions)
    return (await make_principal(client, account, role_name=role)).token


@pytest.mark.parametrize(("operation", "needs"), sorted(declared().items()))
async def test_the_service_enforces_the_declared_permission(
    client: httpx.AsyncClient, operation: str, needs: Permission
) -> None:
    # given
    account = await make_account()
    accepted = (needs, *alternatives(operation))
    without = await _principal(client, account, [p for p in Permission if p not in accepted])
    before = await db_state()

    # when
    refused = await gql(client, DOCUMENTS[operation], token=without)
    after_refusal = await db_state()

    # then
    assert "PERMISSION_DENIED" in _codes(refused), refused
    assert after_refusal == before
    for permission in accepted:  # each accepted permission suffices alone
        only = await _principal(client, account, [permission])
        allowed = await gql(client, DOCUMENTS[operation], token=only)
        assert "PERMISSION_DENIED" not in _codes(allowed), (permission, allowed)


def test_the_description_names_the_permission() -> None:
    for type_name in ("Query", "Mutation"):
        definition = schema.get_type_by_name(type_name)
        assert definition is not None
        for field in definition.fields:  # type: ignore[union-attr]
            needs = declared_permission(field)
            if needs is not None:
                assert field.description is not None
                named = " or ".join(p.value for p in (needs, *declared_alternatives(field)))
                assert field.description.endswith(f" Needs {named}."), field.name
