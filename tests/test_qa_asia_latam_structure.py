"""Structure: dash lists and Thai headings — regressions from a QA round on Latin American, Brazilian,
Canadian French, Thai and other Asian articles."""

from __future__ import annotations

import pytest

from cleanup import clean


def _clean_twice(text: str):
    result = clean(text)
    assert clean(result.text).text == result.text  # idempotent
    for c in result.changes:
        if c.before:
            assert text[c.start : c.end] == c.before
    return result


def test_dash_lines_under_a_heading_are_a_list_not_dialogue():
    text = ("Budget : Québec promet l'équilibre en 2029\n"
            "Le ministre des Finances a déposé mardi un budget qui prévoit encore un déficit important cette année.\n"
            "Les principales mesures\n"
            "– Un crédit d'impôt bonifié pour les aînés à faible revenu.\n"
            "– Un investissement de 1,2 milliard pour l'entretien des écoles.\n"
            "– Le gel des embauches dans la fonction publique, sauf en santé.\n"
            "L'opposition accuse le gouvernement de faire payer aux régions le prix de ses choix.\n")
    assert _clean_twice(text).text == (
        "# Budget : Québec promet l'équilibre en 2029\n\n"
        "Le ministre des Finances a déposé mardi un budget qui prévoit encore un déficit important cette année.\n\n"
        "## Les principales mesures\n\n"
        "- Un crédit d'impôt bonifié pour les aînés à faible revenu.\n"
        "- Un investissement de 1,2 milliard pour l'entretien des écoles.\n"
        "- Le gel des embauches dans la fonction publique, sauf en santé.\n\n"
        "L'opposition accuse le gouvernement de faire payer aux régions le prix de ses choix.\n")


@pytest.mark.parametrize("text", [
    # questions in the run: speech
    "Rozmawialiśmy z trenerem po meczu\n– Czy jest pan zadowolony z wyniku?\n– Tak, bardzo. Chłopcy grali dobrze.\n"
    "– A co z kontuzją kapitana?\n",
    # the line above ends a sentence: nothing announces a list
    "Zapytaliśmy go o plany na jesień.\n– Zostaję w klubie.\n– Na pewno zostaje pan?\n– Tak, podpisałem umowę.\n",
    "Zapytaliśmy go o plany na jesień.\n– Zostaję w klubie.\n– Podpisałem umowę.\n– Rodzina tu mieszka.\n",
])
def test_dash_dialogue_stays_lines(text):
    out = _clean_twice(text).text
    assert "\n- " not in out and "\n– " in out


def test_thai_heading_after_a_paragraph_without_full_stop():
    text = ("กรุงเทพฯ เตรียมเปิดรถไฟฟ้าสายใหม่ปลายปีนี้\n"
            "ประชาชนในพื้นที่ส่วนใหญ่ต่างตั้งตารอ เพราะการเดินทางเข้าเมืองในชั่วโมงเร่งด่วนใช้เวลานานกว่าหนึ่งชั่วโมง\n"
            "สิ่งที่ผู้โดยสารควรรู้\n1. ช่วงทดลองให้บริการไม่เก็บค่าโดยสาร\n2. สามารถใช้บัตรโดยสารเดิมแตะเข้าระบบได้\n")
    assert _clean_twice(text).text == (
        "# กรุงเทพฯ เตรียมเปิดรถไฟฟ้าสายใหม่ปลายปีนี้\n\n"
        "ประชาชนในพื้นที่ส่วนใหญ่ต่างตั้งตารอ เพราะการเดินทางเข้าเมืองในชั่วโมงเร่งด่วนใช้เวลานานกว่าหนึ่งชั่วโมง\n\n"
        "## สิ่งที่ผู้โดยสารควรรู้\n\n1. ช่วงทดลองให้บริการไม่เก็บค่าโดยสาร\n2. สามารถใช้บัตรโดยสารเดิมแตะเข้าระบบได้\n")


def test_short_thai_lines_stay_paragraphs():
    text = "ข่าวเช้า\nฝนตกหนักทั่วกรุงเทพฯ\nการจราจรติดขัดหลายเส้นทาง\n"
    assert _clean_twice(text).text == "# ข่าวเช้า\n\nฝนตกหนักทั่วกรุงเทพฯ\n\nการจราจรติดขัดหลายเส้นทาง\n"
