"""A field declared once (services/fields.py) shows up everywhere it derives to: the GraphQL
type and both inputs, validation, the audit list and its redaction, and the creation defaults.
A throwaway record type proves it without touching the real ones."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest
import strawberry

from gql.fields import Mode, declared_fields
from services import validation as v
from services.auditing import REDACTED, creation_diff, diff
from services.errors import ErrorCode, FieldError, ServiceError
from services.fields import (
    CleanContext,
    audited_names,
    clean,
    creation_defaults,
    secret_names,
    spec,
    specs_of,
)
from services.validation import Patch, Unset


def _short(value: str, _context: CleanContext) -> str:
    return v.text(value, max_length=5, required=True)


def _price(value: Decimal, context: CleanContext) -> Decimal:
    assert context.currency is not None
    return v.money(value, context.currency, minimum=Decimal(0))


@dataclass(frozen=True)
class GadgetPatch(Patch):
    label: str | Unset = spec("What the gadget is called.", clean=_short)
    price: Decimal | Unset = spec("What it costs.", clean=_price, default=Decimal(0))
    nickname: str | None | Unset = spec("Another name.", default=None)
    pin: str | None | Unset = spec("Unlocks it.", secret=True, default=None)
    owner_id: int | None | Unset = spec("Who owns it.", refers_to="User", default=None)
    scratch: str | Unset = spec("Never audited.", audited=False, default="")


@strawberry.type(description="A gadget.")
@declared_fields(specs_of(GadgetPatch), Mode.OUTPUT)
class Gadget:
    pass


@strawberry.input(description="A new gadget.")
@declared_fields(specs_of(GadgetPatch), Mode.CREATE)
class GadgetCreateInput:
    pass


@strawberry.input(description="Changes to a gadget.")
@declared_fields(specs_of(GadgetPatch), Mode.UPDATE)
class GadgetUpdateInput:
    pass


@strawberry.type
class Query:
    @strawberry.field
    def gadget(self, create: GadgetCreateInput, update: GadgetUpdateInput) -> Gadget | None:
        return None


def _sdl_block(sdl: str, header: str) -> list[str]:
    block = sdl.split(header + " {", 1)[1].split("}", 1)[0]
    return [line.strip() for line in block.strip().splitlines() if line.strip()]


def test_the_declaration_makes_the_graphql_type_and_both_inputs() -> None:
    sdl = strawberry.Schema(query=Query).as_str()

    assert _sdl_block(sdl, "type Gadget") == [
        '"""What the gadget is called."""',
        "label: String!",
        '"""What it costs."""',
        "price: Decimal!",
        '"""Another name."""',
        "nickname: String",
        '"""Never audited."""',
        "scratch: String!",
    ]
    assert _sdl_block(sdl, "input GadgetCreateInput") == [
        '"""What the gadget is called."""',
        "label: String!",
        '"""What it costs."""',
        "price: Decimal = null",
        '"""Another name."""',
        "nickname: String = null",
        '"""Unlocks it."""',
        "pin: String = null",
        '"""Who owns it."""',
        "ownerId: ID = null",
        '"""Never audited."""',
        "scratch: String = null",
    ]
    assert "label: String" in _sdl_block(sdl, "input GadgetUpdateInput")
    assert "ownerId: ID" in _sdl_block(sdl, "input GadgetUpdateInput")


def test_the_declaration_cleans_and_names_every_bad_field_at_once() -> None:
    good = clean(GadgetPatch(label=" Box ", price=Decimal("2.50")), CleanContext(currency="EUR"))
    assert good == GadgetPatch(label="Box", price=Decimal("2.50"))

    with pytest.raises(ServiceError) as refused:
        # a client may send null for any field; the declaration refuses it where not nullable
        nulled = GadgetPatch(label="Too long", price=Decimal("-1"), scratch=None)  # type: ignore[arg-type]
        clean(nulled, CleanContext(currency="EUR"))
    assert refused.value.errors == [
        FieldError(ErrorCode.INVALID, "At most 5 characters.", ("label",)),
        FieldError(ErrorCode.INVALID, "Must be 0 or more.", ("price",)),
        FieldError(ErrorCode.REQUIRED, "This field cannot be null.", ("scratch",)),
    ]


def test_the_declaration_drives_the_audit_and_the_defaults() -> None:
    assert audited_names(GadgetPatch) == ("label", "price", "nickname", "pin", "owner_id")
    assert secret_names(GadgetPatch) == frozenset({"pin"})
    before = {"label": "Box", "pin": None}
    after = {"label": "Crate", "pin": "1234"}
    assert diff(before, after, secrets=secret_names(GadgetPatch)) == {
        "label": {"old": "Box", "new": "Crate"},
        "pin": {"old": None, "new": REDACTED},
    }
    assert creation_diff({"pin": "1234"}, secrets=secret_names(GadgetPatch)) == {
        "pin": {"old": None, "new": REDACTED}
    }
    assert creation_defaults(GadgetPatch) == {
        "price": Decimal(0),
        "nickname": None,
        "pin": None,
        "owner_id": None,
        "scratch": "",
    }
    assert [name for name, field in specs_of(GadgetPatch).items() if field.required_on_create] == ["label"]


def test_an_undeclared_patch_field_is_refused() -> None:
    @dataclass(frozen=True)
    class Loose(Patch):
        label: str | Unset = Unset.UNSET

    with pytest.raises(TypeError, match=r"^Loose\.label is not declared with spec\(\)\.$"):
        specs_of(Loose)
