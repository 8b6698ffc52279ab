"""Readers keep exact maps; writers give clean documents back unchanged."""

import pytest
from selectolax.lexbor import LexborHTMLParser

from cleanup import clean
from cleanup.document import Code, Heading, Link, ListBlock, Paragraph, Quote, Table
from cleanup.readers import read, sniff_format
from cleanup.source import Source

CLEAN_MARKDOWN = """# Квартальный отчёт: *рост* продолжается

Выручка выросла на 12 % — до 4,2 млрд ₽ ([отчёт](https://example.ru/report "PDF"), см. также [1]).
Вторая строка абзаца с `inline code` и экранированием \\*звёздочек\\* &amp; сущностью.

* первый пункт
* второй пункт с **жирным** текстом
    1. вложенный
    2. список

> Цитата из пресс-релиза,
> в две строки.

```python
print("код не трогаем: Alibabaâ€™s")
```

| Показатель | 2023 | 2024 |
|:-----------|-----:|-----:|
| Выручка    | 3,7  | 4,2  |

***

[1]: https://example.ru/notes
"""


def test_markdown_round_trip_is_byte_identical():
    result = clean(CLEAN_MARKDOWN, lang="ru", preset="minimal")
    assert result.changes == []
    assert result.text == CLEAN_MARKDOWN


def test_markdown_structure():
    doc = read(Source(CLEAN_MARKDOWN), "markdown")
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds == ["Heading", "Paragraph", "ListBlock", "Quote", "Code", "Table", "Rule"]
    lst = doc.blocks[2]
    assert isinstance(lst, ListBlock) and lst.marker == "*" and lst.tight
    assert isinstance(lst.items[1].blocks[1], ListBlock) and lst.items[1].blocks[1].ordered
    link = doc.blocks[1].children[1]
    assert isinstance(link, Link) and link.href == "https://example.ru/report" and link.title == "PDF"


def test_every_text_node_maps_to_its_input():
    for fmt, text in [("markdown", CLEAN_MARKDOWN), ("html", HTML_PAGE)]:
        doc = read(Source(text), fmt)
        for node, _ in doc.text_nodes():
            for span in node.text.spans:
                if span.kind == "same":
                    assert text[span.start : span.end] == span.text


def test_mojibake_is_fixed_in_text_not_in_code():
    text = CLEAN_MARKDOWN.replace("Выручка выросла", "Alibabaâ€™s выручка выросла")
    result = clean(text, lang="ru", preset="minimal")
    assert result.text == CLEAN_MARKDOWN.replace("Выручка выросла", "Alibaba’s выручка выросла")
    (change,) = result.changes
    assert (change.filter, change.action, change.before, change.after) == ("encoding", "repaired", "â€™", "’")
    assert text[change.start : change.end] == "â€™"
    assert result.to_dict()["changes"][0]["line"] == 3


HTML_PAGE = """<!DOCTYPE html>
<html lang="de">
<head><meta charset="utf-8"><title>Bahnstreik legt Fernverkehr lahm</title>
<link rel="canonical" href="https://news.example.de/bahnstreik"></head>
<body>
<article>
<h1 data-block-key="a1b2">Bahnstreik legt Fernverkehr lahm</h1>
<p data-block-key="c3d4">Die Gewerkschaft hat für Donnerstag zu einem <strong>ganztägigen</strong> Streik aufgerufen &amp; fordert 7,5&nbsp;% mehr Lohn. <a href="https://news.example.de/tarif">Mehr zum Tarifstreit</a>.</p>
<ul><li>Fernverkehr: rund 80 % der Züge fallen aus</li><li>Regionalverkehr: regional unterschiedlich</li></ul>
<pre><code class="language-bash">curl -s https://bahn.example/api | jq .</code></pre>
<table><tr><th>Linie</th><th>Status</th></tr><tr><td>ICE 597</td><td>entfällt</td></tr></table>
</article>
</body>
</html>
"""


def test_html_round_trip_keeps_structure_and_attributes():
    result = clean(HTML_PAGE, lang="de", preset="minimal")
    assert result.changes == []
    assert result.metadata == {"title": "Bahnstreik legt Fernverkehr lahm", "canonical_url": "https://news.example.de/bahnstreik", "lang_attribute": "de"}
    tree = LexborHTMLParser(result.text)
    assert tree.css_first("h1").attributes["data-block-key"] == "a1b2"
    assert tree.css_first("p").text() == (
        "Die Gewerkschaft hat für Donnerstag zu einem ganztägigen Streik aufgerufen & fordert 7,5\xa0% mehr Lohn. "
        "Mehr zum Tarifstreit."
    )
    assert [li.text() for li in tree.css("li")] == ["Fernverkehr: rund 80 % der Züge fallen aus", "Regionalverkehr: regional unterschiedlich"]
    assert tree.css_first("pre code").text() == "curl -s https://bahn.example/api | jq ."
    assert tree.css_first("title").text() == "Bahnstreik legt Fernverkehr lahm"
    # the second pass changes nothing and gives the same HTML
    again = clean(result.text, lang="de", preset="minimal")
    assert again.changes == [] and again.text == result.text


@pytest.mark.parametrize(
    "payload",
    [
        '<a href="javascript:alert(1)">x</a>',
        '<a href="jav&#x09;ascript:alert(1)">x</a>',
        '<a href="JaVaScRiPt:alert(1)">x</a>',
        '<a href="&#106;avascript:alert(1)">x</a>',
        '<a href=" \x01javascript:alert(1)">x</a>',
        '<a href="vbscript:msgbox(1)">x</a>',
        '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
        '<img src="x" onerror="alert(1)">',
        '<iframe src="https://evil.example"></iframe>',
        '<script>alert(1)</script>',
        '<style>body{background:url(javascript:alert(1))}</style>',
        '<p onclick="alert(1)">x</p>',
        '<svg><script>alert(1)</script></svg>',
        '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    ],
)
def test_html_output_has_no_active_content(payload):
    out = clean(f"<p>Text before</p>{payload}<p>after</p>", lang="en", preset="minimal").text
    tree = LexborHTMLParser(out)
    for node in tree.root.traverse():
        assert node.tag not in ("script", "iframe", "style", "svg", "math", "object", "embed")
        for name, value in node.attributes.items():
            assert not name.startswith("on")
            if name in ("href", "src") and value:
                assert value.split(":", 1)[0].strip().lower() in ("http", "https", "x") or ":" not in value
    md = clean(f"<p>Text before</p>{payload}<p>after</p>", lang="en", preset="minimal", to="markdown").text
    assert "javascript:" not in md.lower() and "vbscript:" not in md.lower() and "data:text" not in md.lower()


def test_script_removal_is_recorded():
    text = '<p>Kept words.</p><script>track()</script>'
    result = clean(text, lang="en", preset="minimal")
    (change,) = result.changes
    assert (change.filter, change.action, change.before) == ("sanitize", "removed", "<script>track()</script>")
    assert text[change.start : change.end] == change.before


def test_text_to_markdown_escapes_only_what_would_change_meaning():
    text = "1. Januar war kalt\n\nPreis: 5 * 3 = 15, snake_case bleibt, *nicht kursiv*\n\n# kein Titel\n"
    result = clean(text, lang="de", preset="minimal", input_format="text")
    assert result.text == (
        "1\\. Januar war kalt\n\nPreis: 5 * 3 = 15, snake_case bleibt, \\*nicht kursiv\\*\n\n\\# kein Titel\n"
    )


def test_sniffing():
    assert sniff_format(HTML_PAGE) == "html"
    assert sniff_format(CLEAN_MARKDOWN) == "markdown"
    assert sniff_format("Plain title\n- item one\n- item two\nA sentence.") == "text"
    assert sniff_format("<div>fragment</div>") == "html"


CUT_TITLE_ARTICLE = (
    '<a href="https://www.ilpost.it/2025/03/14/treni-sciopero/">Sciopero dei treni venerdì\n'
    "Gli utenti dovranno organizzarsi per tempo.\nI sindacati chiedono aumenti salariali.\n\n"
    "Trenitalia garantisce le fasce protette.\n"
)


def test_text_starting_with_a_cut_anchor_is_not_sniffed_as_html():
    # one <a href="…"> never closed, then plain paragraphs: extraction debris, not a document
    assert sniff_format(CUT_TITLE_ARTICLE) == "text"
    assert sniff_format('<a href="https://x.org/r">Title</a>\n<p>Body.</p>') == "html"
    assert sniff_format('<a href="https://x.org/r">\n  <img src="https://x.org/i.png">\n</a>\n') == "html"
    result = clean(CUT_TITLE_ARTICLE, lang="it")
    assert result.text == (
        "[Sciopero dei treni venerdì](https://www.ilpost.it/2025/03/14/treni-sciopero/)\n\n"
        "Gli utenti dovranno organizzarsi per tempo.\n\nI sindacati chiedono aumenti salariali.\n\n"
        "Trenitalia garantisce le fasce protette.\n"
    )
    assert [(c.filter, c.action, c.before) for c in result.changes if c.filter == "anchors"] == [
        ("anchors", "repaired", '<a href="https://www.ilpost.it/2025/03/14/treni-sciopero/">Sciopero dei treni venerdì')
    ]


def test_plain_text_writer():
    result = clean(CLEAN_MARKDOWN, lang="ru", preset="minimal", to="text")
    assert result.text.startswith("Квартальный отчёт: рост продолжается\n\nВыручка выросла")
    assert "- первый пункт" in result.text


def test_deeply_nested_html_keeps_words():
    text = "<div>" * 5000 + "deep words" + "</div>" * 5000
    result = clean(text, lang="en", preset="minimal")
    assert "deep words" in result.text


def test_fenced_code_in_plain_text_is_kept_verbatim():
    text = ("How to read a file in Python\n\nThe simplest way is a with block:\n\n```python\n"
            "with open(\"a.txt\") as f:\n    for line in f:\n        print(\"你好，這是測試\", line)\n```\n\n"
            "That is all you need.\n")
    result = clean(text, input_format="text")
    assert "```python\nwith open(\"a.txt\") as f:\n    for line in f:\n        print(\"你好，這是測試\", line)\n```" in result.text
    assert [c.filter for c in result.changes] == ["structure"]  # the title; nothing inside the fence
    unclosed = clean("A note\n\n```\nno closing fence\n", input_format="text", lang="en")
    assert "no closing fence" in unclosed.text


def test_markdown_to_html_and_text_keeps_front_matter_alignment_and_html_block_words():
    text = ("---\ntitle: Hello\n---\n\n# Hello\n\n| a | b |\n|:-:|--:|\n| 1 | 2 |\n\n"
            "<details>\n<summary>Is it free?</summary>\n\nYes, it is.\n</details>\n")
    html = clean(text, to="html").text
    assert html.startswith('<pre class="front-matter">---\ntitle: Hello\n---</pre>\n<h1>Hello</h1>')
    assert '<th align="center">a</th><th align="right">b</th>' in html
    plain = clean(text, to="text").text
    assert plain.startswith("---\ntitle: Hello\n---\n\nHello\n") and "Is it free?" in plain and "Yes, it is." in plain


def test_plain_text_with_a_fence_is_still_plain_text():
    text = ("Film cameras return\n\nSales of 35mm film rose 20% last year, the trade group said on Monday.\n\n"
            "Why now\n\nYounger buyers say they like the slower pace.\n\n```sh\nls -l\n```\n")
    result = clean(text)
    assert result.text.startswith("# Film cameras return\n") and "## Why now" in result.text
    assert "```sh\nls -l\n```" in result.text


def test_rebuilt_html_page_keeps_the_apostrophe_of_its_title():
    # <title> holds text, not an attribute: a quote needs no reference there
    html = ("<!DOCTYPE html><html lang=\"tr\"><head><title>Ä°stanbul'da metro</title></head><body>"
            "<h1>Ä°stanbul'da metro</h1><p>Duraklar:</p><p>- Kirazlı</p><p>- Halkalı</p></body></html>")
    assert clean(html).text == (
        '<!DOCTYPE html>\n<html lang="tr">\n<head>\n<meta charset="utf-8">\n<title>İstanbul\'da metro</title>\n'
        "</head>\n<body>\n<h1>İstanbul'da metro</h1>\n<p>Duraklar:</p>\n<ul>\n<li>Kirazlı</li>\n"
        "<li>Halkalı</li>\n</ul>\n</body>\n</html>\n")
