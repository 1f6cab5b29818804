"""Domain enumerations shared by models, services and the API (which exposes them as-is)."""

from enum import StrEnum


class CustomerStatus(StrEnum):
    ACTIVE = "ACTIVE"
    INACTIVE = "INACTIVE"
    PENALTY = "PENALTY"
    PENDING_APPROVAL = "PENDING_APPROVAL"


class InvoiceSchedule(StrEnum):
    NONE = "NONE"
    DAILY = "DAILY"
    WEEKLY = "WEEKLY"
    MONTHLY = "MONTHLY"


class RtpFirewall(StrEnum):
    """LOCKED: media must pass the RTP firewall; UNLOCKED: the customer may bypass it."""

    LOCKED = "LOCKED"
    UNLOCKED = "UNLOCKED"


class StirShakenAttestation(StrEnum):
    A = "A"
    B = "B"
    C = "C"


class PortalSection(StrEnum):
    """Parts of the customer portal that the customer's Portal Access settings can hide."""

    BALANCE = "BALANCE"
    CDR = "CDR"
    BREAKOUT = "BREAKOUT"
    INVOICES = "INVOICES"
    PAYMENTS = "PAYMENTS"
    RATES = "RATES"
    SUMMARY = "SUMMARY"


class Weekday(StrEnum):
    MON = "MON"
    TUE = "TUE"
    WED = "WED"
    THU = "THU"
    FRI = "FRI"
    SAT = "SAT"
    SUN = "SUN"


class ContactType(StrEnum):
    """What a contact is for: informational only (the seeds give it no other function)."""

    GENERAL = "GENERAL"
    BILLING = "BILLING"
    TECHNICAL = "TECHNICAL"
    SALES = "SALES"
    OTHER = "OTHER"


class ActorKind(StrEnum):
    USER = "USER"
    CONTACT = "CONTACT"
    API_KEY = "API_KEY"
    SYSTEM = "SYSTEM"


class AuditAction(StrEnum):
    CREATE = "CREATE"
    UPDATE = "UPDATE"
    DELETE = "DELETE"
    LOGIN = "LOGIN"
    LOGOUT = "LOGOUT"
    IMPERSONATE = "IMPERSONATE"
    SEND = "SEND"
    GENERATE = "GENERATE"
    SCHEDULE = "SCHEDULE"
    APPLY = "APPLY"
    CANCEL = "CANCEL"
    EXPORT = "EXPORT"


class ScheduledChangeStatus(StrEnum):
    """Where a Delay-and-Save change stands: waiting, applied, refused when due, or cancelled."""

    PENDING = "PENDING"
    APPLIED = "APPLIED"
    FAILED = "FAILED"
    CANCELLED = "CANCELLED"


class ScheduledChangeKind(StrEnum):
    """What a scheduled change does when it is applied (services/scheduled_changes/kinds.py)."""

    CUSTOMER_CREATE = "CUSTOMER_CREATE"
    CUSTOMER_UPDATE = "CUSTOMER_UPDATE"
    CUSTOMER_BULK_UPDATE = "CUSTOMER_BULK_UPDATE"
    CONTACT_CREATE = "CONTACT_CREATE"
    CONTACT_UPDATE = "CONTACT_UPDATE"
    SIP_USER_CREATE = "SIP_USER_CREATE"
    SIP_USER_UPDATE = "SIP_USER_UPDATE"
    IP_AUTH_CREATE = "IP_AUTH_CREATE"
    IP_AUTH_UPDATE = "IP_AUTH_UPDATE"
    CLI_ADD = "CLI_ADD"
    CLI_UPDATE = "CLI_UPDATE"
    PENALTY_LIFT = "PENALTY_LIFT"


class HttpVerb(StrEnum):
    GET = "GET"
    POST = "POST"
    PUT = "PUT"
    DELETE = "DELETE"


class PasswordTokenPurpose(StrEnum):
    """What a set-password link was sent for."""

    INVITATION = "INVITATION"
    RESET = "RESET"


class SessionKind(StrEnum):
    LOGIN = "LOGIN"
    IMPERSONATION = "IMPERSONATION"


class Permission(StrEnum):
    """What a role (or an API key) may do; stored by value in roles."""

    CUSTOMERS_READ = "customers:read"
    CUSTOMERS_WRITE = "customers:write"
    CONTACTS_WRITE = "contacts:write"
    CONTACTS_IMPERSONATE = "contacts:impersonate"
    BILLING_WRITE = "billing:write"
    MESSAGING_SEND = "messaging:send"
    AUDIT_READ = "audit:read"
    SETTINGS_READ = "settings:read"
    SETTINGS_WRITE = "settings:write"
    USERS_WRITE = "users:write"
    SWITCH_READ = "switch:read"
    CDRS_INGEST = "cdrs:ingest"
    BILLING_READ = "billing:read"
    CLIS_APPROVE = "clis:approve"
    INVOICES_READ = "invoices:read"
    INVOICES_WRITE = "invoices:write"
    PAYMENTS_READ = "payments:read"
    PAYMENTS_WRITE = "payments:write"


class MessageChannel(StrEnum):
    EMAIL = "EMAIL"
    SMS = "SMS"
    VOICE = "VOICE"  # a call that speaks the message (the account's voice provider)


class CliStatus(StrEnum):
    """A customer's caller id: PENDING until verified by a test call (or approved by staff)."""

    PENDING = "PENDING"
    APPROVED = "APPROVED"


class VerificationChannel(StrEnum):
    """How a contact proves an address is its own: a code by e-mail, or by SMS to its mobile."""

    EMAIL = "EMAIL"
    SMS = "SMS"


class MessageStatus(StrEnum):
    QUEUED = "QUEUED"
    SENT = "SENT"
    FAILED = "FAILED"


class MessageKind(StrEnum):
    """Why a message was sent (templates are chosen by it)."""

    TEST = "TEST"
    CAMPAIGN = "CAMPAIGN"
    PASSWORD = "PASSWORD"
    VERIFICATION = "VERIFICATION"
    INVOICE = "INVOICE"
    INVITATION = "INVITATION"  # a new user's link to choose a password
    RESET_LINK = "RESET_LINK"  # a link to choose a new password (passwordResetRequest)


class SmtpTlsMode(StrEnum):
    NONE = "NONE"
    STARTTLS = "STARTTLS"
    TLS = "TLS"


class InvoicePeriod(StrEnum):
    """The summary period an invoice covers (UTC; weeks start on Monday)."""

    DAILY = "DAILY"
    WEEKLY = "WEEKLY"
    MONTHLY = "MONTHLY"
    # A receipt for one payment (createInvoiceOnPayment): starts and ends when it was completed.
    RECEIPT = "RECEIPT"


class InvoiceStatus(StrEnum):
    """DRAFT -> ISSUED -> PAID, or VOID (from DRAFT or ISSUED; keeps its number)."""

    DRAFT = "DRAFT"
    ISSUED = "ISSUED"
    PAID = "PAID"
    VOID = "VOID"


class AttachmentSource(StrEnum):
    """What produces an e-mail attachment at delivery (services/messaging/attachments.py)."""

    INVOICE_PDF = "INVOICE_PDF"


class PaymentStatus(StrEnum):
    """PENDING until completed (the balance moves, once) or cancelled (nothing moves)."""

    PENDING = "PENDING"
    COMPLETED = "COMPLETED"
    CANCELLED = "CANCELLED"


class PaymentMethod(StrEnum):
    """How the money came in (informational, and half of the external id's uniqueness)."""

    MANUAL = "MANUAL"
    BANK_TRANSFER = "BANK_TRANSFER"
    CARD = "CARD"
    PAYPAL = "PAYPAL"
    CASH = "CASH"
    CHEQUE = "CHEQUE"
    OTHER = "OTHER"
