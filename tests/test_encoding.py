"""The encoding filter: ftfy fixes, NFC and invisible junk, each an exact change."""

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup import Pipeline, clean
from cleanup.filters.encoding import EncodingFilter, ftfy_config, may_need_ftfy

FIXTURES = Path(__file__).parent / "fixtures" / "encoding"
CASES = json.loads((FIXTURES / "cases.json").read_text(encoding="utf-8"))
NEGATIVE = json.loads((FIXTURES / "negative.json").read_text(encoding="utf-8"))
ONLY_ENCODING = Pipeline([EncodingFilter()])


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_fixes(case):
    text = case["original"] + "\n"
    result = clean(text, lang="und", pipeline=ONLY_ENCODING, input_format="text")
    assert result.text == case["fixed"] + "\n"
    assert [(c.before, c.after) for c in result.changes] == [tuple(x) for x in case["changes"]]
    for change in result.changes:
        assert text[change.start : change.end] == change.before
        assert change.filter == "encoding"
    assert clean(result.text, lang="und", pipeline=ONLY_ENCODING, input_format="text").changes == []


@pytest.mark.parametrize("text", [t for t in NEGATIVE if "ligature" not in t])
def test_correct_text_is_never_changed(text):
    result = clean(text + "\n", lang="und", pipeline=ONLY_ENCODING, input_format="text")
    assert result.changes == []


def test_explanation_names_the_ftfy_steps():
    (change,) = clean("Alibabaâ€™s\n", lang="en", pipeline=ONLY_ENCODING).changes
    assert change.reason == "ftfy: encode sloppy-windows-1252, decode utf-8"


def test_rtl_documents_keep_embedding_controls():
    text = "\u202bעברית English\u202c ו\u200bעוד\n"
    result = clean(text, lang="he", pipeline=ONLY_ENCODING, input_format="text")
    assert [c.before for c in result.changes] == ["\u200b"]
    assert "\u202b" in result.text


def test_control_characters_are_removed_and_recorded():
    result = clean("Bell\x07 and escape\x1b[31m red\n", lang="en", pipeline=ONLY_ENCODING, input_format="text")
    assert result.text == "Bell and escape red\n"
    assert all(c.filter == "encoding" for c in result.changes) and result.changes


# --- the fast path: text ftfy cannot change is not handed to it -----------------------

CORPUS = Path(__file__).parent.parent / "corpus"
CODECS = ("cp1252", "latin-1", "cp1251", "cp1250", "cp1253", "mac_roman", "cp437")


def _ftfy_changes(text: str) -> bool:
    ftfy, config = ftfy_config()
    return ftfy.fix_and_explain(text, config=config).text != text


def test_fast_path_covers_ftfy_tables():
    import re

    import ftfy.badness
    import ftfy.chardata

    # its mojibake test needs two adjacent non-ASCII characters: no category holds ASCII
    for name, chars in ftfy.badness.MOJIBAKE_CATEGORIES.items():
        assert not [c for c in map(chr, range(128)) if re.match(f"[{chars}]", c)], name
    singles = [chr(c) for c in ftfy.chardata.LIGATURES] + [chr(c) for c in ftfy.chardata.CONTROL_CHARS]
    singles += [chr(c) for c in range(0x80, 0xA0)] + ["\x1b", "\ufffd"]
    assert [c for c in singles if not may_need_ftfy(f"a{c}b")] == []


def test_mojibake_pair_class_holds_every_character_of_ftfys_mojibake_rule():
    import re

    import ftfy.badness

    from cleanup.filters.encoding import MOJIBAKE_PAIR

    every = "".join(chr(cp) for cp in range(0x80, 0x110000) if not 0xD800 <= cp <= 0xDFFF)
    in_tables = re.compile("|".join(f"[{chars}]" for chars in ftfy.badness.MOJIBAKE_CATEGORIES.values()))
    named = set(in_tables.findall(every)) | {c for c in ftfy.badness.BADNESS_RE.pattern if ord(c) >= 0x80}
    pair = re.compile(f"[{MOJIBAKE_PAIR}]")
    assert len(named) > 400
    assert sorted(c for c in named if not pair.match(c)) == []
    # and what the narrower class lets through untouched
    for text in ("مرحبا بالعالم", "שלום עולם", "नमस्ते दुनिया", "สวัสดีชาวโลก", "⚠️ Hinweis", "ẞ ꞵ"):
        assert not may_need_ftfy(text) and not _ftfy_changes(text)


def test_fast_path_on_corpus_lines_and_their_mojibake():
    lines = {line for f in sorted(CORPUS.iterdir()) if f.suffix in (".txt", ".md", ".html")
             for line in f.read_text(encoding="utf-8").splitlines()}
    variants = set(lines)
    for line in lines:
        for codec in CODECS:
            variants.add(line.encode("utf-8").decode(codec, errors="replace"))
    skipped = [t for t in variants if not may_need_ftfy(t)]
    assert len(skipped) > len(lines) // 3  # the fast path does skip most ordinary lines
    assert [t for t in skipped if _ftfy_changes(t)] == []
    # and every line ftfy repairs is one the fast path sends to it
    assert all(may_need_ftfy(t) for t in variants if _ftfy_changes(t))


_TRICKY = "aZ .,!?'\"-\n\t\r\x00\x1b“”‘’–—…€™•éüßñçÃÂÅâ€œžŠŸ¢£©®°±²³µ·»¿×÷ŒœﬁĳДЖяΑβΓ杭州澄清カナ한\u0301\u00a0\u00ad\ufeff\ufffd\u200b"


@settings(max_examples=3000, deadline=None, derandomize=True)
@given(st.text(alphabet=_TRICKY, max_size=12))
def test_fast_path_never_skips_a_change(text):
    assert may_need_ftfy(text) or not _ftfy_changes(text)


def test_fast_path_never_skips_a_change_around_any_single_character():
    # every BMP character alone among ASCII (Â, Ã before a space are mojibake on their own)
    contexts = ("{}", "x{} ", "{}.", "a {} b", "{}a")
    missed = [t for cp in range(0x80, 0x10000) for t in (c.format(chr(cp)) for c in contexts)
              if not may_need_ftfy(t) and _ftfy_changes(t)]
    assert missed == []


def test_fast_path_never_skips_a_change_next_to_cjk():
    # CJK text skips ftfy: no character ftfy repairs pairs with an ideograph, kana, Hangul or CJK punctuation
    cjk = "杭。「ー한\u3000Ａ𠀋"
    missed = [t for cp in range(0x80, 0x3000) for k in cjk for t in (chr(cp) + k, k + chr(cp), f"a{chr(cp)}{k}b")
              if not may_need_ftfy(t) and _ftfy_changes(t)]
    assert missed == []
    assert not may_need_ftfy("杭州的阿里巴巴和深度求索只是邻居。")


def test_fast_path_never_skips_a_change_next_to_other_scripts():
    # Arabic, Hebrew, Devanagari, Thai, Armenian, Georgian letters and emoji are in none of
    # ftfy's mojibake tables: a pair with one of them is no evidence either
    others = "بשनสԱა⚠\ufe0f"
    missed = [t for cp in range(0x80, 0x3000) for k in others for t in (chr(cp) + k, k + chr(cp), f"a{chr(cp)}{k}b")
              if not may_need_ftfy(t) and _ftfy_changes(t)]
    assert missed == []


def _read_as_cp1252(text: str) -> str:
    """UTF-8 bytes shown as Windows-1252, as a careless importer does (bytes 1252 leaves
    undefined become the C1 controls)."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in text.encode("utf-8"))


@pytest.mark.parametrize(
    "text, lang",
    [
        ("افتتاح المرحلة الأولى من مترو الرياض\n\nأعلنت الهيئة تشغيل ثلاثة خطوط من مترو الرياض أمام الركاب.\n", "ar"),
        ("Το υπουργείο Πολιτισμού αποφάσισε να κλείσει την Ακρόπολη από τις δώδεκα έως τις πέντε.\n", "el"),
    ],
)
def test_language_is_detected_from_the_repaired_text(text, lang):
    # the mojibake alone reads as Danish and Romanian: the filters after ``encoding`` need the real language
    result = clean(_read_as_cp1252(text))
    assert result.text.rstrip("\n").endswith(text.rstrip("\n").rsplit("\n", 1)[-1])
    assert result.language == lang
    assert clean(_read_as_cp1252(text), lang="da").language == "da"  # a language given is never second-guessed


def test_a_weak_line_is_repaired_like_the_rest_of_its_document():
    """``powstanÄ…`` alone (an A-umlaut and an ellipsis?) is too little for ftfy; two other
    lines of the document repaired by the same chain settle it. A clean line stays."""
    lines = ["Spółka podpisała umowę na budowę nowej linii kolejowej do lotniska.",
             "Pociągi pojadą z Dworca Centralnego w niecałe czterdzieści minut.",
             "Powstaną dwa nowe przystanki."]
    text = "\n\n".join(_read_as_cp1252(line) for line in lines) + "\n\nÄ… so it goes…\n"
    result = clean(text, lang="pl", pipeline=ONLY_ENCODING, input_format="text")
    assert result.text == "\n\n".join(lines) + "\n\nÄ… so it goes…\n"
    weak = [c for c in result.changes if c.before == "Ä…" and "as elsewhere" in c.reason]
    assert len(weak) == 1 and text[weak[0].start : weak[0].end] == "Ä…"
    # alone, the weak line is left as it is
    alone = _read_as_cp1252(lines[2]) + "\n"
    assert clean(alone, lang="pl", pipeline=ONLY_ENCODING, input_format="text").text == alone


def test_html_entity_junk_reports_the_entity_as_before():
    # a zero-width space written as a character reference: `before` is what the input
    # holds at start:end (the reference), not the decoded character
    html = "<p>وتستهدف الهيئة الوصول إلى 1000 محطة في الإمارة الجديدة&#8203; ومواقف المراكز التجارية.</p>\n"
    r = clean(html)
    assert r.text == "<p>وتستهدف الهيئة الوصول إلى 1000 محطة في الإمارة الجديدة ومواقف المراكز التجارية.</p>\n"
    (c,) = r.changes
    assert (c.filter, c.action, c.before, c.after) == ("encoding", "removed", "&#8203;", "")
    assert html[c.start : c.end] == c.before


def test_a_pages_soft_hyphens_are_its_hyphenation_hints():
    # &shy; in HTML breaks a long compound word where the author wants it: kept; in plain
    # text a soft hyphen is copy-paste debris, removed (a recorded change)
    page = ("<p>Die Donau&shy;dampf&shy;schiff&shy;fahrts&shy;gesellschaft fährt wieder.</p>"
            "<p>Ein&#8203;zweiter Absatz.</p>")
    result = clean(page)
    assert result.text == page.replace("&#8203;", "")
    assert [(c.action, c.before) for c in result.changes] == [("removed", "&#8203;")]
    text = "Die Donau\u00addampfschiff fährt wieder. Noch ein Satz hier.\n"
    assert clean(text).text == "Die Donaudampfschiff fährt wieder. Noch ein Satz hier.\n"


# --- Arabic-script UTF-8 read as Windows-1256 (ftfy has no cp1256 tables) -------------

def test_persian_read_as_windows_1256_is_repaired():
    mojibake = "قطارها هر پانزده دقیقه حرکت می‌کنند.".encode("utf-8").decode("cp1256")
    assert mojibake == "ظ‚ط·ط§ط±ظ‡ط§ ظ‡ط± ظ¾ط§ظ†ط²ط¯ظ‡ ط¯ظ‚غŒظ‚ظ‡ ط\xadط±ع©طھ ظ…غŒâ€Œع©ظ†ظ†ط¯."
    text = "مترو تهران\n" + mojibake + "\n"
    result = clean(text, lang="fa", pipeline=ONLY_ENCODING, input_format="text")
    assert result.text == "مترو تهران\nقطارها هر پانزده دقیقه حرکت می‌کنند.\n"
    (change,) = result.changes  # one repair; the soft hyphen inside ``ط\xad`` (ح) is not junk
    assert (change.before, change.after) == (mojibake[:-1], "قطارها هر پانزده دقیقه حرکت می‌کنند")
    assert text[change.start : change.end] == change.before
    assert change.reason == "encode windows-1256, decode utf-8"
    assert clean(result.text, lang="fa", pipeline=ONLY_ENCODING, input_format="text").changes == []


def test_urdu_heading_read_as_windows_1256_in_html_is_repaired():
    html = "<h2>" + "کرایہ میں کوئی تبدیلی نہیں".encode("utf-8").decode("cp1256") + "</h2>\n"
    result = clean(html, lang="ur", pipeline=ONLY_ENCODING, input_format="html")
    assert result.text == "<h2>کرایہ میں کوئی تبدیلی نہیں</h2>\n"


@pytest.mark.parametrize("text", [
    "آپ آگ آپ آڑ آں آپ",  # Urdu words made of cp1256 'pairs' only: they decode to C1 controls
    "ظٹ ظٹ ظٹ",
    "گزارش عکس‌ها و طرح‌ها در غژغاو",
    "موقع‌ها عک طپ ظگ",
])
def test_real_arabic_script_text_is_not_taken_for_windows_1256_mojibake(text):
    assert clean(text + "\n", lang="fa", pipeline=ONLY_ENCODING, input_format="text").changes == []


def test_a_closing_quote_that_lost_its_0x9d_byte_is_restored_not_read_as_a_dagger():
    # ” is E2 80 9D; Windows-1252 has no 0x9D, so a WordPress export kept only â€ (QA round):
    # ftfy alone read "â€ said" as "†said"
    html = "<p>â€œLast year we lost three weekends to flooding,â€ said Anna Wu.</p>\n"
    result = clean(html, input_format="html")
    assert result.text == "<p>“Last year we lost three weekends to flooding,” said Anna Wu.</p>\n"
    assert [(c.before, c.after) for c in result.changes] == [("â€œ", "“"), ("â€", "”")]
    for c in result.changes:
        assert html[c.start : c.end] == c.before
    assert clean("He said â€œnoâ€.\n").text == "He said “no”.\n"
    # no quotation open before it: not a closing quote, ftfy decides as before
    assert "”" not in clean("Footnote â€ marks the dead.\n").text


# A paragraph that mixes correct text with UTF-8 read as a legacy code page (QA round): ftfy
# repairs the long words and leaves short ones; the same code page's pairs in the rest of the
# node are decoded too, and only there.
MIXED_MOJIBAKE = [
    ("Сбербанк обновил приложение. РџРѕ СЃР»РѕРІР°Рј Р±Р°РЅРєР°, С‡РёСЃР»Рѕ РїРѕР»СЊР·РѕРІР°С‚РµР»РµР№ РІС‹СЂРѕСЃР»Рѕ "
     "РІ РґРІР° СЂР°Р·Р° РґРѕ РєРѕРЅС†Р° РіРѕРґР°. Конкуренты не отстают.",
     "Сбербанк обновил приложение. По словам банка, число пользователей выросло в два раза до конца года. "
     "Конкуренты не отстают.", "ru"),
    ("Vláda schválila rozpočet. PĹ™Ă\xadjmy z danÄ› z pĹ™idanĂ© hodnoty by mÄ›ly vzrĹŻst o Ĺˇest procent. "
     "Opozice nesouhlasí.",
     "Vláda schválila rozpočet. Příjmy z daně z přidané hodnoty by měly vzrůst o šest procent. Opozice nesouhlasí.",
     "cs"),
    ("Klarna ökar omsättningen. FÃ¶retaget rÃ¤knar med att nÃ¥ lÃ¶nsamhet under nÃ¤sta Ã¥r, sÃ¤ger vd:n.",
     "Klarna ökar omsättningen. Företaget räknar med att nå lönsamhet under nästa år, säger vd:n.", "sv"),
    ("Cea mai mare parte a fondurilor va merge cÄƒtre renovarea È™colilor È™i spitalelor.",
     "Cea mai mare parte a fondurilor va merge către renovarea școlilor și spitalelor.", "ro"),
    # the soft hyphen is the second byte of í (C3 AD, ``Ă\xad`` in cp1250): decoded, not deleted as junk
    ("A Közgyűlés döntött. A szakasz vĂˇrhatĂłan 2027 Ĺ‘szĂ©n kĂ©szĂĽl el, Ă©s hatezer utast szĂˇllĂ\xadt ĂłrĂˇnkĂ©nt.",
     "A Közgyűlés döntött. A szakasz várhatóan 2027 őszén készül el, és hatezer utast szállít óránként.", "hu"),
    ("Аналитики спорят о будущем рынка. Р\xadРєСЃРїРµСЂС‚С‹ Р¶РґСѓС‚ СЂРѕСЃС‚Р°. Спрос растёт.",
     "Аналитики спорят о будущем рынка. Эксперты ждут роста. Спрос растёт.", "ru"),
]


@pytest.mark.parametrize("broken, fixed, lang", MIXED_MOJIBAKE)
def test_words_ftfy_left_in_a_paragraph_it_repaired_are_decoded_too(broken, fixed, lang):
    text = broken + "\n"
    result = clean(text, lang=lang, pipeline=ONLY_ENCODING, input_format="text")
    assert result.text == fixed + "\n"
    assert result.changes and all((c.filter, c.action) == ("encoding", "repaired") for c in result.changes)
    for c in result.changes:
        assert text[c.start : c.end] == c.before
    again = clean(result.text, lang=lang, pipeline=ONLY_ENCODING, input_format="text")
    assert again.changes == [] and again.text == result.text


@pytest.mark.parametrize("text, lang", [
    ("Сбербанк обновил приложение. По словам банка, число пользователей выросло в два раза до конца года.", "ru"),
    ("Рік тому РІШЕННЯ ухвалили В ТРЬОХ областях; ТРЁХ ОРЁЛ ВПЕРЁД.", "uk"),
    ("Vláda schválila rozpočet. Příjmy z daně z přidané hodnoty by měly vzrůst o šest procent.", "cs"),
    ("Az új szakasz várhatóan 2027 őszén készül el, és hatezer utast szállít óránként.", "hu"),
    ("Företaget räknar med att nå lönsamhet under nästa år, säger vd:n. ÅR, ÄR, ÖVER.", "sv"),
    ("Fondurile vor merge către renovarea școlilor și spitalelor. Ăştia sunt banii.", "ro"),
    ("OPÄŤ a PÄŤ rokov: DĹŽKA trate je DEVÄŤ kilometrov.", "sk"),
])
def test_clean_text_is_not_taken_for_leftover_mojibake(text, lang):
    assert clean(text + "\n", lang=lang, pipeline=ONLY_ENCODING, input_format="text").changes == []


def test_words_that_read_as_text_stay_in_a_paragraph_with_mojibake():
    # ftfy repairs ``СЃР»РѕРІР°Рј`` here; ``Рік`` (Ukrainian ``year``) is made of a pair and a letter, and
    # Slovak ``PÄŤ`` is letters of one case: words on their own, not the code page's pairs
    text = "Рік тому РџРѕ СЃР»РѕРІР°Рј Р±Р°РЅРєР° РІ РґРІР° рази.\n"
    result = clean(text, lang="uk", pipeline=ONLY_ENCODING, input_format="text")
    assert result.text == "Рік тому По словам банка в два рази.\n"
    text = "PÄŤ rokov: PĹ™Ă\xadjmy z danÄ› porastú.\n"
    result = clean(text, lang="sk", pipeline=ONLY_ENCODING, input_format="text")
    assert result.text == "PÄŤ rokov: Příjmy z daně porastú.\n"
