"""An invitation end to end over real SMTP: userInvite queues the e-mail, the in-process worker
sends it to an SMTP server on loopback, the link is read from the received e-mail, completed
with passwordResetComplete, and the new user logs in."""

from __future__ import annotations

import httpx

from models import Account, Message, Role
from models.enums import MessageStatus, SmtpTlsMode
from services.messaging.outbox import REMOVED_BODY
from settings import Settings
from tests.client import global_id, gql, login, make_principal
from tests.factories import make_account
from tests.mailbox import LINK
from tests.workers.conftest import SmtpServer
from workers.inprocess import InProcessRunner

INVITE = """
mutation($input: UserInviteInput!) {
  userInvite(input: $input) { user { email invitationPending } errors { code } }
}
"""
COMPLETE = """
mutation($token: String!, $password: String!) {
  passwordResetComplete(input: {token: $token, newPassword: $password}) { ok email errors { code } }
}
"""


async def test_an_invited_user_sets_its_password_from_the_email_and_logs_in(
    client: httpx.AsyncClient, settings: Settings, runner: InProcessRunner, smtp_server: SmtpServer
) -> None:
    # given: an account whose e-mail goes through the SMTP server
    account = await make_account("Acme Carrier")
    await Account.filter(id=account.id).update(
        email_from="noc@carrier.example",
        smtp_host="127.0.0.1",
        smtp_port=smtp_server.port,
        smtp_tls_mode=SmtpTlsMode.NONE,
    )
    admin = await make_principal(client, account)
    support = global_id("Role", (await Role.get(account_id=account.id, name="Support")).id)

    # when: the admin invites, and the worker delivers
    invited = await gql(
        client,
        INVITE,
        {"input": {"email": "nia@example.com", "name": "Nia New", "roleId": support}},
        admin.token,
    )
    await runner.join()

    # then: one e-mail arrived, carrying the link
    assert invited["data"]["userInvite"] == {
        "user": {"email": "nia@example.com", "invitationPending": True},
        "errors": [],
    }
    [received] = smtp_server.received
    assert (received.mail_from, received.rcpt_tos) == ("noc@carrier.example", ["nia@example.com"])
    assert received.email["Subject"] == "You are invited to Acme Carrier on Switchboard"
    text = received.email.get_body(("plain",))
    html = received.email.get_body(("html",))
    assert text is not None and html is not None
    found = LINK.search(text.get_content())
    assert found is not None
    secret = found.group(1)
    assert f'href="{settings.public_url}/set-password#token={secret}"' in html.get_content()
    # and the outbox kept no copy of it once sent
    message = await Message.get(to="nia@example.com")
    assert (message.status, message.body_text, message.body_html) == (MessageStatus.SENT, REMOVED_BODY, None)

    # when: the invitee follows the link, then logs in
    before_password = await login(client, "nia@example.com", "the chosen password")
    completed = await gql(client, COMPLETE, {"token": secret, "password": "the chosen password"})
    after_password = await login(client, "nia@example.com", "the chosen password")

    # then
    assert before_password["errors"][0]["code"] == "INVALID_CREDENTIALS"
    assert completed["data"]["passwordResetComplete"] == {
        "ok": True,
        "email": "nia@example.com",
        "errors": [],
    }
    assert after_password["errors"] == [] and after_password["accessToken"]
    viewer = await gql(
        client, "{ viewer { user { email invitationPending } } }", token=after_password["accessToken"]
    )
    assert viewer["data"] == {"viewer": {"user": {"email": "nia@example.com", "invitationPending": False}}}
