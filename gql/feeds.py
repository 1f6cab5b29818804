"""The switch's HTTP feeds beside GraphQL (DESIGN.md §4): `POST /ingest/cdrs` and
`POST /ingest/active-calls`. Adapters like the resolvers: authenticate, decode, call one service,
answer JSON. Authentication is an API key (`Authorization: Bearer sbk_...`) holding cdrs:ingest.

Answers: 200 with the service's result; 401 without a valid key; 403 for a principal that is
not such a key; 415 for a body type other than NDJSON or CSV (or an encoding other than gzip);
400 for an active-calls snapshot that is not of the documented shape; 503 when the database is
too busy to take a chunk (the chunks before it have landed: send the batch again)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import orjson
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from gql.context import build_context
from services.actor import Actor
from services.cdrs import channels
from services.cdrs.ingest import ingest_cdrs, require_feed
from services.cdrs.reader import FeedFormat
from services.errors import ErrorCode, ServiceError
from settings import Settings

_FORMATS = {
    "application/x-ndjson": FeedFormat.NDJSON,
    "application/ndjson": FeedFormat.NDJSON,
    "application/jsonl": FeedFormat.NDJSON,
    "text/csv": FeedFormat.CSV,
}


def _error(status: int, message: str, code: str) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse({"error": message, "code": code}, status_code=status, headers=headers)


async def _feed_actor(request: Request) -> Actor | Response:
    """The API key behind the request, allowed to feed call data; or the refusal to answer."""
    settings: Settings = request.app.state.settings
    context = await build_context(settings, request)
    if context.actor is None:
        return _error(401, "An API key with cdrs:ingest is required.", ErrorCode.UNAUTHENTICATED)
    try:
        require_feed(context.actor)
    except ServiceError as exc:
        return _error(403, exc.errors[0].message, ErrorCode.PERMISSION_DENIED)
    return context.actor


async def ingest_cdrs_endpoint(request: Request) -> Response:
    actor = await _feed_actor(request)
    if isinstance(actor, Response):
        return actor
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    fmt = _FORMATS.get(media_type)
    encoding = request.headers.get("content-encoding", "identity").strip().lower()
    if fmt is None or encoding not in ("identity", "gzip"):
        return _error(
            415,
            "Send application/x-ndjson or text/csv, optionally with Content-Encoding: gzip.",
            ErrorCode.INVALID,
        )
    try:
        result = await ingest_cdrs(actor, _body(request), fmt, gzipped=encoding == "gzip")
    except ServiceError as exc:
        if exc.errors[0].code is ErrorCode.BUSY:
            return _error(503, exc.errors[0].message, ErrorCode.BUSY)
        raise
    return JSONResponse(result.as_json())


async def _body(request: Request) -> AsyncIterator[bytes]:
    async for data in request.stream():
        if data:
            yield data


async def active_calls_endpoint(request: Request) -> Response:
    actor = await _feed_actor(request)
    if isinstance(actor, Response):
        return actor
    settings: Settings = request.app.state.settings
    try:
        snapshot = channels.parse_snapshot(
            orjson.loads(await request.body()), settings.max_active_call_customers
        )
    except (orjson.JSONDecodeError, channels.SnapshotError) as exc:
        return _error(400, f"Not an active-calls snapshot: {exc}", ErrorCode.INVALID)
    result = await channels.record_snapshot(actor, snapshot)
    return JSONResponse(result.as_json())
