"""Where messages leave: SMTP (aiosmtplib), a Twilio-compatible HTTP API (httpx: SMS through its
Messages resource, voice calls that speak the text through its Calls resource), or, with
nothing configured, a local folder (and one log line), so a newcomer sees what would be sent.

A sender raises TransientSendError for what may work later (unreachable, timeouts, 4xx SMTP,
5xx HTTP, an answer it cannot read) and PermanentSendError for what never will (wrong
credentials, refused recipient, a destination tenants may not reach). Their text is a short
classified reason with at most a status code, never what the remote end said: it becomes
`message.lastError`, which tenants read. Tenant-configured hosts are reached through `egress`."""

from __future__ import annotations

import asyncio
import json
import re
import socket
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Protocol
from urllib.parse import quote
from xml.sax.saxutils import escape

import aiosmtplib
import httpx
import structlog

from models import Account
from models.enums import MessageChannel, SmtpTlsMode
from services.messaging import egress
from services.messaging.attachments import Attachment

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
    # Files sent with an e-mail (produced at delivery from their references).
    attachments: tuple[Attachment, ...] = ()


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
    for attachment in outgoing.attachments:
        maintype, _, subtype = attachment.content_type.partition("/")
        email.add_attachment(
            attachment.content,
            maintype=maintype,
            subtype=subtype or "octet-stream",
            filename=attachment.filename,
        )
    return email


class FolderSender:
    """Writes each message into `folder/<account id>/` and logs one line."""

    def __init__(self, folder: Path, account_id: int) -> None:
        self.folder = folder / str(account_id)

    async def send(self, outgoing: Outgoing) -> str:
        try:
            path = self._write(outgoing)
        except OSError as exc:
            raise TransientSendError("cannot write to the outbox folder") from exc
        log.info("message.written_to_folder", channel=outgoing.channel.value, to=outgoing.to, path=str(path))
        return f"file:{path}"

    def _write(self, outgoing: Outgoing) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        if outgoing.channel is MessageChannel.EMAIL:
            path = self.folder / f"message-{outgoing.message_id}.eml"
            path.write_bytes(bytes(email_of(outgoing)))
        elif outgoing.channel is MessageChannel.VOICE:
            path = self.folder / f"message-{outgoing.message_id}.call.json"
            call = {"from": outgoing.sender, "to": outgoing.to, "twiml": twiml(outgoing.text)}
            path.write_text(json.dumps(call, indent=2) + "\n")
        else:
            path = self.folder / f"message-{outgoing.message_id}.sms.json"
            sms = {"from": outgoing.sender, "to": outgoing.to, "body": outgoing.text}
            path.write_text(json.dumps(sms, indent=2) + "\n")
        return path


@dataclass(frozen=True)
class SmtpSender:
    host: str
    port: int
    tls_mode: SmtpTlsMode
    username: str | None
    password: str | None
    timeout: float
    allow_private: bool = False

    async def send(self, outgoing: Outgoing) -> str:
        try:
            async with asyncio.timeout(self.timeout):
                sock = await _connect(self.host, self.port, self.allow_private)
        except TimeoutError as exc:
            raise TransientSendError("timed out") from exc
        try:
            # Connected to the checked address; the name stays for EHLO and TLS verification.
            await aiosmtplib.send(
                email_of(outgoing),
                hostname=self.host,
                sock=sock,
                username=self.username or None,
                password=self.password or None,
                use_tls=self.tls_mode is SmtpTlsMode.TLS,
                start_tls=self.tls_mode is SmtpTlsMode.STARTTLS,
                timeout=self.timeout,
            )
        except (aiosmtplib.SMTPException, OSError) as exc:
            raise _smtp_failure(exc) from exc
        finally:
            sock.close()
        return outgoing.header_message_id


async def _connect(host: str, port: int, allow_private: bool) -> socket.socket:
    try:
        address = await egress.checked_address(host, port, allow_private=allow_private)
        return await egress.connected_socket(address, port)
    except egress.DestinationNotAllowed as exc:
        raise PermanentSendError(egress.NOT_ALLOWED) from exc
    except (OSError, UnicodeError) as exc:
        raise TransientSendError(egress.network_reason(exc)) from exc


# What the server refused, by the step that failed; the server's own text is never kept.
_SMTP_REFUSALS: tuple[tuple[type[aiosmtplib.SMTPResponseException], str], ...] = (
    (aiosmtplib.SMTPAuthenticationError, "SMTP server refused the credentials"),
    (aiosmtplib.SMTPRecipientRefused, "SMTP server refused the recipient"),
    (aiosmtplib.SMTPSenderRefused, "SMTP server refused the sender"),
    (aiosmtplib.SMTPDataError, "SMTP server refused the message"),
)


def _smtp_failure(exc: BaseException) -> SendError:
    if isinstance(exc, aiosmtplib.SMTPRecipientsRefused):
        code = exc.recipients[0].code if exc.recipients else 550
        return _by_code(code, f"SMTP server refused the recipient ({code})")
    if isinstance(exc, aiosmtplib.SMTPAuthenticationError):
        return PermanentSendError(f"SMTP server refused the credentials ({exc.code})")
    if isinstance(exc, aiosmtplib.SMTPTimeoutError):
        return TransientSendError("timed out")
    if isinstance(exc, aiosmtplib.SMTPResponseException):
        what = next((text for kind, text in _SMTP_REFUSALS if isinstance(exc, kind)), "SMTP server answered")
        return _by_code(exc.code, f"{what} ({exc.code})")
    if isinstance(exc, aiosmtplib.SMTPNotSupported):
        return PermanentSendError("SMTP server does not offer STARTTLS or AUTH as the settings need")
    if isinstance(exc, aiosmtplib.SMTPServerDisconnected):
        return TransientSendError("SMTP server closed the connection")
    return TransientSendError(egress.network_reason(exc))


def _by_code(code: int, reason: str) -> SendError:
    return PermanentSendError(reason) if code >= 500 else TransientSendError(reason)


MAX_ANSWER_BYTES = 64 * 1024
_SID = re.compile(r"[A-Za-z0-9_-]{1,64}")


def twiml(text: str) -> str:
    """The TwiML that speaks `text` once."""
    return f"<Response><Say>{escape(text)}</Say></Response>"


@dataclass(frozen=True)
class TwilioSender:
    """POST {base}/2010-04-01/Accounts/{sid}/Messages.json with To, From, Body (an SMS), or, for
    a VOICE message, .../Calls.json with To, From and Twiml that speaks the text (Basic auth).

    Only the HTTP status and a SID of the expected shape are kept from the answer: its body
    never reaches a field the tenant reads."""

    base_url: str
    account_sid: str
    auth_token: str
    timeout: float
    allow_private: bool = False
    voice: bool = False

    @property
    def provider(self) -> str:
        return "Voice provider" if self.voice else "SMS provider"

    async def send(self, outgoing: Outgoing) -> str:
        url = self._url()
        form = {"To": outgoing.to, "From": outgoing.sender}
        if self.voice:
            form["Twiml"] = twiml(outgoing.text)
        else:
            form["Body"] = outgoing.text
        try:
            async with asyncio.timeout(self.timeout):
                status, body = await self._post(url, form)
        except egress.DestinationNotAllowed as exc:
            raise PermanentSendError(egress.NOT_ALLOWED) from exc
        except httpx.TimeoutException as exc:
            raise TransientSendError("timed out") from exc
        except (httpx.HTTPError, OSError, TimeoutError, UnicodeError) as exc:
            raise TransientSendError(egress.network_reason(exc)) from exc
        return _sid(status, body, self.provider)

    def _url(self) -> httpx.URL:
        resource = "Calls" if self.voice else "Messages"
        path = f"/2010-04-01/Accounts/{quote(self.account_sid, safe='')}/{resource}.json"
        invalid = f"{'Voice' if self.voice else 'SMS'} API URL is not valid"
        try:
            url = httpx.URL(self.base_url.rstrip("/") + path)
        except httpx.InvalidURL as exc:
            raise PermanentSendError(invalid) from exc
        if url.scheme not in {"http", "https"} or not url.raw_host:
            raise PermanentSendError(invalid)
        return url

    async def _post(self, url: httpx.URL, form: dict[str, str]) -> tuple[int, bytes | None]:
        """POST to the checked address of the URL's host, with the name in the Host header
        and in TLS (SNI and certificate check); returns the status and at most 64 KiB."""
        host = url.raw_host.decode("ascii")
        port = url.port or (443 if url.scheme == "https" else 80)
        address = await egress.checked_address(host, port, allow_private=self.allow_private)
        extensions = {"sni_hostname": host} if url.scheme == "https" else {}
        # trust_env=False: a proxy from the environment would connect somewhere unchecked.
        async with (
            httpx.AsyncClient(timeout=self.timeout, trust_env=False) as http,
            http.stream(
                "POST",
                url.copy_with(host=str(address)),
                data=form,
                auth=(self.account_sid, self.auth_token),
                headers={"Host": url.netloc.decode("ascii")},
                extensions=extensions,
            ) as response,
        ):
            return response.status_code, await _read_at_most(response, MAX_ANSWER_BYTES)


async def _read_at_most(response: httpx.Response, limit: int) -> bytes | None:
    """The (decoded) body, or None past `limit` bytes."""
    body = bytearray()
    async for chunk in response.aiter_bytes():
        body += chunk
        if len(body) > limit:
            return None
    return bytes(body)


def _sid(status: int, body: bytes | None, provider: str = "SMS provider") -> str:
    """The message (or call) SID of a 2xx answer; anything else is a classified failure."""
    if status == 429 or status >= 500:
        raise TransientSendError(f"{provider} answered HTTP {status}")
    if status in {401, 403}:
        raise PermanentSendError(f"{provider} refused the credentials (HTTP {status})")
    if 400 <= status < 500:
        raise PermanentSendError(f"{provider} refused the message (HTTP {status})")
    sid = _json_field(body, "sid") if 200 <= status < 300 else None
    if sid is None or not _SID.fullmatch(sid):
        # Not what a provider that accepted the message answers: try again, within the limit.
        raise TransientSendError(f"{provider} gave an unexpected answer (HTTP {status})")
    return sid


def _json_field(body: bytes | None, name: str) -> str | None:
    if body is None:
        return None
    try:
        answer = json.loads(body)
    except (ValueError, RecursionError):
        return None
    value = answer.get(name) if isinstance(answer, dict) else None
    return value if isinstance(value, str) else None


def sender_for(
    account: Account,
    channel: MessageChannel,
    outbox_dir: Path,
    timeout: float,
    *,
    allow_private: bool = False,
) -> Sender:
    """The account's configured transport for the channel, or the local folder.

    `allow_private` lets tenant-configured hosts be private addresses (operator's setting)."""
    if channel is MessageChannel.EMAIL and account.smtp_host:
        return SmtpSender(
            host=account.smtp_host,
            port=account.smtp_port or (465 if account.smtp_tls_mode is SmtpTlsMode.TLS else 587),
            tls_mode=account.smtp_tls_mode,
            username=account.smtp_username,
            password=account.smtp_password,
            timeout=timeout,
            allow_private=allow_private,
        )
    if channel is MessageChannel.SMS and account.sms_api_base_url and account.sms_account_sid:
        return TwilioSender(
            base_url=account.sms_api_base_url,
            account_sid=account.sms_account_sid,
            auth_token=account.sms_auth_token or "",
            timeout=timeout,
            allow_private=allow_private,
        )
    if channel is MessageChannel.VOICE and account.voice_api_base_url and account.voice_account_sid:
        return TwilioSender(
            base_url=account.voice_api_base_url,
            account_sid=account.voice_account_sid,
            auth_token=account.voice_auth_token or "",
            timeout=timeout,
            allow_private=allow_private,
            voice=True,
        )
    return FolderSender(outbox_dir, account.id)
