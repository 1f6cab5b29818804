"""Benchmark: invoice auto-generation and rendering (services/invoices/) on PostgreSQL, in process.

    uv run python bench/run_invoices.py [--customers 1000] [--renders 20] [--keep-db]

1. (Re)creates the database `switchboard_bench_invoices` and migrates it; seeds one account,
   `--customers` MONTHLY customers created on 1 Oct 2026 and a full month of hourly summary rows
   for each (bench/run_summaries.py's seed: 745 rows per customer, every hour with calls).
2. Times the scheduler's run (`auto_generate_all`, "now" = 1 Nov 2026 00:30 UTC): one October
   invoice per customer, 31 lines each, issued (no contacts: nothing to e-mail); then the re-run,
   which must create nothing.
3. Renders `--renders` invoices to HTML (default template, sandboxed) and to PDF (WeasyPrint):
   p50 and max each.
4. Prints a table, writes bench/results/invoices.json and drops the database (unless --keep-db).
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Any

from common import (
    add_keep_db,
    argument_parser,
    bench_database,
    latency,
    machine,
    machine_summary,
    parse_options,
    print_report,
    relative,
    server_version,
    write_json,
)
from run_summaries import MONTH_START, NOW, seed

DB_NAME = "switchboard_bench_invoices"


@dataclass
class Options:
    customers: int
    renders: int
    keep_db: bool


async def generate(account_id: int) -> dict[str, Any]:
    from models import Customer, Invoice
    from services.invoices.generation import auto_generate_all

    await Customer.filter(account_id=account_id).update(created_at=MONTH_START)
    started = time.perf_counter()
    stats = await auto_generate_all(now=NOW)
    seconds = time.perf_counter() - started
    started = time.perf_counter()
    rerun = await auto_generate_all(now=NOW)
    rerun_seconds = time.perf_counter() - started
    rows = await Invoice.filter(account_id=account_id).order_by("number").values_list("number", flat=True)
    numbers = [int(str(n)) for n in rows]
    assert numbers == list(range(1, len(numbers) + 1)), "numbers have a gap"
    return {
        "customers": stats.customers,
        "invoices": stats.invoices,
        "seconds": round(seconds, 2),
        "invoices_per_second": round(stats.invoices / seconds, 1),
        "rerun_invoices": rerun.invoices,
        "rerun_seconds": round(rerun_seconds, 2),
    }


async def render(account_id: int, count: int) -> dict[str, Any]:
    from models import Invoice
    from services.invoices.documents import invoice_html, invoice_pdf

    rows = (
        await Invoice.filter(account_id=account_id).order_by("id").limit(count).values_list("id", flat=True)
    )
    ids = [int(str(i)) for i in rows]
    html, pdf, size = [], [], 0
    for invoice_id in ids:
        started = time.perf_counter()
        await invoice_html(invoice_id)
        html.append(time.perf_counter() - started)
        started = time.perf_counter()
        size = len(await invoice_pdf(invoice_id))
        pdf.append(time.perf_counter() - started)
    html_stats, pdf_stats = latency(html), latency(pdf)
    return {
        "renders": len(ids),
        "html_p50_ms": html_stats.p50_ms,
        "html_max_ms": html_stats.max_ms,
        "pdf_p50_ms": pdf_stats.p50_ms,
        "pdf_max_ms": pdf_stats.max_ms,
        "pdf_bytes": size,
    }


async def run(options: Options) -> None:
    from tortoise import Tortoise

    from settings import Settings

    async with bench_database(DB_NAME, options.keep_db) as database_url:
        await Tortoise.init(config=Settings(database_url=database_url).tortoise_config())
        try:
            account_id, _ids, seed_seconds = await seed(database_url, options.customers)
            generated = await generate(account_id)
            rendered = await render(account_id, options.renders)
        finally:
            await Tortoise.close_connections()
        meta = {**machine(), "postgres": await server_version(database_url)}
    output = write_json(
        "invoices.json",
        {
            "meta": meta,
            "seed_seconds": round(seed_seconds, 1),
            "generation": generated,
            "rendering": rendered,
        },
    )
    g, r = generated, rendered
    lines = [
        f"Invoices, {options.customers} customers x a month of hourly summaries; {machine_summary(meta)}",
        f"auto-generation: {g['invoices']} invoices in {g['seconds']} s ({g['invoices_per_second']} invoices/s); "
        f"re-run: {g['rerun_invoices']} new in {g['rerun_seconds']} s",
        f"render ({r['renders']} invoices): HTML p50 {r['html_p50_ms']:.1f} ms (max {r['html_max_ms']:.1f}), "
        f"PDF p50 {r['pdf_p50_ms']:.1f} ms (max {r['pdf_max_ms']:.1f}), {r['pdf_bytes']} bytes",
    ]
    print_report("\n".join(lines), str(relative(output)))


def main() -> None:
    parser = argument_parser(__doc__)
    parser.add_argument("--customers", type=int, default=1000, help="customers with a month of summaries")
    parser.add_argument("--renders", type=int, default=20, help="invoices rendered to HTML and PDF")
    add_keep_db(parser, DB_NAME)
    asyncio.run(run(parse_options(parser, Options)))


if __name__ == "__main__":
    main()
