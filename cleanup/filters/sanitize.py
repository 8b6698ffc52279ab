"""Sanitize filter: raw HTML inside Markdown never carries active content out.

CommonMark passes raw HTML through, so a ``<script>``, an event handler or a
``javascript:`` URL in a Markdown article would reach whatever renders our output.
Raw HTML blocks that contain any of these are replaced by their nh3-sanitized form,
and such inline tags are dropped (the text between them stays); harmless raw HTML
(``<kbd>``, ``<sup>``, comments) is left byte for byte. HTML input needs no such
step: its reader never admits active elements and its writer sanitizes everything.
"""

from __future__ import annotations

import regex

from cleanup.document import CONTAINER_INLINES, Document, Raw, RawInline, inline_lists, join_texts, walk_blocks
from cleanup.filters import Filter
from cleanup.lazy_pattern import LazyPattern
from cleanup.urls import is_safe_url

_ACTIVE_TAG = LazyPattern(
    r"<\s*/?\s*(?:script|style|iframe|object|embed|frame|frameset|applet|form|input|button|meta|link|base|svg|math"
    r"|template|noscript|xml|import)\b",
    regex.IGNORECASE,
)
_HANDLER = LazyPattern(r"[\s\"'/]on[a-z]{2,30}\s*=", regex.IGNORECASE)
_URL_ATTR = LazyPattern(
    r"(?:href|src|action|formaction|xlink:href|data|poster|background|srcset)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)",
    regex.IGNORECASE,
)
_STYLE_ATTR = LazyPattern(r"\sstyle\s*=", regex.IGNORECASE)
_OPEN_TAG = LazyPattern(r"<([A-Za-z][A-Za-z0-9-]{0,30})\b[^<>]*>\Z")
REASON = "active content (script, event handler, frame or unsafe URL) in raw HTML is never published"


def is_active(html: str) -> bool:
    """True when raw HTML could run code or load something unsafe."""
    if _ACTIVE_TAG.search(html) or _HANDLER.search(html) or _STYLE_ATTR.search(html):
        return True
    for m in _URL_ATTR.finditer(html):
        value = m.group(1).strip("\"'")
        if not is_safe_url(value, image=m.group(0).lower().startswith("src")):
            return True
    return False


def _drop_closing(nodes: list, k: int, tag: str | None) -> RawInline | None:
    """Drop (and return) the ``</tag>`` that closed an opening tag removed at ``k``."""
    if tag is None:
        return None
    for j in range(k, len(nodes)):
        n = nodes[j]
        if isinstance(n, RawInline) and n.html.replace(" ", "").lower() == f"</{tag.lower()}>":
            del nodes[j]
            return n
    return None


class SanitizeFilter(Filter):
    name = "sanitize"

    def apply(self, doc: Document) -> None:
        if doc.format != "markdown":
            return
        from cleanup.writers.html import sanitize

        for block in walk_blocks(doc.blocks):
            if isinstance(block, Raw) and is_active(block.html):
                clean = sanitize(block.html)
                if block.src:
                    doc.record(self.name, "removed", block.src[0], block.src[1], clean, reason=REASON)
                block.html = clean
                block.touched = True
            for inlines in inline_lists(block):
                self._inlines(doc, block, inlines)

    def _inlines(self, doc: Document, block: object, nodes: list) -> None:
        from cleanup.writers.html import sanitize

        stack = [nodes]
        while stack:
            current = stack.pop()
            removed = False
            for k in range(len(current) - 1, -1, -1):
                node = current[k]
                if isinstance(node, RawInline) and is_active(node.html):
                    # an opening tag keeps its element without the active attributes
                    # (<span onmouseover=…> → <span>), so its closing tag is no orphan
                    opening = _OPEN_TAG.match(node.html)
                    safe = ""
                    if opening and not _ACTIVE_TAG.search(node.html):
                        close = f"</{opening.group(1)}>"
                        cleaned = sanitize(node.html + close)
                        safe = cleaned[: -len(close)] if cleaned.endswith(close) else ""
                    if node.src:
                        doc.record(self.name, "removed", node.src[0], node.src[1], safe, reason=REASON)
                    if safe:
                        current[k] = RawInline(safe, node.src, touched=True)
                    else:
                        del current[k]
                        closing = _drop_closing(current, k, opening.group(1) if opening else None)
                        if closing is not None and closing.src:
                            doc.record(self.name, "removed", closing.src[0], closing.src[1], "",
                                       reason="closing tag of an element removed as active content")
                        removed = True
                    block.touched = True  # type: ignore[attr-defined]
                elif isinstance(node, CONTAINER_INLINES):
                    stack.append(node.children)
            if removed:
                current[:] = join_texts(current)
