"""Review page: one self-contained HTML file showing a cleaned article and every change.

``render(result)`` returns a complete page (inline CSS, no script, no external
asset, a strict Content-Security-Policy) with:

- the cleaned article, every change marked where it happened: a ``<mark>`` per
  change, colour-coded by filter and carrying a text tag (symbol + filter name), so
  colour is never the only signal; hovering or focusing a mark (they are in the Tab
  order) shows filter, action, before → after, confidence and reason;
- a side panel: counts per filter and action, the unresolved flags (action
  ``flagged``) with their surrounding sentence and a link to the spot, the extracted
  metadata, and a list of every change linking to ``#change-N``;
- the ORIGINAL input in a ``<details>`` toggle with the same changes marked at
  their exact input offsets (``change.start``/``change.end``);
- a print stylesheet that expands the original and prints before → after inline.

How marks find their place in the cleaned article: the page renders the final
:class:`~cleanup.document.Document` (``result.document``) itself instead of
re-parsing the Markdown output and searching for ``after`` strings. Every text
node keeps its :class:`~cleanup.mapped.MappedText` spans, which say which source
range each piece of the current text stands for; a change's input offsets are
mapped to source offsets and matched against those spans, so the mark covers
exactly the text the change produced (an edit span) or flagged (a verbatim span).
A deletion leaves an empty edit span and is shown as a small "−" tag at its place.
Limits: a change whose source range is no longer in the document (a removed
block, text moved into metadata) is shown as a separate marker before the next
block that follows it in the input; a change spanning several text nodes is
highlighted in each, with the id, tag and details on the first piece; two
changes that overlap without nesting are clipped to nest. The article is rendered
by this module (HTML semantics of the model), so Markdown-only details such as
escapes or list markers show in the output file, not on the page.

Safety: all article text and attribute values are escaped; only absolute
http(s) links stay active (with ``rel="noopener noreferrer"`` and
``target="_blank"``); other links become inert text; images are never loaded
(shown as a labelled placeholder); raw HTML blocks are sanitized with nh3 without
links, images, ids or classes. The output is deterministic: same result, same bytes.
"""

from __future__ import annotations

import bisect
import json
import unicodedata
import zlib
from collections import Counter
from html import escape
from typing import Any

import nh3
import regex

from cleanup.document import (
    ACTIONS,
    Block,
    Break,
    Change,
    Code,
    CodeSpan,
    Container,
    Document,
    Emphasis,
    Heading,
    Image,
    Inline,
    Link,
    ListBlock,
    ListItem,
    Markup,
    Paragraph,
    Quote,
    Raw,
    RawInline,
    Rule,
    Strong,
    Table,
    Text,
)
from cleanup.urls import url_scheme

__all__ = ["render", "CSP"]

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

# fixed hues for the filters the project ships; any other filter gets a hue from its name
FILTER_HUES = {
    "encoding": 210,
    "anchors": 280,
    "boilerplate": 30,
    "structure": 140,
    "chinese": 0,
    "stray": 330,
}
KIND_SYMBOL = {"replace": "→", "insert": "+", "delete": "−", "flag": "?"}
KIND_WORD = {"replace": "replaced", "insert": "inserted", "delete": "deleted", "flag": "flagged"}
METADATA_KEYS = ("title", "source", "original_url", "credit")
TIP_LIMIT = 300
NAV_LIMIT = 60
_SLUG = regex.compile(r"[^a-z0-9]+")
_SENTENCE_END = regex.compile(r"[.!?。！？;；\n]")
_RAW_TAGS = {
    "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em", "figcaption", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "ins", "kbd", "li", "ol", "p", "pre", "q", "s",
    "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}


# --- small helpers ---------------------------------------------------------------


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _slug(name: str) -> str:
    return _SLUG.sub("-", name.lower()).strip("-") or "x"


def _hue(name: str) -> int:
    if name in FILTER_HUES:
        return FILTER_HUES[name]
    return zlib.crc32(name.encode("utf-8")) % 360


def _kind(c: Change) -> str:
    if c.action == "flagged":
        return "flag"
    if not c.before:
        return "insert"
    if not c.after:
        return "delete"
    return "replace"


def _invisible(ch: str) -> bool:
    return ch not in "\n\t " and (unicodedata.category(ch) in ("Cf", "Cc", "Co", "Cn", "Zl", "Zp") or ch == "\u00a0")


def _shown(text: str | None, limit: int = TIP_LIMIT) -> str:
    """Escaped text with invisible characters spelled out (U+200B) and long text cut."""
    if text is None:
        return "<i>(none)</i>"
    if text == "":
        return "<i>(nothing)</i>"
    cut = len(text) > limit
    text = text[:limit]
    out = []
    for ch in text:
        if ch == "\n":
            out.append('<span class="inv">⏎</span>')
        elif _invisible(ch):
            out.append(f'<span class="inv">U+{ord(ch):04X}</span>')
        else:
            out.append(escape(ch, quote=False))
    return '<span class="val">' + "".join(out) + ("…" if cut else "") + "</span>"


def _plain(text: str | None, limit: int = NAV_LIMIT) -> str:
    """Short one-line form for lists (escaped)."""
    if text is None:
        return "(none)"
    if text == "":
        return "(nothing)"
    s = "".join(f"U+{ord(ch):04X}" if _invisible(ch) else ch for ch in text.replace("\n", "⏎"))
    if len(s) > limit:
        s = s[: limit - 1] + "…"
    return "“" + escape(s, quote=False) + "”"


def _visible_text(text: str) -> str:
    """Escaped text for the original view, invisible characters made visible."""
    if not any(_invisible(ch) for ch in text):
        return escape(text, quote=False)
    return "".join(
        f'<span class="inv">U+{ord(ch):04X}</span>' if _invisible(ch) else escape(ch, quote=False) for ch in text
    )


def _active_href(href: str) -> bool:
    return url_scheme(href) in ("http", "https") and "//" in href[:12]


def _safe_attrs(attrs: dict[str, str] | None) -> str:
    """Only language and direction survive from the input (ids and classes could clash)."""
    if not attrs:
        return ""
    return "".join(f' {k}="{_e(v)}"' for k, v in attrs.items() if k in ("lang", "dir"))


# --- locating changes -----------------------------------------------------------


class _Mark:
    __slots__ = ("n", "change", "kind", "first")

    def __init__(self, n: int, change: Change, kind: str, first: bool):
        self.n, self.change, self.kind, self.first = n, change, kind, first


def _input_to_source(doc: Document, offset: int) -> int:
    """Normalized-source offset of an input offset (inverse of ``Source.to_input``)."""
    source = doc.source
    if source.text == source.input:
        return offset
    lo, hi = 0, len(source.text)
    while lo < hi:  # smallest s with to_input(s) >= offset
        mid = (lo + hi) // 2
        if source.to_input(mid) < offset:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _locate(doc: Document, changes: list[Change]) -> tuple[dict[int, list], list[int]]:
    """Pieces of the current text each change covers: ``{id(node): [(i, j, n)]}`` and
    the numbers of changes found in no text node."""
    nodes = doc.texts()
    flat: list[tuple[int, int, int, int, int, str]] = []  # start, end, node#, text pos, len, kind
    for k, node in enumerate(nodes):
        pos = 0
        for s in node.text.spans:
            flat.append((s.start, s.end, k, pos, len(s.text), s.kind))
            pos += len(s.text)
    flat.sort(key=lambda t: (t[0], t[1], t[2], t[3]))
    starts = [t[0] for t in flat]
    reach: list[int] = []
    best = -1
    for t in flat:
        best = max(best, t[1])
        reach.append(best)

    pieces: dict[int, list] = {}
    unplaced: list[int] = []
    for n, c in enumerate(changes, 1):
        s, e = _input_to_source(doc, c.start), _input_to_source(doc, c.end)
        hi = bisect.bisect_right(starts, e)
        found: list[tuple[int, int, int, int]] = []  # node#, i, j, 1 for verbatim text
        idx = hi - 1
        while idx >= 0 and reach[idx] >= s:
            a0, b0, k, pos, length, kind = flat[idx]
            idx -= 1
            if kind == "same":
                if s < e:
                    a, b = max(s, a0), min(e, b0)
                    if a < b:
                        found.append((k, pos + a - a0, pos + b - a0, 1))
                elif a0 <= s <= b0:
                    found.append((k, pos + s - a0, pos + s - a0, 1))
            elif a0 == b0:  # text with no source of its own (an insertion)
                if (s == e == a0) or (s <= a0 < e):
                    found.append((k, pos, pos + length, 0))
            elif (a0 < e and s < b0) or (s == e and a0 <= s <= b0):
                found.append((k, pos, pos + length, 0))
        if not found:
            unplaced.append(n)
            continue
        if s == e:  # a point: one place only, text a filter wrote before verbatim text
            found = [min(found, key=lambda f: (f[3], f[0], f[1]))]
        found.sort()
        merged: list[list[int]] = []
        for k, i, j, _ in found:
            if merged and merged[-1][0] == k and merged[-1][2] >= i:
                merged[-1][2] = max(merged[-1][2], j)
            else:
                merged.append([k, i, j])
        kind = _kind(c)
        for m, (k, i, j) in enumerate(merged):
            pieces.setdefault(id(nodes[k]), []).append((i, j, _Mark(n, c, kind, m == 0)))
    return pieces, unplaced


# --- marks -----------------------------------------------------------------------


def _tip(n: int, c: Change, line: int, col: int) -> str:
    conf = f"{c.confidence:.2f}" if c.confidence is not None else "—"
    parts = [
        f'<span class="tip-head"><b>{_e(c.filter)}</b> · {_e(c.action)} · #{n} · line {line}:{col}</span>',
        f'<span class="tip-diff"><span class="vh">before: </span><del>{_shown(c.before)}</del> → '
        f'<span class="vh">after: </span><ins>{_shown(c.after)}</ins></span>',
        f'<span class="tip-meta">confidence {conf}'
        + (f" · lang {_e(c.lang)}" if c.lang else "")
        + "</span>",
    ]
    if c.reason:
        parts.append(f'<span class="tip-reason">{_e(c.reason)}</span>')
    return f'<span class="tip" role="tooltip" id="{{prefix}}tip-{n}">' + "".join(parts) + "</span>"


class _Marker:
    """Opening and closing tags for the marks of one page."""

    def __init__(self, changes: list[Change], positions: list[tuple[int, int]]):
        self.changes = changes
        self.positions = positions
        self.tips = {n: _tip(n, c, *positions[n - 1]) for n, c in enumerate(changes, 1)}

    def _data(self, n: int, c: Change, kind: str) -> str:
        return (
            f' data-change="{n}" data-filter="{_e(c.filter)}" data-action="{_e(c.action)}"'
            f' data-kind="{kind}" data-start="{c.start}" data-end="{c.end}"'
        )

    def tag(self, c: Change, kind: str) -> str:
        return f'<span class="tag" aria-hidden="true">{KIND_SYMBOL[kind]}\u2009{_e(c.filter)}</span>'

    def open(self, mark: _Mark, *, prefix: str = "", point: bool = False) -> str:
        c, n, kind = mark.change, mark.n, mark.kind
        cls = f"f-{_slug(c.filter)} k-{kind}" + (" point" if point else "")
        if not mark.first:
            return f'<mark class="chg-cont {cls}" data-change-ref="{n}">'
        ident = f"{prefix}change-{n}"
        return (
            f'<mark class="chg {cls}" id="{ident}" tabindex="0" aria-describedby="{prefix}tip-{n}"'
            f"{self._data(n, c, kind)}>" + self.tag(c, kind)
        )

    def close(self, mark: _Mark, *, prefix: str = "") -> str:
        if not mark.first:
            return "</mark>"
        return self.tips[mark.n].replace("{prefix}", prefix) + "</mark>"


def _render_marked(text: str, pieces: list[tuple[int, int, _Mark]], marker: _Marker, esc, prefix: str = "") -> str:
    """``text`` escaped with ``esc``, marks opened and closed around the pieces
    (pieces that overlap without nesting are clipped so they nest)."""
    if not pieces:
        return esc(text)
    out: list[str] = []
    pos = 0
    stack: list[tuple[int, _Mark]] = []
    for i, j, mark in sorted(pieces, key=lambda p: (p[0], -p[1], p[2].n)):
        while stack and stack[-1][0] <= i:
            end, m = stack.pop()
            out.append(esc(text[pos:end]))
            pos = end
            out.append(marker.close(m, prefix=prefix))
        i = max(i, pos)
        out.append(esc(text[pos:i]))
        pos = i
        if stack:
            j = min(j, stack[-1][0])
        j = max(i, j)
        if i == j:
            out.append(marker.open(mark, prefix=prefix, point=True) + marker.close(mark, prefix=prefix))
        else:
            out.append(marker.open(mark, prefix=prefix))
            stack.append((j, mark))
    while stack:
        end, m = stack.pop()
        out.append(esc(text[pos:end]))
        pos = end
        out.append(marker.close(m, prefix=prefix))
    out.append(esc(text[pos:]))
    return "".join(out)


# --- the cleaned article ------------------------------------------------------------


class _ArticleRenderer:
    def __init__(self, doc: Document, pieces: dict[int, list], marker: _Marker):
        self.doc = doc
        self.pieces = pieces
        self.marker = marker

    def _esc(self, text: str) -> str:
        return escape(text, quote=False)

    def block(self, b: Block | ListItem) -> str:
        a = _safe_attrs(getattr(b, "attrs", None))
        if isinstance(b, Heading):
            level = min(max(b.level, 1), 6)
            return f"<h{level}{a}>{self.inlines(b.children)}</h{level}>"
        if isinstance(b, Paragraph):
            return f"<p{a}>{self.inlines(b.children)}</p>"
        if isinstance(b, ListBlock):
            tag = "ol" if b.ordered else "ul"
            start = f' start="{int(b.start)}"' if b.ordered and b.start != 1 else ""
            items = "\n".join(self.item(i, b.tight) for i in b.items)
            return f"<{tag}{start}{a}>\n{items}\n</{tag}>"
        if isinstance(b, Quote):
            return f"<blockquote{a}>\n" + "\n".join(self.block(c) for c in b.blocks) + "\n</blockquote>"
        if isinstance(b, Container):
            return f'<div class="{b.tag}">\n' + "\n".join(self.block(c) for c in b.blocks) + "\n</div>"
        if isinstance(b, Code):
            return f"<pre{a}><code>{self._esc(b.code)}</code></pre>"
        if isinstance(b, Rule):
            return f"<hr{a}>"
        if isinstance(b, Table):
            head = "".join(f"<th>{self.inlines(c)}</th>" for c in b.header)
            rows = "".join("<tr>" + "".join(f"<td>{self.inlines(c)}</td>" for c in r) + "</tr>\n" for r in b.rows)
            thead = f"<thead>\n<tr>{head}</tr>\n</thead>\n" if b.header else ""
            return f"<table{a}>\n{thead}<tbody>\n{rows}</tbody>\n</table>"
        if isinstance(b, Raw):
            return f'<div class="raw"{a}>{_sanitize_raw(b.html)}</div>'
        return ""

    def item(self, item: ListItem, tight: bool) -> str:
        a = _safe_attrs(item.attrs)
        if tight and all(isinstance(c, Paragraph) for c in item.blocks):
            inner = "\n".join(self.inlines(c.children) for c in item.blocks)  # type: ignore[union-attr]
        else:
            inner = "\n".join(self.block(c) for c in item.blocks)
        return f"<li{a}>{inner}</li>"

    def inlines(self, nodes: list[Inline]) -> str:
        return "".join(self.inline(n) for n in nodes)

    def inline(self, node: Inline) -> str:
        if isinstance(node, Text):
            text = _render_marked(node.value, self.pieces.get(id(node), []), self.marker, self._esc)
            return f'<span lang="{_e(node.lang)}">{text}</span>' if node.lang else text
        if isinstance(node, Break):
            return "<br>" if node.hard else "\n"
        if isinstance(node, CodeSpan):
            return f"<code>{self._esc(node.code)}</code>"
        if isinstance(node, Link):
            inner = self.inlines(node.children) or self._esc(node.href)
            title = f' title="{_e(node.title)}"' if node.title else ""
            if _active_href(node.href):
                return f'<a href="{_e(node.href)}"{title} rel="noopener noreferrer" target="_blank">{inner}</a>'
            return (
                f'<span class="link-off">{inner}<span class="link-off-href"> (inactive link: '
                f"{self._esc(node.href)})</span></span>"
            )
        if isinstance(node, Image):
            return (
                f'<span class="img-off" role="img" aria-label="image: {_e(node.alt)}">[image: '
                f'{self._esc(node.alt or "no description")}<span class="link-off-href"> {self._esc(node.url[:200])}'
                "</span>]</span>"
            )
        if isinstance(node, Emphasis):
            return f"<em>{self.inlines(node.children)}</em>"
        if isinstance(node, Strong):
            return f"<strong>{self.inlines(node.children)}</strong>"
        if isinstance(node, Markup):
            return f"<{node.tag}>{self.inlines(node.children)}</{node.tag}>"
        if isinstance(node, RawInline):
            return f'<code class="raw-inline">{self._esc(node.html)}</code>'
        return ""

    def render(self, unplaced: list[int], changes: list[Change]) -> str:
        """Top-level blocks, with changes that have no place left in the text shown as
        markers before the first block that follows them in the source."""
        gaps: dict[int, list[int]] = {}
        block_starts = [(k, b.src[0]) for k, b in enumerate(self.doc.blocks) if getattr(b, "src", None)]
        for n in unplaced:
            c = changes[n - 1]
            at = _input_to_source(self.doc, c.end)
            where = next((k for k, s in block_starts if s >= at), len(self.doc.blocks))
            gaps.setdefault(where, []).append(n)
        out: list[str] = []
        for k in range(len(self.doc.blocks) + 1):
            for n in gaps.get(k, ()):
                c = changes[n - 1]
                mark = _Mark(n, c, _kind(c), True)
                out.append(
                    '<p class="gap">'
                    + self.marker.open(mark, point=True)
                    + f'<span class="gap-what">{_e(c.filter)} {_e(c.action)}: <del>{_shown(c.before, 200)}</del></span>'
                    + self.marker.close(mark)
                    + "</p>"
                )
            if k < len(self.doc.blocks):
                out.append(self.block(self.doc.blocks[k]))
        return "\n".join(out)


def _sanitize_raw(html: str) -> str:
    return nh3.clean(
        html,
        tags=_RAW_TAGS,
        clean_content_tags={"script", "style"},
        attributes={"*": {"lang", "dir"}},
        strip_comments=True,
        link_rel=None,
    )


# --- the original input ---------------------------------------------------------------


def _original(source_input: str, changes: list[Change], marker: _Marker) -> str:
    pieces = [(c.start, c.end, _Mark(n, c, _kind(c), True)) for n, c in enumerate(changes, 1)]
    return _render_marked(source_input, pieces, marker, _visible_text, prefix="orig-")


# --- side panel -----------------------------------------------------------------------


def _counts(changes: list[Change]) -> str:
    if not changes:
        return '<p class="none">No changes.</p>'
    by = Counter((c.filter, c.action) for c in changes)
    order = {a: k for k, a in enumerate(ACTIONS)}
    rows = []
    for f in sorted({c.filter for c in changes}):
        actions = sorted({a for g, a in by if g == f}, key=lambda a: (order.get(a, len(order)), a))
        total = sum(by[(f, a)] for a in actions)
        head = (
            f'<th scope="rowgroup" rowspan="{len(actions) + 1}"><span class="swatch f-{_slug(f)}" aria-hidden="true">'
            f"</span>{_e(f)}</th>"
        )
        rows.append(f'<tbody data-filter="{_e(f)}">')
        for k, a in enumerate(actions):
            rows.append(f"<tr>{head if k == 0 else ''}<td>{_e(a)}</td><td>{by[(f, a)]}</td></tr>")
        rows.append(f'<tr class="sub"><td>all</td><td>{total}</td></tr></tbody>')
    flags = sum(1 for c in changes if c.action == "flagged")
    return (
        '<table class="counts"><caption>Changes per filter and action</caption>'
        '<thead><tr><th scope="col">filter</th><th scope="col">action</th><th scope="col">count</th></tr></thead>'
        + "".join(rows)
        + f'<tfoot><tr><th scope="row" colspan="2">all changes (of which flags)</th>'
        f"<td>{len(changes)} ({flags})</td></tr></tfoot></table>"
    )


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around input[start:end], the flagged part emphasized (escaped)."""
    lo = start
    floor = max(0, start - 400)
    while lo > floor and not _SENTENCE_END.match(text[lo - 1]):
        lo -= 1
    hi = end
    ceil = min(len(text), end + 400)
    while hi < ceil and not _SENTENCE_END.match(text[hi]):
        hi += 1
    if hi < len(text) and text[hi] != "\n":
        hi += 1
    before, part, after = text[lo:start].lstrip(), text[start:end], text[end:hi].rstrip()
    return (
        ("…" if lo == floor and floor > 0 else "")
        + _visible_text(before)
        + f'<strong class="flagged-text">{_visible_text(part) or "‸"}</strong>'
        + _visible_text(after)
    )


def _flags(changes: list[Change], positions: list[tuple[int, int]], source_input: str) -> str:
    flagged = [(n, c) for n, c in enumerate(changes, 1) if c.action == "flagged"]
    if not flagged:
        return '<p class="none">No unresolved flags.</p>'
    items = []
    for n, c in flagged:
        line, col = positions[n - 1]
        suggestion = f" · suggestion {_plain(c.after)}" if c.after else ""
        reason = f'<span class="reason">{_e(c.reason)}</span>' if c.reason else ""
        items.append(
            f'<li class="flag f-{_slug(c.filter)}" data-change="{n}"><a href="#change-{n}">#{n} · line {line}:{col}</a>'
            f" <span class=\"tagtext\">? {_e(c.filter)}</span>{suggestion}"
            f'<blockquote class="context">{_sentence(source_input, c.start, c.end)}</blockquote>{reason}</li>'
        )
    return '<ol class="flags">' + "\n".join(items) + "</ol>"


def _meta_value(key: str, value: Any) -> str:
    if not isinstance(value, str):
        return f"<code>{_e(json.dumps(value, ensure_ascii=False, sort_keys=True, default=str))}</code>"
    if key.endswith("url") and _active_href(value):
        return f'<a href="{_e(value)}" rel="noopener noreferrer" target="_blank">{_e(value)}</a>'
    return _e(value)


def _metadata(result: Any) -> str:
    meta = dict(result.metadata or {})
    doc = result.document
    if doc.title and "title" not in meta:
        meta["title"] = doc.title
    rows = []
    for key in METADATA_KEYS:
        value = meta.pop(key, None)
        shown = _meta_value(key, value) if value not in (None, "") else '<span class="none">—</span>'
        rows.append(f'<div data-key="{_e(key)}"><dt>{_e(key.replace("_", " "))}</dt><dd>{shown}</dd></div>')
    for key in sorted(meta, key=str):
        rows.append(f'<div data-key="{_e(key)}"><dt>{_e(key)}</dt><dd>{_meta_value(str(key), meta[key])}</dd></div>')
    rows.append(f'<div data-key="language"><dt>language</dt><dd>{_e(result.language or "unknown")}</dd></div>')
    rows.append(
        f'<div data-key="format"><dt>format</dt><dd>{_e(doc.format)} in → {_e(result.format)} out</dd></div>'
    )
    return '<dl class="meta">' + "".join(rows) + "</dl>"


def _nav(changes: list[Change], positions: list[tuple[int, int]]) -> str:
    if not changes:
        return '<p class="none">No changes.</p>'
    items = []
    for n, c in enumerate(changes, 1):
        line, col = positions[n - 1]
        kind = _kind(c)
        items.append(
            f'<li class="f-{_slug(c.filter)} k-{kind}"><a href="#change-{n}">#{n} '
            f'<span class="tagtext">{KIND_SYMBOL[kind]} {_e(c.filter)}</span> {_e(c.action)} '
            f"{_plain(c.before)} → {_plain(c.after)}</a> "
            f'<a class="to-orig" href="#orig-change-{n}">line {line}:{col}<span class="vh"> in the original</span></a></li>'
        )
    return '<ol class="changes">' + "\n".join(items) + "</ol>"


# --- the page ---------------------------------------------------------------------------


def _css(filters: list[str]) -> str:
    colours = "\n".join(
        f".f-{_slug(f)}{{--c:hsl({_hue(f)} 85% 87%);--cd:hsl({_hue(f)} 65% 28%)}}" for f in filters
    )
    return CSS + colours + "\n"


CSS = """
:root{--fg:#1a1a1a;--bg:#fff;--muted:#555;--line:#ccc;--c:#eee;--cd:#333;color-scheme:light}
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK SC",sans-serif;color:var(--fg);background:var(--bg)}
a{color:#0645ad}
a:focus-visible,mark.chg:focus-visible,summary:focus-visible{outline:3px solid #000;outline-offset:2px}
.skip{position:absolute;left:-999em}
.skip:focus{position:static;left:auto}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
header.page{padding:.8rem 1.2rem;border-bottom:2px solid var(--line);background:#f6f6f6}
header.page h1{margin:.2rem 0;font-size:1.35rem}
header.page p{margin:.2rem 0;color:var(--muted)}
.skiplinks ul{list-style:none;margin:.3rem 0 0;padding:0;display:flex;flex-wrap:wrap;gap:.3rem 1rem;font-size:.9rem}
.layout{display:grid;grid-template-columns:minmax(0,1fr) 22rem;gap:1.5rem;padding:1rem 1.2rem;max-width:80rem}
@media (max-width:60rem){.layout{grid-template-columns:minmax(0,1fr)}}
main section{margin-bottom:2rem}
h2{font-size:1.1rem;border-bottom:1px solid var(--line);padding-bottom:.2rem}
article.cleaned{max-width:46rem}
article.cleaned table{border-collapse:collapse}article.cleaned th,article.cleaned td{border:1px solid var(--line);padding:.15rem .4rem}
article.cleaned pre{background:#f6f6f6;padding:.5rem;overflow-x:auto}
article.cleaned h1{font-size:1.6rem}article.cleaned h2{font-size:1.3rem;border:0}article.cleaned h3{font-size:1.1rem}
aside{font-size:.92rem}
aside section{margin-bottom:1.5rem}
mark{background:none;color:inherit}
mark.chg,mark.chg-cont{position:relative;background:var(--c);border-bottom:2px solid var(--cd);padding:0 .1em;border-radius:2px}
mark.k-delete{border-bottom-style:dashed}
mark.k-insert{border-bottom-style:double;border-bottom-width:3px}
mark.k-flag{border-bottom-style:dotted;text-decoration:underline wavy var(--cd);text-underline-offset:.25em}
mark.point{padding:0}
.tag,.tagtext{font:600 .68rem/1.2 ui-monospace,Menlo,Consolas,monospace;color:#fff;background:var(--cd);padding:0 .25em;border-radius:2px;white-space:nowrap}
.tag{margin-right:.15em;vertical-align:.15em}
.tip{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap;left:0;top:100%}
mark.chg:hover>.tip,mark.chg:focus>.tip{width:max-content;max-width:min(32rem,90vw);height:auto;clip-path:none;overflow:visible;white-space:normal;z-index:10;
 background:#fff;color:#111;border:2px solid var(--cd);border-radius:4px;padding:.4rem .6rem;box-shadow:0 2px 8px rgba(0,0,0,.25);font:14px/1.4 system-ui,sans-serif;text-align:left}
.tip>span{display:block}
.val{border:1px solid #bbb;border-radius:2px;padding:0 .2em;white-space:pre-wrap}
.tip del{background:#fde2e2;text-decoration:line-through}
.tip ins{background:#dff5df;text-decoration:none}
.tip-reason,.tip-meta{color:#444}
.inv{font:600 .7em ui-monospace,monospace;border:1px solid #888;border-radius:2px;padding:0 .15em;color:#333;background:#fff}
p.gap{margin:.4rem 0;font-size:.9rem}
.gap-what del{text-decoration:line-through;color:#555}
.link-off{text-decoration:underline dotted}
.link-off-href{color:var(--muted);font-size:.8em}
.img-off{border:1px dashed #999;padding:0 .2em}
.raw{border-left:3px solid #ddd;padding-left:.5rem}
pre.orig{white-space:pre-wrap;overflow-wrap:anywhere;font:14px/1.5 ui-monospace,Menlo,Consolas,"Noto Sans Mono CJK SC",monospace;background:#fafafa;border:1px solid var(--line);padding:.6rem}
details>summary{cursor:pointer;font-weight:600}
table.counts{border-collapse:collapse;width:100%}
table.counts caption{text-align:left;color:var(--muted);font-size:.85rem}
table.counts th,table.counts td{border:1px solid var(--line);padding:.15rem .35rem;text-align:left;vertical-align:top}
table.counts td:last-child{text-align:right}
table.counts tr.sub td{color:var(--muted);font-size:.85em}
.reason{display:block;color:var(--muted)}
.swatch{display:inline-block;width:.8em;height:.8em;background:var(--c);border:2px solid var(--cd);margin-right:.3em;vertical-align:-.05em}
ol.changes,ol.flags{padding-left:1.4rem}
ol.changes li,ol.flags li{margin:.25rem 0}
.context{margin:.2rem 0;padding:.2rem .5rem;border-left:3px solid var(--cd);background:#fafafa}
.flagged-text{background:var(--c);text-decoration:underline wavy var(--cd)}
dl.meta div{display:grid;grid-template-columns:7rem minmax(0,1fr);gap:.5rem}
dl.meta dt{font-weight:600}dl.meta dd{margin:0;overflow-wrap:anywhere}
.none{color:var(--muted)}
.legend{font-size:.85rem;color:var(--muted)}
@media print{
 body{font-size:11pt}
 .skiplinks,.skip,a.to-orig{display:none}
 .layout{display:block;padding:0}
 header.page{background:none}
 details::details-content{content-visibility:visible;display:contents}
 details>summary{list-style:none}
 .tip,mark.chg:hover>.tip,mark.chg:focus>.tip{position:static;display:inline;width:auto;height:auto;clip-path:none;overflow:visible;white-space:normal;
  border:0;box-shadow:none;padding:0;background:none;font-size:.75em;color:#333}
 .tip::before{content:" ["}.tip::after{content:"]"}
 .tip>span{display:inline}.tip>span+span::before{content:" · "}
 .tag,.tagtext,mark.chg,mark.chg-cont{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 a[href^="http"]::after{content:" <" attr(href) ">";font-size:.8em}
 a[href^="#"]{text-decoration:none;color:inherit}
}
"""


def render(result: Any, *, name: str | None = None) -> str:
    """The review page for ``result`` (a :class:`cleanup.api.Result`) as one HTML string.

    ``name`` (for example the input file name) is shown in the header. The page is
    self-contained and deterministic: no script, no external asset, no timestamp.
    """
    doc: Document = result.document
    changes: list[Change] = list(result.changes)
    source_input = doc.source.input
    positions = [doc.source.line_col(c.start) for c in changes]
    marker = _Marker(changes, positions)
    pieces, unplaced = _locate(doc, changes)
    article = _ArticleRenderer(doc, pieces, marker).render(unplaced, changes)
    original = _original(source_input, changes, marker)

    filters = sorted({c.filter for c in changes})
    title = str((result.metadata or {}).get("title") or doc.title or "")
    flags = sum(1 for c in changes if c.action == "flagged")
    by_action = Counter(c.action for c in changes if c.action != "flagged")
    actions = ", ".join(f"{by_action[a]} {a}" for a in sorted(by_action))
    edits = len(changes) - flags
    summary = (
        f"{len(changes)} change{'s' * (len(changes) != 1)}: {edits} edit{'s' * (edits != 1)}"
        + (f" ({actions})" if actions else "")
        + f" and {flags} unresolved flag{'s' * (flags != 1)}"
        if changes
        else "No changes and no flags: the article came out as it went in."
    )
    lang = result.language or doc.language
    lang_attr = f' lang="{_e(lang)}"' if lang else ""
    legend = " · ".join(f"{sym} {KIND_WORD[k]}" for k, sym in KIND_SYMBOL.items())
    heading = f"Review: {_e(title)}" if title else "Review: untitled article"
    name_line = f"<p>Input: <code>{_e(name)}</code></p>" if name else ""

    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{_e(CSP)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="article-cleanup review">
<title>{"Review — " + _e(title) if title else "Review — article-cleanup"}</title>
<style>{_css(filters)}</style>
</head>
<body>
<a class="skip" href="#article">Skip to the cleaned article</a>
<header class="page">
<h1>{heading}</h1>
{name_line}<p class="summary">{_e(summary)}</p>
<nav class="skiplinks" aria-label="Sections"><ul>
<li><a href="#article">Cleaned article</a></li>
<li><a href="#flags">Flags ({flags})</a></li>
<li><a href="#changes">All changes ({len(changes)})</a></li>
<li><a href="#metadata">Metadata</a></li>
<li><a href="#original">Original input</a></li>
</ul></nav>
</header>
<div class="layout">
<main id="main">
<section id="article" aria-labelledby="article-h">
<h2 id="article-h">Cleaned article</h2>
<p class="legend">Marks: {_e(legend)}, each tagged with its filter. Hover, or Tab to a mark, for details.</p>
<article class="cleaned"{lang_attr}>
{article}
</article>
</section>
<section id="original" aria-labelledby="original-h">
<h2 id="original-h">Original input</h2>
<details>
<summary>Show the original input with the same changes marked</summary>
<pre class="orig"{lang_attr}>{original}</pre>
</details>
</section>
</main>
<aside aria-label="Review summary">
<section id="counts" aria-labelledby="counts-h">
<h2 id="counts-h">Counts</h2>
{_counts(changes)}
</section>
<section id="flags" aria-labelledby="flags-h">
<h2 id="flags-h">Unresolved flags ({flags})</h2>
{_flags(changes, positions, source_input)}
</section>
<section id="metadata" aria-labelledby="metadata-h">
<h2 id="metadata-h">Metadata</h2>
{_metadata(result)}
</section>
<nav id="changes" aria-labelledby="changes-h">
<h2 id="changes-h">All changes ({len(changes)})</h2>
{_nav(changes, positions)}
</nav>
</aside>
</div>
</body>
</html>
"""
