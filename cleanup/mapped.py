"""Text that remembers where every character came from in the input.

A :class:`MappedText` is a sequence of :class:`Span` pieces. Each piece knows the
range of the (newline-normalized) source it stands for and whether it is still the
source's own text (``same``), a decoded form of it (``decoded``: an entity or a
Markdown escape), or text a filter wrote (``edit``). Filters edit the current string;
the span list keeps the way back to the input, so a change made after other changes
still reports exact input offsets, and writers can copy untouched source verbatim.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

SpanKind = Literal["same", "decoded", "edit"]


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    start: int  # source offset (normalized source) where this piece begins
    end: int  # source offset where it ends
    kind: SpanKind = "same"


class MappedText:
    """An immutable-by-convention string with a span map back to the source."""

    __slots__ = ("spans", "_text")

    def __init__(self, spans: list[Span] | tuple[Span, ...] = ()):
        self.spans: list[Span] = [s for s in spans if s.text or s.kind == "edit" and s.start != s.end]
        self._text: str | None = None

    @classmethod
    def from_source(cls, text: str, start: int) -> MappedText:
        return cls([Span(text, start, start + len(text), "same")]) if text else cls()

    @classmethod
    def detached(cls, text: str, at: int) -> MappedText:
        """Text with no source of its own, anchored at source offset ``at``."""
        return cls([Span(text, at, at, "edit")]) if text else cls()

    def __str__(self) -> str:
        if self._text is None:
            self._text = "".join(s.text for s in self.spans)
        return self._text

    def __len__(self) -> int:
        return len(str(self))

    def __repr__(self) -> str:
        return f"MappedText({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, MappedText) and self.spans == other.spans

    @property
    def changed(self) -> bool:
        return any(s.kind == "edit" for s in self.spans)

    @property
    def source_range(self) -> tuple[int, int] | None:
        if not self.spans:
            return None
        return self.spans[0].start, self.spans[-1].end

    # -- position mapping -------------------------------------------------

    def _locate(self, i: int) -> tuple[int, int]:
        """Index of the span holding text offset ``i`` and the offset inside it."""
        pos = 0
        for k, s in enumerate(self.spans):
            if i < pos + len(s.text):
                return k, i - pos
            pos += len(s.text)
        return len(self.spans), 0

    def to_source(self, i: int, *, end: bool = False) -> int:
        """Source offset of text offset ``i``, read as a start or (``end``) an end.

        Inside a decoded or edited piece there is no exact source character, so a
        start maps to the piece's source start and an end to its source end."""
        if not self.spans:
            return 0
        if i <= 0 and end:
            return self.spans[0].start
        pos = 0
        for s in self.spans:
            n = len(s.text)
            inside = pos < i <= pos + n if end else pos <= i < pos + n
            if inside:
                if s.kind == "same":
                    return s.start + (i - pos)
                return s.end if end else s.start
            pos += n
        return self.spans[-1].end

    def _verbatim_base(self) -> int | None:
        """Source offset of the text when it is one verbatim piece (most text nodes before
        their first edit): then every offset maps by a constant shift."""
        spans = self.spans
        return spans[0].start if len(spans) == 1 and spans[0].kind == "same" else None

    def source_span(self, i: int, j: int) -> tuple[int, int]:
        base = self._verbatim_base()
        if base is not None:
            return base + i, base + j
        if i == j:
            at = self.to_source(i) if i < len(self) else self.to_source(i, end=True)
            return at, at
        return self.to_source(i), self.to_source(j, end=True)

    def is_verbatim(self, i: int, j: int) -> bool:
        """True when text[i:j] is exactly the source slice it maps to."""
        return self._pieces_are(i, j, ("same",))

    def is_from_source(self, i: int, j: int) -> bool:
        """True when text[i:j] holds no text a filter wrote: every piece of it is the
        source's own text or a decoded form of it (an entity, an escape), so the source
        slice it maps to is what the input held there."""
        return self._pieces_are(i, j, ("same", "decoded"))

    def _pieces_are(self, i: int, j: int, kinds: tuple[str, ...]) -> bool:
        """Every span that text[i:j] touches is of one of ``kinds``."""
        if self._verbatim_base() is not None:
            return True
        k, off = self._locate(i)
        pos = i
        while pos < j and k < len(self.spans):
            s = self.spans[k]
            if s.kind not in kinds:
                return False
            pos += len(s.text) - off
            off = 0
            k += 1
        return True

    # -- editing -----------------------------------------------------------

    def _split(self, i: int) -> list[Span]:
        """Spans with a boundary at text offset ``i`` (only ``same`` spans can split)."""
        out: list[Span] = []
        pos = 0
        for s in self.spans:
            n = len(s.text)
            if pos < i < pos + n and s.kind == "same":
                cut = i - pos
                out.append(Span(s.text[:cut], s.start, s.start + cut, "same"))
                out.append(Span(s.text[cut:], s.start + cut, s.end, "same"))
            else:
                out.append(s)
            pos += n
        return out

    def replace(self, i: int, j: int, new: str) -> MappedText:
        """A copy with text[i:j] replaced by ``new``; the new piece maps to the
        source range the old piece covered (widened to whole non-``same`` spans)."""
        spans = MappedText(self._split(i))._split(j)
        before: list[Span] = []
        middle: list[Span] = []
        after: list[Span] = []
        pos = 0
        for s in spans:
            s_end = pos + len(s.text)
            if s_end <= i:
                before.append(s)
            elif pos >= j:
                after.append(s)
            else:
                middle.append(s)
            pos = s_end
        # a partly covered non-"same" span is absorbed whole: widen the edit
        text = str(self)
        lo = sum(len(s.text) for s in before)
        hi = lo + sum(len(s.text) for s in middle)
        new_text = text[lo:i] + new + text[j:hi]
        if middle:
            start, end = middle[0].start, middle[-1].end
        else:
            at = before[-1].end if before else (after[0].start if after else 0)
            start = end = at
        piece = [Span(new_text, start, end, "edit")] if (new_text or start != end) else []
        return MappedText(before + piece + after)

    def replace_many(self, edits: list[tuple[int, int, str]]) -> MappedText:
        """All ``(i, j, new)`` edits at once, in one pass (sorted, non-overlapping,
        in current-text offsets). Equivalent to applying :meth:`replace` right to
        left; raises ValueError when two edits would absorb the same non-``same`` span."""
        if not edits:
            return self
        if self._verbatim_base() is not None:
            return self._replace_many_verbatim(edits)
        cuts = sorted({x for i, j, _ in edits for x in (i, j)})
        spans: list[Span] = []
        pos = 0
        c = 0
        for s in self.spans:
            n = len(s.text)
            while c < len(cuts) and cuts[c] <= pos:
                c += 1
            if s.kind == "same" and c < len(cuts) and cuts[c] < pos + n:
                prev = pos
                while c < len(cuts) and cuts[c] < pos + n:
                    cut = cuts[c]
                    spans.append(Span(s.text[prev - pos : cut - pos], s.start + prev - pos, s.start + cut - pos, "same"))
                    prev = cut
                    c += 1
                spans.append(Span(s.text[prev - pos :], s.start + prev - pos, s.end, "same"))
            else:
                spans.append(s)
            pos += n
        starts: list[int] = []
        pos = 0
        for s in spans:
            starts.append(pos)
            pos += len(s.text)
        text = str(self)
        out: list[Span] = []
        k = 0
        total = len(spans)
        consumed = 0  # current-text offset up to which earlier edits absorbed spans
        for i, j, new in edits:
            if i < consumed:
                raise ValueError("edits overlap one source piece")
            while k < total and starts[k] + len(spans[k].text) <= i:
                out.append(spans[k])
                k += 1
            first = k
            while k < total and starts[k] < j:
                k += 1
            middle = spans[first:k]
            if middle:
                lo, hi = starts[first], starts[k - 1] + len(spans[k - 1].text)
                start, end = middle[0].start, middle[-1].end
            else:
                lo = hi = i
                at = out[-1].end if out else (spans[k].start if k < total else 0)
                start = end = at
            new_text = text[lo:i] + new + text[j:hi]
            consumed = hi
            if new_text or start != end:
                out.append(Span(new_text, start, end, "edit"))
        out.extend(spans[k:])
        return MappedText(out)

    def _replace_many_verbatim(self, edits: list[tuple[int, int, str]]) -> MappedText:
        """:meth:`replace_many` on text that is one verbatim piece of the source."""
        span = self.spans[0]
        text, base = span.text, span.start
        out: list[Span] = []
        pos = 0
        for i, j, new in edits:
            if i < pos:
                raise ValueError("edits overlap one source piece")
            if i > pos:
                out.append(Span(text[pos:i], base + pos, base + i, "same"))
            if new or i != j:
                out.append(Span(new, base + i, base + j, "edit"))
            pos = j
        if pos < len(text):
            out.append(Span(text[pos:], base + pos, span.end, "same"))
        return MappedText(out)

    def slice(self, i: int, j: int) -> MappedText:
        """The piece text[i:j] with its map (non-``same`` spans cut at the edges keep
        their whole source range)."""
        spans = MappedText(self._split(i))._split(j)
        out: list[Span] = []
        pos = 0
        for s in spans:
            n = len(s.text)
            lo, hi = max(pos, i), min(pos + n, j)
            if lo < hi:
                if lo == pos and hi == pos + n:
                    out.append(s)
                else:
                    out.append(Span(s.text[lo - pos : hi - pos], s.start, s.end, s.kind))
            pos += n
        return MappedText(out)

    def __add__(self, other: MappedText) -> MappedText:
        return MappedText(self.spans + other.spans)
