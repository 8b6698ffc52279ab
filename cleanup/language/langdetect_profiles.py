"""langdetect's language profiles in a sqlite file, read n-gram by n-gram as a detection asks.

langdetect parses its 55 JSON profiles into a dict of ~88,000 n-grams at first use: 0.2-0.3 s
of every start that needs it (a Russian or Polish article, a short one). The profiles are
copied once into the cache (:mod:`cleanup.language.sqlite_cache`), keyed by the langdetect
version, and a detector reads only the n-grams of its text. The probabilities are stored as
doubles, so every detection gives exactly what langdetect's own factory gives.
"""

from __future__ import annotations

import struct
import threading

FORMAT_VERSION = 1
_PAIR = struct.Struct("<Bd")  # a language's index and its probability (only those that are not 0)


def _build(con) -> None:
    from langdetect import DetectorFactory

    factory = DetectorFactory()
    factory.load_profile(_profile_dir())
    con.execute("CREATE TABLE langs(i INTEGER PRIMARY KEY, lang TEXT)")
    con.executemany("INSERT INTO langs VALUES (?,?)", enumerate(factory.langlist))
    con.execute("CREATE TABLE ngrams(w TEXT PRIMARY KEY, p BLOB) WITHOUT ROWID")
    con.executemany(
        "INSERT INTO ngrams VALUES (?,?)",
        ((w, b"".join(_PAIR.pack(i, p) for i, p in enumerate(probs) if p)) for w, probs in factory.word_lang_prob_map.items()),
    )
    con.commit()


def _profile_dir() -> str:
    from langdetect import detector_factory

    return detector_factory.PROFILES_DIRECTORY


class Profiles:
    """The n-gram → per-language probability map a langdetect ``Detector`` reads (it asks
    only ``word in map`` and ``map[word]``), filled from the cache as asked."""

    def __init__(self, con, languages: int):
        self._con = con
        self._size = languages
        self.known: dict[str, list[float] | None] = {}  # None: not in any profile
        self._lock = threading.Lock()

    def _get(self, word: str) -> list[float] | None:
        try:
            return self.known[word]
        except KeyError:
            pass
        with self._lock:
            row = self._con.execute("SELECT p FROM ngrams WHERE w=?", (word,)).fetchone()
        probs = None
        if row is not None:
            probs = [0.0] * self._size
            for i, p in _PAIR.iter_unpack(row[0]):
                probs[i] = p
        self.known[word] = probs
        return probs

    def get(self, word: str) -> list[float] | None:
        """The row of ``word``, or None: one look-up where ``in`` and ``[]`` take two."""
        return self._get(word) if isinstance(word, str) else None

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._get(word) is not None

    def __getitem__(self, word: str) -> list[float]:
        probs = self._get(word)
        if probs is None:
            raise KeyError(word)
        return probs


def cached_factory():
    """A seeded langdetect ``DetectorFactory`` whose profiles come from the cache and whose
    detectors are :class:`~cleanup.language.langdetect_fast.FastDetector` (same results)."""
    from cleanup.language.langdetect_fast import FastDetectorFactory
    from cleanup.language.sqlite_cache import open_cached, version_key

    con = open_cached("langdetect", version_key("langdetect", FORMAT_VERSION), _build)[0]
    factory = FastDetectorFactory()
    factory.langlist = [lang for _, lang in con.execute("SELECT i, lang FROM langs ORDER BY i")]
    factory.word_lang_prob_map = Profiles(con, len(factory.langlist))
    factory.seed = 0
    return factory
