"""Plain-text reader: blank-line separated paragraphs, one text node per line.

It infers nothing: which lines are a title, headings or list items is decided by
the ``structure`` filter, which records each decision as a change."""

from __future__ import annotations

from cleanup.document import Break, Document, Paragraph, Text
from cleanup.mapped import MappedText
from cleanup.source import Source


def read_text(source: Source) -> Document:
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
            children.append(Text(MappedText.from_source(text[s:e], s)))
        doc.blocks.append(Paragraph(children, src=(group[0][0], group[-1][1])))
        group.clear()

    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        end = n if nl == -1 else nl
        line = text[pos:end]
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
