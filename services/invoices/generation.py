"""Generating invoices from the hourly summaries.

- One invoice per customer and whole summary period (DAILY, WEEKLY from Monday, MONTHLY; UTC),
  and only for a period that is over. Asking again for a period that has one returns it
  (unique per customer, period and start), so retries are safe. A period that overlaps an
  invoice of another length (a schedule changed from MONTHLY to WEEKLY) is PERIOD_OVERLAP,
  unless that invoice is VOID.
- Lines are the period's days (UTC) with calls; amounts follow services/invoices/money.py.
- Numbers: consecutive per account, without gaps. The number is taken from the account's
  counter row, locked (FOR UPDATE on PostgreSQL; SQLite's write transaction holds the database)
  in the transaction that writes the invoice, so a generation that rolls back or dies gives its
  number back. The lock is taken first, so generations of one account are serialized: the
  "does the period have an invoice?" check and the insert cannot interleave.
- Empty periods: `invoicesGenerate` (an explicit request) gives a zero invoice for a period
  without billable calls; auto-generation gives none and moves on (no zero invoices).
- Auto-generation (`invoicesAutoGenerate`, and the scheduler for every customer whose schedule
  is not NONE) fills every missing complete period of the customer's schedule from the
  customer's cursor (at first, the period of its creation) up to the last complete period, at
  most MAX_AUTO_PERIODS per run, in one transaction per customer. The cursor row is read under
  the counter lock, so two schedulers on the same customer serialize and the second finds
  nothing left to do. After a schedule change the new schedule starts with its first period
  that begins at or after the cursor (days in between are generated on request).
- Invoices are created DRAFT; `issue=True` issues them at once (the scheduler does: a schedule
  exists so that the customer receives its invoices), which e-mails them (services/invoices/sending.py)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import Q

from models import Customer, Invoice, InvoiceCounter, InvoiceCursor, InvoiceLine
from models.enums import AuditAction, InvoicePeriod, InvoiceSchedule, InvoiceStatus, Permission
from services import jobs
from services.actor import Actor, system_actor
from services.cdrs import rollup
from services.cdrs.summaries import SummaryPeriod, next_period, period_start
from services.customers.scope import visible_customers
from services.errors import ErrorCode, FieldError, ServiceError, not_found
from services.invoices import money
from services.invoices.lifecycle import issue_locked
from services.uow import UnitOfWork, unit_of_work

TABLE = "invoice"
AUTO_GENERATE_ALL = jobs.declare("invoices.auto_generate", queue="maintenance")
MAX_PERIODS = 100  # periods in one invoicesGenerate
MAX_AUTO_PERIODS = 400  # periods one auto-generation run fills per customer
DAY = timedelta(days=1)


@dataclass(frozen=True)
class PeriodRef:
    """A summary period as a client names it: its length and any moment inside it (normally
    its start)."""

    period: InvoicePeriod
    start: datetime


@dataclass(frozen=True)
class DaySums:
    day: date
    attempts: int
    connected: int
    billed_duration: int
    charge_units: int


def resolve_period(ref: PeriodRef) -> tuple[datetime, datetime]:
    """The whole UTC period that `ref.start` lies in."""
    moment = ref.start.replace(tzinfo=UTC) if ref.start.tzinfo is None else ref.start
    start = period_start(SummaryPeriod(ref.period.value), moment)
    return start, next_period(SummaryPeriod(ref.period.value), start)


async def generate_invoices(
    actor: Actor,
    customer_id: int,
    periods: Sequence[PeriodRef],
    reason: str | None = None,
    *,
    issue: bool = False,
    now: datetime | None = None,
) -> list[Invoice]:
    """One invoice per period (the existing one where there is one), in the order asked; all in
    one transaction: a refused period refuses them all."""
    actor.require(Permission.INVOICES_WRITE)
    now = now or datetime.now(UTC)
    resolved = _check_periods(periods, now)
    await _rolled_up(customer_id)
    async with unit_of_work(actor, reason) as uow:
        await lock_counter(uow)
        customer = await _customer(uow, customer_id)
        invoices = []
        for index, (kind, start, end) in enumerate(resolved):
            try:
                invoice = await _generate_one(uow, customer, kind, start, end, keep_empty=True)
            except ServiceError as exc:
                raise ServiceError([e.under("periods", str(index)) for e in exc.errors]) from exc
            assert invoice is not None
            if issue and invoice.status is InvoiceStatus.DRAFT:
                await issue_locked(uow, invoice, customer)
            invoices.append(invoice)
    return invoices


def _check_periods(
    periods: Sequence[PeriodRef], now: datetime
) -> list[tuple[InvoicePeriod, datetime, datetime]]:
    if not periods:
        raise ServiceError.single(ErrorCode.REQUIRED, "Give at least one period.", "periods")
    if len(periods) > MAX_PERIODS:
        raise ServiceError.single(ErrorCode.TOO_MANY, f"At most {MAX_PERIODS} periods at once.", "periods")
    resolved: list[tuple[InvoicePeriod, datetime, datetime]] = []
    errors: list[FieldError] = []
    for index, ref in enumerate(periods):
        if ref.period is InvoicePeriod.RECEIPT:
            errors.append(
                FieldError(
                    ErrorCode.INVALID,
                    "A receipt is issued for a payment (createInvoiceOnPayment), not generated.",
                    ("periods", str(index), "period"),
                )
            )
            continue
        start, end = resolve_period(ref)
        if end > now:
            errors.append(
                FieldError(
                    ErrorCode.PERIOD_NOT_COMPLETE,
                    f"The period from {start.isoformat()} is not over yet (it ends {end.isoformat()}).",
                    ("periods", str(index), "start"),
                )
            )
        resolved.append((ref.period, start, end))
    if errors:
        raise ServiceError(errors)
    return resolved


async def _customer(uow: UnitOfWork, customer_id: int) -> Customer:
    customer = await visible_customers(uow.actor).using_db(uow.conn).get_or_none(id=customer_id)
    if customer is None:
        raise not_found("Customer", "customer_id")
    return customer


async def lock_counter(uow: UnitOfWork) -> InvoiceCounter:
    """The account's invoice counter, locked until commit (created on first use)."""
    account_id = uow.actor.account_id
    postgres = uow.conn.capabilities.dialect == "postgres"
    mark = "$1" if postgres else "?"
    await uow.conn.execute_query(
        f"INSERT INTO invoice_counter (account_id, next_number) VALUES ({mark}, 1) "
        "ON CONFLICT (account_id) DO NOTHING",
        [account_id],
    )
    counter = await uow.locked(InvoiceCounter.filter(account_id=account_id)).get()
    return counter


async def take_number(uow: UnitOfWork) -> int:
    """The account's next invoice number, taken in the caller's transaction: call `lock_counter`
    first (before any other lock of the transaction's invoices), so numbers stay gap-free."""
    counter = await uow.locked(InvoiceCounter.filter(account_id=uow.actor.account_id)).get()
    number = int(counter.next_number)
    await (
        InvoiceCounter.filter(account_id=counter.account_id).using_db(uow.conn).update(next_number=number + 1)
    )
    return number


async def _generate_one(
    uow: UnitOfWork,
    customer: Customer,
    kind: InvoicePeriod,
    start: datetime,
    end: datetime,
    *,
    keep_empty: bool,
    days: list[DaySums] | None = None,
) -> Invoice | None:
    """The period's invoice: the existing one, a new one, or None (nothing billable and not
    `keep_empty`)."""
    existing = (
        await Invoice.filter(customer_id=customer.id, period=kind, period_start=start)
        .using_db(uow.conn)
        .first()
    )
    if existing is not None:
        return existing
    await _check_overlap(uow, customer, kind, start, end)
    if days is None:
        days = await day_sums(uow.conn, customer.id, start, end)
    if not keep_empty and not any(d.charge_units for d in days):
        return None
    return await _create(uow, customer, kind, start, end, days)


async def _check_overlap(
    uow: UnitOfWork, customer: Customer, kind: InvoicePeriod, start: datetime, end: datetime
) -> None:
    other = (
        await Invoice.filter(customer_id=customer.id, period_start__lt=end, period_end__gt=start)
        .exclude(status=InvoiceStatus.VOID)
        .exclude(period=InvoicePeriod.RECEIPT)  # a receipt bills a payment, not a period
        .using_db(uow.conn)
        .first()
    )
    if other is not None:
        raise ServiceError.single(
            ErrorCode.PERIOD_OVERLAP,
            f"Invoice {other.number} ({other.period.value}, from {other.period_start.isoformat()}) "
            "already covers part of this period: void it first.",
            "start",
        )


async def _create(
    uow: UnitOfWork,
    customer: Customer,
    kind: InvoicePeriod,
    start: datetime,
    end: datetime,
    days: list[DaySums],
) -> Invoice:
    currency = customer.currency
    amounts = money.lines_minor([d.charge_units for d in days], currency)
    subtotal = sum(amounts)
    tax = money.tax_minor(subtotal, customer.tax_percent)
    issue_date = uow.now.date()
    invoice = await Invoice.create(
        account_id=customer.account_id,
        customer_id=customer.id,
        number=await take_number(uow),
        period=kind,
        period_start=start,
        period_end=end,
        currency=currency,
        subtotal=money.as_amount(subtotal, currency),
        tax_percent=customer.tax_percent,
        tax=money.as_amount(tax, currency),
        total=money.as_amount(subtotal + tax, currency),
        charge_units=sum(d.charge_units for d in days),
        issue_date=issue_date,
        due_date=issue_date + timedelta(days=customer.invoice_due_days),
        using_db=uow.conn,
    )
    lines = [
        InvoiceLine(
            invoice_id=invoice.id,
            position=position,
            description=f"Calls on {d.day.isoformat()}",
            day=d.day,
            attempts=d.attempts,
            connected=d.connected,
            billed_duration=d.billed_duration,
            charge_units=d.charge_units,
            amount=money.as_amount(amount, currency),
        )
        for position, (d, amount) in enumerate(zip(days, amounts, strict=True), start=1)
    ]
    if lines:
        await InvoiceLine.bulk_create(lines, using_db=uow.conn)
    uow.audit(
        AuditAction.GENERATE,
        TABLE,
        invoice.id,
        f"Generated invoice {invoice.number} ({kind.value} from {start.date().isoformat()}): "
        f"total {invoice.total} {currency}",
        customer_id=customer.id,
        diff={
            "number": {"old": None, "new": invoice.number},
            "status": {"old": None, "new": invoice.status.value},
            "total": {"old": None, "new": str(invoice.total)},
        },
    )
    return invoice


_DAY_SQL = {
    "postgres": """SELECT date_trunc('day', hour AT TIME ZONE 'UTC'), sum(attempts), sum(connected),
        sum(billed_duration), sum(charge_units) FROM cdr_hourly_summary
        WHERE customer_id = $1 AND hour >= $2 AND hour < $3 GROUP BY 1 ORDER BY 1""",
    "sqlite": """SELECT substr(hour, 1, 10), sum(attempts), sum(connected), sum(billed_duration),
        sum(charge_units) FROM cdr_hourly_summary
        WHERE customer_id = ? AND hour >= ? AND hour < ? GROUP BY 1 ORDER BY 1""",
}


async def day_sums(
    conn: BaseDBAsyncClient, customer_id: int, start: datetime, end: datetime
) -> list[DaySums]:
    """The customer's hourly summaries of [start, end) summed per UTC day (days with rows only)."""
    dialect = conn.capabilities.dialect
    if dialect == "postgres":
        values: list[object] = [customer_id, start, end]
    else:
        values = [
            customer_id,
            start.astimezone(UTC).isoformat(sep=" "),
            end.astimezone(UTC).isoformat(sep=" "),
        ]
    _count, rows = await conn.execute_query(
        _DAY_SQL["postgres" if dialect == "postgres" else "sqlite"], values
    )
    return [
        DaySums(_as_date(row[0]), int(row[1]), int(row[2]), int(row[3]), int(row[4]))
        for row in (tuple(r) for r in rows)
    ]


def _as_date(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    return date.fromisoformat(str(value)[:10])


# --- auto-generation ---------------------------------------------------------------------------


async def auto_generate(
    actor: Actor,
    customer_id: int,
    reason: str | None = None,
    *,
    issue: bool = False,
    now: datetime | None = None,
) -> list[Invoice]:
    """Every missing complete period of the customer's schedule (see the module's docstring);
    the invoices created by this run, oldest first."""
    actor.require(Permission.INVOICES_WRITE)
    now = now or datetime.now(UTC)
    await _rolled_up(customer_id)
    async with unit_of_work(actor, reason) as uow:
        await lock_counter(uow)
        customer = await _customer(uow, customer_id)
        return await _auto_generate_locked(uow, customer, issue, now)


async def _rolled_up(customer_id: int) -> None:
    """Fold the customer's CDRs that wait for the roll-up into its hourly summaries first, so an
    invoice bills every call recorded before it was generated (CDRs arriving later for a period
    already invoiced change the summaries, not the invoice)."""
    await rollup.roll_up(rollup.Scope(customer_ids=(customer_id,)))


async def _auto_generate_locked(
    uow: UnitOfWork, customer: Customer, issue: bool, now: datetime
) -> list[Invoice]:
    if customer.invoice_schedule is InvoiceSchedule.NONE:
        return []
    kind = InvoicePeriod(customer.invoice_schedule.value)
    summary_kind = SummaryPeriod(kind.value)
    cursor = await uow.locked(InvoiceCursor.filter(customer_id=customer.id)).first()
    start = _first_start(kind, cursor, customer)
    starts: list[datetime] = []
    while len(starts) < MAX_AUTO_PERIODS and next_period(summary_kind, start) <= now:
        starts.append(start)
        start = next_period(summary_kind, start)
    if not starts:
        return []
    by_day = {d.day: d for d in await day_sums(uow.conn, customer.id, starts[0], start)}
    created = []
    for period_begin in starts:
        period_end = next_period(summary_kind, period_begin)
        days = [by_day[day] for day in _days(period_begin, period_end) if day in by_day]
        before = (
            await Invoice.filter(customer_id=customer.id, period=kind, period_start=period_begin)
            .using_db(uow.conn)
            .exists()
        )
        invoice = await _generate_one(
            uow, customer, kind, period_begin, period_end, keep_empty=False, days=days
        )
        if invoice is None or before:
            continue
        if issue:
            await issue_locked(uow, invoice, customer)
        created.append(invoice)
    await _save_cursor(uow, customer.id, kind, cursor, start)
    return created


def _first_start(kind: InvoicePeriod, cursor: InvoiceCursor | None, customer: Customer) -> datetime:
    summary_kind = SummaryPeriod(kind.value)
    if cursor is None:
        return period_start(summary_kind, customer.created_at)
    if cursor.period is kind:
        return cursor.next_start
    start = period_start(summary_kind, cursor.next_start)
    return start if start >= cursor.next_start else next_period(summary_kind, start)


def _days(start: datetime, end: datetime) -> list[date]:
    days, moment = [], start
    while moment < end:
        days.append(moment.date())
        moment += DAY
    return days


async def _save_cursor(
    uow: UnitOfWork, customer_id: int, kind: InvoicePeriod, cursor: InvoiceCursor | None, next_start: datetime
) -> None:
    if cursor is None:
        await InvoiceCursor.create(
            customer_id=customer_id, period=kind, next_start=next_start, using_db=uow.conn
        )
    else:
        await (
            InvoiceCursor.filter(customer_id=customer_id)
            .using_db(uow.conn)
            .update(period=kind, next_start=next_start)
        )


@dataclass
class RunStats:
    customers: int = 0
    invoices: int = 0


async def auto_generate_all(
    batch: int = 200,
    *,
    now: datetime | None = None,
    issue: bool = True,
    hook: Callable[[int], Awaitable[None]] | None = None,
) -> RunStats:
    """The scheduler's run: every live customer whose schedule is not NONE, `batch` customers at
    a time in id order, one transaction per customer (a run killed midway leaves whole
    customers done and the rest for the next run), as the system of the customer's account.
    `hook(customer_id)` is awaited inside each customer's transaction before it commits, so a
    test can stop a run there, as a killed process would."""
    now = now or datetime.now(UTC)
    await rollup.roll_up()  # every pending CDR into the summaries, once for the whole run
    stats, after = RunStats(), 0
    while True:
        rows = (
            await Customer.filter(Q(id__gt=after), deleted_at__isnull=True)
            .exclude(invoice_schedule=InvoiceSchedule.NONE)
            .order_by("id")
            .limit(batch)
            .values_list("id", "account_id", "invoice_schedule", "created_at")
        )
        due = await _due(rows, now)
        for customer_id, account_id, *_rest in rows:
            stats.customers += 1
            if int(customer_id) not in due:
                continue
            async with unit_of_work(system_actor(int(account_id))) as uow:
                await lock_counter(uow)
                customer = await Customer.filter(id=customer_id).using_db(uow.conn).get()
                stats.invoices += len(await _auto_generate_locked(uow, customer, issue, now))
                if hook is not None:
                    await hook(int(customer_id))
        if len(rows) < batch:
            return stats
        after = int(rows[-1][0])


async def _due(rows: Sequence[tuple[Any, ...]], now: datetime) -> set[int]:
    """The customers of a batch with a complete period after their cursor (one statement): the
    others are skipped without a transaction. Read without a lock: a stale cursor only means a
    transaction that finds nothing to do (the cursor is read again under the lock)."""
    cursors = {
        int(c.customer_id): c for c in await InvoiceCursor.filter(customer_id__in=[int(r[0]) for r in rows])
    }
    due = set()
    for customer_id, _account_id, schedule, created_at in rows:
        kind = InvoicePeriod(InvoiceSchedule(schedule).value)
        customer = Customer(id=int(customer_id), created_at=created_at)
        start = _first_start(kind, cursors.get(int(customer_id)), customer)
        if next_period(SummaryPeriod(kind.value), start) <= now:
            due.add(int(customer_id))
    return due
