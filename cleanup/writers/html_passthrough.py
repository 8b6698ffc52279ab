"""A clean HTML page is written back exactly as it came.

The HTML writer renders the document model, which has no place for layout wrappers
(``<article>``, ``<section>``), bidi isolation (``<bdi>``), the page's own ``<title>``
or the root's ``dir="rtl"``: rebuilding a page no filter changed would alter it without
a recorded change. When nothing changed and every element and attribute of the input
is one that is safe to publish (the sanitizer's allow-list plus harmless structure),
the input is the output; anything else goes through the writer and its sanitizer.
"""

from __future__ import annotations

from collections import Counter
from html import escape

import regex
from selectolax.lexbor import LexborHTMLParser

from cleanup.document import Document, Heading, walk_blocks
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


def _source_may_be_published(doc: Document, splice: bool = False) -> bool:
    """What the page as a whole must be before its own markup is published (pass-through
    or splice); the tree's elements and attributes are checked by :func:`_safe_tree`.
    A splice may also rename re-levelled headings and cut out what the reader removed."""
    if doc.format != "html" or doc.metadata.get("encoding") or doc.broken_markup:
        return False  # a legacy encoding's <meta charset> would be wrong in UTF-8 output
    if any(b.touched and not (splice and isinstance(b, Heading)) for b in walk_blocks(doc.blocks)):
        return False
    if not splice and any(c.filter == "sanitize" and c.action != "flagged" for c in doc.changes):
        return False  # markup the sanitizer removed (a <script> the parser dropped at the end) is in the source
    return _plain_markup(doc.source.text)


def _plain_markup(text: str) -> bool:
    """No processing instructions, and no conditional comments (old IE ran script in them)."""
    return not ("<![CDATA[" in text or "<?" in text or ("<!" in text and _CONDITIONAL_COMMENT.search(text)))


def _safe_tree(root, cut: bool = False) -> bool:
    """Every element and attribute may be published; with ``cut``, also those a splice
    cuts out (:func:`_droppable_markup`): then False means the page cannot be spliced."""
    for node in root.traverse(include_text=False) if root is not None else ():
        tag = node.tag
        if tag not in PASS_TAGS:
            if cut and (tag in _DROPPED_ELEMENTS or tag in ("script", "iframe", "object", "embed")):
                continue  # cut out whole: by the reader (recorded) or by the splice
            return False
        allowed = PASS_ATTRS.get(tag, set())
        for name, value in node.attributes.items():
            name = name.lower()
            if not (name in PASS_COMMON or name in allowed or name.startswith(("data-", "aria-"))):
                if cut and (name in DROPPABLE_ATTRS or name.startswith("on") or (tag == "meta" and name == "http-equiv")):
                    continue
                return False
            if name in URL_ATTRS and not is_safe_url(value or "", image=tag in ("img", "source")):
                return False
            if name == "srcset" and not all(is_safe_url(c.split()[0], image=True) for c in (value or "").split(",") if c.strip()):
                return False
        if tag == "link" and not cut and not set((node.attributes.get("rel") or "").lower().split()) <= LINK_RELS:
            return False
    return True


def spliced_source(doc: Document) -> str | None:
    """The input page with only what the filters changed replaced in place, or None.

    A mojibake repair or a translated word should not rebuild a whole CMS page (its
    ``<head>``, wrappers and every attribute would be lost): when the filters edited
    text, re-levelled headings (``<h3>`` → ``<h2>``: both tags renamed) and nothing
    else, each edited run of the source is replaced by its new text. Markup that keeps
    an otherwise safe page from passing through is cut out in place, each cut recorded
    as a ``sanitize`` removal: the elements the reader already removed (``<script>``,
    ``<iframe>``), ``<style>``, ``<noscript>``, ``<meta http-equiv>``, a stylesheet
    ``<link>``, event handlers and presentational attributes (``style``, ``target``,
    ``cellpadding``). The result is read back: it must pass the pass-through allow-list
    and have the cleaned document's structure and words, else the page is rebuilt."""
    if not _source_may_be_published(doc, splice=True):
        return None
    text = doc.source.text
    texts = [(node, False) for node in doc.texts()] + ([(doc.head_title, False)] if doc.head_title is not None else [])
    texts += [(text, True) for _, text in doc.alt_texts()]  # attribute values: quotes escaped too
    edits = sorted(
        (s.start, s.end, escape(s.text, quote=attr)) for node, attr in texts for s in node.text.spans if s.kind == "edit"
    )
    for h in walk_blocks(doc.blocks):
        if isinstance(h, Heading) and h.touched:
            renamed = _renamed_heading(text, h)
            if renamed is None:
                return None
            edits += renamed
    # the tokenizer runs only on a page whose every bit is published or cut out
    root = LexborHTMLParser(text).root
    if not doc.removed_markup and _safe_tree(root):
        dropped: list[tuple[int, int, str]] | None = []  # nothing to cut out: no tokenizer pass
    else:
        dropped = _droppable_markup(text) if _safe_tree(root, cut=True) else None
    if dropped is None:
        return None
    # every element cut out is one the parser sees: a "<script>" inside an attribute value
    # of a tag left open at the end is no element, and cutting it would leave that tag
    names = [_NAME.match(text, s) for s, _ in doc.removed_markup] + [_NAME.match(text, s) for s, _, _ in dropped]
    cut = Counter(m.group(1).lower() for m in names if m and m.group(1).lower() in _CUT_ELEMENTS)
    seen = Counter(n.tag for n in (root.traverse(include_text=False) if root is not None else ()) if n.tag in _CUT_ELEMENTS)
    if cut != seen:
        return None
    # (start, end, order, replacement or None for a cut, reason to record or None)
    pieces = [(s, e, 1, new, None) for s, e, new in edits]
    pieces += [(s, e, 0, None, None) for s, e in doc.removed_markup]  # recorded by the reader
    pieces += [(s, e, 0, None, reason) for s, e, reason in dropped]
    if not pieces:
        return None
    parts: list[str] = []
    pos = 0
    recorded: list[tuple[int, int, str]] = []
    for start, end, _, new, reason in sorted(pieces, key=lambda x: (x[0], -x[1], x[2], x[4] is not None)):
        if start < pos:
            if new is None and end <= pos:
                continue  # inside a cut out element (or that element itself, already recorded)
            return None  # two edits of one source run (inside one entity), or an edit in a cut: rebuild
        parts.append(text[pos:start])
        if new is not None:
            parts.append(new)
        elif reason:
            recorded.append((start, end, reason))
        pos = end
    parts.append(text[pos:])
    out = "".join(parts)
    if not _plain_markup(out) or _OPEN_AT_END.search(out) or not _safe_tree(LexborHTMLParser(out).root):
        return None
    from cleanup.readers.html import read_html
    from cleanup.source import Source

    again = read_html(Source(out))
    if again.changes or again.broken_markup:
        return None
    if _shape(again.blocks) != _shape(doc.blocks) or again.visible_text() != doc.visible_text():
        return None
    if (again.head_title and again.head_title.value) != (doc.head_title and doc.head_title.value):
        return None
    for start, end, reason in recorded:
        if not any(c.filter == "sanitize" and c.start == doc.source.to_input(start) for c in doc.changes):
            doc.record("sanitize", "removed", start, end, None, reason=reason)
    return out


_OPEN_AT_END = LazyPattern(r"<[A-Za-z/!?][^>]*\Z")  # a tag never closed: the parser drops it
_NAME = LazyPattern(r"<([A-Za-z][^\s/>]*)")
_CUT_ELEMENTS = frozenset({"script", "iframe", "object", "embed", "frame", "applet", "style", "noscript"})
_HEADING_OPEN = LazyPattern(r"<h([1-6])(?=[\s/>])", regex.IGNORECASE)


def _renamed_heading(text: str, h: Heading) -> list[tuple[int, int, str]] | None:
    """The two tag edits that give a re-levelled heading its new level, or None."""
    from cleanup.structure_rules import source_range
    from cleanup.filters.structure import _html_element

    rng = source_range(h.children)
    if rng is None:
        return None
    start, end = _html_element(text, rng[0], rng[1])
    m = _HEADING_OPEN.match(text, start)
    close = regex.search(r"</h([1-6])\s*>\Z", text[max(start, end - 12) : end], regex.IGNORECASE)
    if m is None or close is None or m.group(1) != close.group(1):
        return None
    old = m.group(1)
    c0 = max(start, end - 12) + close.start()
    return [(m.start(), m.end(), f"<h{h.level}"), (c0, end, f"</h{h.level}>")] if int(old) != h.level else []


# attributes a published page may lose without a reader seeing a different article:
# presentation (inline styles, table layout) and CMS or framework noise
DROPPABLE_ATTRS = frozenset({
    "style", "target", "border", "cellpadding", "cellspacing", "bgcolor", "background", "valign", "align", "width",
    "height", "name", "amp", "⚡", "amp4email", "layout", "tabindex", "nowrap", "hspace", "vspace", "frameborder",
    "allowfullscreen", "color", "face", "nonce", "translate", "spellcheck", "prefix", "typeof", "property", "about",
    "resource", "vocab", "jsaction", "jscontroller", "jsname", "jsmodel", "referrerpolicy", "crossorigin",
})
# elements that hold no article text and are cut out whole
_DROPPED_ELEMENTS = {
    "style": "<style> is not published: the cleaned page keeps no style sheets",
    "noscript": "<noscript> is for browsers without scripts: not published",
}
_ATTRIBUTE = LazyPattern(r"""(\s+)([^\s/>=][^\s/>=]*)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?|\s*/""")


def _droppable_markup(text: str) -> list[tuple[int, int, str]] | None:
    """(start, end, reason) of markup a splice cuts out (see :func:`spliced_source`), or
    None when the standard library's tokenizer cannot read the page."""
    from html.parser import HTMLParser

    line_starts = [0] + [m.end() for m in regex.finditer(r"\n", text)]
    out: list[tuple[int, int, str]] = []
    open_at: dict[str, int] = {}

    class Scan(HTMLParser):
        def _at(self) -> int:
            line, col = self.getpos()
            return line_starts[line - 1] + col

        def handle_starttag(self, tag, attrs):
            self._tag(tag, attrs, void=False)

        def handle_startendtag(self, tag, attrs):
            self._tag(tag, attrs, void=True)

        def _tag(self, tag, attrs, void):
            start = self._at()
            raw = self.get_starttag_text() or ""
            if text[start : start + len(raw)] != raw:
                return
            values = {k: v or "" for k, v in attrs}
            if tag in _DROPPED_ELEMENTS and not void:
                open_at.setdefault(tag, start)
                return
            if tag == "meta" and "http-equiv" in values:
                out.append((start, start + len(raw), "<meta http-equiv> acts on the page (a refresh redirects): not published"))
                return
            if tag == "link" and not set(values.get("rel", "").lower().split()) <= LINK_RELS:
                out.append((start, start + len(raw), "a <link> that fetches (a style sheet, a preload) is not published"))
                return
            allowed = PASS_ATTRS.get(tag, set())
            pos = 1 + len(tag)
            while True:
                m = _ATTRIBUTE.match(raw, pos)
                if m is None or m.end() == pos:
                    break
                pos = m.end()
                name = (m.group(2) or "").lower()
                if not name or name in PASS_COMMON or name in allowed or name.startswith(("data-", "aria-")):
                    continue
                if name.startswith("on"):
                    reason = f"the event handler {name}= is active content and is never published"
                elif name in DROPPABLE_ATTRS:
                    reason = f"{name}= on <{tag}> is presentation or CMS markup, not on the published allow-list"
                else:
                    continue
                out.append((start + m.start(), start + m.end(), reason))

        def handle_endtag(self, tag):
            if tag in open_at:
                start = open_at.pop(tag)
                end = text.find(">", self._at())
                if end != -1:
                    out.append((start, end + 1, _DROPPED_ELEMENTS[tag]))

    scan = Scan(convert_charrefs=False)
    try:
        scan.feed(text)
        scan.close()
    except Exception:  # noqa: BLE001 - a page the scan cannot read is rebuilt, not spliced
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
