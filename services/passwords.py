"""argon2id password hashing with OWASP's recommended parameters (m=19 MiB, t=2, p=1), and the
strength rule every new password passes.

Each hash records its parameters, so hashes made with other parameters still verify."""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1)
# Verified against when the e-mail is unknown, so both failures take the same time.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


def set_hashing_cost(*, time_cost: int, memory_cost_kib: int) -> None:
    """Hash new passwords with other argon2 parameters. Only the test harness lowers them: it
    hashes thousands of passwords, at about 35 ms each with the production parameters. Every
    hash records its own parameters, so hashes made before still verify."""
    global _hasher, _DUMMY_HASH
    _hasher = PasswordHasher(time_cost=time_cost, memory_cost=memory_cost_kib, parallelism=1)
    _DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


MIN_LENGTH = 10
# Long enough for any passphrase; the bound keeps one request's hashing work bounded.
MAX_LENGTH = 256
MIN_DISTINCT_CHARACTERS = 5
# Passwords that meet the length but are among the first tried by anyone guessing.
_COMMON = frozenset(
    {
        "1234567890",
        "12345678910",
        "123456789012",
        "0987654321",
        "1q2w3e4r5t",
        "1qaz2wsx3edc",
        "qwertyuiop",
        "asdfghjkl;",
        "password12",
        "password123",
        "password1234",
        "passw0rd123",
        "iloveyou123",
        "letmein1234",
        "administrator",
        "switchboard",
        "welcome123",
        "changeme123",
    }
)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def unusable_password_hash() -> str:
    """The hash of a random secret that is thrown away: no password matches it, and checking one
    against it costs what checking a real hash costs (an invited user's login fails like any
    wrong password, in the same time)."""
    return _hasher.hash(secrets.token_urlsafe(32))


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def generate_password() -> str:
    return secrets.token_urlsafe(12)


def strength_problem(password: str, *, email: str = "", name: str = "") -> str | None:
    """Why `password` is too weak to be set, or None. The rule: 10 to 256 characters, at least
    5 different ones, not a well-known password, and not the user's own e-mail or name."""
    if len(password) < MIN_LENGTH:
        return f"At least {MIN_LENGTH} characters."
    if len(password) > MAX_LENGTH:
        return f"At most {MAX_LENGTH} characters."
    if len(set(password)) < MIN_DISTINCT_CHARACTERS:
        return f"Use at least {MIN_DISTINCT_CHARACTERS} different characters."
    folded = password.casefold()
    if folded in _COMMON:
        return "This password is too well known; choose another."
    own = {part.casefold() for part in (email, email.split("@")[0], name) if part}
    if folded in own or folded.replace(" ", "") in own:
        return "Do not use your e-mail address or name as the password."
    return None
