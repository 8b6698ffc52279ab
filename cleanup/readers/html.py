"""HTML reader: a real HTML5 parser (lexbor, through selectolax) builds the tree.

lexbor does not report source positions, so a second, linear pass finds where text
can sit in the source (outside tags, comments and raw-text elements), decoding
character references with their offsets; each tree text node is then found in that
stream of decoded text, in document order, so tags can never match.
Active content (``script``, ``iframe``, ``object``, ``embed``, event handlers) never
enters the model; dropping the elements that carry it is recorded as a change.
"""

from __future__ import annotations

import bisect
import html as html_lib
import regex

from selectolax.lexbor import LexborHTMLParser, LexborNode

from cleanup.document import (
    Break,
    Code,
    CodeSpan,
    Container,
    Document,
    Emphasis,
    Heading,
    Image,
    Link,
    ListBlock,
    ListItem,
    Markup,
    Paragraph,
    Quote,
    Raw,
    Rule,
    Strong,
    Table,
    Text,
)
from cleanup.lang import primary_language
from cleanup.lazy_pattern import LazyPattern
from cleanup.mapped import MappedText, Span
from cleanup.source import InputError, Source

ACTIVE_ELEMENTS = frozenset({"script", "iframe", "object", "embed", "frame", "frameset", "applet"})
SKIPPED_ELEMENTS = frozenset({"style", "template", "noscript", "head", "meta", "link", "title", "base", "svg", "math", "input", "select", "textarea", "canvas", "audio", "video", "source", "track", "map",
                              "amp-iframe", "amp-video", "amp-audio", "amp-youtube", "amp-ad"}) | ACTIVE_ELEMENTS
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
EMPHASIS = frozenset({"em", "i", "cite", "dfn"})
STRONG = frozenset({"strong", "b"})
CODE_INLINE = frozenset({"code", "kbd", "samp", "tt", "var"})
# inline elements whose markup is meaning (10<sup>3</sup> is not 103), with the attributes kept
MARKUP = {
    "sup": (), "sub": (), "del": ("datetime",), "s": (), "ins": ("datetime",), "mark": (), "small": (), "q": (),
    "u": (), "abbr": ("title",), "time": ("datetime",), "bdi": (), "bdo": ("dir",),
    "ruby": (), "rt": (), "rp": (),  # 綺麗<rt>きれい</rt>: the reading is not part of the word
}
IMAGE_ATTRS = ("width", "height")
CONTAINERS = {"figure": (), "details": ("open",), "dl": (), "dd": ()}  # grouping blocks kept, with these attributes
BLOCK_TAGS = frozenset(
    {"p", "ul", "ol", "li", "blockquote", "pre", "hr", "table", "div", "section", "article", "main", "header",
     "footer", "aside", "nav", "figure", "figcaption", "details", "summary", "dl", "dt", "dd", "address", "center",
     "body", "html", "hgroup", "fieldset", "caption", "form"} | set(HEADINGS)
)
KEPT_ATTRS = ("id", "class", "lang", "dir")
MAX_DEPTH = 200
_PAGE = LazyPattern(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype|html|head|body)\b", regex.IGNORECASE | regex.DOTALL)


# elements whose words never reach the output: each one that holds words is a recorded removal
_UNPUBLISHED = {
    "noscript": "<noscript> text is for browsers without scripts, not article text",
    "template": "<template> content is not shown on the page",
    "svg": "text inside an <svg> graphic (a label or icon title) is not article text",
    "math": "<math> markup is not kept (no MathML in the output)",
    "select": "form controls are not article text",
    "textarea": "form controls are not article text",
}
# media the model has no place for: recorded as removed even when they hold no words
_MEDIA = {
    "video": "<video> is not kept: the cleaned article has no media but images",
    "audio": "<audio> is not kept: the cleaned article has no media but images",
    "canvas": "<canvas> is not kept: it is drawn by script",
    # AMP's embeds (its <amp-img> is read as the image it is)
    "amp-iframe": "<amp-iframe> is an embedded page: not kept",
    "amp-video": "<amp-video> is not kept: the cleaned article has no media but images",
    "amp-audio": "<amp-audio> is not kept: the cleaned article has no media but images",
    "amp-youtube": "<amp-youtube> is an embedded video: not kept",
    "amp-ad": "<amp-ad> is an advertisement: not kept",
}
_TAG = LazyPattern(r"<[^<>]*+>")  # stops at the next "<": linear on a run of them
_WORDS_IN_MARKUP = LazyPattern(r"[\p{L}\p{N}]")
_ENTITY = LazyPattern(r"&(?:\#[0-9]{1,8};?|\#[xX][0-9a-fA-F]{1,8};?|[A-Za-z][A-Za-z0-9]{1,31};?)")
_TAG_OPEN = LazyPattern(r"</?([A-Za-z][^\s/>]*)|<[!?]")
# an <img>'s alt value (quoted or bare): its text is mapped to the input like body text, so
# the encoding filter can repair mojibake in it with an exact position
_ALT_ATTR = LazyPattern(r"""\salt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", regex.IGNORECASE)
_VOID_ACTIVE = frozenset({"embed", "frame"})
_RAW_TEXT = frozenset({"script", "style", "xmp", "iframe", "noembed", "noframes", "plaintext"})
# elements that never nest: void, or closed implicitly by their next sibling
_FLAT = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
     "p", "li", "dt", "dd", "option", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "rt", "rp"}
)
MAX_NESTING = 10_000
TOO_DEEP_TEXT = "HTML is nested more than {limit:,} elements deep; no real article is, and parsing it would take minutes"


class _Positions:
    """Offsets of every data run and character reference, and of active elements.

    This is not a parser (lexbor builds the tree): it only finds where text can be
    in the source, in one linear pass, so tree text nodes can be located. Where it
    is fooled (a ``>`` inside a quoted attribute), the cost is a less exact offset,
    never lost or changed text."""

    def __init__(self, text: str):
        self.text = text
        self.pieces: list[tuple[int, str, int, int, str]] = []  # (decoded offset, decoded, start, end, kind)
        self.decoded_len = 0
        self.active: list[tuple[int, int, str]] = []
        self.unpublished: list[tuple[int, int, str]] = []  # skipped elements that hold words
        self._closes: dict[str, tuple[int, tuple[int, int] | None]] = {}  # name: (searched from, found)
        self.max_depth = 0
        self.alts: list[tuple[int, int]] = []  # source range of each <img alt="…"> value, in order
        self._scan()

    def _add(self, decoded: str, start: int, end: int, kind: str) -> None:
        if decoded:
            self.pieces.append((self.decoded_len, decoded, start, end, kind))
            self.decoded_len += len(decoded)

    def _data(self, start: int, end: int) -> None:
        text = self.text
        pos = start
        amp = text.find("&", pos, end)
        while amp != -1:
            m = _ENTITY.match(text, amp, end)
            if m:
                decoded = html_lib.unescape(m.group(0))
                if decoded != m.group(0):
                    self._add(text[pos:amp], pos, amp, "same")
                    self._add(decoded, amp, m.end(), "decoded")
                    pos = m.end()
            amp = text.find("&", amp + 1, end)
        self._add(text[pos:end], pos, end, "same")

    def _scan(self) -> None:
        text = self.text
        n = len(text)
        pos = 0
        depth = 0
        while pos < n:
            lt = text.find("<", pos)
            if lt == -1:
                self._data(pos, n)
                return
            if text.startswith("<!--", lt):
                self._data(pos, lt)
                end = text.find("-->", lt + 4)
                pos = n if end == -1 else end + 3
                continue
            m = _TAG_OPEN.match(text, lt)
            if not m:
                self._data(pos, lt + 1)  # a bare "<" is text
                pos = lt + 1
                continue
            self._data(pos, lt)
            gt = text.find(">", m.end())
            if gt == -1:
                return  # an unclosed tag at the end: lexbor drops it too
            name = (m.group(1) or "").lower()
            pos = gt + 1
            if name in ("img", "amp-img") and (alt := _ALT_ATTR.search(text, m.end(), gt)):
                group = next(g for g in (1, 2, 3) if alt.group(g) is not None)
                self.alts.append(alt.span(group))
            if name and name not in _FLAT and text[gt - 1] != "/":
                depth += -1 if text.startswith("</", lt) else 1
                if depth > self.max_depth:
                    self.max_depth = depth
            if name in _MEDIA and not text.startswith("</", lt):
                close = self._close_after(name, pos) if text[gt - 1] != "/" else None
                end = close[1] if close is not None else pos
                if not (self.unpublished and self.unpublished[-1][1] >= end):
                    self.unpublished.append((lt, end, name))
            if name in _UNPUBLISHED and not text.startswith("</", lt) and text[gt - 1] != "/":
                close = self._close_after(name, pos)
                if close is None and name in ("noscript", "template"):
                    close = (n, n)  # never closed: it swallows the rest (an <svg> or <select> ends early)
                # words within its first 4,000 characters (bounded: nested or unclosed
                # elements must not make the scan quadratic)
                if close is not None and _WORDS_IN_MARKUP.search(_TAG.sub(" ", text[pos : min(close[0], pos + 4000)])):
                    if not (self.unpublished and self.unpublished[-1][1] >= close[1]):  # not inside the last
                        self.unpublished.append((lt, close[1], name))
            if name and not text.startswith("</", lt) and text[gt - 1] != "/":
                if name in _VOID_ACTIVE:
                    self.active.append((lt, pos, name))  # no content, no closing tag: the tag is all
                elif name in ACTIVE_ELEMENTS or name in _RAW_TEXT:
                    close = self._close_after(name, pos)
                    end = n if close is None else close[1]
                    if name in ACTIVE_ELEMENTS:
                        self.active.append((lt, end, name))
                    pos = end
                elif name in ACTIVE_ELEMENTS:
                    self.active.append((lt, pos, name))
            elif name in ACTIVE_ELEMENTS and not text.startswith("</", lt):
                self.active.append((lt, pos, name))

    def _close_after(self, name: str, pos: int) -> tuple[int, int] | None:
        """The next ``</name>`` at or after ``pos``, each stretch of text searched once."""
        cached = self._closes.get(name)
        if cached is not None and cached[0] <= pos and (cached[1] is None or cached[1][0] >= pos):
            return cached[1]
        m = regex.compile(r"</" + regex.escape(name) + r"\s*>", regex.IGNORECASE).search(self.text, pos)
        found = m.span() if m else None
        self._closes[name] = (pos, found)
        return found


def _attribute_spans(text: str, start: int, end: int) -> list[Span]:
    """An attribute value's text, its character references decoded, mapped to the input."""
    spans: list[Span] = []
    pos = start
    amp = text.find("&", pos, end)
    while amp != -1:
        m = _ENTITY.match(text, amp, end)
        if m and (decoded := html_lib.unescape(m.group(0))) != m.group(0):
            if amp > pos:
                spans.append(Span(text[pos:amp], pos, amp, "same"))
            spans.append(Span(decoded, amp, m.end(), "decoded"))
            pos = m.end()
        amp = text.find("&", amp + 1, end)
    if end > pos:
        spans.append(Span(text[pos:end], pos, end, "same"))
    return spans


class _TextLocator:
    """Finds tree text nodes, in document order, in the decoded data stream."""

    def __init__(self, pos: _Positions):
        self.text = pos.text
        self.alts = pos.alts
        self.alt_cursor = 0
        self.pieces = pos.pieces
        self.starts = [p[0] for p in pos.pieces]
        self.stream = "".join(p[1] for p in pos.pieces)
        self.cursor = 0
        self.last_src = 0

    def locate_alt(self, value: str) -> MappedText | None:
        """The next ``alt`` value in the input that reads as ``value``, or None (the
        parser and the scan disagree: the alt is kept, never repaired)."""
        for k in range(self.alt_cursor, min(len(self.alts), self.alt_cursor + 8)):
            spans = _attribute_spans(self.text, *self.alts[k])
            if "".join(sp.text for sp in spans) == value:
                self.alt_cursor = k + 1
                return MappedText(spans)
        return None

    def locate(self, text: str) -> MappedText:
        at = self.stream.find(text, self.cursor)
        if at == -1:
            return MappedText([Span(text, self.last_src, self.last_src, "decoded")])
        end = at + len(text)
        self.cursor = end
        spans: list[Span] = []
        k = bisect.bisect_right(self.starts, at) - 1
        while k < len(self.pieces) and self.pieces[k][0] < end:
            d0, decoded, s, e, kind = self.pieces[k]
            lo, hi = max(at, d0), min(end, d0 + len(decoded))
            if kind == "same":
                spans.append(Span(decoded[lo - d0 : hi - d0], s + (lo - d0), s + (hi - d0), "same"))
            else:
                spans.append(Span(decoded[lo - d0 : hi - d0], s, e, "decoded"))
            k += 1
        if spans:
            self.last_src = spans[-1].end
        return MappedText(spans)


def _attrs(node: LexborNode) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in node.attributes.items():
        if value is None:
            continue
        if key in KEPT_ATTRS or key.startswith("data-"):
            out[key] = value
    return out


_CELL_BLOCKS = frozenset({"p", "div", "ul", "ol", "blockquote", "pre", "table", "h1", "h2", "h3", "h4", "h5", "h6"})


def _is_layout_table(node: LexborNode) -> bool:
    """A table that lays out a page: marked so, or with a nested table or a heading in a
    cell (an e-mail newsletter). A data table's cell holds no heading."""
    if (node.attributes.get("role") or "").lower() in ("presentation", "none"):
        return True
    return any(c.tag == "table" or c.tag in HEADINGS for cell in node.css("td, th") for c in cell.iter())


def _cells_hold_blocks(node: LexborNode) -> bool:
    """A data table with a list or several paragraphs in a cell: the table model's cells
    hold one line of inline text, so such a table is kept as written."""
    for cell in node.css("td, th"):
        blocks = [c for c in cell.iter() if c.tag in _CELL_BLOCKS]
        if len(blocks) > 1 or any(c.tag not in ("p", "div") for c in blocks):
            return True
    return False


def _layout_cells(node: LexborNode) -> list[LexborNode]:
    """The outermost cells of a layout table, in document order (nested tables are
    read when their cell's blocks are)."""
    out: list[LexborNode] = []

    def visit(n: LexborNode) -> None:  # table > tbody > tr > td: three levels at most
        child = n.child
        while child is not None:
            if child.tag in ("td", "th"):
                out.append(child)
            elif child.tag in ("thead", "tbody", "tfoot", "tr"):
                visit(child)
            child = child.next

    visit(node)
    return out


_CONTROLS = frozenset({"button", "label", "option", "legend", "output"})


def _add_inlines(out: list, kids: list, node: LexborNode, after_control: bool) -> bool:
    """Append ``node``'s inlines to ``out``, a space between a form control's words and its
    neighbour's (``<button>Accept all</button><button>Manage</button>``: two labels); returns
    whether what comes next follows a control (white space between them does not count)."""
    is_control = node.tag in _CONTROLS
    if kids and (is_control or after_control):
        _separate(out, kids)
    out.extend(kids)
    if node.tag != "-text" or (node.text_content or "").strip():
        return is_control
    return after_control


_WRAPPER_TAGS = frozenset({"div", "article", "section", "main"})


def _page_wrappers(body: LexborNode) -> list[LexborNode]:
    """Elements that hold the whole body (``<div dir="rtl" lang="ar">`` around a CMS
    fragment, ``<article lang="sv">``): their language and direction are the page's, not a
    mark on each run of text, and are kept as the page's (``lang_attribute``,
    ``dir_attribute``)."""
    out: list[LexborNode] = []
    node = body
    while len(out) < MAX_DEPTH:
        only = None
        child = node.child
        while child is not None:
            if child.tag == "-text" and not (child.text_content or "").strip() or child.tag == "-comment":
                child = child.next
                continue
            if only is not None or child.tag not in _WRAPPER_TAGS:
                return out
            only = child
            child = child.next
        if only is None:
            return out
        out.append(only)
        node = only
    return out


def _separate(out: list, kids: list) -> None:
    """A space between two runs of text the page shows apart, when neither has one."""
    last, first = (out[-1] if out else None), kids[0]
    if isinstance(last, Text) and isinstance(first, Text) and last.value and first.value \
            and not last.value[-1].isspace() and not first.value[0].isspace():
        out.append(Text(MappedText.detached(" ", last.text.spans[-1].end if last.text.spans else 0), last.lang))


def _holds_blocks(node: LexborNode) -> bool:
    child = node.child
    while child is not None:
        if child.tag in BLOCK_TAGS:
            return True
        child = child.next
    return False


def _significant(node: LexborNode | None, forward: bool) -> LexborNode | None:
    """``node`` or its nearest sibling that is not white space, in one direction."""
    while node is not None and node.tag == "-text" and not (node.text_content or "").strip():
        node = node.next if forward else node.prev
    return node


def _href(node: LexborNode) -> str:
    return (node.attributes.get("href") or "").strip()


def _reopened_link(node: LexborNode, href: str) -> bool:
    """An ``<a>`` around blocks right after a block whose last link has the same href."""
    prev = _significant(node.prev, False)
    if prev is None or prev.tag == "-text":
        return False
    links = prev.css("a[href]") if prev.tag != "a" else [prev]
    return bool(links) and _href(links[-1]) == href


def _reopened_at_start(node: LexborNode, href: str) -> bool:
    """An ``<a>`` the HTML5 parser reopened at the start of a block because the link that
    ends the block before it never closed: the first thing in its block, with the href of
    the last thing in the previous block."""
    parent = node.parent
    if parent is None or parent.tag not in BLOCK_TAGS or _significant(parent.child, True) != node:
        return False
    prev = _significant(parent.prev, False)
    while prev is not None and prev.tag == "a" and not (prev.text() or "").strip():
        prev = _significant(prev.prev, False)  # the parser's empty reopening between the blocks
    if prev is not None and prev.tag == "a" and _href(prev) == href:
        return True  # reopened around the blocks before this one too
    last = _significant(prev.last_child, False) if prev is not None and prev.tag != "-text" else None
    return last is not None and last.tag == "a" and _href(last) == href


class _Builder:
    def __init__(self, locator: _TextLocator, wrappers: frozenset[int] = frozenset()):
        self.locator = locator
        self.broken = False  # a link the parser reopened was dropped: the source's markup is broken
        self.wrappers = wrappers  # elements around the whole body: their lang and dir are the page's

    def inlines(self, node: LexborNode, lang: str | None, depth: int) -> list:
        out: list = []
        child = node.child
        control = False  # the last child was a form control: its words end there
        while child is not None:
            control = _add_inlines(out, self.inline(child, lang, depth + 1), child, control)
            child = child.next
        return out

    def flat_text(self, node: LexborNode, lang: str | None) -> list:
        """Past MAX_DEPTH: keep every word, drop the markup (no recursion)."""
        return [
            Text(self.locator.locate(n.text_content), lang)
            for n in node.traverse(include_text=True)
            if n.tag == "-text" and n.text_content
        ]

    def inline(self, node: LexborNode, lang: str | None, depth: int) -> list:
        tag = node.tag
        if tag == "-text":
            value = node.text_content or ""
            return [Text(self.locator.locate(value), lang)] if value else []
        if tag in ("-comment", "!doctype") or tag in SKIPPED_ELEMENTS:
            return []
        if depth > MAX_DEPTH:
            return self.flat_text(node, lang)
        lang = node.attributes.get("lang") or lang
        if tag == "br":
            return [Break(hard=True)]
        if tag in ("img", "amp-img"):  # AMP pages' image element
            a = node.attributes
            size = {k: a[k] for k in IMAGE_ATTRS if a.get(k) and a[k].isdigit()}
            alt = a.get("alt") or ""
            mapped = self.locator.locate_alt(alt) if alt else None
            if mapped is not None and alt.isascii():
                mapped = None  # nothing to repair
            return [Image(a.get("src") or "", alt, a.get("title"), attrs=size, alt_text=Text(mapped) if mapped else None)]
        if tag == "a":
            href = node.attributes.get("href")
            kids = self.inlines(node, lang, depth)
            if href is None:
                return kids
            if _reopened_at_start(node, href.strip()):
                self.broken = True
                return kids
            return [Link(href.strip(), kids, node.attributes.get("title"))]
        if tag in EMPHASIS:
            return [Emphasis(self.inlines(node, lang, depth))]
        if tag in STRONG:
            return [Strong(self.inlines(node, lang, depth))]
        if tag in MARKUP:
            a = node.attributes
            kept = {k: a[k] for k in MARKUP[tag] if a.get(k)}
            return [Markup(tag, self.inlines(node, lang, depth), kept)]
        if tag in CODE_INLINE:
            text = node.text(deep=True)
            for n in node.traverse(include_text=True):
                if n.tag == "-text" and n.text_content:
                    self.locator.locate(n.text_content)
            return [CodeSpan(text)]
        return self.inlines(node, lang, depth)

    def blocks(self, node: LexborNode, lang: str | None, depth: int) -> list:
        """Children of a block container: blocks, with loose inline runs as paragraphs."""
        out: list = []
        run: list = []

        def flush() -> None:
            if any(not isinstance(n, Text) or n.value.strip() for n in run):
                out.append(Paragraph(list(run)))
            run.clear()

        child = node.child
        control = False
        while child is not None:
            tag = child.tag
            if tag in BLOCK_TAGS and depth <= MAX_DEPTH:
                flush()
                out.extend(self.block(child, lang, depth + 1))
                control = False
            elif depth <= MAX_DEPTH and tag not in SKIPPED_ELEMENTS and _holds_blocks(child):
                flush()
                out.extend(self._inline_around_blocks(child, lang, depth + 1))
                control = False
            else:
                control = _add_inlines(run, self.inline(child, lang, depth + 1), child, control)
            child = child.next
        flush()
        return out

    def _inline_around_blocks(self, node: LexborNode, lang: str | None, depth: int) -> list:
        """An inline element around whole blocks keeps them apart. A link around a card
        (``<a href><h2>…</h2><p>…</p></a>``) links each block's text; a link the HTML5
        parser reopened after a ``<p>`` closed an ``<a>`` that never closed (same href
        as the link that ends the block before it) is not the author's and is dropped."""
        lang = node.attributes.get("lang") or lang
        blocks = self.blocks(node, lang, depth)
        href = _href(node) if node.tag == "a" else ""
        if not href:
            return blocks
        if _reopened_link(node, href):
            self.broken = True
            return blocks
        for b in blocks:
            if isinstance(b, (Paragraph, Heading)) and b.children:
                b.children = [Link(href, b.children, node.attributes.get("title"))]
        return blocks

    def block(self, node: LexborNode, lang: str | None, depth: int) -> list:
        tag = node.tag
        attrs = _attrs(node)
        if node.mem_id not in self.wrappers:
            lang = attrs.get("lang") or lang
        if tag in HEADINGS:
            return [Heading(HEADINGS[tag], self.inlines(node, lang, depth), attrs=attrs)]
        if tag in ("p", "dt", "summary", "figcaption", "caption"):
            kids = self.inlines(node, lang, depth)
            kind = tag if tag in ("dt", "summary", "figcaption") else "p"
            if all(isinstance(k, Text) and not k.value.strip() for k in kids):
                return []  # empty, or a CMS spacer (<p>&nbsp;</p>): no words, and the writer drops it
            return [Paragraph(kids, attrs=attrs, tag=kind)]
        if tag in CONTAINERS:
            a = node.attributes
            attrs.update({k: a[k] or "" for k in CONTAINERS[tag] if k in a})
            inner = self.blocks(node, lang, depth)
            return [Container(tag, inner, attrs=attrs)] if inner else []
        if tag in ("ul", "ol"):
            items: list[ListItem] = []
            child = node.child
            while child is not None:
                if child.tag == "li":
                    items.append(ListItem(self.blocks(child, lang, depth + 1), attrs=_attrs(child)))
                elif child.tag != "-text" or (child.text_content or "").strip():
                    extra = self.blocks_of(child, lang, depth + 1)
                    if extra:
                        items.append(ListItem(extra))
                child = child.next
            start = node.attributes.get("start") or "1"
            if tag == "ol":  # a countdown (reversed) or a lettered list (type="a") keeps its numbering
                attrs.update({k: node.attributes[k] or "" for k in ("reversed", "type") if k in node.attributes})
            return [ListBlock(tag == "ol", items, int(start) if start.isdigit() else 1, attrs=attrs)]
        if tag == "li":
            return [ListBlock(False, [ListItem(self.blocks(node, lang, depth), attrs=attrs)])]
        if tag == "blockquote":
            return [Quote(self.blocks(node, lang, depth), attrs=attrs)]
        if tag == "pre":
            code = node.text(deep=True)
            for n in node.traverse(include_text=True):
                if n.tag == "-text" and n.text_content:
                    self.locator.locate(n.text_content)
            inner = node.css_first("code")
            info = ""
            if inner is not None:
                for cls in (inner.attributes.get("class") or "").split():
                    if cls.startswith("language-"):
                        info = cls[len("language-") :]
            return [Code(code, info, attrs=attrs)]
        if tag == "hr":
            return [Rule(attrs=attrs)]
        if tag == "table":
            if _is_layout_table(node):
                # a table that lays out a page (an e-mail newsletter): its cells hold the
                # article's blocks, read in order; the table itself is no data
                out: list = []
                for cell in _layout_cells(node):
                    out.extend(self.blocks(cell, lang, depth + 1))
                return out
            if _cells_hold_blocks(node) or any(
                    (c.attributes.get("colspan") or "1") != "1" or (c.attributes.get("rowspan") or "1") != "1"
                    for c in node.css("td, th")):
                # merged cells, lists in cells have no place in the table model: keep the table as written
                for n in node.traverse(include_text=True):
                    if n.tag == "-text" and n.text_content:
                        self.locator.locate(n.text_content)
                from cleanup.writers.html import sanitize  # kept as written, never with active markup

                return [Raw(sanitize(node.html or ""), attrs=attrs)]
            caption = node.css_first("caption")
            before = [Paragraph(self.inlines(caption, lang, depth + 1))] if caption is not None else []
            return [b for b in before if b.children] + [self.table(node, lang, depth)]
        return self.blocks(node, lang, depth)

    def blocks_of(self, node: LexborNode, lang: str | None, depth: int) -> list:
        if node.tag in BLOCK_TAGS:
            return self.block(node, lang, depth)
        kids = self.inline(node, lang, depth)
        return [Paragraph(kids)] if kids else []

    def table(self, node: LexborNode, lang: str | None, depth: int) -> Table:
        table = Table(attrs=_attrs(node))
        for tr in node.css("tr"):
            cells = [self.inlines(c, lang, depth + 2) for c in tr.iter() if c.tag in ("td", "th")]
            is_head = all(c.tag == "th" for c in tr.iter() if c.tag in ("td", "th"))
            if is_head and not table.header and not table.rows:
                table.header = cells
            else:
                table.rows.append(cells)
        # no <th> row: the table has no header (the Markdown writer, which needs one, uses the first row)
        width = max([len(table.header)] + [len(r) for r in table.rows])
        if table.header:
            table.header += [[] for _ in range(width - len(table.header))]
        for r in table.rows:
            r += [[] for _ in range(width - len(r))]
        table.align = [None] * width
        return table


def read_html(source: Source) -> Document:
    doc = Document(source=source, format="html")
    text = source.text
    doc.page = bool(_PAGE.match(text))
    positions = _Positions(text)
    if positions.max_depth > MAX_NESTING:
        raise InputError(TOO_DEEP_TEXT.format(limit=MAX_NESTING))
    tree = LexborHTMLParser(text)
    head = tree.head
    if head is not None:
        title = head.css_first("title")
        if title is not None and title.text().strip():
            doc.metadata["title"] = " ".join(title.text().split())
        for link in head.css("link[rel]"):
            if "canonical" in (link.attributes.get("rel") or "").lower().split() and link.attributes.get("href"):
                doc.metadata["canonical_url"] = link.attributes["href"]
        base = head.css_first("base[href]")
        if base is not None:
            doc.metadata["base_url"] = base.attributes["href"]
    root = tree.root
    if root is not None and root.attributes.get("lang"):
        doc.metadata["lang_attribute"] = root.attributes["lang"]
    for holder in (root, tree.body):  # WordPress RTL themes put dir on <body>
        if holder is not None and (holder.attributes.get("dir") or "").lower() in ("rtl", "ltr", "auto"):
            doc.metadata.setdefault("dir_attribute", holder.attributes["dir"].lower())  # kept on the rebuilt page
    # the head's own text (title) sits before the body in the stream: step past it
    locator = _TextLocator(positions)
    if head is not None:
        for n in head.traverse(include_text=True):
            if n.tag == "-text" and n.text_content and n.parent is not None and n.parent.tag == "title":
                mapped = locator.locate(n.text_content)
                if doc.head_title is None:
                    doc.head_title = Text(mapped)  # the encoding filter repairs it with the body
    body = tree.body
    if body is not None:
        lifted: list[int] = []
        for w in _page_wrappers(body):  # the outermost wins, after the root's own
            lang = (w.attributes.get("lang") or "").strip()
            page_lang = doc.metadata.get("lang_attribute")
            if lang and page_lang and primary_language(lang) != primary_language(str(page_lang)):
                break  # another language than the page's: a mark on its text, kept there
            if lang:
                doc.metadata.setdefault("lang_attribute", lang)
            direction = (w.attributes.get("dir") or "").strip().lower()
            if direction in ("rtl", "ltr", "auto"):
                doc.metadata.setdefault("dir_attribute", direction)
            lifted.append(w.mem_id)
        builder = _Builder(locator, frozenset(lifted))
        doc.blocks = builder.blocks(body, None, 0)
        doc.broken_markup = builder.broken
    for start, end, name in positions.active:
        doc.record("sanitize", "removed", start, end, None, reason=f"<{name}> is active content and is never published")
        doc.removed_markup.append((start, end))
    for start, end, name in positions.unpublished:
        if not any(s <= start < e for s, e, _ in positions.active):
            doc.record("sanitize", "removed", start, end, None, reason=_UNPUBLISHED.get(name) or _MEDIA[name])
            doc.removed_markup.append((start, end))
    return doc
