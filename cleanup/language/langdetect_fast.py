"""langdetect's ``Detector`` with its per-character and per-language Python loops made cheaper.

A stock detection costs 0.4-2 ms on a sentence and several ms on a document sample, nearly all
of it in Python loops: one ``NGram.add_char`` per character and, per random draw, a loop over
the 55 languages. This detector gives bit-for-bit the same probabilities (tests/test_lang.py
compares them with langdetect's own over the corpus and random text):

* the text is prepared with regular expressions that keep and drop exactly the characters
  langdetect's loops keep and drop;
* characters are normalised through a table filled by ``NGram.normalize`` itself;
* n-grams are read word by word: langdetect's n-gram buffer starts afresh after every space,
  so a word's n-grams depend on the word alone and are kept, with their profile rows, per word;
* the random draws are the same calls in the same order (a draw depends only on the list's
  length, so the rows are drawn instead of the n-grams), and each probability gets the same
  float operations in the same order: the five updates between two normalisations are one
  expression per language, ``p / total * (w + q1) * (w + q2) ...``, evaluated left to right,
  which also does the normalisation before them.
"""

from __future__ import annotations

import re

from langdetect.detector import Detector
from langdetect.detector_factory import DetectorFactory
from langdetect.lang_detect_exception import ErrorCode, LangDetectException
from langdetect.utils.ngram import NGram

_SPACES = re.compile(" {2,}")  # append() keeps one space of a run
_LATIN = re.compile(r"[\x41-\x7a]")  # cleaning_text()'s 'A' <= ch <= 'z'
# its ch >= '\u0300' (it also compares unicode_block(ch), a number, with a block's name: never equal)
_NON_LATIN = re.compile(r"[^\x00-\u02ff]")
_WORD_CACHE_LIMIT = 50_000  # words whose rows are kept (a few MB)
_UNSEEN = object()


class _Normalized(dict):
    """A ``str.translate`` table: code point -> ``NGram.normalize`` of it, filled as met."""

    def __missing__(self, code: int) -> str:
        ch = self[code] = NGram.normalize(chr(code))
        return ch


_NORMALIZED = _Normalized()


def _word_rows(word: str, known: dict, fetch) -> tuple:
    """The profile rows of the n-grams langdetect extracts from ``word`` (normalised, no space
    but perhaps one at its end). Its ``NGram`` buffer starts as " ", then holds the last three
    characters; a character adds its 1-, 2- and 3-gram (a lone space not), except when it and
    the one before are both capitals (``capitalword``)."""
    t = " " + word
    grams = []
    for k in range(1, len(t)):
        ch = t[k]
        if ch.isupper() and t[k - 1].isupper():
            continue
        if ch != " ":
            grams.append(ch)
        grams.append(t[k - 1:k + 1])
        if k > 1:
            grams.append(t[k - 2:k + 1])
    out = []
    for w in grams:
        row = known.get(w, _UNSEEN)
        if row is _UNSEEN:
            row = fetch(w)
        if row is not None:
            out.append(row)
    return tuple(out)


def _absent(word: str) -> None:
    return None


class FastDetector(Detector):
    """A ``Detector`` whose results are langdetect's own, computed with fewer Python steps."""

    def __init__(self, factory):
        super().__init__(factory)
        self._words = factory.word_rows
        profiles = self.word_lang_prob_map
        if isinstance(profiles, dict):  # langdetect's own: every n-gram there is
            self._known, self._fetch = profiles, _absent
        else:  # read from the cache as asked (langdetect_profiles.Profiles)
            self._known, self._fetch = profiles.known, profiles.get

    def append(self, text):
        text = self.URL_RE.sub(" ", text)
        text = self.MAIL_RE.sub(" ", text)
        text = NGram.normalize_vi(text)
        self.text += _SPACES.sub(" ", text[:self.max_text_length])

    def cleaning_text(self):
        latin = len(_LATIN.findall(self.text))
        if latin * 2 < len(_NON_LATIN.findall(self.text)):
            self.text = _LATIN.sub("", self.text)

    def _extract_rows(self) -> list:
        words = self.text.translate(_NORMALIZED).split(" ")
        last = len(words) - 1
        cache = self._words
        if len(cache) > _WORD_CACHE_LIMIT:
            cache.clear()
        out: list = []
        for k, word in enumerate(words):
            if not word:
                continue
            if k < last:
                word += " "  # its n-grams end with the space that follows it
            rows = cache.get(word)
            if rows is None:
                rows = cache[word] = _word_rows(word, self._known, self._fetch)
            out += rows
        return out

    def _detect_block(self):
        if self.verbose:
            return super()._detect_block()
        self.cleaning_text()
        rows = self._extract_rows()
        if not rows:
            raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
        n_trial = self.n_trial
        langprob = [0.0] * len(self.langlist)
        self.random.seed(self.seed)
        choice = self.random.choice
        for _ in range(n_trial):
            prob = self._init_probability()
            alpha = self.alpha + self.random.gauss(0.0, 1.0) * self.ALPHA_WIDTH
            w = alpha / self.BASE_FREQ
            prob = [p * (w + qa) for p, qa in zip(prob, choice(rows))]  # draw 0, then a normalisation
            i = 0
            while True:
                # the normalisation p / total is left to the next update (the same division,
                # first); division by a positive total keeps the order, so max(p) / total is
                # exactly the largest p / total
                total = sum(prob)
                if max(prob) / total > self.CONV_THRESHOLD or i >= self.ITERATION_LIMIT:
                    break
                a, b, c, d, e = choice(rows), choice(rows), choice(rows), choice(rows), choice(rows)
                prob = [p / total * (w + qa) * (w + qb) * (w + qc) * (w + qd) * (w + qe)
                        for p, qa, qb, qc, qd, qe in zip(prob, a, b, c, d, e)]
                i += 5
            langprob = [lp + p / total / n_trial for lp, p in zip(langprob, prob)]
        self.langprob = langprob


class FastDetectorFactory(DetectorFactory):
    """A ``DetectorFactory`` that creates :class:`FastDetector` and keeps its words' rows."""

    def __init__(self):
        super().__init__()
        self.word_rows: dict[str, tuple] = {}

    def _create_detector(self):
        if not self.langlist:
            raise LangDetectException(ErrorCode.NeedLoadProfileError, "Need to load profiles.")
        return FastDetector(self)

    def add_profile(self, profile, index, langsize):
        super().add_profile(profile, index, langsize)
        self.word_rows = {}  # rows kept for words may have changed

    def clear(self):
        super().clear()
        self.word_rows = {}
