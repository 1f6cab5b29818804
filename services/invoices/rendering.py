"""Rendering tenant-written invoice templates: Jinja2's ImmutableSandboxedEnvironment (no
attribute access to Python internals, no mutation of the values given), bounded in time and
output, and HTML to PDF with WeasyPrint (no network: only data: URLs are fetched).

Bounds
- Time: the render runs in its own thread; past RENDER_SECONDS it is interrupted (an exception
  raised asynchronously in that thread, which stops a Python loop at its next bytecode) and the
  render is refused with TEMPLATE_LIMIT. The sandbox already caps `range()` at 100 000 items.
- Output: rendering stops past MAX_OUTPUT_CHARS, and `*` on strings or lists whose result
  would exceed it is refused before it is computed.
- Unknown names and unsafe attributes are errors (StrictUndefined), not blanks: a template
  that asks for `''.__class__` or a misspelt variable is refused when saved.
- Nesting: macros recursing without end hit Python's recursion limit: refused like any other
  error of the template (INVALID_TEMPLATE)."""

from __future__ import annotations

import asyncio
import ctypes
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from services.errors import ErrorCode, ServiceError

RENDER_SECONDS = 2.0
MAX_OUTPUT_CHARS = 2_000_000
MAX_TEMPLATE_CHARS = 200_000
DEFAULT_TEMPLATE = Path(__file__).resolve().parent / "templates" / "default.html.j2"


class RenderLimit(Exception):
    """The render went past its time or output bound."""


class _Sandbox(ImmutableSandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int) and abs(right) > 64:
            raise RenderLimit("exponent too large")
        if operator == "*":
            for sized, count in ((left, right), (right, left)):
                sized_types = isinstance(sized, str | list | tuple) and isinstance(count, int)
                if sized_types and len(sized) * count > MAX_OUTPUT_CHARS:
                    raise RenderLimit("repetition too large")
        return super().call_binop(context, operator, left, right)


@lru_cache(maxsize=1)
def _environment() -> _Sandbox:
    return _Sandbox(autoescape=True, undefined=jinja2.StrictUndefined)


@lru_cache(maxsize=128)
def _compiled(body: str) -> jinja2.Template:
    return _environment().from_string(body)


@lru_cache(maxsize=1)
def default_template() -> str:
    return DEFAULT_TEMPLATE.read_text()


def compile_template(body: str) -> jinja2.Template:
    """The template, or INVALID_TEMPLATE (too long, or a syntax error with its line). Compiled
    templates are kept by their source (compiling is most of a render's time)."""
    if len(body) > MAX_TEMPLATE_CHARS:
        raise ServiceError.single(
            ErrorCode.INVALID_TEMPLATE, f"A template has at most {MAX_TEMPLATE_CHARS} characters.", "body"
        )
    try:
        return _compiled(body)
    except jinja2.TemplateSyntaxError as exc:
        raise ServiceError.single(
            ErrorCode.INVALID_TEMPLATE, f"Line {exc.lineno}: {exc.message}", "body"
        ) from exc


@dataclass
class _Outcome:
    html: str | None = None
    error: BaseException | None = None


def _render_bounded(template: jinja2.Template, values: Mapping[str, Any], outcome: _Outcome) -> None:
    try:
        parts: list[str] = []
        size = 0
        for chunk in template.generate(dict(values)):
            size += len(chunk)
            if size > MAX_OUTPUT_CHARS:
                raise RenderLimit("output too large")
            parts.append(chunk)
        outcome.html = "".join(parts)
    except BaseException as exc:  # noqa: BLE001 - reported to the caller, whatever it is
        outcome.error = exc


def _interrupt(thread: threading.Thread) -> None:
    """Raise RenderLimit inside `thread` at its next bytecode."""
    ident = thread.ident
    if ident is not None:
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), ctypes.py_object(RenderLimit))


def render_sync(body: str, values: Mapping[str, Any], seconds: float = RENDER_SECONDS) -> str:
    """Render in a thread of its own, cut off after `seconds`; raises ServiceError."""
    template = compile_template(body)
    outcome = _Outcome()
    thread = threading.Thread(target=_render_bounded, args=(template, values, outcome), daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        _interrupt(thread)
        thread.join(1.0)
        raise ServiceError.single(
            ErrorCode.TEMPLATE_LIMIT, f"The template took more than {seconds:g} s to render.", "body"
        )
    return _result(outcome)


def _result(outcome: _Outcome) -> str:
    error = outcome.error
    if error is None:
        assert outcome.html is not None
        return outcome.html
    if isinstance(error, RenderLimit):
        raise ServiceError.single(
            ErrorCode.TEMPLATE_LIMIT, f"The template went past a rendering limit ({error}).", "body"
        )
    if isinstance(error, SecurityError):
        raise ServiceError.single(
            ErrorCode.INVALID_TEMPLATE, "The template reaches for something templates may not use.", "body"
        )
    if isinstance(error, RecursionError):
        raise ServiceError.single(ErrorCode.INVALID_TEMPLATE, "The template recurses without end.", "body")
    if isinstance(error, Exception):
        raise ServiceError.single(
            ErrorCode.INVALID_TEMPLATE, f"The template failed: {type(error).__name__}: {error}"[:300], "body"
        )
    raise error


async def render_html(body: str, values: Mapping[str, Any]) -> str:
    """render_sync off the event loop."""
    return await asyncio.to_thread(render_sync, body, values)


def _no_network(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """WeasyPrint's fetcher: only inline data: URLs; a template cannot make the server fetch."""
    if url.startswith("data:"):
        from weasyprint.urls import default_url_fetcher

        fetched: dict[str, Any] = default_url_fetcher(url)
        return fetched
    raise ValueError("Invoice documents do not fetch external resources.")


def pdf_sync(html: str) -> bytes:
    from weasyprint import HTML  # imported on first use: it loads Pango at import

    fetcher: Callable[..., dict[str, Any]] = _no_network
    document: bytes = HTML(string=html, url_fetcher=fetcher).write_pdf()
    return document


async def render_pdf(html: str) -> bytes:
    return await asyncio.to_thread(pdf_sync, html)
