"""Tortoise models, one module per aggregate."""

from models.accounts import Account, ApiKey, AuthSession, LoginAttempt, RefreshToken, Reseller, Role, User
from models.audit import AuditEntry
from models.customers import Customer, CustomerTag

__all__ = [
    "Account",
    "ApiKey",
    "AuditEntry",
    "AuthSession",
    "Customer",
    "CustomerTag",
    "LoginAttempt",
    "RefreshToken",
    "Reseller",
    "Role",
    "User",
]
