"""What the authorization tests of customer-auth rows share: the principals of a write and the
payload errors each is refused with (tests/client.py `Principals` logs them in)."""

from __future__ import annotations

from typing import Any

WRITE_MATRIX = [
    ("anonymous", "UNAUTHENTICATED"),
    ("staff_without_permission", "PERMISSION_DENIED"),
    ("api_key_without_permission", "PERMISSION_DENIED"),
    ("partner_other_reseller", "NOT_FOUND"),
    ("user_of_other_account", "NOT_FOUND"),
    ("administrator", "allowed"),
    ("partner_own_reseller", "allowed"),
    ("api_key_with_permission", "allowed"),
]
MESSAGES = {
    "UNAUTHENTICATED": "Authentication required.",
    "PERMISSION_DENIED": "You do not have permission to do this.",
}


def refused_with(outcome: str, what: str, field: list[str]) -> list[dict[str, Any]]:
    """The payload errors of a refused write: NOT_FOUND names `what` at `field`."""
    if outcome == "NOT_FOUND":
        return [{"code": "NOT_FOUND", "message": f"{what} not found.", "field": field}]
    return [{"code": outcome, "message": MESSAGES[outcome], "field": None}]
