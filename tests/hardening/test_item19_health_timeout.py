"""Item 19 (/health): a hung broker is reported within `health_timeout_seconds`, not after the
Redis client's 5 s socket timeout. A real TCP server on loopback that accepts connections and
never answers stands in for the hung Redis; the server under test is a real `switchboard serve`."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest

from settings import Settings
from tests.hardening.auth_servers import serving
from workers.runtime import Background, RedisProbe


@pytest.fixture(scope="module")
def hung_redis() -> Iterator[str]:
    """A redis:// URL whose server accepts and then says nothing."""
    listener = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"redis://127.0.0.1:{listener.getsockname()[1]}/0"
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    listener.close()


@pytest.mark.slow
async def test_health_reports_a_hung_broker_within_its_timeout(settings: Settings, hung_redis: str) -> None:
    # given
    extra = {"SWITCHBOARD_REDIS_URL": hung_redis, "SWITCHBOARD_HEALTH_TIMEOUT_SECONDS": "1"}
    with serving(settings, extra) as (url,):
        # when
        async with httpx.AsyncClient(timeout=30) as http:
            started = time.monotonic()
            response = await http.get(f"{url}/health")
            elapsed = time.monotonic() - started

    # then
    assert (response.status_code, response.json()) == (
        503,
        {"status": "down", "database": "ok", "broker": "down", "jobs": "redis"},
    )
    assert elapsed < 2.0, elapsed


async def test_the_probe_gives_up_after_its_timeout(hung_redis: str) -> None:
    # given
    probe = RedisProbe(hung_redis, timeout=0.5)
    jobs = Background("redis", redis_probe=probe)

    # when
    started = time.monotonic()
    ok = await jobs.broker_ok()
    elapsed = time.monotonic() - started
    await probe.close()

    # then
    assert ok is False
    assert 0.5 <= elapsed < 1.0, elapsed


async def test_the_probe_sees_a_live_broker() -> None:
    probe = RedisProbe("redis://127.0.0.1:6379/0", timeout=0.5)
    try:
        assert await Background("redis", redis_probe=probe).broker_ok() is True
    finally:
        await probe.close()
