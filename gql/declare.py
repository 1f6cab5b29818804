"""Declaring the API's operations, each with the permission it needs, as data:

    customer_create = mutation(customers.customer_create, needs=Permission.CUSTOMERS_WRITE,
                               description="Create a customer.")

The permission travels on the field's extension (`declared_permission` reads it back, so a test
can hold it against the permission the service enforces) and into the description ("Needs
customers:write."). Enforcing it stays with the service, the one place every path goes through;
the extension requires a principal and turns the service's refusals into the payload's `errors`
(mutations) or a coded error (queries).

`portal=True` opens an operation to the customer portal's principals (a customer's contacts);
every other one refuses them with FORBIDDEN before it runs (services/portal.py says what they
may do; the services enforce it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import strawberry
from strawberry.types.field import StrawberryField

from gql.errors import Payload, Refusals
from models.enums import Permission


def mutation(
    resolver: Callable[..., Any],
    *,
    needs: Permission | None,
    description: str,
    public: bool = False,
    portal: bool = False,
    or_: tuple[Permission, ...] = (),
    deprecation_reason: str | None = None,
) -> Any:
    """A mutation; `public` ones (login) run without a principal. A deprecated one is another
    name for a mutation that stays (same resolver, same permission)."""
    return strawberry.mutation(
        resolver=resolver,
        extensions=[
            Payload(authenticated=not public, needs=needs, portal=portal or public, alternatives=or_)
        ],
        description=_described(description, needs, or_),
        deprecation_reason=deprecation_reason,
    )


def query(
    resolver: Callable[..., Any],
    *,
    needs: Permission | None,
    description: str,
    or_: tuple[Permission, ...] = (),
    portal: bool = False,
) -> Any:
    """A query field that needs a principal (and `needs`, or one of `or_`, when given)."""
    return strawberry.field(
        resolver=resolver,
        extensions=[Refusals(needs=needs, alternatives=or_, portal=portal)],
        description=_described(description, needs, or_),
    )


def declared_permission(field: StrawberryField) -> Permission | None:
    """The permission a field was declared with (None: any principal, or none at all)."""
    for extension in field.extensions:
        if isinstance(extension, Payload | Refusals):
            return extension.needs
    return None


def declared_alternatives(field: StrawberryField) -> tuple[Permission, ...]:
    """The permissions a field accepts instead of its declared one (`or_`)."""
    for extension in field.extensions:
        if isinstance(extension, Payload | Refusals):
            return extension.alternatives
    return ()


def portal_open(field: StrawberryField) -> bool:
    """Whether a field was declared open to the customer portal's principals."""
    return any(isinstance(e, Payload | Refusals) and e.portal for e in field.extensions)


def _described(description: str, needs: Permission | None, alternatives: tuple[Permission, ...] = ()) -> str:
    if needs is None:
        return description
    return f"{description} Needs {' or '.join(p.value for p in (needs, *alternatives))}."
