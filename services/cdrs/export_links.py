"""Export links: what a download may fetch, signed so that only this application could have
written it.

A link token is `<payload>.<signature>`, both base64url without padding: the payload is the
compact JSON of an `ExportGrant` (what, whose, for whom, until when), the signature its
HMAC-SHA256 under a key derived from the application's secret key for this purpose alone (an
access token's key cannot sign a link, nor the reverse). Nothing is stored: the expiry is in
the signed payload, and the principal and the customers are checked again at every download
(services/cdrs/exports.py)."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

import orjson

from models.enums import ActorKind
from services.auth import PrincipalRef
from services.cdrs.summaries import SummaryPeriod

VERSION = 1
_PURPOSE = b"switchboard export link v1"
MAX_TOKEN_CHARS = 4096  # 100 customer ids and the rest fit in well under 2 000


class ExportKind(StrEnum):
    CDRS = "cdrs"
    SUMMARIES = "summaries"


@dataclass(frozen=True)
class ExportGrant:
    """What a link lets its principal download: the CDRs of one customer or the summaries of
    some customers, over [start, end) cut by `period`, until `expires_at`. `link_id` names
    the link in the audit trail and the logs."""

    kind: ExportKind
    account_id: int
    principal: PrincipalRef
    customer_ids: tuple[int, ...]
    period: SummaryPeriod
    start: datetime
    end: datetime
    expires_at: datetime
    link_id: str

    def expired(self, now: datetime) -> bool:
        return now >= self.expires_at


class LinkError(Exception):
    """A token that is not one of ours: malformed, forged or tampered with."""


def new_link_id() -> str:
    return uuid.uuid4().hex[:16]


def sign(grant: ExportGrant, secret_key: str) -> str:
    principal = grant.principal
    payload = {
        "v": VERSION,
        "k": grant.kind.value,
        "a": grant.account_id,
        "p": [principal.kind.value, principal.id, str(principal.session_id or "")],
        "c": list(grant.customer_ids),
        "per": grant.period.value,
        "s": _epoch(grant.start),
        "e": _epoch(grant.end),
        "x": _epoch(grant.expires_at),
        "n": grant.link_id,
    }
    body = _b64(orjson.dumps(payload))
    return f"{body}.{_b64(_mac(body, secret_key))}"


def verify(token: str, secret_key: str) -> ExportGrant:
    """The grant a token carries, once its signature holds (expiry is the caller's check, so
    an expired link can be told apart from a forged one); LinkError otherwise."""
    if len(token) > MAX_TOKEN_CHARS or token.count(".") != 1:
        raise LinkError("malformed")
    body, signature = token.split(".")
    try:
        given = _unb64(signature)
    except (binascii.Error, ValueError):
        raise LinkError("malformed") from None
    if not hmac.compare_digest(given, _mac(body, secret_key)):
        raise LinkError("bad signature")
    try:
        payload = orjson.loads(_unb64(body))
        return _grant(payload)
    except (binascii.Error, ValueError, KeyError, TypeError, IndexError, orjson.JSONDecodeError):
        raise LinkError("malformed payload") from None  # signed by us, so only another version


def _grant(payload: dict[str, object]) -> ExportGrant:
    if payload["v"] != VERSION:
        raise ValueError("version")
    principal, customers = payload["p"], payload["c"]
    if not isinstance(principal, list) or not isinstance(customers, list):
        raise TypeError("shape")
    kind, principal_id, session = (str(part) for part in principal)
    return ExportGrant(
        kind=ExportKind(str(payload["k"])),
        account_id=int(str(payload["a"])),
        principal=PrincipalRef(ActorKind(kind), int(principal_id), uuid.UUID(session) if session else None),
        customer_ids=tuple(int(c) for c in customers),
        period=SummaryPeriod(str(payload["per"])),
        start=_moment(payload["s"]),
        end=_moment(payload["e"]),
        expires_at=_moment(payload["x"]),
        link_id=str(payload["n"]),
    )


def _key(secret_key: str) -> bytes:
    return hmac.new(secret_key.encode(), _PURPOSE, hashlib.sha256).digest()


def _mac(body: str, secret_key: str) -> bytes:
    return hmac.new(_key(secret_key), body.encode(), hashlib.sha256).digest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    if not text.isascii():
        raise ValueError("not base64url")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _epoch(moment: datetime) -> int:
    return int(moment.timestamp())


def _moment(value: object) -> datetime:
    if not isinstance(value, int):
        raise TypeError("time")
    return datetime.fromtimestamp(value, UTC)
