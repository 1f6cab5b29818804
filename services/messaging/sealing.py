"""Sealing a message body that carries a secret, for the time it waits in the outbox.

A generated password must reach its contact in one e-mail and be readable nowhere else: not in
the API, the log, the audit trail or the database. The outbox is a table, and a message waits
in it until a worker sends it (and again between retries), so the body that carries the
password is stored sealed: AES-256-GCM under a key derived (HKDF-SHA256) from the app's secret
key, with the message's own Message-ID as associated data, so a sealed body only opens for the
row it was written for. The readable columns hold the same message with the secret left out;
the sealed body is cleared as soon as the message is SENT or FAILED, so once delivery ends
the database holds no way to the password at all, not even with the key.

Why not the two other ways:
- rendering at send time from the contact's row would need the password in that row, or a
  new one made at send time, which would not be the one the change committed and audited;
- keeping the rendered body in the clear until it is sent leaves the password readable to
  anyone who reads the table (a backup, a replica, a support query) for as long as the message
  waits, which is minutes at best and the whole retry schedule at worst.

Changing SWITCHBOARD_SECRET_KEY while such a message waits makes it unreadable: it then fails
(its text says why) and the password has to be reset again.
"""

from __future__ import annotations

import base64
import binascii
import os

import orjson
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from services.messaging.rendering import Rendered

_VERSION = "v1."
_PURPOSE = b"switchboard outbox sealed body v1"
_NONCE_BYTES = 12


class Unreadable(Exception):
    """A sealed body that does not open with this key for this message."""


def seal(secret_key: str, content: Rendered, message_id_header: str) -> str:
    """The body (text and HTML) of `content` sealed for the message with this Message-ID."""
    plaintext = orjson.dumps({"text": content.text, "html": content.html})
    nonce = os.urandom(_NONCE_BYTES)
    box = AESGCM(_key(secret_key)).encrypt(nonce, plaintext, message_id_header.encode())
    return _VERSION + base64.urlsafe_b64encode(nonce + box).decode()


def unseal(secret_key: str, sealed: str, subject: str, message_id_header: str) -> Rendered:
    """The body sealed for this message, with its (unsealed) subject; Unreadable otherwise."""
    if not sealed.startswith(_VERSION):
        raise Unreadable("unknown sealing version")
    try:
        raw = base64.urlsafe_b64decode(sealed[len(_VERSION) :])
        nonce, box = raw[:_NONCE_BYTES], raw[_NONCE_BYTES:]
        plaintext = AESGCM(_key(secret_key)).decrypt(nonce, box, message_id_header.encode())
        body = orjson.loads(plaintext)
    except (binascii.Error, ValueError, InvalidTag, orjson.JSONDecodeError) as exc:
        raise Unreadable("the sealed body does not open with this key") from exc
    return Rendered(subject=subject, text=str(body["text"]), html=body["html"])


def _key(secret_key: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_PURPOSE).derive(secret_key.encode())
