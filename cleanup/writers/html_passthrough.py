"""A clean HTML page is written back exactly as it came.

The HTML writer renders the document model, which has no place for layout wrappers
(``<article>``, ``<section>``), bidi isolation (``<bdi>``), the page's own ``<title>``
or the root's ``dir="rtl"``: rebuilding a page no filter changed would alter it without
a recorded change. When nothing changed and every element and attribute of the input
is one that is safe to publish (the sanitizer's allow-list plus harmless structure),
the input is the output; anything else goes through the writer and its sanitizer.
"""

from __future__ import annotations

from html import escape

import regex
from selectolax.lexbor import LexborHTMLParser

from cleanup.document import Document, walk_blocks
from cleanup.lazy_pattern import LazyPattern
from cleanup.urls import is_safe_url
from cleanup.writers.html import ALLOWED_ATTRS, ALLOWED_TAGS, COMMON_ATTRS

PASS_TAGS = ALLOWED_TAGS | {
    "html", "head", "body", "title", "meta", "link", "article", "section", "header", "footer", "main", "aside",
    "nav", "hgroup", "address", "time", "bdi", "bdo", "cite", "dfn", "samp", "var", "wbr", "caption",
    "details", "summary", "picture", "source", "-text", "-comment",
}
PASS_ATTRS = {
    **ALLOWED_ATTRS,
    "html": {"xmlns"},
    "meta": {"charset", "name", "content", "property"},  # not http-equiv: a refresh redirects
    "link": {"rel", "href", "hreflang", "type"},
    "time": {"datetime"},
    "img": ALLOWED_ATTRS["img"] | {"loading", "decoding", "srcset", "sizes", "fetchpriority"},
    "source": {"srcset", "sizes", "media", "type", "width", "height"},
    "del": {"datetime"},
    "ins": {"datetime"},
    "details": {"open"},
}
# what every element may carry on a published page: microdata and accessibility
PASS_COMMON = COMMON_ATTRS | {"itemprop", "itemscope", "itemtype", "itemid", "role"}
URL_ATTRS = {"href", "src"}
# a <link> that only describes the page (not a stylesheet, preload or prefetch that fetches)
LINK_RELS = {"canonical", "alternate", "author", "license", "shortlink", "amphtml"}
_CONDITIONAL_COMMENT = LazyPattern(r"<!--\s*\[if|<!\[endif|<!\[if", regex.IGNORECASE)


def passes_through(doc: Document) -> bool:
    """True when ``doc.source.text`` can be published as the cleaned output."""
    if not _source_may_be_published(doc) or any(c.action != "flagged" for c in doc.changes):
        return False
    return _safe_tree(LexborHTMLParser(doc.source.text).root)


def _source_may_be_published(doc: Document) -> bool:
    """What the page as a whole must be before its own markup is published (pass-through
    or splice); the tree's elements and attributes are checked by :func:`_safe_tree`."""
    if doc.format != "html" or doc.metadata.get("encoding") or doc.broken_markup:
        return False  # a legacy encoding's <meta charset> would be wrong in UTF-8 output
    if any(b.touched for b in walk_blocks(doc.blocks)):
        return False
    if any(c.filter == "sanitize" and c.action != "flagged" for c in doc.changes):
        return False  # markup the sanitizer removed (a <script> the parser dropped at the end) is in the source
    text = doc.source.text
    # processing instructions, and conditional comments (old IE ran script in them)
    return not ("<![CDATA[" in text or "<?" in text or ("<!" in text and _CONDITIONAL_COMMENT.search(text)))


def _safe_tree(root) -> bool:
    for node in root.traverse(include_text=False) if root is not None else ():
        tag = node.tag
        if tag not in PASS_TAGS:
            return False
        allowed = PASS_ATTRS.get(tag, set())
        for name, value in node.attributes.items():
            name = name.lower()
            if not (name in PASS_COMMON or name in allowed or name.startswith(("data-", "aria-"))):
                return False
            if name in URL_ATTRS and not is_safe_url(value or "", image=tag in ("img", "source")):
                return False
            if name == "srcset" and not all(is_safe_url(c.split()[0], image=True) for c in (value or "").split(",") if c.strip()):
                return False
        if tag == "link" and not set((node.attributes.get("rel") or "").lower().split()) <= LINK_RELS:
            return False
    return True


def spliced_source(doc: Document) -> str | None:
    """The input page with only the text filters changed replaced in place, or None.

    A mojibake repair or a translated word should not rebuild a whole CMS page (its
    ``<head>``, wrappers and every attribute would be lost): when the filters edited
    text and nothing else, and the page is safe to publish, each edited run of the
    source is replaced by its new text. The result is read back and must have the
    cleaned document's structure and words, else the page is rebuilt."""
    if not _source_may_be_published(doc):
        return None
    text = doc.source.text
    texts = [(node, False) for node in doc.texts()] + ([(doc.head_title, False)] if doc.head_title is not None else [])
    texts += [(text, True) for _, text in doc.alt_texts()]  # attribute values: quotes escaped too
    edits = sorted(
        (s.start, s.end, escape(s.text, quote=attr)) for node, attr in texts for s in node.text.spans if s.kind == "edit"
    )
    if not edits or not _safe_tree(LexborHTMLParser(text).root):
        return None
    parts: list[str] = []
    pos = 0
    for start, end, new in edits:
        if start < pos:
            return None  # two edits of one source run (inside one entity): rebuild
        parts.append(text[pos:start])
        parts.append(new)
        pos = end
    parts.append(text[pos:])
    out = "".join(parts)
    from cleanup.readers.html import read_html
    from cleanup.source import Source

    again = read_html(Source(out))
    if _shape(again.blocks) != _shape(doc.blocks) or again.visible_text() != doc.visible_text():
        return None
    if (again.head_title and again.head_title.value) != (doc.head_title and doc.head_title.value):
        return None
    return out


def _shape(nodes: list) -> list:
    """Everything about blocks and inlines but their text: what a splice must not change."""
    out: list = []
    for n in nodes:
        fields = tuple(
            (k, v) for k in getattr(n, "__slots__", ())
            if k not in ("text", "src", "touched", "alt_text", "children", "blocks", "items", "header", "rows", "code")
            for v in (getattr(n, k),)
        )
        kids = [_shape(x) for x in (getattr(n, "header", None) or [])] + [
            [_shape(c) for c in row] for row in (getattr(n, "rows", None) or [])
        ]
        for name in ("children", "blocks", "items"):
            if hasattr(n, name):
                kids.append(_shape(getattr(n, name)))
        out.append((type(n).__name__, fields, kids, getattr(n, "code", None)))
    return out
