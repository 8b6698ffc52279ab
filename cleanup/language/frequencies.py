"""wordfreq's word frequencies in a sqlite file, built once and reopened in milliseconds.

Importing wordfreq (langcodes, its tokenizer) and unpacking one of its lists costs
0.1-0.3 s at every start and ~100 MB for the three lists we use, more than cleaning a
short article: a shell pipe that cleans one article per process paid it each time.
The lists (English, Japanese, Chinese) are copied once into a cache keyed by the
wordfreq version (:mod:`cleanup.language.sqlite_cache`); wordfreq itself is imported
only to build it, and for an English look-up it would tokenize (not a plain word).
"""

from __future__ import annotations

import math
import re
import sqlite3
import threading
from functools import lru_cache

FORMAT_VERSION = 1
LANGS = ("en", "ja", "zh")
_PLAIN = re.compile(r"[A-Za-z]+")  # wordfreq's English token for these is the word lower-cased

_CON: sqlite3.Connection | None = None
_LOCK = threading.Lock()


def _build(con: sqlite3.Connection) -> None:
    from wordfreq import get_frequency_dict, zipf_frequency

    con.execute("CREATE TABLE freq(lang TEXT, word TEXT, freq REAL, zipf REAL, PRIMARY KEY (lang, word)) WITHOUT ROWID")
    for lang in LANGS:
        con.executemany(
            "INSERT INTO freq VALUES (?,?,?,?)",
            ((lang, w, f, zipf_frequency(w, "en") if lang == "en" else None) for w, f in get_frequency_dict(lang).items()),
        )
    con.commit()


def _connection() -> sqlite3.Connection:
    global _CON
    with _LOCK:
        if _CON is None:
            from cleanup.language.sqlite_cache import open_cached, version_key

            _CON = open_cached("wordfreq", version_key("wordfreq", FORMAT_VERSION), _build)[0]
        return _CON


def _row(lang: str, word: str) -> tuple[float, float | None] | None:
    con = _connection()
    with _LOCK:
        return con.execute("SELECT freq, zipf FROM freq WHERE lang=? AND word=?", (lang, word)).fetchone()


@lru_cache(maxsize=65536)
def listed_zipf(word: str, lang: str) -> float:
    """Zipf of ``word`` exactly as listed for ``lang`` (no tokenizing): 0 when it is not."""
    row = _row(lang, word)
    return math.log10(row[0] * 1e9) if row else 0.0


@lru_cache(maxsize=65536)
def english_zipf(word: str) -> float:
    """``wordfreq.zipf_frequency(word, "en")``."""
    if _PLAIN.fullmatch(word):
        row = _row("en", word.lower())
        return row[1] if row else 0.0
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")
