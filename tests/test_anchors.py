"""The anchors filter: link debris repaired, stripped or flagged; unsafe links removed."""

import pickle
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from cleanup import clean
from cleanup.filters.anchors import TOO_MUCH_DEBRIS, AnchorsFilter, AnchorsOptions
from cleanup.slug import is_slug, match_tail, slug_variants

ROOT = Path(__file__).resolve().parents[1]
SEED = Path("/work/shared/seeds/000_f4947564c44a895a.txt")
if not SEED.exists():
    SEED = ROOT / "corpus" / "en-seed-alibaba-deepseek.txt"
SEED_LINK = (
    "[Alibaba and DeepSeek Are Just Neighbors in Hangzhou]"
    "(https://www.gogoai.xin/article/alibaba-and-DeepSeek-are-just-neighbors-in-hangzhou)"
)


def run(text, **options):
    """Only the anchors filter (and encoding), offsets checked on every change."""
    options.setdefault("lang", "en")
    options.setdefault("preset", "minimal")
    options.setdefault("enable", ("anchors",))
    options.setdefault("disable", ("sanitize",))  # raw <a> tags are the anchors filter's to report here
    result = clean(text, **options)
    for c in result.changes:
        assert text[c.start : c.end] == c.before, c
    return result


def fields(result):
    return [(c.action, c.before, c.after) for c in result.changes if c.filter == "anchors"]


# --- the seed -------------------------------------------------------------------------


def test_seed_line_two_is_rebuilt_as_a_link():
    text = SEED.read_text(encoding="utf-8")
    result = clean(text)
    assert result.text.split("\n\n")[1] == SEED_LINK
    (change,) = [c for c in result.changes if c.filter == "anchors"]
    assert change.action == "repaired"
    assert change.before == 'DeepSeek-are-just-neighbors-in-hangzhou">Alibaba and DeepSeek Are Just Neighbors in Hangzhou'
    assert (change.start, change.end) == (46, 138)
    assert text[change.start : change.end] == change.before
    assert change.after == SEED_LINK
    assert change.confidence == 0.85
    assert "slugified anchor text" in change.reason and "https://www.gogoai.xin/article/" in change.reason


def test_seed_strip_keeps_only_the_anchor_text():
    text = SEED.read_text(encoding="utf-8")
    result = clean(text, anchors="strip")
    assert result.text.split("\n\n")[1] == "Alibaba and DeepSeek Are Just Neighbors in Hangzhou"
    (change,) = [c for c in result.changes if c.filter == "anchors"]
    assert (change.action, change.before, change.after) == ("removed", 'DeepSeek-are-just-neighbors-in-hangzhou">', "")
    assert (change.start, change.end) == (46, 87)


def test_seed_flag_changes_nothing_and_reports():
    text = SEED.read_text(encoding="utf-8")
    result = clean(text, anchors="flag")
    assert 'DeepSeek-are-just-neighbors-in-hangzhou">Alibaba' in result.text
    (change,) = [c for c in result.changes if c.filter == "anchors"]
    assert change.action == "flagged" and change.after == SEED_LINK and change.start == 46


def test_seed_repair_is_idempotent():
    first = clean(SEED.read_text(encoding="utf-8"))
    second = clean(first.text, lang="en")
    assert [c for c in second.changes if c.filter == "anchors"] == []
    assert SEED_LINK in second.text


# --- every debris form --------------------------------------------------------------------

FOOTER = "\n\nOriginal: https://news.example-site.com/article/some-story\n"


@pytest.mark.parametrize(
    "line, out, changes",
    [
        (  # slug tail whose slug is the whole slugified text
            'rail-strike-ends">Rail Strike Ends',
            "[Rail Strike Ends](https://news.example-site.com/article/rail-strike-ends)",
            [("repaired", 'rail-strike-ends">Rail Strike Ends',
              "[Rail Strike Ends](https://news.example-site.com/article/rail-strike-ends)")],
        ),
        (  # full URL tail with the closing tag
            'See https://other.org/a/b-c">the report</a> today.',
            "See [the report](https://other.org/a/b-c) today.",
            [("repaired", 'https://other.org/a/b-c">the report</a>', "[the report](https://other.org/a/b-c)")],
        ),
        (  # single-quoted tail
            "Read https://other.org/x-y'>more here",
            "Read [more here](https://other.org/x-y)",
            [("repaired", "https://other.org/x-y'>more here", "[more here](https://other.org/x-y)")],
        ),
        (  # slug that does not match the text: stripped
            'budget-2024-final">Council Approves Budget',
            "Council Approves Budget",
            [("removed", 'budget-2024-final">', "")],
        ),
        (  # unclosed <a href>
            'Read <a href="https://other.org/report">the full report',
            "Read [the full report](https://other.org/report)",
            [("repaired", '<a href="https://other.org/report">the full report',
              "[the full report](https://other.org/report)")],
        ),
        (  # orphan </a>
            "Prices rose</a> again in May.",
            "Prices rose again in May.",
            [("removed", "</a>", "")],
        ),
        (  # <a fragment cut at the end of the line
            'Where to buy: <a href="https://shop.other.org/p/12',
            "Where to buy:",
            [("removed", '<a href="https://shop.other.org/p/12', "")],
        ),
        (  # a cut fragment right before another <a: both are debris, in one run
            'Where to buy: <a href="https://shop.other.org/p/12 <a class="btn" href="https://shop.other.org/p/13',
            "Where to buy:",
            [("removed", '<a href="https://shop.other.org/p/12 ', ""),
             ("removed", '<a class="btn" href="https://shop.other.org/p/13', "")],
        ),
        (  # a cut fragment right before its own </a>: nothing was linked, both go in one run
            'Prices rose <a href="https://other.org/p </a> again.',
            "Prices rose  again.",  # the structure filter (not run here) normalizes the spaces
            [("removed", '<a href="https://other.org/p ', ""), ("removed", "</a>", "")],
        ),
        (  # words after an open quote are text, not a cut URL: nothing is guessed away
            'Prices <a href=" rose again in May.',
            "Prices \\<a href=\" rose again in May.",
            [],
        ),
        (  # HTML-escaped anchor in plain text
            "Read: &lt;a href=&quot;https://other.org/r&quot;&gt;the study&lt;/a&gt; now.",
            "Read: [the study](https://other.org/r) now.",
            [("repaired", "&lt;a href=&quot;https://other.org/r&quot;&gt;the study&lt;/a&gt;",
              "[the study](https://other.org/r)")],
        ),
        (  # unclosed Markdown link
            "Details in [the decision](https://other.org/d/2024-17 and elsewhere.",
            "Details in [the decision](https://other.org/d/2024-17) and elsewhere.",
            [("repaired", "[the decision](https://other.org/d/2024-17", "[the decision](https://other.org/d/2024-17)")],
        ),
        (  # bare href attribute debris with text and </a>
            'See href="https://other.org/notes">our notes</a> from the launch.',
            "See [our notes](https://other.org/notes) from the launch.",
            [("repaired", 'href="https://other.org/notes">our notes</a>', "[our notes](https://other.org/notes)")],
        ),
        (  # a stray "> at a line start
            '">Markets Rally on Rate Hopes',
            "Markets Rally on Rate Hopes",
            [("removed", '">', "")],
        ),
        (  # path tail resolved against the Original URL
            '/article/port-reopens">Port Reopens',
            "[Port Reopens](https://news.example-site.com/article/port-reopens)",
            [("repaired", '/article/port-reopens">Port Reopens',
              "[Port Reopens](https://news.example-site.com/article/port-reopens)")],
        ),
        (  # cut path that overlaps the site's URL
            'site.com/article/port-reopens">Port Reopens',
            "[Port Reopens](https://news.example-site.com/article/port-reopens)",
            [("repaired", 'site.com/article/port-reopens">Port Reopens',
              "[Port Reopens](https://news.example-site.com/article/port-reopens)")],
        ),
    ],
    ids=["slug", "url-close", "single-quote", "slug-mismatch", "open", "orphan-close", "cut", "cut-chain", "cut-close", "open-quote", "escaped", "md-unclosed",
         "href", "bare-quote", "path", "cut-path"],
)
def test_debris_forms_in_text(line, out, changes):
    result = run(line + FOOTER, input_format="text")
    assert result.text.split("\n\n")[0] == out
    assert fields(result) == changes


def test_strip_mode_removes_both_tags_and_keeps_text():
    result = run('Read <a href="https://other.org/report">the report</a> now.\n', anchors="strip", input_format="text")
    assert result.text == "Read the report now.\n"
    assert fields(result) == [("removed", '<a href="https://other.org/report">', ""), ("removed", "</a>", "")]


def test_flag_mode_reports_without_editing():
    text = 'Read <a href="https://other.org/report">the report</a> now.\n'
    result = run(text, anchors="flag", input_format="text")
    assert result.text == 'Read \\<a href="https://other.org/report">the report\\</a> now.\n'  # escaped, not a link
    assert fields(result) == [("flagged", '<a href="https://other.org/report">the report</a>',
                               "[the report](https://other.org/report)")]
    assert result.changes[0].confidence == 0.95


def test_slug_without_a_base_is_stripped_with_a_reason():
    result = run('rail-strike-ends">Rail Strike Ends\n', input_format="text")
    assert result.text == "Rail Strike Ends\n"
    (change,) = result.changes
    assert change.action == "removed" and "no base URL" in change.reason


def test_base_url_option_gives_the_directory():
    result = run('rail-strike-ends">Rail Strike Ends\n', input_format="text", base_url="https://paper.org/news/")
    assert result.text == "[Rail Strike Ends](https://paper.org/news/rail-strike-ends)\n"


def test_slug_shorter_than_the_line_links_only_the_matching_words():
    text = 'port-reopens">Port Reopens. Ships returned on Monday.' + FOOTER
    result = run(text, input_format="text")
    assert result.text.startswith(
        "[Port Reopens](https://news.example-site.com/article/port-reopens). Ships returned on Monday."
    )


@pytest.mark.parametrize(
    "text, out",
    [
        ('Markets were calm today, analysts said.\nSee <a href="https://news.other.org/a/report-2024">the report</a>'
         ' for details.\n">Markets Rally\nStocks rose on Friday as investors cheered.\n',
         "Markets were calm today, analysts said.\n\nSee [the report](https://news.other.org/a/report-2024) for details."
         "\n\nMarkets Rally\n\nStocks rose on Friday as investors cheered.\n"),
        ('第一段正文内容在这里。延伸阅读：<a href="https://auto.carnews.cn/2024/10/ev-price-war">新能源车价格战</a>\n'
         '">特斯拉中国销量下滑\n与此同时，特斯拉中国的交付量同比下降约5%。\n',
         "第一段正文内容在这里。延伸阅读：[新能源车价格战](https://auto.carnews.cn/2024/10/ev-price-war)\n\n"
         "特斯拉中国销量下滑\n\n与此同时，特斯拉中国的交付量同比下降约5%。\n"),
    ],
    ids=["en", "zh"],
)
def test_stray_gt_after_a_line_with_a_repaired_link(text, out):
    # the link splits the line's text node: the "> line after it still starts a line, is
    # repaired in the first run and stays a line of its own (not glued to the next one)
    lang = "zh" if "特斯拉" in text else "en"
    anchors = [(c.action, c.before) for c in run(text, lang=lang, input_format="text").changes]
    assert anchors[1:] == [("removed", '">')] and anchors[0][0] == "repaired"
    result = clean(text, lang=lang)
    assert result.text == out
    assert clean(result.text, lang=lang).text == out


def test_reference_link_with_a_definition_line_in_plain_text():
    text = "See [the ruling][1] for details.\n\n[1]: https://court.example-site.com/r/42\n"
    result = run(text, input_format="text")
    assert result.text.startswith("See [the ruling](https://court.example-site.com/r/42) for details.")


def test_dangling_reference_in_markdown_is_stripped():
    result = run("Costs are in the [budget plan][plan] of the city.\n", input_format="markdown")
    assert result.text == "Costs are in the budget plan of the city.\n"
    assert fields(result) == [("removed", "[", ""), ("removed", "][plan]", "")]


def test_citation_marks_are_not_reference_links():
    text = "As reported earlier [1][2], the plan stands.\n"
    assert run(text, input_format="markdown").changes == []


def test_dangling_reference_forms_that_lose_no_word_are_stripped():
    text = "See [the ruling][1], [the appeal][] and [the Budget Plan][budget plan] in the [Haushaltsplan][haushalt].\n"
    result = run(text, input_format="markdown")
    assert result.text == "See the ruling, the appeal and the Budget Plan in the Haushaltsplan.\n"
    assert fields(result) == [("removed", "[", ""), ("removed", "][1]", ""), ("removed", "[", ""),
                              ("removed", "][]", ""), ("removed", "[", ""), ("removed", "][budget plan]", ""),
                              ("removed", "[", ""), ("removed", "][haushalt]", "")]


BRACKETED_WORDS = (
    "# Transcript\n\n"
    "The minister paused. [Applause][Laughter] Then she went on.\n\n"
    "El ministro hizo una pausa. [Risas][Aplausos] Luego siguió.\n\n"
    "Rates are quoted as [EUR][USD] pairs, and the function returns dict[str][int] here.\n"
)


@pytest.mark.parametrize("fmt", ["markdown", "text"])
def test_bracketed_words_are_text_not_dangling_references(fmt):
    # an undefined [label] that is a word of its own is not a link label: dropping it loses the word
    result = run(BRACKETED_WORDS, input_format=fmt)
    assert fields(result) == []
    for word in ("[Applause]", "[Laughter]", "[Risas]", "[Aplausos]", "[EUR]", "[USD]", "[str]", "[int]"):
        assert word in result.text.replace("\\", "")


def test_bracketed_words_survive_a_second_run():
    first = clean(BRACKETED_WORDS.split("\n\n", 1)[1], lang="en", input_format="text")
    second = clean(first.text, lang="en")
    assert second.text == first.text
    assert "Laughter" in second.text and "Aplausos" in second.text and "int" in second.text
    assert [c for c in second.changes if c.filter == "anchors"] == []


# --- structure: lists, headings, tables; Markdown keeps its bytes elsewhere ----------------


def test_markdown_list_heading_and_table_cell():
    text = (
        "# News\n\n"
        "## storm-warning-lifted\">Storm Warning Lifted\n\n"
        "- one: flood-defences-hold\">Flood Defences Hold\n- two *kept* as `code\">x`\n\n"
        "| a | b |\n| --- | --- |\n| roads-reopen\">Roads Reopen | 3 |\n\n"
        "Original: https://city.example-site.com/news/storm-story\n"
    )
    result = run(text, input_format="markdown")
    base = "https://city.example-site.com/news/"
    assert result.text == (
        "# News\n\n"
        f"## [Storm Warning Lifted]({base}storm-warning-lifted)\n\n"
        f"- one: [Flood Defences Hold]({base}flood-defences-hold)\n- two *kept* as `code\">x`\n\n"
        f"| a | b |\n| --- | --- |\n| [Roads Reopen]({base}roads-reopen) | 3 |\n\n"
        "Original: https://city.example-site.com/news/storm-story\n"
    )
    assert [c.action for c in result.changes] == ["repaired"] * 3


# --- languages ----------------------------------------------------------------------------


def test_chinese_percent_encoded_slug_and_original_label():
    slug = "%E6%97%A0%E4%BA%BA%E6%9C%BA%E9%85%8D%E9%80%81"
    text = f'{slug}">无人机配送\n\n原文链接：https://www.sz-news.cn/article/drone-story\n'
    result = run(text, lang="zh", input_format="text")
    assert result.text.startswith(f"[无人机配送](https://www.sz-news.cn/article/{slug})\n")
    (change,) = result.changes
    assert change.before == f'{slug}">无人机配送' and change.confidence == 0.9


def test_chinese_unclosed_anchor():
    text = '更多背景可参阅<a href="https://www.sz-news.cn/topic/low-altitude">低空经济专题\n'
    result = run(text, lang="zh", input_format="text")
    assert result.text == "更多背景可参阅[低空经济专题](https://www.sz-news.cn/topic/low-altitude)\n"


def test_german_transliterated_slug():
    text = 'neue-ampelschaltung-fuer-radfahrende">Neue Ampelschaltung für Radfahrende\n\nQuelle: https://www.lvz-beispiel.de/artikel/x-y\n'
    result = run(text, lang="de", input_format="text")
    assert result.text.startswith(
        "[Neue Ampelschaltung für Radfahrende](https://www.lvz-beispiel.de/artikel/neue-ampelschaltung-fuer-radfahrende)"
    )


@pytest.mark.parametrize(
    "tail, text",
    [
        ("nowy-slup-w-lodzi", "Nowy słup w Łodzi"),  # ł, Ł: no decomposition
        ("rodgrod-med-flode-pa-aero", "Rødgrød med fløde på Ærø"),  # ø, æ as most slug libraries write them
        ("roedgroed-med-floede-paa-aeroe", "Rødgrød med fløde på Ærø"),  # … or as Danish digraphs
        ("grosse-strasse-gesperrt", "Große Straße gesperrt"),
        ("isik-kiyisi-istanbulda", "Işık Kıyısı İstanbul’da"),  # dotless ı, dotted İ
        ("isik-kiyisi-istanbul-da", "Işık Kıyısı İstanbul’da"),
        ("thordur-a-isafirdi", "Þórður á Ísafirði"),
        ("neo-metro-sti-thessaloniki", "Νέο μετρό στη Θεσσαλονίκη"),  # Greek text, Latin slug
        ("novyy-most-v-kazani", "Новый мост в Казани"),  # Cyrillic text, Latin slug
    ],
    ids=["pl", "da-ascii", "da-digraphs", "de-sz", "tr", "tr-apostrophe", "is", "el", "ru"],
)
def test_slug_tails_transliterated_beyond_accents(tail, text):
    m = match_tail(tail, text)
    assert m is not None and m.whole and m.slug == tail and m.text_end == len(text)
    assert match_tail("staryy-" + tail, "Новый " + text) is None  # still the text's own slug only


def test_polish_slug_with_l_stroke_is_rebuilt():
    text = (
        "Nowości dnia\n\nPierwszy akapit kończy się kropką.\n"
        'nowy-slup-w-lodzi">Nowy słup w Łodzi\nDalszy tekst artykułu.\n\n'
        "Original: https://www.gazeta.example-site.pl/wiadomosci/inny-artykul\n"
    )
    result = run(text, lang="pl", input_format="text")
    link = "[Nowy słup w Łodzi](https://www.gazeta.example-site.pl/wiadomosci/nowy-slup-w-lodzi)"
    assert result.text.split("\n\n")[1] == f"Pierwszy akapit kończy się kropką.\n{link}\nDalszy tekst artykułu."
    assert fields(result) == [("repaired", 'nowy-slup-w-lodzi">Nowy słup w Łodzi', link)]
    assert result.changes[0].confidence == 0.9


def test_spanish_html_escaped_debris_and_canonical():
    html = (
        '<html><head><link rel="canonical" href="https://www.campo.es/noticias/precio-aceite"></head><body>'
        '<p>cosecha-record-en-jaen"&gt;Cosecha récord en Jaén</p>'
        '<p>Ver el <a href="/mercados/observatorio">observatorio</a>.</p></body></html>'
    )
    result = run(html, lang="es")
    tree = LexborHTMLParser(result.text)
    assert [(a.text(), a.attributes["href"]) for a in tree.css("a")] == [
        ("Cosecha récord en Jaén", "https://www.campo.es/noticias/cosecha-record-en-jaen"),
        ("observatorio", "https://www.campo.es/mercados/observatorio"),
    ]
    assert fields(result) == [
        ("repaired", 'cosecha-record-en-jaen"&gt;Cosecha récord en Jaén',
         "[Cosecha récord en Jaén](https://www.campo.es/noticias/cosecha-record-en-jaen)"),
        ("normalized", "/mercados/observatorio", "https://www.campo.es/mercados/observatorio"),
    ]


def test_slug_helpers():
    assert is_slug("alibaba-and-deepseek") and not is_slug("hangzhou") and is_slug("%E6%9D%AD%E5%B7%9E-ai")
    assert slug_variants("Don’t panic") == ["Dont-panic", "Don-t-panic"]
    m = match_tail("ber-die-w%C3%A4rme", "Alles über die Wärme")
    assert m.slug == "alles-%C3%BCber-die-w%C3%A4rme"
    assert match_tail("hangzhou", "Neighbors in Hangzhou") is None  # one word must be the whole slug


# --- real links ------------------------------------------------------------------------------


def test_html_links_unsafe_empty_duplicate_and_readable():
    html = (
        '<p>Hi <a href="javascript:alert(1)">js</a> and <a href="https://a.org/x"></a>'
        '<a href="https://a.org/y">Read</a> <a href="https://a.org/y">more</a> '
        '<a href="https://zh.wikipedia.org/wiki/%E6%9D%AD%E5%B7%9E">https://zh.wikipedia.org/wiki/%E6%9D%AD%E5%B7%9E</a></p>'
    )
    result = run(html)
    assert fields(result) == [
        ("removed", '<a href="javascript:alert(1)">js</a>', "js"),
        ("removed", '<a href="https://a.org/x"></a>', ""),
        ("normalized", '<a href="https://a.org/y">Read</a> <a href="https://a.org/y">more</a>',
         "[Read more](https://a.org/y)"),
        ("normalized", "https://zh.wikipedia.org/wiki/%E6%9D%AD%E5%B7%9E", "https://zh.wikipedia.org/wiki/杭州"),
    ]
    assert result.text == (
        '<p>Hi js and <a href="https://a.org/y">Read more</a> <a href="https://zh.wikipedia.org/wiki/%E6%9D%AD%E5%B7%9E">'
        "https://zh.wikipedia.org/wiki/杭州</a></p>\n"
    )


def test_markdown_unsafe_links_are_reported_with_their_source():
    text = 'Hi [js](javascript:alert(1)) and <a href="JaVaScRiPt:x">raw</a> and [ok](https://ok.org/).\n'
    result = run(text, input_format="markdown")
    assert result.text == "Hi js and raw and [ok](https://ok.org/).\n"
    assert fields(result) == [
        ("removed", "[js](javascript:alert(1))", "js"),
        ("removed", '<a href="JaVaScRiPt:x">raw</a>', "raw"),
    ]


def test_relative_links_need_a_base():
    text = "See [the guide](../guide/) and [top](#top).\n"
    assert run(text, input_format="markdown").changes == []
    result = run(text, input_format="markdown", base_url="https://docs.example-site.com/v2/intro/")
    assert result.text == "See [the guide](https://docs.example-site.com/v2/guide/) and [top](#top).\n"
    assert fields(result) == [("normalized", "../guide/", "https://docs.example-site.com/v2/guide/")]


def test_source_line_is_not_a_base_for_relative_links():
    text = "See [the docs](docs/intro.md) first.\n\nSource: https://github.com/org/repo\n"
    assert run(text, input_format="markdown").changes == []


def test_raw_html_block_with_unsafe_link_in_markdown():
    text = '<div><a href="javascript:alert(1)">x</a></div>\n\nText\n'
    result = run(text, input_format="markdown")
    assert result.text == "<div><a>x</a></div>\n\nText\n"
    assert fields(result) == [("removed", ' href="javascript:alert(1)"', "")]


def test_unclosed_raw_anchor_in_markdown():
    result = run('Open <a href="https://ok.org/a">the map\n', input_format="markdown")
    assert result.text == "Open [the map](https://ok.org/a)\n"


# --- clean documents are left alone ---------------------------------------------------------


@pytest.mark.parametrize(
    "text, fmt",
    [
        ("If a > b then b < a, and he said \"> nothing\" to us.\n", "text"),
        ('Use `x">y` in code.\n\n```\nfoo-bar">baz\n<a href="https://x.org/">x</a>\n```\n', "markdown"),
        ('In HTML, write <a href="https://www.w3.org/">text</a> to make a link.\n', "text"),
        ('The attribute href="https://site.org/" goes inside the tag.\n', "text"),
        ('<p>Write <code>&lt;a href="x"&gt;</code> and <code>slug"&gt;Text</code>.</p>\n', "html"),
        ("Notes [1][2] and [sic] and [Updated] stay.\n", "markdown"),
        ('He typed "> quit" and left.\n', "text"),
    ],
    ids=["comparison", "code", "html-talk", "attribute-talk", "html-code", "brackets", "quote"],
)
def test_legitimate_text_with_angle_quotes_is_untouched(text, fmt):
    result = run(text, input_format=fmt)
    assert [c for c in result.changes if c.filter == "anchors"] == []


@pytest.mark.parametrize("name", ["en-weekly-link-roundup.md", "de-wochenend-linktipps.html", "en-rust-release.md"])
def test_clean_link_heavy_articles_are_byte_identical(name):
    path = ROOT / "corpus" / name
    text = path.read_text(encoding="utf-8")
    fmt = "markdown" if name.endswith(".md") else "html"
    result = clean(text, lang="en", input_format=fmt, preset="minimal", enable=("anchors",))
    assert result.changes == []
    if fmt == "markdown":
        assert result.text == text


def test_clean_markdown_full_of_links_is_byte_identical():
    text = (
        "# Links\n\n"
        "- [inline](https://a.org/x \"title\") and <https://b.org/> and <me@c.org>\n"
        "- [reference][r] and [collapsed][] and [Shortcut]\n"
        "- raw <a href=\"https://d.org/\">anchor</a> and ![img](https://e.org/i.png)\n\n"
        "| site | link |\n| --- | --- |\n| F | [f](https://f.org/ \"F\") |\n\n"
        "[r]: https://r.org/\n[collapsed]: https://col.org/\n[Shortcut]: https://s.org/\n"
    )
    result = run(text, input_format="markdown")
    assert result.changes == [] and result.text == text


# --- hostile input ------------------------------------------------------------------------------

JS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "jav&#x09;ascript:alert(1)",
    "&#106;avascript:alert(1)",
    "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)",
    "  javascript:alert(1)",
    "\x01javascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
]
BAD = ("javascript", "vbscript", "data:text")


def _no_bad_href(html: str) -> None:
    for node in LexborHTMLParser(html).root.traverse():
        value = (node.attributes.get("href") or "").replace("\t", "").replace("\n", "").strip().lower()
        assert not value.startswith(BAD), value


@pytest.mark.parametrize("url", JS)
def test_hostile_urls_never_live_in_html_output(url):
    html = f'<p>Read <a href="{url}">this</a> and &lt;a href=&quot;{url}&quot;&gt;that&lt;/a&gt;.</p>'
    result = clean(html, lang="en", to="html")
    _no_bad_href(result.text)
    assert any(c.filter == "anchors" and c.action == "removed" for c in result.changes)


@pytest.mark.parametrize("url", JS)
@pytest.mark.parametrize("mode", ["repair", "strip", "flag"])
def test_hostile_urls_never_live_in_markdown_output(url, mode):
    md_url = url.replace(" ", "")
    text = f'Read [this]({md_url}) and <a href="{url}">raw</a> and {md_url.split(":")[0]}-x">debris here.\n'
    out = clean(text, lang="en", input_format="markdown", anchors=mode).text
    low = out.lower()
    assert "](javascript" not in low and "](vbscript" not in low and "](data:text" not in low
    assert 'href="javascript' not in low and 'href="vbscript' not in low
    _no_bad_href(clean(out, lang="en", input_format="markdown", to="html").text)


@pytest.mark.parametrize("url", JS)
def test_hostile_debris_in_text_never_becomes_a_link(url):
    text = f'Read <a href="{url}">this</a> and {url}">that and [x]({url} now.\n'
    result = clean(text, lang="en", input_format="text", to="html")
    _no_bad_href(result.text)


def test_hundred_thousand_fragments_are_handled():
    # linear time is measured by hand (see docs/filters/anchors.md), not asserted
    text = '<a href="' * 100_000
    result = clean(text, lang="en", input_format="text", preset="minimal", enable=("anchors",), to="html")
    assert not LexborHTMLParser(result.text).css("a[href]")
    # not an article: flagged once and left as it is (escaped), so a second run changes nothing
    assert [(c.action, c.reason) for c in result.changes] == [("flagged", TOO_MUCH_DEBRIS)]
    assert result.text == "<p>" + '&lt;a href="' * 100_000 + "</p>\n"
    again = clean(result.text, lang="en", input_format="html", preset="minimal", enable=("anchors",), to="html")
    assert again.text == result.text


# --- the filter object ------------------------------------------------------------------------


def test_options_filled_from_config_and_validated():
    from cleanup.config import CleanupConfig

    flt = AnchorsFilter.from_config(CleanupConfig(anchors="strip", base_url="https://x.org/"))
    assert flt.options == AnchorsOptions(anchors="strip", base_url="https://x.org/")
    with pytest.raises(ValueError, match="unknown mode"):
        AnchorsFilter(anchors="fix")
    assert pickle.loads(pickle.dumps(flt)).options == flt.options


def test_source_line_with_the_url_after_the_site_name_is_a_base():
    text = ("Title of the story here\n"
            "fahrplan-2026-hamburg-berlin\">Fahrplan 2026 Hamburg Berlin\n"
            "The railway delayed the start. This is a long sentence with content.\n"
            "Source: Rail Blog (https://www.bahnblog-nord.de/artikel/neue-ice-strecke-verzoegert)\n")
    out = clean(text, lang="en").text
    assert "[Fahrplan 2026 Hamburg Berlin](https://www.bahnblog-nord.de/artikel/fahrplan-2026-hamburg-berlin)" in out


def test_site_absolute_path_resolves_against_the_source_site():
    text = ("La sequía obliga a Cataluña a restringir el riego agrícola\n"
            "<a href=\"/noticias/embalses-al-20-por-ciento\">Embalses al 20 por ciento\n"
            "El Gobierno catalán aprobó este martes nuevas restricciones al uso del agua para el regadío.\n"
            "Fuente: Diario del Agua (https://www.diariodelagua.example/noticias/sequia-cataluna-riego)\n")
    out = clean(text, lang="es").text
    assert "[Embalses al 20 por ciento](https://www.diariodelagua.example/noticias/embalses-al-20-por-ciento)" in out


@pytest.mark.parametrize(
    "text",
    [
        'Write `<a href="https://www.site.org/">` then your words.\n',
        'Write `<a href="https://www.site.org/">`\nthen your words and `</a>` to close.\n',
        'The anchor tag starts with <a href="https://www.site.org/x">\nand ends with </a> as usual.\n',
        'See <a href="https://example.com/x">\nthe example</a> here.\n',
    ],
    ids=["backticks-one-line", "backticks-two-lines", "html-talk-line-before", "example-host-line-before"],
)
def test_tags_quoted_in_plain_text_are_untouched(text):
    # plain text has no code spans: `<a href>` in backticks is code all the same; and a
    # tag on a line next to one that talks about HTML (or shows an example URL) is prose
    result = run(text, input_format="text")
    assert [c for c in result.changes if c.filter == "anchors"] == []


# --- debris across two lines ------------------------------------------------------------------

ES_URL = "https://noticias.madrid-hoy.es/madrid/cercanias-obras-verano"
PL_URL = "https://www.kolej-warszawa.pl/wiadomosci/nowa-linia-lodz"


@pytest.mark.parametrize(
    "text, fmt, out, changes",
    [
        (  # <a href="URL"> alone on a line, the anchor text and </a> on the next
            f'Renfe cambia los horarios\n<a href="{ES_URL}">\nLas obras de verano obligarán a modificar los horarios.</a>\n'
            "Según el Ministerio, los trabajos durarán seis semanas.\n", "text",
            f"Renfe cambia los horarios\n[Las obras de verano obligarán a modificar los horarios.]({ES_URL})\n"
            "Según el Ministerio, los trabajos durarán seis semanas.\n",
            [("repaired", f'<a href="{ES_URL}">\nLas obras de verano obligarán a modificar los horarios.</a>',
              f"[Las obras de verano obligarán a modificar los horarios.]({ES_URL})")],
        ),
        (  # words before the tag stay on their line
            'Mehr dazu lesen Sie in <a href="https://www.tagesblatt-leipzig.de/politik/haushalt-2025">\n'
            "unserem Bericht zum Haushalt</a>.\n", "text",
            "Mehr dazu lesen Sie in\n"
            "[unserem Bericht zum Haushalt](https://www.tagesblatt-leipzig.de/politik/haushalt-2025).\n",
            [("repaired", ' <a href="https://www.tagesblatt-leipzig.de/politik/haushalt-2025">\n'
              "unserem Bericht zum Haushalt</a>",
              "[unserem Bericht zum Haushalt](https://www.tagesblatt-leipzig.de/politik/haushalt-2025)")],
        ),
        (  # a full-URL tail ending a line
            'https://www.lyon-quotidien.fr/culture/musee-reouverture">\n'
            "Le musée rouvre ses portes</a> après deux ans de travaux.\n", "text",
            "[Le musée rouvre ses portes](https://www.lyon-quotidien.fr/culture/musee-reouverture)"
            " après deux ans de travaux.\n",
            [("repaired", 'https://www.lyon-quotidien.fr/culture/musee-reouverture">\nLe musée rouvre ses portes</a>',
              "[Le musée rouvre ses portes](https://www.lyon-quotidien.fr/culture/musee-reouverture)")],
        ),
        (  # a slug tail: the slug must still be the slugified text, the base still known
            'council-approves-budget">\nCouncil Approves Budget</a>\nThe vote was close.' + FOOTER, "text",
            "[Council Approves Budget](https://news.example-site.com/article/council-approves-budget)\n"
            "The vote was close." + FOOTER,
            [("repaired", 'council-approves-budget">\nCouncil Approves Budget</a>',
              "[Council Approves Budget](https://news.example-site.com/article/council-approves-budget)")],
        ),
        (  # HTML-escaped, in Markdown input
            "Lee también: &lt;a href=&quot;https://www.diario-sevilla.es/economia/aceite&quot;&gt;\n"
            "El precio del aceite baja&lt;/a&gt;\n", "markdown",
            "Lee también:\n[El precio del aceite baja](https://www.diario-sevilla.es/economia/aceite)\n",
            [("repaired", " &lt;a href=&quot;https://www.diario-sevilla.es/economia/aceite&quot;&gt;\n"
              "El precio del aceite baja&lt;/a&gt;", "[El precio del aceite baja](https://www.diario-sevilla.es/economia/aceite)")],
        ),
        (  # the anchor text runs over two lines: which lines were linked is a guess; both tags go
            '<a href="https://www.sportfirenze.it/calcio/franchi">\nIl progetto definitivo del Franchi\n'
            "approvato dal Comune</a>\n", "text",
            "Il progetto definitivo del Franchi\napprovato dal Comune\n",
            [("removed", '<a href="https://www.sportfirenze.it/calcio/franchi">', ""), ("removed", "</a>", "")],
        ),
        (  # a relative URL and no base: both tags go, the words stay
            '<a href="/nieuws/fietsparkeren">\nNieuwe fietsenstalling geopend</a>\n', "text",
            "Nieuwe fietsenstalling geopend\n",
            [("removed", '<a href="/nieuws/fietsparkeren">', ""), ("removed", "</a>", "")],
        ),
        (  # an orphan ](URL) starting a line, its [text lost (the QA article)
            "Il Comune ha approvato il progetto.\n](https://www.sportfirenze.it/calcio/franchi-progetto) "
            "Il costo è di duecento milioni.\n", "text",
            "Il Comune ha approvato il progetto.\nIl costo è di duecento milioni.\n",
            [("removed", "](https://www.sportfirenze.it/calcio/franchi-progetto) ", "")],
        ),
        (  # the [text ends the line before: one link again
            f"Czytaj też: [Nowa linia kolejowa do Łodzi\n]({PL_URL})\nPociągi pojadą szybciej od grudnia.\n", "text",
            f"Czytaj też: [Nowa linia kolejowa do Łodzi]({PL_URL})\nPociągi pojadą szybciej od grudnia.\n",
            [("repaired", f"[Nowa linia kolejowa do Łodzi\n]({PL_URL})", f"[Nowa linia kolejowa do Łodzi]({PL_URL})")],
        ),
        (  # after CJK punctuation, with text after the tail
            "関連記事：[大阪のラーメン店が人気\n](https://www.osaka-gourmet.jp/ramen/ninki-ten) 行列は二時間に及ぶ。\n", "text",
            "関連記事：[大阪のラーメン店が人気](https://www.osaka-gourmet.jp/ramen/ninki-ten)\n行列は二時間に及ぶ。\n",
            [("repaired", "[大阪のラーメン店が人気\n](https://www.osaka-gourmet.jp/ramen/ninki-ten) ",
              "[大阪のラーメン店が人気](https://www.osaka-gourmet.jp/ramen/ninki-ten)")],
        ),
        (  # in Markdown the line holding only the tail goes with its line break
            "Le conseil a voté.\n](https://www.lyon-quotidien.fr/politique/vote)\nLa séance a duré trois heures.\n",
            "markdown", "Le conseil a voté.\nLa séance a duré trois heures.\n",
            [("removed", "](https://www.lyon-quotidien.fr/politique/vote)", "")],
        ),
        (
            "Der Rat hat **zugestimmt**.\n](https://www.tagesblatt-leipzig.de/politik/radwege) Die Radwege kommen.\n",
            "markdown", "Der Rat hat **zugestimmt**.\nDie Radwege kommen.\n",
            [("removed", "](https://www.tagesblatt-leipzig.de/politik/radwege) ", "")],
        ),
    ],
    ids=["es-open", "de-words-before", "fr-url-tail", "en-slug-tail", "es-escaped-md", "it-two-lines",
         "nl-no-base", "it-orphan-tail", "pl-bracket-before", "ja-bracket-before", "fr-md-tail-line", "de-md-tail"],
)
def test_debris_across_two_lines(text, fmt, out, changes):
    result = run(text, input_format=fmt)
    assert result.text == out
    assert fields(result) == changes
    again = run(result.text, input_format="markdown")
    assert again.text == out and fields(again) == []


def test_two_line_forms_in_strip_and_flag_mode():
    text = f'Renfe cambia los horarios\n<a href="{ES_URL}">\nLas obras de verano.</a>\n'
    strip = run(text, input_format="text", anchors="strip")
    assert strip.text == "Renfe cambia los horarios\nLas obras de verano.\n"
    assert fields(strip) == [("removed", f'<a href="{ES_URL}">', ""), ("removed", "</a>", "")]
    flag = run(text, input_format="text", anchors="flag")
    assert fields(flag) == [("flagged", f'<a href="{ES_URL}">\nLas obras de verano.</a>',
                             f"[Las obras de verano.]({ES_URL})")]  # one report, not one per tag
    text = f"Czytaj też: [Nowa linia\n]({PL_URL})\n"
    assert run(text, input_format="text", anchors="strip").text == "Czytaj też: Nowa linia\n"
    assert [a for a, _, _ in fields(run(text, input_format="text", anchors="flag"))] == ["flagged"]


@pytest.mark.parametrize(
    "text, fmt",
    [
        ("Close the link with `](https://site.org/page)` like this.\n\n```\n[text\n](https://site.org/page)\n```\n",
         "markdown"),
        ("Il sindaco [di Firenze] ha parlato.\n] (nota del redattore)\n[1](2) è una coppia.\n", "text"),
        ("In Markdown a link ends with\n](https://www.site.org/page) and the text comes before it.\n", "text"),
        ("Try it:\n](https://example.com/page) ends the link.\n", "text"),
        ('<p>Leggi <a href="https://www.sportfirenze.it/calcio/franchi">\nil rapporto completo</a> oggi.</p>\n', "html"),
        ('Leggi il\n<a href="https://www.sportfirenze.it/calcio/franchi">\nrapporto completo</a> oggi.\n', "markdown"),
        ('Write `<a href="https://www.site.org/">`\nthen the text and `</a>` to close.\n', "markdown"),
    ],
    ids=["md-code", "brackets", "markdown-talk", "example-host", "html-real-link", "md-raw-real-link",
         "md-backticks"],
)
def test_two_line_look_alikes_are_untouched(text, fmt):
    result = run(text, input_format=fmt)
    assert [c for c in result.changes if c.filter == "anchors"] == []


@pytest.mark.parametrize("name", ["es-cercanias-madrid", "it-calcio-stadio"])
def test_qa_articles_two_line_debris(name):
    text = {
        "es-cercanias-madrid": (
            "Renfe cambia los horarios de Cercanías en Madrid\n"
            '<a href="https://noticias.madrid-hoy.es/madrid/cercanias-obras-verano">\n'
            "Las obras de verano obligarán a modificar los horarios de cuatro líneas de Cercanías a partir del 1 de julio.</a>\n"
            "Según el Ministerio de Transportes, los trabajos se concentrarán en el túnel entre Atocha y Chamartín.\n"
            "Fuente: Noticias de Madrid\n"),
        "it-calcio-stadio": (
            "Il nuovo stadio di Firenze sarà pronto nel 2028\n"
            "Il Comune di Firenze ha approvato il progetto definitivo per la ristrutturazione dello stadio Franchi.\n"
            "](https://www.sportfirenze-news.it/calcio/franchi-progetto-definitivo) Il costo complessivo è di duecento "
            "milioni di euro.\n"
            "I tifosi chiedono garanzie sui prezzi dei biglietti.\n"),
    }[name]
    lang = name[:2]
    out = clean(text, lang=lang)
    if name.startswith("es"):
        assert ("\n\n[Las obras de verano obligarán a modificar los horarios de cuatro líneas de Cercanías a partir "
                "del 1 de julio.](https://noticias.madrid-hoy.es/madrid/cercanias-obras-verano)\n\n") in out.text
    else:
        assert "\n\nIl costo complessivo è di duecento milioni di euro.\n\n" in out.text and "](" not in out.text
    assert clean(out.text, lang=lang).changes == []


@pytest.mark.parametrize("text, out", [
    ('<b>\n<a href=" ', '\\<b>\n\n\\<a href="\n'),
    ('Learn how the HTML anchor tag works.\n<a href="https://news.example.org/x">',
     'Learn how the HTML anchor tag works.\n\n\\<a href="https://news.example.org/x">\n'),
])
def test_a_tag_next_to_html_talk_is_kept_in_both_runs(text, out):
    # the lines become two paragraphs: the second run must still see the neighbour
    first = clean(text, lang="en", input_format="text")
    assert first.text == out
    assert clean(first.text, lang="en", input_format=first.format).text == out


@pytest.mark.parametrize("text, out", [
    ('<p ;\n一、</a>', '\\<p ;\n\n1. \\</a>\n'),
    ('1. </a>;\n<t>', '1. \\</a>;\n\n\\<t>\n'),
])
def test_a_tag_in_a_list_item_next_to_html_talk_is_kept_in_both_runs(text, out):
    # the structure filter makes the line a list item: the neighbour is outside the list then
    first = clean(text, lang="en", input_format="text")
    assert first.text == out
    assert [c for c in first.changes if c.filter == "anchors"] == []
    for c in first.changes:
        assert text[c.start : c.end] == c.before
    again = clean(first.text, lang="en", input_format=first.format)
    assert again.text == out and again.changes == []


def test_a_cut_tail_after_a_quote_marker_is_at_the_line_start():
    # "> slug">" in text becomes a quote: the next run reads the tail at the start of the
    # quote's line, so the first run must too (it kept the debris, the second removed it)
    for text in ("Intro line.\n> slug-here\">Title of the piece\nMore text here.\n",
                 "Intro line.\n>slug-here\">Title of the piece\nMore text here.\n"):
        first = clean(text, lang="en", input_format="text")
        assert first.text == "Intro line.\n\n> Title of the piece\n\nMore text here.\n"
        assert clean(first.text, lang="en", input_format=first.format).text == first.text
    bare = clean('> ml">', lang="en", input_format="text")
    assert clean(bare.text, lang="en", input_format=bare.format).text == bare.text


@pytest.mark.parametrize(
    "title, slug, footer",
    [
        # Ukrainian titles slugged in the national romanization (для → dlia, трамваї → tramvai), an Оригінал: label
        ("Нові трамваї для Львова", "novi-tramvai-dlia-lvova", "Оригінал: https://lviv.example.ua/news/lviv-kupuie-tramvai"),
        ("Юні шахісти з Харкова", "yuni-shakhisty-z-kharkova", "Оригінал: https://kh.example.ua/news/inshyi-tekst"),
        # Bulgarian (щ → sht, ъ → a) and Serbian Latin (ц → c, ђ → dj) slugs
        ("Щъркели над Бургас", "shtarkeli-nad-burgas", "Източник: https://burgas.example.bg/novini/drug-tekst"),
        ("Ђачки центар у Нишу", "djacki-centar-u-nisu", "Извор: https://nis.example.rs/vesti/drugi-tekst"),
        # a Dutch "Oorspronkelijk artikel:" footer gives the site, as "Original:" does
        ("Fietsenstalling vol in de spits", "fietsenstalling-vol-in-de-spits",
         "Oorspronkelijk artikel: https://fiets.example.nl/artikel/andere-tekst"),
    ],
)
def test_cut_tail_of_a_national_romanization_slug_is_rebuilt_from_the_footer(title, slug, footer):
    body = "Міська рада затвердила програму оновлення транспорту на наступні роки."
    text = f'{slug}">{title}\n\n{body}\n\n{footer}\n'
    result = clean(text, input_format="markdown", disable=("structure", "boilerplate"))
    base = footer.split(": ", 1)[1].rsplit("/", 1)[0]
    assert result.text.startswith(f"[{title}]({base}/{slug})\n"), result.text
    (change,) = [c for c in result.changes if c.filter == "anchors"]
    assert (change.action, text[change.start:change.end]) == ("repaired", change.before)


def test_anyascii_russian_slugs_still_match():
    assert match_tail("novosti-dlya-lvova", "Новости для Львова").slug == "novosti-dlya-lvova"
    assert match_tail("tramvai-dlia-lvova", "Трамваї для Львова") is not None
    assert match_tail("tramvai-dlia-kyieva", "Трамваї для Львова") is None
