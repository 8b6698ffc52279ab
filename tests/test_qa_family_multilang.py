"""Regressions from a QA round on articles of the seed's family (LLM news articles scraped and
flattened, with cut links, leaked words and attribution footers) in many languages."""

from __future__ import annotations

from cleanup import clean


def _clean_twice(text: str):
    result = clean(text)
    again = clean(result.text)
    assert again.text == result.text  # idempotent
    assert not [c for c in again.changes if c.action != "flagged"]
    for c in result.changes:
        if c.before:
            assert text[c.start : c.end] == c.before
    return result


def test_arabic_footer_with_an_original_link_label_is_lifted():
    text = ("السعودية تطلق مشروعا جديدا\n"
            "أعلنت وزارة الطاقة عن توقيع عقود لإنشاء محطة طاقة شمسية كبيرة في منطقة تبوك.\n"
            "📌 المصدر: الاقتصاد اليوم\n"
            "🔗 الرابط الأصلي: https://www.aliqtisad-alyawm.com/news/saudi-solar-project\n")
    result = _clean_twice(text)
    assert result.metadata["source"] == "الاقتصاد اليوم"
    assert result.metadata["original_url"] == "https://www.aliqtisad-alyawm.com/news/saudi-solar-project"
    assert result.text == ("# السعودية تطلق مشروعا جديدا\n\n"
                           "أعلنت وزارة الطاقة عن توقيع عقود لإنشاء محطة طاقة شمسية كبيرة في منطقة تبوك.\n\n"
                           "---\n\nالمصدر: الاقتصاد اليوم\n\n"
                           "الرابط الأصلي: https://www.aliqtisad-alyawm.com/news/saudi-solar-project\n")


def test_thai_and_taiwanese_original_link_labels_are_lifted():
    thai = ("รถไฟฟ้าสายใหม่เปิดปีหน้า\n"
            "การก่อสร้างคืบหน้าไปแล้วกว่าร้อยละแปดสิบ และคาดว่าจะเปิดให้บริการได้ภายในปีหน้า\n"
            "📌 ที่มา: ข่าวเมืองกรุง\n"
            "🔗 ลิงก์ต้นฉบับ: https://www.khaomuangkrung.com/news/purple-line-south\n")
    result = _clean_twice(thai)
    assert result.metadata["source"] == "ข่าวเมืองกรุง"
    assert result.metadata["original_url"] == "https://www.khaomuangkrung.com/news/purple-line-south"
    assert "## " not in result.text
    taiwan = ("颱風逼近 機場取消航班\n"
              "受颱風外圍環流影響，桃園國際機場今日已取消超過一百個航班，另有數十個航班延誤。\n"
              "來源：台灣即時新聞網\n"
              "原文連結：https://www.twnewsnow.tw/news/typhoon-flights-cancelled\n")
    result = _clean_twice(taiwan)
    assert result.metadata["source"] == "台灣即時新聞網"
    assert result.metadata["original_url"] == "https://www.twnewsnow.tw/news/typhoon-flights-cancelled"


def test_japanese_heading_above_a_sentence_opening_with_an_english_word():
    text = ("任天堂、新型ゲーム機の価格を発表\n"
            "任天堂は本日、新型ゲーム機の国内販売価格を発表した。価格は前世代機よりも一万円ほど高く設定されている。\n"
            "発売日と販売方法\n"
            "release日は来月の第二金曜日となる。全国の家電量販店とオンラインストアで同時に販売される。\n")
    result = _clean_twice(text)
    assert result.text == ("# 任天堂、新型ゲーム機の価格を発表\n\n"
                           "任天堂は本日、新型ゲーム機の国内販売価格を発表した。価格は前世代機よりも一万円ほど高く設定されている。\n\n"
                           "## 発売日と販売方法\n\n"
                           "release日は来月の第二金曜日となる。全国の家電量販店とオンラインストアで同時に販売される。\n")


def test_english_lines_still_join_a_lower_case_continuation():
    text = ("Harbour works\n"
            "The council said on Monday that the repairs to the old harbour wall would\n"
            "take at least two more years and cost more than the original estimate.\n")
    result = _clean_twice(text)
    assert ("would take at least" in result.text)


def test_leak_before_a_plural_verb_takes_a_plural_or_is_flagged():
    # "Supervision say …" was written in: a noun derived from "to supervise" has no plural that reads
    result = _clean_twice("监管 say the accident rate per kilometer is lower than for human drivers.\n")
    stray = [c for c in result.changes if c.filter == "stray"]
    assert [(c.action, c.before) for c in stray] == [("flagged", "监管")]
    assert result.text == "监管 say the accident rate per kilometer is lower than for human drivers.\n"
    # a noun CC-CEDICT glosses as a noun takes its plural
    result = _clean_twice("The 专家 say the plan will fail without more money.\n")
    assert result.text == "The experts say the plan will fail without more money.\n"
    result = _clean_twice("The new 数据 are alarming for the whole industry.\n")
    assert result.text == "The new data are alarming for the whole industry.\n"


def test_chinese_preamble_naming_the_requested_piece_is_removed():
    text = ("以下是根据您的要求撰写的新闻稿：\n"
            "宇树科技否认上市传闻\n"
            "近日，有媒体报道称杭州机器人公司宇树科技已向港交所提交上市申请。对此，公司方面回应称，该消息不属实。\n")
    result = _clean_twice(text)
    assert result.metadata["title"] == "宇树科技否认上市传闻"
    assert result.text == ("# 宇树科技否认上市传闻\n\n"
                           "近日，有媒体报道称杭州机器人公司宇树科技已向港交所提交上市申请。对此，公司方面回应称，该消息不属实。\n")
    removed = [c for c in result.changes if c.action == "removed"]
    assert [c.before for c in removed] == ["以下是根据您的要求撰写的新闻稿："]
    # an article's own first line is no preamble
    result = _clean_twice("以下是本次调查的主要发现：\n- 七成受访者每天使用手机支付。\n- 三成受访者仍保留现金。\n")
    assert "以下是本次调查的主要发现" in result.text
