"""The one place configuration is read: `SWITCHBOARD_*` environment variables.

Unset, the embedded default applies: a SQLite file and an in-process worker under `./var/`.
"""

from __future__ import annotations

import secrets
from enum import StrEnum
from functools import lru_cache
from ipaddress import ip_network
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from tortoise.backends.base.config_generator import expand_db_url

DATA_DIR = Path("var")
MIN_SECRET_KEY_BYTES = 32
MODEL_MODULES = ["models", "aerich.models"]


class Environment(StrEnum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"


class Settings(BaseSettings):
    """Runtime configuration; every field maps to `SWITCHBOARD_<NAME>`."""

    model_config = SettingsConfigDict(env_prefix="SWITCHBOARD_", extra="ignore")

    environment: Environment = Environment.DEVELOPMENT
    database_url: str = f"sqlite://{DATA_DIR}/switchboard.db"
    redis_url: str | None = None
    redis_namespace: str = Field(
        default="dramatiq",
        description="Prefix of every Redis key of the job queues, so several deployments (or "
        "test runs) can share one Redis.",
    )
    secret_key: SecretStr | None = Field(
        default=None,
        description="Signs access tokens. Unset, a random key is kept in var/secret_key.",
    )
    compiled_reads: bool = Field(
        default=True,
        description="Serve the query documents the compiled read path covers (gql/compiled) without "
        "graphql-core's per-field execution; off, every request runs on the general path.",
    )
    access_token_minutes: int = 15
    impersonation_minutes: int = Field(
        default=15,
        ge=1,
        le=60,
        description="How long a staff Portal Login (contactPortalLogin) lasts; it cannot be refreshed.",
    )
    refresh_token_days: int = 30
    refresh_grace_seconds: float = Field(
        default=20.0,
        ge=0,
        description="How long after a refresh token is spent presenting it again answers with the "
        "same new tokens (several tabs refreshing at once) instead of revoking the session.",
    )
    impersonation_token_minutes: int = 10
    public_url: str = Field(
        default="http://127.0.0.1:8000",
        description="Where people reach the product: set-password links in e-mails start with it "
        "(`<public_url>/set-password#token=…`).",
    )
    export_link_minutes: int = Field(
        default=15,
        ge=1,
        le=1440,
        description="How long an export link (cdrExportCreate, summaryExportCreate) may be fetched; "
        "a download started in time runs to its end.",
    )
    export_batch_rows: int = Field(
        default=5000, ge=1, description="Rows read from the database per step of an export's CSV stream."
    )
    invitation_hours: int = Field(
        default=72, description="How long the set-password link of an invitation (userInvite) works."
    )
    password_reset_minutes: int = Field(
        default=60, description="How long the link of a password reset (passwordResetRequest) works."
    )
    password_reset_max_per_hour: int = Field(
        default=3,
        description="Reset e-mails one user gets per hour at most, whoever asks and from wherever; "
        "further requests get the same answer and send nothing.",
    )
    verification_code_minutes: int = Field(
        default=15, description="How long a contact's verification code (contactVerificationSend) works."
    )
    verification_max_attempts: int = Field(
        default=5, description="Wrong tries a verification code takes before it is spent."
    )
    verification_max_sends_per_hour: int = Field(
        default=5, description="Verification codes one contact is sent per hour at most (THROTTLED)."
    )
    cli_code_minutes: int = Field(
        default=10,
        description="How long the code of a caller-id verification call (cliVerificationCall) works.",
    )
    cli_code_max_attempts: int = Field(
        default=5, description="Wrong tries a caller-id verification code takes before it is spent."
    )
    cli_call_interval_seconds: int = Field(
        default=60, description="Time between two verification calls to one caller id (THROTTLED)."
    )
    cli_calls_per_customer_per_hour: int = Field(
        default=10,
        description="Verification calls one customer's caller ids get per hour at most (THROTTLED).",
    )
    max_clis_per_customer: int = Field(
        default=100, description="Caller ids one customer may hold (TOO_MANY)."
    )

    graphiql: bool | None = None
    introspection: bool | None = None
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Origins (scheme://host[:port], comma-separated; `*` for any) whose browser "
        "apps may call the API. Empty: same-origin only, no CORS headers at all.",
    )
    cors_max_age_seconds: int = Field(
        default=600, ge=0, description="How long a browser may cache the answer to a CORS preflight."
    )
    trusted_proxies: list[str] = Field(
        default_factory=list,
        description="Addresses or networks of the reverse proxies whose X-Forwarded-For is believed. "
        "Empty: the socket peer is the client.",
    )

    max_query_depth: int = 10
    max_introspection_depth: int = Field(
        default=16, description="Depth below __schema/__type (GraphiQL's schema query needs 14)."
    )
    max_aliases: int = 30
    max_tokens: int = Field(
        default=2000,
        description="Tokens in a signed-in caller's document (parsing and validating cost about "
        "40 µs per token; bench/run_validation.py).",
    )
    max_anonymous_tokens: int = Field(
        default=500,
        description="Tokens in an anonymous caller's document: it can only log in, refresh a "
        "token and read the schema (GraphiQL's schema query has 183).",
    )
    max_body_bytes: int = 200_000
    ingest_max_bytes: int = Field(
        default=256 * 1024 * 1024,
        description="Largest body of POST /ingest/... (as sent, gzip or not); it is read as it streams.",
    )
    max_query_cost: int = 50_000
    max_field_repeats: int = Field(
        default=10,
        description="How many times one response name may occur in one selection set, fragments "
        "included (graphql-core's field-merging check is quadratic in them).",
    )
    max_fragment_spreads: int = Field(
        default=32,
        description="Distinct fragments spread in one selection set (graphql-core compares them pairwise).",
    )
    max_validation_steps: int = Field(
        default=20_000,
        description="Steps the limits' walk of a document may take before it is refused.",
    )
    max_json_depth: int = Field(default=64, description="Nesting of arrays and objects in a request body.")

    login_max_failures: int = Field(
        default=5, description="Failed logins of one e-mail from one address before it backs off."
    )
    login_ip_max_failures: int = Field(
        default=20, description="Failed logins from one address (any e-mail) before it backs off."
    )
    login_backoff_seconds: float = Field(
        default=30.0, description="The first back-off; it doubles with every further failure."
    )
    login_backoff_max_seconds: float = Field(default=900.0, description="The longest back-off.")
    login_window_seconds: int = Field(
        default=900, description="A run of failures is forgotten this long after its last back-off ends."
    )
    login_known_address_days: int = Field(
        default=30,
        description="After a successful login, the e-mail's own address is exempt from the "
        "address-wide back-off for this long (a shared office address stays usable).",
    )
    login_attempt_retention_days: int = Field(
        default=90, description="How long the record of each login attempt is kept."
    )

    outbox_dir: Path = Field(
        default=DATA_DIR / "outbox",
        description="Where the default sender writes e-mails (.eml) and SMS (.json) when the "
        "account has no SMTP server or SMS provider configured.",
    )
    outbox_lease_seconds: float = Field(
        default=120.0, description="How long a send may take before another worker may retry it."
    )
    outbox_max_attempts: int = 6
    outbox_backoff_seconds: list[float] = Field(default_factory=lambda: [5.0, 30.0, 120.0, 600.0, 1800.0])
    outbox_redrive_seconds: float = 15.0
    send_timeout_seconds: float = 30.0
    allow_private_outbound: bool = Field(
        default=False,
        description="Let tenant-configured SMTP hosts and SMS API URLs be loopback, private or "
        "link-local addresses (development and tests against local servers). Cloud metadata "
        "addresses stay refused.",
    )
    paypal_ipn_verify_url: str = Field(
        default="https://ipnpb.paypal.com/cgi-bin/webscr",
        description="Where PayPal IPN notifications are posted back for verification "
        "(cmd=_notify-validate); the sandbox is https://ipnpb.sandbox.paypal.com/cgi-bin/webscr. "
        "Reached through the outbound-address policy (allow_private_outbound).",
    )
    paypal_ipn_timeout_seconds: float = 20.0
    scheduler_tick_seconds: float = 1.0
    scheduled_change_batch: int = Field(
        default=100, description="Due scheduled changes one scheduler claims at a time."
    )
    scheduled_change_lease_seconds: float = Field(
        default=60.0,
        description="How long a scheduler's claim on due scheduled changes lasts; a crashed "
        "scheduler's unapplied changes are claimed again after it.",
    )
    channels_stale_seconds: float = Field(
        default=120.0,
        description="Customer.channelsInUse is null once the switch's last active-calls snapshot is older.",
    )
    max_active_call_customers: int = Field(
        default=100_000, description="Customers in one active-calls snapshot."
    )
    invoice_schedule_seconds: float = Field(
        default=3600.0,
        gt=0,
        description="How often the scheduler runs invoice auto-generation for every customer whose "
        "invoice schedule is not NONE.",
    )
    invoice_link_seconds: int = Field(
        default=900,
        gt=0,
        description="How long an invoice's signed htmlUrl / pdfUrl works after it was read.",
    )
    rollup_interval_seconds: float = Field(
        default=3600.0, description="How often the scheduler rolls new CDRs up into the hourly summaries."
    )
    run_scheduler_in_process: bool = Field(
        default=True, description="Embedded mode: `serve` also runs the periodic jobs."
    )
    worker_threads: int = 8
    health_timeout_seconds: float = Field(
        default=2.0, description="How long /health waits for the database, and for the broker."
    )

    @field_validator("secret_key")
    @classmethod
    def _long_enough(cls, value: SecretStr | None) -> SecretStr | None:
        # A short key can be brute-forced offline from one access token; an empty one only fails
        # when the first token is signed, after the login's rows were committed.
        if value is not None:
            check_secret_key(value.get_secret_value())
        return value

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("cors_origins")
    @classmethod
    def _origins(cls, value: list[str]) -> list[str]:
        return [check_origin(origin) for origin in value]

    @field_validator("trusted_proxies")
    @classmethod
    def _networks(cls, value: list[str]) -> list[str]:
        for network in value:
            ip_network(network, strict=False)  # ValueError names the bad entry
        return value

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def graphiql_enabled(self) -> bool:
        if self.graphiql is not None:
            return self.graphiql
        return self.environment is Environment.DEVELOPMENT

    @property
    def introspection_enabled(self) -> bool:
        if self.introspection is not None:
            return self.introspection
        return self.environment is Environment.DEVELOPMENT

    def signing_key(self) -> str:
        if self.secret_key is not None:
            return self.secret_key.get_secret_value()
        return _local_secret_key()

    def tortoise_config(self) -> dict[str, Any]:
        """The Tortoise/aerich configuration for this database."""
        return tortoise_config(self.database_url)


def tortoise_config(database_url: str) -> dict[str, Any]:
    connection = expand_db_url(database_url)
    if connection["engine"].endswith("sqlite"):
        # Write transactions take the write lock when they begin (see services/sqlite_client.py)
        # and wait up to the busy timeout (ms; `?busy_timeout=` in the URL) for another process
        # to commit. In WAL mode readers never wait for the writer, nor the writer for them.
        connection["engine"] = "services.sqlite_client"
        connection["credentials"].setdefault("journal_mode", "WAL")
        connection["credentials"].setdefault("busy_timeout", 10_000)
    elif connection["engine"].endswith("asyncpg"):
        # No session reset after every pooled statement (see services/postgres_client.py).
        connection["engine"] = "services.postgres_client"
    return {
        "connections": {"default": connection},
        "apps": {"models": {"models": MODEL_MODULES, "default_connection": "default"}},
        "use_tz": True,
        "timezone": "UTC",
    }


def check_origin(origin: str) -> str:
    """An origin as browsers send it in `Origin` (lower case, no path, no trailing slash): one
    written otherwise would never match, and the mistake would show only as a refused call."""
    if origin == "*":
        return origin
    parts = urlsplit(origin)
    try:
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number in range
    except ValueError:
        well_formed = False
    else:
        well_formed = origin == f"{parts.scheme}://{parts.netloc}" and parts.username is None
    if not well_formed or parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(
            f"{origin!r} is not an origin; write scheme://host[:port], e.g. https://app.example.com"
        )
    return origin.lower()


def check_secret_key(key: str) -> None:
    size = len(key.encode())
    if size < MIN_SECRET_KEY_BYTES:
        raise ValueError(
            f"must be at least {MIN_SECRET_KEY_BYTES} bytes long (it has {size}); "
            "make one with: python -c 'import secrets; print(secrets.token_urlsafe(48))'"
        )


@lru_cache(maxsize=1)
def _local_secret_key() -> str:
    """A per-checkout development key, so tokens survive a restart without configuration."""
    path = DATA_DIR / "secret_key"
    if path.exists():
        key = path.read_text().strip()
        try:
            check_secret_key(key)
        except ValueError as exc:
            raise ValueError(f"{path}: {exc}") from None
        return key
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    path.write_text(key)
    path.chmod(0o600)
    return key


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
