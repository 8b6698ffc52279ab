"""Markdown reader: markdown-it-py (CommonMark + GFM tables) tokens to a Document.

markdown-it gives line ranges for blocks only, so inline positions are recovered by
walking the source with a cursor: with ``text_join`` disabled every ``text`` token is
a literal slice of the source and every escape or entity (``text_special``) keeps its
source form in ``markup``. That makes each text node's map exact.
"""

from __future__ import annotations

import bisect
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from cleanup.document import (
    Break,
    Code,
    CodeSpan,
    Document,
    Emphasis,
    Heading,
    Image,
    Link,
    ListBlock,
    ListItem,
    Paragraph,
    Quote,
    Raw,
    RawInline,
    Rule,
    Strong,
    Table,
    Text,
    walk_blocks,
)
from cleanup.mapped import MappedText, Span
from cleanup.source import Source


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    from mdit_py_plugins.front_matter import front_matter_plugin

    # YAML front matter is one raw block, written back as it came
    return MarkdownIt("commonmark", {"maxNesting": 200}).enable("table").disable("text_join").use(front_matter_plugin)


class _Lines:
    def __init__(self, text: str):
        self.text = text
        starts = [0]
        pos = text.find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = text.find("\n", pos + 1)
        self.starts = starts

    def span(self, line_map: list[int] | None) -> tuple[int, int] | None:
        if not line_map:
            return None
        begin, end = line_map
        start = self.starts[begin] if begin < len(self.starts) else len(self.text)
        stop = self.starts[end] - 1 if end < len(self.starts) else len(self.text)
        # drop trailing blank lines markdown-it includes in some ranges
        while stop > start and self.text[stop - 1] in " \t\n":
            stop -= 1
        return start, stop

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1


def _skip_link_tail(text: str, pos: int, limit: int) -> int:
    """Position just after a link's ``](dest "title")``, ``][ref]`` or ``]``."""
    close = text.find("]", pos, limit)
    if close == -1:
        return pos
    nxt = close + 1
    if nxt < limit and text[nxt] == "(":
        depth = 0
        k = nxt
        while k < limit:
            ch = text[k]
            if ch == "\\":
                k += 2
                continue
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    return k + 1
            elif ch == "<" and depth == 1:
                gt = text.find(">", k, limit)
                if gt != -1:
                    k = gt
            k += 1
        return nxt
    if nxt < limit and text[nxt] == "[":
        end = text.find("]", nxt + 1, limit)
        return end + 1 if end != -1 else nxt
    return nxt


class _InlineBuilder:
    """Turns one ``inline`` token's children into inline nodes with source spans."""

    def __init__(self, text: str, start: int, limit: int):
        self.text = text
        self.cursor = start
        self.limit = limit

    def find(self, needle: str) -> int:
        return self.text.find(needle, self.cursor, self.limit) if needle else -1

    def build(self, tokens: list[Token]) -> list:
        root: list = []
        stack: list[tuple[object, list]] = [(None, root)]
        pending: list[Span] = []

        def flush() -> None:
            if pending:
                stack[-1][1].append(Text(MappedText(list(pending))))
                pending.clear()

        for tok in tokens:
            kind = tok.type
            if kind == "text":
                pos = self.find(tok.content)
                if pos == -1:
                    pending.append(Span(tok.content, self.cursor, self.cursor, "decoded"))
                else:
                    pending.append(Span(tok.content, pos, pos + len(tok.content), "same"))
                    self.cursor = pos + len(tok.content)
                continue
            if kind == "text_special":
                pos = self.find(tok.markup)
                if pos == -1:
                    pending.append(Span(tok.content, self.cursor, self.cursor, "decoded"))
                else:
                    pending.append(Span(tok.content, pos, pos + len(tok.markup), "decoded"))
                    self.cursor = pos + len(tok.markup)
                continue
            flush()
            children = stack[-1][1]
            if kind in ("softbreak", "hardbreak"):
                nl = self.find("\n")
                if nl == -1:
                    nl = self.cursor
                start = nl
                if kind == "hardbreak":
                    while start > self.cursor and self.text[start - 1] in " \\":
                        start -= 1
                children.append(Break(hard=kind == "hardbreak", src=(start, nl + 1)))
                self.cursor = nl + 1
            elif kind == "code_inline":
                pos = self.find(tok.markup)
                pos = self.cursor if pos == -1 else pos
                end = self._closing_run(pos + len(tok.markup), tok.markup)
                children.append(CodeSpan(tok.content, src=(pos, end)))
                self.cursor = end
            elif kind == "html_inline":
                pos = self.find(tok.content)
                pos = self.cursor if pos == -1 else pos
                children.append(RawInline(tok.content, src=(pos, pos + len(tok.content))))
                self.cursor = pos + len(tok.content)
            elif kind == "image":
                pos = self.find("![")
                pos = self.cursor if pos == -1 else pos
                end = _skip_link_tail(self.text, pos + 2 + len(tok.content), self.limit)
                alt = tok.content
                children.append(
                    Image(str(tok.attrs.get("src", "")), alt, tok.attrs.get("title"), src=(pos, end))  # type: ignore[arg-type]
                )
                self.cursor = max(end, self.cursor)
            elif kind == "link_open":
                auto = tok.markup in ("autolink", "linkify")
                pos = self.find("<" if tok.markup == "autolink" else "[") if tok.markup != "linkify" else self.cursor
                pos = self.cursor if pos == -1 else pos
                node = Link(str(tok.attrs.get("href", "")), [], tok.attrs.get("title"), src=(pos, pos))  # type: ignore[arg-type]
                node.title = str(node.title) if node.title is not None else None
                children.append(node)
                stack.append((node, node.children))
                self.cursor = pos + (1 if not auto or tok.markup == "autolink" else 0)
            elif kind == "link_close":
                node = stack.pop()[0]
                if isinstance(node, Link):
                    if self.text.startswith(">", self.cursor):
                        end = self.cursor + 1
                    else:
                        end = _skip_link_tail(self.text, self.cursor, self.limit)
                    node.src = (node.src[0], end)  # type: ignore[index]
                    self.cursor = end
            elif kind in ("em_open", "strong_open"):
                pos = self.find(tok.markup)
                pos = self.cursor if pos == -1 else pos
                node = (Emphasis if kind == "em_open" else Strong)([], tok.markup, src=(pos, pos))
                children.append(node)
                stack.append((node, node.children))
                self.cursor = pos + len(tok.markup)
            elif kind in ("em_close", "strong_close"):
                node = stack.pop()[0]
                pos = self.find(tok.markup)
                pos = self.cursor if pos == -1 else pos
                end = pos + len(tok.markup)
                node.src = (node.src[0], end)  # type: ignore[union-attr,index]
                self.cursor = end
        flush()
        return root

    def _closing_run(self, pos: int, run: str) -> int:
        while True:
            k = self.text.find(run, pos, self.limit)
            if k == -1:
                return self.limit
            end = k + len(run)
            if (k == 0 or self.text[k - 1] != "`") and (end >= len(self.text) or self.text[end] != "`"):
                return end
            while end < len(self.text) and self.text[end] == "`":
                end += 1
            pos = end


def read_markdown(source: Source) -> Document:
    doc = Document(source=source, format="markdown")
    # markdown-it turns NUL into U+FFFD; do the same (one character for one) so that
    # every token can still be found in the text
    text = source.text.replace("\x00", "\ufffd") if "\x00" in source.text else source.text
    lines = _Lines(text)
    tokens = parser().parse(text)
    # containers: (node, list that receives blocks)
    stack: list[tuple[object, list]] = [(None, doc.blocks)]
    table: Table | None = None
    row: list | None = None
    in_head = False
    current: Heading | Paragraph | None = None
    cell_holder: list | None = None
    table_cursor = 0
    for tok in tokens:
        kind = tok.type
        target = stack[-1][1]
        span = lines.span(tok.map)
        if kind == "heading_open":
            current = Heading(int(tok.tag[1]), [], src=span)
            target.append(current)
        elif kind == "paragraph_open":
            if table is None:
                current = Paragraph([], src=span)
                target.append(current)
        elif kind == "inline":
            start, limit = span if span else (0, len(text))
            # a heading's inline content may run to the line end; table cells share a line
            if table is not None and cell_holder is not None:
                builder = _InlineBuilder(text, max(table_cursor, start), limit)
                cell_holder.extend(builder.build(tok.children or []))
                table_cursor = builder.cursor
            elif current is not None:
                current.children.extend(_InlineBuilder(text, start, limit).build(tok.children or []))
        elif kind in ("heading_close", "paragraph_close"):
            current = None
        elif kind in ("bullet_list_open", "ordered_list_open"):
            ordered = kind == "ordered_list_open"
            start_num = int(tok.attrs.get("start", 1)) if ordered else 1  # type: ignore[arg-type]
            node = ListBlock(ordered, [], start_num, True, tok.markup or "-", src=span)
            target.append(node)
            stack.append((node, node.items))
        elif kind == "list_item_open":
            item = ListItem([], src=span)
            target.append(item)
            stack.append((item, item.blocks))
        elif kind == "blockquote_open":
            node = Quote([], src=span)
            target.append(node)
            stack.append((node, node.blocks))
        elif kind in ("bullet_list_close", "ordered_list_close", "list_item_close", "blockquote_close"):
            stack.pop()
        elif kind in ("fence", "code_block"):
            target.append(Code(tok.content, tok.info.strip(), src=span))
        elif kind == "hr":
            target.append(Rule(src=span))
        elif kind == "html_block":
            target.append(Raw(tok.content, src=span))
        elif kind == "front_matter":
            target.append(Raw(text[span[0] : span[1]] if span else tok.markup + "\n" + tok.content + tok.markup,
                              src=span, kind="front_matter"))
        elif kind == "table_open":
            table = Table(src=span)
            table_cursor = span[0] if span else 0
            target.append(table)
        elif kind == "thead_open":
            in_head = True
        elif kind == "thead_close":
            in_head = False
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and table is not None and row is not None:
            if in_head:
                table.header = row
            else:
                table.rows.append(row)
            row = None
        elif kind in ("th_open", "td_open") and row is not None and table is not None:
            cell_holder = []
            row.append(cell_holder)
            if in_head:
                style = str(tok.attrs.get("style", ""))
                table.align.append(style.split(":", 1)[1] if ":" in style else None)
        elif kind in ("th_close", "td_close"):
            cell_holder = None
        elif kind == "table_close" and table is not None:
            table = None
    _mark_loose_lists(doc.blocks, tokens)
    return doc


def _mark_loose_lists(blocks: list, tokens: list[Token]) -> None:
    """Set ``ListBlock.tight`` from markdown-it's hidden-paragraph convention."""
    lists = [b for b in walk_blocks(blocks) if isinstance(b, ListBlock)]
    k = 0
    depth_stack: list[int] = []
    for tok in tokens:
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            depth_stack.append(k)
            k += 1
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            depth_stack.pop()
        elif tok.type == "paragraph_open" and depth_stack and not tok.hidden:
            lists[depth_stack[-1]].tight = False
