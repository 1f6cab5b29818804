"""Who is acting, from where: every service call takes one."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from uuid import UUID

from models.enums import ActorKind, Permission, PortalSection
from services.errors import permission_denied


@dataclass(frozen=True)
class RequestOrigin:
    """Where a request came from, as recorded in the audit trail."""

    ip: str | None = None
    user_agent: str | None = None


@dataclass(frozen=True)
class Actor:
    """An authenticated principal inside one account (and, for partners, one reseller)."""

    account_id: int
    kind: ActorKind
    label: str
    permissions: frozenset[Permission] = field(default_factory=frozenset)
    user_id: int | None = None
    api_key_id: int | None = None
    contact_id: int | None = None
    reseller_id: int | None = None
    on_behalf_of_user_id: int | None = None
    session_id: UUID | None = None
    origin: RequestOrigin = RequestOrigin()
    # A portal principal (kind CONTACT): its customer, the sections that customer hides from
    # the portal, and whether the customer's contacts manage each other (services/portal.py).
    customer_id: int | None = None
    portal_hidden: frozenset[PortalSection] = frozenset()
    portal_manages_contacts: bool = False

    def can(self, permission: Permission) -> bool:
        return permission in self.permissions

    def require(self, permission: Permission) -> None:
        if not self.can(permission):
            raise permission_denied()

    @property
    def is_partner(self) -> bool:
        return self.reseller_id is not None

    @property
    def is_portal(self) -> bool:
        """A customer's contact, signed in to the customer portal (or impersonated by staff)."""
        return self.kind is ActorKind.CONTACT

    def from_origin(self, origin: RequestOrigin) -> Actor:
        return replace(self, origin=origin)


def system_actor(account_id: int, on_behalf_of_user_id: int | None = None) -> Actor:
    """The system itself, e.g. a scheduler applying work that a user scheduled."""
    return Actor(
        account_id=account_id,
        kind=ActorKind.SYSTEM,
        label="System",
        permissions=frozenset(Permission),
        on_behalf_of_user_id=on_behalf_of_user_id,
    )
