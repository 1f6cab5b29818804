"""PayPal Instant Payment Notification (IPN): PayPal POSTs a form about a payment to
/ingest/paypal-ipn; we post it back, byte for byte after `cmd=_notify-validate&`, to PayPal's
verification URL, which answers VERIFIED or INVALID. Only a VERIFIED notification can change
anything.

What a notification does (README "PayPal IPN"):
- The account is the one whose PayPal receiver e-mail is the notification's `receiver_email`.
- The customer is the one whose global id is in `custom`, else the one whose PayPal e-mail is
  `payer_email` (exactly one live customer of the account).
- `payment_status` Completed records a COMPLETED PAYPAL payment (the balance rises) with the
  `txn_id` as its external id, or completes the PENDING one recorded for that `txn_id` by an
  earlier Pending notification; Pending records it PENDING; Refunded and Reversed record a
  negative COMPLETED payment for `parent_txn_id`'s payment, at its rate, at most what is left of
  it; Denied, Failed, Voided and Expired cancel a PENDING one.
- The payment rules are the manual ones (currency allowed, exchange rate, minimum payment).
- A replay (a `txn_id` already handled), a forged or INVALID notification, an unknown receiver
  or customer, a mismatch of amount, currency or customer with what was recorded: nothing
  changes, the reason is logged, and PayPal is answered 200 so it stops resending. Only when
  the verification itself could not be done (PayPal unreachable, an unexpected answer) is the
  answer 503: PayPal resends later, and a real payment is not lost.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import codecs
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from urllib.parse import parse_qsl

import httpx
import structlog

from models import Account, Customer, Payment
from models.enums import ActorKind, PaymentMethod, PaymentStatus, Permission
from services import validation as v
from services.actor import Actor
from services.errors import ServiceError
from services.messaging import egress
from services.payments import commands
from services.payments.commands import PaymentInput

log = structlog.get_logger(__name__)

VERIFIED, INVALID = "VERIFIED", "INVALID"
MAX_ANSWER_BYTES = 1024
REFUNDS = frozenset({"Refunded", "Reversed"})
FAILURES = frozenset({"Denied", "Failed", "Voided", "Expired"})

# Posts the verification body, returns PayPal's answer (stripped); raises VerificationUnavailable.
Verifier = Callable[[bytes], Awaitable[str]]


class VerificationUnavailable(Exception):
    """The verification could not be done; `reason` is classified (no remote text)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Ignored(Exception):
    """A notification that changes nothing, and why (safe to log: no secrets)."""


@dataclass(frozen=True)
class IpnOutcome:
    """What a notification did: `status` is the HTTP answer to PayPal; `payment_id` the payment
    it recorded, completed or cancelled; `reason` why it changed nothing."""

    status: int
    action: str
    reason: str | None = None
    payment_id: int | None = None


def verification_body(body: bytes) -> bytes:
    return b"cmd=_notify-validate&" + body


@dataclass(frozen=True)
class HttpVerifier:
    """PayPal's verification endpoint over HTTPS, through the outbound-address policy: the host
    is resolved and checked, and the connection goes to the checked address."""

    url: str
    timeout: float
    allow_private: bool = False

    async def __call__(self, body: bytes) -> str:
        try:
            async with asyncio.timeout(self.timeout):
                return await self._post(verification_body(body))
        except egress.DestinationNotAllowed as exc:
            raise VerificationUnavailable(egress.NOT_ALLOWED) from exc
        except (httpx.HTTPError, OSError, TimeoutError, UnicodeError) as exc:
            raise VerificationUnavailable(egress.network_reason(exc)) from exc

    async def _post(self, content: bytes) -> str:
        url = httpx.URL(self.url)
        if url.scheme not in {"http", "https"} or not url.raw_host:
            raise VerificationUnavailable("verification URL is not valid")
        host = url.raw_host.decode("ascii")
        port = url.port or (443 if url.scheme == "https" else 80)
        address = await egress.checked_address(host, port, allow_private=self.allow_private)
        extensions = {"sni_hostname": host} if url.scheme == "https" else {}
        headers = {
            "Host": url.netloc.decode("ascii"),
            "Content-Type": "application/x-www-form-urlencoded",
            "User-Agent": "Switchboard-IPN-Verifier",
        }
        async with (
            httpx.AsyncClient(timeout=self.timeout, trust_env=False) as http,
            http.stream(
                "POST",
                url.copy_with(host=str(address)),
                content=content,
                headers=headers,
                extensions=extensions,
            ) as response,
        ):
            if response.status_code != 200:
                raise VerificationUnavailable(f"verification answered HTTP {response.status_code}")
            answer = b""
            async for chunk in response.aiter_bytes():
                answer += chunk
                if len(answer) > MAX_ANSWER_BYTES:
                    raise VerificationUnavailable("unexpected verification answer")
        return answer.decode("ascii", "replace").strip()


def parse(body: bytes) -> dict[str, str]:
    """The notification's fields (the first value of each), decoded in the charset it names."""
    try:
        text = body.decode("ascii")
    except UnicodeDecodeError as exc:
        raise Ignored("malformed notification") from exc
    charset = dict(parse_qsl(text, encoding="latin-1")).get("charset") or "utf-8"
    try:
        codecs.lookup(charset)
    except LookupError as exc:
        raise Ignored("unknown charset") from exc
    try:
        pairs = parse_qsl(text, encoding=charset, errors="strict", max_num_fields=500)
    except (ValueError, UnicodeDecodeError) as exc:
        raise Ignored("malformed notification") from exc
    fields: dict[str, str] = {}
    for key, value in pairs:
        fields.setdefault(key, value)
    return fields


async def handle_notification(body: bytes, verify: Verifier) -> IpnOutcome:
    """Verify, then apply one notification; never raises for what the notification holds."""
    try:
        fields = parse(body)
        account = await _account(fields)
    except Ignored as exc:
        return _ignored(str(exc), {})
    try:
        answer = await verify(body)
    except VerificationUnavailable as exc:
        log.warning("paypal_ipn.unverified", reason=exc.reason, txn_id=fields.get("txn_id"))
        return IpnOutcome(503, "retry", exc.reason)
    if answer != VERIFIED:
        if answer == INVALID:
            return _ignored("verification answered INVALID", fields)
        log.warning(
            "paypal_ipn.unverified", reason="unexpected verification answer", txn_id=fields.get("txn_id")
        )
        return IpnOutcome(503, "retry", "unexpected verification answer")
    actor = Actor(
        account_id=account.id, kind=ActorKind.SYSTEM, label="PayPal IPN", permissions=frozenset(Permission)
    )
    try:
        outcome = await _apply(actor, fields)
    except Ignored as exc:
        return _ignored(str(exc), fields)
    except ServiceError as exc:
        reasons = "; ".join(f"{e.code.value}: {e.message}" for e in exc.errors)
        return _ignored(reasons, fields)
    log.info(
        "paypal_ipn.applied",
        action=outcome.action,
        payment_id=outcome.payment_id,
        txn_id=fields.get("txn_id"),
    )
    return outcome


def _ignored(reason: str, fields: dict[str, str]) -> IpnOutcome:
    log.warning("paypal_ipn.ignored", reason=reason, txn_id=fields.get("txn_id"))
    return IpnOutcome(200, "ignored", reason)


def _required(fields: dict[str, str], name: str) -> str:
    value = fields.get(name, "").strip()
    if not value:
        raise Ignored(f"{name} missing")
    return value


async def _account(fields: dict[str, str]) -> Account:
    receiver = _required(fields, "receiver_email").casefold()
    account = await Account.get_or_none(paypal_receiver_email=receiver)
    if account is None:
        raise Ignored("receiver_email is no account's PayPal receiver")
    return account


def _amount(fields: dict[str, str]) -> Decimal:
    try:
        amount = Decimal(_required(fields, "mc_gross"))
    except InvalidOperation as exc:
        raise Ignored("mc_gross is not an amount") from exc
    if not amount.is_finite():
        raise Ignored("mc_gross is not an amount")
    return amount


async def _apply(actor: Actor, fields: dict[str, str]) -> IpnOutcome:
    status = _required(fields, "payment_status")
    txn_id = _required(fields, "txn_id")[: commands.MAX_EXTERNAL_ID]
    if status in REFUNDS:
        return await _refund(actor, fields, txn_id)
    existing = await Payment.get_or_none(
        account_id=actor.account_id, method=PaymentMethod.PAYPAL, external_id=txn_id
    )
    if status in FAILURES:
        if existing is None or existing.status is not PaymentStatus.PENDING:
            raise Ignored(f"{status}: no pending payment for this txn_id")
        cancelled = await commands.cancel_payment(actor, existing.id, f"PayPal: {status}")
        return IpnOutcome(200, "cancelled", payment_id=cancelled.id)
    if status not in {"Completed", "Pending"}:
        raise Ignored(f"payment_status {status} changes nothing")
    given = PaymentInput(
        customer_id=await _customer_id(actor, fields),
        amount=_amount(fields),
        currency=_required(fields, "mc_currency"),
        method=PaymentMethod.PAYPAL,
        external_id=txn_id,
        note=f"PayPal txn {txn_id}",
    )
    if existing is not None:
        return await _known(actor, existing, given, status)
    payment = await commands.create_payment(actor, given, complete=status == "Completed")
    return IpnOutcome(200, payment.status.value.lower(), payment_id=payment.id)


async def _known(actor: Actor, existing: Payment, given: PaymentInput, status: str) -> IpnOutcome:
    """A txn_id seen before: a replay changes nothing; Completed after Pending completes it."""
    same = (existing.customer_id, existing.amount, existing.currency) == (
        given.customer_id,
        given.amount,
        given.currency.strip().upper(),
    )
    if not same:
        raise Ignored("amount, currency or customer differ from the payment recorded for this txn_id")
    if status == "Completed" and existing.status is PaymentStatus.PENDING:
        completed = await commands.complete_payment(actor, existing.id)
        return IpnOutcome(200, "completed", payment_id=completed.id)
    raise Ignored(f"replay: txn_id already recorded ({existing.status.value})")


async def _customer_id(actor: Actor, fields: dict[str, str]) -> int:
    live = Customer.filter(account_id=actor.account_id, deleted_at__isnull=True)
    custom = fields.get("custom", "").strip()
    customer_id = _global_customer_id(custom)
    if customer_id is not None:
        if not await live.filter(id=customer_id).exists():
            raise Ignored("custom names no customer of the account")
        return customer_id
    try:
        payer = v.email(fields.get("payer_email"))
    except v.Invalid as exc:
        raise Ignored("payer_email is not an e-mail address") from exc
    if payer is None:
        raise Ignored("neither custom nor payer_email names a customer")
    matches = [row.id for row in await live.filter(paypal_email__iexact=payer).limit(2).only("id")]
    if len(matches) != 1:
        raise Ignored(
            "payer_email is no customer's PayPal e-mail" if not matches else "payer_email is ambiguous"
        )
    return matches[0]


def _global_customer_id(custom: str) -> int | None:
    """The customer id in a Customer global id (base64 of "Customer:<id>"), if it is one."""
    try:
        decoded = base64.b64decode(custom, validate=True).decode("ascii")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    kind, _, number = decoded.partition(":")
    if kind != "Customer" or not number.isdigit() or len(number) > 10:
        return None
    return int(number)


async def _refund(actor: Actor, fields: dict[str, str], txn_id: str) -> IpnOutcome:
    """A negative payment for the parent's, at the parent's rate; the service checks the rest
    (its currency, at most what is left of it) under the parent's row lock."""
    parent = await Payment.get_or_none(
        account_id=actor.account_id,
        method=PaymentMethod.PAYPAL,
        external_id=_required(fields, "parent_txn_id"),
    )
    if parent is None or parent.status is not PaymentStatus.COMPLETED:
        raise Ignored("parent_txn_id names no completed PayPal payment")
    amount, currency = _amount(fields), _required(fields, "mc_currency").upper()
    existing = await Payment.get_or_none(
        account_id=actor.account_id, method=PaymentMethod.PAYPAL, external_id=txn_id
    )
    if existing is not None:
        raise Ignored(f"replay: txn_id already recorded ({existing.status.value})")
    given = PaymentInput(
        customer_id=parent.customer_id,
        amount=amount,
        currency=currency,
        method=PaymentMethod.PAYPAL,
        external_id=txn_id,
        note=f"PayPal {fields['payment_status'].lower()} of txn {parent.external_id}",
        parent_id=parent.id,
    )
    payment = await commands.create_payment(actor, given, complete=True, rate=parent.rate)
    return IpnOutcome(200, "refunded", payment_id=payment.id)
