"""The article model every reader builds, every filter edits and every writer prints.

Blocks and inlines are small slotted dataclasses. Nodes read from the input carry
``src``, their range in the (newline-normalized) source; a node a filter built or
restructured has ``touched=True`` and is rendered afresh, while untouched nodes are
written back from the source so that a clean document comes out byte-identical.
Text lives in :class:`~cleanup.mapped.MappedText`, which keeps the way back to the
input through any number of edits, so every :class:`Change` reports input offsets.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Literal, Union

from cleanup.mapped import MappedText
from cleanup.source import Source

Action = Literal["repaired", "removed", "translated", "flagged", "normalized", "converted"]
ACTIONS: tuple[str, ...] = ("repaired", "removed", "translated", "flagged", "normalized", "converted")
Src = Union[tuple[int, int], None]


@dataclass(frozen=True, slots=True)
class Change:
    """One thing a filter changed, or (``flagged``) wants a person to look at.

    ``start``/``end`` are code-point offsets of ``before`` in the decoded input."""

    filter: str
    action: str
    before: str
    after: str | None
    start: int
    end: int
    lang: str | None = None
    confidence: float | None = None
    reason: str | None = None

    def __post_init__(self) -> None:
        if self.action not in ACTIONS:
            raise ValueError(f"unknown change action {self.action!r}; use one of {', '.join(ACTIONS)}")


# --- inline nodes -----------------------------------------------------------


@dataclass(slots=True)
class Text:
    text: MappedText
    lang: str | None = None  # set when the input marked the language of this run

    @property
    def value(self) -> str:
        return str(self.text)


@dataclass(slots=True)
class CodeSpan:
    code: str
    src: Src = None
    touched: bool = False


@dataclass(slots=True)
class Break:
    hard: bool = False
    src: Src = None
    touched: bool = False


@dataclass(slots=True)
class Link:
    href: str
    children: list[Inline] = field(default_factory=list)
    title: str | None = None
    src: Src = None
    touched: bool = False


@dataclass(slots=True)
class Image:
    url: str
    alt: str = ""
    title: str | None = None
    src: Src = None
    touched: bool = False
    attrs: dict[str, str] = field(default_factory=dict)  # width and height from HTML
    # an HTML alt with non-ASCII text, mapped to the input: the encoding filter repairs it
    # (and then sets ``alt``); no other filter reads it
    alt_text: Text | None = None


@dataclass(slots=True)
class Emphasis:
    children: list[Inline] = field(default_factory=list)
    marker: str = "*"
    src: Src = None
    touched: bool = False


@dataclass(slots=True)
class Strong:
    children: list[Inline] = field(default_factory=list)
    marker: str = "**"
    src: Src = None
    touched: bool = False


@dataclass(slots=True)
class Markup:
    """Inline HTML that carries meaning a reader must keep: ``10<sup>3</sup>``,
    ``<del>$99</del>``, ``<q>``, ``<abbr title>``, ``<time datetime>``. Its text is
    article text (filters see it); writers print the element around it."""

    tag: str
    children: list[Inline] = field(default_factory=list)
    attrs: dict[str, str] = field(default_factory=dict)
    src: Src = None
    touched: bool = False


@dataclass(slots=True)
class RawInline:
    """Inline HTML kept from Markdown input; never edited by filters."""

    html: str
    src: Src = None
    touched: bool = False


Inline = Union[Text, CodeSpan, Break, Link, Image, Emphasis, Strong, Markup, RawInline]
CONTAINER_INLINES = (Link, Emphasis, Strong, Markup)

# --- block nodes ------------------------------------------------------------


@dataclass(slots=True)
class Heading:
    level: int
    children: list[Inline] = field(default_factory=list)
    src: Src = None
    touched: bool = False
    attrs: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Paragraph:
    children: list[Inline] = field(default_factory=list)
    src: Src = None
    touched: bool = False
    attrs: dict[str, str] = field(default_factory=dict)
    tag: str = "p"  # HTML's other one-line blocks: summary, figcaption, dt


@dataclass(slots=True)
class ListItem:
    blocks: list[Block] = field(default_factory=list)
    src: Src = None
    touched: bool = False
    attrs: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class ListBlock:
    ordered: bool = False
    items: list[ListItem] = field(default_factory=list)
    start: int = 1
    tight: bool = True
    marker: str = "-"
    src: Src = None
    touched: bool = False
    attrs: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Quote:
    blocks: list[Block] = field(default_factory=list)
    src: Src = None
    touched: bool = False
    attrs: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Container:
    """HTML's grouping blocks (figure, details, dl, dd): their blocks are article text;
    HTML output keeps the element, the other writers write its blocks in order."""

    tag: str
    blocks: list[Block] = field(default_factory=list)
    src: Src = None
    touched: bool = False
    attrs: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Code:
    """A code block: verbatim, never touched by any filter."""

    code: str
    info: str = ""
    src: Src = None
    touched: bool = False
    attrs: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Rule:
    src: Src = None
    touched: bool = False
    attrs: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Table:
    header: list[list[Inline]] = field(default_factory=list)
    rows: list[list[list[Inline]]] = field(default_factory=list)
    align: list[str | None] = field(default_factory=list)
    src: Src = None
    touched: bool = False
    attrs: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Raw:
    """A block kept as it was (HTML block in Markdown, unknown HTML element, or a
    Markdown document's YAML front matter: ``kind="front_matter"``)."""

    html: str
    src: Src = None
    touched: bool = False
    attrs: dict[str, str] = field(default_factory=dict)
    kind: str = "html"


Block = Union[Heading, Paragraph, ListBlock, Quote, Container, Code, Rule, Table, Raw]


# --- walking ------------------------------------------------------------------


def child_blocks(block: object) -> list:
    if isinstance(block, (Quote, Container, ListItem)):
        return block.blocks
    if isinstance(block, ListBlock):
        return block.items
    return []


def inline_lists(block: object) -> Iterator[list[Inline]]:
    """Every list of inline children directly held by ``block``."""
    if isinstance(block, (Heading, Paragraph)):
        yield block.children
    elif isinstance(block, Table):
        yield from block.header
        for row in block.rows:
            yield from row


@dataclass(slots=True)
class TextContext:
    """Where a text node sits: its block, the chain of inline ancestors, its list."""

    block: Block
    ancestors: tuple[object, ...]
    siblings: list[Inline]
    index: int
    lang: str | None
    # (siblings, index) of each ancestor in ``ancestors``, outermost first: the text around an
    # emphasis that holds the node (``*вокзал* (vokzal)``)
    outer: tuple[tuple[list[Inline], int], ...] = ()

    @property
    def in_link(self) -> bool:
        return any(isinstance(a, Link) for a in self.ancestors)


def _walk_inlines(
    nodes: list[Inline], block: Block, ancestors: tuple[object, ...], lang: str | None,
    keep: Callable[[Text], object] | None = None, outer: tuple[tuple[list[Inline], int], ...] = (),
) -> Iterator[tuple[Text, TextContext]]:
    for k, node in enumerate(nodes):
        if isinstance(node, Text):
            if keep is None or keep(node):
                yield node, TextContext(block, ancestors, nodes, k, node.lang or lang, outer)
        elif isinstance(node, CONTAINER_INLINES):
            yield from _walk_inlines(node.children, block, ancestors + (node,), lang, keep, outer + ((nodes, k),))


def _texts_of(nodes: list[Inline], out: list[Text]) -> None:
    for node in nodes:
        if isinstance(node, Text):
            out.append(node)
        elif isinstance(node, CONTAINER_INLINES):
            _texts_of(node.children, out)


def _alts_of(nodes: list[Inline], out: list[tuple[Image, Text]]) -> None:
    for node in nodes:
        if isinstance(node, Image) and node.alt_text is not None:
            out.append((node, node.alt_text))
        elif isinstance(node, CONTAINER_INLINES):
            _alts_of(node.children, out)


def _plain(nodes: list[Inline]) -> str:
    out: list[str] = []
    stack: list[object] = list(reversed(nodes))
    while stack:
        n = stack.pop()
        if isinstance(n, Text):
            out.append(n.value)
        elif isinstance(n, Break):
            out.append("\n")
        elif isinstance(n, CodeSpan):
            out.append(n.code)
        elif isinstance(n, Image):
            out.append(n.alt)
        elif isinstance(n, CONTAINER_INLINES):
            stack.extend(reversed(n.children))
    return "".join(out)


def join_texts(nodes: list[Inline]) -> list[Inline]:
    """Adjacent text nodes (left by removing a node between them) become one, so later
    filters see the text as a reader of the cleaned output will."""
    out: list[Inline] = []
    for n in nodes:
        if isinstance(n, Text) and out and isinstance(out[-1], Text) and out[-1].lang == n.lang:
            out[-1] = Text(out[-1].text + n.text, n.lang)
        else:
            out.append(n)
    return out


def walk_blocks(blocks: list) -> Iterator[Block]:
    """Every block, depth first, without recursion (documents can nest deeply)."""
    stack = list(reversed(blocks))
    while stack:
        b = stack.pop()
        yield b
        stack.extend(reversed(child_blocks(b)))


# --- the document -------------------------------------------------------------


@dataclass
class Document:
    source: Source
    format: str  # input format: "text" | "markdown" | "html"
    blocks: list[Block] = field(default_factory=list)
    title: str | None = None
    language: str | None = None
    language_detected: bool = False  # ``language`` was guessed from the text (no ``lang`` given)
    metadata: dict[str, object] = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)
    touched: bool = False  # top-level block list rebuilt: join blocks afresh
    page: bool = False  # HTML input was a whole page (write a whole page back)
    broken_markup: bool = False  # HTML the parser had to mend (a never-closed <a>): never published as it came
    head_title: Text | None = None  # an HTML page's <title> text, mapped to the input (not article text)
    removed_markup: list[tuple[int, int]] = field(default_factory=list)  # HTML elements the reader dropped (recorded)

    def text_nodes(
        self, only: set[int] | None = None, keep: Callable[[Text], object] | None = None
    ) -> Iterator[tuple[Text, TextContext]]:
        """Every editable text node with its context; code is never yielded. With ``only``
        (``id()`` of blocks), the nodes of those blocks alone; with ``keep``, the nodes it
        passes alone (a context is built for those only: most callers need few)."""
        for block in walk_blocks(self.blocks):
            if only is not None and id(block) not in only:
                continue
            lang = block.attrs.get("lang") if hasattr(block, "attrs") else None
            for inlines in inline_lists(block):
                yield from _walk_inlines(inlines, block, (), lang, keep)

    def texts(self) -> list[Text]:
        """The nodes ``text_nodes()`` yields, in its order, without their contexts."""
        out: list[Text] = []
        for block in walk_blocks(self.blocks):
            for inlines in inline_lists(block):
                _texts_of(inlines, out)
        return out

    def alt_texts(self) -> list[tuple[Image, Text]]:
        """Each image whose ``alt`` is mapped to the input (HTML), with that text."""
        out: list[tuple[Image, Text]] = []
        for block in walk_blocks(self.blocks):
            for inlines in inline_lists(block):
                _alts_of(inlines, out)
        return out

    def visible_text(self, limit: int | None = None, *, code: bool = True) -> str:
        """The document's words, block by block (for language detection and tests);
        with ``limit``, at least the first ``limit`` characters (a sample, not all);
        without ``code``, no code blocks (``import``, ``app = FastAPI()`` are no language)."""
        parts: list[str] = []
        size = 0
        for block in walk_blocks(self.blocks):
            if isinstance(block, Code) and code:
                parts.append(block.code)
                size += len(block.code)
            for inlines in inline_lists(block):
                parts.append(_plain(inlines))
                size += len(parts[-1])
            if limit is not None and size >= limit:
                break
        return "\n".join(p for p in parts if p)

    # -- recording changes ------------------------------------------------------

    def record(
        self,
        filter: str,
        action: str,
        src_start: int,
        src_end: int,
        after: str | None,
        *,
        before: str | None = None,
        lang: str | None = None,
        confidence: float | None = None,
        reason: str | None = None,
    ) -> Change:
        """Record a change located by normalized-source offsets."""
        start, end = self.source.to_input(src_start), self.source.to_input(src_end, end=True)
        if before is None:
            before = self.source.input[start:end]
        change = Change(filter, action, before, after, start, end, lang, confidence, reason)
        self.changes.append(change)
        return change

    def edit(
        self,
        node: Text,
        edits: list[tuple[int, int, str]],
        filter: str,
        action: str,
        *,
        lang: str | None = None,
        confidence: float | None = None,
        reason: str | None = None,
        reasons: list[str | None] | None = None,
    ) -> list[Change]:
        """Apply ``(i, j, new)`` edits (offsets in the node's current text) to
        ``node`` in one pass and record each; an edit overlapping an earlier one is
        skipped (detect, then apply)."""
        order = sorted(range(len(edits)), key=lambda k: (edits[k][0], edits[k][1]))
        kept: list[int] = []
        last_end = -1
        value = node.value
        for k in order:
            i, j, new = edits[k]
            if i < last_end or value[i:j] == new:
                continue  # overlaps an edit already kept, or changes nothing
            kept.append(k)
            last_end = j
        if not kept:
            return []
        # an edit of the input's own text (entities included) reports the input's slice as
        # ``before``; only text an earlier filter wrote is reported as it stands now
        located = [(node.text.source_span(edits[k][0], edits[k][1]), node.text.is_from_source(edits[k][0], edits[k][1])) for k in kept]
        try:
            node.text = node.text.replace_many([edits[k] for k in kept])
        except ValueError:  # two edits inside one earlier edit: apply them one by one
            for k in reversed(kept):
                i, j, new = edits[k]
                node.text = node.text.replace(i, j, new)
        recorded: list[Change] = []
        for k, ((s, e), verbatim) in zip(kept, located):
            i, j, new = edits[k]
            recorded.append(
                self.record(
                    filter,
                    action,
                    s,
                    e,
                    new,
                    before=None if verbatim else value[i:j],
                    lang=lang,
                    confidence=confidence,
                    reason=reasons[k] if reasons else reason,
                )
            )
        return recorded

    def flag(
        self,
        node: Text,
        i: int,
        j: int,
        filter: str,
        *,
        suggestion: str | None = None,
        lang: str | None = None,
        confidence: float | None = None,
        reason: str | None = None,
    ) -> Change:
        s, e = node.text.source_span(i, j)
        before = None if node.text.is_from_source(i, j) else node.value[i:j]
        if before is not None:
            # lines a filter joined with a space (a hard-wrapped sentence): the input's own
            # slice, line breaks and all, is what was flagged
            held = self.source.input[self.source.to_input(s) : self.source.to_input(e, end=True)]
            if held.split() == before.split():
                before = None
        return self.record(
            filter, "flagged", s, e, suggestion, before=before, lang=lang, confidence=confidence, reason=reason
        )
