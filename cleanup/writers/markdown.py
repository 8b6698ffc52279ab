"""Markdown writer (CommonMark, plus GFM tables).

Markdown input is written back from the source: untouched blocks are copied
byte for byte and only the characters a filter changed are replaced, so an editor's
diff shows just the fixes. Blocks a filter rebuilt, and every block of text or HTML
input, are rendered afresh with the minimum of escaping that keeps text literal.
"""

from __future__ import annotations

import html

import regex

from cleanup.document import (
    Block,
    Break,
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
    child_blocks,
    inline_lists,
    walk_blocks,
)
from cleanup.lazy_pattern import LazyPattern
from cleanup.urls import is_safe_url

_ESCAPE_INLINE = LazyPattern(
    r"""\\(?=[!-/:-@\[-`{-~])      # a backslash that would escape punctuation
      | `                         # code span delimiters
      | (?<!\s)\*|\*(?!\s)        # * that could open or close emphasis
      | (?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])   # _ at a word edge
      | \](?=[(\[:])              # ] that would close a link or reference
      | <(?=[A-Za-z/!?])          # < that would open HTML or an autolink
      | &(?=\#?[A-Za-z0-9]{1,32};)  # & that would start an entity
    """,
    regex.VERBOSE,
)
_LINE_START = LazyPattern(
    r"^(?:(\#{1,6})(?=\s|$)|([>+\-*])(?=\s|$)|(\d{1,9})([.)])(?=\s|$)|([=\-_*]{3,}\s*$)|(`{3,}|~{3,}))",
    regex.MULTILINE,
)
_SPACES = LazyPattern(r"\s+")
_CLOSING_HASHES = LazyPattern(r"(\s)(\#+)$")  # would be read as an ATX closing sequence
# ``[label]: destination "title"`` (and ``[^1]: …`` footnotes, which plain CommonMark reads the same way)
_DEFINITION = LazyPattern(r"^[ ]{0,3}\[[^\]\n]{1,999}\]:[^\n]*+(?:\n[ \t]++\S[^\n]*+)*+", regex.MULTILINE)


def _definitions(gap: str) -> str:
    """The reference definitions in source text between blocks, as written."""
    return "\n".join(m.group() for m in _DEFINITION.finditer(gap)) if "]:" in gap else ""


def escape_text(text: str) -> str:
    """Escape what would otherwise be read as Markdown inside a line."""
    return _ESCAPE_INLINE.sub(lambda m: "\\" + m.group(0), text)


def escape_line_starts(text: str) -> str:
    """Escape block markers (``#``, ``>``, ``-``, ``1.``, rules, fences) at line starts."""

    def fix(m: regex.Match) -> str:
        if m.group(1):
            return "\\" + m.group(1)
        if m.group(2):
            return "\\" + m.group(2)
        if m.group(3):
            return m.group(3) + "\\" + m.group(4)
        return "\\" + m.group(0)

    return _LINE_START.sub(fix, text)


def _dirty(block: object) -> bool:
    """A block must be rendered afresh when it or a block inside it was rebuilt."""
    for b in walk_blocks([block]):
        if getattr(b, "touched", False) or getattr(b, "src", None) is None:
            return True
    return False


class MarkdownWriter:
    def __init__(self, doc: Document):
        self.doc = doc
        self.source = doc.source.text
        self.from_markdown = doc.format == "markdown"

    # -- splicing over the source ---------------------------------------------

    def _splices(self, node: object, out: list[tuple[int, int, str]]) -> None:
        if isinstance(node, Text):
            for s in node.text.spans:
                if s.kind == "edit":
                    out.append((s.start, s.end, escape_text(s.text)))
            return
        if isinstance(node, (Link, Emphasis, Strong, Markup, CodeSpan, Image, RawInline, Break)):
            if node.touched or node.src is None:
                if node.src is not None:
                    out.append((node.src[0], node.src[1], self.inline(node)))
                return
            for child in getattr(node, "children", ()):
                self._splices(child, out)
            return
        for inlines in inline_lists(node):
            for child in inlines:
                self._splices(child, out)
        for child in child_blocks(node):
            self._splices(child, out)

    def _spliced(self, start: int, end: int, splices: list[tuple[int, int, str]]) -> str:
        parts: list[str] = []
        pos = start
        for s, e, new in sorted(splices, key=lambda x: (x[0], x[1])):
            if s < pos:
                continue
            parts.append(self.source[pos:s])
            parts.append(new)
            pos = e
        parts.append(self.source[pos:end])
        return "".join(parts)

    # -- document ------------------------------------------------------------------

    def write(self) -> str:
        doc = self.doc
        if self.from_markdown and not doc.touched and not any(_dirty(b) for b in doc.blocks):
            splices: list[tuple[int, int, str]] = []
            for b in doc.blocks:
                self._splices(b, splices)
            return self._spliced(0, len(self.source), splices)
        out: list[str] = []  # each part with what goes before it: a blank line, or the source's own gap
        pos = 0  # link reference definitions are no block: carry them over from the gaps
        prev_src = None  # the previous part, when it is an untouched block from the source

        def add(part: str, sep: str = "\n\n") -> None:
            out.append(sep + part if out else part)

        sources = [getattr(b, "src", None) if self.from_markdown else None for b in doc.blocks]
        upcoming: list = [None] * len(sources)  # the next block from the source, at or after k
        for k in range(len(sources) - 1, -1, -1):
            upcoming[k] = sources[k] or (upcoming[k + 1] if k + 1 < len(sources) else None)
        for k, b in enumerate(doc.blocks):
            # a block a filter made (a rule before a footer) goes after the definitions
            # that stood before the next block from the source
            nxt = upcoming[k]
            if nxt and nxt[0] >= pos:
                definitions = _definitions(self.source[pos : nxt[0]])
                if definitions:
                    add(definitions)
                    prev_src = None
                pos = nxt[0]
            rendered = self.block(b)
            if not rendered.strip():
                continue
            src = sources[k] if sources[k] and not _dirty(b) else None
            gap = self.source[prev_src[1] : src[0]] if prev_src and src and prev_src[1] <= src[0] else None
            # two untouched neighbours keep the gap they had ("---" right above front matter
            # lines stays right above them); anything else is one blank line apart
            add(rendered, gap if gap is not None and "\n" in gap and not gap.strip() else "\n\n")
            prev_src = src
            if sources[k]:
                pos = max(pos, sources[k][1])
        if self.from_markdown:
            definitions = _definitions(self.source[pos:])
            if definitions:
                add(definitions)
        text = "".join(out)
        return text + "\n" if text else ""

    # -- blocks ----------------------------------------------------------------------

    def block(self, b: Block | ListItem, top: bool = True) -> str:
        if top and self.from_markdown and not _dirty(b):
            splices: list[tuple[int, int, str]] = []
            self._splices(b, splices)
            return self._spliced(b.src[0], b.src[1], splices)  # type: ignore[index]
        if isinstance(b, Heading):
            # no line-start escaping: "## 1. Intro" is a heading, not a list
            text = self.inlines(b.children, line_starts=False).replace("\n", " ").strip()
            text = _CLOSING_HASHES.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
            return "#" * b.level + (" " + text if text else "")
        if isinstance(b, Paragraph):
            return self.paragraph(b.children)
        if isinstance(b, ListBlock):
            return self.list_block(b)
        if isinstance(b, Container):  # no Markdown for it: its blocks, in order
            return "\n\n".join(self.block(c, False) for c in b.blocks)
        if isinstance(b, Quote):
            inner = "\n\n".join(self.block(c, False) for c in b.blocks)
            return "\n".join("> " + line if line else ">" for line in inner.split("\n"))
        if isinstance(b, Code):
            code = b.code if b.code.endswith("\n") or not b.code else b.code + "\n"
            longest = max((len(m) for m in regex.findall(r"`+", code)), default=0)
            fence = "`" * max(3, longest + 1)
            return f"{fence}{b.info}\n{code}{fence}"
        if isinstance(b, Rule):
            return "---"
        if isinstance(b, Table):
            return self.table(b)
        if isinstance(b, Raw):
            return b.html.rstrip("\n")
        if isinstance(b, ListItem):
            return "\n\n".join(self.block(c, False) for c in b.blocks)
        return ""

    def paragraph(self, children: list[Inline]) -> str:
        text = self.inlines(children)
        lines = [line.strip() for line in text.split("\n")]
        text = "\n".join(line for line in lines)
        return text.strip("\n")

    def list_block(self, b: ListBlock) -> str:
        out: list[str] = []
        delim = b.marker if b.ordered and b.marker in (".", ")") else "."
        bullet = b.marker if not b.ordered and b.marker in ("-", "*", "+") else "-"
        for k, item in enumerate(b.items):
            marker = f"{b.start + k}{delim}" if b.ordered else bullet
            sep = "\n" if b.tight else "\n\n"
            body = sep.join(self.block(c, False) for c in item.blocks)
            pad = " " * (len(marker) + 1)
            lines = body.split("\n") if body else [""]
            rendered = [marker + (" " + lines[0] if lines[0] else "")]
            rendered += [pad + line if line else "" for line in lines[1:]]
            out.append("\n".join(rendered))
        return ("\n" if b.tight else "\n\n").join(out)

    def table(self, t: Table) -> str:
        def cell(inlines: list[Inline]) -> str:
            return self.inlines(inlines).replace("\n", " ").strip().replace("|", "\\|")

        header, body = (t.header, t.rows) if t.header else (t.rows[0], t.rows[1:])  # GFM needs a header row
        width = len(header)
        head = "| " + " | ".join(cell(c) for c in header) + " |"
        aligns = (t.align + [None] * width)[:width]
        delim = {None: "---", "left": ":---", "right": "---:", "center": ":---:"}
        sep = "| " + " | ".join(delim.get(a, "---") for a in aligns) + " |"
        rows = ["| " + " | ".join(cell(c) for c in row) + " |" for row in body]
        return "\n".join([head, sep, *rows])

    # -- inlines -----------------------------------------------------------------------

    def inlines(self, nodes: list[Inline], line_starts: bool = True) -> str:
        text = "".join(self.inline(n) for n in nodes)
        if line_starts and not self.from_markdown:
            text = escape_line_starts(text)
        return text

    def text(self, node: Text) -> str:
        if self.from_markdown:
            # a piece the reader could not locate (start == end) has no source to copy
            return "".join(
                self.source[s.start : s.end] if s.kind != "edit" and s.start < s.end else escape_text(s.text)
                for s in node.text.spans
            )
        value = node.value
        if self.doc.format == "html":
            value = _SPACES.sub(" ", value)
        return escape_text(value)

    def _source_of(self, node: object) -> str | None:
        src = getattr(node, "src", None)
        if self.from_markdown and src is not None and not getattr(node, "touched", False):
            splices: list[tuple[int, int, str]] = []
            for child in getattr(node, "children", ()):
                self._splices(child, splices)
            raw = self._spliced(src[0], src[1], splices)
            if "\n" not in raw:
                return raw
        return None

    def inline(self, node: Inline) -> str:
        if isinstance(node, Text):
            return self.text(node)
        raw = self._source_of(node)
        if raw is not None:
            return raw
        if isinstance(node, Break):
            return "\\\n" if node.hard else "\n"
        if isinstance(node, CodeSpan):
            code = node.code.replace("\n", " ")
            longest = max((len(m) for m in regex.findall(r"`+", code)), default=0)
            ticks = "`" * (longest + 1)
            pad = " " if code.startswith(("`", " ")) or code.endswith(("`", " ")) else ""
            return f"{ticks}{pad}{code}{pad}{ticks}"
        if isinstance(node, Link):
            label = self.inlines(node.children).replace("\n", " ")
            if not is_safe_url(node.href):
                return label
            if not label:
                label = escape_text(node.href)
            return f"[{label}]({_destination(node.href)}{_title(node.title)})"
        if isinstance(node, Image):
            if not is_safe_url(node.url, image=True):
                return escape_text(node.alt)
            return f"![{escape_text(node.alt)}]({_destination(node.url)}{_title(node.title)})"
        if isinstance(node, Emphasis):
            inner = self.inlines(node.children)
            return f"{node.marker}{inner}{node.marker}" if inner.strip() else inner
        if isinstance(node, Strong):
            inner = self.inlines(node.children)
            return f"{node.marker}{inner}{node.marker}" if inner.strip() else inner
        if isinstance(node, Markup):  # Markdown has no syntax for it: inline HTML, as CommonMark allows
            attrs = "".join(f' {k}="{html.escape(v, quote=True)}"' for k, v in node.attrs.items())
            return f"<{node.tag}{attrs}>{self.inlines(node.children)}</{node.tag}>"
        if isinstance(node, RawInline):
            return node.html
        return ""


def _destination(url: str) -> str:
    if not url or any(c in url for c in " <>\n") or url.count("(") != url.count(")"):
        return "<" + url.replace("<", "%3C").replace(">", "%3E").replace("\n", "%0A") + ">"
    return url.replace("\\", "\\\\")


def _title(title: str | None) -> str:
    if not title:
        return ""
    return ' "' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_markdown(doc: Document) -> str:
    return MarkdownWriter(doc).write()
