"""A customer's portal domain must be one of its account's portal domains (account settings).

Checked wherever a customer's values are validated against the database: create, update,
bulk update and upload. The account's list is read without a lock: a removal of the domain that
commits at the same moment can leave this one customer on it (removing a domain that customers
already use is refused, see services/account_settings.py)."""

from __future__ import annotations

from models import Account
from services.customers.values import CustomerPatch
from services.errors import ErrorCode, FieldError
from services.uow import UnitOfWork


async def portal_domain_errors(uow: UnitOfWork, cleaned: CustomerPatch) -> list[FieldError]:
    """INVALID_CHOICE at `portal_domain` when the clean patch sets one the account lacks."""
    domain = cleaned.portal_domain
    if not isinstance(domain, str):
        return []
    allowed = await (
        Account.filter(id=uow.actor.account_id)
        .using_db(uow.conn)
        .first()
        .values_list("portal_domains", flat=True)
    )
    if domain in (allowed or []):
        return []
    message = (
        "Not one of the account's portal domains (see portalDomains)."
        if allowed
        else "The account has no portal domains yet; add them in the account settings first."
    )
    return [FieldError(ErrorCode.INVALID_CHOICE, message, ("portal_domain",))]
