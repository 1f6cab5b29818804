"""Browser apps on another origin: `SWITCHBOARD_CORS_ORIGINS` lists the origins whose pages may
call the API. Real `switchboard serve` processes on loopback, asked as a browser asks: a preflight
(OPTIONS with Origin and Access-Control-Request-*), then the cross-origin POST itself."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from pydantic import ValidationError

from settings import Settings
from tests.client import LOGIN
from tests.factories import PASSWORD, make_account, make_user
from tests.hardening.auth_servers import serving

APP = "https://app.example.com"
DEV = "http://localhost:5173"
EVIL = "https://evil.example.net"
VIEWER = "{ viewer { user { email } } }"


@pytest.fixture(scope="module")
def servers(settings: Settings) -> Iterator[tuple[str, str]]:
    """One server that lets two origins in, and one on the default (same-origin only)."""
    with serving(settings, {"SWITCHBOARD_CORS_ORIGINS": f"{APP}, {DEV}"}, {}) as (open_url, default_url):
        yield open_url, default_url


async def _preflight(url: str, origin: str, headers: str = "authorization,content-type") -> httpx.Response:
    async with httpx.AsyncClient() as http:
        return await http.options(
            f"{url}/graphql",
            headers={
                "Origin": origin,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": headers,
            },
        )


async def _post(
    url: str, origin: str, query: str, token: str | None = None, **variables: str
) -> httpx.Response:
    headers = {"Origin": origin, **({"Authorization": f"Bearer {token}"} if token else {})}
    async with httpx.AsyncClient() as http:
        return await http.post(
            f"{url}/graphql", json={"query": query, "variables": variables}, headers=headers
        )


def _cors_headers(response: httpx.Response) -> dict[str, str]:
    return {name: value for name, value in response.headers.items() if name.startswith("access-control-")}


@pytest.mark.parametrize("origin", [APP, DEV])
async def test_a_preflight_from_a_listed_origin_is_answered(servers: tuple[str, str], origin: str) -> None:
    response = await _preflight(servers[0], origin)

    assert response.status_code == 200
    assert _cors_headers(response) == {
        "access-control-allow-origin": origin,
        "access-control-allow-methods": "GET, POST",
        "access-control-allow-headers": "Accept, Accept-Language, Authorization, Content-Language, Content-Type",
        "access-control-max-age": "600",
    }
    assert "access-control-allow-credentials" not in response.headers  # bearer tokens, no cookies


async def test_a_preflight_from_another_origin_is_refused(servers: tuple[str, str]) -> None:
    response = await _preflight(servers[0], EVIL)

    assert (response.status_code, response.text) == (400, "Disallowed CORS origin")
    assert "access-control-allow-origin" not in response.headers


async def test_a_preflight_asking_for_another_header_is_refused(servers: tuple[str, str]) -> None:
    response = await _preflight(servers[0], APP, headers="authorization,x-tenant")

    assert (response.status_code, response.text) == (400, "Disallowed CORS headers")


async def test_a_cross_origin_login_and_query_from_a_listed_origin_can_be_read(
    servers: tuple[str, str],
) -> None:
    # given
    await make_user(await make_account(), email="ann@example.com")

    # when: the page logs in, then asks with its bearer token
    login = await _post(servers[0], APP, LOGIN, e="ann@example.com", p=PASSWORD)
    token = login.json()["data"]["login"]["accessToken"]
    viewer = await _post(servers[0], APP, VIEWER, token)

    # then: both answers carry the headers that let the page read them
    for response in (login, viewer):
        assert response.status_code == 200
        assert _cors_headers(response) == {"access-control-allow-origin": APP}
        assert "Origin" in response.headers["vary"]
    assert viewer.json()["data"] == {"viewer": {"user": {"email": "ann@example.com"}}}


async def test_a_cross_origin_post_from_another_origin_gets_no_cors_headers(servers: tuple[str, str]) -> None:
    response = await _post(servers[0], EVIL, VIEWER)

    assert response.status_code == 200  # the browser, not the server, withholds the answer
    assert _cors_headers(response) == {}


async def test_a_refusal_before_graphql_carries_the_headers_too(servers: tuple[str, str]) -> None:
    """A body over the limit (413) is refused outside GraphQL; the page can still read why."""
    async with httpx.AsyncClient() as http:
        response = await http.post(
            f"{servers[0]}/graphql",
            content=b"x" * 200_001,
            headers={"Origin": APP, "Content-Type": "application/json"},
        )

    assert response.status_code == 413
    assert _cors_headers(response) == {"access-control-allow-origin": APP}


async def test_by_default_only_the_same_origin_is_served(servers: tuple[str, str]) -> None:
    preflight = await _preflight(servers[1], APP)
    post = await _post(servers[1], APP, VIEWER)

    assert preflight.status_code == 405
    assert _cors_headers(preflight) == {}
    assert post.status_code == 200
    assert _cors_headers(post) == {}


def test_origins_are_comma_separated_and_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SWITCHBOARD_CORS_ORIGINS", " https://App.example.com ,http://localhost:5173,")
    assert Settings().cors_origins == ["https://app.example.com", "http://localhost:5173"]
    monkeypatch.setenv("SWITCHBOARD_CORS_ORIGINS", "")
    assert Settings().cors_origins == []


@pytest.mark.parametrize(
    "origin",
    ["https://app.example.com/", "app.example.com", "ftp://app.example.com", "https://u@app.example.com"],
)
def test_a_value_that_is_not_an_origin_is_refused(monkeypatch: pytest.MonkeyPatch, origin: str) -> None:
    monkeypatch.setenv("SWITCHBOARD_CORS_ORIGINS", origin)

    with pytest.raises(ValidationError, match="is not an origin; write scheme://host"):
        Settings()
