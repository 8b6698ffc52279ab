"""Plain-text reader: blank-line separated paragraphs, one text node per line.

It infers nothing: which lines are a title, headings or list items is decided by
the ``structure`` filter, which records each decision as a change. The one thing
it keeps apart is a fenced code block (```), which writers of plain text use too:
its lines are code, never joined, escaped or converted.

With ``inline_markdown`` (set by sniffing, for a flattened text that kept a link or a
bold word) each line's inline Markdown is parsed as the Markdown reader would: links,
strong, code spans stay what they are instead of being escaped as literal text."""

from __future__ import annotations

import regex

from cleanup.document import Break, Code, Document, Paragraph, Text
from cleanup.lazy_pattern import LazyPattern
from cleanup.mapped import MappedText
from cleanup.source import Source

_FENCE = LazyPattern(r"^ {0,3}(`{3,}|~{3,})([^`\n]*)$")


_FENCE_ONLY = LazyPattern(r"^ {0,3}(`{3,}|~{3,})[ \t]*$", regex.MULTILINE)


class _Closers:
    """Lines that can close a fence, found in one pass; each look-up is amortized O(1)
    (a suffix maximum says at once when no long enough fence follows), so any number
    of unclosed fences stays linear."""

    def __init__(self, text: str):
        self.by_char: dict[str, tuple[list[tuple[int, int, int]], list[int]]] = {}
        found: dict[str, list[tuple[int, int, int]]] = {"`": [], "~": []}
        for m in _FENCE_ONLY.finditer(text):
            found[m.group(1)[0]].append((m.start(), m.end(), len(m.group(1))))
        for ch, items in found.items():
            suffix = [0] * (len(items) + 1)
            for k in range(len(items) - 1, -1, -1):
                suffix[k] = max(suffix[k + 1], items[k][2])
            self.by_char[ch] = (items, suffix)
        self.next = {"`": 0, "~": 0}

    def after(self, pos: int, fence: str) -> tuple[int, int] | None:
        items, suffix = self.by_char[fence[0]]
        k = self.next[fence[0]]
        while k < len(items) and items[k][0] < pos:
            k += 1
        self.next[fence[0]] = k
        if suffix[k] < len(fence):
            return None
        while items[k][2] < len(fence):
            k += 1
        return items[k][0], items[k][1]


def _inline_nodes(text: str, s: int, e: int) -> list:
    from cleanup.readers.markdown import _InlineBuilder, parser

    tokens = parser().parseInline(text[s:e])
    return _InlineBuilder(text, s, e).build(tokens[0].children or []) if tokens else []


def read_text(source: Source, inline_markdown: bool = False) -> Document:
    doc = Document(source=source, format="text")
    text = source.text
    pos = 0
    group: list[tuple[int, int]] = []  # (start, end) of the stripped lines in a paragraph

    def flush() -> None:
        if not group:
            return
        children: list = []
        for k, (s, e) in enumerate(group):
            if k:
                children.append(Break(hard=False))
            if inline_markdown and "\x00" not in text[s:e]:
                children.extend(_inline_nodes(text, s, e))
            else:
                children.append(Text(MappedText.from_source(text[s:e], s)))
        doc.blocks.append(Paragraph(children, src=(group[0][0], group[-1][1])))
        group.clear()

    n = len(text)
    closers: _Closers | None = None
    while pos <= n:
        nl = text.find("\n", pos)
        end = n if nl == -1 else nl
        line = text[pos:end]
        fence = _FENCE.match(line) if line.lstrip(" ")[:1] in ("`", "~") else None
        close = None
        if fence and nl != -1:
            closers = closers or _Closers(text)
            close = closers.after(end + 1, fence.group(1))
        if close is not None:
            flush()
            doc.blocks.append(Code(text[end + 1 : close[0]], fence.group(2).strip(), src=(pos, close[1])))
            nl = text.find("\n", close[1])
            if nl == -1:
                break
            pos = nl + 1
            continue
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            group.append((pos + lead, pos + lead + len(stripped)))
        else:
            flush()
        if nl == -1:
            break
        pos = nl + 1
    flush()
    return doc
