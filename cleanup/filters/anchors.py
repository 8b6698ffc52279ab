"""Anchors filter: broken link debris in text, and unsafe or sloppy links.

Debris is what an extractor leaves when it cuts an ``<a>`` element or a Markdown
link in half. It is found in editable text only (code is never seen):

- a URL or slug tail ending in ``">`` / ``'>`` right before the anchor text
  (``…-in-hangzhou">Alibaba and DeepSeek Are Just Neighbors in Hangzhou``);
- an opening ``<a href="…">`` with or without ``</a>``, an orphan ``</a>``, an ``<a``
  fragment cut at the end of a line, the same in HTML-escaped form
  (``&lt;a href=&quot;…&quot;&gt;``), and bare ``href="…"`` attribute debris;
- an unclosed Markdown link ``[text](https://…`` and ``[text][ref]`` whose
  reference is never defined;
- across two lines: an ``<a href="…">`` (or a tail) ending a line whose anchor text
  and ``</a>`` are on the next, and an orphan ``](https://…)`` starting a line (its
  ``[text`` ending the line before, or lost).

``repair`` rebuilds a real link when the target is known or derivable: the full
URL is in the debris, a path resolves against the document's base, or a slug tail
is the end of the slugified anchor text and the document gives the site's article
base (an ``Original:``/``原文链接：`` URL, ``<base>``, the canonical URL, the
``base_url`` option, or other article URLs of the same shape). Otherwise the debris
is removed and the anchor text kept. ``strip`` always keeps only the text; ``flag``
changes nothing and reports.

Real links (HTML and Markdown input) are checked too: unsafe schemes
(``javascript:``, ``vbscript:``, ``data:`` …) are unwrapped and reported as
``removed`` in every mode (the writers never emit them anyway); relative URLs are
resolved when a base is known; empty anchors are dropped; adjacent anchors to the
same URL are merged; percent-encoded URL anchor text is decoded so it stays readable.

False-positive policy: a false fix costs more than a missed one. Tag-shaped debris
is left alone in text that talks about HTML, that holds other tags, or that uses
``example.com``-style URLs; a tail must look like a URL, a path or a slug.
"""

from __future__ import annotations

import copy
import html as html_lib
from collections import Counter
from dataclasses import dataclass
from urllib.parse import unquote, urljoin, urlsplit

import regex

from cleanup.document import (
    join_texts,
    CONTAINER_INLINES,
    Break,
    Document,
    Heading,
    Image,
    Inline,
    Link,
    Paragraph,
    Raw,
    RawInline,
    Text,
    TextContext,
    inline_lists,
    walk_blocks,
)
from cleanup.filters import Filter
from cleanup.filters.boilerplate import _LABELS as _FOOTER_LABELS
from cleanup.lazy_pattern import Alternation, LazyPattern
from cleanup.slug import is_slug, match_tail
from cleanup.urls import is_safe_url, url_scheme

NAME = "anchors"
MODES = ("repair", "strip", "flag")
BAD_MODE_TEXT = "anchors: unknown mode {value!r}; use one of repair, strip, flag"
MAX_ANCHOR_TEXT = 200
# per paragraph: more debris than this is not an article; it is flagged and left as it
# is (fixing the first N would leave the rest for the next run: not idempotent)
MAX_FIXES = 200
TOO_MUCH_DEBRIS = f"more than {MAX_FIXES} pieces of link debris in one paragraph: not an article, left as it is"

# --- patterns ---------------------------------------------------------------------
# Every quantifier is bounded or possessive: 100,000 "<a href=" fragments on one line
# are scanned in linear time.

_LT = r"(?:<|&lt;|&\#0{0,4}60;|&\#[xX]0{0,4}3[cC];)"
_GT = r"(?:>|&gt;|&\#0{0,4}62;|&\#[xX]0{0,4}3[eE];)"
_Q = r"(?:\"|'|&quot;|&apos;|&\#0{0,4}3[49];|&\#[xX]0{0,4}2[27];)"
_NOT_MARK = r"(?:quot;|apos;|gt;|lt;|\#0{0,4}(?:3[49]|6[02]);|\#[xX]0{0,4}(?:2[27]|3[cCeE]);)"
_UCH = r"(?:[^\s\"'<>&]|&(?!" + _NOT_MARK + r"))"  # a URL character (not a quote or bracket)
_SP = r"(?:\s|&nbsp;|&\#0{0,4}32;)"
_ACH = r"(?:[^<>\n&]|&(?!lt;|gt;|\#0{0,4}6[02];|\#[xX]0{0,4}3[cCeE];))"  # inside a tag, up to the next < or >

_NAME = r"[A-Za-z_:][-A-Za-z0-9_:.]{0,40}+"
# one attribute of a tag, complete: a value with no space in it (a bare name is not
# taken: ``<a Alibaba`` is more likely text than a tag) ...
_ATTR = (r"(?>" + _NAME + _SP + r"{0,5}+=" + _SP + r"{0,5}+(?:" + _Q + _UCH + r"{0,2000}+" + _Q + r"|"
         + _UCH + r"{1,2000}+))")
# ... or the last one, cut inside its quoted value
_OPEN_ATTR = r"(?>" + _NAME + _SP + r"{0,5}+=" + _SP + r"{0,5}+(?:" + _Q + _UCH + r"{0,2000}+)?)"

# most paragraphs have a ``[`` or ``>`` but no tag: each is scanned with only the kinds it can hold
_DEBRIS_KINDS = (  # (alternative, whether a text can hold it at all: a cheap test of its literals)
    # <a … href="URL" …>   (literal or escaped; text and </a> are looked for after it)
    (r"(?P<open>" + _LT + r"[aA]" + _SP + r"{1,20}+(?:" + _ACH + r"{0,300}?" + _SP + r")?href" + _SP + r"{0,5}=" + _SP
     + r"{0,5}(?P<oq>" + _Q + r")(?P<ohref>" + _UCH + r"{0,2000}+)(?P=oq)" + _ACH + r"{0,500}?" + _GT + r")",
     lambda v: "href" in v),
    # <a href="https://exa   cut at the end of a line or of the document, or right before
    # another <a (a tag that never closed) or a </a> (nothing was linked); words after an
    # open quote are not part of it
    (r"(?P<cut>" + _LT + r"[aA](?:" + _SP + r"{1,20}+" + _ATTR + r"){0,50}+(?:" + _SP + r"{1,20}+" + _OPEN_ATTR
     + r")?" + _SP + r"{0,20}+(?=\n|\Z|" + _LT + r"[aA](?![\p{L}\p{N}])|" + _LT + r"/[aA]" + _SP + r"{0,5}" + _GT + r"))",
     lambda v: "<" in v or "&" in v),
    # </a> with no opening tag
    (r"(?P<close>" + _LT + r"/[aA]" + _SP + r"{0,5}" + _GT + r")", lambda v: "<" in v or "&" in v),
    # href="URL"   attribute debris without its tag
    (r"(?P<href>(?<![\w<;&=/-])href" + _SP + r"{0,5}=" + _SP + r"{0,5}(?P<hq>" + _Q + r")(?P<hurl>" + _UCH
     + r"{1,2000}+)(?P=hq)(?P<hgt>" + _SP + r"{0,5}" + _GT + r")?)", lambda v: "href" in v),
    # …slug-tail">   the end of an href attribute, at a line start (after a quote marker too) or after a space, or
    # after a bracket/colon/comma that itself starts a word: ``(`` ``[`` ``:`` are URL
    # characters, so a start after any of them would rescan a run of them from each one
    (r"(?P<tail>(?:^|(?<=\s)|(?<=(?:^|[\s\"'<>])[(（\[【「『:：,，;；])|(?<=(?:^|\n)[ ]{0,3}>))(?P<turl>" + _UCH + r"{0,2000}+)" + _Q + _GT + r")",
     lambda v: ">" in v or "&" in v),
    # [text](javascript:…), ![alt](<javascript:…>)   a Markdown link or image the parser refused
    (r"(?P<mdfull>!?\[(?P<ftext>[^\[\]\n]{0,300}+)\]\((?P<furl><[^<>\n]{1,2000}+>|[^\s()<>]{1,2000}+"
     r"(?:\([^\s()<>]{0,200}+\)[^\s()<>]{0,2000}+)?)(?:\s{1,20}+\"[^\"\n]{0,300}+\")?\))", lambda v: "](" in v),
    # <javascript:…>   an autolink the parser refused
    (r"(?P<auto><(?P<aurl>[A-Za-z][A-Za-z0-9+.\-]{1,31}+:[^\s<>]{0,2000}+)>)", lambda v: "<" in v),
    # [text](https://…   a Markdown link never closed
    (r"(?P<md>\[(?P<mtext>[^\[\]\n]{1,300}+)\]\((?P<murl>(?:https?://|www\.)[^\s()<>\[\]]{1,2000}+)(?![()]))",
     lambda v: "](" in v),
    # [text][ref]   a reference link whose reference is never defined
    (r"(?P<ref>\[(?P<rtext>[^\[\]\n]{1,300}+)\]\[(?P<rname>[^\[\]\n]{0,100}+)\])", lambda v: "][" in v),
)
_DEBRIS = Alternation(_DEBRIS_KINDS)
_LINK_OR_NESTING = (RawInline, *CONTAINER_INLINES)  # CONTAINER_INLINES holds Link


_SINGLE_SLUG = LazyPattern(r"[\p{L}\p{N}\p{M}._~]{2,200}")
_ANY_LETTER = LazyPattern(r"\p{L}")
_NAME_WORD = LazyPattern(r"[\p{L}\p{N}]++")
_CLOSE = LazyPattern(_LT + r"/[aA]" + _SP + r"{0,5}" + _GT)
_OTHER_TAG = LazyPattern(
    _LT + r"/?(?![aA](?:\s|&nbsp;|/|>|&gt;))[a-zA-Z][a-zA-Z0-9]{0,15}+(?:\s|/|>|&gt;|&nbsp;)"
)
_HTML_TALK = LazyPattern(
    r"\b(?:x?html|markup|tags?|elements?|attributes?|snippets?|syntax|escap\w{0,5}|anchor\s+tags?|hyperlink\s+tags?"
    r"|etiquetas?|etikett\w{0,3}|balises?|теги?|тэги?)\b|标签|標籤|タグ|元素|属性|標記",
    regex.IGNORECASE,
)
_QUOTE_PREFIX = LazyPattern(r"[ ]{0,3}+(?:>[ ]?+)++")
_EXAMPLE_HOST = LazyPattern(r"(?:^|\.)(?:example\.(?:com|org|net)|localhost|test|invalid)$", regex.IGNORECASE)
_LETTER = LazyPattern(r"[\p{L}\p{N}]")
_MD_DEF = LazyPattern(r"^[ ]{0,3}\[(?P<name>[^\[\]\n]{1,100}+)\]:[ \t]{0,20}<?(?P<url>[^\s<>]{1,2000}+)>?",
                        regex.MULTILINE)
# the footer labels the boilerplate filter lifts (every language it knows: ``Oorspronkelijk
# artikel:``, ``Оригінал:``, ``منبع:``), and a few more forms that only name a URL
_ORIGINAL_LABELS = _FOOTER_LABELS["original_url"]
_SOURCE_LABELS = _FOOTER_LABELS["source"]
_LABEL_LINE = LazyPattern(
    r"^[^\p{L}\p{N}]{0,8}+(?:original(?:\s+(?:article|link|url|post|source))?|originally\s+published\s+(?:at|on|by)"
    r"|source(?:\s+(?:url|link))?|read\s+(?:the\s+)?original|ссылка\s+на\s+оригинал|元記事|転載元"
    r"|" + _ORIGINAL_LABELS + r"|" + _SOURCE_LABELS + r")\s{0,3}[:：]\s{0,3}(?P<url>https?://[^\s<>\"'）)\]]{1,2000}+)?",
    regex.IGNORECASE,
)
_SOURCE_LABEL = LazyPattern(r"\b(?:source|" + _SOURCE_LABELS + r")\b", regex.IGNORECASE)
_BARE_URL = LazyPattern(r"https?://[^\s<>\"'）)\]]{1,2000}+")
_ATTR_HREF = LazyPattern(r"""\shref\s{0,5}=\s{0,5}(?:"(?P<d>[^"]{0,4000}+)"|'(?P<s>[^']{0,4000}+)'|(?P<u>[^\s>"']{1,4000}+))""",
                           regex.IGNORECASE)
_A_TAG = LazyPattern(r"<a(?=[\s/>])[^<>]{0,4000}+>", regex.IGNORECASE)
_A_END = LazyPattern(r"</a\s{0,5}>", regex.IGNORECASE)
_RAW_OPEN = LazyPattern(r"^<a(?=[\s/>])[^<>]{0,4000}+>$", regex.IGNORECASE)
_RAW_CLOSE = LazyPattern(r"^</a\s{0,5}>$", regex.IGNORECASE)
_COLLECTION = LazyPattern(
    r"^(?:articles?|news|posts?|p|a|blog|blogs|stor(?:y|ies)|story|n|detail|details|content|read|archives?"
    r"|\d{4}|\d{1,2}|[a-z]{2}(?:-[a-z]{2})?|nachrichten|noticias?|actualites|новости|статьи)$",
    regex.IGNORECASE,
)
_TRAILING_PUNCT = ".,;:!?。，；：！？"
# ](https://…)   the tail of a Markdown link whose ``[text`` was cut off, at a line start
_MD_ORPHAN = LazyPattern(
    r"\]\((?P<url>(?:https?://|www\.)[^\s()<>\[\]]{1,2000}+(?:\([^\s()<>\[\]]{0,200}+\)[^\s()<>\[\]]{0,2000}+)?)\)"
    r"[ \t]{0,20}+"
)
_MD_TALK = LazyPattern(r"\b(?:markdown|commonmark|syntax|sintaxis|syntaxe|sintassi|синтаксис)\b|语法|語法|構文|記法",
                       regex.IGNORECASE)


@dataclass(frozen=True)
class AnchorsOptions:
    anchors: str = "repair"  # repair | strip | flag
    base_url: str | None = None


# --- bases: where a relative URL or a slug points -----------------------------------


def _dir_of(url: str) -> str:
    parts = urlsplit(url)
    path = parts.path or "/"
    return f"{parts.scheme}://{parts.netloc}{path[: path.rfind('/') + 1]}"


def _last_segment(url: str) -> str:
    path = urlsplit(url).path.rstrip("/")
    return path[path.rfind("/") + 1 :]


def _absolute(url: str | None) -> str | None:
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc and "." in parts.netloc:
        return url
    return None


def _has_colon(text: str) -> bool:
    """Whether ``_LABEL_LINE`` or ``_BARE_URL`` can match: both need a colon."""
    return ":" in text or "：" in text


def _inline_lines(nodes: list[Inline]) -> list[tuple[str, list[Link]]]:
    """A block's inline content as lines: (plain text, links on the line)."""
    lines: list[tuple[str, list[Link]]] = [("", [])]

    def walk(items: list[Inline]) -> None:
        for n in items:
            if isinstance(n, Break):
                lines.append(("", []))
            elif isinstance(n, Text):
                parts = n.value.split("\n")
                text, links = lines[-1]
                lines[-1] = (text + parts[0], links)
                for p in parts[1:]:
                    lines.append((p, []))
            elif isinstance(n, Link):
                lines[-1][1].append(n)
                walk(n.children)
            elif isinstance(n, CONTAINER_INLINES):
                walk(n.children)

    walk(nodes)
    return lines


class _Bases:
    """Every base URL the document offers, best first."""

    def __init__(self, doc: Document, option: str | None, lists: list[tuple[object, list[Inline]]]):
        """``lists``: the document's (block, inline list) pairs, in order (the filter's own)."""
        self.option = _absolute(option)
        self.base_tag = _absolute(str(doc.metadata.get("base_url") or "")) if doc.metadata.get("base_url") else None
        canonical = doc.metadata.get("canonical_url")
        self.canonical = _absolute(str(canonical)) if canonical else None
        self.labeled: list[str] = []
        self.sourced: list[str] = []
        self._site: list[str] | None = None
        seen: list[str] = []
        for _block, nodes in lists:
            if not any(isinstance(n, CONTAINER_INLINES) or isinstance(n, Text) and _has_colon(n.value)
                       for n in nodes):
                continue  # no link and no colon (a label and a bare URL both need one)
            for text, links in _inline_lines(nodes):
                if not _has_colon(text):
                    seen.extend(link.href for link in links if _absolute(link.href))
                    continue
                m = _LABEL_LINE.match(text.strip())
                if m:
                    # "Source: Rail Blog (https://…)": the URL may follow the site's name
                    later = _BARE_URL.search(text, m.end())
                    url = _absolute(m.group("url")) or next(
                        (link.href for link in links if _absolute(link.href)), None
                    ) or (_absolute(later.group(0).rstrip(_TRAILING_PUNCT)) if later else None)
                    # "Source:" may name a site or a repository rather than this page
                    label = m.group(0)[: m.start("url") - m.start()] if m.group("url") else m.group(0)
                    target = self.sourced if _SOURCE_LABEL.search(label) else self.labeled
                    if url and url not in target:
                        target.append(url.rstrip(_TRAILING_PUNCT))
                seen.extend(link.href for link in links if _absolute(link.href))
                if len(seen) < 300:
                    seen.extend(u.group(0).rstrip(_TRAILING_PUNCT) for u in _BARE_URL.finditer(text))
        self._seen = seen

    @property
    def site(self) -> list[str]:
        """Other article URLs: a slug-shaped last segment under a collection-like directory,
        or a directory two or more such URLs share (worked out only when no better base is known)."""
        if self._site is None:
            self._site = []
            dirs = Counter(_dir_of(u) for u in self._seen if is_slug(_last_segment(u)))
            for d, count in dirs.most_common():
                last_dir = urlsplit(d).path.rstrip("/").rsplit("/", 1)[-1]
                if count >= 2 or (last_dir and _COLLECTION.match(last_dir)):
                    self._site.append(d)
        return self._site

    def for_relative(self) -> tuple[str, str] | None:
        """The URL relative links resolve against, and where it came from."""
        for url, kind in (
            (self.option, "the base_url option"),
            (self.base_tag, "the document's <base>"),
            (self.canonical, "the canonical URL"),
            (self.labeled[0] if self.labeled else None, "the article's Original URL"),
        ):
            if url:
                return url, kind
        return None

    def for_slug(self) -> tuple[str, str, float] | None:
        """The directory a bare slug lives in, where it came from, and a confidence factor."""
        for url, kind in (
            (self.option, "the base_url option"),
            (self.labeled[0] if self.labeled else None, "the Original URL"),
            (self.canonical, "the canonical URL"),
            (self.base_tag, "the document's <base>"),
            (self.sourced[0] if self.sourced else None, "the Source URL"),
        ):
            if url:
                if url == self.option or url == self.base_tag:
                    d = url if url.endswith("/") else (url + "/" if not urlsplit(url).path.strip("/") else _dir_of(url))
                    return d, kind, 1.0
                factor = 1.0 if is_slug(_last_segment(url)) else 0.9
                return _dir_of(url), kind, factor * (0.9 if url is not None and kind == "the Source URL" else 1.0)
        if self.site:
            return self.site[0], "other article URLs of this site", 0.85
        return None

    def all_urls(self) -> list[str]:
        return [u for u in (self.option, self.base_tag, self.canonical, *self.labeled, *self.sourced) if u] + self.site


# --- the filter ---------------------------------------------------------------------


@dataclass
class _Fix:
    """One piece of debris in a text node: remove [start, end), or (with ``href``)
    make text[text_start:text_end] a link and remove the rest of [start, end)."""

    start: int
    end: int
    reason: str
    href: str | None = None
    text_start: int = 0
    text_end: int = 0
    confidence: float | None = None
    unsafe: bool = False  # an active URL: removed in every mode


def _markdown_link(text: str, href: str) -> str:
    from cleanup.writers.markdown import _destination, escape_text

    return f"[{escape_text(text)}]({_destination(href)})"


def _plain(nodes: list[Inline]) -> str:
    out: list[str] = []
    for n in nodes:
        if isinstance(n, Text):
            out.append(n.value)
        elif isinstance(n, Image):
            out.append(n.alt)
        elif isinstance(n, CONTAINER_INLINES):
            out.append(_plain(n.children))
    return "".join(out)


def _has_content(nodes: list[Inline]) -> bool:
    for n in nodes:
        if isinstance(n, Text) and n.value.strip():
            return True
        if isinstance(n, (Image, RawInline)):
            return True
        if isinstance(n, CONTAINER_INLINES) and _has_content(n.children):
            return True
    return False


def _first_text(nodes: list[Inline]) -> Text | None:
    for n in nodes:
        if isinstance(n, Text) and n.value:
            return n
        if isinstance(n, CONTAINER_INLINES):
            t = _first_text(n.children)
            if t is not None:
                return t
    return None


class AnchorsFilter(Filter):
    name = NAME
    Options = AnchorsOptions

    def __init__(self, options=None, **overrides):
        super().__init__(options, **overrides)
        if self.options.anchors not in MODES:
            raise ValueError(BAD_MODE_TEXT.format(value=self.options.anchors))

    def apply(self, doc: Document) -> None:
        # per-run state lives on a copy, so one filter object can serve threads at once
        copy.copy(self)._run(doc)

    def _run(self, doc: Document) -> None:
        self._doc = doc
        self._bases_cache: _Bases | None = None
        self._html_spans: dict[int, tuple[int, int, int, int]] | None = None
        self._defs: dict[str, str] | None = None
        first = len(doc.changes)
        self._raw_over = False
        self._skip: set[tuple[int, int]] = set()  # (text node id, offset): debris reported already
        self._html_lines: dict[str, bool] = {}
        self._block_at: dict[int, int] | None = None
        if doc.format == "markdown":
            self._raw_blocks(doc)
        # the passes below edit inline lists in place and never replace a block or a list
        lists = [(block, nodes) for block in walk_blocks(doc.blocks) for nodes in inline_lists(block)]
        self._lists = lists  # what the base URLs are read from, when first asked
        for block, nodes in lists:
            self._links(doc, block, nodes)
        for block, nodes in lists:
            self._across_lines(doc, block, nodes)
        for node, ctx in _debris_candidates(lists):
            value = node.value
            if not _may_have_debris(value):
                continue
            fixes = self._find(node, ctx, doc)
            if fixes is None:
                doc.flag(node, 0, len(value), NAME, reason=TOO_MUCH_DEBRIS)
            elif fixes:
                self._apply_fixes(doc, node, ctx, fixes)
        doc.changes[first:] = sorted(doc.changes[first:], key=lambda c: (c.start, c.end))

    # -- shared lookups ---------------------------------------------------------------

    @property
    def _bases(self) -> _Bases:
        if self._bases_cache is None:
            self._bases_cache = _Bases(self._doc, self.options.base_url, self._lists)
        return self._bases_cache

    def _definitions(self) -> dict[str, str]:
        """Reference definitions written as plain lines (text input only)."""
        if self._defs is None:
            self._defs = {}
            if self._doc.format == "text":
                for m in _MD_DEF.finditer(self._doc.source.text):
                    self._defs.setdefault(" ".join(m.group("name").lower().split()), m.group("url"))
        return self._defs

    # -- debris in text ---------------------------------------------------------------

    def _find(self, node: Text, ctx, doc: Document) -> list[_Fix] | None:
        """The fixes for one text node; None when there is too much debris to be an article."""
        value = node.value
        fixes: list[_Fix] = []
        matches = list(_DEBRIS.finditer(value))
        if not matches:
            return fixes
        tag_ok: bool | None = None
        line_start = _starts_line(node, ctx)
        consumed = 0
        for k, m in enumerate(matches):
            if m.start() < consumed or (id(node), m.start()) in self._skip:
                continue
            if len(fixes) > MAX_FIXES:
                return None
            nxt = next((x.start() for x in matches[k + 1 :] if x.lastgroup != "close"), len(value))
            kind = m.lastgroup
            if kind in ("open", "cut", "close", "href"):
                if tag_ok is None:
                    tag_ok = self._tags_are_debris(value, ctx, matches) and not self._next_to_html(ctx, node)
                if not tag_ok:
                    continue
            fix = None
            if kind == "open":
                fix = self._open(value, m, nxt)
            elif kind == "cut":
                fix = _Fix(m.start(), m.end(), "an <a> tag cut off at the end of the line")
            elif kind == "close":
                fix = _Fix(m.start(), m.end(), "a closing </a> with no opening tag")
            elif kind == "href":
                fix = self._href(value, m, nxt)
            elif kind == "tail":
                fix = self._tail(value, m, nxt, line_start and _line_start(value, m.start()))
            elif kind == "mdfull":
                furl = m.group("furl").removeprefix("<").removesuffix(">")
                if not is_safe_url(furl, image=m.group().startswith("!")):
                    fix = _Fix(m.start(), m.end(), f"Markdown link with an unsafe URL scheme "
                               f"({url_scheme(furl)}:) removed, text kept", None,
                               m.start("ftext"), m.end("ftext"), unsafe=True)
            elif kind == "auto":
                if not is_safe_url(m.group("aurl")):
                    fix = _Fix(m.start(), m.end(), f"autolink with an unsafe URL scheme "
                               f"({url_scheme(m.group('aurl'))}:) removed", unsafe=True)
            elif kind == "md":
                fix = self._md(m)
            elif kind == "ref":
                fix = self._ref(m)
            if fix is None:
                continue
            if ctx.in_link:
                fix.href = None  # never nest a link in a link: only remove the debris
            if fix.href is None and fix.text_end > fix.text_start and not fix.unsafe:
                # strip: keep the anchor text, remove what is around it
                fixes.append(_Fix(fix.start, fix.text_start, fix.reason, confidence=fix.confidence, unsafe=fix.unsafe))
                if fix.end > fix.text_end:
                    fixes.append(_Fix(fix.text_end, fix.end, fix.reason, confidence=fix.confidence, unsafe=fix.unsafe))
            else:
                fixes.append(fix)
            consumed = fix.end
        return [f for f in fixes if f.end > f.start]

    def _tags_are_debris(self, value: str, ctx, matches) -> bool:
        """Tag-shaped text is debris unless the text shows or talks about HTML."""
        if _OTHER_TAG.search(value):
            return False
        gaps, prev = [], 0
        for m in matches:
            gaps.append(value[prev : m.start()])
            prev = max(prev, m.end())
        gaps.append(value[prev:])
        outside = " ".join(gaps)
        if _HTML_TALK.search(outside):
            return False
        for m in matches:
            if m.lastgroup in ("open", "cut", "close", "href") and (
                    value[m.start() - 1 : m.start()] == "`" or value[m.end() : m.end() + 1] == "`"):
                return False  # `<a href="…">` in backticks: code quoted in plain text
            group = {"open": "ohref", "href": "hurl"}.get(m.lastgroup or "")  # the kinds that hold a URL
            url = (m.group(group) or "") if group else ""
            host = urlsplit(html_lib.unescape(url)).hostname or "" if "://" in url else ""
            if host and _EXAMPLE_HOST.search(host):
                return False
        return True

    def _shows_html(self, value: str) -> bool:
        """The line shows or talks about HTML (asked of each line at most once per run: a
        line is the neighbour of two others)."""
        seen = self._html_lines.get(value)
        if seen is None:
            seen = _OTHER_TAG.search(value) is not None or _HTML_TALK.search(value) is not None or (
                ("<" in value or "&" in value) and not self._tags_are_debris(value, None, list(_DEBRIS.finditer(value))))
            self._html_lines[value] = seen
        return seen

    def _next_to_html(self, ctx, node: Text) -> bool:
        """The line before or after ``node`` (in the same block) shows or talks about HTML:
        ``The tag starts with <a href="…">`` / ``and ends with </a>`` is prose, line by line."""
        siblings = ctx.siblings
        k = ctx.index
        if not (k < len(siblings) and siblings[k] is node):
            k = next((i for i, n in enumerate(siblings) if n is node), k)
        for j, b in ((k - 2, k - 1), (k + 2, k + 1)):
            if 0 <= j < len(siblings) and isinstance(siblings[b], Break) and isinstance(siblings[j], Text) \
                    and self._shows_html(siblings[j].value):
                return True
        # a line that opens or closes its paragraph: the neighbour is the next paragraph's edge
        # line (the structure filter may give each line a paragraph: a second run sees the same)
        for edge, step in ((k == 0, -1), (k == len(siblings) - 1, 1)):
            other = self._adjacent_paragraph(ctx.block, step) if edge else None
            if other and isinstance(line := other[-1 if step < 0 else 0], Text) and self._shows_html(line.value):
                return True
        return False

    def _adjacent_paragraph(self, block, step: int) -> list | None:
        """The inline children of the paragraph or heading before (-1) or after (+1) ``block``
        in document order, at any depth: the structure filter may turn a paragraph's lines
        into list items, headings and paragraphs, and a second run must see the same lines."""
        if self._block_at is None:
            self._block_at = {}
            for i, (b, _) in enumerate(self._lists):
                self._block_at.setdefault(id(b), i)
        i = self._block_at.get(id(block))
        if i is None or not 0 <= i + step < len(self._lists):
            return None
        other, nodes = self._lists[i + step]
        return nodes if isinstance(other, (Paragraph, Heading)) and other.children and nodes else None

    def _anchor_end(self, value: str, start: int, limit: int) -> tuple[int, int, int] | None:
        """Where the anchor text after ``start`` ends: (text_end, end incl. </a>, has_close)."""
        line_end = value.find("\n", start, limit)
        line_end = limit if line_end == -1 else line_end
        close = _CLOSE.search(value, start, min(line_end, start + 4 * MAX_ANCHOR_TEXT))
        if close:
            return close.start(), close.end(), 1
        end = line_end
        while end > start and value[end - 1].isspace():
            end -= 1
        text_end = end
        while text_end > start and (value[text_end - 1].isspace() or value[text_end - 1] in _TRAILING_PUNCT):
            text_end -= 1
        return text_end, text_end, 0

    def _link_fix(self, value, m, text_start, limit, href, confidence, reason, what) -> _Fix:
        text_end, end, closed = self._anchor_end(value, text_start, limit)
        text = value[text_start:text_end]
        if href is not None and not is_safe_url(href):
            return _Fix(m.start(), end, f"{what} with an unsafe URL scheme ({url_scheme(href)}:) removed, text kept",
                        None, text_start, text_end, unsafe=True)
        if not text.strip() or not _LETTER.search(text) or (not closed and len(text) > MAX_ANCHOR_TEXT):
            href = None
        if href is None:
            return _Fix(m.start(), end, f"{what}: {reason}; removed, text kept", None, text_start, text_end)
        return _Fix(m.start(), end, f"{what} rebuilt as a link: {reason}", href, text_start, text_end, confidence)

    def _open(self, value: str, m, limit: int) -> _Fix:
        raw = html_lib.unescape(m.group("ohref")).strip()
        href, conf, reason = self._resolve(raw)
        return self._link_fix(value, m, m.end(), limit, href, conf, reason, "broken <a> tag")

    def _href(self, value: str, m, limit: int) -> _Fix:
        if not m.group("hgt"):
            return _Fix(m.start(), m.end(), "href attribute debris without its tag")
        raw = html_lib.unescape(m.group("hurl")).strip()
        href, conf, reason = self._resolve(raw)
        return self._link_fix(value, m, m.end(), limit, href, conf, reason, "href attribute debris")

    def _resolve(self, raw: str) -> tuple[str | None, float | None, str]:
        """The link target a complete href from debris stands for."""
        if not raw:
            return None, None, "empty URL"
        if raw.startswith("//"):
            raw = "https:" + raw
        if url_scheme(raw) is not None:
            return raw, 0.95, "the full URL is in the debris"
        if raw.startswith("#"):
            return None, None, "an in-page target that no longer exists"
        base = self._bases.for_relative()
        if base is None and raw.startswith("/") and not raw.startswith("//") and self._bases.sourced:
            # a site-absolute path needs only the site: the Source line's URL names it
            base = (self._bases.sourced[0], "the site of the Source URL")
        if base is None:
            return None, None, "relative URL and no base URL known"
        return urljoin(base[0], raw), 0.85, f"relative URL resolved against {base[1]}"

    def _tail(self, value: str, m, limit: int, at_line_start: bool) -> _Fix | None:
        tail = m.group("turl")
        text_start = m.end()
        if not tail:
            if not at_line_start or text_start >= len(value) or not _LETTER.match(value, text_start):
                return None
            return _Fix(m.start(), text_start, 'a stray "> left from a cut <a> tag', None)
        decoded = html_lib.unescape(tail)
        full = decoded.startswith(("http://", "https://", "//", "www."))
        single = at_line_start and _SINGLE_SLUG.fullmatch(unquote(decoded))
        if not (full or "/" in decoded or is_slug(decoded) or single):
            return None
        if text_start < len(value) and value[text_start].isspace():
            return None  # `x"> text`: not an anchor's start
        if full:
            href = "https://" + decoded if decoded.startswith("www.") else (
                "https:" + decoded if decoded.startswith("//") else decoded)
            if not urlsplit(href).hostname or "." not in (urlsplit(href).hostname or ""):
                return _Fix(m.start(), text_start, "the end of a cut <a> tag")
            return self._link_fix(value, m, text_start, limit, href, 0.95, "the full URL is in the debris",
                                  "the end of a cut <a> tag")
        if decoded.startswith("/"):
            base = self._bases.for_relative()
            href = urljoin(base[0], decoded) if base else None
            reason = f"the path resolves against {base[1]}" if base else "a path and no base URL known"
            return self._link_fix(value, m, text_start, limit, href, 0.85, reason, "the end of a cut <a> tag")
        if "/" in decoded:
            d = decoded[: decoded.rfind("/") + 1]
            for url in self._bases.all_urls():
                base_dir = _dir_of(url)
                if base_dir.endswith(d) and len(d) >= 4:
                    href = base_dir[: len(base_dir) - len(d)] + decoded
                    return self._link_fix(value, m, text_start, limit, href, 0.8,
                                          "the cut path overlaps a URL of this site", "the end of a cut <a> tag")
            return self._link_fix(value, m, text_start, limit, None, None, "the start of the URL is lost",
                                  "the end of a cut <a> tag")
        # a slug tail: the anchor text must slugify to something that ends with it
        text_end, end, closed = self._anchor_end(value, text_start, limit)
        match = match_tail(decoded, value[text_start:text_end])
        if match is not None and closed and value[text_start + match.text_end : text_end].strip(
            " \t" + _TRAILING_PUNCT + "!?\"'”’»)"
        ):
            match = None  # the slug covers only part of the closed anchor's text
        base = self._bases.for_slug() if match is not None else None
        what = "the end of a cut <a> tag"
        if match is None:
            return _Fix(m.start(), end, f"{what}: the slug does not match the anchor text; removed, text kept",
                        None, text_start, text_end)
        if base is None:
            return _Fix(m.start(), end, f"{what}: the slug matches the anchor text but no base URL is known; "
                        "removed, text kept", None, text_start, text_end)
        link_end = text_start + match.text_end if not closed else text_end
        base_dir, kind, factor = base
        confidence = round((0.9 if match.whole else 0.7 + 0.2 * match.coverage) * factor, 2)
        reason = (f"{what} rebuilt as a link: the slug {'is' if match.whole else 'ends'} the slugified anchor "
                  f"text, in the directory of {kind} ({base_dir})")
        return _Fix(m.start(), end if closed else link_end, reason, base_dir + match.slug, text_start, link_end,
                    confidence)

    def _md(self, m) -> _Fix:
        url = m.group("murl").rstrip(_TRAILING_PUNCT)
        text = m.group("mtext")
        href = "https://" + url if url.startswith("www.") else url
        end = m.start("murl") + len(url)
        t0, t1 = m.start("mtext"), m.end("mtext")
        if not is_safe_url(href) or not _LETTER.search(text):
            return _Fix(m.start(), end, "an unclosed Markdown link; removed, text kept", None, t0, t1)
        return _Fix(m.start(), end, "an unclosed Markdown link rebuilt: the full URL is in the debris",
                    href, t0, t1, 0.9)

    def _ref(self, m) -> _Fix | None:
        text, name = m.group("rtext"), m.group("rname")
        if not _ANY_LETTER.search(text) or len(text.strip()) < 2:
            return None  # [1][2]: citation marks, not a link
        key = " ".join((name or text).lower().split())
        url = self._definitions().get(key)
        t0, t1 = m.start("rtext"), m.end("rtext")
        if url and is_safe_url(url):
            return _Fix(m.start(), m.end(), "a reference link rebuilt from its definition line", url, t0, t1, 0.9)
        if self._doc.format != "markdown":
            return None  # only a Markdown parser's verdict makes a reference dangling
        if not _label_only(text, name):
            return None  # [Applause][Laughter], dict[str][int]: bracketed words, not a link
        return _Fix(m.start(), m.end(), "a reference link whose reference is never defined; removed, text kept",
                    None, t0, t1)

    def _apply_fixes(self, doc: Document, node: Text, ctx, fixes: list[_Fix]) -> None:
        mode = self.options.anchors
        value = node.value
        spans = [node.text.source_span(f.start, f.end) for f in fixes]
        if mode == "flag":
            for f, (s, e) in zip(fixes, spans):
                if f.unsafe:
                    continue
                after = _markdown_link(value[f.text_start : f.text_end], f.href) if f.href else ""
                reason = f.reason.replace(" rebuilt as a link", " can be rebuilt as a link")
                doc.record(NAME, "flagged", s, e, after, confidence=f.confidence, reason=reason)
            fixes = [f for f in fixes if f.unsafe]
            if not fixes:
                return
            spans = [node.text.source_span(f.start, f.end) for f in fixes]
        if mode == "strip":
            expanded: list[_Fix] = []
            for f in fixes:
                if f.href:
                    expanded.append(_Fix(f.start, f.text_start, f.reason.split(" rebuilt")[0] + "; removed, text kept"))
                    if f.end > f.text_end:
                        expanded.append(_Fix(f.text_end, f.end, f.reason.split(" rebuilt")[0] + "; removed, text kept"))
                else:
                    expanded.append(f)
            fixes = [f for f in expanded if f.end > f.start]
            spans = [node.text.source_span(f.start, f.end) for f in fixes]
        cur = node.text
        right: list[Inline] = []
        restructured = False
        records = []
        for f, (s, e) in sorted(zip(fixes, spans), key=lambda x: x[0].start, reverse=True):
            if f.href:
                anchor = cur.slice(f.text_start, f.text_end)
                rest = cur.slice(f.end, len(cur))
                link = Link(f.href, [Text(anchor, node.lang)], src=(s, e), touched=True)
                right = [link] + ([Text(rest, node.lang)] if len(rest) or rest.spans else []) + right
                cur = cur.slice(0, f.start)
                restructured = True
                after = _markdown_link(value[f.text_start : f.text_end], f.href)
                records.append((s, e, "repaired", after, f))
            elif f.text_end > f.text_start:  # an unsafe link: one change, its text kept
                cur = cur.replace(f.text_end, f.end, "").replace(f.start, f.text_start, "")
                records.append((s, e, "removed", value[f.text_start : f.text_end], f))
            else:
                cur = cur.replace(f.start, f.end, "")
                records.append((s, e, "removed", "", f))
        for s, e, action, after, f in reversed(records):
            doc.record(NAME, action, s, e, after, confidence=f.confidence, reason=f.reason)
        if not restructured:
            node.text = cur
            return
        new: list[Inline] = ([Text(cur, node.lang)] if cur.spans else []) + right
        siblings = ctx.siblings
        at = next(k for k, n in enumerate(siblings) if n is node)
        siblings[at : at + 1] = new
        ctx.block.touched = True

    # -- debris across two lines ---------------------------------------------------------

    def _across_lines(self, doc: Document, block, nodes: list[Inline]) -> None:
        """Debris whose parts are on two lines of one block (lines are text nodes between
        soft breaks): an ``<a href="…">`` (or ``…">`` tail) ending a line whose anchor
        text and ``</a>`` are on the next line, rebuilt as one link; and an orphan
        ``](https://…)`` starting a line, the tail of a Markdown link whose ``[text``
        ends the line before it (rebuilt in text input) or is lost (stripped)."""
        if not any(isinstance(n, Text) and ("](" in n.value or _ends_with_tag_end(n.value)) for n in nodes):
            return  # most lists: neither form can be there
        out: list[Inline] = []
        changed = False
        k = 0
        while k < len(nodes):
            n = nodes[k]
            if (isinstance(n, Text) and k + 2 < len(nodes) and isinstance(nodes[k + 1], Break)
                    and isinstance(nodes[k + 2], Text) and self._open_then_next_line(doc, nodes, k, out)):
                changed = True
                k += 3
                continue
            if isinstance(n, Text) and "](" in n.value and (k == 0 or isinstance(nodes[k - 1], Break)):
                done = self._orphan_md_tail(doc, n, out)
                if done:
                    changed = True
                    k += 1
                    continue
            out.append(n)
            k += 1
        if changed:
            nodes[:] = join_texts(out)
            block.touched = True

    def _open_then_next_line(self, doc: Document, nodes: list[Inline], k: int, out: list[Inline]) -> bool:
        """``<a href="URL">`` ends the line ``nodes[k]``; the next line ``nodes[k + 2]``
        holds the anchor text and ``</a>``. Taken only when the single-line rules would
        rebuild ``<a href="URL">text</a>`` (the same tests, run on the two lines joined);
        else the line-by-line pass strips both tags. Appends the new nodes to ``out``;
        False: the nodes are kept as they are (in flag mode, reported here)."""
        first, second = nodes[k], nodes[k + 2]
        v1 = first.value
        end1 = len(v1.rstrip())
        if not v1[:end1].endswith((">", ";")):
            return False
        v2 = second.value
        if not _CLOSE.search(v2):
            return False
        matches1 = list(_DEBRIS.finditer(v1))
        last = matches1[-1] if matches1 else None
        if last is None or last.end() != end1 or last.lastgroup not in ("open", "href", "tail"):
            return False
        lead = len(v2) - len(v2.lstrip())
        boundary = last.end()
        joined = v1[:boundary] + v2[lead:]
        matches2 = list(_DEBRIS.finditer(v2))
        if (last.lastgroup != "tail" and not self._tags_are_debris(v1, None, matches1)) \
                or not self._tags_are_debris(v2, None, matches2):
            return False
        before = nodes[k - 2] if k >= 2 and isinstance(nodes[k - 1], Break) else None
        after = nodes[k + 4] if k + 4 < len(nodes) and isinstance(nodes[k + 3], Break) else None
        if any(isinstance(n, Text) and self._shows_html(n.value) for n in (before, after)):
            return False
        limit = next((boundary + x.start() - lead for x in matches2 if x.lastgroup != "close" and x.start() >= lead),
                     len(joined))
        if last.lastgroup == "open":
            fix = self._open(joined, last, limit)
        elif last.lastgroup == "href":
            fix = self._href(joined, last, limit)
        else:
            fix = self._tail(joined, last, limit, _starts_line_at(out) and _line_start(v1, last.start()))
        if (fix is None or not fix.href or fix.text_start != boundary or fix.end <= fix.text_end
                or not _CLOSE.fullmatch(joined, fix.text_end, fix.end)):
            return False  # no link, or not closed on the next line: stripped line by line
        to2 = boundary - lead  # joined offset - to2 = offset in v2
        keep = len(v1[: fix.start].rstrip())
        s = first.text.source_span(keep, boundary)[0]
        close_s, e = second.text.source_span(fix.text_end - to2, fix.end - to2)
        anchor = joined[fix.text_start : fix.text_end]
        where = " (the anchor text and </a> are on the next line)"
        mode = self.options.anchors
        if mode == "flag":
            doc.record(NAME, "flagged", s, e, _markdown_link(anchor, fix.href), confidence=fix.confidence,
                       reason=fix.reason.replace(" rebuilt as a link", " can be rebuilt as a link") + where)
            self._skip.update({(id(first), last.start()), (id(second), fix.text_end - to2)})
            return False
        if mode == "strip":
            why = fix.reason.split(" rebuilt")[0] + "; removed, text kept" + where
            doc.record(NAME, "removed", s, first.text.source_span(keep, boundary)[1], "", reason=why)
            doc.record(NAME, "removed", close_s, e, "", reason=why)
        else:
            doc.record(NAME, "repaired", s, e, _markdown_link(anchor, fix.href), confidence=fix.confidence,
                       reason=fix.reason + where)
        if v1[:keep].strip():
            out.append(Text(first.text.slice(0, keep), first.lang))
            out.append(nodes[k + 1])
        text = second.text.slice(fix.text_start - to2, fix.text_end - to2)
        if mode == "strip":
            out.append(Text(text, second.lang))
        else:
            out.append(Link(fix.href, [Text(text, second.lang)], src=(s, e), touched=True))
        rest = second.text.slice(fix.end - to2, len(v2))
        if len(rest):
            out.append(Text(rest, second.lang))
        return True

    def _orphan_md_tail(self, doc: Document, node: Text, out: list[Inline]) -> bool:
        """``](https://…)`` starting a line: its ``[text`` ends the line before (text
        input: rebuilt as one link) or is lost (the tail is stripped). ``node`` starts a
        line; ``out`` holds what came before it. False: nothing done."""
        value = node.value
        at = value.find("](")
        if value[:at].strip() and not _line_start(value, at):
            return False
        m = _MD_ORPHAN.match(value, at)
        if m is None:
            return False
        url = m.group("url")
        href = "https://" + url if url.startswith("www.") else url
        host = urlsplit(href).hostname or ""
        prev = out[-2] if len(out) >= 2 and isinstance(out[-1], Break) and isinstance(out[-2], Text) else None
        talk = value + " " + (prev.value if prev is not None else "")
        if not is_safe_url(href) or "." not in host or _EXAMPLE_HOST.search(host) or _MD_TALK.search(talk) \
                or _HTML_TALK.search(talk):
            return False
        # the [text on the line before: a "[" starting a word, no "]" after it, words up to the line end
        opener = None
        if prev is not None and self._doc.format != "markdown" and not value[:at].strip():
            pv = prev.value.rstrip()
            b = pv.rfind("[")
            if b != -1 and "]" not in pv[b:] and (b == 0 or not (pv[b - 1].isalnum() or pv[b - 1] in "_\\")) \
                    and 0 < len(pv) - b - 1 <= MAX_ANCHOR_TEXT and _LETTER.search(pv, b + 1):
                opener = (b, len(pv))
        mode = self.options.anchors
        s, e = node.text.source_span(m.start(), m.end())
        if opener is not None:
            b, pe = opener
            s = prev.text.source_span(b, pe)[0]
            anchor = prev.value[b + 1 : pe]
        if mode == "flag":
            if opener is not None:
                doc.record(NAME, "flagged", s, e, _markdown_link(anchor, href), confidence=0.9,
                           reason="a Markdown link split over two lines ([text, then ](URL) on the next) "
                                  "can be rebuilt as a link: the full URL is in the debris")
            else:
                doc.record(NAME, "flagged", s, e, "",
                           reason="the tail ](URL) of a Markdown link whose [text was cut off")
            return False
        rest = node.text.slice(m.end(), len(value))
        head = node.text.slice(0, m.start()) if value[:at].strip() else None
        if opener is not None and mode == "repair":
            doc.record(NAME, "repaired", s, e, _markdown_link(anchor, href), confidence=0.9,
                       reason="a Markdown link split over two lines ([text, then ](URL) on the next) "
                              "rebuilt as one link: the full URL is in the debris")
            out[-2] = Text(prev.text.slice(0, b), prev.lang)
            link_src = (s, e)
            out.insert(len(out) - 1, Link(href, [Text(prev.text.slice(b + 1, pe), prev.lang)], src=link_src,
                                          touched=True))
            if not out[-3].value:
                del out[-3]
        else:
            if opener is not None:  # strip mode: the [ goes too
                ps, pe2 = prev.text.source_span(b, b + 1)
                doc.record(NAME, "removed", ps, pe2, "", reason="the [ of a Markdown link split over two lines; "
                           "removed, text kept")
                out[-2] = Text(prev.text.replace(b, b + 1, ""), prev.lang)
                s = node.text.source_span(m.start(), m.end())[0]
            doc.record(NAME, "removed", s, e, "",
                       reason="the tail ](URL) of a Markdown link whose [text was cut off; removed")
        if head is not None:
            out.append(Text(head + rest, node.lang))
        elif str(rest).strip():
            out.append(Text(rest, node.lang))
        elif out and isinstance(out[-1], Break):
            out.pop()  # the line held only the debris: it goes with its line break
        return True

    # -- real links ----------------------------------------------------------------------

    def _links(self, doc: Document, block, nodes: list[Inline]) -> None:
        """Check every real link of one inline list (and of lists inside it), in one
        linear pass that builds the new list."""
        if not any(isinstance(n, _LINK_OR_NESTING) for n in nodes):
            return  # plain text (most lists): no link, no raw tag, nothing nested
        raw = self._raw_pairs(nodes) if doc.format == "markdown" else None
        outer = self._raw_over
        self._raw_over = raw is not None and sum(
            1 for kind, other in raw.values() if kind == "orphan" or kind == "open" and other is None) > MAX_FIXES
        if self._raw_over:
            first = next(n for k, n in enumerate(nodes) if k in raw)
            s, e = first.src or (0, 0)
            doc.record(NAME, "flagged", s, e, None, reason=TOO_MUCH_DEBRIS)
        try:
            self._links_in(doc, block, nodes, raw)
        finally:
            self._raw_over = outer

    def _links_in(self, doc: Document, block, nodes: list[Inline], raw) -> None:
        out: list[Inline] = []
        changed = False
        skip: set[int] = set()
        k = 0
        while k < len(nodes):
            n = nodes[k]
            if k in skip:
                k += 1
                continue
            if isinstance(n, CONTAINER_INLINES):
                self._links(doc, block, n.children)
            if isinstance(n, RawInline) and raw is not None and k in raw:
                consumed = self._raw_anchor(doc, nodes, k, raw, out, skip)
                if consumed:
                    changed = True
                    k += consumed
                    continue
            if not isinstance(n, Link):
                out.append(n)
                k += 1
                continue
            k += 1
            if not is_safe_url(n.href):
                s, e = self._link_span(n)
                doc.record(NAME, "removed", s, e, _plain(n.children),
                           reason=f"link with an unsafe URL scheme ({url_scheme(n.href)}:) removed, text kept")
                out.extend(n.children)
                changed = True
                continue
            if not _has_content(n.children):
                s, e = self._link_span(n)
                if self.options.anchors == "flag":
                    doc.record(NAME, "flagged", s, e, "", reason="empty link (no text)")
                    out.append(n)
                    continue
                doc.record(NAME, "removed", s, e, "", reason="empty link (no text) removed")
                changed = True
                continue
            if self._merge_into_previous(doc, out, n):
                changed = True
                continue
            self._relative(doc, block, n)
            self._readable(doc, n)
            out.append(n)
        if changed:
            nodes[:] = join_texts(out)
            block.touched = True

    def _merge_into_previous(self, doc: Document, out: list[Inline], n: Link) -> bool:
        """``[Read](u) [more](u)`` → ``[Read more](u)``: adjacent links to one URL."""
        j = len(out) - 1
        if j >= 0 and isinstance(out[j], Text) and not out[j].value.strip() and "\n" not in out[j].value:
            j -= 1
        if j < 0 or not isinstance(out[j], Link) or out[j].href != n.href or len(out[j].children) > 50:
            return False
        prev = out[j]
        s, _ = self._link_span(prev)
        _, e = self._link_span(n)
        e = max(e, s)
        merged = out[j + 1 :] + n.children
        after = _markdown_link(_plain(prev.children) + _plain(merged), n.href)
        if self.options.anchors == "flag":
            doc.record(NAME, "flagged", s, e, after, reason="adjacent links to the same URL")
            return False
        doc.record(NAME, "normalized", s, e, after, reason="adjacent links to the same URL merged")
        prev.children[:] = join_texts(prev.children + merged)  # one text, as the next run reads it
        prev.touched = True
        if prev.src is not None and n.src is not None:
            prev.src = (prev.src[0], n.src[1])
        del out[j + 1 :]
        return True

    def _relative(self, doc: Document, block, n: Link) -> None:
        href = n.href
        if not href or href.startswith("#") or url_scheme(href) is not None:
            return
        base = self._bases.for_relative()
        if base is None:
            return
        new = urljoin(base[0], href)
        if new == href:
            return
        s, e = self._href_span(n)
        reason = f"relative URL resolved against {base[1]} ({base[0]})"
        if self.options.anchors == "flag":
            doc.record(NAME, "flagged", s, e, new, reason=reason)
            return
        doc.record(NAME, "normalized", s, e, new, reason=reason)
        n.href = new
        n.touched = True
        block.touched = True

    def _readable(self, doc: Document, n: Link) -> None:
        """Percent-encoded URL anchor text is decoded (the href is kept as it is)."""
        if len(n.children) != 1 or not isinstance(n.children[0], Text):
            return
        node = n.children[0]
        value = node.value
        if "%" not in value or not value.startswith(("http://", "https://")) or any(c.isspace() for c in value):
            return
        try:
            decoded = unquote(value, errors="strict")
        except UnicodeDecodeError:
            return
        if decoded == value or decoded.isascii() or any(c.isspace() or ord(c) < 32 for c in decoded):
            return
        if self.options.anchors == "flag":
            doc.flag(node, 0, len(value), NAME, suggestion=decoded, reason="percent-encoded URL as link text")
            return
        doc.edit(node, [(0, len(value), decoded)], NAME, "normalized",
                 reason="percent-encoded URL as link text decoded to stay readable")

    # -- locating links in the source ------------------------------------------------------

    def _link_span(self, n: Link) -> tuple[int, int]:
        if n.src is not None and self._doc.format == "markdown":
            return n.src
        spans = self._html_link_spans().get(id(n))
        if spans:
            return spans[0], spans[3]
        first = _first_text(n.children)
        if first is not None:
            return first.text.source_span(0, len(first.value))
        return 0, 0

    def _href_span(self, n: Link) -> tuple[int, int]:
        text = self._doc.source.text
        if n.src is not None and self._doc.format == "markdown":
            s, e = n.src
            at = text.find("](", s, e)
            if at != -1:
                dest = at + 2
                while dest < e and text[dest] in " \t<":
                    dest += 1
                stop = dest
                while stop < e and text[stop] not in " \t\n>)":
                    stop += 1
                if stop > dest:
                    return dest, stop
            return s, e
        spans = self._html_link_spans().get(id(n))
        if spans:
            return spans[1], spans[2]
        return self._link_span(n)

    def _html_link_spans(self) -> dict[int, tuple[int, int, int, int]]:
        """For HTML input: each Link's (tag start, href value start, href value end, element end)."""
        if self._html_spans is not None:
            return self._html_spans
        self._html_spans = {}
        doc = self._doc
        if doc.format != "html":
            return self._html_spans
        text = doc.source.text
        tags = []
        for m in _A_TAG.finditer(text):
            h = _ATTR_HREF.search(m.group(0))
            if h:
                g = "d" if h.group("d") is not None else "s" if h.group("s") is not None else "u"
                tags.append((m.start(), m.end(), m.start() + h.start(g), m.start() + h.end(g),
                             html_lib.unescape(h.group(g)).strip()))
        links: list[Link] = []

        def walk(items: list[Inline]) -> None:
            for x in items:
                if isinstance(x, Link):
                    links.append(x)
                if isinstance(x, CONTAINER_INLINES):
                    walk(x.children)

        for block in walk_blocks(doc.blocks):
            for nodes in inline_lists(block):
                walk(nodes)
        cursor = 0
        for link in links:
            for t in range(cursor, min(cursor + 20, len(tags))):
                start, tag_end, hs, he, value = tags[t]
                if value == link.href:
                    close = _A_END.search(text, tag_end)
                    self._html_spans[id(link)] = (start, hs, he, close.end() if close else tag_end)
                    cursor = t + 1
                    break
        return self._html_spans

    # -- raw HTML in Markdown -------------------------------------------------------------

    @staticmethod
    def _raw_pairs(nodes: list[Inline]) -> dict[int, tuple[str, object]]:
        """Raw ``<a>``/``</a>`` inlines of one list: index → ("open", close index or
        None, href) or ("close", None, None) for an orphan, ("closer", …) when paired."""
        info: dict[int, tuple[str, object]] = {}
        pending: int | None = None
        for k, n in enumerate(nodes):
            if not isinstance(n, RawInline):
                continue
            html = n.html.strip()
            if _RAW_CLOSE.match(html):
                if pending is not None:
                    info[pending] = ("open", k)
                    info[k] = ("closer", pending)
                    pending = None
                else:
                    info[k] = ("orphan", None)
            elif _RAW_OPEN.match(html) and _ATTR_HREF.search(html):
                if pending is not None:
                    info[pending] = ("open", None)
                info[k] = ("open", None)
                pending = k
        return info

    def _raw_anchor(self, doc, nodes, k, raw, out, skip) -> int:
        """Handle a raw ``<a>``/``</a>`` at ``nodes[k]``; return how many nodes were
        consumed (0: keep it as it is)."""
        n = nodes[k]
        kind, other = raw[k]
        s, e = n.src or (0, 0)
        flag = self.options.anchors == "flag"
        if kind == "closer":
            return 0
        if kind == "orphan":
            if self._raw_over:
                return 0
            if flag:
                doc.record(NAME, "flagged", s, e, "", reason="a closing </a> with no opening tag")
                return 0
            doc.record(NAME, "removed", s, e, "", reason="a closing </a> with no opening tag removed")
            return 1
        h = _ATTR_HREF.search(n.html)
        href = html_lib.unescape(h.group("d") if h.group("d") is not None else h.group("s")
                                 if h.group("s") is not None else h.group("u")).strip()
        if not is_safe_url(href):
            close = other if isinstance(other, int) else None
            end = nodes[close].src[1] if close is not None and nodes[close].src else e
            inner = nodes[k + 1 : close] if close is not None else []
            doc.record(NAME, "removed", s, end, _plain(inner),
                       reason=f"raw <a> with an unsafe URL scheme ({url_scheme(href)}:) removed, text kept")
            if close is not None:
                skip.add(close)
            return 1
        if other is not None:
            return 0  # a real, closed raw HTML link: leave it
        if self._raw_over:
            return 0  # not an article: safe tags are left as they are (flagged once)
        if flag:
            doc.record(NAME, "flagged", s, e, "", reason="an <a> tag that is never closed")
            return 0
        nxt = nodes[k + 1] if k + 1 < len(nodes) else None
        target, conf, why = self._resolve(href)
        if isinstance(nxt, Text) and target and self.options.anchors == "repair":
            value = nxt.value
            end = value.find("\n")
            end = len(value[: len(value) if end == -1 else end].rstrip())
            if 0 < end <= MAX_ANCHOR_TEXT and _LETTER.search(value[:end]):
                te = nxt.text.source_span(0, end)[1]
                link = Link(target, [Text(nxt.text.slice(0, end), nxt.lang)], src=(s, te), touched=True)
                rest = nxt.text.slice(end, len(value))
                doc.record(NAME, "repaired", s, te, _markdown_link(value[:end], target), confidence=conf,
                           reason=f"an <a> tag that is never closed rebuilt as a link: {why}")
                out.append(link)
                if rest.spans:
                    out.append(Text(rest, nxt.lang))
                return 2
        doc.record(NAME, "removed", s, e, "", reason="an <a> tag that is never closed removed, text kept")
        return 1

    def _raw_blocks(self, doc: Document) -> None:
        """Raw HTML blocks in Markdown are written verbatim: neutralize unsafe hrefs in them."""
        for block in walk_blocks(doc.blocks):
            if not isinstance(block, Raw) or "href" not in block.html.lower():
                continue
            edits = []
            for m in _A_TAG.finditer(block.html):
                h = _ATTR_HREF.search(m.group(0))
                if not h:
                    continue
                g = "d" if h.group("d") is not None else "s" if h.group("s") is not None else "u"
                if is_safe_url(html_lib.unescape(h.group(g))):
                    continue
                edits.append((m.start() + h.start(), m.start() + h.end()))
            if not edits:
                continue
            html = block.html
            base = doc.source.text.find(html[: edits[0][0]], block.src[0]) if block.src else -1
            for a, b in reversed(edits):
                if base != -1 and doc.source.text[base + a : base + b] == html[a:b]:
                    doc.record(NAME, "removed", base + a, base + b, "",
                               reason="unsafe URL scheme in a raw HTML link removed")
                else:
                    doc.record(NAME, "removed", 0, 0, "", before="", reason="unsafe URL scheme in a raw HTML link removed")
                html = html[:a] + html[b:]
            block.html = html
            block.touched = True


def _starts_line(node: Text, ctx) -> bool:
    """The text node starts a line. ``ctx.index`` is stale once a link repaired earlier
    in the same inline list has split a node in two, so the node is looked up again."""
    k, siblings = ctx.index, ctx.siblings
    if not (k < len(siblings) and siblings[k] is node):
        k = next((i for i, n in enumerate(siblings) if n is node), k)
    return k == 0 or isinstance(siblings[k - 1], Break)


def _starts_line_at(out: list[Inline]) -> bool:
    """The node about to be appended to ``out`` starts a line."""
    return not out or isinstance(out[-1], Break)


def _label_only(text: str, name: str) -> bool:
    """Dropping ``[name]`` after ``[text]`` loses no word: the label is empty, a number,
    or its words are in the text (``[budget plan][plan]``, ``[Haushaltsplan][haushalt]``).
    Otherwise (``[Applause][Laughter]``) it is text of its own."""
    if not _ANY_LETTER.search(name):
        return True
    have = text.casefold()
    return all(w in have for w in _NAME_WORD.findall(name.casefold()))


def _line_start(value: str, at: int) -> bool:
    """``at`` starts the line's text: nothing before it but a list or quote marker (``1. ">Title``
    is read as a list item by the structure filter, and as one by the next run)."""
    if at == 0 or _QUOTE_PREFIX.fullmatch(value[:at]):
        return True  # "> slug">Title": the structure filter makes the line a quote, read so by the next run
    from cleanup.filters.structure import parse_marker

    marker = parse_marker(value[:at] + "x")
    return marker is not None and marker.end == at


def _ends_with_tag_end(value: str) -> bool:
    """``value.rstrip().endswith((">", ";"))`` without copying a paragraph that does not end in a space."""
    return value.endswith((">", ";")) or (value[-1:].isspace() and value.rstrip().endswith((">", ";")))


def _debris_candidates(lists) -> list[tuple[Text, TextContext]]:
    """What ``Document.text_nodes()`` yields for ``lists`` (its (block, inline list) pairs,
    in order), kept to the nodes that may hold debris: a context for every node cost more
    than the test."""
    out: list[tuple[Text, TextContext]] = []

    def walk(nodes: list[Inline], block, ancestors: tuple, lang: str | None) -> None:
        for k, node in enumerate(nodes):
            if isinstance(node, Text):
                if _may_have_debris(node.value):
                    out.append((node, TextContext(block, ancestors, nodes, k, node.lang or lang)))
            elif isinstance(node, CONTAINER_INLINES):
                walk(node.children, block, ancestors + (node,), lang)

    for block, nodes in lists:
        walk(nodes, block, (), block.attrs.get("lang") if hasattr(block, "attrs") else None)
    return out


def _may_have_debris(value: str) -> bool:
    return ">" in value or "&gt;" in value or "[" in value or "href" in value or "&#" in value or "<a" in value \
        or "&lt;a" in value or "<A" in value

