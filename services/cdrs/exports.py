"""CSV exports of call data: the summary rows of some customers, and the CDRs behind one
summary row (its hour, day, week or month). A mutation makes a signed, short-lived link
(services/cdrs/export_links.py) and audits it as an EXPORT; `GET /exports/<token>` streams the
CSV (services/cdrs/export_csv.py).

Who may: the summaries' readers (customers:read or billing:read) of customers they can see;
in the portal, the contact's own customer unless its portal hides the CDR section (CDR
exports) or the SUMMARY section (summary exports). The same is checked again when the link is
fetched, with the principal as it is then: a revoked key, an ended session, a deactivated user,
a lost permission, a customer out of sight or deleted all refuse the download."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from models import CdrHourlySummary
from models.enums import AuditAction, PortalSection
from services.actor import Actor, RequestOrigin
from services.auth import PrincipalRef, principal_actor
from services.cdrs import export_csv
from services.cdrs.export_links import ExportGrant, ExportKind, LinkError, new_link_id, sign, verify
from services.cdrs.summaries import (
    READERS,
    SummaryPeriod,
    SummaryQuery,
    SummaryRange,
    next_period,
    period_start,
    resolve_range,
)
from services.customers.scope import visible_customers
from services.errors import ErrorCode, ServiceError, not_found, permission_denied
from services.portal import forbidden, shows
from services.uow import unit_of_work
from settings import Settings

MAX_EXPORT_CUSTOMERS = 100  # ids travel in the link: a URL of a few hundred bytes
TABLES = {ExportKind.CDRS: "cdr", ExportKind.SUMMARIES: "cdr_hourly_summary"}
SECTIONS = {ExportKind.CDRS: PortalSection.CDR, ExportKind.SUMMARIES: PortalSection.SUMMARY}


@dataclass(frozen=True)
class ExportLink:
    url: str
    expires_at: datetime
    filename: str
    row_estimate: int | None


@dataclass(frozen=True)
class _Customer:
    id: int
    name: str
    currency: str


def require_exporter(actor: Actor, kind: ExportKind) -> PrincipalRef:
    """The summaries' readers, minus a portal whose customer hides the section; and a principal
    that can be checked again at download (the system, acting for no one, cannot)."""
    if not any(actor.can(p) for p in READERS):
        raise permission_denied()
    if not shows(actor, SECTIONS[kind]):
        raise forbidden()
    ref = PrincipalRef.of(actor)
    if ref is None:
        raise permission_denied("Export links are made for a user, a contact or an API key.")
    return ref


def cdr_range(period: SummaryPeriod, start: datetime | None, now: datetime) -> SummaryRange:
    """The CDRs behind one summary row: the hour, day, ISO week or month that `start` lies in.
    LAST_24_HOURS without `start` is the whole 24-hour view ending with the current hour."""
    if start is None:
        if period is SummaryPeriod.LAST_24_HOURS:
            return resolve_range(SummaryQuery(period), now)
        raise ServiceError.single(ErrorCode.REQUIRED, "start is required for this period.", "start")
    first = period_start(period, start)
    return SummaryRange(period, first, next_period(period, first))


async def create_cdr_export(
    settings: Settings,
    actor: Actor,
    customer_id: int,
    period: SummaryPeriod,
    start: datetime | None,
    reason: str | None = None,
    now: datetime | None = None,
) -> ExportLink:
    """A link to the CSV of one customer's CDRs over one summary row's period, audited."""
    ref = require_exporter(actor, ExportKind.CDRS)
    now = now or datetime.now(UTC)
    resolved = cdr_range(period, start, now)
    customer = (await _visible(actor, [customer_id], "customer_id"))[0]
    attempts = await CdrHourlySummary.filter(
        customer_id=customer.id, hour__gte=resolved.start, hour__lt=resolved.end
    ).values_list("attempts", flat=True)  # at most 744 hourly rows (a month)
    grant = _grant(settings, ExportKind.CDRS, actor, ref, [customer.id], resolved, now)
    return await _issue(settings, actor, grant, [customer], sum(int(str(a)) for a in attempts), reason)


async def create_summary_export(
    settings: Settings,
    actor: Actor,
    customer_ids: Sequence[int],
    query: SummaryQuery,
    reason: str | None = None,
    now: datetime | None = None,
) -> ExportLink:
    """A link to the CSV of these customers' summary rows over the query's range, audited."""
    ref = require_exporter(actor, ExportKind.SUMMARIES)
    now = now or datetime.now(UTC)
    resolved = resolve_range(query, now)
    ids = list(dict.fromkeys(customer_ids))
    if len(ids) > MAX_EXPORT_CUSTOMERS:
        raise ServiceError.single(
            ErrorCode.TOO_MANY, f"At most {MAX_EXPORT_CUSTOMERS} customers per export.", "customer_ids"
        )
    customers = await _visible(actor, ids, "customer_ids")
    grant = _grant(settings, ExportKind.SUMMARIES, actor, ref, ids, resolved, now)
    rows = len(ids) * len(resolved.period_starts())
    return await _issue(settings, actor, grant, customers, rows, reason)


def _grant(
    settings: Settings,
    kind: ExportKind,
    actor: Actor,
    ref: PrincipalRef,
    customer_ids: list[int],
    resolved: SummaryRange,
    now: datetime,
) -> ExportGrant:
    expires = now.replace(microsecond=0) + timedelta(minutes=settings.export_link_minutes)
    return ExportGrant(
        kind=kind,
        account_id=actor.account_id,
        principal=ref,
        customer_ids=tuple(customer_ids),
        period=resolved.period,
        start=resolved.start,
        end=resolved.end,
        expires_at=expires,
        link_id=new_link_id(),
    )


async def _issue(
    settings: Settings,
    actor: Actor,
    grant: ExportGrant,
    customers: list[_Customer],
    row_estimate: int,
    reason: str | None,
) -> ExportLink:
    """Audit the link (one EXPORT entry per customer, in one transaction) and hand it out."""
    what = "CDR" if grant.kind is ExportKind.CDRS else "Summary"
    span = f"{grant.period.value} {grant.start.isoformat()} to {grant.end.isoformat()}"
    async with unit_of_work(actor, reason, is_change=False) as uow:
        for customer in customers:
            uow.audit(
                AuditAction.EXPORT,
                TABLES[grant.kind],
                customer.id,
                f"{what} export link {grant.link_id} ({span}), valid until {grant.expires_at.isoformat()}",
                customer_id=customer.id,
            )
    token = sign(grant, settings.signing_key())
    url = f"{settings.public_url.rstrip('/')}/exports/{token}"
    return ExportLink(url, grant.expires_at, export_csv.filename(grant), row_estimate)


async def _visible(actor: Actor, ids: Sequence[int], field: str) -> list[_Customer]:
    """The customers, in the order given; NOT_FOUND at the place of any the actor cannot see."""
    rows = await visible_customers(actor).filter(id__in=list(ids)).values_list("id", "name", "currency")
    found = {int(i): _Customer(int(i), str(name), str(currency)) for i, name, currency in rows}
    missing = [n for n, customer_id in enumerate(ids) if customer_id not in found]
    if missing:
        path = (field,) if field == "customer_id" else (field, str(missing[0]))
        raise not_found("Customer", *path)
    return [found[customer_id] for customer_id in ids]


# --- downloads -------------------------------------------------------------------------------


class Refusal(StrEnum):
    """Why a link does not download: not ours (INVALID), out of time (EXPIRED), its principal
    no longer authenticates or may not (DENIED), its customers are out of sight (NOT_FOUND)."""

    INVALID = "INVALID"
    EXPIRED = "EXPIRED"
    DENIED = "DENIED"
    NOT_FOUND = "NOT_FOUND"


class DownloadRefused(Exception):
    def __init__(self, refusal: Refusal, message: str) -> None:
        super().__init__(message)
        self.refusal = refusal


@dataclass(frozen=True)
class Download:
    grant: ExportGrant
    filename: str
    body: AsyncIterator[bytes]


async def open_download(
    settings: Settings, token: str, origin: RequestOrigin, now: datetime | None = None
) -> Download:
    """The CSV a link names, checked against its signature, its expiry and the principal and
    customers as they are now; DownloadRefused otherwise. Nothing is read before the checks."""
    try:
        grant = verify(token, settings.signing_key())
    except LinkError:
        raise DownloadRefused(Refusal.INVALID, "This export link is not valid.") from None
    if grant.expired(now or datetime.now(UTC)):
        raise DownloadRefused(Refusal.EXPIRED, "This export link has expired; make a new one.")
    actor = await principal_actor(grant.principal, grant.account_id, origin)
    if actor is None:
        raise DownloadRefused(Refusal.DENIED, "The principal of this export link is no longer signed in.")
    try:
        require_exporter(actor, grant.kind)
        customers = await _visible(actor, grant.customer_ids, "customer_ids")
    except ServiceError as exc:
        refusal = Refusal.NOT_FOUND if exc.errors[0].code is ErrorCode.NOT_FOUND else Refusal.DENIED
        raise DownloadRefused(refusal, exc.errors[0].message) from None
    batch = settings.export_batch_rows
    if grant.kind is ExportKind.CDRS:
        customer = customers[0]
        body = export_csv.cdr_csv(grant, customer.id, customer.currency, batch)
    else:
        currencies = {c.id: c.currency for c in customers}
        names = {c.id: c.name for c in customers}
        body = export_csv.summary_csv(actor, grant, currencies, names, batch)
    return Download(grant, export_csv.filename(grant), body)
