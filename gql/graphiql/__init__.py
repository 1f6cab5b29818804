"""GraphiQL served by the application itself: no CDN, so it works offline.

The browser assets are vendored under static/ (pinned in vendor.json, reproduced and checked by
scripts/vendor_graphiql.py); the page carries each file's SRI hash, runs no inline script, and is
sent with a Content-Security-Policy that lets it load nothing from elsewhere.
"""

from __future__ import annotations

import base64
import hashlib
import json
from functools import cache
from pathlib import Path
from string import Template
from typing import Any

from starlette.responses import HTMLResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

HERE = Path(__file__).resolve().parent
STATIC_DIR = HERE / "static"
MANIFEST = HERE / "vendor.json"
ASSETS_PATH = "/graphiql"  # where the app mounts `assets_app()`

# Vendored folders are named `package@version`: their URLs never change content. The page's own
# files change with releases, so browsers revalidate them (ETag).
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"

# GraphiQL sets element styles from script (CSSOM, which CSP allows); the fonts are data: URLs
# inside graphiql.min.css; the icon is `data:,` (no favicon request).
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "font-src 'self' data:",
        "img-src 'self' data:",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    ]
)

# The page's placeholders and the files they name (relative to static/).
PAGE_FILES = {
    "graphiql_css": "graphiql@3.8.3/graphiql.min.css",
    "explorer_css": "graphiql-plugin-explorer@1.0.2/style.css",
    "page_css": "graphiql-page.css",
    "react_js": "react@18.2.0/react.production.min.js",
    "react_dom_js": "react-dom@18.2.0/react-dom.production.min.js",
    "graphiql_js": "graphiql@3.8.3/graphiql.min.js",
    "explorer_js": "graphiql-plugin-explorer@1.0.2/index.umd.js",
    "page_js": "graphiql-page.js",
}


def sri_sha384(data: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()


def pinned_integrity() -> dict[str, str]:
    """The vendored files' SRI values as pinned in vendor.json (what npm publishes), by path."""
    manifest: dict[str, Any] = json.loads(MANIFEST.read_text())
    return {entry["path"]: entry["integrity"] for entry in manifest["files"]}


@cache
def page_html() -> str:
    """The GraphiQL page: relative URLs (so it works under any mount prefix) with SRI hashes.
    Vendored files carry the pinned hash, so a file changed on disk is refused by the browser;
    the page's own files carry the hash of what is on disk."""
    pinned = pinned_integrity()
    values: dict[str, str] = {}
    for name, path in PAGE_FILES.items():
        values[name] = f"{ASSETS_PATH.lstrip('/')}/{path}"
        vendored = "@" in path.split("/")[0]
        values[f"{name}_integrity"] = (
            pinned[path] if vendored else sri_sha384((STATIC_DIR / path).read_bytes())
        )
    return Template((HERE / "page.html").read_text()).substitute(values)


def page_response() -> Response:
    return HTMLResponse(
        page_html(),
        headers={
            "Content-Security-Policy": CONTENT_SECURITY_POLICY,
            "Referrer-Policy": "no-referrer",
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "no-cache",
        },
    )


class AssetFiles(StaticFiles):
    """The vendored assets: versioned folders cached for good, the page's own files revalidated."""

    def file_response(
        self, full_path: Any, stat_result: Any, scope: Scope, status_code: int = 200
    ) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        versioned = "@" in Path(full_path).relative_to(STATIC_DIR).parts[0]
        response.headers["Cache-Control"] = IMMUTABLE if versioned else REVALIDATE
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response


def assets_app() -> AssetFiles:
    return AssetFiles(directory=STATIC_DIR)
