"""Unicode script census and script runs (``regex`` script properties).

A *host* script is the script a stretch of text is written in; a run in another
script is a candidate leak. CJK characters carry more meaning per character than
alphabetic letters, so the census weighs them (:data:`CJK_WEIGHT`) before it
compares scripts: ``苹果发布了 iPhone 16`` is Chinese text with an English name.

>>> script_of("澄"), script_of("A"), script_of("А"), script_of("の"), script_of("한")
('Han', 'Latin', 'Cyrillic', 'Kana', 'Hangul')
>>> [(r.script, r.text) for r in script_runs("The澄清 of")]
[('Latin', 'The'), ('Han', '澄清'), ('Latin', 'of')]
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from operator import itemgetter

from cleanup.lazy_pattern import LazyPattern


CJK_WEIGHT = 3
# scripts we reason about; everything else is "Other" (a letter) or None (not a letter)
_SCRIPT_RE = LazyPattern(
    r"(?P<Latin>\p{Script=Latin})|(?P<Han>[\p{Script=Han}々〆〇])|(?P<Kana>[\p{Script=Hiragana}\p{Script=Katakana}ー])"
    r"|(?P<Hangul>\p{Script=Hangul})|(?P<Cyrillic>\p{Script=Cyrillic})|(?P<Greek>\p{Script=Greek})"
    r"|(?P<Arabic>\p{Script=Arabic})|(?P<Hebrew>\p{Script=Hebrew})|(?P<Thai>\p{Script=Thai})"
    r"|(?P<Devanagari>\p{Script=Devanagari})|(?P<Other>\p{L})"
)
CJK_SCRIPTS = frozenset({"Han", "Kana", "Hangul"})
SCRIPT_LANG = {
    "Han": "zh",
    "Kana": "ja",
    "Hangul": "ko",
    "Cyrillic": "ru",
    "Greek": "el",
    "Arabic": "ar",
    "Hebrew": "he",
    "Thai": "th",
    "Devanagari": "hi",
    "Latin": "en",
}
LANG_SCRIPT = {
    "zh": "Han", "ja": "Han", "ko": "Hangul", "ru": "Cyrillic", "uk": "Cyrillic", "bg": "Cyrillic",
    "sr": "Cyrillic", "mk": "Cyrillic", "be": "Cyrillic", "kk": "Cyrillic", "el": "Greek", "ar": "Arabic",
    "fa": "Arabic", "ur": "Arabic", "he": "Hebrew", "yi": "Hebrew", "th": "Thai", "hi": "Devanagari",
    "mr": "Devanagari", "ne": "Devanagari",
}


def script_of(ch: str) -> str | None:
    """The script family of one character (Kana for Hiragana and Katakana), None for non-letters."""
    m = _SCRIPT_RE.match(ch)
    return m.lastgroup if m else None


_FAMILY = {"Han": "CJK", "Kana": "CJK"}  # the scripts of one family (see family())


def family(script: str | None) -> str | None:
    """Han and Kana write one language family: Japanese text mixes them."""
    return _FAMILY.get(script, script)


_RUN_RE = LazyPattern(
    r"(?P<Latin>\p{Script=Latin}+)|(?P<Han>[\p{Script=Han}々〆〇]+)|(?P<Kana>[\p{Script=Hiragana}\p{Script=Katakana}ー]+)"
    r"|(?P<Hangul>\p{Script=Hangul}+)|(?P<Cyrillic>\p{Script=Cyrillic}+)|(?P<Greek>\p{Script=Greek}+)"
    r"|(?P<Arabic>\p{Script=Arabic}+)|(?P<Hebrew>\p{Script=Hebrew}+)|(?P<Thai>\p{Script=Thai}+)"
    r"|(?P<Devanagari>\p{Script=Devanagari}+)|(?P<Other>(?:(?!\p{Script=Latin})\p{L})+)"
)
_ASCII_LETTERS = LazyPattern(r"[A-Za-z]+")
_ASCII_NON_LETTERS = bytes(b for b in range(128) if not chr(b).isalpha())
_WEIGHT = {"CJK": CJK_WEIGHT, "Hangul": CJK_WEIGHT}


def census(text: str) -> Counter:
    """Weighted letter count per script family (CJK characters weigh :data:`CJK_WEIGHT`)."""
    return Counter(_tally(text))


def _tally(text: str) -> dict[str, int]:
    """:func:`census` as a plain dict, in the order the families first occur (counted faster)."""
    if text.isascii():  # the common case, counted without a per-run script lookup
        n = sum(map(len, _ASCII_LETTERS.findall(text)))
        return {"Latin": n} if n else {}
    tally: dict[str, int] = {}
    for m in _RUN_RE.finditer(text):
        s = _FAMILY.get(m.lastgroup, m.lastgroup)
        a, b = m.span()
        tally[s] = tally.get(s, 0) + (b - a) * _WEIGHT.get(s, 1)
    return tally


def has_letters(text: str, n: int) -> bool:
    """At least ``n`` weighted letters (as :func:`census` counts them), found without
    counting a long text to its end."""
    seen = 0
    for m in _RUN_RE.finditer(text):
        a, b = m.span()
        seen += (b - a) * _WEIGHT.get(_FAMILY.get(m.lastgroup, m.lastgroup), 1)
        if seen >= n:
            return True
    return False


def host_script(text: str, default: str | None) -> str | None:
    """The script family ``text`` is written in: ``default`` unless another dominates clearly."""
    if default == "Latin":  # without the census when the ASCII letters alone outweigh the rest twice
        ascii_only = text.encode("ascii", "ignore")
        latin = len(ascii_only.translate(None, _ASCII_NON_LETTERS))  # at most the census's Latin count
        other = CJK_WEIGHT * (len(text) - len(ascii_only))  # at least the weight of every other script
        if latin and other <= 2 * latin:
            return default
    counts = _tally(text)
    if not counts:
        return default
    best, n = max(counts.items(), key=itemgetter(1))  # the first of the largest, as Counter.most_common(1)
    if default is None or default not in counts:
        return best if n >= 6 or default is None else default
    return best if best != default and n > 2 * counts[default] else default


@dataclass(frozen=True, slots=True)
class Run:
    script: str
    start: int
    end: int
    text: str


def script_runs(text: str, *, join_kana: bool = True) -> list[Run]:
    """Maximal runs of letters of one script; with ``join_kana`` a Kana run absorbs the Han
    it touches (Japanese words mix them: 取り扱い)."""
    runs: list[Run] = []
    cur: str | None = None
    start = 0
    for k, ch in enumerate(text):
        s = script_of(ch)
        if ch == "ー" or ch in "々":
            s = cur if cur in ("Han", "Kana") else s
        if s != cur:
            if cur is not None:
                runs.append(Run(cur, start, k, text[start:k]))
            cur, start = s, k
    if cur is not None:
        runs.append(Run(cur, start, len(text), text[start:]))
    if not join_kana:
        return runs
    merged: list[Run] = []
    for r in runs:
        if merged and merged[-1].end == r.start and {merged[-1].script, r.script} == {"Han", "Kana"}:
            p = merged.pop()
            r = Run("Kana", p.start, r.end, text[p.start : r.end])
        merged.append(r)
    return merged
