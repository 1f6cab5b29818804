"""`POST /ingest/paypal-ipn`: PayPal's Instant Payment Notifications. No principal: PayPal
signs nothing, so every notification is verified by posting it back to PayPal (the verification
URL of the settings) before it may change anything (services/payments/paypal.py).

Answers: 200 (an empty body, what PayPal expects) once the notification is handled, and also
when it was refused (invalid, replayed, mismatching: logged with the reason), so that PayPal
stops resending it; 503 when it could not be verified now (PayPal resends later); 413 for a
body over MAX_BODY_BYTES."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from services.errors import ErrorCode, ServiceError
from services.payments.paypal import HttpVerifier, handle_notification
from settings import Settings

MAX_BODY_BYTES = 64 * 1024  # a notification is a few KiB


async def paypal_ipn_endpoint(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            return PlainTextResponse("Request body too large.", status_code=413)
    verifier = HttpVerifier(
        settings.paypal_ipn_verify_url,
        settings.paypal_ipn_timeout_seconds,
        allow_private=settings.allow_private_outbound,
    )
    try:
        outcome = await handle_notification(bytes(body), verifier)
    except ServiceError as exc:
        if exc.errors[0].code is ErrorCode.BUSY:
            return PlainTextResponse("", status_code=503)
        raise
    return PlainTextResponse("", status_code=outcome.status)
