"""A demo account to explore in GraphiQL: an admin, a reseller with a partner user, and about
fifty varied customers created through the same services (so they carry an audit trail)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import random
from dataclasses import dataclass
from decimal import Decimal

from models import Account, Reseller, User
from models.enums import CustomerStatus, InvoiceSchedule, Weekday
from services.accounts import create_account, create_user, set_password
from services.actor import system_actor
from services.customers.commands import create_customer
from services.customers.values import CustomerPatch, DialWindow
from services.passwords import verify_password

DEMO_ACCOUNT = "Demo Carrier"
ADMIN_EMAIL = "admin@demo.switchboard.test"
PARTNER_EMAIL = "partner@demo.switchboard.test"
CUSTOMER_COUNT = 50

_PREFIXES = [
    "Acme",
    "Blue",
    "Cedar",
    "Delta",
    "Echo",
    "Falcon",
    "Granite",
    "Harbor",
    "Iris",
    "Juniper",
    "Kestrel",
    "Lumen",
    "Maple",
    "Nova",
    "Orbit",
    "Pioneer",
    "Quartz",
    "Raven",
    "Summit",
    "Tidal",
]
_SUFFIXES = ["Telecom", "Voice", "Networks", "Communications", "Connect"]
_TAGS = ["wholesale", "retail", "vip", "sip-trunk", "call-center", "eu", "us", "trial"]
_CURRENCIES = ["USD", "EUR", "GBP", "JPY"]


@dataclass(frozen=True)
class DemoLogin:
    email: str
    password: str
    partner_email: str
    partner_password: str


async def load_demo(secret_key: str) -> DemoLogin:
    """Create the demo account once; on later runs, only check its users' passwords.

    The passwords are derived from the secret key (the checkout's `var/secret_key` unless
    configured), so every run prints the same login: a second `serve --demo`, or a restart,
    leaves the login that a running instance printed valid, and its sessions open. A demo
    password changed since (through the API) is set back, which ends that user's sessions.
    Whoever has the key can already sign access tokens, so deriving from it exposes nothing."""
    admin_password = demo_password(secret_key, ADMIN_EMAIL)
    partner_password = demo_password(secret_key, PARTNER_EMAIL)
    account = await Account.get_or_none(name=DEMO_ACCOUNT)
    if account is not None:
        system = system_actor(account.id)
        for email, password in ((ADMIN_EMAIL, admin_password), (PARTNER_EMAIL, partner_password)):
            user = await User.get(account_id=account.id, email=email)
            if not verify_password(user.password_hash, password):
                await set_password(system, user.id, password, "Demo password restored")
        return DemoLogin(ADMIN_EMAIL, admin_password, PARTNER_EMAIL, partner_password)
    account = await create_account(DEMO_ACCOUNT)
    account.number_range_start, account.number_block_size = 1000, 100
    await account.save(update_fields=["number_range_start", "number_block_size"])
    admin = await create_user(account, email=ADMIN_EMAIL, name="Demo Admin", password=admin_password)
    reseller = await Reseller.create(account_id=account.id, name="Northwind Partners")
    await create_user(
        account,
        email=PARTNER_EMAIL,
        name="Northwind Partner",
        password=partner_password,
        role_name="Partner",
        reseller=reseller,
    )
    await _customers(account, admin, reseller)
    return DemoLogin(ADMIN_EMAIL, admin_password, PARTNER_EMAIL, partner_password)


def demo_password(secret_key: str, email: str) -> str:
    """The demo user's password: 16 URL-safe characters (96 bits), like `generate_password`."""
    digest = hmac.new(secret_key.encode(), b"demo-password\0" + email.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:12]).decode()


async def _customers(account: Account, admin: User, reseller: Reseller) -> None:
    rng = random.Random(42)
    actor = system_actor(account.id, on_behalf_of_user_id=admin.id)
    for index in range(CUSTOMER_COUNT):
        currency = rng.choice(_CURRENCIES)
        places = 0 if currency == "JPY" else 2
        await create_customer(
            actor,
            CustomerPatch(
                name=f"{_PREFIXES[index % 20]} {_SUFFIXES[index % 5]} {index + 1:02d}",
                currency=currency,
                status=rng.choice(list(CustomerStatus)),
                channels=rng.choice([10, 30, 50, 100, 250]),
                flow_speed=rng.choice([5, 10, 20, 50]),
                debit_limit=Decimal(rng.choice([0, 100, 500, -50])).quantize(Decimal(1).scaleb(-places)),
                tax_percent=Decimal(rng.choice(["0", "20", "8.25"])),
                tags=rng.sample(_TAGS, k=rng.randint(0, 3)),
                reseller_id=reseller.id if index % 4 == 0 else None,
                account_manager_id=admin.id if index % 3 == 0 else None,
                invoice_schedule=rng.choice(list(InvoiceSchedule)),
                country=rng.choice(["US", "GB", "DE", "FR", "JP"]),
                vars=f'[routing]\nprefix = "{index:03d}"\n',
                dial_windows=[
                    DialWindow(
                        "08:00", "20:00", (Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI)
                    )
                ]
                if index % 5 == 0
                else [],
            ),
        )
