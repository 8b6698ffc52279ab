"""Chinese filter: Simplified/Traditional consistency with OpenCC, every run exact.

``chinese="auto"`` picks the conversion from the document's locale
(``zh-CN``/``zh-Hans``/``zh-SG`` → ``t2s``, ``zh-TW`` → ``s2twp``, ``zh-HK`` →
``s2hk``, ``zh-Hant`` → ``s2t``); without one it finds the dominant variant by
counting characters that exist in one script only. When the document is already
in the target script (with or without a locale), it converts just the minority
characters (a Simplified article with 頭髮 left in gets 头发).
Any other value names the OpenCC configuration to apply to all Chinese text;
``off`` disables the filter.

Never converted: code (not a text node), URLs, protected terms, text whose
``lang`` names another variant or language, Japanese (by kana: the whole
document, a paragraph with kana, or a kanji/kana word inside Chinese text; by
Japanese-only kanji such as 売 発 経: a document or paragraph without kana).

A character OpenCC converts one-to-many (后 → 後/后, 发 → 發/髮) is flagged,
not converted, when no phrase of OpenCC's dictionary covers it: the conversion
would be a guess. Characters that are also correct in the target script (台, 於,
Hong Kong's particle 晒) are left alone when they stand alone in a document
already written in the target script. See ``docs/filters/chinese.md``.
"""

from __future__ import annotations

import bisect
import difflib
import operator
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import regex

from cleanup import chinese_convert as cc
from cleanup.document import CONTAINER_INLINES, Document, Link, Text, TextContext, inline_lists
from cleanup.filters import Filter
from cleanup.lazy_pattern import LazyPattern

MODES = ("auto", "off", *cc.CONFIGS)
# dominant-variant detection: counts of one-script-only characters
DETECT_SAMPLE = 200_000  # characters of Chinese text examined
MIN_EVIDENCE = 5  # fewer one-script characters than this: too little to decide
MIN_RATIO = 3.0  # the majority must outnumber the minority this many times
# Japanese-only kanji (売 発 経) per Han character that make text without kana Japanese:
# Chinese text has none, Japanese about one in ten

_HAN = LazyPattern(r"\p{Script=Han}")
_HAN_RUN = LazyPattern(r"\p{Script=Han}+")
_KANA = LazyPattern(r"[\p{Script=Hiragana}\p{Script=Katakana}]")
_JA_WORD = LazyPattern(r"[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc\u3005]+")
# possessive runs that start where a run starts: linear on a long run of Han (\w matches it)
_URL = LazyPattern(
    r"(?:(?<![a-z0-9+.\-])[a-z][a-z0-9+.\-]*+://|www\.)[^\s<>\"'）)】」』，。；！？、]++"
    r"|(?<![\w.+\-])[\w.+\-]++@[\w\-]++\.[\w.\-]++",
    regex.I,
)
_CHUNK = LazyPattern(r"[\p{L}\p{N}\p{M}]+")
_ONES = LazyPattern(rb"\x01+")
_HK_MARKERS = LazyPattern(r"[着裏綫衞啲嘅咗喺冇噉嚟]")
_TW_MARKERS = LazyPattern(r"[裡著]")
_NOT_TW_MARKERS = LazyPattern(r"著(?=[名作稱述])|[顯土昭卓]著")


@dataclass(frozen=True)
class ChineseOptions:
    chinese: str = "auto"
    protected_terms: tuple[str, ...] = ()
    protected_terms_file: str | None = None  # one term per line, ``#`` comments

    def __post_init__(self) -> None:
        if self.chinese not in MODES:
            raise ValueError(f"unknown chinese conversion {self.chinese!r}; use one of {', '.join(MODES)}")
        if isinstance(self.protected_terms, (list, str)):
            terms = (self.protected_terms,) if isinstance(self.protected_terms, str) else self.protected_terms
            object.__setattr__(self, "protected_terms", tuple(terms))


def variant_of_tag(tag: str | None) -> str | None:
    """"hans", "hant", "zh" (Chinese, variant unknown), "other" (not Chinese) or None."""
    if not tag:
        return None
    parts = tag.replace("_", "-").lower().split("-")
    if parts[0] not in ("zh", "cmn", "yue", "wuu", "hak", "nan", "gan"):
        return "other"
    if "hans" in parts or any(p in ("cn", "sg", "my") for p in parts[1:]):
        return "hans"
    if "hant" in parts or any(p in ("tw", "hk", "mo") for p in parts[1:]) or parts[0] == "yue":
        return "hant"
    return "zh"


def config_for_locale(tag: str | None) -> str | None:
    """The OpenCC configuration ``auto`` uses for a locale, or None (detect)."""
    variant = variant_of_tag(tag)
    if variant not in ("hans", "hant"):
        return None
    parts = tag.replace("_", "-").lower().split("-")  # type: ignore[union-attr]
    if variant == "hans":
        return "t2s"
    if "tw" in parts:
        return "s2twp"
    if "hk" in parts or "mo" in parts or parts[0] == "yue":
        return "s2hk"
    return "s2t"


def load_terms(path: str) -> tuple[str, ...]:
    text = Path(path).read_text(encoding="utf-8")
    return tuple(t for t in (line.split("#", 1)[0].strip() for line in text.splitlines()) if t)


@dataclass
class _Plan:
    config: str
    target: str  # "hans" | "hant"
    lang: str  # language tag recorded on each change
    minority: bool  # only convert characters written in the minority script
    dominant: str | None  # the document's dominant script


class ChineseFilter(Filter):
    name = "chinese"
    Options = ChineseOptions
    requires = ("opencc",)

    # -- configuration ---------------------------------------------------------

    def _terms(self) -> tuple[str, ...]:
        terms = getattr(self, "_terms_cache", None)
        if terms is None:
            terms = tuple(self.options.protected_terms)
            if self.options.protected_terms_file:
                terms += load_terms(self.options.protected_terms_file)
            terms = tuple(sorted({t for t in terms if t}, key=len, reverse=True))
            self._terms_cache = terms
        return terms

    def _terms_re(self) -> regex.Pattern | None:
        if not hasattr(self, "_terms_pattern"):
            terms = self._terms()
            self._terms_pattern = regex.compile("|".join(regex.escape(t) for t in terms)) if terms else None
        return self._terms_pattern

    def _converter(self, config: str):
        # built lazily in each process; "_" attributes are dropped on pickle
        converters = self.__dict__.setdefault("_converters", {})
        if config not in converters:
            converters[config] = cc.converter(config)
        return converters[config]

    # -- the filter --------------------------------------------------------------

    def apply(self, doc: Document) -> None:
        mode = self.options.chinese
        if mode == "off":
            return
        variant = variant_of_tag(doc.language)
        if variant == "other" or not _HAN.search(doc.source.text):
            return  # not Chinese (English, Japanese, …) or no Han at all
        if self._nothing_to_convert(doc, mode):
            return
        nodes = list(doc.text_nodes(keep=lambda n: _HAN.search(n.value)))
        if not nodes:
            return
        japanese: dict[int, bool] = {}
        # no kana nor Japanese-only kanji in the input (nor entities that could hide
        # some): no Japanese block
        src = doc.source.text
        kanji = "&#" in src or cc.has_japanese_kanji(src)
        if kanji and _is_japanese_kanji("\n".join(n.value for n, _ in nodes)[:DETECT_SAMPLE]):
            return  # Japanese written without kana (売上高　前年比12%増)
        any_japanese = kanji or _KANA.search(src) is not None

        def eligible(ctx: TextContext) -> bool:
            if ctx.lang and variant_of_tag(ctx.lang) == "other":
                return False
            if not any_japanese:
                return True
            key = id(ctx.block)
            if key not in japanese:
                japanese[key] = _is_japanese_block(ctx)
            return not japanese[key]

        nodes = [(n, ctx) for n, ctx in nodes if eligible(ctx)]
        plan = self._plan(doc, mode, nodes)
        if plan is None:
            return
        simp_only, trad_only = cc.script_sets()
        evidence = (simp_only if plan.target == "hant" else trad_only) - cc.also_correct(plan.config)
        conv = self._converter(plan.config)
        values = [n.value for n, _ in nodes]
        # OpenCC once over every node (phrases never span the "\n" between them): most
        # documents convert nothing, and then nothing else is done
        joined = "\n".join(values)
        converted = conv.convert(joined)
        if converted == joined:
            return
        outs = converted.split("\n")
        if len(outs) != len(values):  # a node with a newline of its own: node by node
            outs = [conv.convert(v) for v in values]
        lex = cc.lexicon(plan.config)
        for (node, ctx), value, out in zip(nodes, values, outs):
            if out == value:
                continue
            marked = variant_of_tag(ctx.lang)
            if marked in ("hans", "hant") and marked != plan.target:
                continue  # the input says which variant this text is in
            if plan.minority and evidence.isdisjoint(value):
                continue
            self._convert_node(doc, node, ctx, value, out, plan, lex, evidence)

    def _nothing_to_convert(self, doc: Document, mode: str) -> bool:
        """OpenCC over the whole input (about 100 MB/s) proves most documents consistent
        before any node is visited: when the conversion this run could make changes
        nothing in the input, it changes nothing in any text node either (phrases never
        span the markup between nodes). Auto without a locale converts the minority
        script, so the direction towards the likely majority changing nothing is enough
        (nothing of the minority script is there). Character references
        (``&#…;``) could hide characters: then the nodes are checked one by one."""
        src = doc.source.text
        if "&#" in src:
            return False
        config = mode if mode != "auto" else config_for_locale(doc.language)
        if config is None:  # the minority is what converts: guess the majority from the start
            simp, trad = cc.count_variants(src[:20_000])
            config = "t2s" if simp >= trad else "s2t"
        return self._converter(config).convert(src) == src

    def _plan(self, doc: Document, mode: str, nodes: list) -> _Plan | None:
        """A named configuration converts everything; a locale whose script the
        document already uses converts only the minority characters (its 台北 and
        公布 are correct Taiwan text, not leftovers for s2twp to rewrite)."""
        config = mode if mode != "auto" else config_for_locale(doc.language)
        dominant = _dominant(nodes)
        if config is not None:
            source, target, lang = cc.CONFIGS[config]
            return _Plan(config, target, lang, mode == "auto" and dominant == target, dominant)
        if dominant is None:
            return None
        if dominant == "hans":
            return _Plan("t2s", "hans", "zh-Hans", True, dominant)
        config = _traditional_standard(nodes)
        return _Plan(config, "hant", cc.CONFIGS[config][2], True, dominant)

    def _convert_node(self, doc, node, ctx, value, out, plan, lex, evidence) -> None:
        keep = _protected(value, self._terms_re(), ctx)
        runs = _diff_runs(value, out, self._converter(plan.config))
        ambiguity = cc.CONFIGS[plan.config][0] == "hans" and plan.target == "hant"
        self_valid_ok = plan.dominant == plan.target
        edits: list[tuple[int, int, str]] = []
        flags: list[tuple[int, str, tuple[str, ...]]] = []
        segments: dict[int, set[int]] = {}
        han_runs: list[tuple[int, int]] = []
        run_starts: list[int] = []

        def covered(k: int) -> bool:
            """Is ``value[k]`` inside a phrase of OpenCC's segmentation of its Han run?"""
            if not han_runs:
                han_runs.extend(m.span() for m in _HAN_RUN.finditer(value))
                run_starts.extend(a for a, _b in han_runs)
            at = bisect.bisect_right(run_starts, k) - 1
            if at < 0 or not han_runs[at][0] <= k < han_runs[at][1]:
                return False
            lo, hi = han_runs[at]
            if lo not in segments:
                segments[lo] = lex.multi_char_positions(value, lo, hi)
            return k in segments[lo]

        for i, j, new, aligned in runs:
            if not aligned:  # a phrase of another length (软件 → 軟體 is aligned; U盘 → 隨身碟 is not)
                if any(a < j and i < b for a, b in keep):
                    continue
                if not plan.minority or not evidence.isdisjoint(value[i:j]):
                    edits.append((i, j, new))
                continue
            if not plan.minority and lex.one_to_many.isdisjoint(value[i:j]) and not any(a < j and i < b for a, b in keep):
                edits.append((i, j, new))  # nothing to decide: the whole run converts
                continue
            # aligned: decide character by character, then join the kept ones into runs
            # (towards Simplified, a character OpenCC changes next to leftovers of the other
            # script is part of the same leftover word: 對於 is 对于, never half converted 对於)
            word_of_leftovers = not ambiguity and plan.minority and not evidence.isdisjoint(value[i:j])
            kept: list[int] = []
            for k in range(i, j):
                c = value[k]
                if any(a <= k < b for a, b in keep):
                    continue
                if word_of_leftovers:
                    kept.append(k)
                    continue
                candidates = lex.ambiguous(c)
                if candidates is None and not plan.minority:
                    kept.append(k)
                    continue
                lone = not covered(k)
                if candidates is not None and lone:
                    if c in candidates and self_valid_ok:
                        continue  # also correct in the target script: leave it
                    if ambiguity and c in lex.risky:
                        flags.append((k, new[k - i], candidates))
                        continue
                if plan.minority and c not in evidence:
                    if lone or not _segment_has_evidence(value, k, covered, evidence):
                        continue
                kept.append(k)
            start = None
            for n, k in enumerate(kept):
                if start is None:
                    start = k
                if n + 1 == len(kept) or kept[n + 1] != k + 1:
                    edits.append((start, k + 1, new[start - i : k + 1 - i]))
                    start = None
        blocked = {k for k, _s, _c in flags}
        blocked.update(k for a, b in keep for k in range(a, b))
        edits = _join(edits, value, blocked)
        reason = f"opencc {plan.config}"
        for k, suggestion, candidates in flags:
            doc.flag(
                node,
                k,
                k + 1,
                self.name,
                suggestion=suggestion,
                lang=plan.lang,
                confidence=round(1 / len(candidates), 2),
                reason=f"{reason}: {value[k]} is ambiguous ({'/'.join(candidates)}) with no phrase context; not converted",
            )
        if edits:
            doc.edit(node, edits, self.name, "converted", lang=plan.lang, reason=reason)


# --- helpers -------------------------------------------------------------------


def _join(edits: list[tuple[int, int, str]], value: str, blocked: set[int]) -> list[tuple[int, int, str]]:
    """One change per converted run: touching edits, and edits one unchanged Han
    character apart (價格戰: 格 is the same in both scripts), become one."""
    out: list[tuple[int, int, str]] = []
    for i, j, new in sorted(edits):
        if out:
            pi, pj, pnew = out[-1]
            if pj == i:
                out[-1] = (pi, j, pnew + new)
                continue
            if i - pj == 1 and pj not in blocked and _HAN.match(value[pj]):
                out[-1] = (pi, j, pnew + value[pj] + new)
                continue
        out.append((i, j, new))
    return out


def _inline_text(nodes: list) -> Iterator[str]:
    stack = list(reversed(nodes))
    while stack:
        n = stack.pop()
        if isinstance(n, Text):
            yield n.value
        elif isinstance(n, CONTAINER_INLINES):
            stack.extend(reversed(n.children))


def _is_japanese_block(ctx: TextContext) -> bool:
    """A paragraph (heading, table) written in Japanese: kana make up a tenth of its
    CJK, or Japanese-only kanji a twentieth of its Han (a headline without kana)."""
    text = "".join(t for inlines in inline_lists(ctx.block) for t in _inline_text(inlines))
    kana = len(_KANA.findall(text))
    han = len(_HAN.findall(text))
    return (kana >= 2 and kana >= 0.1 * (kana + han)) or _is_japanese_kanji(text)


def _is_japanese_kanji(text: str) -> bool:
    return cc.is_japanese_kanji(text, len(_HAN.findall(text)))


def _dominant(nodes: list) -> str | None:
    parts, size = [], 0
    for node, _ctx in nodes:
        parts.append(node.value)
        size += len(parts[-1])
        if size > DETECT_SAMPLE:
            break
    # URLs may carry Han in their paths; only nodes that hold one are scanned for them
    sample = "\n".join(_URL.sub("", p) if "://" in p or "www." in p or "@" in p else p for p in parts)
    if _KANA.search(sample):
        sample = _JA_WORD.sub(lambda m: "" if _KANA.search(m.group()) else m.group(), sample)
    simp, trad = cc.count_variants(sample)
    big, small = max(simp, trad), min(simp, trad)
    if big < MIN_EVIDENCE or big < MIN_RATIO * small:
        return None
    return "hans" if simp > trad else "hant"


def _traditional_standard(nodes: list) -> str:
    """s2tw, s2hk or s2t: the Traditional standard the document already follows, so
    converted leftovers take its forms. First from characters whose form differs
    between Taiwan and Hong Kong usage (着/裏 and Cantonese particles vs 裡 and the
    particle 著); else the standard whose variant forms disagree with the fewest of
    its characters: t2tw and t2hk count Taiwan's and Hong Kong's, regional forms
    (為 眾 啟, where OpenCC's standard writes 爲 衆 啓) count against s2t."""
    sample = "\n".join(n.value for n, _ in nodes)[:DETECT_SAMPLE]
    hk = len(_HK_MARKERS.findall(sample))
    tw = len(_TW_MARKERS.findall(sample)) - len(_NOT_TW_MARKERS.findall(sample))
    if tw > hk:
        return "s2tw"
    if hk > tw:
        return "s2hk"
    regional = cc.regional_forms()
    off = {
        "s2t": sum(n for c, n in Counter(sample).items() if c in regional),
        "s2tw": _count_changes(sample, cc.convert(sample, "t2tw")),
        "s2hk": _count_changes(sample, cc.convert(sample, "t2hk")),
    }
    return min(off, key=off.__getitem__)  # a tie keeps the earlier: s2t, then s2tw


def _count_changes(a: str, b: str) -> int:
    if len(a) == len(b):
        return sum(map(operator.ne, a, b))
    return sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in _opcodes(a, b) if tag != "equal")


def _opcodes(a: str, b: str):
    return difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()


def _segment_has_evidence(value: str, k: int, covered, evidence) -> bool:
    lo = k
    while lo > 0 and covered(lo - 1) and _HAN.match(value[lo - 1]):
        lo -= 1
    hi = k + 1
    while hi < len(value) and covered(hi) and _HAN.match(value[hi]):
        hi += 1
    return not evidence.isdisjoint(value[lo:hi])


def _protected(value: str, terms: regex.Pattern | None, ctx: TextContext) -> list[tuple[int, int]]:
    """Ranges never converted: protected terms, URLs, Japanese words inside Chinese."""
    if ctx.in_link and any(isinstance(a, Link) and a.href.strip() == value.strip() for a in ctx.ancestors):
        return [(0, len(value))]  # an autolink's text is its URL
    keep = [m.span() for m in _URL.finditer(value)] if ("/" in value or "@" in value) else []
    if terms is not None:
        keep.extend(m.span() for m in terms.finditer(value))
    if _KANA.search(value):
        keep.extend(m.span() for m in _JA_WORD.finditer(value) if _KANA.search(m.group()))
    return keep


def _diff_runs(value: str, out: str, conv) -> list[tuple[int, int, str, bool]]:
    """Changed runs ``(i, j, new, aligned)``; ``aligned`` runs map character to character."""
    if len(value) == len(out):
        mask = bytes(map(operator.ne, value, out))
        return [(m.start(), m.end(), out[m.start() : m.end()], True) for m in _ONES.finditer(mask)]
    runs: list[tuple[int, int, str, bool]] = []
    for m in _CHUNK.finditer(value):
        chunk = m.group()
        if not _HAN.search(chunk):
            continue
        new = conv.convert(chunk)
        if new == chunk:
            continue
        base = m.start()
        if len(new) == len(chunk):
            mask = bytes(map(operator.ne, chunk, new))
            runs.extend((base + r.start(), base + r.end(), new[r.start() : r.end()], True) for r in _ONES.finditer(mask))
            continue
        for tag, i1, i2, j1, j2 in _opcodes(chunk, new):
            if tag == "equal":
                continue
            aligned = i2 - i1 == j2 - j1
            runs.append((base + i1, base + i2, new[j1:j2], aligned))
    return runs
