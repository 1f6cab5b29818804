"""The Starlette application: lifespan (ORM), /graphql, /health, the feeds and /exports."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import orjson
import structlog
from cross_web import HTTPException
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.asgi import GraphQL
from strawberry.types.unset import UNSET
from tortoise import Tortoise
from tortoise.contrib.starlette import RegisterTortoise

from gql import downloads, feeds, graphiql
from gql.context import Context, build_context
from gql.documents import invoice_document_endpoint
from gql.error_codes import RequestErrorCode
from gql.paypal_ipn import paypal_ipn_endpoint
from gql.schema import schema
from settings import Settings, get_settings
from workers.runtime import Background, background

log = structlog.get_logger(__name__)


class SwitchboardGraphQL(GraphQL[Context, None]):
    def __init__(self, settings: Settings) -> None:
        super().__init__(
            schema,
            graphql_ide="graphiql" if settings.graphiql_enabled else None,
            allow_queries_via_get=False,
        )
        self.settings = settings

    async def render_graphql_ide(self, request: Request) -> Response:
        """Our own page over the vendored assets, instead of strawberry's CDN-loaded one."""
        return graphiql.page_response()

    async def get_context(self, request: Request, response: Any) -> Context:  # type: ignore[override]
        context = await build_context(self.settings, request)
        context.response_headers = response.headers
        return context

    def decode_json(self, data: str | bytes) -> object:
        """orjson refuses what the stdlib parser raises ValueError or RecursionError on (huge
        integers, deep nesting) with a JSONDecodeError, which the view answers with a 400;
        nesting past `max_json_depth` (orjson allows 1024) is refused the same way, before
        any recursive code meets it."""
        decoded = orjson.loads(data)
        if _nesting_over(decoded, self.settings.max_json_depth):
            raise HTTPException(
                400, f"The request body nests deeper than {self.settings.max_json_depth} levels."
            )
        return decoded

    def encode_json(self, data: object) -> bytes:
        """orjson: the same compact JSON as strawberry's `json.dumps(separators=(",", ":"))`
        (non-ASCII as UTF-8 rather than `\\u` escapes), several times faster on a page.
        An integer beyond 64 bits (orjson's range; a JSON scalar may hold one) falls back to
        the standard encoder."""
        try:
            return orjson.dumps(data)
        except TypeError:
            return json.dumps(data, separators=(",", ":")).encode()

    async def run(self, request: Any, context: Any = UNSET, root_value: Any = UNSET) -> Any:
        """Refusals before execution (bad JSON, no query, wrong method) as GraphQL errors."""
        try:
            return await super().run(request, context, root_value)
        except HTTPException as exc:
            code = _HTTP_CODES.get(exc.status_code, RequestErrorCode.BAD_REQUEST)
            body = {"errors": [{"message": exc.reason, "extensions": {"code": code.value}}]}
            return JSONResponse(body, status_code=exc.status_code)


_HTTP_CODES = {404: RequestErrorCode.NOT_FOUND}


def _nesting_over(value: object, limit: int) -> bool:
    """Whether arrays and objects nest deeper than `limit` (iterative: no recursion to exhaust)."""
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


class BodySizeLimit:
    """Refuse request bodies over `max_bytes` before they are parsed (413); the switch's feeds
    (paths under /ingest/, read as they stream) have their own, larger `ingest_max_bytes`."""

    def __init__(self, app: ASGIApp, max_bytes: int, ingest_max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.ingest_max_bytes = ingest_max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.ingest_max_bytes if scope["path"].startswith("/ingest/") else self.max_bytes
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await PlainTextResponse("Request body too large.", status_code=413)(scope, receive, send)
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > limit:
                raise _TooLarge
            return message

        try:
            await self.app(scope, limited_receive, send)
        except _TooLarge:
            await PlainTextResponse("Request body too large.", status_code=413)(scope, receive, send)


class _TooLarge(Exception):
    pass


async def health(request: Request) -> Response:
    """The database answers, and so does the broker (always, for the in-process one); each
    within `health_timeout_seconds`, so a hung dependency is reported, not waited for."""
    settings: Settings = request.app.state.settings
    timeout = settings.health_timeout_seconds
    database = "ok"
    try:
        await asyncio.wait_for(Tortoise.get_connection("default").execute_query("SELECT 1"), timeout)
    except Exception as exc:  # noqa: BLE001 - any failure means unhealthy
        log.warning("health.database_down", error=str(exc) or type(exc).__name__)
        database = "down"
    jobs: Background = request.app.state.background
    broker = "ok" if await jobs.broker_ok() else "down"
    healthy = database == "ok" and broker == "ok"
    body = {"status": "ok" if healthy else "down", "database": database, "broker": broker, "jobs": jobs.mode}
    return JSONResponse(body, status_code=200 if healthy else 503)


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with (
            RegisterTortoise(app, config=settings.tortoise_config(), _enable_global_fallback=True),
            background(settings) as jobs,
        ):
            app.state.background = jobs
            app.state.settings = settings
            log.info("switchboard.started", database=settings.database_url.split("@")[-1], jobs=jobs.mode)
            yield

    graphql = SwitchboardGraphQL(settings)
    routes: list[BaseRoute] = [
        Route("/graphql", graphql, methods=["GET", "POST"]),
        Route("/health", health, methods=["GET"]),
        Route("/ingest/cdrs", feeds.ingest_cdrs_endpoint, methods=["POST"]),
        Route("/ingest/active-calls", feeds.active_calls_endpoint, methods=["POST"]),
        Route("/invoices/document/{token}", invoice_document_endpoint, methods=["GET"]),
        Route("/ingest/paypal-ipn", paypal_ipn_endpoint, methods=["POST"]),
        Route("/exports/{token}", downloads.export_endpoint, methods=["GET"]),
    ]
    if settings.graphiql_enabled:
        # Public, secret-free files only: compressing them cannot leak anything (unlike
        # compressing GraphQL responses that mix secrets with the caller's input).
        routes.append(Mount(graphiql.ASSETS_PATH, app=GZipMiddleware(graphiql.assets_app(), compresslevel=6)))
    return Starlette(
        routes=routes,
        middleware=[
            *_cors(settings),
            Middleware(
                BodySizeLimit, max_bytes=settings.max_body_bytes, ingest_max_bytes=settings.ingest_max_bytes
            ),
        ],
        lifespan=lifespan,
    )


def _cors(settings: Settings) -> list[Middleware]:
    """Browser apps served from `cors_origins` may call the API; outermost, so refusals (413,
    400) carry the headers too and the app can read them. Bearer tokens, not cookies: no
    credentials mode, so a page of another origin never rides on a signed-in browser."""
    if not settings.cors_origins:
        return []  # same-origin only: no CORS headers, preflights are refused by the routes (405)
    return [
        Middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
            allow_credentials=False,
            max_age=settings.cors_max_age_seconds,
        )
    ]
