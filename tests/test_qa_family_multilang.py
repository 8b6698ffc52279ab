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
