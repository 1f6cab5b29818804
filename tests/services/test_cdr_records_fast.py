"""The feed's fast path for well-formed records (services/cdrs/records.py `fast_record`) agrees
with the full checker: for any record it either declines (None) or gives exactly the record
`check_record` gives; so the feed's records and rejection reasons do not depend on it. No
database."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from services.cdrs.export_csv import global_id
from services.cdrs.records import CdrRecord, RowError, check_record, fast_record, read_record

WELL_FORMED: dict[str, Any] = {
    "callId": "call-1",
    "customerId": global_id("Customer", 7),
    "startedAt": "2026-11-20T10:00:00+00:00",
    "answeredAt": "2026-11-20T10:00:03+00:00",
    "endedAt": "2026-11-20T10:02:03+00:00",
    "duration": 120,
    "billedDuration": 120,
    "cli": "+441234567890",
    "destination": "+4930123456",
    "destinationPrefix": "4930",
    "destinationCountry": "DE",
    "charge": "0.0240",
    "cost": "0.0120",
    "pdd": 2500,
    "disconnectCause": 200,
}

# Per key: plausible values, edge cases and wrong types; None drops the key.
ODD_TEXT = ["", " ", "\x00", " x ", "ß", "de", "DE ", "x" * 65, "\u0661\u0662", "a\x00b"]
ODD_NUMBERS: list[object] = [
    0,
    -1,
    1,
    2**31 - 1,
    2**31,
    864_000,
    864_001,
    True,
    1.0,
    "5",
    " 5",
    "-5",
    "05",
    "\u0665",
    "",
    "1_0",
]
ODD_MONEY: list[object] = [
    "0",
    "0.0001",
    "1.",
    ".5",
    "-0",
    "-0.5",
    "1e2",
    "NaN",
    "Infinity",
    " 1.5",
    "999999.9999",
    "1000000",
    "0.00001",
    "1_000",
    "\u0661",
    "0.10000",
    1,
    1.5,
    "",
    "12.30",
]
ODD_TIMES: list[object] = [
    "2026-11-20T10:00:00Z",
    "2026-11-20T10:00:00",
    "2026-11-20 10:00:00+01:00",
    " 2026-11-20T09:59:59+00:00",
    "2026-11-20T10:05:00.5-02:00",
    "tomorrow",
    "",
    5,
    "2026-11-20T10:00:00+00:00\x00",
]
KEYS_TEXT = ["callId", "cli", "destination", "destinationPrefix", "destinationCountry", "currency",
             "sipUsername", "sourceIp", "techPrefix", "customerId"]  # fmt: skip
KEYS_NUMBER = ["duration", "billedDuration", "pdd", "disconnectCause"]
KEYS_MONEY = ["charge", "cost"]
KEYS_TIME = ["startedAt", "answeredAt", "endedAt"]


def changes() -> st.SearchStrategy[dict[str, object]]:
    absent = st.just(None)
    per_key = {
        **{k: st.one_of(absent, st.sampled_from(ODD_TEXT), st.text(max_size=6)) for k in KEYS_TEXT},
        **{k: st.one_of(absent, st.sampled_from(ODD_NUMBERS), st.integers(-10, 10**10)) for k in KEYS_NUMBER},
        **{
            k: st.one_of(absent, st.sampled_from(ODD_MONEY), st.decimals(allow_nan=True).map(str))
            for k in KEYS_MONEY
        },
        **{k: st.one_of(absent, st.sampled_from(ODD_TIMES)) for k in KEYS_TIME},
    }
    return st.dictionaries(st.sampled_from(sorted(per_key)), st.just(0), max_size=4).flatmap(
        lambda chosen: st.fixed_dictionaries({k: per_key[k] for k in chosen})
    )


def outcome(line: int, raw: object, textual: bool) -> CdrRecord | str:
    try:
        return check_record(line, raw, textual)
    except RowError as exc:
        return f"rejected: {exc}"


def apply(changed: dict[str, object], textual: bool) -> dict[str, object]:
    record = dict(WELL_FORMED)
    for key, value in changed.items():
        if value is None:
            record.pop(key, None)
        else:
            record[key] = value
    if textual:  # a CSV row: every cell a string, an absent value an empty cell
        return {k: v if isinstance(v, str) else "" if v is None else str(v) for k, v in record.items()}
    return record


def test_the_fast_path_takes_the_well_formed_record() -> None:
    for textual in (False, True):
        raw = apply({}, textual)
        assert fast_record(3, raw, textual) == check_record(3, raw, textual)
        assert fast_record(3, raw, textual) is not None


@settings(max_examples=50, deadline=None)
@given(changed=changes(), textual=st.booleans())
def test_the_fast_path_gives_the_full_checkers_record_or_declines(
    changed: dict[str, object], textual: bool
) -> None:
    raw = apply(changed, textual)
    fast = fast_record(9, raw, textual)
    expected = outcome(9, raw, textual)
    if fast is not None:
        assert fast == expected
    try:
        assert read_record(9, raw, textual) == expected
    except RowError as exc:
        assert expected == f"rejected: {exc}"
