"""Jinja2 templates of every message kind: `<kind>.subject.j2`, `.txt.j2`, `.html.j2` for
e-mail, `.sms.j2` for SMS and `.voice.j2` for what a call speaks (HTML parts are autoescaped)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from models.enums import MessageChannel, MessageKind

TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str | None


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False),
        undefined=StrictUndefined,
        keep_trailing_newline=False,
    )


def render(kind: MessageKind, channel: MessageChannel, values: dict[str, Any]) -> Rendered:
    env = _environment()
    name = kind.value.lower()
    if channel is MessageChannel.SMS or channel is MessageChannel.VOICE:
        suffix = channel.value.lower()
        return Rendered("", env.get_template(f"{name}.{suffix}.j2").render(values).strip(), None)
    return Rendered(
        subject=env.get_template(f"{name}.subject.j2").render(values).strip(),
        text=env.get_template(f"{name}.txt.j2").render(values).strip() + "\n",
        html=env.get_template(f"{name}.html.j2").render(values).strip() + "\n",
    )
