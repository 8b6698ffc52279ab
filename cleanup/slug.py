"""Slugs: the URL path words a site derives from a title, and matching a cut one.

Sites build slugs differently (apostrophes dropped or turned into a separator,
accents kept, stripped or transliterated, ``-`` or ``_`` between words, case kept
or lowered; letters without a decomposition such as ``ł ø ß ı þ`` and Greek or
Cyrillic words transliterated to ASCII, as slug libraries do), so :func:`slug_variants` gives every common form and
:func:`match_tail` compares case-insensitively. Percent-encoded slugs (CJK, Cyrillic)
are compared decoded and rebuilt encoded.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote, unquote

from anyascii import anyascii

from cleanup.lazy_pattern import LazyPattern

_WORD = LazyPattern(r"[\p{L}\p{N}\p{M}]++(?:['’][\p{L}\p{N}\p{M}]++)*+")
_APOS = LazyPattern(r"['’]")
# German and Nordic digraphs (a site writes either these or the plain letter)
_DIGRAPHS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss",
                           "å": "aa", "Å": "Aa", "ø": "oe", "Ø": "Oe", "æ": "ae", "Æ": "Ae"})
_NOT_ASCII_WORD = LazyPattern(r"[^-A-Za-z0-9_]++")
_SLUG = LazyPattern(r"[\p{L}\p{N}\p{M}]{1,80}(?:[-_][\p{L}\p{N}\p{M}]{1,80}){1,40}")
SLUG_EXTENSIONS = (".html", ".htm", ".shtml", ".php", ".aspx", ".asp", ".jsp")
MAX_WORDS = 40


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _ascii(text: str) -> str:
    """ASCII transliteration (anyascii: ``ł`` → ``l``, ``ı`` → ``i``, ``þ`` → ``th``,
    ``Αθήνα`` → ``Athina``, ``Москва`` → ``Moskva``); NFKD alone leaves these letters
    as they are. Its apostrophes (``ъ`` → ``'``) are not slug characters; separators stay."""
    return _NOT_ASCII_WORD.sub("", anyascii(text))


def words(text: str) -> list[tuple[int, int]]:
    """(start, end) of each slug word of ``text`` (NFC text, offsets into it)."""
    return [(m.start(), m.end()) for m in _WORD.finditer(text)][: MAX_WORDS * 4]


def slug_variants(text: str, sep: str = "-") -> list[str]:
    """Every common slug form of ``text``, most literal first (case kept; compare
    lower-cased): apostrophes dropped or separated; accents kept, stripped, German or
    Nordic digraphs, or all of it transliterated to ASCII (one choice for the whole slug)."""
    text = unicodedata.normalize("NFKC", text)
    return _joined([text[s:e] for s, e in words(text)], sep)


# National romanizations that slugs of Cyrillic titles follow and anyascii (Russian-like:
# ``для`` → ``dlya``, ``Київ`` → ``Kiiv``) does not: Ukrainian (KMU 2010: ``для`` → ``dlia``,
# ``трамваї`` → ``tramvai``, ``Харків`` → ``Kharkiv``, an iotated vowel or ``й`` opening a word as
# ``ye``/``yi``/``y``/``yu``/``ya``), Bulgarian (``щ`` → ``sht``, ``ъ`` → ``a``) and Serbian (Latin
# alphabet, diacritics dropped: ``ц`` → ``c``, ``ђ`` → ``dj``). Soft sign and apostrophe vanish.
_UK = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh", "з": "z",
    "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ь": "", "ю": "iu", "я": "ia", "'": "", "’": "", "ʼ": "",
})
_UK_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_BG = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z", "и": "i", "й": "y",
    "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sht", "ъ": "a", "ь": "y", "ю": "yu", "я": "ya",
})
_SR = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ђ": "dj", "е": "e", "ж": "z", "з": "z", "и": "i",
    "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n", "њ": "nj", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "ћ": "c", "у": "u", "ф": "f", "х": "h", "ц": "c", "ч": "c", "џ": "dz", "ш": "s",
})
_CYRILLIC = LazyPattern(r"\p{Cyrillic}")


def _national(table: dict, initial: dict | None = None):
    def form(word: str) -> str:
        if not _CYRILLIC.search(word):
            return _ascii(word)
        low = word.lower()
        head = initial.get(low[:1], "") if initial else ""
        out = head + low[1 if head else 0 :].translate(table)
        if word[:1].isupper() and out:
            out = out[:1].upper() + out[1:]
        return _ascii(out)
    return form


_FORMS = (lambda w: w, _strip_accents, lambda w: _strip_accents(w.translate(_DIGRAPHS)), _ascii,
          lambda w: _ascii(w.translate(_DIGRAPHS)), _national(_UK, _UK_INITIAL), _national(_BG), _national(_SR))


@lru_cache(maxsize=16384)
def _word_forms(word: str, sep: str) -> tuple[str, ...]:
    """One word in every form, apostrophe dropped then separated (words recur: cached)."""
    return tuple(form(_APOS.sub(apos, word)) for apos in ("", sep) for form in _FORMS)


@lru_cache(maxsize=16384)
def _low_forms(word: str, sep: str) -> tuple[str, ...]:
    """:func:`_word_forms` lower-cased."""
    return tuple(f.lower() for f in _word_forms(word, sep))


@lru_cache(maxsize=16384)
def _ending_forms(word: str, sep: str) -> str:
    """The lower-cased forms, each followed by a newline: a form ends with ``x`` (no
    newline in it) if and only if ``x + "\n"`` is in this string."""
    return "".join(f + "\n" for f in _low_forms(word, sep))


def _joined(parts: list[str], sep: str) -> list[str]:
    """The slugs of a run of words: each form chosen for the whole run, duplicates dropped."""
    if not parts:
        return []
    forms = [_word_forms(p, sep) for p in parts]
    out: list[str] = []
    for k in range(2 * len(_FORMS)):
        variant = sep.join(f[k] for f in forms)
        if variant not in out:
            out.append(variant)
    return out


def split_extension(tail: str) -> tuple[str, str]:
    """``("slug", ".html")`` from ``"slug.html"``; a trailing ``/`` counts as an extension."""
    lower = tail.lower()
    for ext in SLUG_EXTENSIONS + ("/",):
        if lower.endswith(ext) and len(tail) > len(ext):
            return tail[: -len(ext)], tail[-len(ext) :]
    return tail, ""


def is_slug(text: str) -> bool:
    """A word run joined by ``-`` or ``_`` (percent-encoded words allowed)."""
    core, _ = split_extension(text)
    decoded = unquote(core)
    return bool(_SLUG.fullmatch(decoded))


@dataclass(frozen=True)
class SlugMatch:
    text_end: int  # the anchor text is text[:text_end]
    slug: str  # the whole slug, as it belongs in the URL (tail kept as given)
    coverage: float  # share of the slug the tail itself held
    whole: bool  # the tail was the whole slug


def match_tail(tail: str, text: str) -> SlugMatch | None:
    """Does ``tail`` (the end of a cut URL, no ``/``) end the slug of a prefix of ``text``?

    The shortest prefix of ``text`` ending at a word end whose slug ends with the
    tail wins. The missing head is lower-cased; the tail keeps its own case and
    encoding. A tail of one word must be the whole slug."""
    core, ext = split_extension(tail)
    decoded = unquote(core)
    encoded = decoded != core
    if len(decoded) < 3:
        return None
    sep = "_" if "_" in decoded and "-" not in decoded else "-"
    want = decoded.lower()
    one_word = sep not in decoded
    text = text[:600]
    spans = words(text)
    # a prefix's slug can only end with the tail if its last word's slug ends with the
    # tail's last word: test that word alone first, and build prefixes from cached words
    # (exact when NFKC changes nothing)
    last = want.rsplit(sep, 1)[-1] + "\n"  # (a tail holds no newline)
    by_word = unicodedata.is_normalized("NFKC", text)
    for k in range(min(len(spans), MAX_WORDS)):
        start, end = spans[k]
        if by_word and last not in _ending_forms(text[start:end], sep):
            continue
        if by_word:
            # each form lower-cased, then joined: the same as joining, then lowering (a
            # separator is neither cased nor case-ignorable, so a final sigma stays final)
            forms = [_low_forms(text[a:b], sep) for a, b in spans[: k + 1]]
            lows = (sep.join(f[i] for f in forms) for i in range(2 * len(_FORMS)))
        else:
            lows = (v.lower() for v in slug_variants(text[:end], sep))
        for low in lows:
            if not low.endswith(want):
                continue
            head = low[: len(low) - len(want)]
            if one_word and head:
                continue
            if head and encoded:
                head = quote(head, safe="-_.~")
            return SlugMatch(end, head + core + ext, len(want) / max(len(low), 1), not head)
    return None
