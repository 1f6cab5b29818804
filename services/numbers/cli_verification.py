"""Verifying a caller id by a test call: `place_verification_call` generates a short numeric
code and queues a VOICE message through the outbox (its retries, leases and outbound-address
policy), which the account's voice provider (a Twilio-compatible Calls API) places to the CLI's
number, speaking the code; `verify_cli` approves the CLI when the code entered matches.

The code exists in the clear only in this process while the call is queued and in the sealed
body of its one outbox row (cleared once delivered or given up): the CLI keeps an HMAC-SHA256
under the app's secret key, with its expiry (`cli_code_minutes`) and the wrong tries it took
(at most `cli_code_max_attempts`). A new call replaces the code; calls to one CLI are at least
`cli_call_interval_seconds` apart, and one customer's CLIs get at most
`cli_calls_per_customer_per_hour` calls an hour (deleting and re-adding a CLI does not reset
that). A refusal changes nothing but the attempt counter of a wrong code."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from models import Account, Cli, Message
from models.enums import AuditAction, CliStatus, MessageChannel, MessageKind
from services import runtime
from services.actor import Actor
from services.errors import ErrorCode, ServiceError
from services.messaging.outbox import queue_message
from services.messaging.rendering import render
from services.numbers.clis import TABLE, locked_cli, mark_approved, require_writer
from services.uow import UnitOfWork, unit_of_work
from settings import Settings

CODE_DIGITS = 6
LEFT_OUT = "(spoken in the call only, not kept)"


def code_hash(cli_id: int, code: str) -> str:
    """The stored form of a code: HMAC-SHA256 under the app's secret key, bound to the CLI."""
    key = runtime.current().settings.signing_key().encode()
    return hmac.new(key, f"cli verification code v1:{cli_id}:{code}".encode(), hashlib.sha256).hexdigest()


def spoken(code: str) -> str:
    """The code as a text-to-speech engine reads it digit by digit: "1 2 3 4 5 6"."""
    return " ".join(code)


async def place_verification_call(actor: Actor, cli_id: int, reason: str | None = None) -> Cli:
    """Queue a call to the PENDING caller id that speaks a new code (older codes stop working).
    CONFLICT when it is approved already, THROTTLED too soon after the last call or past the
    customer's hourly calls."""
    require_writer(actor)
    settings = runtime.current().settings
    async with unit_of_work(actor, reason) as uow:
        cli = await locked_cli(uow, cli_id)
        if cli.status is CliStatus.APPROVED:
            raise ServiceError.single(ErrorCode.CONFLICT, "This caller id is approved already.", "cli_id")
        await _check_rate(uow, cli, settings)
        code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
        cli.code_hash = code_hash(cli.id, code)
        cli.code_expires_at = uow.now + timedelta(minutes=settings.cli_code_minutes)
        cli.code_attempts = 0
        cli.last_call_at = uow.now
        await cli.save(
            using_db=uow.conn,
            update_fields=["code_hash", "code_expires_at", "code_attempts", "last_call_at", "updated_at"],
        )
        message = await _queue_call(uow, cli, code)
        uow.audit(
            AuditAction.SEND,
            TABLE,
            cli.id,
            f"Verification call to caller id {cli.number} queued",
            customer_id=cli.customer_id,
            diff={"verification_call": {"old": None, "new": str(message.id)}},
        )
    return cli


async def verify_cli(actor: Actor, cli_id: int, code: str, reason: str | None = None) -> Cli:
    """Approve the caller id when `code` is its live code (compared in constant time).

    Refusals: INVALID_CODE for a wrong code (or none sent) — the one that counts an attempt,
    committed before it is raised; CODE_EXPIRED once its time ran out; TOO_MANY_ATTEMPTS once
    it took `cli_code_max_attempts` wrong tries; CONFLICT when approved already."""
    require_writer(actor)
    settings = runtime.current().settings
    refusal: ServiceError | None = None
    async with unit_of_work(actor, reason) as uow:
        cli = await locked_cli(uow, cli_id)
        _check_live(uow, cli, settings)
        if hmac.compare_digest(cli.code_hash or "", code_hash(cli.id, code.strip())):
            await mark_approved(uow, cli, "verified by a test call")
        else:
            cli.code_attempts += 1
            await cli.save(using_db=uow.conn, update_fields=["code_attempts"])
            left = settings.cli_code_max_attempts - cli.code_attempts
            refusal = ServiceError.single(
                ErrorCode.INVALID_CODE,
                f"The code is wrong; {left} tr{'y' if left == 1 else 'ies'} left."
                if left
                else "The code is wrong, and that was the last try: place a new verification call.",
                "code",
            )
    if refusal is not None:
        raise refusal
    return cli


def _check_live(uow: UnitOfWork, cli: Cli, settings: Settings) -> None:
    """Refuse, changing nothing, when the CLI has no code that may still be tried."""
    if cli.status is CliStatus.APPROVED:
        raise ServiceError.single(ErrorCode.CONFLICT, "This caller id is approved already.", "cli_id")
    if cli.code_hash is None or cli.code_expires_at is None:
        raise ServiceError.single(
            ErrorCode.INVALID_CODE, "No code was sent: place a verification call first.", "code"
        )
    if cli.code_attempts >= settings.cli_code_max_attempts:
        raise ServiceError.single(
            ErrorCode.TOO_MANY_ATTEMPTS,
            f"The code took {settings.cli_code_max_attempts} wrong tries: place a new verification call.",
            "code",
        )
    if cli.code_expires_at <= uow.now:
        raise ServiceError.single(
            ErrorCode.CODE_EXPIRED, "The code has expired: place a new verification call.", "code"
        )


async def _check_rate(uow: UnitOfWork, cli: Cli, settings: Settings) -> None:
    interval = timedelta(seconds=settings.cli_call_interval_seconds)
    if cli.last_call_at is not None and uow.now - cli.last_call_at < interval:
        wait = int((cli.last_call_at + interval - uow.now).total_seconds()) + 1
        raise ServiceError.single(
            ErrorCode.THROTTLED, f"A call to this caller id was just placed; try again in {wait} s.", "cli_id"
        )
    per_hour = settings.cli_calls_per_customer_per_hour
    recent = Message.filter(
        customer_id=cli.customer_id,
        channel=MessageChannel.VOICE,
        kind=MessageKind.VERIFICATION,
        created_at__gte=uow.now - timedelta(hours=1),
    )
    if await recent.using_db(uow.conn).count() >= per_hour:
        raise ServiceError.single(
            ErrorCode.THROTTLED,
            f"At most {per_hour} verification calls per customer an hour; try later.",
            "cli_id",
        )


async def _queue_call(uow: UnitOfWork, cli: Cli, code: str) -> Message:
    account = await Account.get(id=cli.account_id, using_db=uow.conn)
    values = {"account_name": account.name}
    shown = render(MessageKind.VERIFICATION, MessageChannel.VOICE, {**values, "code": LEFT_OUT})
    sent = render(MessageKind.VERIFICATION, MessageChannel.VOICE, {**values, "code": spoken(code)})
    return await queue_message(
        uow,
        MessageChannel.VOICE,
        MessageKind.VERIFICATION,
        cli.number,
        shown,
        customer_id=cli.customer_id,
        secret_content=sent,
    )
