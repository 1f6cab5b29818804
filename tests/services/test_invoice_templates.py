"""Invoice templates: the sandbox refuses Python internals, endless loops and huge outputs are
cut off, saving checks the template, names are unique, a template in use is kept, and a
customer's template must be one of the account's (UNKNOWN_TEMPLATE)."""

from __future__ import annotations

import time

import pytest

from models import AuditEntry, InvoiceTemplate
from models.enums import Permission
from services.customers.commands import update_customer
from services.customers.values import CustomerPatch
from services.errors import ErrorCode, FieldError, ServiceError
from services.invoices import rendering, templates
from tests.factories import DENIED, make_account, make_actor, make_customer, refused

ESCAPES = [
    "{{ ''.__class__.__mro__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ lines.__class__.__init__.__globals__ }}",
    "{{ '{0.__class__}'.format(invoice) }}",
    "{{ invoice.update({'total': '0'}) }}",
]


@pytest.mark.parametrize("body", ESCAPES)
def test_reaching_for_python_internals_is_refused(body: str) -> None:
    with pytest.raises(ServiceError) as caught:
        rendering.render_sync(body, templates.sample_values())
    assert [(e.code, e.field) for e in caught.value.errors] == [(ErrorCode.INVALID_TEMPLATE, ("body",))]


def test_an_endless_loop_is_cut_off() -> None:
    body = "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"
    started = time.monotonic()
    with pytest.raises(ServiceError) as caught:
        rendering.render_sync(body, {}, seconds=0.3)
    assert time.monotonic() - started < 2
    assert caught.value.errors == [
        FieldError(ErrorCode.TEMPLATE_LIMIT, "The template took more than 0.3 s to render.", ("body",))
    ]


@pytest.mark.parametrize(
    "body", ["{{ 'x' * 100000000 }}", "{% for i in range(100000) %}{{ 'y' * 50 }}{% endfor %}"]
)
def test_a_huge_output_is_refused(body: str) -> None:
    with pytest.raises(ServiceError) as caught:
        rendering.render_sync(body, {})
    assert [e.code for e in caught.value.errors] == [ErrorCode.TEMPLATE_LIMIT]


def test_the_default_template_renders_the_sample_invoice_escaped() -> None:
    values = templates.sample_values()
    values["customer"]["name"] = "<script>x</script>"
    html = rendering.render_sync(rendering.default_template(), values)
    assert "Invoice 1001" in html and "Total €148.14" in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html and "<script>" not in html


async def test_templates_are_checked_unique_audited_and_kept_while_in_use() -> None:
    account = await make_account()
    admin = make_actor(
        account, [Permission.INVOICES_WRITE, Permission.INVOICES_READ, Permission.CUSTOMERS_WRITE]
    )
    plain = await templates.create_template(
        admin, " Plain ", "<p>{{ invoice.number }} {{ invoice.total }}</p>"
    )

    assert (plain.name, plain.account_id) == ("Plain", account.id)
    assert await refused(templates.create_template(admin, "Plain", "<p></p>")) == [
        FieldError(ErrorCode.DUPLICATE, "A template named Plain exists.", ("name",))
    ]
    assert [e.code for e in await refused(templates.create_template(admin, "Bad", "{% for %}"))] == [
        ErrorCode.INVALID_TEMPLATE
    ]
    assert [e.code for e in await refused(templates.update_template(admin, plain.id, None, ESCAPES[0]))] == [
        ErrorCode.INVALID_TEMPLATE
    ]
    assert (
        await refused(templates.create_template(make_actor(account, [Permission.INVOICES_READ]), "X", ""))
        == DENIED
    )

    # a customer takes it; it cannot be deleted then
    customer = await make_customer(account)
    await update_customer(admin, customer.id, CustomerPatch(invoice_template_id=plain.id))
    errors = await refused(templates.delete_template(admin, plain.id))
    assert [(e.code, e.counts) for e in errors] == [(ErrorCode.TEMPLATE_IN_USE, (("customers", 1),))]
    html = await templates.preview(admin, None, None)
    assert "Sample Customer Ltd" in html
    actions = await AuditEntry.filter(table_name="invoice_template").values_list("action", flat=True)
    assert actions == ["CREATE"]


async def test_a_customer_template_must_be_the_accounts() -> None:
    account, other = await make_account(), await make_account()
    theirs = await InvoiceTemplate.create(account_id=other.id, name="Theirs", body="<p></p>")
    customer = await make_customer(account)
    admin = make_actor(account)

    errors = await refused(update_customer(admin, customer.id, CustomerPatch(invoice_template_id=theirs.id)))

    assert errors == [
        FieldError(
            ErrorCode.UNKNOWN_TEMPLATE, "No such invoice template in this account.", ("invoice_template_id",)
        )
    ]
