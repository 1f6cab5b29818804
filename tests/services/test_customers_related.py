"""related_of: the relations of a page of customers, read with the page (one read each), with
the same answers and the same scope as the loaders' reads they replace."""

from __future__ import annotations

from typing import Any

from models import Account
from models.enums import Permission
from services.customers.queries import Related, Relation, list_customers, related_of
from services.errors import ErrorCode, FieldError
from services.listing import PageRequest
from tests.factories import make_account, make_actor, make_customer, make_reseller, make_user, refused


def names(related: Related) -> dict[str, Any]:
    """The maps of `related` by name, rows shown by their names."""
    return {
        "tags": None if related.tags is None else dict(related.tags),
        "resellers": None if related.resellers is None else {k: r.name for k, r in related.resellers.items()},
        "managers": None if related.managers is None else {k: u.name for k, u in related.managers.items()},
    }


async def seeded() -> tuple[Account, dict[str, Any]]:
    """Two customers of a reseller (one managed by the reseller's user, one by staff) and one
    of the account's own, without relations."""
    account = await make_account()
    reseller = await make_reseller(account, "North")
    partner_user = await make_user(account, role_name="Partner", reseller=reseller, name="Pat")
    staff = await make_user(account, name="Sam")
    first = await make_customer(
        account, name="A", reseller_id=reseller.id, account_manager_id=partner_user.id, tags=["vip", "eu"]
    )
    second = await make_customer(account, name="B", reseller_id=reseller.id, account_manager_id=staff.id)
    third = await make_customer(account, name="C", tags=["trial"])
    ids = {"first": first.id, "second": second.id, "third": third.id, "reseller": reseller.id}
    return account, {**ids, "pat": partner_user.id, "sam": staff.id}


async def test_the_relations_asked_for_are_read_for_the_whole_page() -> None:
    # Given a page of three customers read by staff
    account, ids = await seeded()
    actor = make_actor(account)
    page = await list_customers(actor, PageRequest(first=10))

    # When their tags, resellers and managers are read with the page
    related = await related_of(actor, page.rows, set(Relation))

    # Then each holds exactly the page's relations
    assert names(related) == {
        "tags": {ids["first"]: ["vip", "eu"], ids["third"]: ["trial"]},
        "resellers": {ids["reseller"]: "North"},
        "managers": {ids["pat"]: "Pat", ids["sam"]: "Sam"},
    }


async def test_a_relation_not_asked_for_is_not_read() -> None:
    account, ids = await seeded()
    actor = make_actor(account)
    page = await list_customers(actor, PageRequest(first=10))

    related = await related_of(actor, page.rows, {Relation.TAGS})

    assert names(related) == {
        "tags": {ids["first"]: ["vip", "eu"], ids["third"]: ["trial"]},
        "resellers": None,
        "managers": None,
    }


async def test_a_partner_reads_only_its_scope() -> None:
    # Given a partner of the reseller, and its page (the reseller's two customers)
    account, ids = await seeded()
    partner = make_actor(account, reseller_id=ids["reseller"])
    page = await list_customers(partner, PageRequest(first=10))

    # When the relations are read
    related = await related_of(partner, page.rows, set(Relation))

    # Then the staff account manager is absent, as through the loader (users of its scope only)
    assert [row.name for row in page.rows] == ["A", "B"]
    assert names(related) == {
        "tags": {ids["first"]: ["vip", "eu"]},
        "resellers": {ids["reseller"]: "North"},
        "managers": {ids["pat"]: "Pat"},
    }


async def test_an_empty_page_reads_nothing_and_answers_empty_maps() -> None:
    account = await make_account()
    related = await related_of(make_actor(account), [], set(Relation))
    assert names(related) == {"tags": {}, "resellers": {}, "managers": {}}


async def test_reading_tags_needs_customers_read() -> None:
    # Given rows read by staff, and an actor without customers:read
    account, _ = await seeded()
    rows = (await list_customers(make_actor(account), PageRequest(first=10))).rows
    actor = make_actor(account, [Permission.AUDIT_READ])

    # When it asks for their tags, then it is refused
    assert await refused(related_of(actor, rows, {Relation.TAGS})) == [
        FieldError(ErrorCode.PERMISSION_DENIED, "You do not have permission to do this.")
    ]
