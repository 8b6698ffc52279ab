"""Document language: the given ``--lang``, else a script census, else langdetect.

langdetect is slow to load and unreliable on short strings, so it runs once per
document, seeded (deterministic), on a bounded sample, and only when the script
census cannot answer (CJK and Korean are decided by script alone)."""

from __future__ import annotations

from functools import lru_cache

import regex

SAMPLE_CHARS = 4000
_LETTER = regex.compile(r"\p{L}")
_SCRIPTS = {
    "han": regex.compile(r"\p{Script=Han}"),
    "kana": regex.compile(r"[\p{Script=Hiragana}\p{Script=Katakana}]"),
    "hangul": regex.compile(r"\p{Script=Hangul}"),
}


@lru_cache(maxsize=1)
def _langdetect_factory():
    from langdetect import DetectorFactory, detector_factory

    DetectorFactory.seed = 0
    detector_factory.init_factory()
    return detector_factory._factory


def detect_with_langdetect(text: str) -> tuple[str, float] | None:
    """Best language and probability for ``text`` (seeded, deterministic)."""
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


def detect_language(text: str) -> str | None:
    """BCP-47 primary language of ``text``, or None when there are no letters."""
    sample = text[:SAMPLE_CHARS]
    letters = len(_LETTER.findall(sample))
    if not letters:
        return None
    han = len(_SCRIPTS["han"].findall(sample))
    kana = len(_SCRIPTS["kana"].findall(sample))
    hangul = len(_SCRIPTS["hangul"].findall(sample))
    cjk = han + kana + hangul
    if cjk / letters > 0.3:
        if hangul > han + kana:
            return "ko"
        if kana > 0.1 * (han + kana):
            return "ja"
        return "zh"
    found = detect_with_langdetect(sample)
    if found is None:
        return None
    lang = found[0]
    return {"zh-cn": "zh", "zh-tw": "zh"}.get(lang, lang)
