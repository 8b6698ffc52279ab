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
_MD_BLOCK_HINT = LazyPattern(  # ATX headings, tables, backslash escapes (our own output uses them)
    r"^(?:\#{1,6}[ \t]+\S|\|.*\|[ \t]*\n\|?[ \t]*:?-{3,})"
    r"|^\\[-#>+*=_`]|^\d{1,9}\\[.)]|\\[*_`\[\]<]|\\&(?=\#?[A-Za-z0-9]{1,32};)|\\\\(?=[!-/:-@\[-`{-~])",
    regex.MULTILINE,
)
_MD_INLINE_HINT = LazyPattern(  # a ---/=== line, a link, strong, a code span: a flattened text keeps these too
    r"^[-=]{3,}[ \t]*$"
    r"|\[[^\]\n]{1,200}\]\((?:https?://|/|\#)[^)\s]*\)|\*\*[^*\n]{1,200}\*\*|(?<![\w`])`[^`\n]{1,200}`(?![\w`])",
    regex.MULTILINE,
)
_ANCHOR_HINT = LazyPattern(r"<a\s", regex.IGNORECASE)


def _cut_anchors_only(head: str) -> bool:
    """Extraction debris, not markup: every tag is an ``<a href`` and none is ever closed
    (an article whose first line is a cut ``<a href="…">Title``, then plain paragraphs)."""
    return "</" not in head and all(_ANCHOR_HINT.match(m.group(0)) for m in _HTML_HINT.finditer(head))


_LIST_MARKER = LazyPattern(r"^(?:[-*+•·–—]|\d{1,9}[.)])[ \t]")
_UNDERLINE = LazyPattern(r"^(?:-{3,}|={3,})$")
_TWO_SENTENCES = LazyPattern(r"\p{Ll}{3}[.!?]\s+\p{Lu}|[!?！？؟]\s+\p{Lu}|[。！？।۔]\s*\S")


def _flattened(head: str) -> bool:
    """Plain text whose blocks were flattened to bare lines (no blank line anywhere), which
    keeps one or two inline Markdown marks (a link, a bold word, a ``---`` under a chat
    preamble). Read as Markdown, its lines would run into one paragraph. It must show it is
    not Markdown written one sentence a line (semantic line breaks) nor a hard-wrapped paragraph:
    at least five lines, a line holding two sentences, no line that stops mid-sentence and goes
    on in lower case on the next, no line over 60 characters that ends without a stop, and no
    setext heading (a ``---``/``===`` line under a line that ends without a stop or colon)."""
    from itertools import islice

    from cleanup.structure_rules import COLON_END, ends_terminal, starts_lower

    lines = [line.strip() for line in head.strip().split("\n")]
    if len(lines) < 5 or not all(lines) or lines[0] == "---" or _MD_BLOCK_HINT.search(head):
        return False  # a first line "---" opens YAML front matter
    if len(list(islice(_MD_INLINE_HINT.finditer(head), 3))) > 2:
        return False
    two = False
    stops = True
    for k, line in enumerate(lines):
        if not stops and _UNDERLINE.match(line):
            return False  # a setext heading, Markdown's own; "---" under "Here is the article:" is a chat's separator
        two = two or bool(_TWO_SENTENCES.search(line))
        stops = ends_terminal(line) or bool(COLON_END.search(line))
        if not stops and len(line) > 60:
            return False
        if k + 1 < len(lines) and not stops and starts_lower(lines[k + 1]) and not _LIST_MARKER.match(lines[k + 1]):
            return False
    return two


def _sniff(text: str) -> tuple[str, bool]:
    """The format, and whether plain text keeps inline Markdown (see :func:`_flattened`)."""
    head = text[:65536]
    stripped = head.lstrip()
    if stripped.startswith("<") and _HTML_HINT.search(stripped[:1024]) and not _cut_anchors_only(head):
        return "html", False
    if _MD_BLOCK_HINT.search(head):
        return "markdown", False  # HTML inside a Markdown code block stays Markdown
    if _MD_INLINE_HINT.search(head):
        return ("text", True) if _flattened(head) else ("markdown", False)
    if len(_HTML_HINT.findall(head)) >= 3 and head.count("</") >= 2:
        return "html", False
    return "text", False


def sniff_format(text: str) -> str:
    """Guess the input format: HTML if its first tags say so, Markdown if it uses
    syntax plain text does not (ATX headings, links, strong, code spans,
    tables, backslash escapes — which our own Markdown output uses), else plain text.
    A fenced code block alone does not make Markdown: writers of plain text use fences
    too, and the text reader keeps them as code. Bullet lines alone do not make Markdown: scraped text
    uses them too, and the text reader plus the structure filter handle them. Nor do one or two
    links, bold words, code spans or ``---`` lines in a text whose blocks were flattened to bare
    lines (see :func:`_flattened`): that is text, read with its inline Markdown kept."""
    return _sniff(text)[0]


def read(source: Source, fmt: str = "auto") -> Document:
    inline = False
    if fmt == "auto":
        fmt, inline = _sniff(source.text)
    if fmt == "html":
        from cleanup.readers.html import read_html

        return read_html(source)
    if fmt == "markdown":
        from cleanup.readers.markdown import read_markdown

        return read_markdown(source)
    if fmt == "text":
        from cleanup.readers.text import read_text

        return read_text(source, inline_markdown=inline)
    raise ValueError(f"unknown input format {fmt!r}; use one of auto, {', '.join(FORMATS)}")
