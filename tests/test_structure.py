"""structure filter: title, headings, paragraphs and lists from plain text; fake
headings and heading levels in Markdown/HTML; exact changes; idempotence."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from cleanup import clean
from cleanup.filters.boilerplate import BoilerplateFilter
from cleanup.filters.encoding import EncodingFilter
from cleanup.filters.structure import StructureFilter, parse_marker
from cleanup.pipeline import Pipeline

SEED_PATH = Path(__file__).resolve().parents[2] / "shared/seeds/000_f4947564c44a895a.txt"
SEED_HEADINGS = [
    "The Rumor Mill vs. Corporate Reality",
    "Key Takeaways from the Clarification",
    "Strategic Autonomy Over Acquisition",
    "Why Alibaba Does Not Need DeepSeek",
    "The Broader Landscape of AI Capital",
    "Potential Funding Sources for Startups",
    "Implications for Developers and Businesses",
    "What This Means for Your Tech Stack",
    "Looking Ahead in the AI Sector",
    "Future Market Indicators",
]


def run(text: str, **options):
    """Only the filters of this issue (encoding, boilerplate, structure)."""
    structure = {k: v for k, v in options.items() if k in ("bold_labels", "infer", "fake_headings", "fix_levels")}
    boiler = {k: v for k, v in options.items() if k in ("footer", "cruft")}
    pipeline = Pipeline([EncodingFilter(), BoilerplateFilter(**boiler), StructureFilter(**structure)])
    fmt = options.get("input_format", "auto")
    return clean(text, pipeline=pipeline, lang=options.get("lang", "en"), input_format=fmt)


def again(result, **options):
    return run(result.text, **{k: v for k, v in options.items() if k != "input_format"})


def assert_offsets(text: str, result) -> None:
    for c in result.changes:
        if c.before is not None and c.start < c.end:
            assert text[c.start : c.end] == c.before, c


@pytest.fixture(scope="module")
def seed() -> str:
    return SEED_PATH.read_text(encoding="utf-8")


# -- the seed --------------------------------------------------------------------


def expected_seed_markdown(seed: str) -> str:
    lines = seed.split("\n")
    body = lines[:-3]  # the three footer lines go after a rule
    blocks: list[str] = []
    for k, line in enumerate(body):
        if k == 0:
            blocks.append("# " + line)
        elif line in SEED_HEADINGS:
            blocks.append("## " + line)
        elif line.startswith("- ") and body[k - 1].startswith("- "):
            blocks[-1] += "\n" + line
        else:
            blocks.append(line)
    blocks.append("---")
    blocks += [
        "Source: GogoAI News (www.gogoai.xin)",
        "Original: https://www.gogoai.xin/article/alibaba-debunked-no-deepseek-investment-deal",
        "Please credit GogoAI when republishing.",
    ]
    return "\n\n".join(blocks) + "\n"


def test_seed_exact_output(seed):
    result = run(seed)
    assert result.text == expected_seed_markdown(seed)
    assert result.text.startswith(
        "# Alibaba Debunked: No DeepSeek Investment Deal\n\n"
        'DeepSeek-are-just-neighbors-in-hangzhou">Alibaba and DeepSeek Are Just Neighbors in Hangzhou\n\n'
        "Recent rumors suggesting"
    )
    assert "\n## Key Takeaways from the Clarification\n\n- No Formal Talks: Alibaba explicitly denied" in result.text
    structure = [(c.before, c.after) for c in result.changes if c.filter == "structure"]
    assert structure == [("Alibaba Debunked: No DeepSeek Investment Deal", "# Alibaba Debunked: No DeepSeek Investment Deal")] + [
        (h, "## " + h) for h in SEED_HEADINGS
    ]
    assert result.metadata["title"] == "Alibaba Debunked: No DeepSeek Investment Deal"
    assert_offsets(seed, result)


def test_seed_with_the_default_pipeline(seed):
    result = clean(seed)
    text = result.text
    assert text.startswith("# Alibaba Debunked: No DeepSeek Investment Deal\n\n")
    for h in SEED_HEADINGS:
        assert f"\n## {h}\n\n" in text
    assert text.count("\n# ") == 0 and text.count("\n## ") == len(SEED_HEADINGS)
    for line in seed.split("\n")[2:-3]:
        if line.startswith("- "):
            assert "\n" + line.split(":")[0] + ":" in text  # every Label: item is a list item
        elif line and not any("\u4e00" <= ch <= "\u9fff" for ch in line) and "’" not in line:
            assert ("\n## " + line + "\n" if line in SEED_HEADINGS else "\n\n" + line + "\n\n") in text
    assert result.metadata["source"] == "GogoAI News (www.gogoai.xin)"
    assert result.metadata["original_url"] == "https://www.gogoai.xin/article/alibaba-debunked-no-deepseek-investment-deal"
    assert result.metadata["credit"] == "Please credit GogoAI when republishing."


def test_seed_is_idempotent(seed):
    first = run(seed)
    second = again(first)
    assert second.changes == []
    assert second.text == first.text
    full = clean(seed)
    assert clean(full.text, lang=full.language).text == full.text


def test_bold_labels(seed):
    result = run(seed, bold_labels=True)
    assert "\n- **No Formal Talks:** Alibaba explicitly denied participating" in result.text
    items = [c for c in result.changes if c.before.startswith("- No Formal Talks")]
    assert items[0].after == "- **No Formal Talks:** Alibaba explicitly denied participating in any funding rounds for DeepSeek."
    assert again(run(seed, bold_labels=True), bold_labels=True).changes == []


# -- headings in plain text --------------------------------------------------------------

BODY = "The committee met on Tuesday and approved the budget after a long debate about the new rail line."


def test_flattened_article_each_line_a_paragraph():
    text = "City Approves New Budget\n" + BODY + "\nA second sentence that is a paragraph of its own.\nWhat Happens Next\n" + BODY + "\n"
    assert run(text).text == (
        "# City Approves New Budget\n\n" + BODY + "\n\nA second sentence that is a paragraph of its own.\n\n"
        "## What Happens Next\n\n" + BODY + "\n"
    )


def test_aligned_fact_box_is_not_rejoined_as_wrapped_prose():
    # equal widths and no final periods looked like hard-wrapped text: lines were joined
    box = ["Abfahrt Hamburg Hbf:       19:42 Uhr", "Ankunft Wien Hbf:          09:15 Uhr",
           "Abfahrt Wien Hbf:          20:10 Uhr", "Preis Sitzwagen ab:        49,90 Euro"]
    text = "Der Nachtzug fährt wieder täglich, teilte die Bahn mit.\n\n" + "\n".join(box) + "\n"
    out = run(text, lang="de").text
    assert [line for line in out.splitlines() if line][1:] == [" ".join(b.split()) for b in box]


def test_hard_wrapped_paragraphs_are_rejoined():
    text = (
        "Budget Passes After Long Debate\n\n"
        "The committee met on Tuesday and approved the budget after a long\n"
        "debate about the new rail line, which will connect the northern\n"
        "suburbs with the airport by the end of the decade.\n\n"
        "Opposition\n\n"
        "Two members voted against the plan. They said the cost estimates\n"
        "were too optimistic and asked for an independent review.\n"
    )
    assert run(text).text == (
        "# Budget Passes After Long Debate\n\n"
        "The committee met on Tuesday and approved the budget after a long debate about the new rail line, "
        "which will connect the northern suburbs with the airport by the end of the decade.\n\n"
        "## Opposition\n\n"
        "Two members voted against the plan. They said the cost estimates were too optimistic and asked for "
        "an independent review.\n"
    )


@pytest.mark.parametrize(
    "lines",
    [
        ["4 cups dashi stock", "3 tablespoons white miso paste", "2 green onions, sliced"],  # digits start no sentence
        ["flour", "sugar", "two lemons", "fresh basil"],
        ["La lluvia cae sobre el tejado", "y el gato duerme en la silla", "nadie llama a la puerta"],
        ["Urząd Miasta", "00-950 Warszawa", "tel. 22 123 45 67"],
        ["2024年11月20日 星期三", "昨天下午，市政府召开新闻发布会，介绍了今年的重点工作，并回答了记者提问。"],
    ],
)
def test_short_unfinished_lines_are_not_joined(lines):
    # only a wrapped sentence goes on: short lines are items, verse, addresses, datelines
    text = "Notes\n\nThe first paragraph is an ordinary sentence that ends here.\n\n" + "\n".join(lines) + "\n"
    out = run(text).text
    # lines of their own: one paragraph each, or lines of one block (an address: hard breaks)
    assert [line.removesuffix("\\") for line in out.splitlines() if line][-len(lines):] == lines


def test_short_line_whose_sentence_visibly_goes_on_is_joined():
    text = "Morning\n\nThe ferry was late.\nOld Mr Hansen\nwas already sitting on his bench, as he has every morning.\n"
    assert "Old Mr Hansen was already sitting on his bench" in run(text).text


def test_chinese_hard_wrapped_lines_join_without_spaces():
    text = "标题行\n\n今天上午，市政府召开新闻发布会，宣布地铁三号线将于明年\n年底正式开通运营，全长约三十二公里。\n"
    assert run(text, lang="zh").text == "# 标题行\n\n今天上午，市政府召开新闻发布会，宣布地铁三号线将于明年年底正式开通运营，全长约三十二公里。\n"


@pytest.mark.parametrize(
    "lines",
    [
        ["The ferry was late.", "Nobody minded."],  # short sentences
        ["He said yes!", "Then he left."],
        ["Is this the end?", "Nobody knows for sure what comes next in this long saga of delays."],
        ["By Jane Doe", BODY],  # byline
        ["2024-05-01", BODY],  # date
        ["May 3, 2024", BODY],
        ["Tags: Cloud, AI, Alibaba", BODY],  # label line
        ["Photo: Reuters", BODY],
        ["5 min read", BODY],
        ["the lower-case start of a line", BODY],
        ["“A quoted line stands alone”", BODY],
        ["Short One", "Short Two", BODY],  # two heading-like lines in a row
        ["Old Mr Hansen", "was already sitting on his bench, as every morning."],  # broken sentence
        ["Die Regierung hat am Montag", "beschlossen, die Steuern zu senken, wie erwartet wurde."],
        ["今天天气很好。", "我们去公园散步，看到了很多人在那里锻炼身体，还有人在放风筝。"],
        ["他说：", "我们去公园散步，看到了很多人在那里锻炼身体，还有人在放风筝。"],
        ["The main points are:", "- one", "- two"],  # a lead-in sentence
    ],
)
def test_ordinary_lines_never_become_headings(lines):
    text = BODY + "\n" + "\n".join(lines) + "\n" + BODY + "\n"
    result = run(text)
    assert "\n#" not in "\n" + result.text, result.text
    assert all(not (c.after or "").startswith("#") for c in result.changes)


@pytest.mark.parametrize(
    "heading, lang",
    [
        ("Worum es im Tarifstreit geht", "de"),
        ("Les axes prioritaires", "fr"),
        ("Как будут проходить испытания", "ru"),
        ("出口成为新的增长点", "zh"),
        ("運行の概要", "ja"),
        ("Ingredientes para cuatro personas", "es"),
        ("Key Takeaways:", "en"),
    ],
)
def test_headings_in_many_scripts(heading, lang):
    body = {
        "zh": "今年前十个月，新能源汽车出口量同比增长近三成，主要目的地包括东南亚、中东和南美地区。",
        "ja": "新しいバスは京都駅を起点とし、停留所を大幅に減らすことで所要時間を短縮する。",
    }.get(lang, BODY)
    text = body + "\n" + heading + "\n" + body + "\n"
    result = run(text, lang=lang)
    want = heading.rstrip(":")
    assert result.text == body + "\n\n## " + want + "\n\n" + body + "\n"
    change = [c for c in result.changes if c.after == "## " + want][0]
    assert change.before == heading and text[change.start : change.end] == heading


def test_line_followed_by_list_is_a_heading_and_link_only_line_is_not():
    from cleanup.document import Link, Paragraph, Text
    from cleanup.mapped import MappedText
    from cleanup.readers import read
    from cleanup.source import Source

    text = "Big News Today\nRead the Full Story Here\n" + BODY + "\n"
    doc = read(Source(text), "text")
    para = doc.blocks[0]
    assert isinstance(para, Paragraph)
    node = para.children[2]
    para.children[2] = Link("https://example.com/story", [Text(node.text)])
    StructureFilter()(doc)
    assert [type(b).__name__ for b in doc.blocks] == ["Heading", "Paragraph", "Paragraph"]
    assert isinstance(doc.blocks[1].children[0], Link)
    assert isinstance(MappedText.from_source("x", 0), MappedText)


def test_numbered_section_headings_and_decimal_subsections():
    text = (
        "Field Guide\n\n1. Getting Started\n\n" + BODY + "\n\n1.1 Installing the Tools\n\n" + BODY
        + "\n\n2. Daily Work\n\n" + BODY + "\n"
    )
    assert run(text).text == (
        "# Field Guide\n\n## 1. Getting Started\n\n" + BODY + "\n\n### 1.1 Installing the Tools\n\n" + BODY
        + "\n\n## 2. Daily Work\n\n" + BODY + "\n"
    )


def test_setext_headings_and_rules():
    text = "Report\n======\n\n" + BODY + "\n\n* * *\n\nDetails\n-------\n\n" + BODY + "\n"
    result = run(text, input_format="text")
    assert result.text == "# Report\n\n" + BODY + "\n\n---\n\n## Details\n\n" + BODY + "\n"
    assert [(c.before, c.after) for c in result.changes] == [
        ("Report\n======", "# Report"),
        ("* * *", "---"),
        ("Details\n-------", "## Details"),
    ]


# -- lists ------------------------------------------------------------------------------------


@pytest.mark.parametrize("bullet", ["-", "*", "•", "·", "‣", "▪", "◦", "–", "—"])
def test_every_bullet_form(bullet):
    text = f"Shopping List For Today\n{bullet} apples\n{bullet} pears and plums\n{bullet} fresh bread\n"
    result = run(text)
    assert result.text == "# Shopping List For Today\n\n- apples\n- pears and plums\n- fresh bread\n"
    n = 0 if bullet == "-" else 3
    assert len([c for c in result.changes if c.before.endswith(("apples", "plums", "bread"))]) == n
    assert again(result).changes == []


@pytest.mark.parametrize(
    "markers, start",
    [
        (["1.", "2.", "3."], 1),
        (["1)", "2)", "3)"], 1),
        (["(1)", "(2)", "(3)"], 1),
        (["①", "②", "③"], 1),
        (["一、", "二、", "三、"], 1),
        (["（一）", "（二）", "（三）"], 1),
        (["1、", "2、", "3、"], 1),
        (["3.", "4.", "5."], 3),
    ],
)
def test_every_number_form(markers, start):
    sep = "" if markers[0][-1] in "、）①②③" or markers[0] in "①②③" else " "
    items = ["first step", "second step", "third step"]
    text = "Steps To Follow\n" + "\n".join(f"{m}{sep}{t}" for m, t in zip(markers, items)) + "\n"
    result = run(text)
    assert result.text == "# Steps To Follow\n\n" + "\n".join(
        f"{start + k}. {t}" for k, t in enumerate(items)
    ) + "\n"
    assert again(result).changes == []


@pytest.mark.parametrize("markers", [["a)", "b)", "c)"], ["c)", "d)", "e)"], ["(a)", "(b)", "(c)"], ["i.", "ii.", "iii."]])
def test_letters_and_roman_numerals_keep_their_labels(markers):
    # Markdown has only numbers: "a)" as "1." would break a reference to "clause (b)"
    items = ["first step", "second step", "third step"]
    text = "Steps To Follow\n" + "\n".join(f"{m} {t}" for m, t in zip(markers, items)) + "\n"
    result = run(text)
    assert result.text == "# Steps To Follow\n\n" + "\n".join(f"- {m} {t}" for m, t in zip(markers, items)) + "\n"
    assert again(result).changes == []


@pytest.mark.parametrize("numbers", [["3", "2", "1"], ["1", "2", "5"]])
def test_numbers_markdown_would_renumber_stay_as_written(numbers):
    items = ["The Rhine", "The Elbe", "The Danube"]
    text = "Top Rivers Of Europe\n\n" + "\n".join(f"{n}. {t}" for n, t in zip(numbers, items)) + "\n"
    result = run(text)
    assert result.text == "# Top Rivers Of Europe\n\n" + "\n\n".join(
        f"{n}\\. {t}" for n, t in zip(numbers, items)
    ) + "\n"
    assert again(result).changes == []


def test_verse_keeps_its_lines():
    text = "Kort dikt\n\nVi gick längs stranden,\nvinden var kall.\nEn mås skrek högt\növer vågorna.\n"
    out = run(text, lang="sv").text
    # one stanza, its lines kept by hard breaks (not one paragraph per line: the stanzas would blur)
    assert out == "# Kort dikt\n\nVi gick längs stranden,\\\nvinden var kall.\\\nEn mås skrek högt\\\növer vågorna.\n"


def test_stanzas_stay_apart_and_their_lines_stay_together():
    text = ("Low Tide\n\nThe sea goes out the way a guest goes home,\nslowly, then all at once, then not at all;\n"
            "it leaves its coats of weed upon the stone.\n\nWe walk where water was an hour ago\n"
            "and read the sand like someone else's mail:\na gull's signature, and a snail.\n")
    result = run(text, lang="en")
    assert result.text == (
        "# Low Tide\n\nThe sea goes out the way a guest goes home,\\\nslowly, then all at once, then not at all;\\\n"
        "it leaves its coats of weed upon the stone.\n\nWe walk where water was an hour ago\\\n"
        "and read the sand like someone else's mail:\\\na gull's signature, and a snail.\n")
    assert again(result).changes == [] and again(result).text == result.text


def test_nested_lists_by_indentation():
    text = "Plan\n- fruit\n  - apples\n  - pears\n    1. green\n    2. red\n- bread\n"
    result = run(text)
    assert result.text == "# Plan\n\n- fruit\n  - apples\n  - pears\n    1. green\n    2. red\n- bread\n"
    assert [c.filter for c in result.changes] == ["structure"]  # only the title
    assert again(result).changes == []


def test_nested_lists_by_marker_kind():
    text = "Plan\n• fruit\n◦ apples\n◦ pears\n• bread\n1. Mix\na) flour\nb) water\n2. Bake\n"
    assert run(text).text == (
        "# Plan\n\n- fruit\n  - apples\n  - pears\n- bread\n\n1. Mix\n   - a) flour\n   - b) water\n2. Bake\n"
    )


def test_list_interrupted_by_blank_line_stays_one_list():
    text = "Notes\n\n- one\n- two\n\n- three\n\n" + BODY + "\n"
    result = run(text)
    assert result.text == "# Notes\n\n- one\n- two\n- three\n\n" + BODY + "\n"
    assert sum(1 for b in result.document.blocks if type(b).__name__ == "ListBlock") == 1


def test_wrapped_item_continuation_joins_the_item():
    text = "Notes\n\n- a long item that wraps onto\n  the next line here\n- short\n"
    assert run(text).text == "# Notes\n\n- a long item that wraps onto the next line here\n- short\n"


def test_list_items_keep_exact_offsets():
    text = "Checklist\n\n• Pack the bags\n• Book the train\n"
    result = run(text)
    items = [c for c in result.changes if c.after.startswith("- ")]
    assert [(c.before, c.after) for c in items] == [("• Pack the bags", "- Pack the bags"), ("• Book the train", "- Book the train")]
    assert_offsets(text, result)
    # list item text reuses the input map: a later edit still reports input offsets
    doc = result.document
    lst = [b for b in doc.blocks if type(b).__name__ == "ListBlock"][0]
    node = lst.items[1].blocks[0].children[0]
    (change,) = doc.edit(node, [(0, 4, "Reserve")], "test", "repaired")
    assert text[change.start : change.end] == "Book"


def test_dash_lines_in_dialogue_are_not_a_list():
    text = BODY + "\n— Ты придёшь? — спросила она.\n— Приду, — ответил он.\n" + BODY + "\n"
    assert "\n- " not in run(text, lang="ru").text


def test_single_letter_line_is_not_a_list():
    text = BODY + "\na) is not an item on its own\n" + BODY + "\n"
    assert "1. " not in run(text).text


def test_parse_marker_forms():
    assert parse_marker("• x").kind == "bullet:•"
    assert parse_marker("12) x").ordinal == 12
    assert parse_marker("十一、x").ordinal == 11
    assert parse_marker("3.5 million") is None
    assert parse_marker("a.m. is early") is None


# -- Markdown and HTML ------------------------------------------------------------------------

CLEAN_MD = """# Rust 1.90 stabilizes async closures

The release shipped on Thursday.

## What is new

- Async closures in trait bounds.
- Faster incremental builds:
  - 8 % on the benchmark suite

### Compiler performance

Numbers follow.

## Upgrading

1. Run `rustup update stable`.
2. Rebuild.

```text
NOT A HEADING
```
"""

CLEAN_HTML = """<article>
<h1>Solarpflicht für neue Dächer</h1>
<p>Wer ab dem kommenden Jahr baut, muss eine Photovoltaikanlage installieren.</p>
<h2>Ausnahmen</h2>
<p>Die Pflicht gilt nicht für kleine Dächer.</p>
<ul><li>unter 20 m²</li><li>Denkmalschutz</li></ul>
</article>
"""


def test_clean_markdown_has_zero_changes():
    result = run(CLEAN_MD)
    assert result.changes == []
    assert result.text == CLEAN_MD


def test_clean_html_has_zero_changes():
    result = run(CLEAN_HTML, lang="de")
    assert result.changes == []


def test_markdown_fake_headings_and_levels():
    text = (
        "# Title\n\nIntro sentence here.\n\n### Skipped Level\n\nBody text of the section.\n\n"
        "**Bold Pseudo Heading**\n\nMore body text follows here.\n\nIMPORTANT NOTICE\n\nThe office is closed.\n\n"
        "# Second Title\n\nBody.\n"
    )
    result = run(text)
    assert result.text == (
        "# Title\n\nIntro sentence here.\n\n## Skipped Level\n\nBody text of the section.\n\n"
        "### Bold Pseudo Heading\n\nMore body text follows here.\n\n### IMPORTANT NOTICE\n\nThe office is closed.\n\n"
        "## Second Title\n\nBody.\n"
    )
    assert [(c.before, c.after) for c in result.changes] == [
        ("### Skipped Level", "## Skipped Level"),
        ("**Bold Pseudo Heading**", "### Bold Pseudo Heading"),
        ("IMPORTANT NOTICE", "### IMPORTANT NOTICE"),
        ("# Second Title", "## Second Title"),
    ]
    assert again(result).changes == []


def test_markdown_bold_lead_in_sentence_is_not_a_heading():
    text = "# T\n\nSome text.\n\n**Note: this is a whole sentence.**\n\nBody text.\n\n**Price:** 10 EUR\n"
    assert run(text).changes == []


def test_html_fake_heading_change_points_at_the_element():
    text = "<h1>Title</h1>\n<p>Intro.</p>\n<p><strong>Key findings:</strong></p>\n<ul><li>one</li></ul>\n"
    result = run(text, input_format="html")
    assert "<h2>Key findings</h2>" in result.text
    (change,) = result.changes
    assert change.before == "<p><strong>Key findings:</strong></p>" and change.after == "## Key findings"
    assert_offsets(text, result)


def test_spaces_collapsed_but_not_in_code():
    text = "# T\n\nTwo  spaces   here.\n\n```\nkeep   these\n```\n"
    result = run(text)
    assert result.text == "# T\n\nTwo spaces here.\n\n```\nkeep   these\n```\n"
    assert [(c.before, c.after, c.action) for c in result.changes] == [("  ", " ", "normalized"), ("   ", " ", "normalized")]


def test_filter_pickles_and_is_deterministic(seed):
    flt = pickle.loads(pickle.dumps(StructureFilter(bold_labels=True)))
    assert flt.options.bold_labels is True
    assert run(seed).text == run(seed).text


def test_long_input_is_linear():
    import time

    text = ("word " * 5000 + "\n") * 20 + "- item\n" * 2000 + ("Heading Line\n" + BODY + "\n") * 500
    t = time.perf_counter()
    run(text)
    assert time.perf_counter() - t < 20


def test_press_release_label_is_not_the_title():
    text = ("PRESS RELEASE\n\nVerdanne Launches A New Line Of Cargo Bikes\n\n"
            "Lyon, 28 November 2026 – Verdanne presents its new range today. The first bikes ship in March.\n")
    out = run(text).text
    assert out.startswith("PRESS RELEASE\n\n# Verdanne Launches A New Line Of Cargo Bikes\n\n")


@pytest.mark.parametrize("dash", ["–", "—"])
def test_dialogue_dashes_are_not_a_list(dash):
    text = f"Rozmawialiśmy z trenerem.\n\n{dash} Czy jest pan zadowolony?\n{dash} Tak, bardzo.\n"
    out = run(text, lang="pl").text
    assert f"{dash} Czy jest pan zadowolony?" in out and f"{dash} Tak, bardzo." in out and "\n- " not in out


def test_bold_line_opening_a_markdown_document_without_h1_is_its_title():
    text = ("**The Science of Napping**\n\nA short nap after lunch improves attention, researchers found.\n\n"
            "**What the Research Says**\n\nThey tested 120 office workers over six weeks.\n")
    result = run(text, input_format="markdown")
    assert result.text.startswith("# The Science of Napping\n\n")
    assert "\n## What the Research Says\n" in result.text
    assert result.metadata["title"] == "The Science of Napping"
    assert again(result, input_format="markdown").changes == []


@pytest.mark.parametrize(
    "line",
    ["Kuva: Lehtikuva", "Fotó: MTI", "Zdjęcie: PAP", "Fotoğraf: AA", "Φωτογραφία: Ανδρέας Παπαδόπουλος",
     "Kilde: SSB", "Källa: SCB", "Foto di Giulia Neri", "Fot. PAP/Leszek Szymański", "Γράφει ο Νίκος Δήμου",
     "Yazan: Ayşe Kaya", "Czas czytania: 4 min", "Leestijd 4 minuten", "Tempo de leitura: 5 min",
     "Τρίτη 14 Μαρτίου 2025", "Publicado el 3 de mayo de 2025", "Wtorek, 14 marca 2025", "Updated 3 March 2025",
     "Photograph by Jane Doe", "AP Photo/Evan Vucci", "Image credit NASA/JPL-Caltech", "Getty Images",
     "Courtesy of the artist", "Reporting by Jane Doe in London", "Advertisement", "Listen to this article"],
)
def test_captions_credits_reading_times_and_dates_are_not_headings(line):
    text = f"{line}\n\nThe government presented its new budget on Thursday, cutting spending by two billion euros.\n"
    out = run(text).text
    assert out.startswith(line + "\n\n") and "#" not in out


def test_ordinal_dates_and_phone_numbers_are_not_lists():
    text = ("Departementet har sendt forslaget på høring til kommunene.\n\n"
            "1. oktober er fristen for å sende inn høringssvar.\n\n"
            "2. november kommer svaret fra departementet.\n\n"
            "Contact the newsroom:\n\n(212) 555-0188\n")
    result = run(text)
    assert [c for c in result.changes if c.filter == "structure"] == []
    assert "1\\. oktober er fristen" in result.text and "\n(212) 555-0188\n" in result.text


def test_bold_lines_in_markdown_section_names_labels_and_title_labels():
    text = "**Introduction**\n\nFree apps are rarely free.\n\n**Conclusion**\n\nRead the permissions.\n"
    assert run(text, input_format="markdown").text == (
        "## Introduction\n\nFree apps are rarely free.\n\n## Conclusion\n\nRead the permissions.\n")  # no title
    names = "# Notes\n\nThe meeting ran long.\n\n**John Smith**\n\n**Sarah Lee**\n\nBoth spoke at length.\n"
    assert run(names, input_format="markdown").changes == []
    labelled = run("**Title: Five Habits of Remote Teams**\n\nRemote work is here to stay.\n", input_format="markdown")
    assert labelled.text == "# Five Habits of Remote Teams\n\nRemote work is here to stay.\n"
    assert labelled.metadata["title"] == "Five Habits of Remote Teams"


def test_unicode_bullets_in_markdown_and_japanese_bullets_become_lists():
    md = run("# Packing list\n\nThings to bring:\n\n• Tent\n• Sleeping bag\n• Headlamp\n", input_format="markdown")
    assert md.text == "# Packing list\n\nThings to bring:\n\n- Tent\n- Sleeping bag\n- Headlamp\n"
    assert [(c.before, c.after) for c in md.changes] == [("• Tent", "- Tent"), ("• Sleeping bag", "- Sleeping bag"),
                                                        ("• Headlamp", "- Headlamp")]
    assert run(md.text, input_format="markdown").changes == []
    ja = run("主なポイント\n・海外パビリオンが人気\n・平日の混雑は緩和傾向\n", lang="ja")
    assert ja.text == "# 主なポイント\n\n- 海外パビリオンが人気\n- 平日の混雑は緩和傾向\n"


def test_quoted_email_lines_become_a_blockquote_with_their_lines():
    text = ("Re: budget\n\nDana has a point.\n\n> On Tue, Mar 4, Dana wrote:\n"
            "> I disagree. Most users never notice the extra settings, and the ones\n"
            "> who do are happy to have them.\n\nThanks.\n")
    out = run(text).text
    assert out == ("# Re: budget\n\nDana has a point.\n\n> On Tue, Mar 4, Dana wrote:\n"
                   "> I disagree. Most users never notice the extra settings, and the ones\n"
                   "> who do are happy to have them.\n\nThanks.\n")
    assert run(out, input_format="markdown").changes == []


def test_one_line_paragraphs_are_not_taken_for_wrapped_prose():
    # one line without a final stop among full-width lines used to mark the group as hard-wrapped
    body = ["The autumn fair opens on Saturday with more than 120 stalls on the market square.",
            "Organisers expect 40,000 visitors over the two days, up from 32,000 last year 🎉",
            "Entry is free, but the Ferris wheel costs five euros per ride for adults."]
    out = run("Weekend Fair Opens in the Old Town\n" + "\n".join(body) + "\n").text
    assert out == "# Weekend Fair Opens in the Old Town\n\n" + "\n\n".join(body) + "\n"


@pytest.mark.parametrize("line", ["Read more: How to Build a Bee Hotel in Your Garden",
                                  "Lesen Sie auch: Radverkehr in Hamburg wächst um zehn Prozent",
                                  "The minister said the dams are at twenty percent (Water Daily reported)"])
def test_teasers_and_unfinished_sentences_are_not_headings(line):
    text = f"Why Bees Struggle\n\nUrban beekeeping has boomed, researchers said.\n\n{line}\n\nFarmers will get help next year.\n"
    assert f"\n{line}\n" in run(text).text and "## " not in run(text).text


def test_a_command_line_is_not_joined_with_the_prose_around_it():
    text = ("Installing\n\nOpen a terminal on your computer and type the following command:\n"
            "pip install --user article-cleanup\nthen press Enter and wait for the download to finish.\n")
    out = run(text).text
    assert "\npip install --user article-cleanup\n" in out and "\nthen press Enter" in out


def test_colon_lead_ins_above_lists_are_treated_alike():
    text = ("Release notes 5.2\n\nVersion 5.2.0 shipped on Friday.\n\nNew:\n- Export to DATEV\n- Dark mode\n\n"
            "Fixed:\n- Crash when opening receipts\n\nKnown issues:\n- Slow print dialog on Windows 10\n")
    out = run(text).text
    assert "## " not in out and "\nFixed:\n" in out and "\nNew:\n" in out and "\nKnown issues:\n" in out


def test_report_and_title_keep_a_no_break_space_the_output_keeps():
    result = run("Les prix ont augmenté de 10\u00a0% en mars\n\nLe gouvernement a annoncé des mesures, mardi, "
                 "pour limiter la hausse.\n", lang="fr")
    assert result.text.startswith("# Les prix ont augmenté de 10\u00a0% en mars\n")
    assert result.changes[0].after == "# Les prix ont augmenté de 10\u00a0% en mars"
    assert result.metadata["title"] == "Les prix ont augmenté de 10\u00a0% en mars"


@pytest.mark.parametrize(
    "text, expected",
    [
        # Korean separates words with spaces: a wrap joins with one
        ("서울시는 내년 1월부터 공공자전거 요금을 내린다고 밝혔다. 시는 이용자 증가와 운영\n효율화로 비용이 줄었다고 설명했다.\n",
         "서울시는 내년 1월부터 공공자전거 요금을 내린다고 밝혔다. 시는 이용자 증가와 운영 효율화로 비용이 줄었다고 설명했다.\n"),
        # a line ending on "with" goes on, and is no title
        ("The foreign minister said on Tuesday that the plan had been agreed with\nFrance and Germany, and that talks "
         "would follow.\n\nShe declined to give details.\n",
         "The foreign minister said on Tuesday that the plan had been agreed with France and Germany, and that talks "
         "would follow.\n\nShe declined to give details.\n"),
        # a kicker above the headline
        ("ANALYSIS\nWhy the central bank blinked\nThe decision to hold rates on Wednesday surprised almost every economist.\n",
         "ANALYSIS\n\n# Why the central bank blinked\n\nThe decision to hold rates on Wednesday surprised almost every economist.\n"),
        # timetable entries, an ingredient and a verse line stay lines
        ("Friday 12 July\nat 18.00 – pottery workshop for children in the square\nat 21.00 – concert by the town band\n",
         "Friday 12 July\n\nat 18.00 – pottery workshop for children in the square\n\nat 21.00 – concert by the town band\n"),
        ("Tutti gli eventi sono gratuiti.\n\n2 tablespoons extra virgin olive oil, plus extra\nsalt and freshly ground black pepper\n",
         "Tutti gli eventi sono gratuiti.\n\n2 tablespoons extra virgin olive oil, plus extra\n\nsalt and freshly ground black pepper\n"),
        ("Title: Harbour Town Approves Budget\n\nThe council approved the budget on Tuesday after a long debate.\n",
         "# Harbour Town Approves Budget\n\nThe council approved the budget on Tuesday after a long debate.\n"),
        ("Betreff: Ihre Anfrage vom 3. März\n\nSehr geehrte Frau Müller, vielen Dank für Ihre Nachricht.\n",
         "Betreff: Ihre Anfrage vom 3. März\n\nSehr geehrte Frau Müller, vielen Dank für Ihre Nachricht.\n"),
    ],
)
def test_line_joins_and_titles_in_hard_cases(text, expected):
    assert run(text).text == expected


@pytest.mark.parametrize("headline", ["Bahn kündigt neue Sprinterzüge an", "Strikers vow to fight on",
                                      "Prices climb again as winter sets in"])
def test_a_headline_ending_in_a_particle_is_still_the_title(headline):
    # only a line the next one continues (no blank line between) is a wrapped sentence
    out = run(headline + "\n\nThe union said on Monday that the strike would continue into next week.\n").text
    assert out.startswith("# " + headline + "\n")


@pytest.mark.parametrize("headline", ["Is remote work here to stay?", "Fed holds rates, signals two cuts later this year",
                                      "5 things to know about the Fed decision", "After the flood, a town rebuilds",
                                      "Grève SNCF : quels trains circuleront jeudi ?"])
def test_question_comma_and_number_headlines_are_titles(headline):
    text = (headline + "\n\nThe central bank kept its benchmark rate unchanged on Wednesday, as most economists had "
            "expected.\n\nIt was the third pause in a row.\n")
    assert run(text).text.startswith("# " + headline + "\n")


@pytest.mark.parametrize("line", ["Or so it seemed", "Thank you, Maria", "Then came March 2020"])
def test_a_short_sentence_fragment_between_paragraphs_is_no_heading(line):
    text = (f"Title Of The Story\n\nThe first paragraph ends here with a full stop.\n\n{line}\n\n"
            "The next paragraph is an ordinary sentence that goes on for a while.\n")
    assert f"\n\n{line}\n\n" in run(text).text


@pytest.mark.parametrize("label", ["출처: 서울교통신문", "사진: 서울시 제공", "Nguồn: Báo Kinh tế", "Ảnh: Minh Anh",
                                   "Sumber: Kompas", "Penulis: Budi Santoso", "المصدر: وكالة الأنباء",
                                   "מקור: ידיעות", "Chanzo: Mwananchi", "Джерело: Укрінформ", "Editor: Jane Doe"])
def test_source_and_photo_labels_of_many_languages_are_no_headings(label):
    # a credit line between two paragraphs is metadata, not a section heading
    text = ("Gold prices rise sharply\n\nGold prices rose sharply in the domestic market today, driven by a "
            f"weaker US dollar on world markets.\n\n{label}\n\nTraders expect prices to stay high this week.\n")
    assert f"\n\n{label}\n\n" in clean(text).text


def test_two_cjk_field_lines_are_not_glued_into_one():
    # "Pros：…" / "Cons：…" in Japanese and Korean: two lines, not one wrapped sentence
    ja = ("スマホレビュー\n\nこのスマートフォンを二週間使ってみた。全体として満足できる出来だった。\n\n"
          "良い点：電池持ちが良い、画面が明るい\n悪い点：価格が高い、充電が遅い\n\n以上。\n")
    assert clean(ja).text == ("# スマホレビュー\n\nこのスマートフォンを二週間使ってみた。全体として満足できる出来だった。\n\n"
                              "良い点：電池持ちが良い、画面が明るい\n\n悪い点：価格が高い、充電が遅い\n\n以上。\n")
    ko = ("갤럭시 리뷰\n\n삼성전자가 공개한 갤럭시 S26 울트라를 2주간 사용해 봤다.\n\n"
          "장점: 야간 사진, 밝은 디스플레이\n단점: 높은 가격, 느린 충전 속도\n")
    assert "\n\n장점: 야간 사진, 밝은 디스플레이\n\n단점: 높은 가격, 느린 충전 속도\n" in clean(ko).text


def test_scripts_with_their_own_full_stop():
    """Hindi ends sentences with the danda (।): a line ending in one is a sentence, never a
    heading, and ends its paragraph; a headline is measured without its vowel signs."""
    text = (
        "भारत ने विश्व कप के सेमीफाइनल में जगह बनाई\n"
        "भारतीय क्रिकेट टीम ने रविवार को ऑस्ट्रेलिया को छह विकेट से हराकर सेमीफाइनल में जगह बना ली।\n"
        "कप्तान ने जीत का श्रेय गेंदबाजों को दिया।\n"
        "मैच के मुख्य बिंदु\n"
        "- तेज गेंदबाजों ने चार विकेट लिए।\n"
        "- मध्यक्रम ने धैर्य के साथ लक्ष्य का पीछा किया।\n"
        "मैच बहुत रोमांचक था।\n"
        "सेमीफाइनल मुकाबला गुरुवार को मुंबई में खेला जाएगा।\n"
    )
    assert run(text, lang="hi").text == (
        "# भारत ने विश्व कप के सेमीफाइनल में जगह बनाई\n\n"
        "भारतीय क्रिकेट टीम ने रविवार को ऑस्ट्रेलिया को छह विकेट से हराकर सेमीफाइनल में जगह बना ली।\n\n"
        "कप्तान ने जीत का श्रेय गेंदबाजों को दिया।\n\n"
        "## मैच के मुख्य बिंदु\n\n"
        "- तेज गेंदबाजों ने चार विकेट लिए।\n"
        "- मध्यक्रम ने धैर्य के साथ लक्ष्य का पीछा किया।\n\n"
        "मैच बहुत रोमांचक था।\n\n"
        "सेमीफाइनल मुकाबला गुरुवार को मुंबई में खेला जाएगा।\n"
    )
    # a short sentence before a list (Urdu ends one in ۔, Arabic asks with ؟) was made a heading
    for sentence in ("یہ فیصلہ درست تھا۔", "هل ينجح المشروع؟", "मैच बहुत रोमांचक था।"):
        out = run(f"عنوان المقال الرئيسي\nنص المقال الأول هنا وهو طويل بما يكفي ليكون فقرة كاملة.\n{sentence}\n"
                  "- نص المقال الأول هنا\n- وهو طويل بما يكفي ليكون فقرة كاملة.\n", lang="ar").text
        assert f"\n\n{sentence}\n\n- " in out


@pytest.mark.parametrize("label", ["更多報道：", "詳情｜"])
def test_a_label_and_a_link_is_a_teaser_not_a_heading(label):
    # the extractor cut the link's ")": the anchors filter closes it, then structure sees label + link
    link = "[港鐵去年盈利上升兩成](https://news.example.hk/mtr/profit-2025"
    text = ("港鐵下月起加價百分之三\n港鐵公司宣布，下月起車費平均上調百分之三，這是連續第三年加價。\n"
            f"{label}{link}\n乘客可透過八達通享有的優惠維持不變，公司表示會繼續推出優惠。\n")
    out = clean(text, lang="zh-HK").text
    assert out.startswith("# 港鐵下月起加價百分之三\n\n")
    assert f"\n\n{label}{link})\n\n" in out


def test_portuguese_o_is_the_article_not_spanish_or():
    text = ("Produtores do Douro antecipam a vindima\n"
            "As temperaturas acima da média levaram dezenas de quintas do Douro a começar a vindima mais cedo.\n"
            "O que dizem os produtores\n"
            "• A produção deverá cair cerca de dez por cento.\n"
            "• A falta de mão de obra continua a ser o maior problema.\n")
    assert "\n\n## O que dizem os produtores\n\n- A produção" in run(text, lang="pt").text
    # in Spanish a line opening with "O" ("or") is still no heading
    es = text.replace("O que dizem os produtores", "O tal vez no")
    assert "## O tal vez no" not in run(es, lang="es").text


def test_a_headline_with_a_topic_and_two_phrases_is_the_title():
    text = ("Wetter am Wochenende: Sonne im Süden, Regen im Norden\nDas Wochenende bringt Deutschland zweigeteiltes "
            "Wetter. Im Süden scheint die Sonne bei bis zu 24 Grad, im Norden ziehen Schauer durch.\n"
            "Am Sonntag wird es überall etwas kühler.\n")
    result = clean(text)
    assert result.text.startswith("# Wetter am Wochenende: Sonne im Süden, Regen im Norden\n\nDas Wochenende")
    assert result.metadata["title"] == "Wetter am Wochenende: Sonne im Süden, Regen im Norden"
    # a label and a list of words stays a line of text
    recipe = "Zutaten: Mehl, Zucker\nDen Teig zwei Stunden ruhen lassen. Dann im Ofen bei 180 Grad backen.\n"
    assert not clean(recipe).text.startswith("#")


QUESTION_ARTICLE = (
    "Ferry Fares Rise Again\n"
    "The island ferry company raised its fares for the second time this year, citing fuel costs.\n"
    "Commuters said the increase would add up over a year of daily crossings to the mainland.\n"
    "{q}\n"
    "Diesel prices climbed sharply in the spring, and the company's old vessels burn a lot of it.\n"
    "Its newest boat, delivered in March, uses about a third less fuel on the same route.\n"
    "Reactions From Passengers\n"
    "Several regular travellers said they would switch to the slower public ferry in the mornings.\n"
)


@pytest.mark.parametrize("question", ["Why Are Fares Going Up?", "¿Por qué suben las tarifas?",
                                      "Pourquoi les tarifs augmentent-ils ?"])
def test_question_line_is_a_heading_where_the_article_has_other_headings(question):
    out = run(QUESTION_ARTICLE.format(q=question)).text
    assert f"\n## {question}\n" in out and "\n## Reactions From Passengers\n" in out


def test_question_line_stays_prose_without_other_headings_or_in_a_run_of_questions():
    alone = QUESTION_ARTICLE.format(q="Why Are Fares Going Up?").replace("Reactions From Passengers\n", "")
    assert "## Why Are Fares Going Up?" not in run(alone).text
    faq = QUESTION_ARTICLE.format(q="Why Are Fares Going Up?\nWho Pays the Most?")
    out = run(faq).text
    assert "## Why Are Fares Going Up?" not in out and "## Who Pays the Most?" not in out


@pytest.mark.parametrize("title", [
    "توسع مشاريع الطاقة الشمسية في المنطقة العربية",
    "ספרייה חדשה ומודרנית נפתחה במרכז העיר הגדולה",
    "चंद्रयान-3 की सफलता के बाद इसरो की नज़र अब गगनयान पर",
])
def test_a_long_title_in_an_uncased_script_that_spaces_its_words(title):
    # Arabic, Hebrew and Hindi headlines are measured in words, like cased ones; a 40-character
    # limit is for Chinese and Japanese, which write several words to a few characters
    body = {"ت": "تشهد عدة دول عربية توسعاً كبيراً في مشاريع الطاقة الشمسية خلال العام الحالي.\n",
            "ס": "משרד התרבות פתח ביום ראשון את הספרייה הציבורית הגדולה בעיר. יש בה יותר ממיליון ספרים.\n",
            "च": "भारतीय अंतरिक्ष अनुसंधान संगठन ने अगले मिशन की तैयारी शुरू कर दी है।\n"}[title[0]]
    result = clean(f"{title}\n{body}")
    assert result.text == f"# {title}\n\n{body}"
    assert result.metadata["title"] == title


# -- HTML: lists flattened into <p>- item</p> paragraphs or <br>-separated lines -----------

def test_html_hyphen_paragraphs_become_a_list():
    # a Turkish page whose list of stops an editor typed as paragraphs
    html = ("<p>Hat üzerindeki duraklar:</p>\n<p>- Kirazlı</p>\n<p>- Mimar Sinan</p>\n<p>- Halkalı</p>\n"
            "<p>Yolculuk süresi uçtan uca 28 dakika olacak.</p>\n")
    r = clean(html)
    assert r.text == ("<p>Hat üzerindeki duraklar:</p>\n<ul>\n<li>Kirazlı</li>\n<li>Mimar Sinan</li>\n"
                      "<li>Halkalı</li>\n</ul>\n<p>Yolculuk süresi uçtan uca 28 dakika olacak.</p>\n")
    assert [(c.filter, c.before, c.after) for c in r.changes] == [
        ("structure", "<p>- Kirazlı</p>", "- Kirazlı"),
        ("structure", "<p>- Mimar Sinan</p>", "- Mimar Sinan"),
        ("structure", "<p>- Halkalı</p>", "- Halkalı"),
    ]
    assert all(html[c.start : c.end] == c.before for c in r.changes)
    assert clean(r.text).changes == []


def test_html_br_separated_hyphen_lines_become_a_list():
    html = ("<h2>What Curators Report</h2>\n<p>- More school visits after catalogues go online<br>"
            "- Fewer enquiries about opening hours<br>- New donors who found the collection through search</p>\n")
    r = clean(html)
    assert r.text == ("<h2>What Curators Report</h2>\n<ul>\n<li>More school visits after catalogues go online</li>\n"
                      "<li>Fewer enquiries about opening hours</li>\n"
                      "<li>New donors who found the collection through search</li>\n</ul>\n")
    assert [(c.before, c.start, c.end) for c in r.changes] == [
        ("<p>- More school visits after catalogues go online<br>", 30, 84),
        ("- Fewer enquiries about opening hours<br>", 84, 125),
        ("- New donors who found the collection through search</p>", 125, 181),
    ]


@pytest.mark.parametrize("html", [
    # two hyphen lines with nothing announcing a list: dialogue as often as a list
    "<p>Il entra.</p>\n<p>- Bonjour, dit-il en souriant.</p>\n<p>- Bonjour, répondit-elle.</p>\n<p>Puis il sortit.</p>\n",
    # dashes open dialogue in Russian, Spanish and French: never a list marker here
    "<p>— Мы посмотрим, — сказал он.</p>\n<p>— Хорошо.</p>\n<p>— До завтра.</p>\n",
    "<p>– Vamos, dijo ella.</p>\n<p>– No puedo.</p>\n<p>– ¿Por qué?</p>\n",
    # a single footnote line, a paragraph that only starts with a hyphen, a blockquote
    "<p>Preise gelten ab Januar.</p>\n<p>* Angaben ohne Gewähr</p>\n",
    "<p>- Kirazlı</p>\n<p>Halkalı ist die Endstation der Linie.</p>\n<p>- Mimar Sinan</p>\n",
    "<blockquote><p>- eins</p><p>- zwei</p><p>- drei</p></blockquote>",
])
def test_html_hyphen_paragraphs_left_alone(html):
    r = clean(html)
    assert r.text == html and r.changes == []


def test_heading_after_a_teaser_link_line_is_found():
    # a related-article link on a line of its own (whole, or behind a short label) ends there:
    # the title-like line after it, with a list under it, is a section heading
    text = (
        "Battery Makers Race to Cut Costs\n"
        "Electric vehicle sales grew more slowly this year, and battery makers are responding with deep cost cuts.\n"
        "Lithium prices have fallen sharply from their peak, and suppliers are offering lower prices to carmakers.\n"
        'Read also: <a href="https://www.evinsight.net/article/recycling-plants">Recycling plants expand in Europe\n'
        "What Carmakers Want\n"
        "- Lower prices for packs.\n"
        "- Faster charging.\n"
        "Analysts expect consolidation among smaller cell makers over the next two years.\n"
    )
    result = clean(text)
    assert result.text.split("\n\n")[3:6] == [
        "Read also: [Recycling plants expand in Europe](https://www.evinsight.net/article/recycling-plants)",
        "## What Carmakers Want",
        "- Lower prices for packs.\n- Faster charging.",
    ]
    assert clean(result.text).text == result.text


def test_title_after_a_sentence_ending_in_a_teaser_link_stays_a_paragraph():
    # the remnant of a cut teaser after a sentence that ends in "Read also: <a …>" is no heading
    text = (
        "比亚迪10月销量再创新高\n"
        "比亚迪周五公布的数据显示，公司10月新能源汽车销量超过50万辆，同比增长约66%。\n"
        '分析师认为，价格战仍在持续，利润率有望保持稳定。延伸阅读：<a href="https://auto.carnews.cn/2024/10/ev-price-war">新能源车价格战何时结束</a>\n'
        "特斯拉中国销量下滑\n"
        "与此同时，特斯拉中国的交付量同比下降约5%，市场份额继续收窄。\n"
    )
    result = clean(text)
    assert "(https://auto.carnews.cn/2024/10/ev-price-war)\n\n特斯拉中国销量下滑\n\n" in result.text


def test_a_flagged_share_line_is_no_heading_and_the_heading_after_it_is_found():
    text = ("Tampereen raitiotien jatke avataan elokuussa\n"
            "Kaupunki kertoi tiistaina, että raitiotien toinen osuus avataan matkustajille elokuussa.\n"
            "Jaa artikkeli\n"
            "Mitä muutos tarkoittaa bussiliikenteelle\n"
            "Raitiotien avaamisen yhteydessä useita bussilinjoja lyhennetään tai yhdistetään.\n"
            "Dela artikeln: Facebook | X | LinkedIn\n"
            "Kaupunki arvioi, että matkustajamäärät kasvavat avaamisen jälkeen yli kolmanneksella.\n")
    result = clean(text)
    assert result.text == (
        "# Tampereen raitiotien jatke avataan elokuussa\n\n"
        "Kaupunki kertoi tiistaina, että raitiotien toinen osuus avataan matkustajille elokuussa.\n\n"
        "Jaa artikkeli\n\n"
        "## Mitä muutos tarkoittaa bussiliikenteelle\n\n"
        "Raitiotien avaamisen yhteydessä useita bussilinjoja lyhennetään tai yhdistetään.\n\n"
        "Dela artikeln: Facebook | X | LinkedIn\n\n"
        "Kaupunki arvioi, että matkustajamäärät kasvavat avaamisen jälkeen yli kolmanneksella.\n")
    assert [c.before for c in result.changes if c.action == "flagged"] == ["Jaa artikkeli", "Dela artikeln: Facebook | X | LinkedIn"]
    assert clean(result.text).text == result.text


def test_a_bold_line_naming_a_few_things_is_a_heading_like_its_siblings():
    # QA round: "**Pots, soil and water**" stayed bold while the bold lines around it became headings
    text = ("**Growing Tomatoes on a Small Balcony**\n\n"
            "You do not need a garden to grow tomatoes. A sunny balcony is enough.\n\n"
            "**Pots, soil and water**\n\n"
            "- Use pots of at least 20 litres per plant.\n- Water in the morning.\n\n"
            "**Feeding**\n\n"
            "Once the first flowers appear, feed every week with a liquid tomato fertiliser.\n")
    result = clean(text, lang="en", input_format="markdown")
    assert result.text == ("# Growing Tomatoes on a Small Balcony\n\n"
                           "You do not need a garden to grow tomatoes. A sunny balcony is enough.\n\n"
                           "## Pots, soil and water\n\n"
                           "- Use pots of at least 20 litres per plant.\n- Water in the morning.\n\n"
                           "## Feeding\n\n"
                           "Once the first flowers appear, feed every week with a liquid tomato fertiliser.\n")
    # a bold sentence with a comma is still no heading
    text = ("Intro sentence here.\n\n**Note, the rules changed last year**\n\n- One.\n- Two.\n")
    assert clean(text, lang="en", input_format="markdown").text == text


def test_a_bold_chinese_line_opening_the_document_is_its_title():
    # Chinese has no spaces: the "one word is a section name" test counted the whole line as one word
    text = ("**午睡的好处与注意事项**\n\n很多人在中午感到疲倦，适当的午睡可以帮助恢复精力。研究显示，短暂午睡有好处。\n\n"
            "**怎样午睡最合适**\n\n- 时间控制在二十到三十分钟。\n- 尽量在下午三点以前完成。\n")
    result = clean(text, lang="zh-CN", input_format="markdown")
    assert result.text.startswith("# 午睡的好处与注意事项\n\n")
    assert "\n## 怎样午睡最合适\n" in result.text


def test_an_address_block_set_apart_by_blank_lines_stays_one_block():
    # QA round (clean Dutch library notice): the address lines became three paragraphs
    text = ("Nieuw: Bibliotheek De Kade opent aan het water\n\n"
            "Vanaf maandag 3 juni kunt u terecht in de nieuwe vestiging aan de Oosterkade.\n\n"
            "Bibliotheek De Kade\nOosterkade 18\n9711 RS Groningen\n\n"
            "Op feestdagen gelden aangepaste tijden. Kijk daarvoor op de website.\n")
    result = clean(text, lang="nl")
    assert result.text == ("# Nieuw: Bibliotheek De Kade opent aan het water\n\n"
                           "Vanaf maandag 3 juni kunt u terecht in de nieuwe vestiging aan de Oosterkade.\n\n"
                           "Bibliotheek De Kade\\\nOosterkade 18\\\n9711 RS Groningen\n\n"
                           "Op feestdagen gelden aangepaste tijden. Kijk daarvoor op de website.\n")
    assert clean(result.text, lang="nl", input_format="markdown").text == result.text
    # a byline and its date, and a timetable's field lines, stay lines of their own
    text = ("Ten Years of a Library\n\nBy Jane Doe\n2026-03-14\n\nWhen I published it, I expected few users.\n\n"
            "Abfahrt Hamburg: 19:42 Uhr\nAnkunft Wien: 09:15 Uhr\nPreis ab: 49,90 Euro\n\nThe end of it all.\n")
    out = clean(text, lang="en").text
    assert "By Jane Doe\n\n2026-03-14" in out and "19:42 Uhr\n\nAnkunft" in out


def test_a_label_between_two_stanzas_is_no_section_heading():
    # QA round: a French song's "Refrain" line and a Spanish one's **Estribillo:** became headings
    text = ("La maison du bord de l'eau\n\n"
            "Il pleut sur la Loire,\nil pleut sur nos toits,\nje garde ta guitare\nau fond du placard froid.\n\n"
            "Refrain\n\n"
            "Et si tu repasses\nun soir de novembre,\nfrappe trois fois, pas plus :\nje saurai qui entre.\n")
    result = clean(text, lang="fr")
    assert [c.before for c in result.changes] == ["La maison du bord de l'eau"]
    assert "\n\nRefrain\n\n" in result.text
    text = ("# Calle del Olvido\n\n"
            "Por la calle del olvido  \npasa el tranvía de las diez,  \nnadie sube, nadie baja.\n\n"
            "**Estribillo:**\n\n"
            "Ay, Lucía, Lucía,  \nquién te vio y quién te ve,  \nla ventana sigue abierta.\n")
    result = clean(text, lang="es", input_format="markdown")
    assert result.text == text and result.changes == []
    # a bold line above prose is still a heading
    text = ("# Title\n\nIntro sentence here.\n\n**Ingredients and tools**\n\n"
            "You need flour, water and salt, and a bowl that is large enough for the dough to rise.\n")
    assert "## Ingredients and tools" in clean(text, lang="en", input_format="markdown").text
