"""The caller-id verification call end to end on the in-process runner: voice provider settings
through accountSettingsUpdate, cliAdd, cliVerificationCall, the call posted in Twilio form (Calls
resource, Basic auth, the code in the TwiML) to a real HTTP server on loopback, and cliVerify with
the code heard. Retries on a 5xx; a private address refused when private outbound is off."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from models import Account, Cli, Message
from models.enums import CliStatus, MessageStatus
from services.messaging import outbox
from settings import Settings
from tests.client import global_id, gql, make_principal
from tests.factories import Principal, make_account, make_customer
from tests.workers.conftest import SmsProvider
from workers.inprocess import InProcessRunner

NUMBER = "+447911123456"
SETTINGS_UPDATE = """
mutation($input: AccountSettingsUpdateInput!) {
  accountSettingsUpdate(input: $input) {
    accountSettings { voiceApiBaseUrl voiceAccountSid voiceAuthToken voiceAuthTokenSet voiceFrom }
    errors { field code message }
  }
}
"""
CLI_FIELDS = "cli { id number status attestation approvedByLabel } errors { field code message }"
ADD = f"mutation($input: CliAddInput!) {{ cliAdd(input: $input) {{ {CLI_FIELDS} }} }}"
CALL = f"mutation($input: CliInput!) {{ cliVerificationCall(input: $input) {{ {CLI_FIELDS} }} }}"
VERIFY = f"mutation($input: CliVerifyInput!) {{ cliVerify(input: $input) {{ {CLI_FIELDS} }} }}"
TWIML = re.compile(r"<Response><Say>Your verification code is ((?:\d ){5}\d)</Say></Response>")


async def configured(client: httpx.AsyncClient, sink: SmsProvider) -> tuple[Account, Principal, str]:
    """An account whose voice provider is the sink, set through the API; a customer's new CLI."""
    account = await make_account("Acme Carrier")
    admin = await make_principal(client, account)
    body = await gql(
        client,
        SETTINGS_UPDATE,
        {
            "input": {
                "voiceApiBaseUrl": sink.base_url,
                "voiceAccountSid": "AC9",
                "voiceAuthToken": "voice-token",
                "voiceFrom": "+1 415 555 0100",
            }
        },
        admin.token,
    )
    assert body["data"]["accountSettingsUpdate"] == {
        "accountSettings": {
            "voiceApiBaseUrl": sink.base_url,
            "voiceAccountSid": "AC9",
            "voiceAuthToken": None,
            "voiceAuthTokenSet": True,
            "voiceFrom": "+14155550100",
        },
        "errors": [],
    }
    customer = await make_customer(account)
    added = await gql(
        client,
        ADD,
        {"input": {"customerId": global_id("Customer", customer.id), "number": NUMBER}},
        admin.token,
    )
    return account, admin, added["data"]["cliAdd"]["cli"]["id"]


def heard_code(sink: SmsProvider) -> str:
    found = TWIML.fullmatch(sink.requests[-1].form["Twiml"])
    assert found is not None, sink.requests[-1].form
    return found.group(1).replace(" ", "")


async def test_the_call_reaches_the_provider_in_twilio_form_and_its_code_approves_the_cli(
    client: httpx.AsyncClient, runner: InProcessRunner, sms_provider: SmsProvider
) -> None:
    account, admin, cli_id = await configured(client, sms_provider)

    called = await gql(client, CALL, {"input": {"cliId": cli_id}}, admin.token)
    await runner.join()

    assert called["data"]["cliVerificationCall"]["errors"] == []
    [request] = sms_provider.requests
    assert (request.path, request.username, request.password) == (
        "/2010-04-01/Accounts/AC9/Calls.json",
        "AC9",
        "voice-token",
    )
    assert sorted(request.form) == ["From", "To", "Twiml"]
    assert (request.form["To"], request.form["From"]) == (NUMBER, "+14155550100")
    code = heard_code(sms_provider)
    message = await Message.get(account_id=account.id)
    assert (message.status, message.attempts, message.provider_reference) == (
        MessageStatus.SENT,
        1,
        f"SM{1:032d}",
    )
    assert code not in message.body_text and message.sealed_body is None

    verified = await gql(client, VERIFY, {"input": {"cliId": cli_id, "code": code}}, admin.token)

    assert verified["data"]["cliVerify"] == {
        "cli": {
            "id": cli_id,
            "number": NUMBER,
            "status": "APPROVED",
            "attestation": None,
            "approvedByLabel": admin.user.name,
        },
        "errors": [],
    }


async def test_a_5xx_from_the_provider_is_retried_and_the_code_still_works(
    client: httpx.AsyncClient, runner: InProcessRunner, settings: Settings, sms_provider: SmsProvider
) -> None:
    account, admin, cli_id = await configured(client, sms_provider)
    sms_provider.reply = (503, {"message": "try later"})

    await gql(client, CALL, {"input": {"cliId": cli_id}}, admin.token)
    await runner.join()
    first = await Message.get(account_id=account.id)
    sms_provider.reply = None
    await outbox.redrive(settings)
    await runner.join()

    assert (first.status, first.attempts, first.last_error) == (
        MessageStatus.QUEUED,
        1,
        "Voice provider answered HTTP 503",
    )
    final = await Message.get(account_id=account.id)
    assert (final.status, final.attempts, final.last_error) == (MessageStatus.SENT, 2, None)
    assert len(sms_provider.requests) == 2
    assert sms_provider.requests[0].form == sms_provider.requests[1].form
    body = await gql(
        client, VERIFY, {"input": {"cliId": cli_id, "code": heard_code(sms_provider)}}, admin.token
    )
    assert body["data"]["cliVerify"]["cli"]["status"] == "APPROVED"


@pytest.fixture
def no_private_outbound(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """The production default, for this test only (the suite allows loopback)."""
    monkeypatch.setattr(settings, "allow_private_outbound", False)
    return settings


async def test_a_private_provider_address_is_refused_when_saved_and_when_calling(
    client: httpx.AsyncClient,
    runner: InProcessRunner,
    sms_provider: SmsProvider,
    no_private_outbound: Settings,
) -> None:
    account = await make_account()
    admin = await make_principal(client, account)
    refused = await gql(
        client, SETTINGS_UPDATE, {"input": {"voiceApiBaseUrl": sms_provider.base_url}}, admin.token
    )
    # stored before the operator turned private outbound off
    await Account.filter(id=account.id).update(
        voice_api_base_url=sms_provider.base_url, voice_account_sid="AC9", voice_auth_token="t"
    )
    customer = await make_customer(account)
    added = await gql(
        client,
        ADD,
        {"input": {"customerId": global_id("Customer", customer.id), "number": NUMBER}},
        admin.token,
    )

    await gql(client, CALL, {"input": {"cliId": added["data"]["cliAdd"]["cli"]["id"]}}, admin.token)
    await runner.join()

    assert refused["data"]["accountSettingsUpdate"]["errors"] == [
        {
            "field": ["input", "voiceApiBaseUrl"],
            "code": "ADDRESS_NOT_ALLOWED",
            "message": "Loopback, private, link-local and cloud metadata addresses cannot be used here.",
        }
    ]
    message = await Message.get(account_id=account.id)
    assert (message.status, message.attempts, message.last_error) == (
        MessageStatus.FAILED,
        1,
        "destination address not allowed",
    )
    assert sms_provider.requests == []
    assert (await Cli.get(customer_id=customer.id)).status is CliStatus.PENDING


async def test_message_test_places_a_test_call(
    client: httpx.AsyncClient, runner: InProcessRunner, sms_provider: SmsProvider
) -> None:
    _account, admin, _cli_id = await configured(client, sms_provider)

    body: dict[str, Any] = await gql(
        client,
        'mutation { messageTest(input: {channel: VOICE, to: "+44 7911 123456"}) { message { channel to } errors { code } } }',
        token=admin.token,
    )
    await runner.join()

    assert body["data"]["messageTest"] == {"message": {"channel": "VOICE", "to": NUMBER}, "errors": []}
    [request] = sms_provider.requests
    assert request.form["Twiml"] == (
        "<Response><Say>This is a test call from Acme Carrier: your voice settings work.</Say></Response>"
    )
