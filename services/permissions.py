"""The permissions: what each one allows (the catalogue a role editor offers), and what the
built-in roles hold.

A built-in role (`Role.built_in`, made with every account) holds what DEFAULT_ROLES says now,
not what was stored when its account was made: built-in roles cannot be edited through the API,
so a permission added to the product later reaches every account's Administrator this way."""

from __future__ import annotations

from dataclasses import dataclass

from models import Role
from models.enums import Permission

ALL = [p.value for p in Permission]
DEFAULT_ROLES: dict[str, list[str]] = {
    "Administrator": ALL,
    "Support": [Permission.CUSTOMERS_READ.value, Permission.AUDIT_READ.value],
    # A partner user acts only on its reseller's customers (services/customers/scope.py), their
    # contacts included, may message their contacts (customerMessageSend) and records their
    # payments.
    "Partner": [
        Permission.CUSTOMERS_READ.value,
        Permission.CUSTOMERS_WRITE.value,
        Permission.CONTACTS_WRITE.value,
        Permission.MESSAGING_SEND.value,
        Permission.AUDIT_READ.value,
        Permission.INVOICES_READ.value,
        Permission.PAYMENTS_READ.value,
        Permission.PAYMENTS_WRITE.value,
    ],
}


@dataclass(frozen=True)
class PermissionInfo:
    """A permission as a role editor shows it: a short label and what it allows."""

    permission: Permission
    label: str
    description: str


CATALOGUE: dict[Permission, PermissionInfo] = {
    info.permission: info
    for info in (
        PermissionInfo(
            Permission.CUSTOMERS_READ,
            "Read customers",
            "See customers and their number blocks and SIP users, and the directory: users, "
            "resellers and roles.",
        ),
        PermissionInfo(
            Permission.CUSTOMERS_WRITE,
            "Edit customers",
            "Create, edit and delete customers; assign number blocks and manage SIP users.",
        ),
        PermissionInfo(
            Permission.CONTACTS_WRITE,
            "Edit contacts",
            "Create, edit and delete customers' contacts (portal logins).",
        ),
        PermissionInfo(
            Permission.CONTACTS_IMPERSONATE,
            "Portal Login",
            "Open the customer portal as one of a customer's contacts (contactPortalLogin): a "
            "short-lived session, audited with who asked and why. Only Administrators hold it "
            "by default.",
        ),
        PermissionInfo(Permission.BILLING_WRITE, "Billing", "Generate invoices and record payments."),
        PermissionInfo(
            Permission.MESSAGING_SEND, "Send messages", "Send e-mails and SMS and read the outbox."
        ),
        PermissionInfo(Permission.AUDIT_READ, "Read the audit trail", "Read the audit trail."),
        PermissionInfo(
            Permission.SETTINGS_READ, "Read settings", "Read the account settings and its API keys."
        ),
        PermissionInfo(
            Permission.SETTINGS_WRITE,
            "Edit settings",
            "Change the account settings; create and revoke API keys.",
        ),
        PermissionInfo(Permission.USERS_WRITE, "Manage users", "Manage users, roles and reseller groups."),
        PermissionInfo(
            Permission.SWITCH_READ,
            "Switch lookups",
            "Look up which customer a call belongs to (by source address and tech prefix, or SIP "
            "username) with its limits, and whether customers may dial now (dialingEligibilities): "
            "what a switch's API key needs.",
        ),
        PermissionInfo(
            Permission.CDRS_INGEST,
            "Send call data",
            "Post call detail records and active-call snapshots (the switch's feeds; API keys only).",
        ),
        PermissionInfo(
            Permission.BILLING_READ,
            "Read billing data",
            "Read the call summaries of the customers in scope (billing systems); customers:read "
            "reads them too, on the customer card.",
        ),
        PermissionInfo(
            Permission.CLIS_APPROVE,
            "Approve caller ids",
            "Approve a customer's caller id (CLI) without a verification call (cliApprove). Only "
            "Administrators hold it by default.",
        ),
        PermissionInfo(
            Permission.INVOICES_READ,
            "Read invoices",
            "See the invoices of the customers in scope, their documents (HTML, PDF) and the "
            "invoice templates.",
        ),
        PermissionInfo(
            Permission.INVOICES_WRITE,
            "Manage invoices",
            "Generate, issue (which e-mails them) and void invoices; write invoice templates.",
        ),
        PermissionInfo(
            Permission.PAYMENTS_READ,
            "Read payments",
            "See the payments of the customers in scope and the account's exchange rates.",
        ),
        PermissionInfo(
            Permission.PAYMENTS_WRITE,
            "Record payments",
            "Record, complete and cancel payments (completing one raises the balance) and set the "
            "account's exchange rates (not partners: the rates are the whole account's).",
        ),
    )
}


def permission_catalogue() -> list[PermissionInfo]:
    """Every permission with what it allows, in declaration order (static: any principal)."""
    return [CATALOGUE[p] for p in Permission]


def permissions_of(role: Role) -> list[str]:
    """What users holding the role may do: a built-in role's from DEFAULT_ROLES, any other's
    as stored."""
    if role.built_in and role.name in DEFAULT_ROLES:
        return DEFAULT_ROLES[role.name]
    return list(role.permissions)
