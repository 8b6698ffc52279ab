"""Structure filter: title, headings, paragraphs and lists, inferred or normalized.

Plain-text input (the text reader infers nothing) gets its structure here, and
every decision is a recorded change: the first line becomes the title (H1) when it
reads like one, short heading-like lines followed by body text become section
headings (H2; H3 and deeper only where numbering such as ``2.1`` shows nesting),
bullet and numbered lines become Markdown lists (``-`` and ``1.``, nested by
indentation, original start numbers kept), single-newline separated lines become
paragraphs (a stanza's lines, and the lines of a table laid out in columns with
spaces, stay lines of one paragraph, by hard breaks), and hard-wrapped lines are
joined back into one paragraph.

Markdown and HTML input keep their structure; only fake headings (a paragraph that
is nothing but bold text, a short ALL CAPS line) become headings, skipped heading
levels are closed up (H1→H3 becomes H1→H2) and extra H1s are demoted so that a
document has one title. A document whose structure is already right gets no change.

False-positive policy: a false heading is worse than a missed one. A line becomes
a heading only when the line itself is heading-like (short, no sentence-final
punctuation, upper-case initial in cased scripts, no byline/date/label/URL/link-only
line; see :func:`cleanup.structure_rules.heading_like`) *and* its context agrees:
it starts a block or follows a finished sentence or a list, and it is followed by
body text (a sentence or a longer line) or a list. Two heading-like lines in a row
stay paragraphs. When in doubt the line stays a paragraph.

Changes: one ``normalized`` change per inferred heading, per list item whose Markdown
line differs from the input line (``•`` → ``-``, ``a)`` → ``1.``), per converted
fake heading, per re-levelled heading, and per run of spaces collapsed (not the gaps
between the columns of two or more such lines in a row); ``before``
is always the exact input line(s). Splitting lines into paragraphs and joining
hard-wrapped lines change only line breaks and are not recorded.
"""

from __future__ import annotations

import bisect
import dataclasses
from dataclasses import dataclass, field

import regex

from cleanup.document import (
    Block,
    Break,
    Code,
    Document,
    Emphasis,
    Heading,
    Inline,
    Link,
    ListBlock,
    ListItem,
    Paragraph,
    Quote,
    Rule,
    Strong,
    Table,
    Text,
)
from cleanup.filters import Filter
from cleanup.lazy_pattern import LazyPattern
from cleanup.mapped import MappedText
from cleanup.structure_rules import (
    TERMINAL,
    COLON_END,
    MONTHS,
    ends_dangling,
    ends_terminal,
    heading_like,
    is_cased,
    is_cased_all_caps,
    is_date_line,
    is_field_line,
    is_label_line,
    is_title_case,
    is_wide,
    line_bounds,
    one_line,
    labelled_link,
    only_link,
    plain,
    source_range,
    split_lines,
    continues_lower,
    starts_lower,
    width,
)

NAME = "structure"

# Japanese writes its bullet (・) without a space after it
_BULLET = LazyPattern(r"^(?:([-*•·‣▪◦–—●○■□➢➤►▶✓✔])[ \t\u00a0]+|(・)[ \t\u00a0\u3000]*)(?=\S)")
_ORDERED = LazyPattern(
    r"^(?:(?P<dec>\d{1,3})(?P<dd>[.)])[ \t\u00a0]+"
    r"|\((?P<pdec>\d{1,3})\)[ \t\u00a0]*"
    r"|（(?P<fdec>\d{1,3})）[ \t\u00a0]*"
    r"|(?P<circ>[①-⑳])[ \t\u00a0]*"
    r"|(?P<cdec>\d{1,3})、[ \t\u00a0]*"
    r"|(?P<alpha>[a-z])(?P<ad>[.)])[ \t\u00a0]+"
    r"|\((?P<palpha>[a-z])\)[ \t\u00a0]+"
    r"|(?=[ivx])(?P<roman>x{0,3}(?:ix|iv|v?i{0,3}))(?P<rd>[.)])[ \t\u00a0]+"
    r"|(?P<cjk>[一二三四五六七八九十]{1,3})[、．][ \t\u00a0]*"
    r"|[（(](?P<pcjk>[一二三四五六七八九十]{1,3})[）)][ \t\u00a0]*"
    r")(?=\S)"
)
_RULE_LINE = LazyPattern(r"^(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,}|(?:·[ \t]*){3,}|(?:•[ \t]*){3,})$")
_UNDERLINE = LazyPattern(r"^(?:=+|-+)$")
_DECIMAL_NUMBERING = LazyPattern(r"^\d{1,3}((?:\.\d{1,3}){1,4})\.?[ \t]")
_SPACE_RUN = LazyPattern(r"(?<=\S)[ \t]{2,}(?=\S)|(?<=\S)\t(?=\S)")
_LABEL = LazyPattern(r"^([^\s:：][^:：\n]{0,40}?)[ \t]?([:：])(?=\s)")
_SUB_BULLETS = frozenset("◦○▪■‣–·□")
_CJK_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NEEDS_RUN = frozenset({"alpha", "palpha", "roman", "bullet:–", "bullet:—", "bullet:·", "bullet:*"})
_HEADING_KINDS = frozenset({"dec.", "dec)", "cdec", "cjk", "pcjk", "pdec", "fdec"})
_FULL = 0.7
_COMMAND_LIKE = LazyPattern(
    r"(?:^|\s)--[a-z][\w-]*|^\$\s|^(?:pip3?|npm|npx|git|sudo|cd|ls|python3?|docker|kubectl|curl|wget|brew|apt(?:-get)?"
    r"|yarn|cargo|go|make|ssh|chmod|mkdir)\s+\S|\b\w+(?:Error|Exception):|\w\(\)"
)
# "良い点：電池持ちが良い" / "장점: 야간 사진": a short label and its value on a line of its own
_SHORT_FIELD = LazyPattern(r"^[^\s:：。，、,.!?！？「」“”\"]{1,8}[:：]\s*\S")
_TIME_ENTRY = LazyPattern(r"^\p{L}{0,5}\s?\d{1,2}(?:[.:h]\d{2}|\s?(?:uhr|h|am|pm)\b)", regex.IGNORECASE)
_HANGUL = LazyPattern(r"\p{Script=Hangul}")
_QUOTE_MARK = LazyPattern(r">[ \t]?(?=\S)")
_HTML_BULLET = LazyPattern(r"[-*•·‣▪●■➢➤►▶✓✔・][ \t\u00a0]+(?=\S)")
_UNICODE_BULLET = LazyPattern(r"[•·‣▪◦●○■□➢➤►▶✓✔・]")
_MONTH_NEXT = LazyPattern(MONTHS + r"\b", regex.IGNORECASE)
_QUESTION = LazyPattern(r"[?？؟]")
_SHORT_LINE = 30  # columns: a shorter unfinished line is not prose someone wrapped


@dataclass(frozen=True)
class StructureOptions:
    """infer: build structure for plain-text input. fake_headings: bold-only and ALL
    CAPS paragraphs of Markdown/HTML become headings. fix_levels: no skipped heading
    levels, one H1. bold_labels: bold the ``Label:`` of ``Label: text`` list items.
    collapse_spaces: runs of spaces inside text become one space (never in code)."""

    infer: bool = True
    fake_headings: bool = True
    fix_levels: bool = True
    bold_labels: bool = False
    collapse_spaces: bool = True


def _cjk_number(s: str) -> int:
    if s == "十":
        return 10
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (_CJK_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CJK_DIGITS.get(ones, 0) if ones else 0)
    return _CJK_DIGITS.get(s, 0)


def _roman(s: str) -> int:
    values = {"i": 1, "v": 5, "x": 10}
    total = 0
    for k, ch in enumerate(s):
        v = values[ch]
        total += -v if k + 1 < len(s) and values[s[k + 1]] > v else v
    return total


@dataclass(slots=True)
class _Marker:
    kind: str  # "bullet:<char>" or an ordered numbering style
    ordinal: int  # 0 for bullets
    end: int  # offset of the item text after the marker

    @property
    def ordered(self) -> bool:
        return not self.kind.startswith("bullet:")


def parse_marker(text: str) -> _Marker | None:
    """The list marker at the start of ``text``, if any."""
    m = _BULLET.match(text)
    if m:
        return _Marker("bullet:" + (m.group(1) or m.group(2)), 0, m.end())
    m = _ORDERED.match(text)
    if not m:
        return None
    g = m.groupdict()
    if g["dec"]:
        if g["dd"] == "." and (int(g["dec"]) >= 1000 or _MONTH_NEXT.match(text, m.end())):
            return None  # a date: "1. oktober er fristen", "2025. december 3."
        return _Marker("dec" + g["dd"], int(g["dec"]), m.end())
    if g["pdec"]:
        if int(g["pdec"]) >= 100:
            return None  # "(212) 555-0188" is a phone number
        return _Marker("pdec", int(g["pdec"]), m.end())
    if g["fdec"]:
        return _Marker("fdec", int(g["fdec"]), m.end())
    if g["circ"]:
        return _Marker("circ", ord(g["circ"]) - ord("①") + 1, m.end())
    if g["cdec"]:
        return _Marker("cdec", int(g["cdec"]), m.end())
    if g["alpha"]:
        return _Marker("alpha", ord(g["alpha"]) - ord("a") + 1, m.end())
    if g["palpha"]:
        return _Marker("palpha", ord(g["palpha"]) - ord("a") + 1, m.end())
    if g["roman"]:
        return _Marker("roman", _roman(g["roman"]), m.end())
    if g["cjk"]:
        return _Marker("cjk", _cjk_number(g["cjk"]), m.end())
    if g["pcjk"]:
        return _Marker("pcjk", _cjk_number(g["pcjk"]), m.end())
    return None


@dataclass(slots=True)
class _Line:
    nodes: list[Inline]
    text: str
    start: int
    end: int
    indent: int
    group: int
    first: bool
    marker: _Marker | None = None
    role: str = "para"  # title | heading | setext | underline | rule | item | cont | para | line | block
    level: int = 2
    run: int = -1  # consecutive paragraph lines of one blank-line group (wrap unit)
    conts: list[int] = field(default_factory=list)
    stanza: bool = False  # a line of a stanza: kept as a line of one paragraph (hard break)
    cruft: bool = False  # flagged by boilerplate as share/read-more cruft: never a title or heading


def _join_lines(parts: list[tuple[list[Inline], str]]) -> list[Inline]:
    """Lines of inlines joined by their separators; adjacent texts become one Text
    (built in one pass: a long hard-wrapped paragraph stays linear)."""
    out: list[Inline] = []
    spans: list = []
    lang: str | None = None

    def close() -> None:
        if spans:
            out.append(Text(MappedText(list(spans)), lang))
            spans.clear()

    for k, (nodes, sep) in enumerate(parts):
        for j, node in enumerate(nodes):
            if j == 0 and k and sep:
                if not isinstance(node, Text) or node.lang != lang or not spans:
                    close()
                    lang = node.lang if isinstance(node, Text) else None
                at = spans[-1].end if spans else ((source_range([node]) or (0, 0))[0])
                spans.extend(MappedText.detached(sep, at).spans)
            if isinstance(node, Text):
                if spans and node.lang != lang:
                    close()
                lang = node.lang
                spans.extend(node.text.spans)
            else:
                close()
                out.append(node)
    close()
    return out


def _ends_with_url(text: str) -> bool:
    last = text.rsplit(None, 1)[-1] if text.strip() else ""
    return last.startswith(("http://", "https://", "www."))


def _join_sep(prev: str, cur: str) -> str:
    if not prev or not cur:
        return ""
    if is_wide(prev[-1]) and is_wide(cur[0]) and not (_HANGUL.match(prev[-1]) or _HANGUL.match(cur[0])):
        return ""  # Chinese and Japanese run on; Korean separates its words with spaces
    if prev.endswith("-") and len(prev) > 1 and prev[-2].isalpha() and cur[0].isalpha():
        return ""
    return " "


def _trim_colon(nodes: list[Inline]) -> list[Inline]:
    """Drop a trailing ``:`` (a heading is not a lead-in sentence)."""
    nodes = list(nodes)
    container = nodes
    while container and isinstance(container[-1], (Strong, Emphasis)):
        inner = container[-1]
        container = inner.children
    if container and isinstance(container[-1], Text):
        t = container[-1]
        m = COLON_END.search(t.value)
        if m:
            sliced = t.text.slice(0, m.start())
            if str(sliced):
                container[-1] = Text(sliced, t.lang)
            else:
                container.pop()
    return nodes


def _strip_edges(nodes: list[Inline]) -> list[Inline]:
    nodes = list(nodes)
    while nodes and isinstance(nodes[0], Text) and not nodes[0].value.strip():
        nodes.pop(0)
    while nodes and isinstance(nodes[-1], Text) and not nodes[-1].value.strip():
        nodes.pop()
    if nodes and isinstance(nodes[0], Text):
        v = nodes[0].value
        k = len(v) - len(v.lstrip())
        if k:
            nodes[0] = Text(nodes[0].text.slice(k, len(v)), nodes[0].lang)
    if nodes and isinstance(nodes[-1], Text):
        v = nodes[-1].value
        k = len(v.rstrip())
        if k < len(v):
            nodes[-1] = Text(nodes[-1].text.slice(0, k), nodes[-1].lang)
    return nodes


_TITLE_LABEL = LazyPattern(r"^(?:title|titel|titre|título|titolo|tytuł|заголовок|标题|標題|タイトル)\s*[:：]\s*(?=\S)",
                           regex.IGNORECASE)


def _strip_title_label(nodes: list[Inline]) -> list[Inline]:
    """``Title: Five Habits of Remote Teams`` (an LLM's label) → ``Five Habits of Remote Teams``."""
    if nodes and isinstance(nodes[0], Text):
        m = _TITLE_LABEL.match(nodes[0].value)
        if m and m.end() < len(nodes[0].value):
            return [Text(nodes[0].text.slice(m.end(), len(nodes[0].value)), nodes[0].lang), *nodes[1:]]
    return nodes


def _teaser_line(line: _Line) -> bool:
    """A line that is a link alone, or a short label and a link (``Read also: [Title](…)``),
    not a sentence that ends in one."""
    if only_link(line.nodes):
        return True
    return labelled_link(line.nodes) and width(line.text) - width(plain([n for n in line.nodes if isinstance(n, Link)])) <= 24


def _body_like(line: _Line, after: _Line, continued: bool = False) -> bool:
    """Is ``after`` body text for a heading ``line``: a list, a sentence, a longer
    line, or the first line of a hard-wrapped paragraph (``continued``)?"""
    if after.role in ("item", "cont"):
        return True
    if after.role not in ("para",):
        return False
    if only_link(after.nodes):
        return False
    if continued:
        return True
    return ends_terminal(after.text) or width(after.text) >= max(2 * width(line.text), 60)


class StructureFilter(Filter):
    name = NAME
    Options = StructureOptions

    def apply(self, doc: Document) -> None:
        created: dict[int, int] = {}  # id(heading this pass made) -> index of its change
        if doc.format == "text" and self.options.infer:
            self._infer(doc, created)
        elif doc.format in ("markdown", "html") and self.options.fake_headings:
            self._fake_headings(doc, created)
        if doc.format == "markdown" and self.options.infer:
            self._bullet_paragraphs(doc, created)
        if doc.format == "html" and self.options.infer:
            self._html_bullet_paragraphs(doc, created)
        if self.options.fix_levels:
            self._fix_levels(doc, created)
        first = next((b for b in doc.blocks if isinstance(b, Heading)), None)
        if doc.title is None and first is not None and first.level == 1:
            doc.title = one_line(plain(first.children)) or None
        if self.options.collapse_spaces and doc.format != "html":
            self._collapse_spaces(doc)

    def _bullet_paragraphs(self, doc: Document, created: dict[int, int]) -> None:
        """A Markdown paragraph whose every line starts with a bullet Markdown does not know
        (``• Tent``, ``・海外``) renders as one run-on line: it becomes a list, as in text."""
        for k, b in enumerate(doc.blocks):
            if not isinstance(b, Paragraph) or b.src is None:
                continue
            lines = split_lines(b.children)
            if len(lines) < 2 or not all(_UNICODE_BULLET.match(plain(line).lstrip()) for line in lines):
                continue
            built = self._structure(doc, self._lines(doc, [b], 0), False, created)
            if len(built) == 1 and isinstance(built[0], ListBlock):
                doc.blocks[k] = built[0]
                doc.touched = True

    def _html_bullet_paragraphs(self, doc: Document, created: dict[int, int]) -> None:
        """A list an editor or extractor flattened into HTML paragraphs: consecutive
        ``<p>- item</p>`` paragraphs, or one ``<p>`` of ``<br>``-separated ``- item`` lines,
        becomes a list, as in text. Only hyphen and bullet-sign markers (a dash opens
        dialogue in many languages), only two items or more, and only when every line of
        the run is an item."""
        blocks = doc.blocks
        out: list[Block] = []
        k = 0
        changed = False
        while k < len(blocks):
            run: list[Paragraph] = []
            j = k
            while j < len(blocks) and isinstance(blocks[j], Paragraph) and blocks[j].tag == "p":
                lines = split_lines(blocks[j].children)
                if not lines or not all(_HTML_BULLET.match(plain(line).lstrip()) for line in lines):
                    break
                run.append(blocks[j])
                if len(lines) > 1:  # a <br>-separated list is a list of its own
                    j += 1
                    break
                j += 1
            items = sum(len(split_lines(p.children)) for p in run)
            if (items >= 3 or items == 2 and self._introduces_list(out[-1] if out else None)) and (
                    len(run) == 1 or all(len(split_lines(p.children)) == 1 for p in run)):
                lines = self._lines(doc, run, 0)
                for n, line in enumerate(lines):
                    line.indent = 0  # the markup before a line is no indentation
                    if n and line.start < lines[n - 1].end:  # <br>-separated items on one source line
                        at = source_range(line.nodes)[0]
                        lines[n - 1].end, line.start = at, at  # each change its own item and <br>
                mark = len(doc.changes)
                built = self._structure(doc, lines, False, created)
                if len(built) == 1 and isinstance(built[0], ListBlock) and len(built[0].items) == items:
                    out.append(built[0])
                    changed = True
                    k = j
                    continue
                del doc.changes[mark:]
            out.append(blocks[k])
            k += 1
        if changed:
            doc.blocks = out
            doc.touched = True

    @staticmethod
    def _introduces_list(block: Block | None) -> bool:
        """Two hyphen lines are a list after a heading or a line ending in a colon; else
        they may as well be two lines of dialogue."""
        if isinstance(block, Heading):
            return True
        return isinstance(block, Paragraph) and plain(block.children).rstrip().endswith((":", "："))

    # -- plain text ----------------------------------------------------------------

    def _lines(self, doc: Document, paragraphs: list[Paragraph], group0: int) -> list[_Line]:
        src = doc.source.text
        lines: list[_Line] = []
        for g, para in enumerate(paragraphs):
            for k, nodes in enumerate(split_lines(para.children)):
                nodes = _strip_edges(nodes)
                rng = source_range(nodes)
                if rng is None:
                    continue
                s, e = line_bounds(doc, rng[0], rng[1])
                line_start = src.rfind("\n", 0, s) + 1
                indent = len(src[line_start:s].expandtabs(4))
                lines.append(_Line(nodes, plain(nodes).strip(), s, e, indent, group0 + g, k == 0))
        return lines

    def _infer(self, doc: Document, created: dict[int, int]) -> None:
        out: list[Block] = []
        run: list[Paragraph] = []
        tail_from = len(doc.blocks)
        for k, b in enumerate(doc.blocks):
            if isinstance(b, Rule):  # a filter (boilerplate) put a footer after it: leave it
                tail_from = k
                break
        group = 0
        segments: list[list[_Line]] = []
        opaque: list[Block | None] = []
        for b in doc.blocks[:tail_from]:
            if isinstance(b, Paragraph):
                run.append(b)
                continue
            if run:
                segments.append(self._lines(doc, run, group))
                group += len(run)
                opaque.append(None)
                run = []
            segments.append([])
            opaque.append(b)
        if run:
            segments.append(self._lines(doc, run, group))
            opaque.append(None)
        changed = False
        first_segment = True
        for lines, block in zip(segments, opaque):
            if block is not None:
                out.append(block)
                continue
            out.extend(self._structure(doc, lines, first_segment, created))
            first_segment = False
            changed = True
        if changed:
            doc.blocks = out + doc.blocks[tail_from:]
            doc.touched = True

    def _structure(self, doc: Document, lines: list[_Line], allow_title: bool,
                   created: dict[int, int]) -> list[Block]:
        if not lines:
            return []
        self._classify(lines)
        self._mark_cruft(doc, lines)
        wrapped = self._wrapped_groups(lines)
        self._find_title(lines, wrapped, allow_title)
        self._find_headings(lines, wrapped, doc.language)
        self._question_headings(lines, wrapped, doc.language)
        self._numbered_headings(lines, wrapped)
        return self._build(doc, lines, wrapped, created)

    @staticmethod
    def _mark_cruft(doc: Document, lines: list[_Line]) -> None:
        """Lines the boilerplate filter flagged as share/read-more cruft ("Dela artikeln: Facebook |
        X | LinkedIn", "Jaa artikkeli"): no heading (it reads like one), and no heading-like line
        either for the line after it, which starts a section as after a rule."""
        flagged = {c.start for c in doc.changes if c.filter == "boilerplate" and c.action == "flagged"}
        if flagged:
            for line in lines:
                if line.start in flagged and line.role == "para":
                    line.cruft = True

    def _classify(self, lines: list[_Line]) -> None:
        n = len(lines)
        for i, line in enumerate(lines):
            t = line.text
            if i + 1 < n and lines[i + 1].group == line.group and _UNDERLINE.match(lines[i + 1].text) \
                    and len(lines[i + 1].text) >= 3 and not parse_marker(t) and not ends_terminal(t):
                line.role = "setext"
                line.level = 1 if lines[i + 1].text[0] == "=" else 2
                lines[i + 1].role = "underline"
                continue
            if line.role == "underline":
                continue
            if len(t) <= 80 and _RULE_LINE.match(t):
                line.role = "rule"
                continue
            if line.nodes and isinstance(line.nodes[0], Text) and _QUOTE_MARK.match(line.nodes[0].value):
                line.role = "quote"  # "> " quoting, as in e-mail: a blockquote, its lines kept
                continue
            if line.nodes and isinstance(line.nodes[0], Text):
                m = parse_marker(line.nodes[0].value)
                if m is not None and m.end < len(line.nodes[0].value) + (1 if len(line.nodes) > 1 else 0):
                    line.marker = m
                    line.role = "item"
        # roman numerals that look like letters: i. ii. iii. / iv. v.
        for i, line in enumerate(lines):
            m = line.marker
            if m is None or m.kind not in ("alpha",):
                continue
            letter = chr(ord("a") + m.ordinal - 1)
            if letter == "i":
                nxt = lines[i + 1].marker if i + 1 < n else None
                if nxt is not None and nxt.kind == "roman":
                    m.kind, m.ordinal = "roman", 1
            elif letter in "vx":
                prv = lines[i - 1].marker if i else None
                if prv is not None and prv.kind == "roman":
                    m.kind, m.ordinal = "roman", _roman(letter)
        # markers that need company (dashes, letters, roman numerals) alone are text
        for i, line in enumerate(lines):
            m = line.marker
            if m is None or m.kind not in _NEEDS_RUN:
                continue
            ok = False
            for j in (i - 1, i + 1):
                if 0 <= j < n and lines[j].marker is not None and lines[j].marker.kind == m.kind:
                    if not m.ordered or abs(lines[j].marker.ordinal - m.ordinal) == 1:
                        ok = True
            if m.kind in ("bullet:–", "bullet:—") and regex.search(r"\s[–—]\s", line.text[m.end:]):
                ok = False  # dialogue: "— Yes, — he said."
            if not ok:
                line.marker = None
                line.role = "para"
        self._keep_unlistable(lines)
        # continuation lines of items: indented, or lazy (lower-case, item unfinished)
        owner: int | None = None
        for i, line in enumerate(lines):
            if line.role == "item":
                owner = i
                continue
            if owner is None or line.role != "para":
                owner = None
                continue
            item = lines[owner]
            prev = lines[i - 1]
            indented = line.indent > item.indent
            lazy = line.group == prev.group and not ends_terminal(prev.text) and starts_lower(line.text)
            if indented or lazy:
                line.role = "cont"
                item.conts.append(i)
            else:
                owner = None

    @staticmethod
    def _keep_unlistable(lines: list[_Line]) -> None:
        """A numbering Markdown would change stays as written. Letters and roman numerals
        (``a)`` would become ``1.``, and "clause (b)" point nowhere) become bullet items that
        keep their label as text; numbers that do not count up by one (a countdown
        ``3. 2. 1.``, a gap ``1. 2. 5.``: Markdown renumbers from the first) stay lines of text."""
        i, n = 0, len(lines)
        while i < n:
            m = lines[i].marker
            if m is None:
                i += 1
                continue
            j = i  # the run of items with this kind of marker
            while j + 1 < n and lines[j + 1].marker is not None and lines[j + 1].marker.kind == m.kind:
                j += 1
            run = lines[i : j + 1]
            above = lines[i - 1] if i else None
            i = j + 1
            ordinals = [line.marker.ordinal for line in run]
            if m.kind in ("bullet:–", "bullet:—"):  # dialogue: "– Czy jest pan zadowolony?"
                keep_as_lines = (sum(line.text.rstrip()[-1:] in _SPOKEN_END for line in run) * 2 >= len(run)
                                 and not _announced_dash_list(run, above))
            else:  # a count Markdown would change
                keep_as_lines = m.ordered and any(b != a + 1 for a, b in zip(ordinals, ordinals[1:]))
            if m.kind in ("alpha", "palpha", "roman"):
                for line in run:
                    line.marker = _Marker("bullet:" + m.kind, 0, 0)
            elif keep_as_lines:
                for line in run:
                    line.marker, line.role = None, "line"

    def _wrapped_groups(self, lines: list[_Line]) -> dict[int, int]:
        """Groups that are hard-wrapped text, with their wrap width."""
        groups: dict[int, list[_Line]] = {}
        run = 0
        for k, line in enumerate(lines):
            if k and (line.group != lines[k - 1].group or line.role != "para" or lines[k - 1].role != "para"):
                run += 1
            line.run = run
            groups.setdefault(run, []).append(line)
        out: dict[int, int] = {}
        group_sizes: dict[int, int] = {}
        for line in lines:
            group_sizes[line.group] = group_sizes.get(line.group, 0) + 1
        for g, members in groups.items():
            text_lines = [m for m in members if m.role == "para"]
            if self._columns(members):
                continue  # a timetable laid out in columns: its lines stay lines of one block
            if len(group_sizes) >= 3 and len(text_lines) >= 3 and len(text_lines) == group_sizes[members[0].group] \
                    and max(width(m.text) for m in text_lines) < 45 and not self._verse(text_lines) \
                    and sum(is_field_line(m.text) for m in text_lines) * 2 < len(text_lines) \
                    and sum(_SENTENCE_END.search(m.text.rstrip()) is not None for m in text_lines) * 2 < len(text_lines):
                # three or more short open lines the writer set apart by blank lines, in a text that
                # separates its paragraphs by them: an address, a contact block; its lines stay
                # lines of one block, not one paragraph each (a timetable's or fact box's field
                # lines, a byline and its date, stay lines of their own as before)
                for m in text_lines:
                    m.stanza = True
                continue
            if len(text_lines) < 3:
                continue  # two lines: only a lower-case continuation joins them
            if sum(is_field_line(m.text) for m in text_lines) * 2 >= len(text_lines):
                continue  # a timetable, a fact box: each line stands alone
            w = max(width(m.text) for m in text_lines)
            if self._verse(text_lines):
                out[g] = VERSE  # short lines, half ending in punctuation: a poem, a song; lines stay
                # a stanza's sentences run on over its lines ("… goes home,\nslowly, then …"); short
                # lines that each end a sentence are one-line paragraphs (a short news item), not verse
                open_lines = [m for m in text_lines[:-1] if not _SENTENCE_END.search(m.text.rstrip())]
                if len(open_lines) * 2 > len(text_lines) - 1:
                    for m in text_lines:
                        m.stanza = True
                continue
            if w > 110 or w < 45:  # narrower than 45 columns: not prose someone wrapped
                continue
            non_last = text_lines[:-1]
            full = [m for m in non_last if width(m.text) >= _FULL * w]
            open_ended = [m for m in full if not ends_terminal(m.text)]
            # wrapped prose breaks most full lines mid-sentence; one line without a final stop
            # among one-line paragraphs ("… up from 32,000 last year 🎉") is no wrap
            if len(full) >= 0.6 * len(non_last) and len(open_ended) >= max(2, 0.5 * len(full)):
                out[g] = w
        return out

    @staticmethod
    def _columns(members: list[_Line]) -> bool:
        """Two or more text lines in a row laid out in columns with spaces (``06:05  S8  Flughafen``)
        become lines of one block (hard breaks), as they stand in the input. True when that is
        all the run holds."""
        marked = False
        k = 0
        while k < len(members):
            j = k
            while j < len(members) and members[j].role == "para" and _columned(members[j].text):
                j += 1
            if j - k >= 2:
                for m in members[k:j]:
                    m.stanza = True
                marked = True
            k = max(j, k + 1)
        return marked and all(m.stanza for m in members if m.role == "para")

    @staticmethod
    def _verse(text_lines: list[_Line]) -> bool:
        """Three or more short lines, half ending in punctuation, not a fact box: a poem, a song."""
        return (len(text_lines) >= 3 and sum(is_field_line(m.text) for m in text_lines) * 2 < len(text_lines)
                and max(width(m.text) for m in text_lines) < 45
                and sum(m.text.rstrip()[-1:] in ",;.!?:" for m in text_lines) * 2 >= len(text_lines))

    def _find_title(self, lines: list[_Line], wrapped: dict[int, int], allow: bool) -> None:
        if not allow or len(lines) < 2:
            return
        first = 1 if _RELEASE_LABEL.match(lines[0].text) and len(lines) > 2 else 0  # the headline follows
        if first and not heading_like(lines[1].text, title=True):
            first = 0  # "INTERVIEW" above a sentence: the kicker is all the title there is
        line = lines[first]
        if line.role != "para" or line.cruft or only_link(line.nodes) or not heading_like(line.text, title=True):
            return
        nxt0 = lines[first + 1]
        if nxt0.group == line.group and ends_dangling(line.text) and not is_title_case(line.text.split()):
            return  # "… the plan had been agreed with" / "France and Germany, …": a wrapped sentence
        w = wrapped.get(line.run)
        if w and width(line.text) >= _FULL * w:
            return
        nxt = lines[first + 1]
        if nxt.group == line.group and continues_lower(line.text, nxt.text) and nxt.role == "para":
            # a title broken over two lines ("Big News\nabout things"): one title or none
            joined = line.text + _join_sep(line.text, nxt.text) + nxt.text
            after = lines[first + 2] if len(lines) > first + 2 else None
            if w or ends_terminal(line.text) or not heading_like(joined, title=True) or after is None \
                    or (after.group == nxt.group and starts_lower(after.text)):
                return
            nxt.role = "titlecont"
        line.role = "title"
        line.level = 1

    def _prev_ok(self, lines: list[_Line], i: int, wrapped: dict[int, int]) -> bool:
        line = lines[i]
        if i == 0:
            return False
        prev = lines[i - 1]
        w = wrapped.get(line.run)
        if w and width(line.text) >= 0.6 * w:
            return False
        if prev.role in ("title", "titlecont", "heading", "setext"):
            return False
        if prev.role in ("rule", "underline") or prev.cruft:
            return True
        # a blank line alone is not enough: the output separates every block by one,
        # so the rule must read the previous line's words to stay idempotent
        if prev.role in ("item", "cont"):
            return not starts_lower(line.text)
        if prev.role == "para" and _teaser_line(prev) and not starts_lower(line.text):
            return True  # a teaser link on a line of its own ends where it ends
        if not ends_terminal(prev.text) and not _unstopped_sentence(prev.text, line.text, w):
            return False
        if w and width(prev.text) >= _FULL * w:
            return False  # a full line ending a sentence: the paragraph goes on
        return True

    @staticmethod
    def _continued(lines: list[_Line], i: int, wrapped: dict[int, int]) -> bool:
        """Is line ``i`` the start of a hard-wrapped paragraph that goes on?"""
        if i + 1 >= len(lines) or not wrapped.get(lines[i].run):
            return False
        nxt = lines[i + 1]
        return nxt.group == lines[i].group and nxt.role == "para" and not ends_terminal(lines[i].text)

    def _joined_next(self, lines: list[_Line], j: int, wrapped: dict[int, int]) -> bool:
        """Will line ``j`` be joined with the line after it into one paragraph?"""
        if j + 1 >= len(lines) or lines[j].role != "para" or lines[j + 1].role != "para":
            return False
        return self._joins(lines[j], lines[j + 1], wrapped)

    def _find_headings(self, lines: list[_Line], wrapped: dict[int, int], lang: str | None = None) -> None:
        for i, line in enumerate(lines):
            if line.role != "para" or line.cruft or i + 1 >= len(lines):
                continue
            if only_link(line.nodes) or labelled_link(line.nodes) or not heading_like(line.text, lang=lang):
                continue
            if not self._prev_ok(lines, i, wrapped):
                continue
            nxt = lines[i + 1]
            if nxt.stanza and lines[i - 1].stanza:
                continue  # a line between two stanzas labels a song's part ("Refrain"): no section
            if nxt.role == "para" and nxt.group == line.group and continues_lower(line.text, nxt.text):
                continue
            if nxt.role == "item" and COLON_END.search(line.text):
                continue  # "Fixed:" above its list introduces it, as "Known issues:" does: a lead-in
            continued = self._continued(lines, i + 1, wrapped) or self._joined_next(lines, i + 1, wrapped)
            if nxt.role == "para" and not continued and heading_like(nxt.text) and not ends_terminal(nxt.text):
                continue  # two heading-like lines in a row: neither is trusted
            if not _body_like(line, nxt, continued):
                continue
            line.role = "heading"
            m = _DECIMAL_NUMBERING.match(line.text)
            line.level = 2 + m.group(1).count(".") if m else 2
        # a heading candidate whose next line became a heading is no heading either
        for i in range(len(lines) - 1):
            if lines[i].role == "heading" and lines[i + 1].role == "heading":
                lines[i].role = "para"

    def _question_headings(self, lines: list[_Line], wrapped: dict[int, int], lang: str | None) -> None:
        """A short question on a line of its own ("What Moved the Market?", "¿Qué ganan los
        clientes?") is a section heading only in an article whose other flattened headings were
        found: there it stands where they stand. Alone it may be a rhetorical question, and a run
        of questions is a Q&A or an FAQ, so neither is touched."""
        if not any(line.role == "heading" for line in lines):
            return
        for i, line in enumerate(lines):
            if line.role != "para" or line.cruft or i + 1 >= len(lines) or only_link(line.nodes):
                continue
            t = line.text.strip()
            if t[-1:] not in ("?", "？", "؟"):
                continue
            body = t[:-1].rstrip()
            if not body or TERMINAL.search(body) or _QUESTION.search(body) or not heading_like(body, lang=lang):
                continue
            if is_cased(body) and len(body.split()) > 10:
                continue
            prev, nxt = lines[i - 1] if i else None, lines[i + 1]
            if prev is None or (prev.role == "para" and _QUESTION.search(prev.text.strip()[-1:])):
                continue
            if nxt.role == "para" and (_QUESTION.search(nxt.text.strip()[-1:] or " ") or continues_lower(t, nxt.text)):
                continue
            if not self._prev_ok(lines, i, wrapped):
                continue
            if nxt.role not in ("item", "para") or (nxt.role == "para" and not (
                    ends_terminal(nxt.text) and width(nxt.text) >= max(2 * width(t), 60))):
                continue
            line.role = "heading"
            line.level = 2

    def _numbered_headings(self, lines: list[_Line], wrapped: dict[int, int]) -> None:
        """Isolated numbered lines in sequence, each followed by body text: headings."""
        chains: dict[str, list[int]] = {}
        n = len(lines)
        for i, line in enumerate(lines):
            m = line.marker
            if line.role != "item" or m is None or m.kind not in _HEADING_KINDS or line.indent or line.conts:
                continue
            prev_kind = None
            for j in range(i - 1, -1, -1):  # the item (if any) that the previous line belongs to
                if lines[j].role == "item":
                    prev_kind = lines[j].marker.kind if lines[j].marker else None
                    break
                if lines[j].role != "cont":
                    break
            isolated = prev_kind != m.kind and i + 1 < n and lines[i + 1].role == "para"
            body = line.text[m.end:] if m.end <= len(line.text) else ""
            if not isolated or not heading_like(body) \
                    or not _body_like(line, lines[i + 1], self._continued(lines, i + 1, wrapped)):
                continue
            chains.setdefault(m.kind, []).append(i)
        for members in chains.values():
            run: list[int] = []
            for i in members + [-1]:
                if i >= 0 and run and lines[i].marker.ordinal == lines[run[-1]].marker.ordinal + 1:
                    run.append(i)
                    continue
                if len(run) >= 2:
                    for j in run:
                        lines[j].role = "heading"
                        lines[j].level = 2
                run = [i] if i >= 0 else []

    # -- building blocks -----------------------------------------------------------

    def _build(self, doc: Document, lines: list[_Line], wrapped: dict[int, int],
               created: dict[int, int]) -> list[Block]:
        out: list[Block] = []
        i = 0
        n = len(lines)
        para: list[tuple[list[Inline], str]] | None = None
        para_lines: list[_Line] = []

        def flush() -> None:
            nonlocal para
            if para is not None and para_lines:
                out.append(Paragraph(_join_lines(para), src=(para_lines[0].start, para_lines[-1].end), touched=True))
            para = None
            para_lines.clear()

        while i < n:
            line = lines[i]
            role = line.role
            if role in ("title", "heading", "setext"):
                flush()
                heading = self._heading(doc, lines, i)
                created[id(heading)] = len(doc.changes) - 1
                out.append(heading)
                i += 1
                continue
            if role in ("underline", "titlecont"):
                i += 1
                continue
            if role == "quote":
                flush()
                j = i
                while j < n and lines[j].role == "quote" and lines[j].group == line.group:
                    j += 1
                out.append(self._quote(lines[i:j]))
                i = j
                continue
            if role == "rule":
                flush()
                out.append(Rule(src=(line.start, line.end), touched=True))
                if line.text != "---":
                    doc.record(NAME, "normalized", line.start, line.end, "---", reason="thematic break")
                i += 1
                continue
            if role in ("item", "cont"):
                flush()
                j = i
                while j < n and lines[j].role in ("item", "cont"):
                    j += 1
                out.extend(self._lists(doc, [k for k in range(i, j) if lines[k].role == "item"], lines))
                i = j
                continue
            # paragraph text
            if para is not None and self._verse_pair(para_lines[-1], line, wrapped):
                # a poem's lines stay lines of one stanza: hard breaks, not one paragraph per line
                para.append(([Break(hard=True), *line.nodes], ""))
                para_lines.append(line)
            elif para is not None and self._joins(para_lines[-1], line, wrapped):
                para.append((line.nodes, _join_sep(para_lines[-1].text, line.text)))
                para_lines.append(line)
            else:
                flush()
                para = [(line.nodes, "")]
                para_lines.append(line)
            i += 1
        flush()
        return out

    @staticmethod
    def _verse_pair(prev: _Line, cur: _Line, wrapped: dict[int, int]) -> bool:  # noqa: ARG004
        return (prev.stanza and cur.stanza and prev.group == cur.group and prev.run == cur.run
                and prev.role == cur.role == "para")

    def _joins(self, prev: _Line, cur: _Line, wrapped: dict[int, int]) -> bool:
        if prev.group != cur.group or "line" in (prev.role, cur.role):
            return False
        w = wrapped.get(cur.run)
        if w == VERSE:
            return False
        if w:
            return not (ends_terminal(prev.text) and width(prev.text) < _FULL * w)
        if ends_terminal(prev.text) or COLON_END.search(prev.text) or _ends_with_url(prev.text) \
                or is_label_line(prev.text):
            return False
        if width(prev.text) >= _SHORT_LINE and ends_dangling(prev.text) and not _TIME_ENTRY.match(cur.text):
            return True  # "… had been agreed with" / "France and Germany, …": one sentence
        if _TIME_ENTRY.match(cur.text) or _TIME_ENTRY.match(prev.text):
            return False  # "at 18.00 – pottery workshop" / "at 21.00 – concert": a timetable's entries
        if _COMMAND_LIKE.search(prev.text) or _COMMAND_LIKE.search(cur.text):
            return False  # "pip install --user x" / "then press Enter": a command is a line of its own
        if width(prev.text) < _SHORT_LINE and (width(cur.text) < 45 or is_date_line(prev.text)):
            # short lines: ingredients, verse, an address, a dateline; a line of its own unless
            # a sentence visibly goes on ("Old Mr Hansen\nwas already sitting on his bench, …")
            return False
        # after a line of a script without case the next line's case says nothing: "発売日と販売方法"
        # then "release日は…" (an English word leaked at the start of a Japanese sentence) is a heading
        # and its paragraph, not one sentence
        if is_wide(prev.text[-1:]) and not is_cased(prev.text) and (is_wide(cur.text[:1]) or not is_cased(cur.text)):
            if _SHORT_FIELD.match(prev.text) and _SHORT_FIELD.match(cur.text):
                return False  # "良い点：…" then "悪い点：…": two fields, not one wrapped sentence
            # scripts without case: an unfinished line that is no heading goes on
            return not heading_like(prev.text) and not heading_like(cur.text)
        # a lower-case line continues the one before, unless that is a short line ending in a
        # comma or semicolon: verse ("Vi gick längs stranden,\nvinden var kall.")
        if width(prev.text) < 40 and prev.text.rstrip()[-1:] in (",", ";", "，", "；", "、"):
            return False
        if not (ends_terminal(cur.text) or width(cur.text) >= 45):
            return False  # "salt and freshly ground pepper", "at 21.00 – concert": an entry, a verse, no sentence's end
        return cur.text[:1].islower() and starts_lower(cur.text)  # "2 eggs" is no continuation

    def _heading(self, doc: Document, lines: list[_Line], i: int) -> Heading:
        line = lines[i]
        nodes = line.nodes
        end = line.end
        if line.role == "setext":
            end = lines[i + 1].end
        if line.role == "title" and i + 1 < len(lines) and lines[i + 1].role == "titlecont":
            nodes = _join_lines([(nodes, ""), (lines[i + 1].nodes, _join_sep(line.text, lines[i + 1].text))])
            end = lines[i + 1].end
        nodes = _trim_colon(nodes)
        if line.role == "title":
            nodes = _strip_title_label(nodes)  # "Title: Harbour Town Approves Budget"
        text = one_line(plain(nodes))
        after = "#" * line.level + " " + text
        reason = {
            "title": "first line inferred as the title",
            "setext": "underlined line converted to a heading",
        }.get(line.role, "line inferred as a section heading")
        doc.record(NAME, "normalized", line.start, end, after, reason=reason)
        return Heading(line.level, nodes, src=(line.start, end), touched=True)

    @staticmethod
    def _quote(qlines: list[_Line]) -> Quote:
        children: list[Inline] = []
        for k, line in enumerate(qlines):
            first = line.nodes[0]
            assert isinstance(first, Text)
            m = _QUOTE_MARK.match(first.value)
            rest = first.text.slice(m.end(), len(first.text)) if m else first.text
            if k:
                children.append(Break(hard=False))
            children.extend(([Text(rest, first.lang)] if str(rest) else []) + list(line.nodes[1:]))
        para = Paragraph(children, src=(qlines[0].start, qlines[-1].end), touched=True)
        return Quote([para], src=para.src, touched=True)

    def _item_paragraph(self, line: _Line, lines: list[_Line]) -> list[Inline]:
        first = line.nodes[0]
        assert isinstance(first, Text) and line.marker is not None
        rest = first.text.slice(line.marker.end, len(first.text))
        nodes: list[Inline] = ([Text(rest, first.lang)] if str(rest) else []) + list(line.nodes[1:])
        parts: list[tuple[list[Inline], str]] = [(nodes, "")]
        prev_text = line.text
        for k in line.conts:
            cont = lines[k]
            parts.append((cont.nodes, _join_sep(prev_text, cont.text)))
            prev_text = cont.text
        return _join_lines(parts)

    def _label(self, nodes: list[Inline]) -> list[Inline]:
        """``Label: text`` → ``**Label:** text`` (only with ``bold_labels``)."""
        if not self.options.bold_labels or not nodes or not isinstance(nodes[0], Text):
            return nodes
        first = nodes[0]
        m = _LABEL.match(first.value)
        if not m or len(m.group(1).split()) > 5 or ends_terminal(m.group(1)):
            return nodes
        cut = m.end()
        label = Strong([Text(first.text.slice(0, cut), first.lang)])
        rest = first.text.slice(cut, len(first.text))
        return [label] + ([Text(rest, first.lang)] if str(rest) else []) + nodes[1:]

    def _lists(self, doc: Document, items: list[int], lines: list[_Line]) -> list[Block]:
        roots: list[ListBlock] = []
        stack: list[tuple[int, str, ListBlock]] = []
        for i in items:
            line = lines[i]
            m = line.marker
            assert m is not None
            kind = m.kind if m.ordered else "bullet"
            item = ListItem([Paragraph(self._label(self._item_paragraph(line, lines)),
                                       src=(line.start, lines[line.conts[-1]].end if line.conts else line.end),
                                       touched=True)],
                            src=(line.start, line.end), touched=True)
            key = m.kind
            target: ListBlock | None = None
            while stack:
                ind, k, lb = stack[-1]
                if line.indent > ind + 1:
                    break  # deeper: nest under the last item of the top list
                if abs(line.indent - ind) <= 1:
                    if k == key or (kind == "bullet" and k.startswith("bullet:") and key not in _SUB_BULLETS_KEYS
                                    and k not in _SUB_BULLETS_KEYS):
                        target = lb
                        break
                    if any(k2 == key and abs(i2 - line.indent) <= 1 for i2, k2, _ in stack[:-1]):
                        stack.pop()
                        continue
                    if _nestable(key, k) and lb.items:
                        break  # nest by marker kind (no indentation in the source)
                    stack.pop()
                    continue
                stack.pop()
            if target is None and not stack and roots and roots[-1].ordered == m.ordered:
                # Markdown would read two adjacent lists of one type as one list: make it one
                target = roots[-1]
                stack.append((line.indent, key, target))
            if target is None:
                lb = ListBlock(m.ordered, [], m.ordinal if m.ordered else 1, True, "." if m.ordered else "-",
                               src=(line.start, line.end), touched=True)
                if stack and stack[-1][2].items:
                    stack[-1][2].items[-1].blocks.append(lb)
                else:
                    roots.append(lb)
                stack.append((line.indent, key, lb))
                target = lb
            target.items.append(item)
            target.src = (target.src[0], line.end) if target.src else None
            number = target.start + len(target.items) - 1
            marker = f"{number}." if target.ordered else "-"
            after = marker + " " + self._render_inline(item.blocks[0].children)
            end = lines[line.conts[-1]].end if line.conts else line.end
            if after != doc.source.text[line.start:end]:
                doc.record(NAME, "normalized", line.start, end, after, reason="list item in Markdown form")
        return list(roots)

    @staticmethod
    def _render_inline(nodes: list[Inline]) -> str:
        out: list[str] = []
        for n in nodes:
            if isinstance(n, Strong):
                out.append("**" + plain(n.children) + "**")
            else:
                out.append(plain([n]))
        return "".join(out)

    # -- Markdown and HTML -----------------------------------------------------------

    def _block_span(self, doc: Document, block: Block) -> tuple[int, int] | None:
        if doc.format == "markdown" and block.src is not None:
            return block.src
        nodes = getattr(block, "children", [])
        rng = source_range(nodes)
        if rng is None:
            return None
        if doc.format == "html":
            return _html_element(doc.source.text, rng[0], rng[1])
        return rng

    def _fake_headings(self, doc: Document, created: dict[int, int]) -> None:
        blocks = doc.blocks
        last_real = 0
        candidates: list[int] = []  # kept in order; membership through the set below
        for k, b in enumerate(blocks):
            if isinstance(b, Heading):
                continue
            if isinstance(b, Paragraph) and self._fake_heading_text(b) is not None:
                candidates.append(k)
        chosen: set[int] = set()
        candidate_set = set(candidates)
        for k in candidates:
            b = blocks[k]
            nxt = blocks[k + 1] if k + 1 < len(blocks) else None
            prv = blocks[k - 1] if k else None
            if nxt is None or (k + 1) in candidate_set or (k - 1) in candidate_set:
                continue  # bold lines one after another: names, labels, a list; not headings
            if isinstance(nxt, Paragraph):
                text = plain(nxt.children).strip()
                if only_link(nxt.children) or "\n" not in text and not (
                    ends_terminal(text) or width(text) >= max(2 * width(plain(b.children).strip()), 60)
                ):
                    continue
            elif not isinstance(nxt, (ListBlock, Quote, Code, Table)):
                continue
            if isinstance(prv, Heading):
                continue
            if _stanza(prv) and _stanza(nxt):
                continue  # a bold label between two stanzas names a song's part ("**Chorus:**"): no section
            if isinstance(prv, Paragraph):
                ptext = plain(prv.children).strip()
                if ptext and not ends_terminal(ptext) and not self._is_strong_only(prv):
                    continue
            chosen.add(k)
        if not chosen:
            return
        # a bold line that opens a document without an H1 is its title (LLM articles:
        # "**The Science of Napping**" above the body)
        first = min(chosen)
        title_at = first if all(isinstance(blocks[j], Rule) for j in range(first)) and not any(
            isinstance(b, Heading) and b.level == 1 for b in blocks) else None
        if title_at is not None and len(plain(blocks[title_at].children).split()) < 2 and len(
                _HAN_OR_KANA.findall(plain(blocks[title_at].children))) < 5:
            title_at = None  # "**Introduction**" (**引言**) names a section, not the article
        for k, b in enumerate(blocks):
            if isinstance(b, Heading):
                last_real = b.level
                continue
            if k not in chosen:
                continue
            assert isinstance(b, Paragraph)
            level = 1 if k == title_at else min(6, last_real + 1) if last_real >= 2 else 2
            nodes = self._fake_heading_text(b) or []
            nodes = _trim_colon(_strip_edges(nodes))
            if level == 1:
                nodes = _strip_title_label(nodes)
            heading = Heading(level, nodes, src=b.src, touched=True, attrs=dict(b.attrs))
            span = self._block_span(doc, b)
            if span is not None:
                kind = "bold-only paragraph" if self._is_strong_only(b) else "ALL CAPS line"
                doc.record(NAME, "normalized", span[0], span[1], "#" * level + " " + one_line(plain(nodes)),
                           reason=f"{kind} converted to a heading")
                created[id(heading)] = len(doc.changes) - 1
            blocks[k] = heading
            doc.touched = True
            if level == 1:
                last_real = 1
                if not doc.title:
                    doc.title = one_line(plain(nodes))

    @staticmethod
    def _is_strong_only(p: Paragraph) -> bool:
        kids = [n for n in p.children if not (isinstance(n, Text) and not n.value.strip())]
        return len(kids) == 1 and isinstance(kids[0], Strong)

    def _fake_heading_text(self, p: Paragraph) -> list[Inline] | None:
        """The heading content of a fake-heading paragraph, or None."""
        if any(isinstance(n, Break) for n in p.children):
            return None
        text = plain(p.children).strip()
        if self._is_strong_only(p):
            strong = next(n for n in p.children if isinstance(n, Strong))
            body = COLON_END.sub("", text)
            if body and (heading_like(body) or _ENUMERATION.match(body)) and not only_link(strong.children):
                return list(strong.children)
            return None
        if is_cased_all_caps(text) and heading_like(text) and not COLON_END.search(text) \
                and not _ACRONYM_ONLY.match(text.strip()):
            if not only_link(p.children) and all(isinstance(n, Text) for n in p.children):
                return list(p.children)
        return None

    def _fix_levels(self, doc: Document, created: dict[int, int]) -> None:
        """No skipped levels; the first H1 is the title and later H1s become sections."""
        headings = [b for b in doc.blocks if isinstance(b, Heading)]
        if not headings:
            return
        stack: list[tuple[int, int]] = []
        rest = headings
        if headings[0].level == 1:
            stack = [(0, 1)]
            rest = headings[1:]
        for h in rest:
            while stack and stack[-1][0] >= h.level:
                stack.pop()
            new = stack[-1][1] + 1 if stack else h.level
            new = min(new, 6)
            stack.append((h.level, new))
            if new != h.level:
                span = self._block_span(doc, h)
                old = h.level
                h.level = new
                h.touched = True
                after = "#" * new + " " + one_line(plain(h.children))
                if id(h) in created:  # made by this pass: correct its own change
                    k = created[id(h)]
                    doc.changes[k] = dataclasses.replace(doc.changes[k], after=after)
                    continue
                if span is not None:
                    doc.record(NAME, "normalized", span[0], span[1],
                               "#" * new + " " + one_line(plain(h.children)),
                               reason=f"heading level {old} → {new} (no skipped levels, one title)")

    # -- whitespace --------------------------------------------------------------------

    def _collapse_spaces(self, doc: Document) -> None:
        nodes = doc.texts()
        columns: list[tuple[int, int]] | None = None  # input lines laid out in columns, read when needed
        for node in nodes:
            value = node.value
            if "  " not in value and "\t" not in value:
                continue
            edits = [(m.start(), m.end(), " ") for m in _SPACE_RUN.finditer(value)]
            if edits and "  " in value:
                if columns is None:
                    columns = _column_lines(doc.source.text)
                if columns:
                    edits = [e for e in edits if not _in_spans(node.text.to_source(e[0]), columns)]
            if edits:
                doc.edit(node, edits, NAME, "normalized", reason="run of spaces collapsed")


VERSE = -1  # a wrap "width" that marks a group of verse lines
# a gap of two or more spaces between two columns of a line: not after a sentence's or a
# clause's end, where a typist's double space goes ("close.  Turnout")
_COLUMN_GAP = LazyPattern(r"(?<=[^\s.!?:;,])  +(?=\S)")


def _columned(line: str) -> bool:
    return "  " in line and len(_COLUMN_GAP.findall(line.strip())) >= 2


def _column_lines(text: str) -> list[tuple[int, int]]:
    """Spans of the input lines laid out in columns with spaces: two or more column gaps in
    each of two or more lines in a row (a timetable, a results table in plain text). Their
    spaces are the layout, not runs to collapse. Linear: one pass over the lines."""
    out: list[tuple[int, int]] = []
    if "  " not in text:
        return out
    run: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        end = n if nl == -1 else nl
        line = text[pos:end]
        if _columned(line):
            run.append((pos, end))
        else:
            if len(run) >= 2:
                out.extend(run)
            run = []
        if nl == -1:
            break
        pos = nl + 1
    if len(run) >= 2:
        out.extend(run)
    return out


def _in_spans(at: int | None, spans: list[tuple[int, int]]) -> bool:
    if at is None:
        return False
    k = bisect.bisect_right(spans, (at, float("inf"))) - 1  # the last line starting at or before it
    return k >= 0 and spans[k][0] <= at < spans[k][1]
_SENTENCE_END = LazyPattern(r"[.!?。！？…][\"'’”»」』)]*$")  # a full stop (a semicolon or comma is a verse's pause)
# one capitalized word of up to six letters, perhaps beside other scripts: an acronym
# (NATO, HEIC 格式, UNICEF), not a section title
# a bold line naming a few things: "**Pots, soil and water**", "**Salz, Fett und Säure**" (a comma in
# a line is otherwise taken for a sentence's); items of one or two words, two to four of them
_ENUM_ITEM = r"[\p{L}'’-]++(?: [\p{L}'’-]++)?"
_ENUMERATION = LazyPattern(
    rf"^\p{{Lu}}[\p{{L}}'’-]*+(?: [\p{{L}}'’-]++)?(?:, {_ENUM_ITEM}){{1,2}},? (?:and|und|et|y|e|i|och|og|en|&) {_ENUM_ITEM}$"
)
_HAN_OR_KANA = LazyPattern(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
_ACRONYM_ONLY = LazyPattern(r"^[^\p{Latin}\p{Cyrillic}\p{Greek}]*[\p{Lu}\d&.-]{1,6}[^\p{Latin}\p{Cyrillic}\p{Greek}]*$")
_THAI_LETTER = LazyPattern(r"\p{Script=Thai}")


def _unstopped_sentence(prev: str, line: str, wrapped: int | None) -> bool:
    """Thai writes no full stop: a long line of Thai (not hard-wrapped) that ends in a Thai
    letter ends its paragraph, like a sentence elsewhere, when it is at least twice as wide
    as the line after it."""
    if wrapped or not _THAI_LETTER.match(prev.rstrip()[-1:]):  # the last character only: no scan
        return False
    return width(prev) >= max(2 * width(line), 40)


_SPOKEN_END = frozenset(".?!…»“”\"'’")  # dash lines ending like sentences are dialogue
_SPEECH_MARK = LazyPattern(r"[?!…¿¡«»“”\"]")


def _announced_dash_list(run: list[_Line], above: _Line | None) -> bool:
    """Dash lines ending in full stops that are a list, not dialogue: three or more, right under a
    line that announces them (a heading-like line or a lead-in, no full stop: "Les principales
    mesures"), and none with a question, an exclamation or a quotation mark in it (speech)."""
    if len(run) < 3 or above is None or above.marker is not None:
        return False
    lead = above.text.rstrip()
    if not lead or ends_terminal(lead) or lead[-1] in ",;" or len(lead) > 100:
        return False
    return not any(_SPEECH_MARK.search(line.text) for line in run)
# a press release's label line above its headline
_RELEASE_LABEL = LazyPattern(
    r"^\W*(?:press release|news release|for immediate release|communiqué de presse|pressemitteilung|presseinformation"
    r"|nota de prensa|comunicado de prensa|comunicato stampa|persbericht|pressmeddelande|komunikat prasowy"
    r"|пресс-релиз|新闻稿|新聞稿|プレスリリース|보도자료)\W*$"
    # a kicker above the headline: ANALYSIS, EXCLUSIVE, ESCLUSIVO, "Opinion |"
    r"|^(?-i:\p{Lu}{4,15})$|^(?:opinion|analysis|meinung|kommentar|analyse|tribune|opinión|opinione)\s*[|:]?\s*$",
    regex.IGNORECASE,
)
_SUB_BULLETS_KEYS = frozenset("bullet:" + c for c in _SUB_BULLETS)


def _stanza(block: Block | None) -> bool:
    """A paragraph of short lines kept apart by hard breaks: a stanza of a poem or a song."""
    if not isinstance(block, Paragraph) or not any(isinstance(n, Break) and n.hard for n in block.children):
        return False
    return all(width(plain(nodes).strip()) < 45 for nodes in split_lines(block.children))


def _nestable(child: str, parent: str) -> bool:
    """May a ``child`` marker at the same indentation nest under ``parent``?"""
    if parent.startswith("bullet:"):
        return child in _SUB_BULLETS_KEYS and child != parent
    if parent in ("alpha", "palpha", "roman"):
        return child.startswith("bullet:")
    return child.startswith("bullet:") or child in ("alpha", "palpha", "roman", "circ")


_OPEN_BEFORE = LazyPattern(
    r"<(h[1-6]|p)\b[^<>]{0,300}>(?:\s*<(?:strong|b|em|i)\b[^<>]{0,100}>)*\s*$", regex.IGNORECASE
)


def _html_element(text: str, s: int, e: int) -> tuple[int, int]:
    """Widen a text range to its enclosing ``<p>``/``<hN>`` tags when they hug it."""
    m = _OPEN_BEFORE.search(text, max(0, s - 800), s)
    if not m:
        return s, e
    close = regex.compile(r"(?:\s*</(?:strong|b|em|i)>)*\s*</" + m.group(1) + r"\s*>", regex.IGNORECASE)
    cm = close.match(text, e, min(len(text), e + 300))
    return (m.start(), cm.end()) if cm else (s, e)
