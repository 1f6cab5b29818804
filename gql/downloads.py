"""`GET /exports/<token>`: the CSV behind an export link (cdrExportCreate, summaryExportCreate).
An adapter like the feeds: the origin of the request, one service call, the answer.

Answers: 200 with the CSV, streamed (`Content-Disposition: attachment`); 403 for a link that
is not one of ours (malformed, forged, tampered with) or whose principal no longer may (key
revoked, session ended, user deactivated, permission or portal section withdrawn); 410 for an
expired link; 404 when its customers are out of the principal's sight now. Refusals are JSON
`{"error": ..., "code": ...}`, never a 500. Downloads are logged, not audited: the audited act
is making the link (its EXPORT entry names the link id the log lines carry)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import structlog
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse

from gql.context import client_ip
from services.actor import RequestOrigin
from services.cdrs.exports import DownloadRefused, Refusal, open_download
from services.errors import ErrorCode
from settings import Settings

log = structlog.get_logger(__name__)

_ANSWERS = {
    Refusal.INVALID: (403, ErrorCode.INVALID_TOKEN),
    Refusal.EXPIRED: (410, ErrorCode.INVALID_TOKEN),
    Refusal.DENIED: (403, ErrorCode.PERMISSION_DENIED),
    Refusal.NOT_FOUND: (404, ErrorCode.NOT_FOUND),
}


async def export_endpoint(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    origin = RequestOrigin(
        ip=client_ip(request, settings.trusted_proxies), user_agent=request.headers.get("user-agent")
    )
    try:
        download = await open_download(settings, request.path_params["token"], origin)
    except DownloadRefused as exc:
        status, code = _ANSWERS[exc.refusal]
        log.info("export.refused", refusal=exc.refusal.value, ip=origin.ip)
        return JSONResponse(
            {"error": str(exc), "code": code.value}, status_code=status, headers={"Cache-Control": "no-store"}
        )
    grant = download.grant
    log.info(
        "export.download", link=grant.link_id, kind=grant.kind.value, account=grant.account_id, ip=origin.ip
    )
    return StreamingResponse(
        _logged(download.body, grant.link_id),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{download.filename}"',
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )


async def _logged(body: AsyncIterator[bytes], link_id: str) -> AsyncIterator[bytes]:
    sent = 0
    async for chunk in body:
        sent += len(chunk)
        yield chunk
    log.info("export.done", link=link_id, bytes=sent)
