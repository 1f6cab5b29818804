"""Create, update and delete one contact, each in one audited transaction.

Writing needs `contacts:write`, for a contact of a customer the actor may see (a partner: its
reseller's customers); any other contact or customer is NOT_FOUND, like one that does not exist.
"""

from __future__ import annotations

from dataclasses import replace

from tortoise.exceptions import IntegrityError

from models import Contact, Customer
from models.enums import AuditAction, Permission
from services import integrity, portal
from services.actor import Actor
from services.auditing import creation_diff, diff, snapshot
from services.auth import end_contact_sessions
from services.contacts.passwords import (
    PasswordChoice,
    PasswordMode,
    prepare_password,
    send_generated_password,
)
from services.contacts.queries import visible_contacts
from services.contacts.values import FIELDS, REQUIRED_ON_CREATE, ContactPatch
from services.customers.scope import visible_customers
from services.errors import ErrorCode, FieldError, ServiceError, not_found
from services.fields import clean, clean_collecting, row_values
from services.uow import UnitOfWork, unit_of_work
from services.validation import UNSET, Unset

TABLE = "contact"
SECRETS = frozenset({"password_hash"})
# Every declared field, and whether (never what) the password is: its hash shows as redacted.
AUDITED = (*(name for name, field in FIELDS.items() if field.audited), "password_hash")
PASSWORD_AUDITED = ("password_hash", "password_changed_at")


async def create_contact(
    actor: Actor,
    customer_id: int,
    patch: ContactPatch,
    password: PasswordChoice | None = None,
    reason: str | None = None,
) -> Contact:
    """A new contact of the customer; name and e-mail are required. With a password choice the
    contact gets a login: a given password (checked for strength), or a generated one that
    is e-mailed to it after commit and kept nowhere in the clear."""
    actor.require(Permission.CONTACTS_WRITE)
    portal.check_contact_write(actor, None, patch.given())
    if password is not None:
        portal.check_generated_password(actor, password.mode is PasswordMode.GENERATE, "password_mode")
    cleaned = _creation_values(patch)
    assert isinstance(cleaned.name, str) and isinstance(cleaned.email, str), "checked as required"
    ready = prepare_password(password, email=cleaned.email, name=cleaned.name) if password else None
    async with unit_of_work(actor, reason) as uow:
        customer = await _customer(uow, customer_id)
        await _check_email_free(uow, cleaned.email)
        contact = Contact(account_id=actor.account_id, customer_id=customer.id, **row_values(cleaned))
        _set_keys(contact)
        if ready is not None:
            contact.password_hash, contact.password_changed_at = ready.password_hash, uow.stamp()
        await _saved(contact, uow)
        uow.audit(
            AuditAction.CREATE,
            TABLE,
            contact.id,
            f"Contact {contact.name} <{contact.email}> created",
            customer_id=customer.id,
            diff=creation_diff(snapshot(contact, AUDITED), SECRETS),
        )
        if ready is not None:
            await send_generated_password(uow, contact, customer, ready)
    return contact


def _creation_values(patch: ContactPatch) -> ContactPatch:
    """The patch with every given value clean (the row's defaults fill the others); every
    problem at once."""
    missing = [
        FieldError(ErrorCode.REQUIRED, "This field is required.", (name,))
        for name in REQUIRED_ON_CREATE
        if getattr(patch, name) in (None, UNSET)
    ]
    cleaned, errors = clean_collecting(patch)
    errors = missing + [error for error in errors if error.field[:1] not in {e.field for e in missing}]
    if errors:
        raise ServiceError(errors)
    return cleaned


async def update_contact(
    actor: Actor, contact_id: int, patch: ContactPatch, reason: str | None = None
) -> Contact:
    """Apply the given fields; an unchanged value writes nothing and leaves no audit entry. A
    new e-mail address or mobile number is unverified unless its flag is given with it."""
    actor.require(Permission.CONTACTS_WRITE)
    portal.check_contact_write(actor, contact_id, patch.given())
    cleaned = clean(patch)
    async with unit_of_work(actor, reason) as uow:
        contact = await locked_contact(uow, contact_id)
        before = snapshot(contact, AUDITED)
        cleaned = _unverified_when_changed(contact, cleaned)
        if isinstance(cleaned.email, str) and cleaned.email.casefold() != contact.email_key:
            await _check_email_free(uow, cleaned.email)
        for column, value in row_values(cleaned).items():
            setattr(contact, column, value)
        changes = diff(before, snapshot(contact, AUDITED), SECRETS)
        if changes:
            _set_keys(contact)
            await _saved(contact, uow)
            uow.audit(
                AuditAction.UPDATE,
                TABLE,
                contact.id,
                f"Contact {contact.name} <{contact.email}> updated",
                customer_id=contact.customer_id,
                diff=changes,
                at=contact.updated_at,
            )
    return contact


def _unverified_when_changed(contact: Contact, cleaned: ContactPatch) -> ContactPatch:
    """A verified flag belongs to the address it was verified for."""
    new_email = isinstance(cleaned.email, str) and cleaned.email.casefold() != contact.email_key
    if new_email and cleaned.email_verified is UNSET:
        cleaned = replace(cleaned, email_verified=False)
    new_mobile = not isinstance(cleaned.mobile, Unset) and cleaned.mobile != contact.mobile
    if new_mobile and cleaned.mobile_verified is UNSET:
        cleaned = replace(cleaned, mobile_verified=False)
    return cleaned


async def delete_contact(actor: Actor, contact_id: int, reason: str | None = None) -> Contact:
    """Delete the contact (and with it its login and sessions); its audit trail and messages stay."""
    actor.require(Permission.CONTACTS_WRITE)
    portal.check_other_contact(actor, contact_id, "delete", "id")
    async with unit_of_work(actor, reason) as uow:
        contact = await locked_contact(uow, contact_id)
        before = snapshot(contact, AUDITED)
        await contact.delete(using_db=uow.conn)
        uow.audit(
            AuditAction.DELETE,
            TABLE,
            contact.id,
            f"Contact {contact.name} <{contact.email}> deleted",
            customer_id=contact.customer_id,
            diff=diff(before, dict.fromkeys(before), SECRETS),
        )
    return contact


async def reset_password(
    actor: Actor, contact_id: int, choice: PasswordChoice, reason: str | None = None
) -> Contact:
    """Give the contact a new password: the one given (checked for strength), or a generated one
    e-mailed to the contact after commit. Either way the contact now has a login, and every
    portal session it had ends."""
    actor.require(Permission.CONTACTS_WRITE)
    portal.check_other_contact(actor, contact_id, "reset the password of", "contact_id")
    portal.check_generated_password(actor, choice.mode is PasswordMode.GENERATE, "mode")
    current = await visible_contacts(actor).get_or_none(id=contact_id)
    if current is None:
        raise not_found("Contact", "contact_id")
    ready = prepare_password(choice, email=current.email, name=current.name)
    async with unit_of_work(actor, reason) as uow:
        contact = await locked_contact(uow, contact_id, "contact_id")
        before = snapshot(contact, PASSWORD_AUDITED)
        contact.password_hash, contact.password_changed_at = ready.password_hash, uow.stamp()
        await contact.save(using_db=uow.conn, update_fields=[*PASSWORD_AUDITED, "updated_at"])
        await end_contact_sessions(uow.conn, contact.id, uow.now)
        how = "generated and e-mailed" if choice.mode is PasswordMode.GENERATE else "set"
        uow.audit(
            AuditAction.UPDATE,
            TABLE,
            contact.id,
            f"Password of contact {contact.name} <{contact.email}> {how}",
            customer_id=contact.customer_id,
            diff=diff(before, snapshot(contact, PASSWORD_AUDITED), SECRETS),
            at=contact.password_changed_at,
        )
        customer = await Customer.get(id=contact.customer_id, using_db=uow.conn)
        await send_generated_password(uow, contact, customer, ready)
    return contact


async def locked_contact(uow: UnitOfWork, contact_id: int, *field: str) -> Contact:
    """The contact, locked until commit, if the actor may see its customer; NOT_FOUND otherwise."""
    contact = await uow.locked(visible_contacts(uow.actor).filter(id=contact_id)).first()
    if contact is None:
        raise not_found("Contact", *(field or ("id",)))
    return contact


async def _customer(uow: UnitOfWork, customer_id: int) -> Customer:
    customer = await uow.locked(visible_customers(uow.actor).filter(id=customer_id)).first()
    if customer is None:
        raise not_found("Customer", "customer_id")
    return customer


def _set_keys(contact: Contact) -> None:
    contact.name_key = contact.name.casefold()
    contact.email_key = contact.email.casefold()


async def _check_email_free(uow: UnitOfWork, email: str) -> None:
    taken = Contact.filter(account_id=uow.actor.account_id, email_key=email.casefold())
    if await taken.using_db(uow.conn).exists():
        raise _duplicate_email()


async def _saved(contact: Contact, uow: UnitOfWork) -> None:
    try:
        await contact.save(using_db=uow.conn)
    except IntegrityError as exc:
        if integrity.hit(exc, "account_id", "email_key"):
            raise _duplicate_email() from exc
        raise


def _duplicate_email() -> ServiceError:
    return ServiceError.single(
        ErrorCode.DUPLICATE, "A contact with this e-mail address exists in the account.", "email"
    )
