"""What the switch reads: the customer a call belongs to, with its limits."""

from __future__ import annotations

from decimal import Decimal

import strawberry
from strawberry import relay

from gql.types.customers import CustomerStatus
from gql.types.numbers import IpAuth, SipUser
from services.numbers.lookup import CustomerAuth as CustomerAuthValue
from services.reference import quantum


@strawberry.type(description="The customer a call authenticates as, with the limits the switch applies.")
class CustomerAuth:
    customer_id: relay.GlobalID = strawberry.field(description="The customer.")
    customer_name: str = strawberry.field(description="The customer's name.")
    status: CustomerStatus = strawberry.field(description="Whether the customer may pass calls.")
    channels: int = strawberry.field(
        description="Concurrent calls allowed through this authentication: its own cap, else the customer's."
    )
    cps: int = strawberry.field(
        description="Calls per second allowed through this authentication: its own cap, else the customer's."
    )
    customer_channels: int = strawberry.field(description="The customer's channels (0 means none).")
    flow_speed: int = strawberry.field(description="The customer's calls per second (flow speed).")
    currency: str = strawberry.field(description="The customer's currency.")
    balance: Decimal = strawberry.field(description="The customer's balance.")
    debit_limit: Decimal = strawberry.field(
        description="0 pre-pay, >0 post-pay credit, <0 a buffer: calls stop once the balance is "
        "down to -debitLimit (dialingEligibility: BALANCE_BELOW_DEBIT_LIMIT)."
    )
    ip_auth: IpAuth | None = strawberry.field(description="The IP authentication that matched, if any.")
    sip_user: SipUser | None = strawberry.field(description="The SIP user that matched, if any.")

    @classmethod
    def from_value(cls, value: CustomerAuthValue) -> CustomerAuth:
        customer, step = value.customer, quantum(value.customer.currency)
        return cls(
            customer_id=relay.GlobalID("Customer", str(customer.id)),
            customer_name=customer.name,
            status=customer.status,
            channels=value.channels,
            cps=value.cps,
            customer_channels=customer.channels,
            flow_speed=customer.flow_speed,
            currency=customer.currency,
            balance=customer.balance.quantize(step),
            debit_limit=customer.debit_limit.quantize(step),
            ip_auth=IpAuth.from_model(value.ip_auth) if value.ip_auth else None,
            sip_user=SipUser.from_model(value.sip_user) if value.sip_user else None,
        )
