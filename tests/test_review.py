"""The HTML review page (``cleanup.review.render`` and ``--review``).

Structure is checked with selectolax; the page is then opened in a real headless
Chromium (Debian's ``/usr/bin/chromium``, installed by ``scripts/install_browser.sh``,
driven by Playwright) to check marks, keyboard focus, print layout and a screenshot.
The browser tests skip, saying why, only when Chromium cannot be launched.

Filters still being written (anchors, structure, boilerplate, stray) are stood in
for by the small filters below, which record changes through the same Document API,
so the page is tested on every kind of change (replace, insert, delete, flag, block
record, removed content, rebuilt link) whatever the default pipeline holds today.

Regenerate the README screenshot with ``python tests/test_review.py``.
"""

from __future__ import annotations

import dataclasses
import json
import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from cleanup import clean
from cleanup.document import Break, Document, Link, Paragraph, Text
from cleanup.filters import Filter
from cleanup.pipeline import Pipeline, filter_class
from cleanup.review import render

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "en-seed-alibaba-deepseek.txt"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
BASE = "https://www.gogoai.xin/article/"


# --- stand-ins for filters being written elsewhere ------------------------------------


class StandInStray(Filter):
    name = "stray"

    def apply(self, doc: Document) -> None:
        flagged = set()
        for node, _ in list(doc.text_nodes()):
            i = node.value.find("澄清")
            if i >= 0:
                doc.edit(node, [(i, i + 2, " clarification")], "stray", "translated", lang="zh", confidence=0.9,
                         reason="Chinese word in English text; translated from CC-CEDICT")
            for word, why in (("Qwen", "brand or stray token?"), ("proliferate", "check the verb")):
                j = node.value.find(word)
                if j >= 0 and word not in flagged:  # the first one only
                    flagged.add(word)
                    doc.flag(node, j, j + len(word), "stray", suggestion=word.lower(), confidence=0.4, reason=why)


class StandInStructure(Filter):
    name = "structure"

    def apply(self, doc: Document) -> None:
        for node, _ in list(doc.text_nodes()):
            if node.value == "Key Takeaways from the Clarification":
                s, e = node.text.source_range
                doc.record("structure", "converted", s, e, "## " + node.value, reason="bare line before a list")
            if node.value == "Future Market Indicators":
                doc.edit(node, [(len(node.value), len(node.value), ":")], "structure", "normalized",
                         reason="stand-in insertion")


class StandInBoilerplate(Filter):
    name = "boilerplate"

    def apply(self, doc: Document) -> None:
        for block in doc.blocks:
            if not isinstance(block, Paragraph):
                continue
            keep = []
            for node in block.children:
                if isinstance(node, Text) and node.value.startswith(("📌", "🔗", "⚠️")):
                    s, e = node.text.source_range
                    doc.record("boilerplate", "removed", s, e, None, reason="attribution footer moved to metadata")
                    value = node.value
                    if "Original:" in value:
                        doc.metadata["original_url"] = value.split("Original:", 1)[1].strip()
                    elif "Source:" in value:
                        doc.metadata["source"] = value.split("Source:", 1)[1].strip()
                    else:
                        doc.metadata["credit"] = value.split(" ", 1)[1].strip()
                    if keep and isinstance(keep[-1], Break):
                        keep.pop()
                    block.touched = True
                    continue
                keep.append(node)
            block.children[:] = keep


class StandInAnchors(Filter):
    name = "anchors"

    def apply(self, doc: Document) -> None:
        for node, ctx in list(doc.text_nodes()):
            k = node.value.find('">')
            if node.value.startswith("DeepSeek-are-just") and k > 0:
                label = node.text.slice(k + 2, len(node.value))
                href = BASE + "alibaba-and-deepseek-are-just-neighbors-in-hangzhou"
                ctx.siblings[ctx.index] = Link(href, [Text(label)], touched=True)
                ctx.block.touched = True
                s, e = node.text.source_range
                doc.record("anchors", "repaired", s, e, f"[{label}]({href})", confidence=0.95,
                           reason="half-cut anchor rebuilt from the slug and the Original: URL")


def rich_pipeline() -> Pipeline:
    return Pipeline(
        [filter_class("encoding")(), StandInAnchors(), StandInBoilerplate(), StandInStructure(), StandInStray()]
    )


def rich_text() -> str:
    """The seed with mojibake, zero-width spaces and a CRLF line, as scraped text often is."""
    text = SEED.read_text(encoding="utf-8")
    text = text.replace("Alibaba’s strategy", "Alibabaâ€™s strategy", 1)
    text = text.replace("firmly debunked", "firmly\u200b debunked", 1)
    text = text.replace("Industry sources", "Industry\u200bsources", 1)
    text = text.replace("Recent rumors", "â€œRecent rumorsâ€\x9d", 1)
    text = text.replace("Hangzhou\nRecent", "Hangzhou\r\nRecent", 1)
    return text


@pytest.fixture(scope="module")
def seed_result():
    return clean(SEED.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def rich_result():
    return clean(rich_text(), pipeline=rich_pipeline(), lang="en")


def parse(page: str) -> LexborHTMLParser:
    return LexborHTMLParser(page)


def invisible_shown(text: str) -> str:
    from cleanup.review import _invisible

    return "".join(f"U+{ord(c):04X}" if _invisible(c) else c for c in text)


def mark_text(node) -> str:
    """A mark's own text: without its tag and tooltip."""
    html = node.html
    inner = LexborHTMLParser(html).css_first("mark")
    for sub in inner.css(".tag, .tip"):
        sub.decompose()
    return inner.text(deep=True)


# --- structure ----------------------------------------------------------------------------


def assert_safe(tree: LexborHTMLParser) -> None:
    csp = tree.css_first('meta[http-equiv="Content-Security-Policy"]')
    assert csp is not None
    policy = csp.attributes["content"]
    assert "default-src 'none'" in policy and "script-src" not in policy
    assert not tree.css("script, iframe, object, embed, base, link, form, input, img, frame, svg, math")
    for node in tree.root.traverse():
        for attr, value in node.attributes.items():
            assert not attr.lower().startswith("on"), (node.tag, attr)
            if attr in ("href", "src", "action", "formaction", "xlink:href"):
                assert value.startswith(("#", "https://", "http://")), (node.tag, attr, value)
    for a in tree.css("a[href]"):
        if not a.attributes["href"].startswith("#"):
            assert a.attributes.get("rel") == "noopener noreferrer"
            assert a.attributes.get("target") == "_blank"
    for a in tree.css("#article a[href]"):
        assert a.attributes["href"].startswith(("http://", "https://"))


def assert_marks_match(tree: LexborHTMLParser, result) -> None:
    report = result.to_dict()
    source_input = result.document.source.input
    for n, change in enumerate(report["changes"], 1):
        for where, ident in (("#article", f"change-{n}"), ("#original", f"orig-change-{n}")):
            marks = tree.css(f'{where} [id="{ident}"]')
            assert len(marks) == 1, (ident, change)
            m = marks[0]
            assert m.tag == "mark" and "chg" in m.attributes["class"].split()
            assert m.attributes["tabindex"] == "0"
            a = m.attributes
            assert (a["data-change"], a["data-filter"], a["data-action"]) == (str(n), change["filter"], change["action"])
            assert (int(a["data-start"]), int(a["data-end"])) == (change["start"], change["end"])
            tip = m.css_first(".tip")
            assert tip is not None and change["filter"] in tip.text() and change["action"] in tip.text()
            assert m.css_first(".tag").text().endswith(change["filter"])  # a text label, not colour alone
        # the original view marks exactly input[start:end]
        orig = tree.css_first(f'#original [id="orig-change-{n}"]')
        assert mark_text(orig) == invisible_shown(source_input[change["start"] : change["end"]])
        # the cleaned view marks the text the change produced (when it is still in the text)
        art = tree.css_first(f'#article [id="change-{n}"]')
        if change["action"] != "flagged" and change["after"] and "point" not in art.attributes["class"]:
            shown = mark_text(art)
            assert shown and shown in change["after"], (shown, change)
    assert len(tree.css("#article mark.chg")) == len(report["changes"])
    assert len(tree.css("#original mark.chg")) == len(report["changes"])
    flags = tree.css("#flags li.flag")
    assert len(flags) == report["flags"]
    flagged = [n for n, c in enumerate(report["changes"], 1) if c["action"] == "flagged"]
    assert [li.css_first("a").attributes["href"] for li in flags] == [f"#change-{n}" for n in flagged]
    assert len(tree.css("#changes ol.changes > li")) == len(report["changes"])


def test_seed_page_is_safe_and_complete(seed_result):
    page = render(seed_result)
    tree = parse(page)
    assert_safe(tree)
    assert_marks_match(tree, seed_result)
    for tag in ("header", "main", "aside", "nav", "section", "article", "details"):
        assert tree.css_first(tag) is not None, tag
    assert "@media print" in tree.css_first("style").text()
    assert tree.css_first("pre.orig").text().replace("\u200b", "") != ""
    # the whole input is in the original view, in order
    orig = parse(page).css_first("pre.orig")
    for sub in orig.css(".tag, .tip"):
        sub.decompose()
    assert orig.text() == invisible_shown(seed_result.document.source.input)
    for key in ("title", "source", "original_url", "credit"):
        assert tree.css_first(f'#metadata [data-key="{key}"]') is not None
        value = seed_result.metadata.get(key)
        if value:
            assert str(value) in tree.css_first(f'#metadata [data-key="{key}"] dd').text()


def test_rich_page_marks_every_kind_of_change(rich_result):
    report = rich_result.to_dict()
    kinds = {(c["filter"], c["action"]) for c in report["changes"]}
    assert {("encoding", "repaired"), ("encoding", "removed"), ("stray", "translated"), ("stray", "flagged"),
            ("structure", "converted"), ("structure", "normalized"), ("boilerplate", "removed"),
            ("anchors", "repaired")} <= kinds
    page = render(rich_result, name="rich.txt")
    tree = parse(page)
    assert_safe(tree)
    assert_marks_match(tree, rich_result)
    # the translation is marked on the new word, the flags on the flagged words
    trans = tree.css_first('#article mark.chg[data-action="translated"]')
    assert mark_text(trans) == " clarification"
    assert [mark_text(m) for m in tree.css('#article mark.chg[data-action="flagged"]')] == ["Qwen", "proliferate"]
    # the rebuilt link is active, safe, and its text is marked
    link = tree.css_first('#article a[href^="https://www.gogoai.xin/"]')
    assert link is not None and "Neighbors in Hangzhou" in link.text()
    assert link.css_first('mark.chg-cont[data-filter="anchors"]') or tree.css_first(
        '#article mark.chg[data-filter="anchors"]'
    )
    # the footer is gone from the text: shown as removed markers with the removed words
    gaps = tree.css("#article p.gap mark.chg")
    assert len(gaps) == 3 and "GogoAI News" in gaps[0].text()
    # flags list: surrounding sentence with the flagged word
    contexts = [li.css_first(".context").text() for li in tree.css("#flags li.flag")]
    assert "Alibaba possesses its own robust AI model, Qwen, reducing" in contexts[0]
    assert contexts[1].rstrip().endswith("allowed false narratives to proliferate unchecked.")
    # metadata extracted by the (stand-in) boilerplate filter
    meta = {d.attributes["data-key"]: d.css_first("dd").text() for d in tree.css("#metadata dl > div")}
    assert meta["original_url"] == BASE + "alibaba-debunked-no-deepseek-investment-deal"
    assert meta["source"] == "GogoAI News (www.gogoai.xin)"
    assert tree.css_first('#metadata a[href^="https://www.gogoai.xin/"]') is not None
    # counts table: one row per filter, totals add up
    groups = tree.css("#counts tbody[data-filter]")
    assert [g.attributes["data-filter"] for g in groups] == sorted({c["filter"] for c in report["changes"]})
    for g in groups:
        f = g.attributes["data-filter"]
        for row in g.css("tr:not(.sub)"):
            action, count = (td.text() for td in row.css("td"))
            assert int(count) == sum(c["filter"] == f and c["action"] == action for c in report["changes"])
    assert tree.css_first("#counts tfoot td").text() == f"{len(report['changes'])} ({report['flags']})"


def test_crlf_and_bom_offsets_are_marked_in_place():
    text = "\ufeffTitle\r\n\r\nAlibabaâ€™s cloud\u200b grew.\r\n"
    result = clean(text, lang="en", preset="minimal")
    assert len(result.changes) == 2
    tree = parse(render(result))
    assert_marks_match(tree, result)
    assert mark_text(tree.css_first('#article [id="change-1"]')) == "’"


def test_page_is_stable_across_processes(tmp_path):
    """Golden: the seed's page is byte-identical from two separate processes (CLI)."""
    outs = []
    for k, seed in enumerate(("0", "12345")):
        out = tmp_path / f"review{k}.html"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        proc = subprocess.run(
            [sys.executable, "-m", "cleanup", "--review", str(out), str(SEED)],
            capture_output=True, timeout=300, env=env, cwd=tmp_path,
        )
        assert proc.returncode == 0, proc.stderr.decode()
        assert proc.stdout.decode("utf-8") == clean(SEED.read_text(encoding="utf-8")).text  # normal output too
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    assert outs[0] == render(clean(SEED.read_text(encoding="utf-8")), name=str(SEED)).encode("utf-8")


def test_rich_page_is_deterministic(rich_result):
    assert render(rich_result) == render(clean(rich_text(), pipeline=rich_pipeline(), lang="en"))


def test_cli_review_needs_one_input(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "cleanup", "--review", str(tmp_path / "r.html"), str(SEED), str(SEED)],
        capture_output=True, timeout=300,
    )
    assert proc.returncode == 2 and b"--review takes one input" in proc.stderr
    assert not (tmp_path / "r.html").exists()


MARKDOWN_KINDS = """# Héllo â€œworldâ€\x9d

> quote with zero\u200bwidth
> - nested

1. one\u200b
2. two **bold â€™** *em* `code\u200b` [link](https://x.example/ "t")

| a | b\u200b |
|---|---|
| c â€™ | d |

```py
code\u200b stays
```

---
![alt â€™](https://img.example/a.png)
"""
HTML_PAGE = (
    "<!doctype html><html><head><title>T</title></head><body><h2>x\u200by</h2><ul><li>a â€™</li></ul>"
    "<table><tr><td>q\u200b</td></tr></table></body></html>"
)


@pytest.mark.parametrize(("text", "fmt"), [(MARKDOWN_KINDS, "markdown"), (HTML_PAGE, "html"), ("", "text")])
def test_every_block_kind_renders_with_marks(text, fmt):
    result = clean(text, input_format=fmt, lang="en")
    assert bool(result.changes) == bool(text)
    tree = parse(render(result))
    assert_safe(tree)
    assert_marks_match(tree, result)


HOSTILE_HTML = """<h1>T <script>alert(1)</script></h1>
<p>Hi <a href="javascript:alert(1)">js</a> <a href=" jav&#x09;ascript:alert(2)">js2</a>
<a href="https://ok.example/x?a=1&amp;b=2">ok</a> <a href="/relative">rel</a> <a href="mailto:x@y.z">mail</a>
<img src="https://tracker.example/x.png" onerror="alert(1)" alt="pic"> &lt;script&gt;alert(3)&lt;/script&gt;
<a href="data:text/html,<script>alert(1)</script>">data</a></p>
<iframe src="https://evil.example/"></iframe>
<div onclick="alert(1)" id="change-1" class="tip"><p style="color:red">x</p></div>
<svg><script>alert(4)</script></svg>
"""
HOSTILE_MD = """# Title

[js](javascript:alert(1)) [ok](https://ok.example/) <b onclick="x">raw</b> ![i](https://t.example/p.png)

<div class="chg"><script>alert(1)</script><a href="https://x.example/">x</a><img src=x onerror=alert(1)></div>

<!-- comment --><style>body{display:none}</style>
"""
HOSTILE_TEXT = """<script>alert(1)</script>
"><img src=x onerror=alert(1)> [a](javascript:alert(1)) </pre></details></article><script>alert(2)</script>
"""


@pytest.mark.parametrize(("text", "fmt"), [(HOSTILE_HTML, "html"), (HOSTILE_MD, "markdown"), (HOSTILE_TEXT, "text")])
def test_hostile_article_is_escaped_and_inert(text, fmt):
    result = clean(text, input_format=fmt, lang="en")
    result = dataclasses.replace(
        result,
        metadata={
            "title": "<script>alert('t')</script>",
            "original_url": "javascript:alert(1)",
            "source": '<a href="javascript:alert(1)">s</a>',
            "credit": "\"><img src=x onerror=alert(1)>",
            "extra": {"k": "</style><script>alert(1)</script>"},
        },
    )
    page = render(result, name="<b>x</b>.html")
    tree = parse(page)
    assert_safe(tree)
    assert_marks_match(tree, result)
    assert len(tree.css("style")) == 1 and len(tree.css("body *[style]")) == 0
    assert tree.css_first("title").text() == "Review — <script>alert('t')</script>"
    assert "<script>alert('t')</script>" in tree.css_first("h1").text()
    assert tree.css_first('#metadata [data-key="original_url"] a') is None
    assert len(tree.css('[id="change-1"]')) == (1 if result.changes else 0)  # the input's id="change-1" is dropped
    assert all(tip.parent.tag == "mark" for tip in tree.css(".tip"))  # the input's class="tip" is dropped
    if fmt == "text":
        assert "<script>alert(1)</script>" in tree.css_first("#article").text()
    if fmt == "html":
        article = tree.css_first("#article")
        assert [a.attributes["href"] for a in article.css("a")] == ["https://ok.example/x?a=1&b=2"]


# --- in a real browser ------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("browser tests need Playwright: pip install playwright (uses /usr/bin/chromium, no download)")
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"browser tests need {CHROMIUM}: run scripts/install_browser.sh")
    manager = sync_playwright().start()
    try:
        b = manager.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, timeout=60_000)
    except Exception as exc:  # noqa: BLE001 - any launch failure means: no browser here
        manager.stop()
        pytest.skip(f"cannot launch {CHROMIUM}: {str(exc).splitlines()[0]}")
    yield b
    b.close()
    manager.stop()


def open_page(browser, tmp_path, result, name="review.html", width=1280):
    path = tmp_path / name
    path.write_text(render(result), encoding="utf-8")
    page = browser.new_page(viewport={"width": width, "height": 900})
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    page.dialogs, page.requests = dialogs, requests  # type: ignore[attr-defined]
    return page


def png_colours(data: bytes) -> int:
    """Distinct pixel colours of an 8-bit RGB(A) PNG (Pillow when installed)."""
    try:
        from PIL import Image
        import io

        with Image.open(io.BytesIO(data)) as im:
            return len(im.convert("RGB").getcolors(maxcolors=1 << 24) or [])
    except ImportError:
        pass
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        chunk = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, _, depth, ctype = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and ctype in (2, 6)
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytearray(stride)
    colours = set()
    for y in range(len(raw) // (stride + 1)):
        ftype, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b, c = prev[x], prev[x - bpp] if x >= bpp else 0
            if ftype == 1:
                line[x] = (line[x] + a) & 255
            elif ftype == 2:
                line[x] = (line[x] + b) & 255
            elif ftype == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        colours.update(bytes(line[x : x + 3]) for x in range(0, stride, bpp))
        prev = line
    return len(colours)


def test_browser_every_change_is_marked_and_visible(browser, tmp_path, rich_result):
    report = json.loads(json.dumps(rich_result.to_dict()))
    page = open_page(browser, tmp_path, rich_result)
    try:
        for n, change in enumerate(report["changes"], 1):
            info = page.evaluate(
                """n => { const m = document.getElementById('change-' + n); if (!m) return null;
                    const r = m.getBoundingClientRect();
                    return {filter: m.dataset.filter, action: m.dataset.action, start: +m.dataset.start,
                            end: +m.dataset.end, w: r.width, h: r.height,
                            inArticle: !!m.closest('#article'), tag: m.querySelector('.tag').innerText}; }""",
                n,
            )
            assert info is not None, change
            assert (info["filter"], info["action"], info["start"], info["end"]) == (
                change["filter"], change["action"], change["start"], change["end"])
            assert info["inArticle"] and info["w"] > 4 and info["h"] > 4, info
            assert change["filter"] in info["tag"]
        flags = page.eval_on_selector_all("#flags li.flag a", "els => els.map(e => e.getAttribute('href'))")
        assert len(flags) == report["flags"] == 2
        assert flags == [f"#change-{n}" for n, c in enumerate(report["changes"], 1) if c["action"] == "flagged"]
        assert page.dialogs == [] and all(u.startswith("file://") for u in page.requests)
    finally:
        page.close()


def test_browser_keyboard_focus_shows_details(browser, tmp_path, rich_result):
    page = open_page(browser, tmp_path, rich_result)
    try:
        first = rich_result.to_dict()["changes"][0]
        hidden = page.evaluate("document.querySelector('#change-1 .tip').getBoundingClientRect().width")
        assert hidden <= 1  # visually hidden until hovered or focused
        for _ in range(20):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.matches('mark.chg')"):
                break
        focused = page.evaluate(
            """() => { const m = document.activeElement, t = m.querySelector('.tip'), r = t.getBoundingClientRect();
                 return {id: m.id, w: r.width, h: r.height, text: t.innerText}; }"""
        )
        assert focused["id"] == "change-1"
        assert focused["w"] > 100 and focused["h"] > 20
        assert first["filter"] in focused["text"] and first["action"] in focused["text"]
        assert "U+" in focused["text"] or first["after"] in focused["text"]
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "change-2"
        # the nav list reaches each change
        page.click('#changes a[href="#change-3"]')
        assert page.evaluate("location.hash") == "#change-3"
    finally:
        page.close()


def test_browser_print_expands_original_and_inlines_details(browser, tmp_path, rich_result):
    page = open_page(browser, tmp_path, rich_result)
    try:
        height = "document.querySelector('#original details').getBoundingClientRect().height"
        visible = "document.querySelector('pre.orig').checkVisibility()"
        assert page.evaluate(height) < 60 and not page.evaluate(visible)  # closed on screen
        page.emulate_media(media="print")
        assert page.evaluate(height) > 500 and page.evaluate(visible)
        w = page.evaluate("document.querySelector('#change-1 .tip').getBoundingClientRect().width")
        assert w > 20  # before → after printed inline
        pdf = page.pdf()
        assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    finally:
        page.close()


def test_browser_screenshot_is_not_blank(browser, tmp_path, seed_result, rich_result):
    for name, result in (("seed.html", seed_result), ("rich.html", rich_result)):
        page = open_page(browser, tmp_path, result, name=name)
        try:
            png = page.screenshot(full_page=False)
        finally:
            page.close()
        assert png_colours(png) > 50, name


def test_browser_hostile_page_runs_nothing(browser, tmp_path):
    for k, (text, fmt) in enumerate(((HOSTILE_HTML, "html"), (HOSTILE_MD, "markdown"), (HOSTILE_TEXT, "text"))):
        page = open_page(browser, tmp_path, clean(text, input_format=fmt, lang="en"), name=f"h{k}.html")
        try:
            page.wait_for_timeout(200)
            assert page.dialogs == []
            assert all(u.startswith("file://") for u in page.requests), page.requests
            assert page.evaluate("document.scripts.length") == 0
        finally:
            page.close()


def write_readme_screenshot(out: Path = ROOT / "docs" / "review-seed.png") -> None:
    """docs/review-seed.png: the seed's review page as the default pipeline makes it."""
    from playwright.sync_api import sync_playwright

    result = clean(SEED.read_text(encoding="utf-8"))
    html = out.with_suffix(".html")
    html.write_text(render(result, name=SEED.name), encoding="utf-8")
    try:
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = b.new_page(viewport={"width": 1280, "height": 900})
            page.goto(html.as_uri())
            for _ in range(20):  # focus the first change so its details show
                if not result.changes:
                    break
                page.keyboard.press("Tab")
                if page.evaluate("document.activeElement.matches('mark.chg')"):
                    break
            page.screenshot(path=str(out))
            b.close()
    finally:
        html.unlink()
    print(f"wrote {out} ({len(result.changes)} changes)")


if __name__ == "__main__":
    write_readme_screenshot(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "review-seed.png")
