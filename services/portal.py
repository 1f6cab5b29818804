"""The customer portal's principals: a customer's contacts, signed in with their own password
(`contactLogin`) or opened by staff ("Portal Login", `contactPortalLogin`).

A portal principal
- reads its own customer only: every scope (services/customers/scope.py, visible_contacts)
  narrows to it, so any other customer, contact, user or reseller is absent, like one that
  does not exist;
- reads of its customer and contacts only the fields declared portal-visible (`portal=` in
  services/fields.py, and on the GraphQL types' own fields), less the sections the customer's
  `portalHiddenSections` hide; anything else answers FORBIDDEN, by every path;
- reads and edits its own profile (SELF_EDITABLE), changes its own password with its current
  one (`viewerPasswordChange`) and verifies its own e-mail address and mobile number;
- sees and manages its customer's other contacts only when the customer's
  `portalManageContacts` is on: then it may create them, edit MANAGED_EDITABLE, delete them
  and reset their passwords. Off (the default) it sees and edits itself alone: a customer's
  contacts are often people of different trust (a billing clerk, an engineer), and staff decide
  whether they manage each other;
- never sets staff-only fields (private notes, IP allow-list, verified flags, its own login
  e-mail), never reads the audit trail, other principals or messages.
Everything it does is audited as "Portal" with the contact's id (and, when staff opened the
session, the staff user's id as `on_behalf_of_user_id`).
"""

from __future__ import annotations

from collections.abc import Iterable
from ipaddress import ip_address, ip_network
from uuid import UUID

from models import Contact, Customer
from models.enums import ActorKind, Permission, PortalSection
from services.actor import Actor, RequestOrigin
from services.errors import ErrorCode, FieldError, ServiceError, not_found

# What the portal's pages need; finer rules are the ones above, checked by the services.
PERMISSIONS = frozenset({Permission.CUSTOMERS_READ, Permission.CONTACTS_WRITE})
SELF_EDITABLE = frozenset({"name", "phone", "mobile", "contact_type", "public_notes"})
# A new contact also gets its login e-mail; an existing one's e-mail (where its password resets
# go) is changed by staff only, so a contact cannot take over another's login.
CREATABLE = SELF_EDITABLE | {"email"}

Visibility = bool | PortalSection


def contact_actor(
    contact: Contact,
    customer: Customer,
    origin: RequestOrigin,
    session_id: UUID | None = None,
    impersonator_id: int | None = None,
) -> Actor:
    """The principal of a contact's portal session (its customer's settings as they are now)."""
    return Actor(
        account_id=contact.account_id,
        kind=ActorKind.CONTACT,
        label=contact.name,
        permissions=PERMISSIONS,
        contact_id=contact.id,
        customer_id=customer.id,
        portal_hidden=frozenset(PortalSection(s) for s in customer.portal_hidden_sections),
        portal_manages_contacts=customer.portal_manage_contacts,
        on_behalf_of_user_id=impersonator_id,
        session_id=session_id,
        origin=origin,
    )


def portal_open(customer: Customer) -> bool:
    """Whether the customer's contacts may use the portal now."""
    return customer.portal_access and customer.deleted_at is None


def address_allowed(contact: Contact, ip: str | None) -> bool:
    """Whether the contact may sign in from `ip`: anywhere when its allow-list is empty."""
    if not contact.ip_allow:
        return True
    try:
        address = ip_address(ip or "")
    except ValueError:
        return False
    return any(address in ip_network(network, strict=False) for network in contact.ip_allow)


def shows(actor: Actor, visibility: Visibility) -> bool:
    """Whether the actor may read a field of this visibility (staff and API keys: always)."""
    if not actor.is_portal:
        return True
    if isinstance(visibility, PortalSection):
        return visibility not in actor.portal_hidden
    return visibility


def forbidden(*field: str) -> ServiceError:
    return ServiceError.single(ErrorCode.FORBIDDEN, _FORBIDDEN, *field)


_FORBIDDEN = "The customer portal does not show this."


def check_contact_write(actor: Actor, contact_id: int | None, given: Iterable[str]) -> None:
    """A portal principal's create (`contact_id` None) or update of a contact: which fields it
    may give. Staff are not concerned (their permission was checked already)."""
    if not actor.is_portal:
        return
    own = contact_id is not None and contact_id == actor.contact_id
    if not own and not actor.portal_manages_contacts:
        raise _not_managed() if contact_id is None else not_found("Contact", "id")
    if not own:
        _check_not_impersonated(actor)
    editable = SELF_EDITABLE if contact_id is not None else CREATABLE
    refused = [name for name in given if name not in editable]
    if refused:
        raise ServiceError([FieldError(ErrorCode.FORBIDDEN, _staff_only(name), (name,)) for name in refused])


def check_other_contact(actor: Actor, contact_id: int, what: str, *field: str) -> None:
    """Deleting a contact or resetting its password: in the portal, only another contact of a
    customer whose contacts manage each other (its own password changes with the current one)."""
    if not actor.is_portal:
        return
    if contact_id == actor.contact_id:
        raise ServiceError.single(ErrorCode.FORBIDDEN, f"You cannot {what} yourself in the portal.")
    if not actor.portal_manages_contacts:
        raise not_found("Contact", *field)  # the others are not in its sight at all
    _check_not_impersonated(actor)


def check_generated_password(actor: Actor, generated: bool, field: str) -> None:
    """In the portal a contact's new password is generated and e-mailed to that contact: the
    contact who asks never learns it, so it cannot take over another's login."""
    if actor.is_portal and not generated:
        raise ServiceError.single(
            ErrorCode.FORBIDDEN, "In the portal a password is generated and e-mailed to the contact.", field
        )


def check_own_verification(actor: Actor, contact_id: int) -> None:
    """In the portal a contact verifies its own e-mail address and mobile number only."""
    if not actor.is_portal or contact_id == actor.contact_id:
        return
    if not actor.portal_manages_contacts:
        raise not_found("Contact", "contact_id")
    raise ServiceError.single(
        ErrorCode.FORBIDDEN, "In the portal a contact verifies its own addresses only.", "contact_id"
    )


def _check_not_impersonated(actor: Actor) -> None:
    """Staff who opened the portal as a contact manage the other contacts as staff, audited as
    themselves: a Portal Login must not mint contacts or passwords that outlive it."""
    if actor.on_behalf_of_user_id is not None:
        raise ServiceError.single(
            ErrorCode.FORBIDDEN, "A Portal Login does not manage the customer's other contacts."
        )


def check_customer_list(actor: Actor, where: object | None, search: str | None, sorted_by: bool) -> None:
    """The portal's customer list holds its own customer: a filter, a search or a sort (whose
    cursors carry the sort key) could only ask about fields the portal may not show (is the
    balance above x?), so it takes none."""
    if not actor.is_portal:
        return
    if sorted_by:
        raise ServiceError.single(ErrorCode.FORBIDDEN, "The portal's customer list takes no sort.", "sort_by")
    if where is not None:
        raise ServiceError.single(ErrorCode.FORBIDDEN, "The portal's customer list takes no filter.", "where")
    if search and search.strip():
        raise ServiceError.single(
            ErrorCode.FORBIDDEN, "The portal's customer list takes no search.", "search"
        )


def _not_managed() -> ServiceError:
    return ServiceError.single(
        ErrorCode.FORBIDDEN, "Your customer's contacts do not manage each other in the portal."
    )


def _staff_only(name: str) -> str:
    return f"{name} is set by your provider, not in the portal."
