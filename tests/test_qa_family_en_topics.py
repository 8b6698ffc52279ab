"""Regressions from a QA round on English articles of the seed's family (LLM news on finance, sport,
health, science, travel, culture, politics and tech; several cut links; multi-line footers)."""

from __future__ import annotations

import pytest

from cleanup import clean


def _clean_twice(text: str, **kw):
    result = clean(text, **kw)
    again = clean(result.text, **kw)
    assert again.text == result.text  # idempotent
    assert not [c for c in again.changes if c.action != "flagged"]
    for c in result.changes:
        if c.before:
            assert text[c.start : c.end] == c.before
    return result


BODY = ("ECB Holds Rates as Inflation Cools\n"
        "The European Central Bank left its deposit rate unchanged on Thursday, as expected.\n")


def test_a_byline_line_in_the_footer_keeps_the_footer_together():
    text = BODY + ("📌 Source: Ledgerline (www.ledgerline.co.uk)\n"
                   "🔗 Original: https://www.ledgerline.co.uk/markets/ecb-holds-rates\n"
                   "✍️ Author: Hannah Weiss\n"
                   "⚠️ Please credit Ledgerline when republishing.")
    result = _clean_twice(text)
    assert result.metadata["source"] == "Ledgerline (www.ledgerline.co.uk)"
    assert result.metadata["original_url"] == "https://www.ledgerline.co.uk/markets/ecb-holds-rates"
    assert result.metadata["credit"] == "Please credit Ledgerline when republishing."
    assert result.text == ("# ECB Holds Rates as Inflation Cools\n\n"
                           "The European Central Bank left its deposit rate unchanged on Thursday, as expected.\n\n"
                           "---\n\nSource: Ledgerline (www.ledgerline.co.uk)\n\n"
                           "Original: https://www.ledgerline.co.uk/markets/ecb-holds-rates\n\n"
                           "Author: Hannah Weiss\n\nPlease credit Ledgerline when republishing.\n")
    byline = [c for c in result.changes if c.before == "✍️ Author: Hannah Weiss"]
    assert byline and byline[0].after == "Author: Hannah Weiss" and "byline" in byline[0].reason


def test_a_byline_last_and_a_chinese_editor_line_end_the_footer():
    text = BODY + ("Source: City Culture Review\n"
                   "Original: https://www.cityculturereview.com/music/final-concert\n"
                   "Author: Peter Novak / Editor: Sara Lind")
    result = _clean_twice(text)
    assert result.metadata["source"] == "City Culture Review"
    assert result.text.endswith("---\n\nSource: City Culture Review\n\n"
                                "Original: https://www.cityculturereview.com/music/final-concert\n\n"
                                "Author: Peter Novak / Editor: Sara Lind\n")
    zh = BODY + ("📌 来源：丝路旅行\n🔗 原文链接：https://www.silkroute-travel.com/news/visa-free\n"
                 "✍️ 编辑：王丽\n⚠️ 转载请注明出处。")
    result = _clean_twice(zh)
    assert result.metadata["source"] == "丝路旅行"
    assert result.text.endswith("---\n\n来源：丝路旅行\n\n原文链接：https://www.silkroute-travel.com/news/visa-free"
                                "\n\n编辑：王丽\n\n转载请注明出处。\n")


def test_a_byline_alone_or_a_sentence_after_an_editor_label_is_no_footer():
    alone = BODY + "Author: Hannah Weiss"
    result = _clean_twice(alone)
    assert "source" not in result.metadata and "---" not in result.text
    sentence = BODY + "Source: Ledgerline\nEditor: the choice of rate is ours to make."
    result = _clean_twice(sentence)
    assert "source" not in result.metadata


def test_hashtags_after_the_footer_stay_after_it_and_are_flagged():
    text = BODY + ("📌 Source: Capital Brief\n"
                   "🔗 Original: https://www.capitalbrief.com/markets/dividend-season\n"
                   "#Dividends #Markets #Investing")
    result = _clean_twice(text)
    assert result.text.endswith("---\n\nSource: Capital Brief\n\n"
                                "Original: https://www.capitalbrief.com/markets/dividend-season\n\n"
                                "#Dividends #Markets #Investing\n")
    flags = [c for c in result.changes if c.action == "flagged"]
    assert [c.before for c in flags] == ["#Dividends #Markets #Investing"]
    removed = _clean_twice(text, footer="remove")
    assert removed.text.endswith("as expected.\n\n#Dividends #Markets #Investing\n")


def test_spanish_reproduction_notice_is_a_credit():
    text = BODY + ("📌 Fuente: Diario Corredor\n"
                   "🔗 Enlace original: https://www.diariocorredor.es/en/city-marathon\n"
                   "⚠️ Prohibida su reproducción sin citar la fuente.")
    result = _clean_twice(text)
    assert result.metadata["credit"] == "Prohibida su reproducción sin citar la fuente."
    assert result.metadata["original_url"] == "https://www.diariocorredor.es/en/city-marathon"


@pytest.mark.parametrize("text, want", [
    ("Several 公司 said the rules were too vague, while consumer groups called them a good start.",
     "Several companies said the rules were too vague, while consumer groups called them a good start."),
    ("A stoppage-time header won it. Thousands of 球迷 had travelled for the match.",
     "A stoppage-time header won it. Thousands of fans had travelled for the match."),
    ("The two leading 候选人 for mayor clashed over housing costs in their first debate.",
     "The two leading candidates for mayor clashed over housing costs in their first debate."),
])
def test_a_leaked_noun_takes_the_number_of_its_quantifier(text, want):
    result = _clean_twice(text)
    assert result.text == want + "\n"
