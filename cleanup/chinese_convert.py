"""Simplified/Traditional Chinese conversion helpers around OpenCC.

One converter per OpenCC configuration and process (``functools.lru_cache``;
OpenCC objects cannot be pickled, so nothing here is ever part of a filter's
pickled state). Other filters use :func:`to_simplified` / :func:`convert`.

Besides the converters, this module reads OpenCC's own dictionaries (the
``.ocd2`` files shipped inside the ``opencc`` wheel, turned into text once per
process with the ``opencc_dict`` tool shipped next to them) to know

* which characters exist only in one script (``simplified_only`` /
  ``traditional_only``): the evidence used to find a document's dominant variant;
* which characters convert one-to-many (后 → 後/后, 发 → 發/髮): the ambiguity
  the chinese filter flags instead of guessing;
* OpenCC's phrase lists, to replay its maximum-match segmentation and tell a
  character converted inside a known phrase from one converted alone;
* which kanji are Japanese only (``japanese_only``, from its shinjitai tables):
  Japanese written without kana is still recognised.

When the dictionaries cannot be read (a wheel without ``opencc_dict``), the
script sets are derived from the converters character by character and no
ambiguity information is available (:func:`dictionaries_available` is False).
"""

from __future__ import annotations

import json
from collections import Counter
import os
import re
import subprocess
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

# configuration name → (source script, target script, language tag of the result)
CONFIGS: dict[str, tuple[str, str, str]] = {
    "s2t": ("hans", "hant", "zh-Hant"),
    "s2tw": ("hans", "hant", "zh-TW"),
    "s2twp": ("hans", "hant", "zh-TW"),
    "s2hk": ("hans", "hant", "zh-HK"),
    "t2s": ("hant", "hans", "zh-Hans"),
    "tw2s": ("hant", "hans", "zh-Hans"),
    "tw2sp": ("hant", "hans", "zh-Hans"),
    "hk2s": ("hant", "hans", "zh-Hans"),
    "t2tw": ("hant", "hant", "zh-TW"),
    "t2hk": ("hant", "hant", "zh-HK"),
}

# Regional usage OpenCC's dictionaries do not record: Hong Kong writes the Cantonese
# particle 晒 ("all": 多謝晒, 賣晒) as 晒, which OpenCC only knows as Simplified for 曬, and
# 吓 (haa5, "a little": 睇吓, 試吓; haa2, "what?") as 吓, which OpenCC only knows as
# Simplified for 嚇 ("to scare", a different word in Cantonese).
REGIONAL_FORMS: dict[str, str] = {"s2hk": "晒吓"}

HAN = regex.compile(r"\p{Script=Han}")
_CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


def _check(config: str) -> str:
    name = config[:-5] if config.endswith(".json") else config
    if name not in CONFIGS:
        raise ValueError(f"unknown OpenCC configuration {config!r}; use one of {', '.join(CONFIGS)}")
    return name


@lru_cache(maxsize=None)
def converter(config: str):
    """The OpenCC converter for ``config`` (``"s2twp"`` or ``"s2twp.json"``), cached per process."""
    import opencc

    name = _check(config)
    try:
        return opencc.OpenCC(name)
    except Exception:  # older opencc wheels want the file name
        return opencc.OpenCC(name + ".json")


def convert(text: str, config: str) -> str:
    """``text`` converted with the OpenCC configuration ``config``."""
    _check(config)
    if not text or not HAN.search(text):
        return text
    return converter(config).convert(text)


def to_simplified(text: str) -> str:
    """Traditional → Simplified (OpenCC ``t2s``); text without Han characters is returned as is."""
    return convert(text, "t2s")


def to_traditional(text: str, config: str = "s2t") -> str:
    """Simplified → Traditional (OpenCC ``s2t`` by default; ``s2tw``/``s2twp``/``s2hk`` for a region)."""
    return convert(text, config)


# --- OpenCC's dictionaries ------------------------------------------------------


def _share_dir() -> Path:
    import opencc

    return Path(opencc.__file__).resolve().parent / "clib" / "share" / "opencc"


def _dict_tool() -> Path | None:
    import opencc

    base = Path(opencc.__file__).resolve().parent / "clib" / "bin"
    for name in ("opencc_dict", "opencc_dict.exe"):
        if (base / name).is_file() and os.access(base / name, os.X_OK):
            return base / name
    return None


@lru_cache(maxsize=None)
def _text_dict(filename: str) -> dict[str, tuple[str, ...]]:
    """One OpenCC dictionary as ``{key: (values...)}``; empty when unreadable."""
    path = _share_dir() / filename
    tool = _dict_tool()
    if tool is None or not path.is_file():
        return {}
    with tempfile.TemporaryDirectory(prefix="cleanup-opencc-") as tmp:
        out = Path(tmp) / "dict.txt"
        try:
            subprocess.run(
                [str(tool), "-i", str(path), "-o", str(out), "-f", "ocd2", "-t", "text"],
                check=True,
                capture_output=True,
                timeout=60,
            )
            lines = out.read_text(encoding="utf-8").splitlines()
        except (OSError, subprocess.SubprocessError, UnicodeDecodeError):
            return {}
    table: dict[str, tuple[str, ...]] = {}
    for line in lines:
        key, _, values = line.partition("\t")
        if key and values:
            table[key] = tuple(values.split(" "))
    return table


def dictionaries_available() -> bool:
    return bool(_text_dict("STCharacters.ocd2"))


def _files(node: dict) -> list[str]:
    if "file" in node:
        return [node["file"]]
    return [f for sub in node.get("dicts", []) for f in _files(sub)]


@dataclass(frozen=True)
class Lexicon:
    """What the chinese filter needs to know about one configuration."""

    config: str
    chars: dict[str, tuple[str, ...]]  # the character dictionary of the S↔T stage
    phrases: frozenset[str]  # multi-character keys OpenCC segments with
    lengths: dict[str, tuple[int, ...]]  # first character → phrase lengths, longest first
    risky: frozenset[str]  # one-to-many characters whose default is often wrong (see lexicon())
    one_to_many: frozenset[str] = frozenset()  # every character with more than one candidate

    def multi_char_positions(self, text: str, start: int = 0, end: int | None = None) -> set[int]:
        """Offsets of ``text[start:end]`` that OpenCC's maximum-match segmentation
        puts inside a multi-character phrase (the rest convert character by character)."""
        end = len(text) if end is None else end
        covered: set[int] = set()
        i = start
        while i < end:
            step = 1
            for n in self.lengths.get(text[i], ()):
                if i + n <= end and text[i : i + n] in self.phrases:
                    step = n
                    break
            if step > 1:
                covered.update(range(i, i + step))
            i += step
        return covered

    def ambiguous(self, char: str) -> tuple[str, ...] | None:
        """The candidates when ``char`` converts one-to-many, else None."""
        values = self.chars.get(char)
        return values if values is not None and len(values) > 1 else None


@lru_cache(maxsize=None)
def lexicon(config: str) -> Lexicon:
    """Character and phrase tables behind ``config`` (empty without readable dictionaries)."""
    name = _check(config)
    row = _derived_store().execute("SELECT chars, phrases, lengths, risky FROM lexicon WHERE config=?",
                                   (name,)).fetchone()
    if row is None:
        return _derive_lexicon(name)
    chars = {k: tuple(v) for k, v in json.loads(row[0]).items()}
    lengths = {k: tuple(v) for k, v in json.loads(row[2]).items()}
    one_to_many = frozenset(c for c, values in chars.items() if len(values) > 1)
    return Lexicon(name, chars, frozenset(row[1].split("\n")) - {""}, lengths, frozenset(row[3]), one_to_many)


def _derive_lexicon(name: str) -> Lexicon:
    spec = json.loads((_share_dir() / f"{name}.json").read_text(encoding="utf-8"))
    chain = [_files(step["dict"]) for step in spec.get("conversion_chain", [])]
    stage = next((files for files in chain if any("Characters" in f for f in files)), [])
    seg = _files(spec["segmentation"]["dict"]) if "segmentation" in spec else [f for f in stage if "Phrases" in f]
    chars: dict[str, tuple[str, ...]] = {}
    for f in stage:
        if "Characters" in f:
            for key, values in _text_dict(f).items():
                chars.setdefault(key, values)
    phrases: set[str] = set()
    for f in seg:
        phrases.update(k for k in _text_dict(f) if len(k) > 1)
    by_first: dict[str, set[int]] = {}
    for p in phrases:
        by_first.setdefault(p[0], set()).add(len(p))
    lengths = {c: tuple(sorted(ns, reverse=True)) for c, ns in by_first.items()}
    regional = REGIONAL_FORMS.get(name, "")
    for c in regional:  # also correct as itself: a candidate, and a guess when alone
        chars[c] = (*chars.get(c, ()), c)
    one_to_many = frozenset(c for c, values in chars.items() if len(values) > 1)
    risky = _risky(chars, stage) | frozenset(regional)
    return Lexicon(name, chars, frozenset(phrases), lengths, risky, one_to_many)


RISK_SHARE = 0.05


def _risky(chars: dict[str, tuple[str, ...]], stage: list[str]) -> frozenset[str]:
    """One-to-many characters whose default conversion is a real gamble.

    OpenCC's phrase list records, for each phrase, which candidate a character takes
    there. A character is risky when its non-default candidates together take at
    least RISK_SHARE of its phrase occurrences: 后 (後 896, 后 89), 发 (發/髮), 干,
    里, 台, 冲; not 万 (萬 681, 万 3) or 个 (個 463, 箇 19), where the default is
    right but for rare names and archaic forms."""
    multi = {c: v for c, v in chars.items() if len(c) == 1 and len(v) > 1}
    if not multi:
        return frozenset()
    default_hits: dict[str, int] = {}
    other_hits: dict[str, int] = {}
    for f in stage:
        if "Phrases" not in f:
            continue
        for key, values in _text_dict(f).items():
            out = values[0]
            if len(out) != len(key):
                continue
            for c, o in zip(key, out):
                if c in multi:
                    if o == multi[c][0]:
                        default_hits[c] = default_hits.get(c, 0) + 1
                    else:
                        other_hits[c] = other_hits.get(c, 0) + 1
    risky = set()
    for c in multi:
        d, o = default_hits.get(c, 0), other_hits.get(c, 0)
        if d + o == 0 or o >= RISK_SHARE * (d + o):
            risky.add(c)
    return frozenset(risky)


@lru_cache(maxsize=1)
def script_sets() -> tuple[frozenset[str], frozenset[str]]:
    """(simplified_only, traditional_only): characters that convert and are not also
    a correct form in the other script (发 is Simplified-only; 后 and 台 are not)."""
    return frozenset(_derived("simplified_only")), frozenset(_derived("traditional_only"))


def _derive_script_sets() -> tuple[frozenset[str], frozenset[str]]:
    st = _text_dict("STCharacters.ocd2")
    ts = _text_dict("TSCharacters.ocd2")
    if st and ts:
        simp = frozenset(k for k, v in st.items() if len(k) == 1 and k not in v)
        trad = frozenset(k for k, v in ts.items() if len(k) == 1 and k not in v)
        return simp - trad, trad - simp
    # fallback: convert every CJK character alone
    chars = [chr(c) for lo, hi in _CJK_RANGES for c in range(lo, hi + 1)]
    joined = "\n".join(chars)
    to_t = converter("s2t").convert(joined).split("\n")
    to_s = converter("t2s").convert(joined).split("\n")
    simp = {c for c, t, s in zip(chars, to_t, to_s) if t != c and s == c}
    trad = {c for c, t, s in zip(chars, to_t, to_s) if s != c and t == c}
    return frozenset(simp), frozenset(trad)


@lru_cache(maxsize=None)
def also_correct(config: str) -> frozenset[str]:
    """Characters of one script only (see :func:`script_sets`) that ``config``'s target
    standard also writes, so they are no leftovers in it: the ones the configuration
    maps to themselves (s2hk keeps 税 温 脱, s2tw keeps 群 峰) and REGIONAL_FORMS."""
    name = _check(config)
    source, target, _lang = CONFIGS[name]
    regional = frozenset(REGIONAL_FORMS.get(name, ""))
    if source == target:
        return regional
    chars = sorted(script_sets()[0 if source == "hans" else 1])
    out = converter(name).convert("\n".join(chars)).split("\n")
    return frozenset(c for c, o in zip(chars, out) if c == o) | regional


@lru_cache(maxsize=1)
def regional_forms() -> frozenset[str]:
    """Characters the Taiwan or Hong Kong variant tables write and OpenCC's own
    standard (s2t) never produces: 為 眾 啟 群 裡 説 … (not 台 or 著, which s2t
    writes too). A document that uses them follows a regional standard."""
    return frozenset(_derived("regional_forms"))


def _derive_regional_forms() -> frozenset[str]:
    written: set[str] = set()
    for f in ("STCharacters.ocd2", "STPhrases.ocd2", "STPhrases_GeneratedFromRegionalPhrases.ocd2"):
        for values in _text_dict(f).values():
            written.update(*values)
    regional = {
        v
        for f in ("TWVariants.ocd2", "HKVariants.ocd2")
        for key, values in _text_dict(f).items()
        if len(key) == 1
        for v in values
        if v != key
    }
    return frozenset(regional - written)


@lru_cache(maxsize=1)
def japanese_only() -> frozenset[str]:
    """Japanese shinjitai that are no Chinese character (売 発 経 駅 亜): the new forms
    of OpenCC's shinjitai tables that are not old forms themselves and appear in none
    of its Simplified/Traditional characters or phrases (so not 参 体 会, which are
    also Simplified, nor 予 研 概, which Chinese writes too). Empty without dictionaries."""
    return frozenset(_derived("japanese_only"))


def _derive_japanese_only() -> frozenset[str]:
    new = _text_dict("JPShinjitaiCharacters.ocd2")  # new form → old forms
    old = _text_dict("JPShinjitaiCharactersRev.ocd2")  # old form → new forms
    shinjitai = {k for k in new if len(k) == 1} | {v for vs in old.values() for v in vs if len(v) == 1}
    kyujitai = {k for k in old if len(k) == 1} | {v for vs in new.values() for v in vs if len(v) == 1}
    chinese: set[str] = set()
    for f in ("STCharacters.ocd2", "TSCharacters.ocd2", "STPhrases.ocd2", "TSPhrases.ocd2"):
        for key, values in _text_dict(f).items():
            chinese.update(key, *values)
    return frozenset(shinjitai - kyujitai - chinese)


# the sets above and each configuration's Lexicon are derived by running OpenCC's dictionary
# tool over its tables (0.1-0.3 s a start): once per OpenCC version into the sqlite cache, read
# back in milliseconds; bump this when a derivation changes
DERIVED_FORMAT = 2  # 2: 吓 joined 晒 as a Hong Kong regional form


@lru_cache(maxsize=1)
def _derived_store():
    from cleanup.language.sqlite_cache import open_cached, version_key

    def build(con) -> None:
        simp, trad = _derive_script_sets()
        sets = {"simplified_only": simp, "traditional_only": trad, "regional_forms": _derive_regional_forms(),
                "japanese_only": _derive_japanese_only()}
        con.execute("CREATE TABLE derived(name TEXT PRIMARY KEY, chars TEXT)")
        con.executemany("INSERT INTO derived VALUES (?,?)", [(k, "".join(sorted(v))) for k, v in sets.items()])
        con.execute("CREATE TABLE lexicon(config TEXT PRIMARY KEY, chars TEXT, phrases TEXT, lengths TEXT, risky TEXT)")
        for name in CONFIGS:
            lex = _derive_lexicon(name)
            con.execute("INSERT INTO lexicon VALUES (?,?,?,?,?)", (
                name, json.dumps(lex.chars, ensure_ascii=False), "\n".join(sorted(lex.phrases)),
                json.dumps(lex.lengths, ensure_ascii=False), "".join(sorted(lex.risky))))
        con.commit()

    return open_cached("opencc-derived", version_key("opencc", DERIVED_FORMAT), build)[0]


def _derived(name: str) -> str:
    row = _derived_store().execute("SELECT chars FROM derived WHERE name=?", (name,)).fetchone()
    return row[0] if row else ""


JA_KANJI_SHARE = 0.05  # of a text's Han characters: Japanese-only kanji that make it Japanese


@lru_cache(maxsize=1)
def _ja_kanji() -> re.Pattern:
    """Japanese-only kanji; ``re`` (a charset bitmap) scans for a class this large ~15x
    faster than ``regex``."""
    chars = "".join(sorted(japanese_only()))
    return re.compile(f"[{chars}]" if chars else "(?!)")


def has_japanese_kanji(text: str) -> bool:
    return _ja_kanji().search(text) is not None


def is_japanese_kanji(text: str, han: int) -> bool:
    """Japanese written without kana (a headline): Japanese-only kanji are at least
    :data:`JA_KANJI_SHARE` of its ``han`` Han characters."""
    jp = len(_ja_kanji().findall(text))
    return jp > 0 and jp >= JA_KANJI_SHARE * han


def count_variants(text: str) -> tuple[int, int]:
    """(Simplified-only, Traditional-only) character counts in ``text``."""
    simp, trad = script_sets()
    counts = Counter(text)  # C-accelerated; then only the distinct characters are looked up
    return (
        sum(n for c, n in counts.items() if c in simp),
        sum(n for c, n in counts.items() if c in trad),
    )
