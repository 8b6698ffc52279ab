"""boilerplate filter: an attribution footer glued to the end of the article's last sentence
("… in Western Europe. Source: Reuters") is split off, lifted and kept like a footer line."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleanup import clean
from test_boilerplate import footer_meta, run

SEED_PATH = Path(__file__).resolve().parents[2] / "shared/seeds/000_f4947564c44a895a.txt"
BODY = "The committee met on Tuesday and approved the budget after a long debate about the new rail line."
SPLIT = "attribution footer glued to the end of the last sentence split off onto its own line"

# (input, cleaned text, metadata, the glued footer as the input has it: separator and all)
CASES = {
    "en": (
        "Chip Plant Expansion\nThe company said on Monday that it would double output at its Dresden plant by 2028.\n"
        "Sales rose 12% in Western Europe. Source: Reuters (https://www.reuters.example/world/chips-2028)\n",
        "# Chip Plant Expansion\n\nThe company said on Monday that it would double output at its Dresden plant by 2028."
        "\n\nSales rose 12% in Western Europe.\n\n---\n\nSource: Reuters (https://www.reuters.example/world/chips-2028)\n",
        {"source": "Reuters", "original_url": "https://www.reuters.example/world/chips-2028"},
        " Source: Reuters (https://www.reuters.example/world/chips-2028)",
    ),
    "ja": (
        "東証が新ルール発表\n東京証券取引所は本日、新しい上場規則を来年四月から適用すると発表した。出典：日本経済新聞\n",
        "# 東証が新ルール発表\n\n東京証券取引所は本日、新しい上場規則を来年四月から適用すると発表した。\n\n---\n\n出典：日本経済新聞\n",
        {"source": "日本経済新聞"},
        "出典：日本経済新聞",
    ),
    "de": (
        "Windkraft im Norden\nDie Betreiber im Norden wollen die Leistung ihrer Anlagen bis 2030 verdoppeln. Quelle: dpa\n",
        "# Windkraft im Norden\n\nDie Betreiber im Norden wollen die Leistung ihrer Anlagen bis 2030 verdoppeln.\n\n---\n\n"
        "Quelle: dpa\n",
        {"source": "dpa"},
        " Quelle: dpa",
    ),
    "zh": (
        "新能源汽车市场\n比亚迪在今年上半年继续扩大了在国内新能源汽车的市场份额。来源：新华社\n",
        "# 新能源汽车市场\n\n比亚迪在今年上半年继续扩大了在国内新能源汽车的市场份额。\n\n---\n\n来源：新华社\n",
        {"source": "新华社"},
        "来源：新华社",
    ),
    "pt": (
        "Exportações do agronegócio\nAs exportações de soja para a China cresceram mais de 40%. Fonte: Agência Brasil\n",
        "# Exportações do agronegócio\n\nAs exportações de soja para a China cresceram mais de 40%.\n\n---\n\n"
        "Fonte: Agência Brasil\n",
        {"source": "Agência Brasil"},
        " Fonte: Agência Brasil",
    ),
    "ru": (
        "Метро без машинистов\nПервые беспилотные поезда выйдут на линию уже в следующем году. Источник: Городские новости\n",
        "# Метро без машинистов\n\nПервые беспилотные поезда выйдут на линию уже в следующем году.\n\n---\n\n"
        "Источник: Городские новости\n",
        {"source": "Городские новости"},
        " Источник: Городские новости",
    ),
    "fr": (
        "Le vélo à Paris\nLa ville veut doubler le nombre de pistes cyclables d'ici 2030. Source : AFP\n",
        "# Le vélo à Paris\n\nLa ville veut doubler le nombre de pistes cyclables d'ici 2030.\n\n---\n\nSource : AFP\n",
        {"source": "AFP"},
        " Source : AFP",
    ),
    "es": (
        "Precios del aceite\nLos precios del aceite de oliva bajaron un 20% en el último trimestre. Fuente: Europa Press\n",
        "# Precios del aceite\n\nLos precios del aceite de oliva bajaron un 20% en el último trimestre.\n\n---\n\n"
        "Fuente: Europa Press\n",
        {"source": "Europa Press"},
        " Fuente: Europa Press",
    ),
    "ko": (
        "배터리 투자 확대\n회사는 내년까지 배터리 공장에 3조 원을 투자한다고 밝혔다. 출처: 연합뉴스\n",
        "# 배터리 투자 확대\n\n회사는 내년까지 배터리 공장에 3조 원을 투자한다고 밝혔다.\n\n---\n\n출처: 연합뉴스\n",
        {"source": "연합뉴스"},
        " 출처: 연합뉴스",
    ),
    "hi": (
        "क्रिकेट सेमीफाइनल\nसेमीफाइनल मुकाबला गुरुवार को मुंबई में खेला जाएगा। स्रोत: खेल समाचार\n",
        "# क्रिकेट सेमीफाइनल\n\nसेमीफाइनल मुकाबला गुरुवार को मुंबई में खेला जाएगा।\n\n---\n\nस्रोत: खेल समाचार\n",
        {"source": "खेल समाचार"},
        " स्रोत: खेल समाचार",
    ),
    "zh-paren": (
        "新能源汽车市场\n比亚迪在今年上半年继续扩大了在国内新能源汽车的市场份额。（来源：新华社）\n",
        "# 新能源汽车市场\n\n比亚迪在今年上半年继续扩大了在国内新能源汽车的市场份额。\n\n---\n\n（来源：新华社）\n",
        {"source": "新华社"},
        "（来源：新华社）",
    ),
    "en-quote-nbsp": (
        "Title Of The Piece\n" + BODY + "\n\u201cWe will win,\u201d she said. \u201cWe always do.\u201d\u00a0Source: Reuters\n",
        "# Title Of The Piece\n\n" + BODY + "\n\n\u201cWe will win,\u201d she said. \u201cWe always do.\u201d\n\n---\n\n"
        "Source: Reuters\n",
        {"source": "Reuters"},
        "\u00a0Source: Reuters",
    ),
    "en-originally-published": (
        "Title Of The Piece\n" + BODY + "\nFares stay flat. Originally published at https://blog.example.com/post/42.\n",
        "# Title Of The Piece\n\n" + BODY + "\n\nFares stay flat.\n\n---\n\nOriginally published at https://blog.example.com/post/42.\n",
        {"original_url": "https://blog.example.com/post/42"},
        " Originally published at https://blog.example.com/post/42.",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_glued_footer_is_split_off_and_lifted(name):
    text, want, meta, glued = CASES[name]
    result = run(text)
    assert result.text == want
    assert footer_meta(result) == meta
    changes = [c for c in result.changes if c.filter == "boilerplate"]
    at = text.index(glued)
    # the rule goes where the sentence ends; the split-off footer accounts for every moved character
    assert [(c.action, c.before, c.after, c.start, c.end) for c in changes] == [
        ("normalized", "", "---", at, at),
        ("normalized", glued, glued.strip(), at, at + len(glued)),
    ]
    assert changes[1].reason.startswith(SPLIT)
    for c in result.changes:
        assert text[c.start : c.end] == c.before
    again = run(result.text)
    assert again.changes == []
    assert again.text == result.text
    assert footer_meta(again) == meta


def test_report_gives_line_and_column_of_the_glued_footer():
    text = CASES["de"][0]
    report = clean(text).to_dict()
    (split,) = [c for c in report["changes"] if c["filter"] == "boilerplate" and c["before"]]
    assert (split["line"], split["column"], split["start"], split["end"]) == (2, 79, 98, 110)
    assert text.split("\n")[1][78:] == " Quelle: dpa"


def test_glued_footer_removed():
    text = "Title Of The Piece\n" + BODY + "\nSales rose 12% in Western Europe. Source: Reuters\n"
    result = run(text, footer="remove")
    assert result.text == "# Title Of The Piece\n\n" + BODY + "\n\nSales rose 12% in Western Europe.\n"
    assert footer_meta(result) == {"source": "Reuters"}
    (change,) = [c for c in result.changes if c.filter == "boilerplate"]
    assert (change.action, change.before, change.after) == ("removed", " Source: Reuters", None)
    assert text[change.start : change.end] == change.before
    assert run(result.text, footer="remove").changes == []


def test_glued_footer_left_alone_with_footer_off():
    text = "Title Of The Piece\n" + BODY + "\nSales rose 12% in Western Europe. Source: Reuters\n"
    result = run(text, footer="off")
    assert footer_meta(result) == {}
    assert result.text.endswith("\n\nSales rose 12% in Western Europe. Source: Reuters\n")


def test_glued_footer_above_more_footer_lines():
    text = ("Windkraft im Norden\nDie Betreiber im Norden wollen die Leistung ihrer Anlagen bis 2030 verdoppeln. "
            "Quelle: dpa\nOriginalartikel: https://wind.example.de/a/1\n")
    result = run(text)
    assert result.text == ("# Windkraft im Norden\n\nDie Betreiber im Norden wollen die Leistung ihrer Anlagen bis 2030 "
                           "verdoppeln.\n\n---\n\nQuelle: dpa\n\nOriginalartikel: https://wind.example.de/a/1\n")
    assert footer_meta(result) == {"source": "dpa", "original_url": "https://wind.example.de/a/1"}
    assert run(result.text).changes == []


def test_glued_seed_footer_gives_the_seed_output():
    seed = SEED_PATH.read_text(encoding="utf-8")
    glued = seed.replace("closed systems.\n📌 Source:", "closed systems. 📌 Source:")
    assert glued != seed
    result = run(glued)
    assert result.text == run(seed).text
    assert footer_meta(result) == footer_meta(run(seed))
    split = [c for c in result.changes if c.filter == "boilerplate"][1]
    assert (split.before, split.after) == (" 📌 Source: GogoAI News (www.gogoai.xin)", "Source: GogoAI News (www.gogoai.xin)")
    assert glued[split.start : split.end] == split.before


def test_glued_footer_in_markdown():
    text = ("# Title\n\n" + BODY + "\n\nSales rose 12% in\nWestern Europe. Source: [Reuters](https://www.reuters.example/a)\n")
    result = run(text)
    assert result.text == ("# Title\n\n" + BODY + "\n\nSales rose 12% in\nWestern Europe.\n\n---\n\n"
                           "Source: [Reuters](https://www.reuters.example/a)\n")
    assert footer_meta(result) == {"source": "Reuters"}
    split = [c for c in result.changes if c.filter == "boilerplate"][1]
    assert split.before == " Source: [Reuters](https://www.reuters.example/a)"
    assert text[split.start : split.end] == split.before
    assert run(result.text).changes == []


def test_glued_footer_in_the_last_html_paragraph():
    text = ("<h1>Title</h1><p>Body para.</p><p>Sales rose 12% in <b>Western</b> Europe. Source: "
            "<a href=\"https://www.reuters.example/a\">Reuters</a></p>")
    result = run(text)
    assert result.text == ("<h1>Title</h1>\n<p>Body para.</p>\n<p>Sales rose 12% in <strong>Western</strong> Europe.</p>\n"
                           "<p>Source: <a href=\"https://www.reuters.example/a\">Reuters</a></p>\n")
    assert footer_meta(result) == {"source": "Reuters"}
    for c in result.changes:
        assert text[c.start : c.end] == c.before
    assert run(result.text).changes == []


@pytest.mark.parametrize(
    "text",
    [
        # a "Source:" sentence in the middle of the body is body text
        "Title Of The Piece\n" + BODY + "\nSales rose. Source: Reuters\n" + BODY + "\n",
        # "source:" in running text, or a source that is the rest of a sentence
        "Title Of The Piece\n" + BODY + "\nThe report was damning. The source: a leaked memo.\n",
        "Title Of The Piece\n" + BODY + "\nThe report was damning. Source: a leaked memo.\n",
        "Title Of The Piece\n" + BODY + "\nTalks stalled. Sources: people familiar with the matter.\n",
        # a chart's or table's caption: its source is no footer
        "# Title\n\n" + BODY + "\n\n| year | GDP |\n|---|---|\n| 2025 | 2.1 |\n\nFigures in percent. Source: IMF\n",
        "Title Of The Piece\n" + BODY + "\nChart: GDP growth by region. Source: IMF\n",
        "<h1>T</h1><p>" + BODY + "</p><figure><img src=\"a.png\"><figcaption>Growth. Source: IMF</figcaption></figure>",
        "<h1>T</h1><p>" + BODY + "</p><p><img src=\"a.png\"></p><p>Growth by region. Source: IMF</p>",
        # no sentence end before the label, or no space after a Latin full stop
        "Title Of The Piece\n" + BODY + "\nSales rose in Western Europe Source: Reuters\n",
        "Title Of The Piece\n" + BODY + "\nSales rose in Western Europe.Source: Reuters\n",
        # not the last text block: a list ends the document
        "# Title\n\n" + BODY + "\n\n- one\n- two. Source: Reuters\n",
        # a pipe is no colon; a label inside emphasis is not cut
        "Title Of The Piece\n" + BODY + "\nSales rose in Western Europe. Source | Reuters\n",
        "# Title\n\n" + BODY + "\n\nSales rose in Western Europe. *Source: Reuters*\n",
        # the whole document is one sentence
        "Sales rose 12% in Western Europe. Source: Reuters\n",
    ],
)
def test_not_a_glued_footer(text):
    result = run(text)
    assert footer_meta(result) == {}
    assert [c for c in result.changes if c.filter == "boilerplate"] == []


def test_glued_source_above_another_source_line_stays_body_text():
    # which one is the article's source? the standalone line; the sentence is left as it is
    text = "Title Of The Piece\n" + BODY + "\nSales rose. Source: company filings\nSource: Reuters\n"
    result = run(text)
    assert footer_meta(result) == {"source": "Reuters"}
    assert "\n\nSales rose. Source: company filings\n\n---\n\nSource: Reuters\n" in result.text


@pytest.mark.parametrize("glue", ["。", "。\n"])
def test_name_then_url_gives_source_and_original_url(glue):
    # glued or on its own line: "出典：日本経済新聞 https://…" names the source and links the original
    text = ("東証が新ルール発表\n東京証券取引所は本日、新しい上場規則を来年四月から適用すると発表した" + glue
            + "出典：日本経済新聞 https://www.nikkei.example/article/1.\n")
    result = run(text)
    assert footer_meta(result) == {"source": "日本経済新聞", "original_url": "https://www.nikkei.example/article/1"}
    assert result.text.endswith("発表した。\n\n---\n\n出典：日本経済新聞 https://www.nikkei.example/article/1.\n")
    assert run(result.text).changes == []
