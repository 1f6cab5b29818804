"""currencies, countries, timeZones: the drop-downs' reference data, answered from the libraries
in the process (no SQL beyond the request's authentication), for signed-in principals only."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from models.enums import Permission
from tests.conftest import GqlClient, SqlCounter
from tests.factories import Principal

REFERENCE = "{ currencies { code name minorUnits } countries { code name } timeZones { name utcOffsetNow } }"


def by_key(rows: list[dict[str, Any]], key: str) -> dict[str, dict[str, Any]]:
    return {row[key]: row for row in rows}


async def test_the_lists_hold_codes_names_and_minor_units(
    admin: Principal, gql_client: Callable[[Principal | str | None], GqlClient]
) -> None:
    # When a signed-in principal asks for the three lists
    body = await gql_client(admin)(REFERENCE)

    # Then each is complete, sorted by its key, and names every entry
    data = body["data"]
    currencies, countries, zones = data["currencies"], data["countries"], data["timeZones"]
    assert [c["code"] for c in currencies] == sorted(c["code"] for c in currencies)
    assert by_key(currencies, "code")["EUR"] == {"code": "EUR", "name": "Euro", "minorUnits": 2}
    assert by_key(currencies, "code")["JPY"]["minorUnits"] == 0
    assert by_key(currencies, "code")["BHD"]["minorUnits"] == 3
    assert by_key(countries, "code")["DE"] == {"code": "DE", "name": "Germany"}
    assert "EU" not in by_key(countries, "code")  # a grouping, not a country
    assert [z["name"] for z in zones] == sorted(z["name"] for z in zones)
    assert by_key(zones, "name")["Asia/Kolkata"]["utcOffsetNow"] == "+05:30"
    assert by_key(zones, "name")["Asia/Kathmandu"]["utcOffsetNow"] == "+05:45"
    assert by_key(zones, "name")["UTC"]["utcOffsetNow"] == "+00:00"
    assert len(currencies) > 100 and len(countries) > 200 and len(zones) > 400


async def test_every_listed_value_is_accepted_by_the_customer_fields(
    admin: Principal, gql_client: Callable[[Principal | str | None], GqlClient]
) -> None:
    # Given the lists
    data = (await gql_client(admin)(REFERENCE))["data"]

    # Then they are exactly the values the validators accept (the drop-downs offer nothing refused)
    from services import reference

    assert {c["code"] for c in data["currencies"]} == reference.currencies()
    assert {c["code"] for c in data["countries"]} == reference.countries()
    assert {z["name"] for z in data["timeZones"]} == reference.time_zones()


async def test_no_sql_beyond_the_authentication(
    api_key: Callable[[list[Permission]], Awaitable[str]],
    gql_client: Callable[[Principal | str | None], GqlClient],
    sql_counter: SqlCounter,
) -> None:
    # Given a principal with no permission at all (the lists need none)
    as_key = gql_client(await api_key([]))

    # When a request asks for nothing but who it is, and then for every list
    sql_counter.reset()
    await as_key("{ __typename }")
    authentication = sql_counter.count
    sql_counter.reset()
    body = await as_key(REFERENCE)

    # Then the lists added no statement to the authentication's
    assert "errors" not in body, body
    assert (authentication, sql_counter.count) == (1, 1)


async def test_anonymous_callers_are_refused(
    gql_client: Callable[[Principal | str | None], GqlClient],
) -> None:
    body = await gql_client(None)("{ currencies { code } }")

    assert body["data"] is None
    assert [(e["path"], e["extensions"]["code"]) for e in body["errors"]] == [
        (["currencies"], "UNAUTHENTICATED")
    ]


async def test_the_cost_counts_every_entry_of_a_list(
    admin: Principal, gql_client: Callable[[Principal | str | None], GqlClient]
) -> None:
    from services import reference

    body = await gql_client(admin)("{ timeZones { name utcOffsetNow } }")

    # one for the field, two per zone
    assert body["extensions"]["cost"] == 1 + 2 * len(reference.time_zones())
