"""An invoice end to end over real SMTP: generated and issued through the API, e-mailed by the
in-process worker to an SMTP server on loopback, one message per contact, each with the PDF
attached; the PDF opens and its text shows the total. The signed HTML link serves the same
invoice with a plain GET; a tampered link is 404."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from decimal import Decimal

import httpx
from pypdf import PdfReader

from models import Account, CdrHourlySummary
from models.enums import SmtpTlsMode
from tests.client import global_id, gql, make_principal
from tests.factories import make_account, make_contact, make_customer
from tests.workers.conftest import SmtpServer
from workers.inprocess import InProcessRunner

GENERATE = """
mutation($input: InvoicesGenerateInput!) {
  invoicesGenerate(input: $input) {
    invoices { id number status total currency htmlUrl pdfUrl }
    errors { code field message }
  }
}
"""


async def test_an_issued_invoice_reaches_every_contact_with_its_pdf(
    client: httpx.AsyncClient, runner: InProcessRunner, smtp_server: SmtpServer
) -> None:
    # given: a customer with two contacts and 1 234.5678 EUR of calls in January, tax 10 %
    account = await make_account("Acme Carrier")
    await Account.filter(id=account.id).update(
        email_from="billing@carrier.example",
        smtp_host="127.0.0.1",
        smtp_port=smtp_server.port,
        smtp_tls_mode=SmtpTlsMode.NONE,
    )
    customer = await make_customer(account, name="Globex", tax_percent=Decimal("10"))
    await make_contact(customer, email="ann@globex.example")
    await make_contact(customer, email="bob@globex.example")
    hour = datetime(2026, 1, 12, 10, tzinfo=UTC)
    await CdrHourlySummary.create(
        account_id=account.id,
        customer_id=customer.id,
        hour=hour,
        attempts=3,
        connected=2,
        duration=600,
        billed_duration=600,
        charge_units=12_345_678,
        cost_units=0,
        pdd_sum=0,
        computed_at=hour,
    )
    admin = await make_principal(client, account)

    # when: January is generated and issued at once; the worker delivers
    body = await gql(
        client,
        GENERATE,
        {
            "input": {
                "customerId": global_id("Customer", customer.id),
                "issue": True,
                "periods": [{"period": "MONTHLY", "start": "2026-01-01T00:00:00Z"}],
            }
        },
        admin.token,
    )
    await runner.join()

    # then: 1 234.57 + 123.46 tax = 1 358.03, one e-mail per contact, each with the PDF
    [invoice] = body["data"]["invoicesGenerate"]["invoices"]
    assert (invoice["number"], invoice["status"], invoice["total"], invoice["currency"]) == (
        1,
        "ISSUED",
        "1358.03",
        "EUR",
    )
    received = sorted(smtp_server.received, key=lambda r: r.rcpt_tos)
    assert [r.rcpt_tos for r in received] == [["ann@globex.example"], ["bob@globex.example"]]
    for mail in received:
        assert mail.email["Subject"] == "Invoice 1 from Acme Carrier"
        [pdf] = [
            part for part in mail.email.iter_attachments() if part.get_content_type() == "application/pdf"
        ]
        assert pdf.get_filename() == "invoice-1.pdf"
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.get_content())).pages)
        assert "Invoice 1" in text and "Total €1,358.03" in text, text

    # and the signed HTML link serves it; a tampered one is 404
    html = await client.get(invoice["htmlUrl"].replace("http://127.0.0.1:8000", ""))
    assert html.status_code == 200 and "Total €1,358.03" in html.text
    assert html.headers["content-security-policy"].startswith("default-src 'none'")
    tampered = await client.get(invoice["htmlUrl"].replace("http://127.0.0.1:8000", "")[:-3] + "AAA")
    assert tampered.status_code == 404


PAY = """
mutation($input: PaymentCreateInput!) {
  paymentCreate(input: $input) { payment { id } errors { code } }
}
"""
COMPLETE = """
mutation($id: ID!) {
  paymentComplete(input: {id: $id}) { payment { status unallocatedAmount allocations { amount } } errors { code } }
}
"""


async def test_a_completed_payment_mails_its_paid_receipt(
    client: httpx.AsyncClient, runner: InProcessRunner, smtp_server: SmtpServer
) -> None:
    # given: a customer that wants a receipt for each payment, with one contact
    account = await make_account("Acme Carrier")
    await Account.filter(id=account.id).update(
        email_from="billing@carrier.example",
        smtp_host="127.0.0.1",
        smtp_port=smtp_server.port,
        smtp_tls_mode=SmtpTlsMode.NONE,
    )
    customer = await make_customer(account, name="Prepaid", create_invoice_on_payment=True)
    await make_contact(customer, email="pay@prepaid.example")
    admin = await make_principal(client, account)

    # when: a 40.00 EUR payment is recorded and completed; the worker delivers
    made = await gql(
        client,
        PAY,
        {
            "input": {
                "customerId": global_id("Customer", customer.id),
                "amount": "40.00",
                "currency": "EUR",
                "method": "BANK_TRANSFER",
                "externalId": "W-77",
            }
        },
        admin.token,
    )
    done = await gql(client, COMPLETE, {"id": made["data"]["paymentCreate"]["payment"]["id"]}, admin.token)
    await runner.join()

    # then: the payment is wholly allocated to its receipt, e-mailed with a PDF showing it paid
    assert done["data"]["paymentComplete"] == {
        "payment": {"status": "COMPLETED", "unallocatedAmount": "0.00", "allocations": [{"amount": "40.00"}]},
        "errors": [],
    }
    [mail] = smtp_server.received
    assert mail.rcpt_tos == ["pay@prepaid.example"]
    assert mail.email["Subject"] == "Invoice 1 from Acme Carrier"
    [pdf] = [part for part in mail.email.iter_attachments() if part.get_content_type() == "application/pdf"]
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.get_content())).pages)
    assert "Invoice 1" in text and "Receipt: paid 40.00 EUR" in text and "Total €40.00" in text, text
    assert "Payment received (bank transfer W-77): 40.00 EUR" in text, text
