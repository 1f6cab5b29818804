"""Benchmark: the worst validation time of a document under the body and token limits.

    uv run python bench/run_validation.py [--runs 5]

Generates documents of the shapes that make validation expensive (fragment doubling chains,
two-way chains, inline fragment nesting, alias fan-out, one field repeated, one fragment spread
many times, a mix), each as large as the token limit (default 5 000) and the body limit (200 000
bytes) allow, plus documents the limits let through that are as heavy as they can be (every field
of a type repeated up to the repeat limit, many distinct fragments, long literal inputs). Times
what a request's validation step does, in process, without the validation cache: parse with the
token limit, then `gql.limits.check_document` (the limits' walk, then graphql-core's rules for
documents it lets through). Prints a table (best of `--runs`, worst shape first) and writes
bench/results/validation.json. Needs no database.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from common import argument_parser, machine, parse_options, print_report, relative, write_json

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graphql import GraphQLError, parse, specified_rules

from gql.limits import check_document, clear_validation_caches
from gql.schema import schema
from settings import Settings

CUSTOMER_FIELDS = [
    "id",
    "name",
    "status",
    "channels",
    "flowSpeed",
    "debitLimit",
    "minimumPayment",
    "taxPercent",
    "currency",
    "balance",
    "channelsInUse",
    "tags",
    "vars",
    "invoiceSchedule",
    "invoiceDueDays",
    "externalAccountingId",
    "dailySpendLimit",
    "notes",
    "createdAt",
    "updatedAt",
]


@dataclass
class Options:
    runs: int


@dataclass
class Result:
    shape: str
    size: int
    bytes: int
    tokens: int
    outcome: str
    best_ms: float
    worst_ms: float


# --- shapes: each takes a size and returns a document --------------------------------------


def doubling_chain(n: int) -> str:
    fragments = [f"fragment F{i} on Customer{{...F{i + 1} ...F{i + 1} id}}" for i in range(n)]
    return "{customers{edges{node{...F0}}}} " + " ".join([*fragments, f"fragment F{n} on Customer{{id}}"])


def two_way_chain(n: int) -> str:
    fragments = [f"fragment {s}{i} on Query{{...A{i + 1} ...B{i + 1}}}" for i in range(n) for s in "AB"]
    return "{...A0} " + " ".join(
        [*fragments, f"fragment A{n} on Query{{__typename}}", f"fragment B{n} on Query{{__typename}}"]
    )


def inline_nesting(n: int) -> str:
    return "{viewer{" + "... on Viewer{kind " * n + "}" * n + "}}"


def alias_fan_out(n: int) -> str:
    return "{" + " ".join(f"a{i}:viewer{{kind}}" for i in range(n)) + "}"


def repeated_field(n: int) -> str:
    return "{" + " viewer{kind}" * n + "}"


def spread_fan_out(n: int) -> str:
    return "{" + " ...F" * n + "} fragment F on Query{viewer{kind}}"


def mixed(n: int) -> str:
    fragments = [
        f"fragment F{i} on Query{{... on Query{{...F{i + 1} x:__typename}} ...F{i + 1}}}" for i in range(n)
    ]
    return "{...F0} " + " ".join([*fragments, f"fragment F{n} on Query{{y:__typename}}"])


def fields_at_repeat_limit(n: int) -> str:
    """Accepted: every customer field 10 times (the repeat limit) in one node, `n` nodes aliased."""
    node = " ".join(CUSTOMER_FIELDS * 10)
    return "{" + " ".join(f"c{i}:customers(first:1){{edges{{node{{{node}}}}}}}" for i in range(n)) + "}"


def distinct_fragments(n: int) -> str:
    """Accepted or not: `n` distinct fragments on Customer, all spread in one node."""
    fragments = [
        f"fragment F{i} on Customer{{{CUSTOMER_FIELDS[i % len(CUSTOMER_FIELDS)]}}}" for i in range(n)
    ]
    spreads = " ".join(f"...F{i}" for i in range(n))
    return "{customers{edges{node{" + spreads + "}}}} " + " ".join(fragments)


def long_literal(n: int) -> str:
    """A mutation whose input is a long list literal (checked by graphql-core's value rules)."""
    ids = ",".join(f'"id{i}"' for i in range(n))
    return "mutation{customerBulkDelete(input:{ids:[" + ids + "]}){errors{code}}}"


def unknown_fields(n: int) -> str:
    """Refused by graphql-core: `n` distinct unknown fields (every one an error until 100)."""
    return "{" + " ".join(f"f{i}" for i in range(n)) + "}"


SHAPES: dict[str, Callable[[int], str]] = {
    "doubling chain": doubling_chain,
    "two-way chain": two_way_chain,
    "inline nesting": inline_nesting,
    "alias fan-out": alias_fan_out,
    "one field repeated": repeated_field,
    "one fragment spread n times": spread_fan_out,
    "mix (inline + aliases + spreads)": mixed,
    "every field at the repeat limit": fields_at_repeat_limit,
    "distinct fragments": distinct_fragments,
    "long list literal": long_literal,
    "unknown fields": unknown_fields,
}


def token_count(document: str) -> int | None:
    try:
        parse(document, max_tokens=10**9)
    except GraphQLError:
        return None
    from graphql.language import Lexer, Source, TokenKind

    lexer = Lexer(Source(document))
    count = 0
    while lexer.advance().kind is not TokenKind.EOF:
        count += 1
    return count


def largest(shape: Callable[[int], str], settings: Settings) -> Iterator[tuple[int, str]]:
    """The sizes of a shape that parse within the limits: a few steps up to the largest."""
    low, high = 1, 1
    while _fits(shape(high * 2), settings) and high < 1 << 20:
        high *= 2
    low = high
    while low < high * 2 - 1:  # binary search of the largest size that fits
        middle = (low + high * 2) // 2
        if _fits(shape(middle), settings):
            low = middle
        else:
            high = middle // 2
            break
    for size in sorted({max(1, low // 8), max(1, low // 4), max(1, low // 2), low}):
        if _fits(shape(size), settings):
            yield size, shape(size)


def _fits(document: str, settings: Settings) -> bool:
    if len(document) > settings.max_body_bytes - 100:
        return False
    try:
        parse(document, max_tokens=settings.max_tokens)
    except (GraphQLError, RecursionError):
        return False
    return True


def time_validation(document: str, settings: Settings, runs: int) -> tuple[str, float, float]:
    """What the request's validation step does, timed: parse with the token limit, then check."""
    timings = []
    outcome = ""
    for _ in range(runs):
        clear_validation_caches()  # an attacker sends a new document every time
        started = time.perf_counter()
        parsed = parse(document, max_tokens=settings.max_tokens)
        checked = check_document(
            schema._schema,
            parsed,
            query=document,
            variables={},
            operation_name_given=False,
            rules=tuple(specified_rules),
            settings=settings,
        )
        timings.append(time.perf_counter() - started)
        codes = sorted({str((e.extensions or {}).get("code", "INVALID")) for e in checked.errors})
        outcome = ",".join(codes) if codes else "accepted"
    return outcome, round(min(timings) * 1000, 2), round(max(timings) * 1000, 2)


def main() -> None:
    parser = argument_parser(__doc__)
    parser.add_argument("--runs", type=int, default=5, help="timings per document (best is reported)")
    options = parse_options(parser, Options)
    configured = Settings()
    lines: list[str] = []
    report: dict[str, object] = {"meta": machine()}
    for caller, tokens in (
        ("anonymous", configured.max_anonymous_tokens),
        ("signed-in", configured.max_tokens),
    ):
        settings = configured.model_copy(update={"max_tokens": tokens})
        results = measure_all(settings, options.runs)
        worst = results[0]
        lines += [
            f"{caller} caller: parse + limits + graphql-core rules, no cache; limits: {tokens} tokens, "
            f"{settings.max_body_bytes} bytes, repeats {settings.max_field_repeats}, "
            f"spreads {settings.max_fragment_spreads}",
            f"{'shape':36} {'size':>6} {'bytes':>7} {'tokens':>6} {'best ms':>8} {'worst ms':>9}  outcome",
            *(
                f"{r.shape:36} {r.size:>6} {r.bytes:>7} {r.tokens:>6} {r.best_ms:>8} {r.worst_ms:>9}  {r.outcome}"
                for r in results
            ),
            f"worst for a {caller} caller: {worst.best_ms} ms ({worst.shape}, {worst.bytes} bytes, "
            f"{worst.tokens} tokens)\n",
        ]
        report[caller] = {
            "max_tokens": tokens,
            "worst_ms": worst.best_ms,
            "results": [asdict(r) for r in results],
        }
    path = write_json("validation.json", report)
    print_report("\n".join(lines), str(relative(path)))


def measure_all(settings: Settings, runs: int) -> list[Result]:
    """Every shape at the sizes the limits let through, slowest first."""
    results: list[Result] = []
    for name, shape in SHAPES.items():
        for size, document in largest(shape, settings):
            outcome, best, slowest = time_validation(document, settings, runs)
            results.append(
                Result(name, size, len(document), token_count(document) or 0, outcome, best, slowest)
            )
    results.sort(key=lambda r: r.best_ms, reverse=True)
    return results


if __name__ == "__main__":
    main()
