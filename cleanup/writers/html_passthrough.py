"""A clean HTML page is written back exactly as it came.

The HTML writer renders the document model, which has no place for layout wrappers
(``<article>``, ``<section>``), bidi isolation (``<bdi>``), the page's own ``<title>``
or the root's ``dir="rtl"``: rebuilding a page no filter changed would alter it without
a recorded change. When nothing changed and every element and attribute of the input
is one that is safe to publish (the sanitizer's allow-list plus harmless structure),
the input is the output; anything else goes through the writer and its sanitizer.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from cleanup.document import Document, walk_blocks
from cleanup.urls import is_safe_url
from cleanup.writers.html import ALLOWED_ATTRS, ALLOWED_TAGS, COMMON_ATTRS

PASS_TAGS = ALLOWED_TAGS | {
    "html", "head", "body", "title", "meta", "article", "section", "header", "footer", "main", "aside", "nav",
    "hgroup", "address", "time", "bdi", "bdo", "cite", "dfn", "samp", "var", "wbr", "caption", "-text",
}
PASS_ATTRS = {
    **ALLOWED_ATTRS,
    "html": {"xmlns"},
    "meta": {"charset", "name", "content", "property"},  # not http-equiv: a refresh redirects
    "time": {"datetime"},
}
URL_ATTRS = {"href", "src"}


def passes_through(doc: Document) -> bool:
    """True when ``doc.source.text`` can be published as the cleaned output."""
    if doc.format != "html" or doc.metadata.get("encoding"):
        return False  # a legacy encoding's <meta charset> would be wrong in UTF-8 output
    if any(c.action != "flagged" for c in doc.changes) or any(b.touched for b in walk_blocks(doc.blocks)):
        return False
    text = doc.source.text
    if "<!--" in text or "<![CDATA[" in text or "<?" in text:
        return False  # comments (conditional ones held script) and processing instructions
    return _safe_tree(LexborHTMLParser(text).root)


def _safe_tree(root) -> bool:
    for node in root.traverse(include_text=False) if root is not None else ():
        tag = node.tag
        if tag not in PASS_TAGS:
            return False
        allowed = PASS_ATTRS.get(tag, set())
        for name, value in node.attributes.items():
            name = name.lower()
            if not (name in COMMON_ATTRS or name in allowed or name.startswith("data-")):
                return False
            if name in URL_ATTRS and not is_safe_url(value or "", image=tag == "img"):
                return False
    return True
