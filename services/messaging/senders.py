"""Where messages leave: SMTP (aiosmtplib), a Twilio-compatible HTTP API (httpx), or, with
nothing configured, a local folder (and one log line), so a newcomer sees what would be sent.

A sender raises TransientSendError for what may work later (unreachable, timeouts, 4xx SMTP,
5xx HTTP) and PermanentSendError for what never will (wrong credentials, refused recipient)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Protocol

import aiosmtplib
import httpx
import structlog

from models import Account
from models.enums import MessageChannel, SmtpTlsMode

log = structlog.get_logger(__name__)


class SendError(Exception):
    pass


class TransientSendError(SendError):
    pass


class PermanentSendError(SendError):
    pass


@dataclass(frozen=True)
class Outgoing:
    """What to send, independent of the channel's transport."""

    message_id: int
    channel: MessageChannel
    sender: str
    to: str
    subject: str
    text: str
    html: str | None
    header_message_id: str


class Sender(Protocol):
    async def send(self, outgoing: Outgoing) -> str:
        """Send; return the provider's reference for the message."""
        ...


def email_of(outgoing: Outgoing) -> EmailMessage:
    from datetime import UTC, datetime

    email = EmailMessage()
    email["From"] = outgoing.sender
    email["To"] = outgoing.to
    email["Subject"] = outgoing.subject
    email["Message-ID"] = outgoing.header_message_id
    email["Date"] = format_datetime(datetime.now(UTC))
    email.set_content(outgoing.text)
    if outgoing.html:
        email.add_alternative(outgoing.html, subtype="html")
    return email


class FolderSender:
    """Writes each message into `folder/<account id>/` and logs one line."""

    def __init__(self, folder: Path, account_id: int) -> None:
        self.folder = folder / str(account_id)

    async def send(self, outgoing: Outgoing) -> str:
        self.folder.mkdir(parents=True, exist_ok=True)
        if outgoing.channel is MessageChannel.EMAIL:
            path = self.folder / f"message-{outgoing.message_id}.eml"
            path.write_bytes(bytes(email_of(outgoing)))
        else:
            path = self.folder / f"message-{outgoing.message_id}.sms.json"
            sms = {"from": outgoing.sender, "to": outgoing.to, "body": outgoing.text}
            path.write_text(json.dumps(sms, indent=2) + "\n")
        log.info("message.written_to_folder", channel=outgoing.channel.value, to=outgoing.to, path=str(path))
        return f"file:{path}"


@dataclass(frozen=True)
class SmtpSender:
    host: str
    port: int
    tls_mode: SmtpTlsMode
    username: str | None
    password: str | None
    timeout: float

    async def send(self, outgoing: Outgoing) -> str:
        try:
            await aiosmtplib.send(
                email_of(outgoing),
                hostname=self.host,
                port=self.port,
                username=self.username or None,
                password=self.password or None,
                use_tls=self.tls_mode is SmtpTlsMode.TLS,
                start_tls=self.tls_mode is SmtpTlsMode.STARTTLS,
                timeout=self.timeout,
            )
        except aiosmtplib.SMTPAuthenticationError as exc:
            raise PermanentSendError(f"SMTP authentication failed: {exc.code} {exc.message}") from exc
        except aiosmtplib.SMTPRecipientsRefused as exc:
            refused = "; ".join(f"{r.recipient}: {r.code} {r.message}" for r in exc.recipients)
            raise PermanentSendError(f"Recipient refused: {refused}") from exc
        except aiosmtplib.SMTPResponseException as exc:
            error = PermanentSendError if exc.code >= 500 else TransientSendError
            raise error(f"SMTP server answered {exc.code} {exc.message}") from exc
        except (aiosmtplib.SMTPException, OSError) as exc:
            raise TransientSendError(f"Cannot reach SMTP server {self.host}:{self.port}: {exc}") from exc
        return outgoing.header_message_id


@dataclass(frozen=True)
class TwilioSender:
    """POST {base}/2010-04-01/Accounts/{sid}/Messages.json with To, From, Body (Basic auth)."""

    base_url: str
    account_sid: str
    auth_token: str
    timeout: float

    async def send(self, outgoing: Outgoing) -> str:
        url = f"{self.base_url.rstrip('/')}/2010-04-01/Accounts/{self.account_sid}/Messages.json"
        form = {"To": outgoing.to, "From": outgoing.sender, "Body": outgoing.text}
        try:
            async with httpx.AsyncClient(timeout=self.timeout) as http:
                response = await http.post(url, data=form, auth=(self.account_sid, self.auth_token))
        except httpx.HTTPError as exc:
            raise TransientSendError(f"Cannot reach SMS provider {self.base_url}: {exc}") from exc
        if response.status_code >= 500 or response.status_code == 429:
            raise TransientSendError(f"SMS provider answered {response.status_code}: {response.text[:300]}")
        if response.status_code >= 400:
            raise PermanentSendError(f"SMS provider refused ({response.status_code}): {_reason(response)}")
        return str(response.json().get("sid", ""))


def _reason(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text[:300]
    return f"{body.get('code', '')} {body.get('message', '')}".strip() or response.text[:300]


def sender_for(account: Account, channel: MessageChannel, outbox_dir: Path, timeout: float) -> Sender:
    """The account's configured transport for the channel, or the local folder."""
    if channel is MessageChannel.EMAIL and account.smtp_host:
        return SmtpSender(
            host=account.smtp_host,
            port=account.smtp_port or (465 if account.smtp_tls_mode is SmtpTlsMode.TLS else 587),
            tls_mode=account.smtp_tls_mode,
            username=account.smtp_username,
            password=account.smtp_password,
            timeout=timeout,
        )
    if channel is MessageChannel.SMS and account.sms_api_base_url and account.sms_account_sid:
        return TwilioSender(
            base_url=account.sms_api_base_url,
            account_sid=account.sms_account_sid,
            auth_token=account.sms_auth_token or "",
            timeout=timeout,
        )
    return FolderSender(outbox_dir, account.id)
