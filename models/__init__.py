"""Tortoise models, one module per aggregate."""

from models.accounts import (
    Account,
    ApiKey,
    AuthSession,
    LoginAttempt,
    LoginThrottle,
    PasswordToken,
    RefreshToken,
    Reseller,
    Role,
    User,
)
from models.audit import AuditEntry
from models.cdrs import Cdr, CdrHourlySummary, CdrRollupMark
from models.clis import Cli
from models.contacts import Contact, ContactVerificationCode
from models.customers import Customer, CustomerTag
from models.invoices import Invoice, InvoiceCounter, InvoiceCursor, InvoiceLine, InvoiceTemplate
from models.messaging import Broadcast, Message, MessageAttachment, PeriodicRun
from models.numbers import ConferenceRoom, IpAuth, NumberBlock, SipUser
from models.payments import ExchangeRate, Payment, PaymentAllocation
from models.scheduling import ScheduledChange

__all__ = [
    "Account",
    "ApiKey",
    "AuditEntry",
    "AuthSession",
    "Broadcast",
    "Cdr",
    "CdrHourlySummary",
    "CdrRollupMark",
    "Cli",
    "ConferenceRoom",
    "Contact",
    "ContactVerificationCode",
    "Customer",
    "CustomerTag",
    "ExchangeRate",
    "Invoice",
    "InvoiceCounter",
    "InvoiceCursor",
    "InvoiceLine",
    "InvoiceTemplate",
    "IpAuth",
    "LoginAttempt",
    "LoginThrottle",
    "Message",
    "MessageAttachment",
    "NumberBlock",
    "PasswordToken",
    "Payment",
    "PaymentAllocation",
    "PeriodicRun",
    "RefreshToken",
    "Reseller",
    "Role",
    "ScheduledChange",
    "SipUser",
    "User",
]
