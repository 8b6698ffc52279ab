"""Plain-text writer: readable text with no markup; link targets kept in brackets."""

from __future__ import annotations

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
)


def _inline(nodes: list[Inline]) -> str:
    out: list[str] = []
    for n in nodes:
        if isinstance(n, Text):
            out.append(n.value)
        elif isinstance(n, Break):
            out.append("\n")
        elif isinstance(n, CodeSpan):
            out.append(n.code)
        elif isinstance(n, Link):
            label = _inline(n.children)
            out.append(label if not n.href or n.href == label else f"{label} <{n.href}>" if label else n.href)
        elif isinstance(n, Markup) and n.tag == "q":
            out.append(f"“{_inline(n.children)}”")  # the quotation marks a browser would show
        elif isinstance(n, (Emphasis, Strong, Markup)):
            out.append(_inline(n.children))
        elif isinstance(n, Image):
            out.append(n.alt)
        elif isinstance(n, RawInline):
            pass
    return "".join(out)


def _block(b: Block | ListItem) -> str:
    if isinstance(b, (Heading, Paragraph)):
        return "\n".join(line.strip() for line in _inline(b.children).split("\n")).strip()
    if isinstance(b, ListBlock):
        lines = []
        for k, item in enumerate(b.items):
            marker = f"{b.start + k}." if b.ordered else "-"
            body = "\n".join(_block(c) for c in item.blocks).split("\n")
            lines.append(marker + " " + body[0])
            lines.extend("   " + line if line else "" for line in body[1:])
        return "\n".join(lines)
    if isinstance(b, Container):
        return "\n\n".join(_block(c) for c in b.blocks)
    if isinstance(b, Quote):
        return "\n".join("  " + line for line in "\n\n".join(_block(c) for c in b.blocks).split("\n"))
    if isinstance(b, Code):
        return b.code.rstrip("\n")
    if isinstance(b, Rule):
        return "----"
    if isinstance(b, Table):
        return "\n".join(" | ".join(_inline(c).strip() for c in row) for row in ([b.header] if b.header else []) + b.rows)
    if isinstance(b, Raw):
        if b.kind == "front_matter":
            return b.html.strip()
        from selectolax.lexbor import LexborHTMLParser  # the words of an HTML block, without its tags

        body = LexborHTMLParser(b.html).body
        return "\n".join(line.strip() for line in (body.text(separator="\n") if body else "").split("\n") if line.strip())
    return ""


def write_text(doc: Document) -> str:
    text = "\n\n".join(p for p in (_block(b) for b in doc.blocks) if p)
    return text + "\n" if text else ""
