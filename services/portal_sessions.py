"""Sessions of the customer portal: a contact's own login (`contact_login`) and staff's
"Portal Login" (`open_portal_as`), an impersonation of the contact.

A contact logs in with its e-mail and password. The e-mail is unique per account, not across
accounts, so the password is tried against every account's contact of that address (at most
MAX_CANDIDATES, always at least one hash computed), which keeps an unknown address and a wrong
password alike in answer and in time. The same throttle as staff logins counts the tries. Only
once the password is right is the contact told that its customer's portal is closed or that
it may not log in from this address.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from models import Account, Contact, Customer, LoginAttempt
from models.enums import ActorKind, AuditAction, Permission
from services import login_throttle
from services.actor import Actor, RequestOrigin
from services.auditing import REDACTED
from services.auth import (
    Tokens,
    end_other_contact_sessions,
    issue_tokens,
    login_email,
    new_refresh_token,
    open_session,
)
from services.contacts.queries import visible_contacts
from services.customers.scope import visible_customers
from services.errors import ErrorCode, ServiceError, not_found, permission_denied
from services.passwords import strength_problem, verify_password
from services.portal import address_allowed, contact_actor, portal_open
from services.uow import UnitOfWork, unit_of_work
from services.users.credentials import change_own_password, checked_password_change
from settings import Settings

# Accounts in which one address may be a contact's login, tried in turn.
MAX_CANDIDATES = 5
TABLE = "contact"


async def contact_login(settings: Settings, email: str, password: str, origin: RequestOrigin) -> Tokens:
    """Check a contact's credentials (throttled as staff logins are) and open its portal session."""
    # The key the contact is found by (case-folded, as `email_key`) is the key the tries count
    # on: "STRASSE@" and "strasse@" (or a long s for an s) are one login, so one throttle.
    email = login_email(email).casefold()
    ip = (origin.ip or "unknown")[:64]
    reservation = await login_throttle.reserve_attempt(settings, email, ip)
    contact = _matching(await _candidates(email), password)
    if contact is None:
        await LoginAttempt.create(email=email, ip=ip, succeeded=False)
        raise ServiceError.single(ErrorCode.INVALID_CREDENTIALS, "Wrong e-mail or password.")
    refusal = _refusal(contact, origin)
    if refusal is not None:
        await LoginAttempt.create(email=email, ip=ip, succeeded=False)
        raise refusal
    actor = contact_actor(contact, contact.customer, origin)
    async with unit_of_work(actor, is_change=False) as uow:
        session = await open_session(uow, settings, contact_id=contact.id)
        refresh = await new_refresh_token(session, uow.conn, settings)
        await Contact.filter(id=contact.id).using_db(uow.conn).update(last_login_at=uow.now)
        await LoginAttempt.create(email=email, ip=ip, succeeded=True, using_db=uow.conn)
        await login_throttle.settle_success(uow.conn, reservation, uow.now, settings)
        uow.audit(
            AuditAction.LOGIN,
            TABLE,
            contact.id,
            f"{contact.name} <{contact.email}> logged in to the portal",
            customer_id=contact.customer_id,
        )
        tokens = issue_tokens(settings, session, refresh)
    return tokens


async def _candidates(email: str) -> list[Contact]:
    return await (
        Contact.filter(email_key=email, password_hash__isnull=False)
        .select_related("customer")
        .order_by("id")
        .limit(MAX_CANDIDATES)
    )


def _matching(candidates: list[Contact], password: str) -> Contact | None:
    """The contact whose password this is; every candidate's hash is checked, and one dummy
    hash when there is none, so the time does not tell which candidate matched."""
    if not candidates:
        verify_password(None, password)
        return None
    matches = [contact for contact in candidates if verify_password(contact.password_hash, password)]
    return matches[0] if matches else None


def _refusal(contact: Contact, origin: RequestOrigin) -> ServiceError | None:
    if not portal_open(contact.customer):
        return ServiceError.single(ErrorCode.PORTAL_CLOSED, "Your customer portal is closed.")
    if not address_allowed(contact, origin.ip):
        return ServiceError.single(ErrorCode.IP_NOT_ALLOWED, "You may not log in from this address.")
    return None


@dataclass(frozen=True)
class PortalLogin:
    """A staff Portal Login: an access token of the contact's portal (no refresh token), when
    it expires, and the portal's address with the token in its fragment (never sent to a server)."""

    access_token: str
    expires_at: datetime
    portal_url: str


async def open_portal_as(
    settings: Settings, actor: Actor, contact_id: int, reason: str | None
) -> PortalLogin:
    """Open the customer portal as the contact, for `settings.impersonation_minutes`. Needs
    `contacts:impersonate` and a reason; audited in the contact's trail with the staff user who
    asked, and everything done in the session is audited as the contact on behalf of that user."""
    actor.require(Permission.CONTACTS_IMPERSONATE)
    if actor.kind is not ActorKind.USER or actor.user_id is None:
        raise permission_denied("Only a signed-in staff user may open the portal as a contact.")
    if not (reason or "").strip():
        raise ServiceError.single(
            ErrorCode.REQUIRED, "Say why you open the portal as this contact.", "reason"
        )
    async with unit_of_work(actor, reason) as uow:
        contact = await uow.locked(visible_contacts(actor).filter(id=contact_id)).first()
        if contact is None:
            raise not_found("Contact", "contact_id")
        customer = await Customer.get(id=contact.customer_id, using_db=uow.conn)
        if not portal_open(customer):
            raise ServiceError.single(
                ErrorCode.PORTAL_CLOSED, "This customer's portal is closed.", "contact_id"
            )
        domain = await _portal_domain(uow, customer)
        session = await open_session(
            uow,
            settings,
            contact_id=contact.id,
            impersonator_id=actor.user_id,
            lifetime=timedelta(minutes=settings.impersonation_minutes),
        )
        uow.audit(
            AuditAction.IMPERSONATE,
            TABLE,
            contact.id,
            f"Portal Login as {contact.name} <{contact.email}> by {actor.label}",
            customer_id=customer.id,
        )
        tokens = issue_tokens(settings, session, None)
    return PortalLogin(
        access_token=tokens.access_token,
        expires_at=tokens.access_expires_at,
        portal_url=f"https://{domain}/#accessToken={tokens.access_token}",
    )


async def _portal_domain(uow: UnitOfWork, customer: Customer) -> str:
    """The customer's portal domain, or else the account's first one."""
    if customer.portal_domain:
        return customer.portal_domain
    domains = (
        await Account.filter(id=customer.account_id)
        .using_db(uow.conn)
        .values_list("portal_domains", flat=True)
    )
    first = next(iter(domains[0] or []), None) if domains else None
    if first is None:
        raise ServiceError.single(
            ErrorCode.NO_PORTAL_DOMAIN,
            "Neither the customer nor the account has a portal domain.",
            "contact_id",
        )
    return str(first)


async def change_viewer_password(
    settings: Settings, actor: Actor, current_password: str, new_password: str, reason: str | None = None
) -> None:
    """The signed-in principal's new password, given its current one: a staff or partner user's
    (services/users/credentials.py) or, in the portal, the contact's own. Every other session of
    the principal ends."""
    if not actor.is_portal:
        await change_own_password(settings, actor, current_password, new_password, reason)
        return
    if actor.on_behalf_of_user_id is not None:
        raise permission_denied("A Portal Login cannot change the contact's password.")
    contact = await Contact.get_or_none(id=actor.contact_id, account_id=actor.account_id)
    if contact is None:
        raise permission_denied("Only a signed-in contact has a password to change.")
    problem = strength_problem(new_password, email=contact.email, name=contact.name)
    if problem is not None:
        raise ServiceError.single(ErrorCode.INVALID, problem, "new_password")
    reservation, password_hash = await checked_password_change(
        settings,
        actor.origin,
        contact.email_key,
        contact.password_hash,
        current_password,
        new_password,
    )
    async with unit_of_work(actor, reason, is_change=False) as uow:
        await login_throttle.settle_success(uow.conn, reservation, uow.now, settings)
        locked = await uow.locked(Contact.filter(id=contact.id)).get()
        locked.password_hash, locked.password_changed_at = password_hash, uow.stamp()
        await locked.save(
            using_db=uow.conn, update_fields=["password_hash", "password_changed_at", "updated_at"]
        )
        await end_other_contact_sessions(uow.conn, contact.id, actor.session_id, uow.now)
        uow.audit(
            AuditAction.UPDATE,
            TABLE,
            contact.id,
            f"Password of contact {contact.name} <{contact.email}> changed in the portal",
            customer_id=contact.customer_id,
            diff={"password_hash": {"old": REDACTED, "new": REDACTED}},
            at=locked.password_changed_at,
        )


async def own_contact(actor: Actor) -> Contact | None:
    """The portal principal's own contact (for `viewer`), or None for any other principal."""
    if not actor.is_portal:
        return None
    return await visible_contacts(actor).get_or_none(id=actor.contact_id)


async def own_customer(actor: Actor) -> Customer | None:
    """The portal principal's customer (for `viewer`), or None for any other principal."""
    if not actor.is_portal:
        return None
    return await visible_customers(actor).get_or_none(id=actor.customer_id)
