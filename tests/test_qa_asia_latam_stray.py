"""Stray: English words in code-mixed Hindi, Bengali, Tamil and Thai — regressions from a QA round on
Asian articles."""

from __future__ import annotations

from cleanup import clean


def _clean_twice(text: str):
    result = clean(text)
    assert clean(result.text).text == result.text  # idempotent
    return result


def test_english_words_in_code_mixed_hindi_are_not_flagged():
    text = ("# नया फोन\n\nफोन में AMOLED डिस्प्ले है, जिसका refresh rate 120Hz है। पीछे का पैनल glossy है। "
            "BGMI जैसे गेम medium settings पर चलते हैं। रात की तस्वीरों में noise दिखता है।\n")
    result = _clean_twice(text)
    assert result.text == text and result.changes == []


def test_one_english_word_in_hindi_is_still_flagged():
    text = "# नया फोन\n\nयह फोन बहुत important है और इसकी बैटरी अच्छी है। कैमरा भी ठीक है।\n"
    result = _clean_twice(text)
    assert result.text == text
    assert [(c.action, c.before, c.lang) for c in result.changes] == [("flagged", "important", "en")]
