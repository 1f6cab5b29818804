"""CSV exports: cdrExportCreate and summaryExportCreate make signed links, `GET /exports/<token>`
streams the CSV. The CSV equals the rows in the database; the stream reads in batches; who may
make a link, and who may still fetch it; expired, forged and tampered links."""

from __future__ import annotations

import csv
import io
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from models import Account, ApiKey, AuditEntry, Cdr, Customer
from models.enums import AuditAction, Permission, PortalSection
from services.actor import system_actor
from services.cdrs import export_csv
from services.cdrs.export_links import sign, verify
from services.cdrs.exports import create_cdr_export
from services.cdrs.ingest import ingest_cdrs
from services.cdrs.reader import FeedFormat
from services.cdrs.rollup import roll_up
from services.cdrs.summaries import SummaryPeriod
from services.customers.commands import update_customer
from services.customers.values import CustomerPatch
from services.reference import currency_places
from settings import Settings
from tests.cdr_data import feed_actor, iso, ndjson, record, stream
from tests.client import contact_login, global_id, make_principal
from tests.conftest import GqlClient
from tests.factories import (
    PASSWORD,
    Principal,
    actor_of,
    db_state,
    make_account,
    make_contact,
    make_customer,
    make_reseller,
    make_role,
)
from tests.gql.cdrs.test_summaries_api import DAYS, customer_with_calls

KeyMaker = Callable[[list[Permission]], Awaitable[str]]
CDR_EXPORT = """mutation($input: CdrExportCreateInput!) { cdrExportCreate(input: $input) {
  url expiresAt export { url expiresAt filename rowEstimate } errors { field code } } }"""
SUMMARY_EXPORT = """mutation($input: SummaryExportCreateInput!) { summaryExportCreate(input: $input) {
  url expiresAt export { url expiresAt filename rowEstimate } errors { field code } } }"""
DAY = datetime(2026, 11, 20, tzinfo=UTC)


def call(customer: Customer, call_id: str, start: datetime, **overrides: Any) -> dict[str, Any]:
    """A connected call of 60 s starting at `start` (answered 3 s in)."""
    values = {
        "callId": call_id,
        "startedAt": iso(start),
        "answeredAt": iso(start + timedelta(seconds=3)),
        "endedAt": iso(start + timedelta(seconds=63)),
        **overrides,
    }
    return record(customer, **values)


async def calls(account: Account, customer: Customer) -> None:
    """Five calls on 2026-11-20 (two hours), one the day before and one the day after."""
    at = DAY + timedelta(hours=10, minutes=15)
    unanswered = {"answeredAt": None, "duration": 0, "billedDuration": 0, "disconnectCause": None}
    records = [
        call(customer, "a1", at, charge="0.0125", cost="0.0100"),
        call(customer, "a2", at - timedelta(minutes=5), charge="0.5000", cli="=1+2"),
        call(customer, "a3", at, charge="0", cost="0", **unanswered),
        call(customer, "b1", at + timedelta(hours=3)),
        call(customer, "b2", at + timedelta(hours=3, seconds=1)),
        call(customer, "before", DAY - timedelta(seconds=1)),
        call(customer, "after", DAY + timedelta(days=1)),
    ]
    result = await ingest_cdrs(feed_actor(account), stream(ndjson(records), 4096), FeedFormat.NDJSON)
    assert result.accepted == 7, result.as_json()


def rows_of(body: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.decode())))


def path_of(url: str) -> str:
    return url.removeprefix("http://127.0.0.1:8000")


def expected_line(cdr: Cdr, customer: Customer) -> list[str]:
    """A CDR as its CSV line must be, from the database row."""

    def money(units: int) -> str:
        exact = f"{units / 10_000:.4f}".rstrip("0")
        whole, _, fraction = exact.partition(".")
        return f"{whole}.{fraction.ljust(2, '0')}"

    cli = "'" + cdr.cli if cdr.cli.startswith("=") else cdr.cli
    return [
        cdr.call_id,
        global_id("Customer", customer.id),
        cdr.started_at.isoformat(),
        cdr.answered_at.isoformat() if cdr.answered_at else "",
        cdr.ended_at.isoformat(),
        str(cdr.duration),
        str(cdr.billed_duration),
        cli,
        cdr.destination,
        cdr.destination_prefix,
        cdr.destination_country,
        money(cdr.charge_units),
        money(cdr.cost_units),
        "EUR",
        str(cdr.pdd),
        "" if cdr.disconnect_cause is None else str(cdr.disconnect_cause),
    ]


# --- content ---------------------------------------------------------------------------------


async def test_a_cdr_export_streams_the_days_cdrs_exactly_as_in_the_database(
    client: httpx.AsyncClient, account: Account, admin: Principal, gql_client: Callable[..., GqlClient]
) -> None:
    customer = await make_customer(account, currency="EUR")
    await calls(account, customer)
    await roll_up()
    cid = global_id("Customer", customer.id)

    body = await gql_client(admin)(
        CDR_EXPORT, input={"customerId": cid, "period": "DAILY", "start": "2026-11-20T13:00:00Z"}
    )
    payload = body["data"]["cdrExportCreate"]
    response = await client.get(path_of(payload["url"]))

    assert payload["errors"] == []
    assert payload["export"]["filename"] == f"cdrs-{customer.id}-daily-2026-11-20.csv"
    assert payload["export"]["rowEstimate"] == 5
    assert (
        payload["url"] == payload["export"]["url"] and payload["expiresAt"] == payload["export"]["expiresAt"]
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert (
        response.headers["content-disposition"]
        == f'attachment; filename="cdrs-{customer.id}-daily-2026-11-20.csv"'
    )
    header, *lines = rows_of(response.content)
    assert header == list(export_csv.CDR_HEADER)
    in_db = await Cdr.filter(
        customer_id=customer.id, hour__gte=DAY, hour__lt=DAY + timedelta(days=1)
    ).order_by("hour", "started_at", "id")
    assert lines == [expected_line(cdr, customer) for cdr in in_db]
    assert [line[0] for line in lines] == ["a2", "a1", "a3", "b1", "b2"]
    # the literal forms: exact money past the cent, the currency's places, empty absent values
    assert lines[0][2:5] == [
        "2026-11-20T10:10:00+00:00",
        "2026-11-20T10:10:03+00:00",
        "2026-11-20T10:11:03+00:00",
    ]
    assert (lines[0][7], lines[0][11], lines[1][11], lines[1][12]) == ("'=1+2", "0.50", "0.0125", "0.01")
    assert (lines[2][3], lines[2][11], lines[2][15]) == ("", "0.00", "")
    [entry] = await AuditEntry.filter(action=AuditAction.EXPORT)
    assert (entry.table_name, entry.record_id, entry.customer_id, entry.actor_user_id) == (
        "cdr",
        str(customer.id),
        customer.id,
        admin.user.id,
    )
    assert entry.message.startswith("CDR export link ") and "DAILY 2026-11-20T00:00:00+00:00" in entry.message


async def test_the_cdr_stream_reads_in_batches(account: Account) -> None:
    customer = await make_customer(account)
    await calls(account, customer)
    end = DAY + timedelta(days=1)

    sizes = [len(rows) async for rows in export_csv.cdr_lines(account.id, customer.id, "EUR", DAY, end, 2)]
    chunks = [chunk async for chunk in export_csv.cdr_csv(_grant(account, customer), customer.id, "EUR", 2)]

    assert sizes == [2, 2, 1]
    assert [len(rows_of(chunk)) for chunk in chunks] == [1, 2, 2, 1]  # the header, then each batch


def _grant(account: Account, customer: Customer) -> Any:
    from models.enums import ActorKind
    from services.auth import PrincipalRef
    from services.cdrs.export_links import ExportGrant, ExportKind

    return ExportGrant(
        ExportKind.CDRS,
        account.id,
        PrincipalRef(ActorKind.API_KEY, 1),
        (customer.id,),
        SummaryPeriod.DAILY,
        DAY,
        DAY + timedelta(days=1),
        DAY + timedelta(days=2),
        "0" * 16,
    )


async def test_a_summary_export_of_two_customers_has_their_rows(
    client: httpx.AsyncClient, account: Account, api_key: KeyMaker, gql_client: Callable[..., GqlClient]
) -> None:
    first = await customer_with_calls(account, name="=Acme")
    second = await make_customer(account, currency="JPY", name="Zen")
    ids = [global_id("Customer", c.id) for c in (first, second)]

    body = await gql_client(await api_key([Permission.BILLING_READ]))(
        SUMMARY_EXPORT,
        input={
            "where": {"customerId": {"in": ids}},
            "period": "DAILY",
            "from": DAYS["from"],
            "to": DAYS["to"],
        },
    )
    payload = body["data"]["summaryExportCreate"]
    response = await client.get(path_of(payload["url"]))

    assert payload["errors"] == [] and payload["export"]["rowEstimate"] == 6
    assert payload["export"]["filename"] == "summaries-daily-2026-11-29-to-2026-12-02.csv"
    assert rows_of(response.content) == [
        list(export_csv.SUMMARY_HEADER),
        [
            ids[0],
            "'=Acme",
            "2026-11-29T00:00:00+00:00",
            "2026-11-30T00:00:00+00:00",
            "4",
            "3",
            "75.00",
            "100.00",
            "300",
            "306",
            "1.23",
            "0.50",
            "0.73",
            "59.50",
            "EUR",
        ],
        [
            ids[0],
            "'=Acme",
            "2026-11-30T00:00:00+00:00",
            "2026-12-01T00:00:00+00:00",
            "0",
            "0",
            "",
            "",
            "0",
            "0",
            "0.00",
            "0.00",
            "0.00",
            "",
            "EUR",
        ],
        [
            ids[0],
            "'=Acme",
            "2026-12-01T00:00:00+00:00",
            "2026-12-02T00:00:00+00:00",
            "5",
            "5",
            "100.00",
            "100.00",
            "500",
            "510",
            "2.50",
            "3.00",
            "-0.50",
            "-20.00",
            "EUR",
        ],
        *[
            [
                ids[1],
                "Zen",
                f"{d}T00:00:00+00:00",
                f"{e}T00:00:00+00:00",
                "0",
                "0",
                "",
                "",
                "0",
                "0",
                "0",
                "0",
                "0",
                "",
                "JPY",
            ]
            for d, e in (
                ("2026-11-29", "2026-11-30"),
                ("2026-11-30", "2026-12-01"),
                ("2026-12-01", "2026-12-02"),
            )
        ],
    ]
    assert await AuditEntry.filter(action=AuditAction.EXPORT, table_name="cdr_hourly_summary").count() == 2


# --- who may make a link ---------------------------------------------------------------------


async def _matrix_principals(
    client: httpx.AsyncClient, account: Account, api_key: KeyMaker, hidden: list[str]
) -> tuple[dict[str, str | None], Customer]:
    ours, theirs = await make_reseller(account, "A"), await make_reseller(account, "B")
    customer = await make_customer(account, reseller_id=ours.id, portal_hidden_sections=hidden)
    await make_role(
        account,
        "No read",
        [p for p in Permission if p not in (Permission.CUSTOMERS_READ, Permission.BILLING_READ)],
    )
    await make_contact(customer, email="clerk@own.example", password=PASSWORD)
    return {
        "anonymous": None,
        "wrong key": "sbk_000000000000_not-a-real-secret",
        "key without the permission": await api_key([Permission.CDRS_INGEST]),
        "key with billing:read": await api_key([Permission.BILLING_READ]),
        "staff without customers:read": (await make_principal(client, account, role_name="No read")).token,
        "partner of its reseller": (
            await make_principal(client, account, role_name="Partner", reseller=ours)
        ).token,
        "partner of another reseller": (
            await make_principal(client, account, role_name="Partner", reseller=theirs)
        ).token,
        "portal contact": (await contact_login(client, "clerk@own.example"))["accessToken"],
    }, customer


BASE_OUTCOME = {
    "anonymous": "UNAUTHENTICATED",
    "wrong key": "UNAUTHENTICATED",
    "key without the permission": "PERMISSION_DENIED",
    "key with billing:read": None,
    "staff without customers:read": "PERMISSION_DENIED",
    "partner of its reseller": None,
    "partner of another reseller": "NOT_FOUND",
}


@pytest.mark.parametrize(
    ("operation", "hidden", "contact"),
    [
        ("cdrExportCreate", ["CDR"], "FORBIDDEN"),
        ("cdrExportCreate", ["SUMMARY"], None),
        ("summaryExportCreate", ["SUMMARY"], "FORBIDDEN"),
        ("summaryExportCreate", ["CDR"], None),
    ],
)
async def test_authorization_matrix_of_making_a_link(
    client: httpx.AsyncClient,
    account: Account,
    api_key: KeyMaker,
    operation: str,
    hidden: list[str],
    contact: str | None,
) -> None:
    found, customer = await _matrix_principals(client, account, api_key, hidden)
    cid = global_id("Customer", customer.id)
    document, variables = (
        (CDR_EXPORT, {"customerId": cid, "period": "DAILY", "start": "2026-11-20T00:00:00Z"})
        if operation == "cdrExportCreate"
        else (SUMMARY_EXPORT, {"customerId": cid, **DAYS})
    )
    outcomes: dict[str, str | None] = {}
    for name, token in found.items():
        before = await db_state()
        payload = (await GqlClient(client, token)(document, input=variables))["data"][operation]
        outcomes[name] = payload["errors"][0]["code"] if payload["errors"] else None
        if outcomes[name] is not None:
            assert payload["export"] is None and await db_state() == before, name
        else:
            assert (await client.get(path_of(payload["url"]))).status_code == 200, name
    assert outcomes == {**BASE_OUTCOME, "portal contact": contact}


async def test_bad_input_is_refused_without_an_audit_entry(
    account: Account, admin: Principal, gql_client: Callable[..., GqlClient]
) -> None:
    customer = await make_customer(account)
    cid = global_id("Customer", customer.id)
    as_admin = gql_client(admin)
    before = await db_state()

    no_start = await as_admin(CDR_EXPORT, input={"customerId": cid, "period": "WEEKLY"})
    both = await as_admin(
        SUMMARY_EXPORT, input={"customerId": cid, "where": {"customerId": {"eq": cid}}, **DAYS}
    )
    too_many = await as_admin(
        SUMMARY_EXPORT,
        input={"where": {"customerId": {"in": [global_id("Customer", n) for n in range(1, 102)]}}, **DAYS},
    )

    assert no_start["data"]["cdrExportCreate"]["errors"] == [
        {"field": ["input", "start"], "code": "REQUIRED"}
    ]
    assert both["data"]["summaryExportCreate"]["errors"] == [
        {"field": ["input", "customerId"], "code": "INVALID"}
    ]
    assert too_many["data"]["summaryExportCreate"]["errors"] == [
        {"field": ["input", "customerIds"], "code": "TOO_MANY"}
    ]
    assert await db_state() == before


# --- who may still fetch it ------------------------------------------------------------------


async def _link(client: httpx.AsyncClient, token: str, customer: Customer) -> str:
    body = await GqlClient(client, token)(
        CDR_EXPORT, input={"customerId": global_id("Customer", customer.id), "period": "LAST_24_HOURS"}
    )
    url: str = body["data"]["cdrExportCreate"]["url"]
    return path_of(url)


async def test_expired_forged_and_tampered_links_are_refused_with_json(
    client: httpx.AsyncClient, account: Account, admin: Principal, settings: Settings
) -> None:
    customer = await make_customer(account)
    actor = await actor_of(admin.user)
    stale = await create_cdr_export(
        settings, actor, customer.id, SummaryPeriod.DAILY, DAY, now=datetime.now(UTC) - timedelta(hours=1)
    )
    good = await _link(client, admin.token, customer)
    token = good.removeprefix("/exports/")
    body, signature = token.split(".")
    grant = verify(token, settings.signing_key())
    forged = sign(grant, "another-secret-key-of-sufficient-length-000000")
    wider = sign(
        type(grant)(**{**vars(grant), "customer_ids": (customer.id + 1,)}), settings.signing_key()
    ).split(".")[0]

    answers = {
        name: await client.get(f"/exports/{value}")
        for name, value in {
            "expired": path_of(stale.url).removeprefix("/exports/"),
            "forged": forged,
            "tampered payload": f"{wider}.{signature}",
            "tampered signature": f"{body}.{signature[:-2]}AA",
            "garbage": "not-a-token",
            "empty signature": f"{body}.",
        }.items()
    }

    assert {name: (r.status_code, r.json()["code"]) for name, r in answers.items()} == {
        "expired": (410, "INVALID_TOKEN"),
        "forged": (403, "INVALID_TOKEN"),
        "tampered payload": (403, "INVALID_TOKEN"),
        "tampered signature": (403, "INVALID_TOKEN"),
        "garbage": (403, "INVALID_TOKEN"),
        "empty signature": (403, "INVALID_TOKEN"),
    }
    assert (await client.get(good)).status_code == 200


async def test_the_link_is_checked_again_against_the_principal_and_customer_as_they_are_now(
    client: httpx.AsyncClient, account: Account, api_key: KeyMaker
) -> None:
    ours, theirs = await make_reseller(account, "A"), await make_reseller(account, "B")
    customer = await make_customer(account, reseller_id=ours.id)
    key = await api_key([Permission.BILLING_READ])
    partner = await make_principal(client, account, role_name="Partner", reseller=ours)
    await make_contact(customer, email="clerk@own.example", password=PASSWORD)
    contact = (await contact_login(client, "clerk@own.example"))["accessToken"]
    links = {
        name: await _link(client, token, customer)
        for name, token in {"key": key, "partner": partner.token, "contact": contact}.items()
    }
    assert {name: (await client.get(link)).status_code for name, link in links.items()} == {
        "key": 200,
        "partner": 200,
        "contact": 200,
    }

    await ApiKey.all().update(revoked_at=datetime.now(UTC))
    await update_customer(
        system_actor(account.id),
        customer.id,
        CustomerPatch(reseller_id=theirs.id, portal_hidden_sections=[PortalSection.CDR]),
    )

    answers = {name: await client.get(link) for name, link in links.items()}
    assert {name: (r.status_code, r.json()["code"]) for name, r in answers.items()} == {
        "key": (403, "PERMISSION_DENIED"),
        "partner": (404, "NOT_FOUND"),
        "contact": (403, "PERMISSION_DENIED"),
    }


async def test_a_link_dies_with_its_session(
    client: httpx.AsyncClient, account: Account, admin: Principal, gql_client: Callable[..., GqlClient]
) -> None:
    customer = await make_customer(account)
    link = await _link(client, admin.token, customer)

    await gql_client(admin)("mutation { logout { errors { code } } }")

    response = await client.get(link)
    assert (response.status_code, response.json()["code"]) == (403, "PERMISSION_DENIED")


async def test_another_accounts_link_does_not_reach_this_account(
    client: httpx.AsyncClient, account: Account
) -> None:
    other = await make_account()
    theirs = await make_principal(client, other)
    customer = await make_customer(account)
    # a link minted with the other account's principal but naming this account's customer
    body = await GqlClient(client, theirs.token)(
        CDR_EXPORT, input={"customerId": global_id("Customer", customer.id), "period": "LAST_24_HOURS"}
    )

    assert body["data"]["cdrExportCreate"]["errors"] == [
        {"field": ["input", "customerId"], "code": "NOT_FOUND"}
    ]


@pytest.mark.parametrize("currency", ["EUR", "JPY", "BHD"])
async def test_the_database_writes_every_cell_as_the_python_formatter_does(
    account: Account, currency: str
) -> None:
    # PostgreSQL formats the CDR cells in SQL, SQLite in Python: the same text either way
    customer = await make_customer(account, currency=currency)
    texts = ["+4930123456", "+49 30 123", "-cmd", "=SUM(A1)", "@x", 'a,"b"', "\tx", "", "-1.5", "+", "x\ny"]
    moments = [
        DAY + timedelta(hours=1, microseconds=7),
        DAY + timedelta(hours=2, seconds=59, microseconds=999_999),
    ]
    for n, text in enumerate(texts):
        start = moments[n % 2] + timedelta(minutes=n)
        await Cdr.create(
            account_id=account.id,
            customer_id=customer.id,
            call_id=text or f"id-{n}",
            started_at=start,
            answered_at=None if n % 3 else start + timedelta(microseconds=1),
            ended_at=start + timedelta(seconds=n),
            hour=start.replace(minute=0, second=0, microsecond=0),
            duration=n,
            billed_duration=n,
            cli=text,
            destination=text[::-1],
            destination_prefix=text[:3],
            destination_country="DE",
            charge_units=[0, 1, 10, 125, 5000, 10_000, 123_456_789, 9_999, 100, 7, 40][n],
            cost_units=n * 1111,
            pdd=n,
            disconnect_cause=None if n % 2 else 486,
        )
    rows = await Cdr.filter(customer_id=customer.id).order_by("hour", "started_at", "id")
    places = currency_places(currency)
    cid = global_id("Customer", customer.id)
    raw = [
        (
            r.call_id,
            r.started_at,
            r.answered_at,
            r.ended_at,
            r.duration,
            r.billed_duration,
            r.cli,
            r.destination,
            r.destination_prefix,
            r.destination_country,
            r.charge_units,
            r.cost_units,
            r.pdd,
            r.disconnect_cause,
        )
        for r in rows
    ]

    written = [
        [str(cell) if cell is not None else "" for cell in line]
        async for lines in export_csv.cdr_lines(
            account.id, customer.id, currency, DAY, DAY + timedelta(days=1), 4
        )
        for line in lines
    ]

    expected = [[str(cell) for cell in export_csv._cdr_line(row, cid, currency, places)] for row in raw]
    assert written == expected
    assert (
        export_csv.units(123_456_789, places)
        == {"EUR": "12345.6789", "JPY": "12345.6789", "BHD": "12345.6789"}[currency]
    )
    assert export_csv.units(10_000, places) == {"EUR": "1.00", "JPY": "1", "BHD": "1.000"}[currency]
