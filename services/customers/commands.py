"""Create, update and (soft) delete one customer; each in one audited transaction."""

from __future__ import annotations

from dataclasses import replace

from tortoise.exceptions import IntegrityError

from models import Customer, CustomerTag, InvoiceTemplate, IpAuth, SipUser
from models.enums import AuditAction, Permission
from services import integrity
from services.actor import Actor
from services.auditing import JsonValue, creation_diff, diff, json_safe, snapshot
from services.auth import end_portal_sessions
from services.customers.portal import portal_domain_errors
from services.customers.scope import tags_of, visible_customers, visible_resellers, visible_users
from services.customers.values import FIELDS, ROW_FIELDS, CustomerPatch, clean_patch
from services.errors import ErrorCode, FieldError, ServiceError, not_found
from services.fields import row_values
from services.uow import UnitOfWork, unit_of_work
from services.validation import UNSET, Invalid, Unset, currency_code

TABLE = "customer"
# Tags live in their own table and are snapshotted separately.
AUDITED_FIELDS = tuple(name for name in ROW_FIELDS if FIELDS[name].audited)


async def create_customer(actor: Actor, patch: CustomerPatch, reason: str | None = None) -> Customer:
    """Create a customer; name and currency are required, everything else has a default."""
    actor.require(Permission.CUSTOMERS_WRITE)
    patch = creation_patch(actor, patch)
    async with unit_of_work(actor, reason) as uow:
        cleaned = await validated_creation(uow, patch)
        customer = await insert_customer(uow, cleaned)
    return customer


def creation_patch(actor: Actor, patch: CustomerPatch) -> CustomerPatch:
    """The patch with the required fields checked; a partner's reseller is forced."""
    missing = [
        FieldError(ErrorCode.REQUIRED, "This field is required.", (name,))
        for name in ("name", "currency")
        if getattr(patch, name) in (None, UNSET)
    ]
    if missing:
        raise ServiceError(missing)
    if actor.reseller_id is not None:
        _refuse_other_reseller(actor, patch)
        patch = replace(patch, reseller_id=actor.reseller_id)
    return patch


async def validated_creation(uow: UnitOfWork, patch: CustomerPatch) -> CustomerPatch:
    assert isinstance(patch.currency, str), "creation_patch requires the currency"
    return await _validated(uow, patch, currency=_currency_or_fail(patch.currency))


async def insert_customer(uow: UnitOfWork, cleaned: CustomerPatch) -> Customer:
    """Insert a validated customer with its tags and its CREATE audit entry."""
    tags: list[str] = [] if isinstance(cleaned.tags, Unset) else cleaned.tags
    customer = Customer(account_id=uow.actor.account_id, **row_values(cleaned))
    customer.name_key = customer.name.casefold()
    await _saved(customer, uow)
    await _replace_tags(uow, customer.id, tags)
    after: dict[str, JsonValue] = {**snapshot(customer, AUDITED_FIELDS), "tags": list[JsonValue](tags)}
    uow.audit(
        AuditAction.CREATE,
        TABLE,
        customer.id,
        f"Customer {customer.name} created",
        customer_id=customer.id,
        diff=creation_diff(after),
    )
    return customer


async def update_customer(
    actor: Actor, customer_id: int, patch: CustomerPatch, reason: str | None = None
) -> Customer:
    """Apply the given fields; an unchanged value writes nothing and leaves no audit entry."""
    actor.require(Permission.CUSTOMERS_WRITE)
    async with unit_of_work(actor, reason) as uow:
        customer = await _locked_customer(uow, customer_id)
        before = {**snapshot(customer, AUDITED_FIELDS), "tags": await _tags(uow, customer.id)}
        patch = _refuse_currency_change(customer, patch)
        if actor.reseller_id is not None:
            _refuse_other_reseller(actor, patch)
        cleaned = await _validated(uow, patch, currency=customer.currency, exclude_id=customer.id)
        limit_errors = await auth_limit_errors(uow, customer, cleaned)
        if limit_errors:
            raise ServiceError(limit_errors)
        await apply_changes(uow, customer, before, cleaned, "updated")
    return customer


# The customer's caps and the columns of its IP authentications and SIP users they bound.
_BOUND_CAPS = (("channels", "channels", "channels"), ("flow_speed", "cps", "flow speed"))


async def auth_limit_errors(uow: UnitOfWork, customer: Customer, cleaned: CustomerPatch) -> list[FieldError]:
    """BELOW_AUTH_LIMIT for a channels or flow speed lowered below what one of the customer's IP
    authentications or SIP users allows (their caps are at most the customer's): lower theirs
    first. Raising a cap, or leaving it, is never refused."""
    given = row_values(cleaned)
    errors = []
    for field, column, name in _BOUND_CAPS:
        new = given.get(field)
        if not isinstance(new, int) or new >= getattr(customer, field):
            continue
        counts = []
        for label, model in (("ip_auths", IpAuth), ("sip_users", SipUser)):
            above = model.filter(customer_id=customer.id, **{f"{column}__gt": new}).using_db(uow.conn)
            counts.append((label, await above.count()))
        if any(count for _, count in counts):
            ip_auths, sip_users = (count for _, count in counts)
            errors.append(
                FieldError(
                    ErrorCode.BELOW_AUTH_LIMIT,
                    f"{ip_auths} IP authentication(s) and {sip_users} SIP user(s) of the customer allow "
                    f"more than {new} ({name}); lower theirs first.",
                    (field,),
                    tuple(counts),
                )
            )
    return errors


def audited_after(customer: Customer, cleaned: CustomerPatch) -> dict[str, JsonValue]:
    """The customer's audited values as they would be with `cleaned` applied; the row itself is
    left as it is (a dry run reports from this)."""
    given = row_values(cleaned)
    after = {
        name: json_safe(given[name]) if name in given else current
        for name, current in snapshot(customer, AUDITED_FIELDS).items()
    }
    if not isinstance(cleaned.tags, Unset):
        after["tags"] = list(cleaned.tags)
    return after


async def apply_changes(
    uow: UnitOfWork,
    customer: Customer,
    before: dict[str, JsonValue],
    cleaned: CustomerPatch,
    verb: str,
) -> dict[str, dict[str, JsonValue]]:
    """Write the clean values that differ from the row, with one audit entry; returns the diff."""
    changes = diff(before, audited_after(customer, cleaned))
    for column, value in row_values(cleaned).items():
        setattr(customer, column, value)
    if not changes:
        return changes
    model_fields = [name for name in changes if name != "tags"]
    if "name" in changes:
        customer.name_key = customer.name.casefold()
        model_fields.append("name_key")
    if model_fields:
        await _saved(customer, uow, update_fields=[*model_fields, "updated_at"])
    if "tags" in changes and not isinstance(cleaned.tags, Unset):
        await _replace_tags(uow, customer.id, cleaned.tags)
    if "portal_access" in changes and not customer.portal_access:
        await end_portal_sessions(uow.conn, customer.id, uow.now)
    uow.audit(
        AuditAction.UPDATE,
        TABLE,
        customer.id,
        f"Customer {customer.name} {verb}",
        customer_id=customer.id,
        diff=changes,
        # The row's own stamp (set on save, after the lock): updatedAt and the entry agree.
        at=customer.updated_at if model_fields else None,
    )
    return changes


async def delete_customer(actor: Actor, customer_id: int, reason: str | None = None) -> Customer:
    """Soft delete: the row, its audit trail and its billing history stay; the name is freed."""
    actor.require(Permission.CUSTOMERS_WRITE)
    async with unit_of_work(actor, reason) as uow:
        customer = await _locked_customer(uow, customer_id)
        await mark_deleted(uow, customer)
    return customer


async def mark_deleted(uow: UnitOfWork, customer: Customer) -> None:
    deleted_at = uow.stamp()
    customer.deleted_at = deleted_at
    await end_portal_sessions(uow.conn, customer.id, deleted_at)
    customer.name_key = None
    await customer.save(using_db=uow.conn, update_fields=["deleted_at", "name_key", "updated_at"])
    uow.audit(
        AuditAction.DELETE,
        TABLE,
        customer.id,
        f"Customer {customer.name} deleted",
        customer_id=customer.id,
        diff={"deleted_at": {"old": None, "new": deleted_at.isoformat()}},
        at=deleted_at,
    )


async def _locked_customer(uow: UnitOfWork, customer_id: int) -> Customer:
    customer = await uow.locked(visible_customers(uow.actor).filter(id=customer_id)).first()
    if customer is None:
        raise not_found("Customer", "id")
    return customer


async def _tags(uow: UnitOfWork, customer_id: int) -> list[JsonValue]:
    tags = await tags_of([customer_id]).using_db(uow.conn).values_list("tag", flat=True)
    return [str(tag) for tag in tags]


async def _replace_tags(uow: UnitOfWork, customer_id: int, tags: list[str]) -> None:
    await CustomerTag.filter(customer_id=customer_id).using_db(uow.conn).delete()
    rows = [CustomerTag(customer_id=customer_id, tag=tag) for tag in tags]
    if rows:
        await CustomerTag.bulk_create(rows, using_db=uow.conn)


async def _saved(customer: Customer, uow: UnitOfWork, update_fields: list[str] | None = None) -> None:
    try:
        await customer.save(using_db=uow.conn, update_fields=update_fields)
    except IntegrityError as exc:
        if integrity.hit(exc, "account_id", "name_key"):
            raise _duplicate_name() from exc
        raise


def _duplicate_name() -> ServiceError:
    return ServiceError.single(ErrorCode.DUPLICATE, "A customer with this name exists.", "name")


def _currency_or_fail(raw: str) -> str:
    try:
        return currency_code(raw)
    except Invalid as exc:
        raise ServiceError([exc.at("currency")]) from exc


def _refuse_currency_change(customer: Customer, patch: CustomerPatch) -> CustomerPatch:
    """The patch without the currency, which may only be repeated as it is."""
    if isinstance(patch.currency, Unset):
        return patch
    if patch.currency is None or patch.currency.strip().upper() != customer.currency:
        raise ServiceError.single(
            ErrorCode.CURRENCY_IMMUTABLE,
            f"The currency cannot change after creation (it is {customer.currency}).",
            "currency",
        )
    return replace(patch, currency=UNSET)


def _refuse_other_reseller(actor: Actor, patch: CustomerPatch) -> None:
    if not isinstance(patch.reseller_id, Unset) and patch.reseller_id != actor.reseller_id:
        raise ServiceError.single(
            ErrorCode.PERMISSION_DENIED,
            "A partner user can only assign customers to its own reseller.",
            "reseller_id",
        )


async def _validated(
    uow: UnitOfWork, patch: CustomerPatch, *, currency: str, exclude_id: int | None = None
) -> CustomerPatch:
    """Clean every field and check the references and the name; raise with every error."""
    cleaned, errors = clean_patch(patch, currency)
    errors += await reference_errors(uow, cleaned)
    if isinstance(cleaned.name, str) and await _name_taken(uow, cleaned.name, exclude_id):
        errors.append(_duplicate_name().errors[0])
    if errors:
        raise ServiceError(errors)
    return cleaned


async def reference_errors(uow: UnitOfWork, cleaned: CustomerPatch) -> list[FieldError]:
    """The reseller and the account manager must exist and be visible (the manager active)."""
    errors = []
    reseller_id = cleaned.reseller_id
    if (
        isinstance(reseller_id, int)
        and not await visible_resellers(uow.actor).using_db(uow.conn).filter(id=reseller_id).exists()
    ):
        errors.append(FieldError(ErrorCode.NOT_FOUND, "Reseller not found.", ("reseller_id",)))
    manager_id = cleaned.account_manager_id
    if (
        isinstance(manager_id, int)
        and not await visible_users(uow.actor)
        .using_db(uow.conn)
        .filter(id=manager_id, is_active=True)
        .exists()
    ):
        errors.append(FieldError(ErrorCode.NOT_FOUND, "Account manager not found.", ("account_manager_id",)))
    template_id = cleaned.invoice_template_id
    if (
        isinstance(template_id, int)
        and not await InvoiceTemplate.filter(id=template_id, account_id=uow.actor.account_id)
        .using_db(uow.conn)
        .exists()
    ):
        errors.append(
            FieldError(
                ErrorCode.UNKNOWN_TEMPLATE,
                "No such invoice template in this account.",
                ("invoice_template_id",),
            )
        )
    return errors + await portal_domain_errors(uow, cleaned)


async def _name_taken(uow: UnitOfWork, name: str, exclude_id: int | None) -> bool:
    queryset = Customer.filter(account_id=uow.actor.account_id, name_key=name.casefold())
    if exclude_id is not None:
        queryset = queryset.exclude(id=exclude_id)
    return await queryset.using_db(uow.conn).exists()
