"""Document language: the given ``--lang``, else a script census, else langdetect.

langdetect is slow to load and unreliable on short strings, so it runs once per
document, seeded (deterministic), on a bounded sample, and only when the script
census cannot answer (CJK and Korean are decided by script alone)."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

import regex

from cleanup.lazy_pattern import LazyPattern

SAMPLE_CHARS = 4000
_NOT_LETTERS = LazyPattern(r"\P{L}+")
_NOT_CJK = LazyPattern(r"[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+")
_WORD = LazyPattern(r"\p{L}+")
_LETTER = LazyPattern(r"\p{L}")
# the commonest function words: enough to name a Latin-script language with certainty
# when they dominate, so langdetect (slow) only runs when they do not
STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the and is are was were of to with that this for have has it not be by from will would which they their".split()),
    "de": frozenset("der die das und ist nicht mit den dem ein eine sich auf für auch wird werden sind von zu im noch".split()),
    "fr": frozenset("le la les et est une des du dans pour pas que qui sur nous vous avec sont ce cette au aux".split()),
    "es": frozenset("el los las y es una del por para con que se su sus como más pero está son".split()),
    "it": frozenset("il gli della che è una per non sono con del di nel alla".split()),
    "pt": frozenset("o os as uma do da dos das não que para com é em por mais".split()),
    "nl": frozenset("het een van niet dat met zijn voor ook wordt worden bij naar".split()),
}
MIN_WORDS = 40  # fewer words: leave it to langdetect
MIN_SHARE = 0.10  # of all words, the winner's stop words
MIN_MARGIN = 5.0  # winner's stop-word hits over the runner-up's
_SINGLE_LANGUAGE_SCRIPTS = (
    ("ar", "Arabic"), ("he", "Hebrew"), ("el", "Greek"), ("th", "Thai"), ("ka", "Georgian"), ("hy", "Armenian"),
    ("bn", "Bengali"), ("gu", "Gujarati"), ("pa", "Gurmukhi"), ("ta", "Tamil"), ("te", "Telugu"),
    ("kn", "Kannada"), ("ml", "Malayalam"),
    # scripts langdetect has no profile for, each written by one language in practice
    ("si", "Sinhala"), ("km", "Khmer"), ("my", "Myanmar"), ("lo", "Lao"), ("am", "Ethiopic"), ("dv", "Thaana"),
    ("or", "Oriya"))
_SCRIPT_LETTERS = LazyPattern("|".join(rf"(?P<{lang}>\p{{Script={script}}}+)" for lang, script in _SINGLE_LANGUAGE_SCRIPTS))
_SINGLE_SCRIPT_LETTER = LazyPattern("[" + "".join(rf"\p{{Script={script}}}" for _, script in _SINGLE_LANGUAGE_SCRIPTS) + "]")
# cheap gates (the standard library's engine, plain ranges): the blocks every CJK character
# is in, and anything beyond Latin letters and punctuation
_CJK_BLOCKS = re.compile("[\u1100-\u11ff\u2e80-\ua4cf\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\ufe30-\ufe4f"
                         "\uff00-\uffef\U00016fe0-\U00016fff\U0001aff0-\U0001b2ff\U0001f200-\U0001f2ff\U00020000-\U0003ffff]")
# the blocks every letter of the single-language scripts is in (scanned ~50x faster than
# regex's Script properties)
_SINGLE_SCRIPT_BLOCKS = re.compile(
    "[\u0370-\u03ff\u0531-\u06ff\u0750-\u07b1\u0870-\u08ff\u0980-\u0edf\u1000-\u10ff\u1200-\u1399"
    "\u1780-\u17f9\u19e0-\u19ff\u1c90-\u1cbf\u1d26-\u1d6a\u1dbf\u1f00-\u1ffe\u2126\u2d00-\u2d2d"
    "\u2d80-\u2dde\ua9e0-\ua9fe\uaa60-\uaa7f\uab01-\uab65\ufb13-\ufdff\ufe70-\ufefc"  # not U+FE0F (emoji)
    "\U00010140-\U000101a0\U00010e60-\U00010e7e\U00010ec2-\U00010eff\U000111e1-\U000111f4"
    "\U000116d0-\U000116e3\U00011df0-\U00011df1\U00011fc0-\U00011fff\U0001d200-\U0001d245"
    "\U0001dff3-\U0001dff4\U0001e7e0-\U0001e7fe\U0001ee00-\U0001eef1]")
_NOT_ARABIC = LazyPattern(r"[\u0671-\u06d3\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff]")  # پ چ ژ گ ک ی ے ٹ …
_YIDDISH = LazyPattern(r"[\u05f0-\u05f2]")  # װ ױ ײ
_SCRIPTS = {
    "han": regex.compile(r"\p{Script=Han}"),
    "kana": regex.compile(r"[\p{Script=Hiragana}\p{Script=Katakana}]"),
    "hangul": regex.compile(r"\p{Script=Hangul}"),
}


def primary_language(tag: str | None) -> str | None:
    """The primary subtag of a BCP-47 tag, lower-cased: ``zh-Hant-TW`` → ``zh``."""
    return tag.split("-")[0].lower() if tag else None


@lru_cache(maxsize=1)
def _langdetect_factory():
    from cleanup.language.langdetect_profiles import cached_factory  # its profiles load in 0.2 s

    return cached_factory()


@lru_cache(maxsize=4096)
def detect_with_langdetect(text: str) -> tuple[str, float] | None:
    """Best language and probability for ``text`` (seeded, so the same text always gets
    the same answer: cached, as sentences repeat across a corpus)."""
    from langdetect.lang_detect_exception import LangDetectException

    factory = _langdetect_factory()
    try:
        detector = factory.create()
        detector.append(text)
        langs = detector.get_probabilities()
    except LangDetectException:
        return None
    if not langs:
        return None
    best = langs[0]
    return best.lang, best.prob


def _detect_by_stopwords(sample: str) -> str | None:
    words = _WORD.findall(sample.lower())
    if len(words) < MIN_WORDS:
        return None
    counts = Counter(words)
    hits = sorted(((sum(counts[w] for w in sw if w in counts), lang) for lang, sw in STOPWORDS.items()), reverse=True)
    best, lang = hits[0]
    # the runner-up's evidence is what it does not share with the winner: Spanish and
    # Portuguese both write "que", "para", "por"
    own = STOPWORDS[lang]
    second = max(sum(counts[w] for w in sw if w in counts and w not in own) for other, sw in STOPWORDS.items()
                 if other != lang)
    if best >= MIN_SHARE * len(words) and best >= MIN_MARGIN * max(second, 1):
        return lang
    return None


def _detect_by_script(sample: str) -> str | None:
    """The language of a script only one language langdetect knows writes (Greek, Thai,
    Georgian, …), when most letters are in it; Arabic only in the letters Arabic itself
    uses (Persian, Urdu, Pashto and Kurdish add their own), Hebrew without Yiddish's."""
    if not _SINGLE_SCRIPT_BLOCKS.search(sample) or not _SINGLE_SCRIPT_LETTER.search(sample):  # accents, curly quotes
        return None
    counts: Counter = Counter()
    for m in _SCRIPT_LETTERS.finditer(sample):
        counts[m.lastgroup] += m.end() - m.start()
    if not counts:
        return None
    lang, n = counts.most_common(1)[0]
    if 2 * n <= len(_NOT_LETTERS.sub("", sample)):
        return None
    if (lang == "ar" and _NOT_ARABIC.search(sample)) or (lang == "he" and _YIDDISH.search(sample)):
        return None
    return lang


# Cyrillic languages langdetect has no profile for (it calls them Russian, Bulgarian or
# Macedonian), told by letters of their own when those are frequent, as in running text
# and not in one quoted name: Kazakh ә ғ қ ң ұ ү һ і, Kyrgyz ң ө ү, Mongolian ө ү,
# Serbian ђ ћ (Macedonian writes ѓ ќ instead)
_CYRILLIC = LazyPattern(r"\p{Script=Cyrillic}")
_KAZAKH_OWN = LazyPattern(r"[ұҰқҚғҒәӘ]")
_TURKIC_MONGOLIAN = LazyPattern(r"[өӨүҮ]")
_KYRGYZ_NOT_MONGOLIAN = LazyPattern(r"[ңҢ]")
_OTHER_CYRILLIC = LazyPattern(r"[ҡҠҙҘҫҪҗҖўЎҳҲӣӢӯӮ]")  # Bashkir, Tatar, Uzbek, Tajik
_SERBIAN_OWN = LazyPattern(r"[ђЂћЋ]")
_MACEDONIAN_OWN = LazyPattern(r"[ѓЃќЌѕЅ]")
# Latin-script languages langdetect has no profile for: Icelandic writes ð and þ
# (Faroese ð with ø), Basque is told by its function words
_ICELANDIC_OWN = LazyPattern(r"[ðÐþÞ]")
_BASQUE_WORDS = frozenset("eta ere izan zen zuen zituen dira ziren baina hori hau dute duen dela egin edo ez bat baino oso".split())
# Malay, which langdetect has no profile for and calls Indonesian, spells these words its own way
_MALAY_WORDS = frozenset("bahawa kerana sahaja kerajaan percuma selepas akhbar kenderaan syarikat pejabat peratus "
                         "baharu sesetengah dijangka hartanah".split())
_INDONESIAN_WORDS = frozenset("bahwa karena saja pemerintah gratis setelah koran kendaraan perusahaan kantor persen "
                              "baru diperkirakan".split())
_MIN_OWN_SHARE = 0.01  # of the script's letters: a language's own letters in running text
_MIN_MACEDONIAN_TEXT = 300  # Cyrillic letters: enough running text for ѓ, ќ or ѕ to show


def _refine(lang: str, sample: str) -> str:
    """Correct langdetect for languages it has no profile for and confuses with one it has."""
    if lang in ("ru", "bg", "mk", "uk"):
        cyr = len(_CYRILLIC.findall(sample)) or 1
        kazakh = len(_KAZAKH_OWN.findall(sample))
        turkic = len(_TURKIC_MONGOLIAN.findall(sample))
        if kazakh >= _MIN_OWN_SHARE * cyr and kazakh >= 3:
            return "kk"
        if turkic >= _MIN_OWN_SHARE * cyr and turkic >= 3 and not _OTHER_CYRILLIC.search(sample):
            return "ky" if len(_KYRGYZ_NOT_MONGOLIAN.findall(sample)) >= 3 else "mn"
        if lang in ("mk", "bg") and len(_SERBIAN_OWN.findall(sample)) >= 2 and not _MACEDONIAN_OWN.search(sample):
            return "sr"
        if lang == "mk" and cyr >= _MIN_MACEDONIAN_TEXT and not _MACEDONIAN_OWN.search(sample):
            return "sr"  # running Macedonian writes ќе (will) and меѓу: without ѓ ќ ѕ it is Serbian
        return lang
    words = _WORD.findall(sample.lower())
    latin = sum(len(w) for w in words) or 1
    own = len(_ICELANDIC_OWN.findall(sample))
    if own >= _MIN_OWN_SHARE * latin and own >= 3:
        return "fo" if ("ø" in sample or "Ø" in sample) and "þ" not in sample.lower() else "is"
    if len(words) >= 15 and sum(w in _BASQUE_WORDS for w in words) >= 0.08 * len(words):
        return "eu"
    if lang == "id":
        malay = sum(w in _MALAY_WORDS for w in words)
        if malay >= 3 and malay > 2 * sum(w in _INDONESIAN_WORDS for w in words):
            return "ms"
    return lang


def detect_language(text: str) -> str | None:
    """BCP-47 primary language of ``text``, or None when there are no letters."""
    sample = text[:SAMPLE_CHARS]
    if sample.isascii():  # the common case: no CJK to count
        if not any(ch.isalpha() for ch in sample):
            return None
        han = kana = hangul = letters = 0
    else:
        # usually short: count scripts in it alone (and none without a character of the CJK blocks)
        cjk_only = _NOT_CJK.sub("", sample) if _CJK_BLOCKS.search(sample) else ""
        if not cjk_only:  # accents and curly quotes, no CJK: only whether there are letters matters
            if not _LETTER.search(sample):
                return None
            han = kana = hangul = letters = 0
        else:
            letters = len(_NOT_LETTERS.sub("", sample))
            han = len(_SCRIPTS["han"].findall(cjk_only))
            kana = len(_SCRIPTS["kana"].findall(cjk_only))
            hangul = len(_SCRIPTS["hangul"].findall(cjk_only))
    cjk = han + kana + hangul
    if cjk and cjk / letters > 0.3:
        if hangul > han + kana:
            return "ko"
        if kana > 0.1 * (han + kana):
            return "ja"
        from cleanup.chinese_convert import is_japanese_kanji

        return "ja" if is_japanese_kanji(cjk_only, han) else "zh"
    by_script = None if sample.isascii() else _detect_by_script(sample)
    if by_script:
        return by_script
    by_stopwords = _detect_by_stopwords(sample)
    if by_stopwords:
        return by_stopwords
    found = detect_with_langdetect(sample)
    if found is None:
        return None
    lang = found[0]
    return _refine({"zh-cn": "zh", "zh-tw": "zh"}.get(lang, lang), sample)
