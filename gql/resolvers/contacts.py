"""Contact queries and mutations: decode, call one service, map."""

from __future__ import annotations

import strawberry
from strawberry import relay

from gql.context import Info, require_actor
from gql.declare import mutation, query
from gql.fields import given_values
from gql.types.common import Connection, connection_of, decode_id
from gql.types.contact_verification import (
    ContactVerificationSendInput,
    ContactVerificationSendPayload,
    ContactVerifyInput,
    ContactVerifyPayload,
)
from gql.types.contacts import (
    Contact,
    ContactCreateInput,
    ContactCreatePayload,
    ContactDeleteInput,
    ContactDeletePayload,
    ContactPasswordResetInput,
    ContactPasswordResetPayload,
    ContactPortalLoginInput,
    ContactPortalLoginPayload,
    ContactSort,
    ContactUpdateInput,
    ContactUpdatePayload,
    ContactWhere,
    contact_query,
)
from gql.types.scheduled_changes import ScheduledChange
from models.enums import Permission
from models.enums import ScheduledChangeKind as Kind
from services import portal_sessions
from services.actor import Actor
from services.contacts import commands, queries, verification
from services.contacts.passwords import PasswordChoice, PasswordMode
from services.contacts.values import FIELDS, ContactPatch
from services.listing import PageRequest
from services.scheduled_changes import commands as scheduling
from services.scheduled_changes.commands import Request
from services.scheduled_changes.kinds import contact_create_patch
from services.scheduled_changes.rules import wants_delay


async def contacts(
    info: Info,
    where: ContactWhere | None = None,
    search: str | None = None,
    sort_by: list[ContactSort] | None = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[Contact]:
    return await contact_connection(require_actor(info), where, search, sort_by, first, after, last, before)


async def contact_connection(
    actor: Actor,
    where: ContactWhere | None = None,
    search: str | None = None,
    sort_by: list[ContactSort] | None = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[Contact]:
    """The page of `contacts` (the compiled path, gql/compiled, reads it here too)."""
    page = await queries.list_contacts(
        actor, PageRequest(first, after, last, before), contact_query(where, search, sort_by)
    )
    return connection_of(page, Contact.from_model)


async def contact_create(info: Info, input: ContactCreateInput) -> ContactCreatePayload:
    customer_id = decode_id(input.customer_id, "Customer", "customer_id")
    choice = None
    if input.password_mode is not None or input.password is not None:
        choice = PasswordChoice(input.password_mode or PasswordMode.SET, input.password)
    actor, patch = require_actor(info), ContactPatch(**given_values(input, FIELDS))
    if wants_delay(actor, input.effective_at):
        assert input.effective_at is not None
        stored = contact_create_patch(Request.of(Kind.CONTACT_CREATE, patch).patch, choice)
        request = Request(Kind.CONTACT_CREATE, stored, customer_id=customer_id)
        change = await scheduling.schedule(actor, request, input.effective_at, input.reason)
        return ContactCreatePayload(scheduled_change=ScheduledChange.from_model(change))
    row = await commands.create_contact(actor, customer_id, patch, choice, input.reason)
    return ContactCreatePayload(contact=Contact.from_model(row))


async def contact_update(info: Info, input: ContactUpdateInput) -> ContactUpdatePayload:
    actor, contact_id = require_actor(info), decode_id(input.id, "Contact", "id")
    patch = ContactPatch(**given_values(input, FIELDS))
    if wants_delay(actor, input.effective_at):
        assert input.effective_at is not None
        request = Request.of(Kind.CONTACT_UPDATE, patch, target_id=contact_id, overwrite=input.overwrite)
        change = await scheduling.schedule(actor, request, input.effective_at, input.reason)
        current = (await queries.contacts_by_id(actor, [contact_id]))[contact_id]
        return ContactUpdatePayload(
            contact=Contact.from_model(current), scheduled_change=ScheduledChange.from_model(change)
        )
    row = await commands.update_contact(actor, contact_id, patch, input.reason)
    return ContactUpdatePayload(contact=Contact.from_model(row))


async def contact_delete(info: Info, input: ContactDeleteInput) -> ContactDeletePayload:
    row = await commands.delete_contact(
        require_actor(info), decode_id(input.id, "Contact", "id"), input.reason
    )
    return ContactDeletePayload(deleted_id=relay.GlobalID("Contact", str(row.id)))


async def contact_password_reset(info: Info, input: ContactPasswordResetInput) -> ContactPasswordResetPayload:
    row = await commands.reset_password(
        require_actor(info),
        decode_id(input.contact_id, "Contact", "contact_id"),
        PasswordChoice(input.mode, input.password),
        input.reason,
    )
    return ContactPasswordResetPayload(contact=Contact.from_model(row))


async def contact_verification_send(
    info: Info, input: ContactVerificationSendInput
) -> ContactVerificationSendPayload:
    row = await verification.send_verification_code(
        require_actor(info), decode_id(input.contact_id, "Contact", "contact_id"), input.channel, input.reason
    )
    return ContactVerificationSendPayload(contact=Contact.from_model(row))


async def contact_verify(info: Info, input: ContactVerifyInput) -> ContactVerifyPayload:
    row = await verification.verify_contact(
        require_actor(info),
        decode_id(input.contact_id, "Contact", "contact_id"),
        input.channel,
        input.code,
        input.reason,
    )
    return ContactVerifyPayload(contact=Contact.from_model(row))


async def contact_portal_login(info: Info, input: ContactPortalLoginInput) -> ContactPortalLoginPayload:
    login = await portal_sessions.open_portal_as(
        info.context.settings,
        require_actor(info),
        decode_id(input.contact_id, "Contact", "contact_id"),
        input.reason,
    )
    return ContactPortalLoginPayload(
        access_token=login.access_token, expires_at=login.expires_at, portal_url=login.portal_url
    )


@strawberry.type(description="Queries of contacts.")
class ContactQueries:
    contacts: Connection[Contact] = query(
        contacts,
        needs=Permission.CUSTOMERS_READ,
        description="Every contact of the customers in view (Global Contacts), filtered, searched "
        "(name, e-mail, phone, mobile) and sorted.",
        portal=True,
    )


async def contact_reset_password(info: Info, input: ContactPasswordResetInput) -> ContactPasswordResetPayload:
    """The deprecated other name of contactPasswordReset."""
    return await contact_password_reset(info, input)


@strawberry.type(description="Mutations of contacts.")
class ContactMutations:
    contact_create: ContactCreatePayload = mutation(
        contact_create,
        needs=Permission.CONTACTS_WRITE,
        description="Add a contact to a customer, optionally with a portal password (set, or "
        "generated and e-mailed).",
        portal=True,
    )
    contact_update: ContactUpdatePayload = mutation(
        contact_update, needs=Permission.CONTACTS_WRITE, description="Change a contact's fields.", portal=True
    )
    contact_delete: ContactDeletePayload = mutation(
        contact_delete,
        needs=Permission.CONTACTS_WRITE,
        description="Delete a contact and its login.",
        portal=True,
    )
    contact_password_reset: ContactPasswordResetPayload = mutation(
        contact_password_reset,
        needs=Permission.CONTACTS_WRITE,
        description="Give a contact a new portal password: generated and e-mailed to it, or set.",
        portal=True,
    )
    contact_reset_password: ContactPasswordResetPayload = mutation(
        contact_reset_password,
        needs=Permission.CONTACTS_WRITE,
        description="The same as contactPasswordReset, under the name DESIGN.md's naming example uses.",
        deprecation_reason="Use contactPasswordReset.",
        portal=True,
    )
    contact_portal_login: ContactPortalLoginPayload = mutation(
        contact_portal_login,
        needs=Permission.CONTACTS_IMPERSONATE,
        description="Staff's Portal Login: open the customer portal as the contact for a few minutes "
        "(a token that cannot be refreshed, and the portal's URL). Needs a reason; audited in the "
        "contact's trail with who asked, and everything done in that session is audited as the "
        "contact on behalf of the staff user. PORTAL_CLOSED when the customer's portal access is "
        "off; NO_PORTAL_DOMAIN when neither the customer nor the account has a portal domain.",
    )
    contact_verification_send: ContactVerificationSendPayload = mutation(
        contact_verification_send,
        needs=Permission.CONTACTS_WRITE,
        description="Send a contact a single-use code (by e-mail or SMS) that proves the address is "
        "its own; it expires, and a newer code replaces it. NO_ADDRESS when the contact has no such "
        "address, THROTTLED past the hourly limit per contact.",
        portal=True,
    )
    contact_verify: ContactVerifyPayload = mutation(
        contact_verify,
        needs=Permission.CONTACTS_WRITE,
        description="Check a code sent by contactVerificationSend; a match marks the e-mail or mobile "
        "verified. A wrong code is INVALID_CODE and counts an attempt; after a few the code is spent.",
        portal=True,
    )
