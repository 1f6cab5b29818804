"""Field declarations: every editable field is declared once, as a field of its typed patch.

    name: str | Unset = spec("Name, unique in the account.", clean=text(200, required=True))

The annotation gives the value's type and whether it may be null; the spec gives the rest: what
it means, how a value is cleaned, whether it is audited or secret, the value a new record takes
when it is not given, the Node type an id field points to, and the column it is read from. The
patch, validation, audit redaction, the GraphQL type and inputs, and the test factories' defaults
all derive from these declarations; a reader sees a field's whole behaviour in one place.

Cleaning returns a patch of the same frozen class holding the clean values, so a validated
change stays typed all the way to the write.
"""

from __future__ import annotations

import copy
import dataclasses
import types
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar, Union, cast, get_args, get_origin, get_type_hints

from models.enums import PortalSection
from services.errors import ErrorCode, FieldError, ServiceError
from services.validation import UNSET, Invalid, Patch, Unset

P = TypeVar("P", bound=Patch)
_SPEC = "switchboard.spec"


@dataclass(frozen=True)
class CleanContext:
    """What a cleaner may need beyond the value: the record's currency (for money), and whether
    the operator lets tenant endpoints be internal addresses."""

    currency: str | None = None
    allow_private_outbound: bool = False


Cleaner = Callable[[Any, CleanContext], Any]


def accept(value: Any, _context: CleanContext) -> Any:
    """The cleaner of a value the GraphQL type already constrains (an enum, a boolean)."""
    return value


class NoDefault:
    """Marks a field that a new record must be given."""


NO_DEFAULT = NoDefault()


@dataclass(frozen=True)
class FieldSpec:
    """One declared field. `name`, `value_type` and `nullable` come from the patch class."""

    name: str
    value_type: Any
    nullable: bool
    description: str
    clean: Cleaner
    audited: bool
    secret: bool
    default: Any
    refers_to: str | None
    column: str
    table: str | None
    store: Callable[[Any], Any]
    # What a portal principal (a customer's contact) may read of it: False, nothing (staff
    # only); True, always; a section, unless the customer hides that section of the portal.
    portal: bool | PortalSection = False

    @property
    def required_on_create(self) -> bool:
        return self.default is NO_DEFAULT


def spec(
    description: str,
    *,
    clean: Cleaner = accept,
    audited: bool = True,
    secret: bool = False,
    default: Any = NO_DEFAULT,
    refers_to: str | None = None,
    column: str | None = None,
    table: str | None = None,
    store: Callable[[Any], Any] | None = None,
    portal: bool | PortalSection = False,
) -> Any:
    """Declare a patch field (it defaults to UNSET: not given). `column` is the column it is read
    from (its name by default); `table` names the table it lives in when that is not the
    record's own (e.g. tags); `store` turns a clean value into what its column holds (a JSON
    column holds plain data, the patch a typed value); `portal` says whether the customer
    portal's principals may read it (services/portal.py)."""
    # name, value type and nullability are read from the patch class (specs_of)
    declared = FieldSpec(
        name="",
        value_type=None,
        nullable=False,
        description=description,
        clean=clean,
        audited=audited,
        secret=secret,
        default=default,
        refers_to=refers_to,
        column=column or "",
        table=table,
        store=store or _as_is,
        portal=portal,
    )
    return dataclasses.field(default=UNSET, metadata={_SPEC: declared})


_SPECS: dict[type[Patch], dict[str, FieldSpec]] = {}


def specs_of(patch_type: type[Patch]) -> dict[str, FieldSpec]:
    """The declared fields of a patch class, in declaration order (read once per class)."""
    if patch_type not in _SPECS:
        _SPECS[patch_type] = _read_specs(patch_type)
    return _SPECS[patch_type]


def _read_specs(patch_type: type[Patch]) -> dict[str, FieldSpec]:
    hints = get_type_hints(patch_type)
    specs: dict[str, FieldSpec] = {}
    for field in dataclasses.fields(patch_type):  # type: ignore[arg-type]
        declared: FieldSpec | None = field.metadata.get(_SPEC)
        if declared is None:
            raise TypeError(f"{patch_type.__name__}.{field.name} is not declared with spec().")
        value_type, nullable = _value_type(hints[field.name])
        specs[field.name] = dataclasses.replace(
            declared,
            name=field.name,
            value_type=value_type,
            nullable=nullable,
            column=declared.column or field.name,
        )
    return specs


def _value_type(annotation: Any) -> tuple[Any, bool]:
    """`X | None | Unset` -> (X, True); `X | Unset` -> (X, False)."""
    if get_origin(annotation) not in (Union, types.UnionType):
        return annotation, False
    members = [arg for arg in get_args(annotation) if arg is not Unset]
    nullable = type(None) in members
    members = [arg for arg in members if arg is not type(None)]
    if len(members) != 1:
        raise TypeError(f"A declared field has one value type, not {annotation}.")
    return members[0], nullable


def clean(patch: P, context: CleanContext | None = None) -> P:
    """The patch with every given value cleaned; refused with every bad field named at once."""
    cleaned, errors = clean_collecting(patch, context)
    if errors:
        raise ServiceError(errors)
    return cleaned


def clean_collecting(patch: P, context: CleanContext | None = None) -> tuple[P, list[FieldError]]:
    """The patch holding the clean values of its good fields, and one error per bad field (a
    caller that adds its own checks, or reports per row, raises once with all of them)."""
    cleaned, errors = clean_each(patch.given(), specs_of(type(patch)), context or CleanContext())
    refused = {name: UNSET for name in patch.given() if name not in cleaned}
    return cast(P, dataclasses.replace(cast(Any, patch), **refused, **cleaned)), errors


def row_values(patch: Patch) -> dict[str, Any]:
    """The given fields that live in the record's own row, by column, as the column stores
    them: where a typed patch meets the ORM."""
    specs = specs_of(type(patch))
    return {
        specs[name].column: specs[name].store(value)
        for name, value in patch.given().items()
        if specs[name].table is None
    }


def _as_is(value: Any) -> Any:
    return value


def clean_each(
    values: Mapping[str, Any], specs: Mapping[str, FieldSpec], context: CleanContext
) -> tuple[dict[str, Any], list[FieldError]]:
    """Clean each value on its own: the clean values and one error per bad field (a bulk edit
    reports per row, so it needs both)."""
    cleaned: dict[str, Any] = {}
    errors: list[FieldError] = []
    for name, value in values.items():
        field = specs[name]
        if value is None:
            if field.nullable:
                cleaned[name] = None
            else:
                errors.append(FieldError(ErrorCode.REQUIRED, "This field cannot be null.", (name,)))
            continue
        try:
            cleaned[name] = field.clean(value, context)
        except Invalid as exc:
            errors.append(exc.at(name))
    return cleaned, errors


def audited_names(patch_type: type[Patch]) -> tuple[str, ...]:
    return tuple(name for name, field in specs_of(patch_type).items() if field.audited)


def secret_names(patch_type: type[Patch]) -> frozenset[str]:
    return frozenset(name for name, field in specs_of(patch_type).items() if field.secret)


def creation_defaults(patch_type: type[Patch]) -> dict[str, Any]:
    """What a new record holds for each field not given (fields without a default excluded)."""
    return {
        name: copy.deepcopy(field.default)  # a list default is never shared between records
        for name, field in specs_of(patch_type).items()
        if not isinstance(field.default, NoDefault)
    }
