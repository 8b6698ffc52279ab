"""Clean articles in languages and genres an earlier round did not cover (Hong Kong
Cantonese, Thai, timetables): the default chain must leave them as they are."""

from __future__ import annotations

from cleanup import clean

HK_CANTONESE = (
    "# 今日個會\n\n"
    "今日個 meeting 開咗三個鐘，老細話下個禮拜要再 check 吓啲數字。\n\n"
    "我哋 team 嘅 deadline 係星期五，大家要 follow up 返啲 email。\n"
)


def test_written_cantonese_keeps_its_english_words_and_its_haa5():
    # Hong Kong's written Cantonese mixes English words in ("個 meeting", "check 吓"), and writes
    # the particle haa5 as 吓, which OpenCC only knows as Simplified for 嚇 ("to scare")
    result = clean(HK_CANTONESE, input_format="markdown")
    assert result.changes == []
    assert result.text == HK_CANTONESE


def test_mandarin_still_gets_its_leaked_english_word_translated():
    text = "# 会议\n\n今天的 meeting 开了三个小时，老板说下周还要再开一次。\n"
    result = clean(text, input_format="markdown")
    assert [(c.filter, c.action, c.before, c.after) for c in result.changes] == [
        ("stray", "translated", " meeting ", "会议")]
    assert result.text == "# 会议\n\n今天的会议开了三个小时，老板说下周还要再开一次。\n"


def test_simplified_haa_in_a_simplified_text_still_converts_to_hong_kong_form():
    # converting a Simplified text, 吓了一跳 ("got a fright") is OpenCC's phrase: 嚇了一跳
    result = clean("他被狗吓了一跳，半天说不出话来，脸色都白了。\n", chinese="s2hk")
    assert result.text == "他被狗嚇了一跳，半天説不出話來，臉色都白了。\n"  # 説: Hong Kong form


THAI_WITH_WORD_BREAKS = "# ข่าว\u200bท้องถิ่น\n\nวันนี้\u200bที่\u200bเชียงใหม่\u200bมี\u200bฝน\u200bตก\u200bหนัก\u200bตลอด\u200bทั้ง\u200bวัน\n"


def test_zero_width_spaces_between_thai_words_are_word_breaks_not_junk():
    # Thai writes no spaces; a zero-width space between two words tells the browser where a
    # line may break
    result = clean(THAI_WITH_WORD_BREAKS, input_format="markdown")
    assert result.changes == []
    assert result.text == THAI_WITH_WORD_BREAKS


def test_zero_width_space_inside_a_latin_word_or_beside_thai_and_latin_is_still_removed():
    text = "# Wi-Fi\n\nร้านนี้มี\u200bWi\u200bFi ฟรีและปลั๊กไฟทุกโต๊ะ สะดวกมากสำหรับคนทำงาน\n"
    result = clean(text, input_format="markdown")
    assert [(c.filter, c.action, c.before, c.start) for c in result.changes] == [
        ("encoding", "removed", "\u200b", 18), ("encoding", "removed", "\u200b", 21)]
    assert result.text == "# Wi-Fi\n\nร้านนี้มีWiFi ฟรีและปลั๊กไฟทุกโต๊ะ สะดวกมากสำหรับคนทำงาน\n"


TIMETABLE = (
    "Neue Fahrpläne für die S-Bahn München ab Dezember\n\n"
    "Ab dem 15. Dezember fährt die S8 zum Flughafen tagsüber alle zehn Minuten. Die wichtigsten Abfahrten am Hauptbahnhof:\n\n"
    "06:05  S8  Flughafen München  Gleis 1\n"
    "06:15  S1  Freising           Gleis 2\n"
    "06:25  S8  Flughafen München  Gleis 1\n\n"
    "Ein Einzelfahrschein kostet 14,70 Euro. Die Isarcard für alle Zonen gilt weiterhin.\n"
)


def test_a_timetable_laid_out_in_columns_keeps_its_lines_and_its_spaces():
    # its runs of spaces are the columns (collapsed, "Flughafen München Gleis 1" runs two columns
    # into one) and its lines stay lines of one block, like an address
    result = clean(TIMETABLE)
    assert [(c.filter, c.before, c.after) for c in result.changes] == [
        ("structure", "Neue Fahrpläne für die S-Bahn München ab Dezember",
         "# Neue Fahrpläne für die S-Bahn München ab Dezember")]
    assert result.text == (
        "# Neue Fahrpläne für die S-Bahn München ab Dezember\n\n"
        "Ab dem 15. Dezember fährt die S8 zum Flughafen tagsüber alle zehn Minuten. Die wichtigsten Abfahrten am Hauptbahnhof:\n\n"
        "06:05  S8  Flughafen München  Gleis 1\\\n"
        "06:15  S1  Freising           Gleis 2\\\n"
        "06:25  S8  Flughafen München  Gleis 1\n\n"
        "Ein Einzelfahrschein kostet 14,70 Euro. Die Isarcard für alle Zonen gilt weiterhin.\n"
    )
    again = clean(result.text, input_format="markdown")
    assert again.changes == [] and again.text == result.text


def test_double_spaces_in_prose_are_still_collapsed_beside_a_timetable():
    text = ("# Tabelle\n\nDie Tabelle nach dem 12. Spieltag:\n\n"
            "Bayern  12  30\nLeipzig  12  26\n\nMehr gibt es nicht.  Wirklich  nicht.\n")
    result = clean(text, input_format="markdown")
    assert [(c.before, c.after, c.start) for c in result.changes] == [("  ", " ", 98), ("  ", " ", 108)]
    assert result.text == ("# Tabelle\n\nDie Tabelle nach dem 12. Spieltag:\n\n"
                           "Bayern  12  30\nLeipzig  12  26\n\nMehr gibt es nicht. Wirklich nicht.\n")


def test_a_sign_word_opening_its_clause_before_means_is_defined_not_leaked():
    text = ("# Tokyo shop signs\n\n"
            "When a shop sign reads 営業中, it is open; 準備中 means it is preparing and closed for now.\n")
    result = clean(text, input_format="markdown")
    assert result.changes == [] and result.text == text
    # a noun of the sentence followed by "means" is still a leak
    result = clean("# Tax\n\nThe 政策 means higher taxes for most families next year.\n", input_format="markdown")
    assert [(c.action, c.before, c.after) for c in result.changes] == [("translated", "政策", "policy")]
    assert result.text == "# Tax\n\nThe policy means higher taxes for most families next year.\n"


FLAT_REVIEW = (
    "Review: The Fairphone 5 is built to last, not to impress\n"
    "Fairphone's latest phone promises eight years of software updates and parts you can replace with a single screwdriver. After a month with it, I think it mostly delivers.\n"
    "Specifications\n"
    "- Display: 6.46-inch OLED, 90 Hz\n"
    "- Battery: 4,200 mAh, replaceable\n"
    "Verdict\n"
    "If you keep a phone for five years or more, the Fairphone 5 is an easy recommendation. If you want the best camera, look elsewhere.\n"
)


def test_a_one_word_kicker_before_a_clause_with_one_comma_is_a_title():
    result = clean(FLAT_REVIEW)
    assert result.text == (
        "# Review: The Fairphone 5 is built to last, not to impress\n\n"
        "Fairphone's latest phone promises eight years of software updates and parts you can replace with a single screwdriver. After a month with it, I think it mostly delivers.\n\n"
        "## Specifications\n\n"
        "- Display: 6.46-inch OLED, 90 Hz\n"
        "- Battery: 4,200 mAh, replaceable\n\n"
        "## Verdict\n\n"
        "If you keep a phone for five years or more, the Fairphone 5 is an easy recommendation. If you want the best camera, look elsewhere.\n"
    )
    assert result.metadata["title"] == "Review: The Fairphone 5 is built to last, not to impress"


def test_a_label_with_a_short_list_is_still_no_title():
    from cleanup.structure_rules import heading_like

    assert not heading_like("Zutaten: Mehl, Zucker", title=True)
    assert not heading_like("Tags: Politik, Wirtschaft und Kultur", title=True)
    assert heading_like("Review: The Fairphone 5 is built to last, not to impress", title=True)
