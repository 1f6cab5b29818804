"""GraphiQL is served by the app: the page names only its own files, each with the SRI hash npm
publishes; the vendored files are the pinned ones with their licenses; production serves
neither the page nor the files, and `serve` does not advertise it. (The page at work in a
browser: tests/browser/.)"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from app import create_app
from gql import graphiql
from settings import Environment, Settings
from tests.hardening.auth_servers import ROOT, free_port, server_env, wait_until_up

HTML = {"Accept": "text/html"}


def page_assets(page: str) -> list[tuple[str, str]]:
    """(URL, integrity) of every script and stylesheet of the page."""
    tags = re.findall(r"<(?:script|link rel=\"stylesheet\")[^>]*>", page)
    assets = [
        (re.search(r'(?:src|href)="([^"]+)"', tag), re.search(r'integrity="([^"]+)"', tag)) for tag in tags
    ]
    assert all(url and integrity for url, integrity in assets), tags
    return [(url[1], integrity[1]) for url, integrity in assets if url and integrity]


async def test_the_page_loads_only_the_apps_own_files_each_with_its_hash(client: httpx.AsyncClient) -> None:
    # when
    response = await client.get("/graphql", headers=HTML)

    # then: relative URLs under graphiql/, nothing from another host
    assert response.status_code == 200
    assert "://" not in response.text
    assets = page_assets(response.text)
    assert [url for url, _ in assets] == [f"graphiql/{path}" for path in graphiql.PAGE_FILES.values()]
    for url, integrity in assets:
        served = await client.get(f"/{url}")
        assert served.status_code == 200, url
        assert graphiql.sri_sha384(served.content) == integrity, url
    # no inline script, and a policy that lets the page load nothing from elsewhere
    assert re.search(r"<script>|<script [^>]*>[^<]", response.text) is None
    assert response.headers["content-security-policy"] == graphiql.CONTENT_SECURITY_POLICY
    assert "http" not in graphiql.CONTENT_SECURITY_POLICY
    assert "'unsafe-inline'" not in graphiql.CONTENT_SECURITY_POLICY


def test_the_vendored_files_are_the_pinned_ones_with_their_licenses() -> None:
    manifest = json.loads(graphiql.MANIFEST.read_text())
    pinned = {entry["path"]: entry["integrity"] for entry in manifest["files"]}
    on_disk = {
        str(path.relative_to(graphiql.STATIC_DIR)): graphiql.sri_sha384(path.read_bytes())
        for folder in graphiql.STATIC_DIR.iterdir()
        if "@" in folder.name
        for path in folder.rglob("*")
        if path.is_file()
    }
    assert on_disk == pinned
    folders = {path.split("/")[0] for path in pinned}
    assert all(f"{folder}/LICENSE" in pinned for folder in folders)
    # the page's vendored files are all pinned (so all carry npm's hash)
    assert {path for path in graphiql.PAGE_FILES.values() if "@" in path} <= pinned.keys()


async def test_versioned_files_are_cached_for_good_and_the_pages_own_files_revalidated(
    client: httpx.AsyncClient,
) -> None:
    vendored = await client.get(
        "/graphiql/graphiql@3.8.3/graphiql.min.js", headers={"Accept-Encoding": "gzip"}
    )
    own = await client.get("/graphiql/graphiql-page.js")
    again = await client.get("/graphiql/graphiql-page.js", headers={"If-None-Match": own.headers["etag"]})

    assert vendored.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert vendored.headers["content-encoding"] == "gzip"
    assert vendored.headers["x-content-type-options"] == "nosniff"
    assert own.headers["cache-control"] == "no-cache"
    assert again.status_code == 304
    assert (await client.get("/graphiql/../app.py")).status_code == 404
    assert (await client.post("/graphiql/graphiql-page.js")).status_code == 405


async def test_production_serves_neither_the_page_nor_its_files(settings: Settings) -> None:
    production = settings.model_copy(update={"environment": Environment.PRODUCTION})
    transport = httpx.ASGITransport(app=create_app(production))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        page = await http.get("/graphql", headers=HTML)
        asset = await http.get("/graphiql/react@18.2.0/react.production.min.js")

    assert page.status_code == 404
    assert page.json()["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert asset.status_code == 404


@pytest.mark.parametrize(
    ("environment", "graphiql_line"),
    [("production", False), ("development", True)],
)
def test_serve_prints_the_graphiql_url_only_where_it_is_served(
    settings: Settings, tmp_path: Path, environment: str, graphiql_line: bool
) -> None:
    # given
    port = free_port()
    log = tmp_path / "serve.log"
    env = server_env(settings, SWITCHBOARD_ENVIRONMENT=environment, PYTHONUNBUFFERED="1")
    env.pop("SWITCHBOARD_GRAPHIQL", None)

    # when
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "cli", "serve", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_up(f"http://127.0.0.1:{port}")
        page = httpx.get(f"http://127.0.0.1:{port}/graphql", headers=HTML, timeout=5)
    finally:
        server.terminate()
        server.wait(timeout=15)

    # then
    printed = log.read_text()
    assert ("GraphiQL" in printed) is graphiql_line, printed
    assert (f"GraphiQL: http://127.0.0.1:{port}/graphql\n" in printed) is graphiql_line
    assert page.status_code == (200 if graphiql_line else 404)
