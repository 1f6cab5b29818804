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
from models.contacts import Contact, ContactVerificationCode
from models.customers import Customer, CustomerTag
from models.messaging import Broadcast, Message, PeriodicRun
from models.numbers import ConferenceRoom, IpAuth, NumberBlock, SipUser
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
    "ConferenceRoom",
    "Contact",
    "ContactVerificationCode",
    "Customer",
    "CustomerTag",
    "IpAuth",
    "LoginAttempt",
    "LoginThrottle",
    "Message",
    "NumberBlock",
    "PasswordToken",
    "PeriodicRun",
    "RefreshToken",
    "Reseller",
    "Role",
    "ScheduledChange",
    "SipUser",
    "User",
]
