"""/health: the process is up, the database answers, and so does the job broker (the tests run\nthe in-process one, which always answers)."""

from __future__ import annotations

import httpx
import pytest

import app as app_module


async def test_health_reports_ok(client: httpx.AsyncClient) -> None:
    response = await client.get("/health")

    assert (response.status_code, response.json()) == (
        200,
        {"status": "ok", "database": "ok", "broker": "ok", "jobs": "in-process"},
    )


async def test_health_reports_a_database_that_does_not_answer(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given
    class Unreachable:
        @staticmethod
        def get_connection(_name: str) -> object:
            raise ConnectionRefusedError("connection refused")

    monkeypatch.setattr(app_module, "Tortoise", Unreachable)

    # when
    response = await client.get("/health")

    # then
    assert (response.status_code, response.json()) == (
        503,
        {"status": "down", "database": "down", "broker": "ok", "jobs": "in-process"},
    )


async def test_health_answers_get_only(client: httpx.AsyncClient) -> None:
    response = await client.post("/health")

    assert response.status_code == 405
