"""HTML writer: the Document rendered as HTML, then sanitized with nh3 (ammonia).

Text is escaped when rendered and the result still passes through the sanitizer,
so no script, event handler, frame or active URL can reach the output, whatever a
filter or the input did. Unknown ``data-*`` attributes (Draftail's
``data-block-key``) and ``id``/``class``/``lang``/``dir`` survive."""

from __future__ import annotations

from contextlib import contextmanager
from html import escape
from urllib.parse import urljoin

import nh3

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
from cleanup.lang import primary_language
from cleanup.urls import is_safe_url, url_scheme

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del", "div", "dl", "dt",
    "em", "figcaption", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s",
    "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
    "time", "bdi", "bdo", "ruby", "rt", "rp", "details", "summary",
}
COMMON_ATTRS = {"id", "class", "lang", "dir", "title"}
ALLOWED_ATTRS = {
    "*": COMMON_ATTRS,
    "a": {"href", "hreflang", "rel"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "reversed", "type"},
    "details": {"open"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "td": {"align", "colspan", "rowspan"},
    "mark": {"data-lang"},
    "time": {"datetime"},
    "del": {"datetime"},
    "ins": {"datetime"},
}


def _data_only_in_images(tag: str, attr: str, value: str) -> str | None:
    """nh3 checks schemes, not which element holds them: ``data:`` lives only in an
    image's ``src``, and only as a raster image (``is_safe_url``); nowhere else."""
    if value.lstrip()[:5].lower() == "data:" and not (tag == "img" and attr == "src" and is_safe_url(value, image=True)):
        return None
    return value


def sanitize(fragment: str) -> str:
    """The one place HTML output is made safe."""
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRS,
        attribute_filter=_data_only_in_images,
        generic_attribute_prefixes={"data-"},
        url_schemes={"http", "https", "mailto", "tel", "ftp", "ftps", "data"},
        link_rel=None,
        strip_comments=True,
    )


def _attrs(attrs: dict[str, str]) -> str:
    return "".join(f' {k}="{escape(v, quote=True)}"' for k, v in attrs.items())


class HtmlWriter:
    def __init__(self, doc: Document):
        self.doc = doc
        self._lang: str | None = None  # the lang attribute of the block being written

    def write(self) -> str:
        body = sanitize("\n".join(filter(None, (self.block(b) for b in self.doc.blocks))))
        if not self.doc.page:
            return self._fragment(body)
        # the page's own title, language and direction win over what filters inferred
        meta = self.doc.metadata
        lang = str(meta.get("lang_attribute") or self.doc.language or "")
        title = str(meta.get("title") or self.doc.title or "")
        head = '<meta charset="utf-8">' + (f"\n<title>{escape(title, quote=False)}</title>" if title else "")
        canonical = str(meta.get("canonical_url") or "")
        if canonical.startswith(("https://", "http://")) and is_safe_url(canonical):
            head += f'\n<link rel="canonical" href="{escape(canonical, quote=True)}">'
        root = (f' lang="{escape(lang)}"' if lang else "") + (f' dir="{meta["dir_attribute"]}"' if meta.get("dir_attribute") else "")
        return f"<!DOCTYPE html>\n<html{root}>\n<head>\n{head}\n</head>\n<body>\n{body}\n</body>\n</html>\n"

    def _fragment(self, body: str) -> str:
        """A fragment keeps the language and direction of the wrapper it came in; a
        right-to-left article from text or Markdown gets them too, or it would be shown
        left to right."""
        if not body:
            return ""
        meta = self.doc.metadata
        lang, direction = meta.get("lang_attribute"), meta.get("dir_attribute")
        if self.doc.format != "html" and primary_language(self.doc.language) in RTL_LANGUAGES:
            lang, direction = self.doc.language, "rtl"
        if not lang and not direction:
            return body + "\n"
        attrs = (f' lang="{escape(str(lang))}"' if lang else "") + (f' dir="{escape(str(direction))}"' if direction else "")
        return f"<div{attrs}>\n{body}\n</div>\n"

    @contextmanager
    def _lang_of(self, attrs: dict[str, str] | None):
        """While a block is written: its lang attribute (or its parent's)."""
        outer = self._lang
        self._lang = (attrs or {}).get("lang") or outer
        try:
            yield
        finally:
            self._lang = outer

    def block(self, b: Block | ListItem) -> str:
        with self._lang_of(getattr(b, "attrs", None)):
            return self._block(b)

    def _block(self, b: Block | ListItem) -> str:
        a = _attrs(getattr(b, "attrs", {}) or {})
        if isinstance(b, Heading):
            return f"<h{b.level}{a}>{self.inlines(b.children)}</h{b.level}>"
        if isinstance(b, Paragraph):
            inner = self.inlines(b.children)
            # a paragraph a filter emptied is dropped (its text went with a recorded change),
            # as the reader drops an empty <p>: writing it would change the next run's output
            return f"<{b.tag}{a}>{inner}</{b.tag}>" if inner.strip() else ""
        if isinstance(b, ListBlock):
            tag = "ol" if b.ordered else "ul"
            start = f' start="{b.start}"' if b.ordered and b.start != 1 else ""
            items = "\n".join(self.item(i, b.tight) for i in b.items)
            return f"<{tag}{start}{a}>\n{items}\n</{tag}>"
        if isinstance(b, Quote):
            return f"<blockquote{a}>\n" + "\n".join(self.block(c) for c in b.blocks) + "\n</blockquote>"
        if isinstance(b, Container):
            return f"<{b.tag}{a}>\n" + "\n".join(self._in_container(b, c) for c in b.blocks) + f"\n</{b.tag}>"
        if isinstance(b, Code):
            cls = f' class="language-{escape(b.info.split()[0])}"' if b.info.split() else ""
            return f"<pre{a}><code{cls}>{escape(b.code, quote=False)}</code></pre>"
        if isinstance(b, Rule):
            return f"<hr{a}>"
        if isinstance(b, Table):
            align = [f' align="{x}"' if x in ("left", "right", "center") else "" for x in b.align]
            align += [""] * (max([len(b.header)] + [len(r) for r in b.rows]) - len(align))
            head = "".join(f"<th{align[k]}>{self.inlines(c)}</th>" for k, c in enumerate(b.header))
            rows = "".join("<tr>" + "".join(f"<td{align[k]}>{self.inlines(c)}</td>" for k, c in enumerate(r)) + "</tr>\n"
                           for r in b.rows)
            thead = f"<thead>\n<tr>{head}</tr>\n</thead>\n" if b.header else ""
            return f"<table{a}>\n{thead}<tbody>\n{rows}</tbody>\n</table>"
        if isinstance(b, Raw):
            if b.kind == "front_matter":  # data, not markup: shown as written, never parsed as HTML
                return f'<pre class="front-matter">{escape(b.html.strip(), quote=False)}</pre>'
            return b.html
        return ""

    def _in_container(self, container: Container, b: Block) -> str:
        """A figure's image is written bare, as figures hold it (``<figure><img>…``): the
        reader wraps it in an implicit paragraph, which is no ``<p>`` of the page."""
        if (container.tag == "figure" and isinstance(b, Paragraph) and b.tag == "p" and not b.attrs
                and any(isinstance(n, Image) for n in b.children)
                and all(isinstance(n, Image) or (isinstance(n, Text) and not n.value.strip()) for n in b.children)):
            return self.inlines(b.children).strip()
        return self.block(b)

    def item(self, item: ListItem, tight: bool) -> str:
        with self._lang_of(item.attrs):
            if tight and all(isinstance(c, Paragraph) for c in item.blocks):
                inner = "\n".join(self.inlines(c.children) for c in item.blocks)  # type: ignore[union-attr]
            else:
                inner = "\n".join(self.block(c) for c in item.blocks)
        return f"<li{_attrs(item.attrs)}>{inner}</li>"

    def inlines(self, nodes: list[Inline]) -> str:
        return "".join(self.inline(n) for n in nodes)

    def inline(self, node: Inline) -> str:
        if isinstance(node, Text):
            text = escape(node.value, quote=False)
            return f'<span lang="{escape(node.lang)}">{text}</span>' if node.lang and node.lang != self._lang else text
        if isinstance(node, Break):
            return "<br>" if node.hard else "\n"
        if isinstance(node, CodeSpan):
            return f"<code>{escape(node.code, quote=False)}</code>"
        if isinstance(node, Link):
            inner = self.inlines(node.children)
            if not is_safe_url(node.href):
                return inner
            title = f' title="{escape(node.title)}"' if node.title else ""
            return f'<a href="{escape(node.href, quote=True)}"{title}>{inner or escape(node.href)}</a>'
        if isinstance(node, Image):
            if not is_safe_url(node.url, image=True):
                return escape(node.alt, quote=False)
            base = str(self.doc.metadata.get("base_url") or "")
            if base.startswith(("https://", "http://")) and url_scheme(node.url) is None and not node.url.startswith("//"):
                # <base> is never written back (it would redirect every relative URL): apply it here
                node = Image(urljoin(base, node.url), node.alt, node.title, attrs=node.attrs)
            extra = {"title": node.title, **node.attrs} if node.title else node.attrs
            return f'<img src="{escape(node.url, quote=True)}" alt="{escape(node.alt, quote=True)}"{_attrs(extra)}>'
        if isinstance(node, Markup):
            return f"<{node.tag}{_attrs(node.attrs)}>{self.inlines(node.children)}</{node.tag}>"
        if isinstance(node, Emphasis):
            return f"<em>{self.inlines(node.children)}</em>"
        if isinstance(node, Strong):
            return f"<strong>{self.inlines(node.children)}</strong>"
        if isinstance(node, RawInline):
            return node.html
        return ""


RTL_LANGUAGES = frozenset({"ar", "fa", "ur", "he", "yi", "ps", "dv", "ckb", "sd", "ug"})


def write_html(doc: Document) -> str:
    from cleanup.writers.html_passthrough import passes_through, spliced_source

    if passes_through(doc):
        return doc.source.text
    spliced = spliced_source(doc)
    if spliced is not None:
        return spliced
    return HtmlWriter(doc).write()
