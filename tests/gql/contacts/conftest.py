"""Peers and helpers for the contact tests: a real SMTP server, the server's log, and calls."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import structlog

from cli import configure_logging
from services.logsafe import SafeFormatter
from settings import Settings
from tests.client import gql
from tests.workers.conftest import SmtpServer, _start_smtp

USER_ERRORS = "errors { field code message }"
CONTACT_FIELDS = (
    "id name email phone mobile contactType publicNotes privateNotes emailVerified mobileVerified "
    "ipAllow hasLogin customer { name }"
)


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    yield from _start_smtp()


@pytest.fixture
def server_log(settings: Settings, capsys: pytest.CaptureFixture[str]) -> Iterator[Any]:
    """The server's own logging (as `switchboard serve` configures it), captured."""
    configure_logging(settings)
    records = io.StringIO()
    handler = logging.StreamHandler(records)
    handler.setFormatter(SafeFormatter("%(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)

    def text() -> str:
        captured = capsys.readouterr()
        return captured.out + captured.err + records.getvalue()

    yield text
    logging.getLogger().removeHandler(handler)
    structlog.reset_defaults()


async def mutate(
    client: httpx.AsyncClient, token: str | None, name: str, input: dict[str, Any], selection: str
) -> dict[str, Any]:
    """Run `name(input: $input) { selection }`; the payload, with no GraphQL error."""
    input_type = f"{name[0].upper()}{name[1:]}Input"
    body = await gql(
        client,
        f"mutation($input: {input_type}!) {{ {name}(input: $input) {{ {selection} }} }}",
        {"input": input},
        token,
    )
    assert "errors" not in body, body
    payload: dict[str, Any] = body["data"][name]
    return payload
