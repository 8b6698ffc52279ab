"""Translators: the protocol, the offline dictionary translator and the user glossary.

A translator proposes ranked :class:`Candidate` translations for one leaked token in
its :class:`Context`; the ``stray`` filter decides whether the best one is good
enough to apply (else it flags the token with the candidate as a suggestion). Plug in
a machine-translation service by passing any object with a ``translate`` method of
the :class:`Translator` shape to ``StrayFilter(translator=...)``; it is asked first,
the glossary still wins, and the dictionary translator answers when it returns ``[]``.

The dictionary translator needs no network: CC-CEDICT (zh→en, and en→zh by reverse
look-up) plus English word forms chosen for the token's slot in the sentence.
"""

from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Protocol, runtime_checkable

from cleanup.language import english
from cleanup.language.cedict import Entry, drop_parens
from cleanup.language.frequencies import listed_zipf

_SKIP_SENSE = re.compile(
    r"^(CL:|variant of|old variant|see |used in|abbr\.|also written|also pr\.|surname |Taiwan pr\.|"
    r"\(Tw\)|pr\. |erhua variant|\(bound form\)|\(literary\)|\(archaic\)|\(dialect\)|fig\. )",
    re.I,
)

GLOSSARY_ERROR_TEXT = (
    "cannot read glossary {path}: {detail}. A glossary is a CSV file with the columns "
    "term,language,translation or a TOML file with [[term]] tables holding those three keys"
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One proposed translation: ``text`` in the target language, how sure, and why."""

    text: str
    confidence: float
    pos: str | None = None  # noun | verb | adj | adv | name | None
    source: str = "dictionary"  # glossary | dictionary | <your translator>
    note: str = ""  # what it was derived from (``to clarify → clarification``)


@dataclass(frozen=True, slots=True)
class Context:
    """Where a token sits: the text around it and the slot English grammar needs there."""

    text: str  # the whole text node
    start: int
    end: int
    slot: str | None = None  # noun | verb | verb3 | part | adj | adv | mod | None (unknown)
    slot_reason: str = ""
    prev_word: str | None = None
    next_word: str | None = None

    @property
    def before(self) -> str:
        return self.text[: self.start]

    @property
    def after(self) -> str:
        return self.text[self.end :]


@runtime_checkable
class Translator(Protocol):
    """Anything that proposes translations for a leaked token.

    ``source_lang``/``target_lang`` are BCP-47 primary tags (``zh``, ``en``). Return
    candidates best first; ``[]`` when it has nothing to say. Must be deterministic
    (and picklable, if the filter is sent to worker processes)."""

    def translate(self, token: str, source_lang: str, target_lang: str, context: Context) -> list[Candidate]: ...


# --- glossary -------------------------------------------------------------------


@dataclass(frozen=True)
class Glossary:
    """User terms: ``{(term, language): translation}``; always win over the dictionary."""

    terms: dict[tuple[str, str], str] = field(default_factory=dict)

    @classmethod
    def load(cls, path: str | os.PathLike) -> Glossary:
        path = Path(path)
        try:
            raw = path.read_text(encoding="utf-8-sig")
            rows: list[tuple[str, str, str]] = []
            if path.suffix.lower() == ".toml":
                import tomllib

                data = tomllib.loads(raw)
                for item in data.get("term", data.get("terms", [])):
                    rows.append((item["term"], item.get("language", "zh"), item["translation"]))
                for lang, table in data.items():
                    if isinstance(table, dict):
                        rows.extend((t, lang, tr) for t, tr in table.items() if isinstance(tr, str))
            else:
                for rec in csv.reader(raw.splitlines()):
                    if not rec or rec[0].startswith("#") or [c.strip().lower() for c in rec[:3]] == ["term", "language", "translation"]:
                        continue
                    if len(rec) < 3:
                        raise ValueError(f"row {rec!r} has fewer than 3 columns")
                    rows.append((rec[0], rec[1], rec[2]))
        except (OSError, ValueError, KeyError, TypeError) as exc:  # TOMLDecodeError is a ValueError
            raise ValueError(GLOSSARY_ERROR_TEXT.format(path=path, detail=exc)) from None
        return cls({(t.strip(), lang.strip().lower()): tr.strip() for t, lang, tr in rows})

    def get(self, token: str, lang: str) -> str | None:
        return self.terms.get((token, lang)) or self.terms.get((token.lower(), lang))


_GLOSSARIES: dict[tuple[str, float], Glossary] = {}


def load_glossary(path: str | None) -> Glossary | None:
    """The glossary at ``path``, cached by path and modification time."""
    if not path:
        return None
    key = (str(path), os.stat(path).st_mtime if os.path.exists(path) else 0.0)
    if key not in _GLOSSARIES:
        _GLOSSARIES[key] = Glossary.load(path)
    return _GLOSSARIES[key]


# --- the dictionary translator -----------------------------------------------------

SLOT_WEIGHTS: dict[str | None, dict[str, float]] = {
    "noun": {"noun": 1.0, "name": 1.0},
    "adj": {"adj": 1.0, "name": 0.9, "noun": 0.8},
    "verb": {"verb": 1.0},
    "verb3": {"verb": 1.0},
    "part": {"verb": 1.0, "noun": 0.9},  # "The report 发布 on Monday": released; "the data 分析 in": analysis
    "adv": {"adv": 1.0},
    "mod": {"adj": 1.0, "adv": 1.0, "noun": 0.7},  # before an adjective: "a very big step"
    None: {"name": 1.0, "noun": 0.9, "adj": 0.9, "verb": 0.8, "adv": 0.8},
}


def english_candidates(entries: list[Entry], slot: str | None) -> list[tuple[float, str, str, str]]:
    """``(score, word, pos, note)`` for every gloss (or derived form) that fits ``slot``."""
    return list(_candidates(tuple(entries), slot))


@lru_cache(maxsize=8192)
def _candidates(entries: tuple[Entry, ...], slot: str | None) -> tuple[tuple[float, str, str, str], ...]:
    """:func:`english_candidates`, cached: the same word in the same slot recurs across a corpus."""
    found: dict[str, tuple[float, str, str, str]] = {}
    weights = SLOT_WEIGHTS.get(slot, SLOT_WEIGHTS[None])
    order = 0
    for ri, entry in enumerate(entries):
        senses = [s.strip() for sense in entry.senses for s in sense.split(";")]
        for si, sense in enumerate(senses):
            if not sense or _SKIP_SENSE.match(sense):
                continue
            annotated = "(" in sense
            core = drop_parens(sense).strip()
            if not core or any(ch in core for ch in "[]|"):
                continue
            base = 1.0 - 0.12 * ri - 0.06 * si - (0.2 if annotated else 0.0)
            forms: list[tuple[str, str, float, str]] = []
            words = core.split()
            if core[0].isupper():
                lead = []
                for w in core.split(",")[0].split():
                    if not w[0].isupper() or len(lead) == 3:
                        break
                    lead.append(w)
                name = " ".join(lead)
                if name:
                    # a name: worth suggesting, too risky to write in (readings name different things)
                    forms.append((name, "name", 0.35, f"name {sense!r}"))
            elif words[0] == "to" and len(words) >= 2:
                verb = words[1:]
                compound = _price_change(verb)
                if compound:  # "to cut the price" → "price cut"
                    forms.append((compound, "noun", 0.1, f"{sense!r} → {compound!r}"))
                if len(verb) == 1:
                    v = verb[0]
                    forms.append((v, "verb", 0.0, f"{sense!r}"))
                    noun = english.noun_of_verb(v)
                    if noun:
                        forms.append((noun, "noun", 0.08, f"{sense!r} → {noun!r}"))
                elif len(verb) <= 3 and not {"sth", "sb", "one's", "oneself"} & set(verb):
                    forms.append((" ".join(verb), "verb", 0.1, f"{sense!r}"))
            elif len(words) == 1:
                w = words[0]
                pos = english.guess_pos(w)
                forms.append((w, pos, 0.0, f"{sense!r}"))
                if pos == "adj":
                    noun = english.noun_of_adjective(w)
                    if noun:
                        forms.append((noun, "noun", 0.08, f"{sense!r} → {noun!r}"))
                    adv = english.adverb_of(w)
                    if adv:
                        forms.append((adv, "adv", 0.08, f"{sense!r} → {adv!r}"))
            elif len(words) <= 3 and not {"sth", "sb", "one's", "oneself"} & set(words):
                pos = "adj" if english.guess_pos(words[-1]) == "adj" else "noun"
                if words[0] in english.DEGREE:
                    pos = "adv" if english.guess_pos(words[-1]) == "adv" else pos
                forms.append((core, pos, 0.1, f"{sense!r}"))
            for text, pos, penalty, note in forms:
                weight = weights.get(pos, 0.0)
                if not weight:
                    continue
                if slot == "verb3" and pos == "verb":
                    head, _, rest = text.partition(" ")
                    text = english.third_person(head) + (" " + rest if rest else "")
                if slot == "part" and pos == "verb":
                    if " " in text or english.past_participle(text) is None:
                        continue  # no participle English knows: no candidate
                    text = english.past_participle(text) or text
                score = round((base - penalty) * weight, 3)
                order += 1
                if text not in found or found[text][0] < score:
                    found[text] = (score, text, pos, note)
    return tuple(sorted(found.values(), key=lambda c: -c[0]))


# "to cut the price", "to raise interest rates": the act is a noun compound English writes
# itself (price cut, interest rate increase); only these verbs and objects, so that no
# idiom is read word for word ("to drop the matter" is no "matter drop")
_CHANGE_HEADS = {"cut": "cut", "lower": "cut", "reduce": "cut", "raise": "increase", "increase": "increase"}
_CHANGED_THINGS = {"price": "price", "prices": "price", "tax": "tax", "taxes": "tax", "rate": "rate",
                   "rates": "rate", "wage": "wage", "wages": "wage", "salary": "salary", "rent": "rent",
                   "cost": "cost", "costs": "cost", "fee": "fee", "fees": "fee"}


def _price_change(verb: list[str]) -> str | None:
    """``cut the price`` → ``price cut``; ``raise interest rates`` → ``interest rate increase``."""
    head = _CHANGE_HEADS.get(verb[0])
    rest = verb[2:] if verb[1:2] == ["the"] else verb[1:]
    if head is None or not rest or len(rest) > 2:
        return None
    thing = _CHANGED_THINGS.get(rest[-1])
    if thing is None or (len(rest) == 2 and rest[0] != "interest"):
        return None
    return " ".join([*rest[:-1], thing, head])


# "abbr. for 開放源碼|开放源码[kai1 fang4 yuan2 ma3]": the Simplified full form
_ABBR_FOR = re.compile(r"^abbr\. for (?:[^|\[\]]+\|)?([^|\[\]\s]+)\[")


def confidence_of(scores: list[float], slot: str | None) -> float:
    """Best score, raised by its margin over the runner-up, lowered for an unknown slot."""
    if not scores:
        return 0.0
    best = scores[0]
    margin = best - scores[1] if len(scores) > 1 else 0.3
    conf = best * 0.75 + min(0.25, margin)
    if slot is None:
        conf *= 0.8
    return round(min(0.95, conf), 2)


class DictionaryTranslator:
    """zh→en with CC-CEDICT and English word forms; en→zh by unambiguous reverse look-up.

    Picklable: the index and the OpenCC converter are built lazily per process."""

    def __init__(self, index=None):
        self._index = index
        self._t2s = None

    def __getstate__(self):
        return {}

    def __setstate__(self, state):
        self.__init__()

    @property
    def index(self):
        if self._index is None:
            from cleanup.language.cedict import get_index

            self._index = get_index()
        return self._index

    def simplified(self, text: str) -> str:
        """Traditional characters normalized to Simplified (OpenCC t2s)."""
        if self._t2s is None:
            import opencc

            self._t2s = opencc.OpenCC("t2s")
        return self._t2s.convert(text)

    def entries(self, token: str) -> list[Entry]:
        simp = self.simplified(token)
        return self.index.lookup(simp) or self.index.lookup(token)

    def segments(self, token: str) -> list[str]:
        """Longest-match segmentation; jieba only when a piece is unknown."""
        simp = self.simplified(token)
        pieces = self.index.segment(simp)
        if all(self.index.lookup(p) for p in pieces):
            return pieces
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        return [w for w in jieba.lcut(simp) if w.strip()]

    def translate(self, token: str, source_lang: str, target_lang: str, context: Context) -> list[Candidate]:
        if source_lang == "zh" and target_lang == "en":
            return self._zh_en(token, context)
        if source_lang == "en" and target_lang == "zh":
            return self._en_zh(token, context)
        return []

    def _zh_en(self, token: str, context: Context) -> list[Candidate]:
        entries = self.entries(token)
        if entries:
            ranked = english_candidates(entries, context.slot)
            if not ranked:  # no sense fits: the full form an abbreviation sense names (开源 → 开放源码)
                full = self._abbreviated(entries)
                if full:
                    ranked = [(score, text, pos, f"abbr. for {full[0].simp} [{full[0].pinyin}]: {note}")
                              for score, text, pos, note in english_candidates(full, context.slot)]
            conf = confidence_of([c[0] for c in ranked], context.slot)
            out = []
            for k, (score, text, pos, note) in enumerate(ranked):
                c = conf if k == 0 else round(min(conf, score * 0.75), 2)
                out.append(Candidate(text, c, pos, "dictionary", f"CC-CEDICT {entries[0].simp} [{entries[0].pinyin}]: {note}"))
            return out
        most = self._superlative(token, context)
        if most is not None:
            return [most]
        pieces = self.segments(token)
        if not 1 < len(pieces) <= 3 or any(len(p) < 2 for p in pieces):
            # words, not characters: a lone character's first sense says little about the word it
            # is part of (最大 is not "most big", 雨前 not "rain front"): no composed translation
            return []
        words, confs, notes = [], [], []
        for k, piece in enumerate(pieces):
            last = k == len(pieces) - 1
            ents = self.index.lookup(piece)
            if not ents:
                return []
            slot = context.slot if last else ("adv" if context.slot in ("adj", "mod", "verb", "verb3") else "adj")
            ranked = english_candidates(ents, slot)
            if not ranked and not last:
                ranked = english_candidates(ents, None)
            if not ranked:
                return []
            words.append(ranked[0][1])
            confs.append(confidence_of([c[0] for c in ranked], slot))
            notes.append(f"{piece}: {ranked[0][3]}")
        text = " ".join(words)
        return [Candidate(text, round(min(confs) * 0.85, 2), context.slot, "dictionary", "CC-CEDICT segments " + "; ".join(notes))]

    def _abbreviated(self, entries: list[Entry]) -> list[Entry]:
        """The entries of the full form a sense says the token abbreviates (one step, no chain)."""
        for entry in entries:
            for sense in entry.senses:
                m = _ABBR_FOR.match(sense)
                if m:
                    full = self.index.lookup(m.group(1))
                    if full:
                        return full
        return []

    def _superlative(self, token: str, context: Context) -> Candidate | None:
        """最 + an adjective CC-CEDICT has no entry for as a whole (最大, 最重要): the
        superlative of the adjective's first gloss (biggest, most important)."""
        simp = self.simplified(token)
        if not simp.startswith("最") or not 2 <= len(simp) <= 3 or context.slot in ("verb", "verb3"):
            return None
        ents = self.index.lookup(simp[1:])
        ranked = [c for c in english_candidates(ents, "adj") if c[2] == "adj"] if ents else []
        if not ranked:
            return None
        _score, adj, _pos, note = ranked[0]
        most = english.superlative(adj)
        if most is None:
            return None
        conf = round(confidence_of([c[0] for c in ranked], "adj") * 0.85, 2)
        return Candidate(most, conf, "adj", "dictionary",
                         f"最 (most) + CC-CEDICT {ents[0].simp} [{ents[0].pinyin}]: {note}; superlative {most!r}")

    def _en_zh(self, token: str, context: Context) -> list[Candidate]:
        scored: dict[str, float] = {}
        for entry, sense in self.index.reverse(token.lower()):
            raw = entry.senses[sense]
            if _SKIP_SENSE.match(raw) or entry.simp[0].isascii():
                continue
            score = (
                listed_zipf(entry.simp, "zh")
                - 0.5 * sense
                - (1.0 if "(" in raw else 0.0)
                - (0.8 if len(entry.simp) == 1 else 0.0)  # single characters are mostly bound forms
            )
            scored[entry.simp] = max(score, scored.get(entry.simp, -99.0))
        ranked = sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))
        if not ranked:
            return []
        best, s1 = ranked[0]
        s2 = ranked[1][1] if len(ranked) > 1 else 0.0
        margin = s1 - s2
        # a common word that clearly beats every other headword with this sense
        conf = round(min(0.9, 0.5 + 0.25 * margin), 2) if s1 >= 4.0 else 0.45
        alts = ", ".join(f"{w} ({s:.1f})" for w, s in ranked[1:4])
        out = [Candidate(best, conf, None, "dictionary", f"CC-CEDICT reverse look-up, zipf-ranked; alternatives: {alts or 'none'}")]
        out += [Candidate(w, round(min(0.4, conf), 2), None, "dictionary", "") for w, _ in ranked[1:4]]
        return out
