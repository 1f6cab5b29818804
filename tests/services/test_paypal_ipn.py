"""PayPal IPN through POST /ingest/paypal-ipn, against a local verifier that answers like
PayPal: VERIFIED for a notification it sent (byte for byte), INVALID for anything else."""

from __future__ import annotations

import threading
from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass, field
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
from structlog.testing import capture_logs

from models import Account, AuditEntry, Customer, Invoice, Payment, PaymentAllocation
from models.enums import InvoicePeriod, InvoiceStatus, PaymentMethod, PaymentStatus
from services.account_settings import AccountSettingsPatch, update_settings
from services.errors import ErrorCode, FieldError
from services.payments.paypal import HttpVerifier, handle_notification
from services.payments.rates import RateInput, set_rate
from settings import Settings
from tests.client import global_id
from tests.factories import db_state, make_account, make_actor, make_customer, refused

RECEIVER = "Billing@Carrier.example"
PAYER = "payer@example.com"
FORM = {"content-type": "application/x-www-form-urlencoded"}


@dataclass
class Verifier:
    """PayPal's side: the notifications it sent, and every verification request it received."""

    port: int = 0
    sent: set[bytes] = field(default_factory=set)
    received: list[bytes] = field(default_factory=list)
    answer: tuple[int, bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/cgi-bin/webscr"

    def notification(self, **fields: str) -> bytes:
        """A notification as PayPal sends it (and will vouch for)."""
        body = urlencode(fields).encode()
        self.sent.add(body)
        return body


@pytest.fixture
def verifier(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[Verifier]:
    state = Verifier()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length", "0")))
            state.received.append(body)
            prefix = b"cmd=_notify-validate&"
            genuine = body.startswith(prefix) and body[len(prefix) :] in state.sent
            status, answer = state.answer or (200, b"VERIFIED" if genuine else b"INVALID")
            self.send_response(status)
            self.send_header("content-length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setattr(settings, "paypal_ipn_verify_url", state.url)
    yield state
    server.shutdown()
    server.server_close()


@dataclass
class Shop:
    account: Account
    customer: Customer


@pytest.fixture
async def shop() -> Shop:
    account = await make_account()
    await Account.filter(id=account.id).update(paypal_receiver_email=RECEIVER.casefold())
    customer = await make_customer(
        account, paypal_email=PAYER, minimum_payment=Decimal(5), topup_currencies=["USD"]
    )
    await set_rate(make_actor(account), RateInput("USD", "EUR", Decimal("0.9")))
    return Shop(account, customer)


def fields(shop: Shop, txn_id: str = "TXN1", **extra: str) -> dict[str, str]:
    values = {
        "receiver_email": RECEIVER,
        "payer_email": PAYER,
        "payment_status": "Completed",
        "txn_id": txn_id,
        "mc_gross": "20.00",
        "mc_currency": "EUR",
        "custom": global_id("Customer", shop.customer.id),
    }
    values.update(extra)
    return {k: v for k, v in values.items() if v != ""}


async def post(client: httpx.AsyncClient, body: bytes) -> int:
    response = await client.post("/ingest/paypal-ipn", content=body, headers=FORM)
    assert response.content == b""
    return response.status_code


async def balance(shop: Shop) -> Decimal:
    return (await Customer.get(id=shop.customer.id)).balance


async def unchanged(
    client: httpx.AsyncClient, body: bytes, status: int = 200
) -> list[MutableMapping[str, Any]]:
    """Post the notification; assert that nothing changed; the log events."""
    before = await db_state()
    with capture_logs() as logs:
        assert await post(client, body) == status
    assert await db_state() == before
    return logs


async def test_a_verified_completed_payment_raises_the_balance_once(
    client: httpx.AsyncClient, verifier: Verifier, shop: Shop
) -> None:
    body = verifier.notification(**fields(shop))

    assert await post(client, body) == 200

    [payment] = await Payment.filter(customer_id=shop.customer.id)
    assert (
        payment.status,
        payment.method,
        payment.external_id,
        payment.amount,
        payment.converted_amount,
    ) == (
        PaymentStatus.COMPLETED,
        PaymentMethod.PAYPAL,
        "TXN1",
        Decimal(20),
        Decimal(20),
    )
    assert await balance(shop) == Decimal(20)
    assert verifier.received == [b"cmd=_notify-validate&" + body]
    assert await AuditEntry.filter(table_name="payment").values_list("actor_label", "action") == [
        ("PayPal IPN", "CREATE"),
        ("PayPal IPN", "UPDATE"),
    ]

    logs = await unchanged(client, body)  # PayPal resends it

    assert logs[-1]["event"] == "paypal_ipn.ignored"
    assert logs[-1]["reason"] == "replay: txn_id already recorded (COMPLETED)"
    assert await balance(shop) == Decimal(20)


async def test_a_forged_notification_changes_nothing(
    client: httpx.AsyncClient, verifier: Verifier, shop: Shop
) -> None:
    forged = urlencode(fields(shop, "FORGED", mc_gross="5000.00")).encode()

    logs = await unchanged(client, forged)

    assert (logs[-1]["event"], logs[-1]["reason"], logs[-1]["txn_id"]) == (
        "paypal_ipn.ignored",
        "verification answered INVALID",
        "FORGED",
    )
    assert verifier.received == [b"cmd=_notify-validate&" + forged]


async def test_pending_then_completed_completes_and_a_different_amount_changes_nothing(
    client: httpx.AsyncClient, verifier: Verifier, shop: Shop
) -> None:
    assert await post(client, verifier.notification(**fields(shop, payment_status="Pending"))) == 200
    [pending] = await Payment.filter(customer_id=shop.customer.id)
    assert pending.status is PaymentStatus.PENDING and await balance(shop) == Decimal(0)

    logs = await unchanged(client, verifier.notification(**fields(shop, mc_gross="2000.00")))
    assert (
        logs[-1]["reason"] == "amount, currency or customer differ from the payment recorded for this txn_id"
    )

    assert await post(client, verifier.notification(**fields(shop))) == 200
    assert (await Payment.get(id=pending.id)).status is PaymentStatus.COMPLETED
    assert await balance(shop) == Decimal(20)


async def test_the_payer_email_finds_the_customer_without_custom_and_foreign_currency_converts(
    client: httpx.AsyncClient, verifier: Verifier, shop: Shop
) -> None:
    body = verifier.notification(
        **fields(shop, custom="", payer_email="PAYER@example.com", mc_currency="USD")
    )

    assert await post(client, body) == 200

    [payment] = await Payment.filter(customer_id=shop.customer.id)
    assert (payment.currency, payment.converted_amount, payment.rate) == ("USD", Decimal(18), Decimal("0.9"))
    assert await balance(shop) == Decimal(18)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"receiver_email": "someone@else.example"}, "receiver_email is no account's PayPal receiver"),
        ({"custom": "", "payer_email": "stranger@example.com"}, "payer_email is no customer's PayPal e-mail"),
        ({"mc_currency": "GBP"}, "CURRENCY_NOT_ALLOWED: This customer tops up in EUR, USD only."),
        (
            {"mc_gross": "4.99"},
            "BELOW_MINIMUM_PAYMENT: The customer's minimum payment is 5.00 EUR; this one is worth 4.99 EUR.",
        ),
        ({"mc_gross": "20.001"}, "INVALID: EUR amounts have at most 2 decimal places."),
        ({"mc_gross": "lots"}, "mc_gross is not an amount"),
        ({"payment_status": "Canceled_Reversal"}, "payment_status Canceled_Reversal changes nothing"),
        ({"txn_id": ""}, "txn_id missing"),
    ],
)
async def test_mismatching_notifications_change_nothing_and_say_why(
    client: httpx.AsyncClient, verifier: Verifier, shop: Shop, change: dict[str, str], reason: str
) -> None:
    logs = await unchanged(client, verifier.notification(**fields(shop, **change)))

    assert (logs[-1]["event"], logs[-1]["reason"]) == ("paypal_ipn.ignored", reason)


async def test_an_unknown_receiver_is_not_even_verified(
    client: httpx.AsyncClient, verifier: Verifier, shop: Shop
) -> None:
    await unchanged(client, verifier.notification(**fields(shop, receiver_email="x@else.example")))

    assert verifier.received == []


async def test_refunds_take_back_at_the_payments_rate_never_more_than_was_paid(
    client: httpx.AsyncClient, verifier: Verifier, shop: Shop
) -> None:
    assert (
        await post(client, verifier.notification(**fields(shop, mc_gross="10.00", mc_currency="USD"))) == 200
    )
    refund = {"payment_status": "Refunded", "parent_txn_id": "TXN1", "mc_currency": "USD"}

    assert await post(client, verifier.notification(**fields(shop, "R1", mc_gross="-4.00", **refund))) == 200
    logs = await unchanged(client, verifier.notification(**fields(shop, "R2", mc_gross="-6.01", **refund)))
    assert await post(client, verifier.notification(**fields(shop, "R3", mc_gross="-6.00", **refund))) == 200

    assert (
        logs[-1]["reason"] == "INVALID: A refund takes back at most what is left of the payment (6.00 USD)."
    )
    rows = await Payment.filter(customer_id=shop.customer.id).order_by("id")
    assert [(p.external_id, p.amount, p.converted_amount, p.status) for p in rows] == [
        ("TXN1", Decimal(10), Decimal(9), PaymentStatus.COMPLETED),
        ("R1", Decimal(-4), Decimal("-3.6"), PaymentStatus.COMPLETED),
        ("R3", Decimal(-6), Decimal("-5.4"), PaymentStatus.COMPLETED),
    ]
    assert rows[1].parent_id == rows[0].id
    assert await balance(shop) == Decimal(0)


async def test_a_denied_pending_payment_is_cancelled(
    client: httpx.AsyncClient, verifier: Verifier, shop: Shop
) -> None:
    assert await post(client, verifier.notification(**fields(shop, payment_status="Pending"))) == 200

    assert await post(client, verifier.notification(**fields(shop, payment_status="Denied"))) == 200

    [payment] = await Payment.filter(customer_id=shop.customer.id)
    assert payment.status is PaymentStatus.CANCELLED and await balance(shop) == Decimal(0)


async def test_the_body_is_posted_back_byte_for_byte_in_its_own_charset(
    client: httpx.AsyncClient, verifier: Verifier, shop: Shop
) -> None:
    values = {**fields(shop), "charset": "windows-1252", "first_name": "Jérôme"}
    body = urlencode(values, encoding="windows-1252").encode()
    verifier.sent.add(body)

    assert await post(client, body) == 200

    assert verifier.received == [b"cmd=_notify-validate&" + body]
    assert await balance(shop) == Decimal(20)


async def test_when_paypal_cannot_verify_now_the_answer_asks_for_a_resend(
    client: httpx.AsyncClient, verifier: Verifier, shop: Shop
) -> None:
    verifier.answer = (500, b"oops")

    logs = await unchanged(client, verifier.notification(**fields(shop)), status=503)

    assert (logs[-1]["event"], logs[-1]["reason"]) == (
        "paypal_ipn.unverified",
        "verification answered HTTP 500",
    )


async def test_the_verifier_goes_through_the_outbound_address_policy(verifier: Verifier, shop: Shop) -> None:
    body = verifier.notification(**fields(shop))
    before = await db_state()

    outcome = await handle_notification(body, HttpVerifier(verifier.url, 5.0, allow_private=False))

    assert (outcome.status, outcome.reason) == (503, "destination address not allowed")
    assert verifier.received == []
    assert await db_state() == before


async def test_the_receiver_is_set_case_folded_and_belongs_to_one_account(shop: Shop) -> None:
    other = await make_account()
    actor = make_actor(other)

    taken = await refused(
        update_settings(actor, AccountSettingsPatch(paypal_receiver_email=RECEIVER.upper()))
    )
    account = await update_settings(
        actor, AccountSettingsPatch(paypal_receiver_email=" Sales@Other.example ")
    )

    assert taken == [
        FieldError(
            ErrorCode.DUPLICATE,
            "Another account receives PayPal payments at this address.",
            ("paypal_receiver_email",),
        )
    ]
    assert account.paypal_receiver_email == "sales@other.example"


async def test_a_completed_notification_issues_one_receipt_and_its_replay_none(
    client: httpx.AsyncClient, verifier: Verifier, shop: Shop
) -> None:
    await Customer.filter(id=shop.customer.id).update(create_invoice_on_payment=True)
    pending = verifier.notification(**fields(shop, payment_status="Pending"))
    completed = verifier.notification(**fields(shop))

    assert await post(client, pending) == 200
    assert await Invoice.filter(customer_id=shop.customer.id).count() == 0
    assert await post(client, completed) == 200
    await unchanged(client, completed)

    payment = await Payment.get(external_id="TXN1")
    receipts = await Invoice.filter(customer_id=shop.customer.id).values_list(
        "number", "period", "status", "total", "payment_id"
    )
    assert receipts == [(1, InvoicePeriod.RECEIPT, InvoiceStatus.PAID, Decimal("20.00"), payment.id)]
    assert await PaymentAllocation.filter(payment_id=payment.id).values_list("amount", "by_label") == [
        (Decimal("20.00"), "PayPal IPN")
    ]
