"""`GET /invoices/document/<token>`: an invoice's HTML or PDF behind a signed, short-lived link
(services/invoices/documents.py). The token is the authorization: 404 for one that is not
valid, expired or names an invoice that is gone (no hint which); 422 when the customer's
template cannot render it."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from services.errors import ServiceError
from services.invoices import documents
from settings import Settings


async def invoice_document_endpoint(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    token = str(request.path_params["token"])
    try:
        found = await documents.document(settings.signing_key(), token)
    except ServiceError as exc:
        return JSONResponse(
            {"error": exc.errors[0].message, "code": exc.errors[0].code.value}, status_code=422
        )
    if found is None:
        return JSONResponse(
            {"error": "Not found, or the link expired.", "code": "NOT_FOUND"}, status_code=404
        )
    content_type, body = found
    headers = {"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"}
    if content_type.startswith("text/html"):
        # A tenant's template: no scripts, no outside resources, in a sandboxed origin.
        headers["Content-Security-Policy"] = (
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"
        )
    return Response(body, media_type=content_type, headers=headers)
