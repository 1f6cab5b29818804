"""Which customers a principal may see: its account's live ones, for a partner only its
reseller's, for a portal principal (a contact) only its own. An id outside that scope behaves
exactly like an id that does not exist. Portal principals see no users or resellers."""

from __future__ import annotations

from typing import TypeVar

from tortoise.expressions import Subquery
from tortoise.models import Model
from tortoise.queryset import QuerySet

from models import Customer, CustomerTag, Reseller, User
from models.enums import Permission
from services.actor import Actor

M = TypeVar("M", bound=Model)


def visible_customers(actor: Actor) -> QuerySet[Customer]:
    queryset = Customer.filter(account_id=actor.account_id, deleted_at__isnull=True)
    if actor.reseller_id is not None:
        queryset = queryset.filter(reseller_id=actor.reseller_id)
    if actor.is_portal:
        queryset = queryset.filter(id=actor.customer_id)
    return queryset


async def find_customer(actor: Actor, customer_id: int) -> Customer | None:
    """A customer the actor may read, or None (also for ids outside its scope)."""
    actor.require(Permission.CUSTOMERS_READ)
    return await visible_customers(actor).get_or_none(id=customer_id)


def about_visible_customers(queryset: QuerySet[M], actor: Actor) -> QuerySet[M]:
    """Rows that name a customer (`customer_id`), narrowed for a partner to its customers and
    for a portal principal to its own."""
    if actor.is_portal:
        return queryset.filter(customer_id=actor.customer_id)
    if actor.reseller_id is None:
        return queryset
    return queryset.filter(customer_id__in=Subquery(visible_customers(actor).values("id")))


def visible_resellers(actor: Actor) -> QuerySet[Reseller]:
    queryset = Reseller.filter(account_id=actor.account_id)
    if actor.is_portal:
        return queryset.filter(id__in=[])
    if actor.reseller_id is not None:
        queryset = queryset.filter(id=actor.reseller_id)
    return queryset


def visible_users(actor: Actor) -> QuerySet[User]:
    queryset = User.filter(account_id=actor.account_id)
    if actor.is_portal:
        return queryset.filter(id__in=[])
    if actor.reseller_id is not None:
        queryset = queryset.filter(reseller_id=actor.reseller_id)
    return queryset


def tags_of(customer_ids: list[int]) -> QuerySet[CustomerTag]:
    return CustomerTag.filter(customer_id__in=customer_ids).order_by("customer_id", "id")
