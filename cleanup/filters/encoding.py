"""Encoding filter: mojibake and broken Unicode (ftfy), NFC, invisible junk.

Configured the way large multilingual corpus pipelines configure ftfy: no
character-width folding (it rewrites full-width CJK punctuation), no quote
uncurling (curly quotes are correct typography), no HTML unescaping (readers have
already decoded entities). ftfy guarantees correctly decoded text is left alone,
and a text node it could not change is not handed to it (nor is ftfy imported for
a document that has none): see ``may_need_ftfy``. Zero-width joiners/non-joiners and bidi marks are kept: scripts and emoji need them.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from cleanup.document import Document, Text
from cleanup.filters import Filter
from cleanup.lazy_pattern import LazyPattern


@cache
def ftfy_config():
    """ftfy and our configuration of it, imported on first need (it is a third of a
    short article's start-up time)."""
    import ftfy

    return ftfy, ftfy.TextFixerConfig(
        unescape_html=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        normalization="NFC",
        explain=True,
    )


# What ftfy 6 can act on, from its source: its mojibake test (``badness.is_bad``) only
# matches two adjacent characters of its mojibake tables (Latin-1 and Latin Extended-A,
# Greek, Cyrillic, punctuation, currency, math and box-drawing symbols: MOJIBAKE_PAIR
# holds them all, by whole ranges) or one of Â Ã Œ œ before another character; its other
# fixes need a C1 or C0 control, a ligature it splits, a lone surrogate, an invisible
# format character it removes, or text that is not NFC. So a pair of Arabic, Hebrew,
# Indic, Thai or CJK letters, or an emoji, is no evidence: such text skips ftfy.
# tests/test_encoding.py checks this against ftfy's own tables and by differential tests.
# (plain character classes: the standard library's engine scans them twice as fast as regex)
MOJIBAKE_PAIR = (
    "\x80-\u017f\u0192\u02c6-\u02dd\u0384-\u03ce\u0400-\u0491\u2013-\u2044\u20a0-\u20ac\u2116-\u2122"
    "\u2202-\u2265\u2310\u2500-\u25ca\uf8ff\ufb01\ufb02\ufffd"
)
_MAY_NEED_FTFY = re.compile(
    f"[{MOJIBAKE_PAIR}]{{2}}"
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9fÂÃŒœ\u0132\u0133\u0149\u01c4-\u01cc\u01f1-\u01f3"
    r"\ufb00-\ufb06\ud800-\udfff\u206a-\u206f\ufeff\ufff9-\ufffd]"
)

_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # the ASCII part of the class above

# Arabic-script UTF-8 read as Windows-1256 (``ظ…غŒâ€Œط±ط³ط¯`` for ``می‌رسد``): ftfy has no
# cp1256 tables, so this mojibake passes it untouched. Every Arabic-block letter is two bytes
# D8-DB xx, i.e. one of ط ظ ع غ followed by a continuation byte (80-BF: the cp1256 characters
# below); ``آ`` (C2) leads «, » and the no-break space, ``â€``/``ï`` (E2 80, EF) lead the
# ZWNJ, dashes, quotes and presentation forms. A run made only of such pairs and ASCII
# decodes back; real Persian, Urdu or Arabic words are never made of pairs only.
_CP1256_CONT = bytes(range(0x80, 0xC0)).decode("cp1256")
_CP1256_GATE = re.compile(f"[طظعغ][{_CP1256_CONT}][طظعغ][{_CP1256_CONT}]")
_CP1256_RUN = re.compile(
    f"(?:[طظعغآ][{_CP1256_CONT}]|[âï][{_CP1256_CONT}]{{2}})"
    f"(?:[طظعغآ][{_CP1256_CONT}]|[âï][{_CP1256_CONT}]{{2}}|[\\t -~]+(?=[طظعغآâï]))*"
)
_CP1256_MIN_PAIRS = 3
_ARABIC_LETTER = re.compile("[\u0620-\u064a\u066e-\u06d3\u06fa-\u06fc]")
_CP1256_OK = re.compile("[\t -~\u00a0\u00ab\u00bb\u0600-\u06ff\u200c-\u200f\u2010-\u2026\ufb50-\ufeff]*")


def cp1256_edits(text: str) -> list[tuple[int, int, str]]:
    """(i, j, repaired) for each run of Windows-1256 mojibake in ``text`` (see above)."""
    if ("ط" not in text and "ظ" not in text) or not _CP1256_GATE.search(text):
        return []
    edits = []
    for m in _CP1256_RUN.finditer(text):
        run = m.group(0)
        if len(run) < 2 * _CP1256_MIN_PAIRS:
            continue
        try:
            fixed = run.encode("cp1256").decode("utf-8")
        except UnicodeError:
            continue
        if (len(run) - len(fixed) < _CP1256_MIN_PAIRS or not _ARABIC_LETTER.search(fixed)
                or not _CP1256_OK.fullmatch(fixed)):
            continue
        edits.append((m.start(), m.end(), unicodedata.normalize("NFC", fixed)))
    return edits


def may_need_ftfy(text: str) -> bool:
    """False when ftfy (as configured here) is sure to return ``text`` unchanged."""
    if text.isascii():  # most text nodes: NFC, no mojibake pair; only a control character counts
        return _ASCII_CONTROL.search(text) is not None
    return bool(_MAY_NEED_FTFY.search(text)) or not unicodedata.is_normalized("NFC", text)


# zero-width space, soft hyphen, word joiner, invisible operators, stray BOM, bidi overrides
_JUNK = re.compile(r"[\u200b\u00ad\u2060-\u2064\ufeff\u202a-\u202e\u2066-\u2069]+")
# in HTML a soft hyphen (``&shy;``) is the page's hyphenation hint for a long word, not junk
_JUNK_IN_HTML = re.compile(r"[\u200b\u2060-\u2064\ufeff\u202a-\u202e\u2066-\u2069]+")
_RTL = LazyPattern(r"[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]")
_RTL_KEEP = LazyPattern(r"[\u202a\u202b\u202c\u2066-\u2069]")
# scripts written without spaces between words: a zero-width space between two of their
# letters is the writer's word boundary (where a line may break), not junk
_UNSPACED_SCRIPT = LazyPattern(
    r"[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}]")
_JUNK_NAMES = {
    "\u200b": "zero-width space",
    "\u00ad": "soft hyphen",
    "\ufeff": "stray byte-order mark",
    "\u202d": "left-to-right override",
    "\u202e": "right-to-left override",
}


@dataclass(frozen=True)
class EncodingOptions:
    fix_mojibake: bool = True
    remove_invisible: bool = True


def _diff_regions(old: str, new: str) -> list[tuple[int, int, str]]:
    """Minimal (i, j, replacement) edits turning ``old`` into ``new``."""
    p = 0
    limit = min(len(old), len(new))
    while p < limit and old[p] == new[p]:
        p += 1
    q = 0
    while q < limit - p and old[-1 - q] == new[-1 - q]:
        q += 1
    o_mid, n_mid = old[p : len(old) - q], new[p : len(new) - q]
    if len(o_mid) + len(n_mid) > 4000:
        return [(p, len(old) - q, n_mid)]
    edits = []
    matcher = difflib.SequenceMatcher(None, o_mid, n_mid, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            edits.append((p + i1, p + i2, n_mid[j1:j2]))
    return _merge_close(edits, o_mid, p)


def _merge_close(edits: list[tuple[int, int, str]], o_mid: str, p: int) -> list[tuple[int, int, str]]:
    """Join edits separated only by letters of one word: one change per repair."""
    merged: list[tuple[int, int, str]] = []
    for i, j, new in edits:
        if merged and i - merged[-1][1] <= 2:
            pi, pj, pnew = merged[-1]
            gap = o_mid[pj - p : i - p]
            merged[-1] = (pi, j, pnew + gap + new)
        else:
            merged.append((i, j, new))
    return merged


def _run_chain(text: str, chain: tuple) -> str | None:
    """``text`` through ftfy's encode/decode steps, or None when a step fails (strictly:
    a byte the encoding has no character for, or bytes that are no UTF-8)."""
    ftfy_config()  # registers ftfy's sloppy codecs
    data: bytes | str = text
    try:
        for op, codec in chain:
            if op == "encode":
                if not isinstance(data, str):
                    return None
                data = data.encode(codec)
            else:
                if not isinstance(data, bytes):
                    return None
                data = data.decode(codec)
    except (UnicodeError, LookupError):
        return None
    if not isinstance(data, str) or unicodedata.category(data[:1] or "a") == "Cc":
        return None
    fixed = unicodedata.normalize("NFC", data)
    if any(unicodedata.category(c) in ("Cc", "Co", "Cn") and c not in "\t\n" for c in fixed):
        return None  # C1 controls or unassigned code points: not the text that was meant
    return fixed


# ftfy repairs UTF-8 read as a legacy code page where its tables find evidence, which a short
# word often lacks: in ``РџРѕ СЃР»РѕРІР°Рј`` it decodes ``словам`` and leaves ``По`` (``РІ``, ``РґРІР°``,
# Czech ``danÄ›``, Swedish ``nÃ¥``, Hungarian ``Ă`` + U+00AD: í, whose second byte is a soft hyphen). Once a
# node holds a repair that one of these code pages explains, a word in which that code page's
# two-byte letter pairs (a lead byte C3-C5 or C8, D0-D2, then a continuation byte 80-BF) decode
# strictly into letters of the repaired script is the same mojibake: see ``leftover_edits``.
# A word that reads as text on its own is left alone: a Cyrillic word must be made of pairs only
# (``Рік``, ``ТРЁХ`` are Ukrainian and Russian words), a Latin one must not be letters only in one
# case or title case (``PÄŤ`` is Slovak; ``Ăşj`` stays for want of a dictionary).
_LEFTOVER_CODECS = {
    # codec: (lead bytes, decoded letters it may yield, only pairs in a word)
    "sloppy-windows-1252": (b"\xc3\xc4\xc5\xc8", "\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u017f\u0218-\u021b", False),
    "sloppy-windows-1250": (b"\xc3\xc4\xc5\xc8", "\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u017f\u0218-\u021b", False),
    "sloppy-windows-1251": (b"\xd0\xd1\xd2", "\u0400-\u045f\u0490\u0491", True),
}


def _reads_as_text(word: str) -> bool:
    """Letters only (a modifier letter such as ``ˇ`` is none), all in one case or title case."""
    if not all(unicodedata.category(c) in ("Lu", "Ll", "Lo") for c in word):
        return False
    return word.islower() or word.isupper() or word.istitle()


@cache
def _leftover_patterns(codec: str) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """(pair, word, letters) for ``codec``: one mojibake pair; a word of letters and pairs (a
    pair first: its lead is a letter too, its continuation often not); a decoded word's letters."""
    ftfy_config()  # registers the sloppy codecs
    leads, letters, _ = _LEFTOVER_CODECS[codec]
    lead = re.escape(leads.decode(codec))
    cont = re.escape(bytes(range(0x80, 0xC0)).decode(codec))
    pair = f"[{lead}][{cont}]"
    return (
        re.compile(f"(?:{pair})+"),
        re.compile(f"(?:{pair}|[^\\W\\d_])+"),
        re.compile(f"(?:[A-Za-z]|[{letters}])+"),
    )


def leftover_codecs(old: str, edits: list[tuple[int, int, str]]) -> list[str]:
    """The code pages (of ``_LEFTOVER_CODECS``) whose UTF-8 mojibake one of ``edits`` of ``old``
    undid: encoding its ``before`` and decoding that as UTF-8 gives exactly its ``after``."""
    found = []
    for i, j, new in edits:
        before = old[i:j]
        if before.isascii() or not new:
            continue
        for codec in _LEFTOVER_CODECS:
            if codec in found:
                continue
            try:
                decoded = before.encode(codec).decode("utf-8")
            except UnicodeError:
                continue
            if unicodedata.normalize("NFC", decoded) == new:
                found.append(codec)
    return found


def leftover_edits(text: str, codecs: list[str]) -> list[tuple[int, int, str, str]]:
    """(i, j, repaired, codec) for each word of ``text`` still holding mojibake pairs of one of
    ``codecs`` (the code pages a repair of this node already undid) that decodes into letters
    only. The edit spans the word when its other letters are ASCII, else each run of pairs (the
    other letters are ftfy's: a change's ``before`` is the input's text)."""
    edits: list[tuple[int, int, str, str]] = []
    done: set[int] = set()  # positions of the words already repaired, by an earlier code page
    for codec in codecs:
        pair, word, letters = _leftover_patterns(codec)
        if not pair.search(text):  # the plain gate: most repaired nodes have nothing left
            continue
        for w in word.finditer(text):
            start, end = w.span()
            if done and not done.isdisjoint(range(start, end)):
                continue
            if not _LEFTOVER_CODECS[codec][2] and _reads_as_text(w.group(0)):
                continue
            runs = []
            for m in pair.finditer(text, start, end):
                try:
                    runs.append((m.start(), m.end(), m.group(0).encode(codec).decode("utf-8")))
                except UnicodeError:
                    break
            else:
                if not runs or (_LEFTOVER_CODECS[codec][2] and sum(j - i for i, j, _ in runs) < end - start):
                    continue
                fixed, last = [], start
                for i, j, new in runs:
                    fixed += [text[last:i], new]
                    last = j
                fixed.append(text[last:end])
                whole = unicodedata.normalize("NFC", "".join(fixed))
                if not letters.fullmatch(whole):
                    continue
                done.update(range(start, end))
                if "".join(fixed[::2]).isascii():
                    edits.append((start, end, whole, codec))
                else:
                    edits += [(i, j, unicodedata.normalize("NFC", new), codec) for i, j, new in runs]
    return edits


# ” is UTF-8 E2 80 9D, and 0x9D is the one byte Windows-1252 has no character for: pipelines that
# read UTF-8 as Windows-1252 often drop it, leaving ``â€`` before a space or punctuation, which
# ftfy then reads as † (E2 80 A0, the space taken for a no-break space) or leaves alone.
_CUT_CLOSING_QUOTE = LazyPattern(r"â€(?=[\x00-\x7f]|\Z)")


def _restore_lost_closing_quotes(value: str) -> str:
    """``â€`` that closes a quotation the node opened (``â€œ…`` or ``“…``) gets its lost 0x9D
    back, so ftfy decodes it as ” (not †); any other ``â€`` is left as it is."""
    out: list[str] = []
    depth = 0  # open quotations before the current position
    last = 0
    for m in _CUT_CLOSING_QUOTE.finditer(value):
        between = value[last : m.start()]
        depth += between.count("“") + between.count("â€œ") - between.count("”") - between.count("â€\x9d")
        out.append(between)
        if depth > 0:
            out.append("â€\x9d")
            depth -= 1
        else:
            out.append("â€")
        last = m.end()
    out.append(value[last:])
    return "".join(out)


def _explain(steps: list) -> str:
    return "ftfy: " + ", ".join(f"{a} {b}" for a, b in steps) if steps else "ftfy"


REDETECT_SHARE = 0.25  # of the text: repaired nodes that may have misled the language guess


class EncodingFilter(Filter):
    name = "encoding"
    Options = EncodingOptions

    def apply(self, doc: Document) -> None:
        rtl = None
        junk = _JUNK_IN_HTML if doc.format == "html" else _JUNK
        nodes = doc.texts()
        if doc.head_title is not None:
            nodes.append(doc.head_title)  # the page's <title> carries the same mojibake as its body
        alts = doc.alt_texts()
        nodes.extend(text for _, text in alts)  # and so do its images' alt texts
        repaired = 0  # characters of the nodes ftfy repaired
        total = 0
        chains: dict[tuple, int] = {}  # encode/decode chains ftfy applied to whole nodes, and how often
        unsure: list[Text] = []  # nodes that may need ftfy and that it left alone
        for node in nodes:
            value = node.value
            total += len(value)
            if self.options.fix_mojibake and (edits := cp1256_edits(value)):
                doc.edit(node, edits, self.name, "repaired", reason="encode windows-1256, decode utf-8")
                repaired += len(value)
                value = node.value
            if self.options.fix_mojibake and may_need_ftfy(value):
                ftfy, config = ftfy_config()
                restored = _restore_lost_closing_quotes(value) if "â€" in value else value
                fixed, steps = ftfy.fix_and_explain(restored, config=config)
                if restored != value and "\x9d" in fixed:  # not decoded after all: as without it
                    restored = value
                    fixed, steps = ftfy.fix_and_explain(value, config=config)
                if restored != value and "â€" not in fixed:
                    steps = list(steps or []) + [("restore", "closing quote's lost 0x9D byte")]
                elif fixed == restored:
                    fixed = value  # nothing repaired: the restored byte is not written either
                if fixed == value:
                    unsure.append(node)
                elif steps and all(s[0] in ("encode", "decode") for s in steps):
                    chains[tuple(steps)] = chains.get(tuple(steps), 0) + 1
                if fixed != value:
                    reason = _explain(steps or [])
                    action = "repaired"
                    if steps and all(s[0] == "normalize" for s in steps):
                        action = "normalized"
                    regions = _diff_regions(value, fixed)
                    doc.edit(node, regions, self.name, action, reason=reason)
                    if action == "repaired":
                        repaired += len(value)
                        if codecs := leftover_codecs(value, regions):
                            self._leftovers(doc, node, codecs)
                    value = node.value
            if self.options.remove_invisible and not value.isascii() and junk.search(value):
                if rtl is None:
                    rtl = bool(_RTL.search(doc.source.text[:100000]))
                self._remove_junk(doc, node, rtl, junk)
        if unsure and chains:
            repaired += self._replay(doc, unsure, chains)
        for image, text in alts:
            image.alt = text.value
        if repaired >= REDETECT_SHARE * total and repaired and doc.language_detected:
            # the language was guessed from the mojibake (``Ø§Ù„`` reads as Danish, ``Î‘`` as
            # Romanian): guess again from the repaired words, for the filters after this one
            # (a few repaired quotes or accents in an article change no guess)
            from cleanup.lang import SAMPLE_CHARS, detect_language

            doc.language = detect_language(doc.visible_text(limit=SAMPLE_CHARS, code=False))

    def _leftovers(self, doc: Document, node: Text, codecs: list[str]) -> None:
        """Words ftfy left in a node it repaired, made of the same code page's mojibake."""
        if found := leftover_edits(node.value, codecs):
            reasons = [f"encode {codec}, decode utf-8 (as ftfy did elsewhere in this text)" for *_, codec in found]
            doc.edit(node, [(i, j, new) for i, j, new, _ in found], self.name, "repaired", reasons=reasons)

    def _replay(self, doc: Document, nodes: list[Text], chains: dict[tuple, int]) -> int:
        """A short line with a single mojibake pair (``- powstanÄ… dwa nowe przystanki;``: ``Ä…``
        may be an A-umlaut and an ellipsis) is no evidence for ftfy alone; in a document where
        ftfy undid one encoding chain on at least two other text nodes, the same chain undoes
        it when it decodes the whole node cleanly. Only that chain, only whole nodes."""
        chain = max(chains, key=chains.get)
        if chains[chain] < 2:
            return 0
        done = 0
        for node in nodes:
            value = node.value
            fixed = _run_chain(value, chain)
            if fixed is None or fixed == value or not may_need_ftfy(value):
                continue
            reason = _explain(list(chain)) + " (as elsewhere in this document)"
            doc.edit(node, _diff_regions(value, fixed), self.name, "repaired", reason=reason)
            done += len(value)
        return done

    def _remove_junk(self, doc: Document, node: Text, rtl: bool, junk: re.Pattern) -> None:
        edits, reasons = [], []
        for m in junk.finditer(node.value):
            run = m.group(0)
            if rtl:
                run = _RTL_KEEP.sub("", run)
                if not run:
                    continue
            if len(run) != len(m.group(0)):
                continue  # mixed run in RTL text: leave the embedding controls alone
            if run.strip("\u200b") == "" and _word_break_hint(node.value, m.start(), m.end()):
                continue  # วันนี้\u200bที่เชียงใหม่: Thai, Lao, Khmer or Burmese words kept apart
            names = sorted({_JUNK_NAMES.get(c, f"U+{ord(c):04X}") for c in run})
            edits.append((m.start(), m.end(), ""))
            reasons.append("invisible character removed: " + ", ".join(names))
        if edits:
            doc.edit(node, edits, self.name, "removed", reasons=reasons)


def _word_break_hint(text: str, start: int, end: int) -> bool:
    """Zero-width spaces at ``text[start:end]`` between two letters of a script written
    without spaces (Thai, Lao, Khmer, Myanmar, Tibetan): a word boundary, kept."""
    return (0 < start and end < len(text) and _UNSPACED_SCRIPT.match(text, start - 1) is not None
            and _UNSPACED_SCRIPT.match(text, end) is not None)
