"""Readers turn decoded input into a :class:`~cleanup.document.Document`."""

from __future__ import annotations

import regex

from cleanup.document import Document
from cleanup.lazy_pattern import LazyPattern
from cleanup.source import Source

FORMATS = ("text", "markdown", "html")

_HTML_HINT = LazyPattern(
    r"<(?:!doctype\s+html|html|head|body|p|div|article|section|h[1-6]|ul|ol|li|table|blockquote|pre|br|span|a\s+href)\b",
    regex.IGNORECASE,
)
_MD_HINT = LazyPattern(
    r"^(?:\#{1,6}[ \t]+\S|[-=]{3,}[ \t]*$|\|.*\|[ \t]*\n\|?[ \t]*:?-{3,})"
    r"|\[[^\]\n]{1,200}\]\((?:https?://|/|\#)[^)\s]*\)|\*\*[^*\n]{1,200}\*\*|(?<![\w`])`[^`\n]{1,200}`(?![\w`])"
    r"|^\\[-#>+*=_`]|^\d{1,9}\\[.)]|\\[*_`\[\]<]|\\&(?=\#?[A-Za-z0-9]{1,32};)|\\\\(?=[!-/:-@\[-`{-~])",
    regex.MULTILINE,
)
_ANCHOR_HINT = LazyPattern(r"<a\s", regex.IGNORECASE)


def _cut_anchors_only(head: str) -> bool:
    """Extraction debris, not markup: every tag is an ``<a href`` and none is ever closed
    (an article whose first line is a cut ``<a href="…">Title``, then plain paragraphs)."""
    return "</" not in head and all(_ANCHOR_HINT.match(m.group(0)) for m in _HTML_HINT.finditer(head))


def sniff_format(text: str) -> str:
    """Guess the input format: HTML if its first tags say so, Markdown if it uses
    syntax plain text does not (ATX headings, links, strong, code spans,
    tables, backslash escapes — which our own Markdown output uses), else plain text.
    A fenced code block alone does not make Markdown: writers of plain text use fences
    too, and the text reader keeps them as code. Bullet lines alone do not make Markdown: scraped text
    uses them too, and the text reader plus the structure filter handle them."""
    head = text[:65536]
    stripped = head.lstrip()
    if stripped.startswith("<") and _HTML_HINT.search(stripped[:1024]) and not _cut_anchors_only(head):
        return "html"
    if _MD_HINT.search(head):
        return "markdown"  # HTML inside a Markdown code block stays Markdown
    if len(_HTML_HINT.findall(head)) >= 3 and head.count("</") >= 2:
        return "html"
    return "text"


def read(source: Source, fmt: str = "auto") -> Document:
    if fmt == "auto":
        fmt = sniff_format(source.text)
    if fmt == "html":
        from cleanup.readers.html import read_html

        return read_html(source)
    if fmt == "markdown":
        from cleanup.readers.markdown import read_markdown

        return read_markdown(source)
    if fmt == "text":
        from cleanup.readers.text import read_text

        return read_text(source)
    raise ValueError(f"unknown input format {fmt!r}; use one of auto, {', '.join(FORMATS)}")
