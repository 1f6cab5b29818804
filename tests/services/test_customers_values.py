"""The customer field cleaners (services.customers.values.clean_patch), called directly."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from models.enums import PortalSection, Weekday
from services.customers.values import NULLABLE, PATCH_FIELDS, CustomerPatch, DialWindow, clean_patch
from services.errors import ErrorCode, FieldError
from services.fields import row_values
from services.validation import UNSET


def clean_values(values: dict[str, Any], currency: str) -> tuple[dict[str, Any], list[FieldError]]:
    """The clean values that were given, and the errors."""
    cleaned, errors = clean_patch(CustomerPatch(**values), currency)
    return cleaned.given(), errors


def clean_one(name: str, value: Any, currency: str = "EUR") -> Any:
    cleaned, errors = clean_values({name: value}, currency)
    assert errors == [], errors
    return cleaned[name]


def error_of(name: str, value: Any, currency: str = "EUR") -> FieldError:
    cleaned, errors = clean_values({name: value}, currency)
    assert cleaned == {}
    assert len(errors) == 1, errors
    return errors[0]


@pytest.mark.parametrize(
    ("currency", "amount"),
    [
        ("EUR", "0.01"),
        ("EUR", "-12.30"),
        ("JPY", "1500"),
        ("JPY", "1500.0"),
        ("BHD", "0.125"),
        ("USD", "999999999999999.99"),
    ],
)
async def test_money_within_the_currency_minor_units_is_kept(currency: str, amount: str) -> None:
    assert clean_values({"debit_limit": Decimal(amount)}, currency) == ({"debit_limit": Decimal(amount)}, [])


@pytest.mark.parametrize(
    ("currency", "amount", "message"),
    [
        ("EUR", "0.001", "EUR amounts have at most 2 decimal places."),
        ("JPY", "0.5", "JPY amounts have at most 0 decimal places."),
        ("BHD", "0.1255", "BHD amounts have at most 3 decimal places."),
        ("USD", "1000000000000000", "Amount out of range."),
        ("USD", "-1000000000000000", "Amount out of range."),
    ],
)
async def test_money_beyond_the_currency_minor_units_or_range_is_invalid(
    currency: str, amount: str, message: str
) -> None:
    assert error_of("debit_limit", Decimal(amount), currency) == FieldError(
        ErrorCode.INVALID, message, ("debit_limit",)
    )


async def test_money_error_names_the_currency_places() -> None:
    assert error_of("minimum_payment", Decimal("1.5"), "JPY") == FieldError(
        ErrorCode.INVALID, "JPY amounts have at most 0 decimal places.", ("minimum_payment",)
    )
    assert error_of("daily_spend_limit", Decimal("-1"), "EUR") == FieldError(
        ErrorCode.INVALID, "Must be 0 or more.", ("daily_spend_limit",)
    )


@pytest.mark.parametrize("value", ["0", "100", "12.3456"])
async def test_tax_percent_between_0_and_100_with_4_places_is_kept(value: str) -> None:
    assert clean_one("tax_percent", Decimal(value)) == Decimal(value)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("12.34567", "At most 4 decimal places."),
        ("100.0001", "Must be between 0 and 100."),
        ("-0.0001", "Must be between 0 and 100."),
    ],
)
async def test_tax_percent_out_of_range_or_too_precise_is_invalid(value: str, message: str) -> None:
    assert error_of("tax_percent", Decimal(value)) == FieldError(ErrorCode.INVALID, message, ("tax_percent",))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (["a", " b ", "A", "", "  ", "B", "c"], ["a", "b", "c"]),
        (["Straße", "STRASSE"], ["Straße"]),  # casefold: ß folds to ss
        ([], []),
    ],
)
async def test_tags_are_trimmed_blank_free_and_unique_ignoring_case(
    value: list[str], expected: list[str]
) -> None:
    assert clean_one("tags", value) == expected


async def test_fifty_tags_are_allowed_but_not_fifty_one() -> None:
    assert len(clean_one("tags", [f"t{i}" for i in range(50)] + ["T0"])) == 50
    assert error_of("tags", [f"t{i}" for i in range(51)]) == FieldError(
        ErrorCode.INVALID, "At most 50 tags.", ("tags",)
    )


async def test_dial_windows_are_cleaned_with_unique_days_and_stored_as_json() -> None:
    windows = [
        DialWindow("00:00", "24:00"),
        DialWindow("08:30", "17:45", (Weekday.MON, Weekday.FRI, Weekday.MON)),
    ]
    cleaned, errors = clean_patch(CustomerPatch(dial_windows=windows), "EUR")
    assert errors == []
    assert cleaned.dial_windows == [
        DialWindow("00:00", "24:00"),
        DialWindow("08:30", "17:45", (Weekday.MON, Weekday.FRI)),
    ]
    assert row_values(cleaned) == {
        "dial_windows": [
            {"start": "00:00", "end": "24:00", "days": []},
            {"start": "08:30", "end": "17:45", "days": ["MON", "FRI"]},
        ]
    }


async def test_a_window_ending_before_it_starts_is_one_window_across_midnight() -> None:
    windows = [
        DialWindow("22:00", "02:00", (Weekday.FRI,)),
        DialWindow("12:00", "11:59"),
        DialWindow("23:00", "00:00"),
    ]
    cleaned, errors = clean_patch(CustomerPatch(dial_windows=windows), "EUR")
    assert errors == []
    assert cleaned.dial_windows == windows


async def test_tags_are_given_but_not_row_values() -> None:
    cleaned, _ = clean_patch(CustomerPatch(name="Acme", tags=["vip"]), "EUR")
    assert cleaned.given() == {"name": "Acme", "tags": ["vip"]}
    assert row_values(cleaned) == {"name": "Acme"}


EMPTY_OR_WHOLE_DAY = "A window cannot end when it starts; 00:00 to 24:00 is the whole day."


@pytest.mark.parametrize(
    ("window", "path", "message"),
    [
        (DialWindow("24:00", "02:00"), ("0", "start"), "A window starts at 00:00 to 23:59."),
        (DialWindow("08:00", "08:00"), ("0", "end"), EMPTY_OR_WHOLE_DAY),
        (DialWindow("7:00", "08:00"), ("0", "start"), "Use HH:MM (00:00 to 24:00)."),
        (DialWindow("07:60", "08:00"), ("0", "start"), "Use HH:MM (00:00 to 24:00)."),
        (DialWindow("07:00", "25:00"), ("0", "end"), "Use HH:MM (00:00 to 24:00)."),
    ],
)
async def test_bad_dial_windows_name_the_window_and_the_part(
    window: DialWindow, path: tuple[str, ...], message: str
) -> None:
    assert error_of("dial_windows", [window]) == FieldError(
        ErrorCode.INVALID, message, ("dial_windows", *path)
    )


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("currency", " usd ", "USD"),
        ("country", " de ", "DE"),
        ("country", "  ", None),
        ("website", " https://Acme.Example ", "https://Acme.Example"),
        ("website", "https://acme.example/shop?ref=1", "https://acme.example/shop?ref=1"),
        ("website", "   ", None),
        ("paypal_email", " Pay@Example.COM ", "Pay@example.com"),
        ("portal_domain", " Portal.ACME.example ", "portal.acme.example"),
        ("portal_domain", "", None),
        ("city", "  Berlin  ", "Berlin"),
        ("city", "   ", None),
        ("notes", "  kept  ", "kept"),
        ("topup_currencies", ["eur", "USD", "EUR"], ["EUR", "USD"]),
        ("portal_hidden_sections", [PortalSection.CDR, PortalSection.CDR], [PortalSection.CDR]),
        ("vars", "[routing]\nprefix = '49'\n", "[routing]\nprefix = '49'\n"),
        ("timezone", "America/New_York", "America/New_York"),
    ],
)
async def test_values_are_normalised(name: str, value: Any, expected: Any) -> None:
    assert clean_one(name, value) == expected


@pytest.mark.parametrize("name", sorted(set(PATCH_FIELDS) - NULLABLE))
async def test_null_for_a_non_nullable_field_is_required(name: str) -> None:
    assert error_of(name, None) == FieldError(ErrorCode.REQUIRED, "This field cannot be null.", (name,))


@pytest.mark.parametrize("name", sorted(NULLABLE))
async def test_null_for_a_nullable_field_clears_it(name: str) -> None:
    assert clean_values({name: None}, "EUR") == ({name: None}, [])


async def test_every_bad_field_is_reported_and_the_good_ones_cleaned() -> None:
    cleaned, errors = clean_values(
        {"name": " Acme ", "channels": -1, "country": "ZZ", "flow_speed": 3, "timezone": "Mars/Base"}, "EUR"
    )
    assert cleaned == {"name": "Acme", "flow_speed": 3}
    assert [(e.code, e.field) for e in errors] == [
        (ErrorCode.INVALID, ("channels",)),
        (ErrorCode.INVALID, ("country",)),
        (ErrorCode.INVALID, ("timezone",)),
    ]


async def test_a_patch_gives_only_the_fields_that_were_set() -> None:
    patch = CustomerPatch(name="Acme", website=None)
    assert patch.given() == {"name": "Acme", "website": None}
    assert patch.channels is UNSET
