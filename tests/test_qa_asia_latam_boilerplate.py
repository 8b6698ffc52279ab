"""Boilerplate: footer labels, source names and assistant preambles of more languages — regressions
from a QA round on Catalan, Bengali, Malay, Spanish, Hindi, Japanese and other articles."""

from __future__ import annotations

import pytest

from cleanup import clean
from cleanup.filters.boilerplate import _is_preamble


def _clean_twice(text: str):
    result = clean(text)
    assert clean(result.text).text == result.text  # idempotent
    for c in result.changes:
        if c.before:
            assert text[c.start : c.end] == c.before
    return result


@pytest.mark.parametrize("text, meta", [
    ("Barcelona acull la fira\nLa fira tecnològica de Barcelona ha tancat aquest dijous amb més de 100.000 visitants, "
     "una xifra rècord segons l'organització.\nFont: Diari Digital de Catalunya\n",
     {"source": "Diari Digital de Catalunya"}),
    ("বাংলাদেশের রোমাঞ্চকর জয়\nমিরপুরে শেষ ওভারের নাটকীয় লড়াইয়ে শ্রীলঙ্কাকে ২ উইকেটে হারিয়েছে বাংলাদেশ।\n"
     "সূত্র: খেলার খবর ডেস্ক\n",
     {"source": "খেলার খবর ডেস্ক"}),
    ("Harga rumah dijangka stabil\nHarga rumah di sekitar Kuala Lumpur dan Selangor dijangka kekal stabil pada tahun "
     "depan walaupun kadar faedah masih tinggi.\nSumber: Berita Hartanah Malaysia\n"
     "Pautan asal: https://beritahartanah.com.my/pasaran/harga-rumah-stabil\n",
     {"source": "Berita Hartanah Malaysia", "original_url": "https://beritahartanah.com.my/pasaran/harga-rumah-stabil"}),
    # the dash between the name and its URL is no part of the name
    ("River le ganó a Talleres\nRiver Plate venció 1 a 0 a Talleres en el estadio Mario Alberto Kempes y quedó a dos "
     "puntos del líder.\nFuente: Diario Deportivo del Sur — https://deportivodelsur.com.ar/futbol/river-le-gano\n",
     {"source": "Diario Deportivo del Sur", "original_url": "https://deportivodelsur.com.ar/futbol/river-le-gano"}),
])
def test_footer_labels_of_more_languages(text, meta):
    result = _clean_twice(text)
    for key, value in meta.items():
        assert result.metadata[key] == value
    footer = text.rstrip("\n").split("\n")[2:]
    assert result.text.endswith("\n---\n\n" + "\n\n".join(footer) + "\n")


def test_hindi_assistant_preamble_and_closing_offer_removed():
    text = ("ज़रूर! यहाँ आपके लिए लेख है:\nUPI कैसे काम करता है\n"
            "यूनिफाइड पेमेंट्स इंटरफेस यानी UPI ने भारत में डिजिटल भुगतान का तरीका बदल दिया है।\n"
            "छोटे व्यापारियों के लिए UPI ने नकदी संभालने की परेशानी काफी कम कर दी है।\n"
            "मुझे उम्मीद है कि यह लेख आपके लिए उपयोगी होगा! अगर आप चाहें तो मैं इसका एक छोटा संस्करण भी लिख सकता हूँ।\n")
    result = _clean_twice(text)
    assert result.text == (
        "# UPI कैसे काम करता है\n\n"
        "यूनिफाइड पेमेंट्स इंटरफेस यानी UPI ने भारत में डिजिटल भुगतान का तरीका बदल दिया है।\n\n"
        "छोटे व्यापारियों के लिए UPI ने नकदी संभालने की परेशानी काफी कम कर दी है।\n")
    assert [c.action for c in result.changes if c.filter == "boilerplate"] == ["removed", "removed"]


def test_japanese_assistant_preamble_and_closing_offer_removed():
    text = ("はい、承知しました。以下が記事です：\n\n# 新NISAとは\n\n新しいNISA制度は、投資で得た利益に税金がかからない仕組みです。\n\n"
            "この記事がお役に立てば幸いです。ほかに知りたいことがあれば、お気軽にお聞きください。\n")
    assert _clean_twice(text).text == "# 新NISAとは\n\n新しいNISA制度は、投資で得た利益に税金がかからない仕組みです。\n"


def test_tagalog_assistant_preamble_and_closing_offer_removed():
    text = ("Siyempre! Narito ang artikulo tungkol sa paghahanda sa bagyo:\nPaano maghanda bago dumating ang bagyo\n"
            "Tuwing tag-ulan, ilang bagyo ang tumatama sa bansa at maraming pamilya ang naaapektuhan ng baha.\n"
            "Mas ligtas ang pamilya kung maaga pa lang ay handa na ang lahat.\n"
            "Sana makatulong ito! Kung gusto mo ng mas maikling bersyon para sa social media, sabihin mo lang.\n")
    assert _clean_twice(text).text == (
        "# Paano maghanda bago dumating ang bagyo\n\n"
        "Tuwing tag-ulan, ilang bagyo ang tumatama sa bansa at maraming pamilya ang naaapektuhan ng baha.\n\n"
        "Mas ligtas ang pamilya kung maaga pa lang ay handa na ang lahat.\n")


@pytest.mark.parametrize("line", [
    "물론입니다! 요청하신 기사입니다:", "অবশ্যই! এখানে আপনার জন্য নিবন্ধটি দেওয়া হলো:", "நிச்சயமாக! இதோ நீங்கள் கேட்ட கட்டுரை:",
    "แน่นอนครับ! นี่คือบทความที่คุณขอ:", "Chắc chắn rồi! Đây là bài viết về giá vàng:", "Tentu! Berikut artikelnya:",
    "Sudah tentu! Berikut ialah artikel tentang harga rumah:", "Siyempre! Narito ang artikulo tungkol sa bagyo:",
    "És clar! Aquí tens l'article:",
])
def test_assistant_preambles_of_more_languages(line):
    assert _is_preamble(line)


@pytest.mark.parametrize("line", [
    "はい、私たちは新しい店を開きました。", "以下の表は2024年の売上を示しています。", "네, 그렇습니다. 그는 말했다.",
    "Dưới đây là những điều bạn cần biết về bão số 3", "Berikut adalah daftar harga BBM terbaru per 1 Juli.",
    "Berikut artikel terkait yang bisa Anda baca:", "Tentu saja harga naik lagi bulan ini.",
    "Baik pemerintah maupun swasta sepakat menaikkan upah.", "Sige na nga, sabi ng alkalde sa mga residente.",
    "जरूर पढ़ें: बजट की पांच बड़ी बातें",
])
def test_first_lines_that_are_no_preamble(line):
    assert not _is_preamble(line)
