"""Reading a feed body as it arrives: gzip (optional) -> lines -> records (NDJSON or CSV).

Memory stays bounded whatever the body's size: bytes are decompressed in slices, a line longer
than MAX_LINE_BYTES is rejected and skipped rather than buffered, and the caller takes records
in chunks. Line numbers are the body's physical lines (after decompression), from 1; in CSV the
header is line 1."""

from __future__ import annotations

import csv
import zlib
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

import orjson

from services.cdrs.records import RowError

MAX_LINE_BYTES = 64 * 1024
_SLICE = 1 << 20  # decompressed bytes produced per step


class FeedFormat(StrEnum):
    NDJSON = "NDJSON"
    CSV = "CSV"


class Parsed(NamedTuple):
    """One line's record: `values` (a JSON value, or a CSV row as a dict), or why not."""

    line: int
    values: object = None
    error: str | None = None


class BodyError(Exception):
    """The body itself cannot be read past some point (corrupt gzip)."""


class _Gunzip:
    """Incremental gzip (several members allowed), producing at most _SLICE bytes per step."""

    def __init__(self) -> None:
        self._inflater = zlib.decompressobj(wbits=31)
        self._in_member = False  # fed bytes of a member whose end has not come yet

    def feed(self, data: bytes) -> Iterator[bytes]:
        while data:
            self._in_member = True
            try:
                out = self._inflater.decompress(data, _SLICE)
            except zlib.error as exc:
                raise BodyError(f"The gzip stream is corrupt ({exc}).") from None
            if out:
                yield out
            if self._inflater.eof:
                data = self._inflater.unused_data
                self._inflater = zlib.decompressobj(wbits=31)
                self._in_member = False
            else:
                data = self._inflater.unconsumed_tail

    def finish(self) -> None:
        if self._in_member:
            raise BodyError("The gzip stream ends early.")


@dataclass
class _Lines:
    """Splits bytes into lines; an over-long line becomes one `None` (reported, not kept)."""

    buffer: bytearray = field(default_factory=bytearray)
    skipping: bool = False

    def feed(self, data: bytes) -> Iterator[bytes | None]:
        start = 0
        while (end := data.find(b"\n", start)) >= 0:
            piece = data[start:end]
            if not self.buffer and not self.skipping and len(piece) <= MAX_LINE_BYTES:
                yield piece.removesuffix(b"\r")  # the common whole line: no copy into the buffer
            elif self.skipping or len(self.buffer) + len(piece) > MAX_LINE_BYTES:
                self.skipping = False
                self.buffer.clear()
                yield None
            else:
                self.buffer += piece
                yield self._take()
            start = end + 1
        rest = data[start:]
        if not self.skipping:
            self.buffer += rest
            if len(self.buffer) > MAX_LINE_BYTES:
                self.buffer.clear()
                self.skipping = True

    def finish(self) -> Iterator[bytes | None]:
        if self.skipping:
            self.skipping = False
            yield None
        elif self.buffer:
            yield self._take()

    def _take(self) -> bytes:
        line = bytes(self.buffer)
        self.buffer.clear()
        return line.removesuffix(b"\r")


class _Records:
    """Lines -> Parsed, for one format; blank lines are skipped (but counted)."""

    def __init__(self, fmt: FeedFormat) -> None:
        self.fmt = fmt
        self.number = 0
        self.header: list[str] | None = None

    def parse(self, raw: bytes | None) -> Parsed | None:
        self.number += 1
        if raw is None:
            return Parsed(self.number, error=f"The line is longer than {MAX_LINE_BYTES} bytes.")
        try:
            text = raw.decode()
        except UnicodeDecodeError:
            return Parsed(self.number, error="The line is not UTF-8 text.")
        if not text.strip():
            return None
        try:
            values = self._json(text) if self.fmt is FeedFormat.NDJSON else self._csv(text)
        except RowError as exc:
            return Parsed(self.number, error=str(exc))
        return None if values is None else Parsed(self.number, values=values)

    def _json(self, text: str) -> object:
        try:
            return orjson.loads(text)
        except orjson.JSONDecodeError as exc:
            raise RowError(f"Malformed JSON: {exc}.") from None

    def _csv(self, text: str) -> dict[str, str] | None:
        try:
            cells = next(csv.reader([text], strict=True))
        except csv.Error as exc:
            raise RowError(f"Malformed CSV: {exc}.") from None
        if self.header is None:
            self.header = [cell.strip().lstrip("\ufeff") for cell in cells]  # a BOM is not a name
            return None
        if len(cells) != len(self.header):
            raise RowError(f"Malformed CSV: {len(cells)} fields, the header has {len(self.header)}.")
        return dict(zip(self.header, cells, strict=True))


async def parse_body(body: AsyncIterator[bytes], fmt: FeedFormat, gzipped: bool) -> AsyncIterator[Parsed]:
    """Every record of the body as it arrives. A body that cannot be read on (corrupt gzip)
    ends with one Parsed whose error says so, on the line where reading stopped."""
    gunzip = _Gunzip() if gzipped else None
    lines = _Lines()
    records = _Records(fmt)
    try:
        async for data in body:
            for plain in gunzip.feed(data) if gunzip is not None else (data,):
                for raw in lines.feed(plain):
                    if (parsed := records.parse(raw)) is not None:
                        yield parsed
        if gunzip is not None:
            gunzip.finish()
    except BodyError as exc:
        yield Parsed(records.number + 1, error=f"{exc} Reading stopped here.")
        return
    for raw in lines.finish():
        if (parsed := records.parse(raw)) is not None:
            yield parsed
