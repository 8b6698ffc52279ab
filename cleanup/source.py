"""Input decoding and the offset map between the input and what readers parse.

Readers parse ``Source.text``: the decoded input with line endings normalized to
``\\n`` and a leading byte-order mark dropped. ``Source.input`` is the decoded input
exactly as given; every reported change is located in it (``input[start:end] ==
before``), through :meth:`Source.to_input`.
"""

from __future__ import annotations

import bisect
import codecs
from dataclasses import dataclass, field

NOT_UTF8_TEXT = (
    "input is not valid UTF-8 ({detail}); if it is in a legacy encoding, pass it with "
    "--encoding NAME (for example --encoding cp1252 or --encoding gb18030)"
)
BINARY_TEXT = "input looks like binary data, not an article ({detail})"

_BINARY_SIGNATURES = {
    b"\x89PNG": "PNG image",
    b"%PDF": "PDF document",
    b"PK\x03\x04": "ZIP archive",
    b"\x1f\x8b": "gzip data",
    b"GIF8": "GIF image",
    b"\xff\xd8\xff": "JPEG image",
    b"\x7fELF": "executable",
}


class InputError(ValueError):
    """The input cannot be read as an article; the message says why and what to do."""


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: text where every other byte is NUL."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even_nul = sample[0::2].count(0) / (len(sample) / 2)
    odd_nul = sample[1::2].count(0) / (len(sample) / 2)
    if odd_nul > 0.4 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.4 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Decode input bytes; return ``(text, encoding_used)`` or raise :class:`InputError`.

    UTF-8 is expected. A BOM (UTF-8/16/32) or NUL-interleaved UTF-16 is honoured;
    anything else that is not UTF-8 is refused rather than guessed."""
    if encoding:
        try:
            return data.decode(encoding), encoding
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as exc:
            raise InputError(f"input is not valid {encoding} (byte {exc.start})") from None
    for bom, name in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise InputError(f"input starts with a {name} byte-order mark but is not valid {name} (byte {exc.start})") from None
    for sig, what in _BINARY_SIGNATURES.items():
        if data.startswith(sig):
            raise InputError(BINARY_TEXT.format(detail=what))
    utf16 = _looks_utf16(data)
    if utf16:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        byte = data[exc.start : exc.start + 1].hex()
        raise InputError(NOT_UTF8_TEXT.format(detail=f"byte 0x{byte} at offset {exc.start}")) from None
    nul = text.find("\x00")
    if nul != -1:
        raise InputError(BINARY_TEXT.format(detail=f"NUL byte at offset {nul}"))
    return text, "utf-8"


@dataclass
class Source:
    """The decoded input and its newline-normalized form, with the map between them."""

    input: str
    text: str = field(init=False)
    _removed: list[int] = field(init=False, repr=False)  # input offsets dropped from text
    _line_starts: list[int] | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        removed: list[int] = []
        text = self.input
        if text.startswith("\ufeff"):
            removed.append(0)
        if "\r" in text:
            pos = text.find("\r")
            while pos != -1:
                if text.startswith("\r\n", pos):
                    removed.append(pos)
                pos = text.find("\r", pos + 1)
        if removed:
            parts: list[str] = []
            prev = 0
            for r in removed:
                parts.append(text[prev:r])
                prev = r + 1
            parts.append(text[prev:])
            text = "".join(parts)
        self.text = text.replace("\r", "\n") if "\r" in text else text
        self._removed = removed

    def to_input(self, offset: int, *, end: bool = False) -> int:
        """Input offset of normalized offset ``offset``.

        An end offset that falls just after a removed ``\\r`` stays before it, so a
        change never swallows a line ending it did not touch."""
        if not self._removed:
            return offset
        k = 0
        pos = offset
        # every removed char at input offset r shifts text positions >= r - k
        lo, hi = 0, len(self._removed)
        while lo < hi:
            mid = (lo + hi) // 2
            if self._removed[mid] - mid <= offset - (1 if end else 0):
                lo = mid + 1
            else:
                hi = mid
        k = lo
        return pos + k

    def line_col(self, input_offset: int) -> tuple[int, int]:
        """1-based line and column of an input offset."""
        if self._line_starts is None:
            starts = [0]
            find = self.input.find
            pos = find("\n")
            while pos != -1:
                starts.append(pos + 1)
                pos = find("\n", pos + 1)
            self._line_starts = starts
        line = bisect.bisect_right(self._line_starts, input_offset)
        return line, input_offset - self._line_starts[line - 1] + 1
