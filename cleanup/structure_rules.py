"""Shared rules for the ``structure`` and ``boilerplate`` filters.

Small pure functions over lines: splitting a paragraph's inlines into lines, the
plain text of inline nodes, where a line sits in the source, and the script-aware
test of whether a line *could* be a heading (``heading_like``). Context (what comes
before and after) is decided by the filters. Every regex uses the ``regex`` module
with bounded quantifiers or simple alternations: linear time on any input.
"""

from __future__ import annotations

import unicodedata
from itertools import islice

import regex

from cleanup.document import (
    CONTAINER_INLINES,
    Break,
    CodeSpan,
    Document,
    Image,
    Inline,
    Link,
    RawInline,
    Text,
)

from cleanup.lazy_pattern import LazyPattern

# sentence-final punctuation, optionally followed by closing quotes/brackets
# (with the full stops of scripts that have their own: Devanagari and Bengali ।॥, Arabic ؟؛ and Urdu ۔,
# Armenian ։, Ethiopic ።, Myanmar ။, Khmer ។)
TERMINAL = LazyPattern(r"[.!?。！？…‼⁉;；।॥؟؛۔։።။។]['\"”’»」』)）\]]*$")
SOFT_END = LazyPattern(r"[,，、]$")
COLON_END = LazyPattern(r"(?<!\s)\s*+[:：]$")  # tried only where a space run starts: linear
WIDE = frozenset("WF")
_LETTER = LazyPattern(r"\p{L}")
_MARKS = LazyPattern(r"\p{M}")
_CASED_FIRST = LazyPattern(r"^[^\p{L}]{0,6}(\p{L})")
_INTERNAL_SENTENCE = LazyPattern(r"\p{Ll}{3}[.!?]\s+\p{Lu}|[!?！？؟]\s*\S|[。।۔]\s*\S")
_DEBRIS = LazyPattern(r"[\"']>|<\s*/?\s*[A-Za-z]|https?://|www\.[a-z0-9-]{2,}\.|\{\{|\}\}|\[/?\w{1,10}\]")
_QUOTED = LazyPattern(r"^[\"“„«‘'「『].{0,300}[\"”“»’'」』]$")
_LABEL_COMMAS = LazyPattern(r"^[^:：]{1,30}[:：]\s*\S[^\n]*[,，、]")
# month names (and genitive forms) of the languages whose dates are written "14 March 2025" or "14. März"
MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
    r"|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
    r"|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre"
    r"|janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro|dezembro"
    r"|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre"
    r"|januari|februari|maart|mei|augustus|mars|maj|juni|juli|augusti|oktober|desember|marts"
    r"|tammikuuta|helmikuuta|maaliskuuta|huhtikuuta|toukokuuta|kesäkuuta|heinäkuuta|elokuuta|syyskuuta"
    r"|lokakuuta|marraskuuta|joulukuuta|stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września"
    r"|października|listopada|grudnia|ledna|února|března|dubna|května|června|července|srpna|září|října"
    r"|listopadu|prosince|ocak|şubat|mart|nisan|mayıs|haziran|temmuz|ağustos|eylül|ekim|kasım|aralık"
    r"|ianuarie|februarie|martie|aprilie|iunie|iulie|septembrie|octombrie|noiembrie|decembrie"
    r"|január|február|március|április|május|június|július|augusztus|szeptember|október|december"
    r"|Ιανουαρίου|Φεβρουαρίου|Μαρτίου|Απριλίου|Μαΐου|Ιουνίου|Ιουλίου|Αυγούστου|Σεπτεμβρίου|Οκτωβρίου"
    r"|Νοεμβρίου|Δεκεμβρίου|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
    r"|січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня)"
)
_DAY_MONTH = LazyPattern(r"\b\d{1,2}\.?\s+(?:de\s+)?" + MONTHS + r"\b|\b" + MONTHS + r"\s+\d{1,2}\b", regex.IGNORECASE)
_DATE = LazyPattern(
    r"\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\d{4}\s?年\s?\d{1,2}\s?月"
    r"|\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+\d{1,2},?\s+\d{4}\b"
    r"|\b\d{1,2}\.?\s+(?:de\s+)?" + MONTHS + r"\s+(?:de\s+)?\d{4}\b|\b\d{4}\.\s+" + MONTHS + r"\s+\d{1,2}\.",
    regex.IGNORECASE,
)
# lines that are metadata, not headings: bylines, labels, reading time, captions
_META_LABEL = LazyPattern(
    r"^(?:tags?|keywords?|categor(?:y|ies)|filed under|author|authors|photo|image|picture|caption|credits?|source"
    r"|sources|via|original|updated|published|posted|schlagwörter|stichwörter|kategorie|autor(?:in)?|foto|bild"
    r"|quelle|aktualisiert|veröffentlicht|mots-clés|étiquettes|catégorie|auteur|crédit|publié|mis à jour"
    r"|etiquetas|palabras clave|categoría|fuente|publicado|actualizado|теги|метки|ключевые слова|рубрика|автор"
    r"|фото|источник|опубликовано|обновлено|标签|关键词|分类|作者|来源|來源|图片|图|记者|编辑|責任編輯|责任编辑"
    r"|发布时间|更新时间|タグ|カテゴリー?|著者|写真|出典|編集|frage|antwort|question|réponse|pregunta|respuesta"
    r"|вопрос|ответ|问|答|kuva|lähde|teksti|kirjoittaja|fotó|forrás|szerző|kép|zdjęcie|źródło|tekst|fotografia"
    r"|imagem|fonte|texto|fotoğraf|kaynak|yazan|yazar|φωτογραφία|πηγή|kilde|källa|bron|beeld|autore|testo|zdroj"
    r"|sursa|sursă|read more|read also|see also|related(?: articles| stories)?|lesen sie auch|mehr zum thema"
    r"|lire aussi|à lire aussi|voir aussi|lee también|leer más|ver también|leia também|leggi anche"
    r"|читайте также|смотрите также|subject|betreff|objet|asunto|oggetto|onderwerp|temat|тема|主题|主題|件名|제목"
    # source, photo, reporter and editor labels of more languages: "출처: 연합뉴스" is no heading
    r"|editor|reporter|photographer|출처|사진|기자|원문|편집|글|nguồn|ảnh|theo|tác giả|biên tập|sumber"
    r"|penulis|pewarta|penyunting|kata kunci|ที่มา|แหล่งที่มา|ภาพ|المصدر|مصدر|تصوير|صورة|الكاتب|المحرر|מקור"
    r"|צילום|כתב|עריכה|स्रोत|फोटो|लेखक|संपादक|haber|muhabir|editör|chanzo|picha|mwandishi|mhariri"
    r"|pinagmulan|larawan|джерело|світлина|πηγές|font|fonts|সূত্র|ছবি|மூலம்|படம்|pautan asal"
    r"|\p{L})\s*[:：]",
    regex.IGNORECASE,
)
_BYLINE = LazyPattern(
    r"^(?i:by|von|par|por|di|door|av|written by|posted by|text:?|текст:?)\s+\p{Lu}[\p{L}'’.-]*"
    r"(?:\s+(?:\p{Lu}[\p{L}'’.-]*|and|und|et|y|e|и|&)|\s*,)*\s*$|^(?:文|记者|作者|撰文)[/／:：|｜]"
)
_READING_TIME = LazyPattern(
    r"\b\d{1,3}\s*(?:min(?:ute)?s?|minuten|мин(?:ут[аы]?)?)\b.{0,12}(?:read|lesezeit|lecture|lectura|чтения)"
    r"|^(?:lesezeit|temps de lecture|tiempo de lectura|время чтения|阅读时间|reading time|czas czytania|leestijd"
    r"|lästid|lesetid|læsetid|tempo de leitura|tempo di lettura|lukuaika|okuma süresi|doba čtení|olvasási idő)\b",
    regex.IGNORECASE,
)
# photo credits and bylines without a colon: "Foto di Giulia Neri", "Fot. PAP/Leszek Szymański", "Γράφει ο …"
_CREDIT_LINE = LazyPattern(
    r"^(?:(?:photo|foto|kuva|zdjęcie|fotó|fotografia|φωτογραφία|photograph|illustration|image|graphic|video)"
    r"(?:\s+credit)?\s+(?:by|von|di|de|par|door|av|af)\s+\p{Lu}|fot\.\s*\p{Lu}|image credit\s+\p{Lu}"
    r"|(?:reporting|additional reporting|editing|writing|research|translation) by\s+\p{Lu}"
    r"|(?:updated|published|posted|last updated|first published)\b.{0,12}\d"
    r"|(?:AP|AFP|Reuters|EPA|dpa) (?:Photo|Foto)\b|getty images\b|courtesy of\b|(?:γράφει|γράφουν)\s)"
    r"|^(?:advertisement|anzeige|publicité|publicidad|listen to this article|artikel anhören|écouter cet article)$",
    regex.IGNORECASE,
)
def is_label_line(text: str) -> bool:
    """``Source: …``, ``Tags: …``, ``Foto: …``: a metadata line, kept on its own."""
    return bool(_META_LABEL.match(text.strip()))


_FIELD = LazyPattern(r"^(?P<label>[^\s:：][^:：\n]{0,40}?)[:：][ \t]+\S")
_ALIGNED = LazyPattern(r"\S(?:[ ]{2,}|\t)\S")


def is_field_line(text: str) -> bool:
    """``Abfahrt Hamburg Hbf:   19:42 Uhr``: a short label and its value, or columns
    aligned with runs of spaces. A block of such lines is a list of facts, not prose
    someone hard-wrapped."""
    m = _FIELD.match(text)
    return bool(m and len(m.group("label").split()) <= 4) or bool(_ALIGNED.search(text))


_DASH_START = LazyPattern(r"^[-–—‒―•·*]")
_TITLE_WORD = LazyPattern(r"^[^\p{L}]*\p{Lu}")


_LINE_SPACE = LazyPattern(r"[ \t\r\n]+")


def one_line(text: str) -> str:
    """``text`` on one line, runs of spaces and newlines as one space; a no-break space is
    kept (``str.split`` would turn "10\u00a0%" into "10 %", unlike the written output)."""
    return _LINE_SPACE.sub(" ", text).strip(" ")


def plain(nodes: list[Inline]) -> str:
    """The words of inline nodes (breaks as newlines, code spans as their code)."""
    out: list[str] = []
    stack = list(reversed(nodes))
    while stack:
        n = stack.pop()
        if isinstance(n, Text):
            out.append(n.value)
        elif isinstance(n, CONTAINER_INLINES):
            stack.extend(reversed(n.children))
        elif isinstance(n, CodeSpan):
            out.append(n.code)
        elif isinstance(n, Image):
            out.append(n.alt)
        elif isinstance(n, Break):
            out.append("\n")
        elif isinstance(n, RawInline):
            pass
    return "".join(out)


def split_lines(children: list[Inline]) -> list[list[Inline]]:
    """A paragraph's inlines cut at its line breaks (soft and hard)."""
    lines: list[list[Inline]] = [[]]
    for node in children:
        if isinstance(node, Break):
            lines.append([])
        else:
            lines[-1].append(node)
    return [line for line in lines if plain(line).strip() or any(not isinstance(n, Text) for n in line)]


def text_nodes_of(nodes: list[Inline]) -> list[Text]:
    out: list[Text] = []
    stack = list(reversed(nodes))
    while stack:
        n = stack.pop()
        if isinstance(n, Text):
            out.append(n)
        elif isinstance(n, CONTAINER_INLINES):
            stack.extend(reversed(n.children))
    return out


def source_range(nodes: list[Inline]) -> tuple[int, int] | None:
    """Normalized-source range covered by ``nodes`` (text maps and node ``src``)."""
    lo: int | None = None
    hi: int | None = None

    def take(a: int, b: int) -> None:
        nonlocal lo, hi
        lo = a if lo is None else min(lo, a)
        hi = b if hi is None else max(hi, b)

    for n in nodes:
        src = getattr(n, "src", None)
        if src is not None:
            take(*src)
    for t in text_nodes_of(nodes):
        r = t.text.source_range
        if r is not None:
            take(*r)
    if lo is None or hi is None:
        return None
    return lo, hi


def line_bounds(doc: Document, start: int, end: int) -> tuple[int, int]:
    """The whole source line(s) around ``start..end``, without edge whitespace."""
    text = doc.source.text
    s = text.rfind("\n", 0, start) + 1
    e = text.find("\n", end)
    e = len(text) if e == -1 else e
    while s < e and text[s] in " \t":
        s += 1
    while e > s and text[e - 1] in " \t\r":
        e -= 1
    return s, e


def width(text: str) -> int:
    """Display width: East Asian wide and full-width characters count two."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(c) in WIDE else 1 for c in text)


def is_wide(ch: str) -> bool:
    return bool(ch) and unicodedata.east_asian_width(ch) in WIDE


def first_letter(text: str) -> str | None:
    m = _CASED_FIRST.match(text)
    return m.group(1) if m else None


def is_cased(text: str) -> bool:
    """Is the line written in a script with letter case (Latin, Cyrillic, Greek…)?"""
    letters = list(islice((c for c in text if c.isalpha()), 40))  # the first 40 decide: a paragraph can be long
    if not letters:
        return False
    cased = sum(1 for c in letters if c.lower() != c.upper())
    return cased * 2 > len(letters)


def ends_terminal(text: str) -> bool:
    return bool(TERMINAL.search(text.rstrip()))


_NOT_A_WORD = LazyPattern(r"^\S*(?:@|://|www\.)")


# words no heading ends with: a line ending in one is a sentence broken by a wrap
_DANGLING = frozenset(
    "a an the of with and or to for in on at by from that which who as than but "
    "der die das den dem des ein eine und oder mit von zu für im auf bei dass "
    "le la les un une de du des et ou avec pour dans sur par que qui "
    "el los las una del y con para en por que "
    "il lo gli di e con per nel che "
    "o os um uma do da dos das e com para no na que".split()
)


# a line that starts with one of these continues the story: a sentence fragment, no heading
_FRAGMENT_OPENERS = frozenset(
    "or and but so then yet still thank thanks until because und oder aber dann doch danke et mais ou puis merci "
    "y pero o luego gracias e ma poi grazie".split()
)


def ends_dangling(text: str) -> bool:
    """The line stops on an article, preposition or conjunction: its sentence goes on."""
    words = text.split()
    return bool(words) and words[-1].lower() in _DANGLING


def is_date_line(text: str) -> bool:
    """A line that is a date (with a weekday or time at most): a dateline, not a sentence."""
    t = text.strip()
    return bool(_DATE.search(t) or _DAY_MONTH.search(t)) and len(t.split()) <= 5 and not ends_terminal(t)


def starts_lower(text: str) -> bool:
    """Does the line start with a lower-case word (not an e-mail address or URL)?"""
    ch = first_letter(text)
    return bool(ch) and ch.islower() and not _NOT_A_WORD.match(text)


def continues_lower(prev: str, cur: str) -> bool:
    """Does ``cur`` start with a lower-case word that continues ``prev``? Only in a cased
    script: after a Chinese or Japanese line, a line opening with a leaked English word
    ("release日は…") is a sentence of its own."""
    return starts_lower(cur) and (is_cased(prev) or is_cased(cur))


def is_title_case(words: list[str]) -> bool:
    """Most longer words capitalized (English-style Title Case)."""
    long = [w for w in words if sum(c.isalpha() for c in w) >= 4]
    if len(words) < 2 or not long or (len(long) < 2 and _TITLE_WORD.match(words[0]) and long[0] == words[0]):
        return False
    caps = sum(1 for w in long if _TITLE_WORD.match(w))
    return caps == len(long)


def is_cased_all_caps(text: str) -> bool:
    """:func:`is_cased` and :func:`is_all_caps`, the cheaper first: in ASCII the first
    lower-case letter decides, elsewhere the first 40 letters (CJK has no case)."""
    if text.isascii():
        return is_all_caps(text) and is_cased(text)
    # one pass: a lower-case letter decides at once, and 40 letters mostly uncased (CJK)
    # decide without reading the rest of a long paragraph
    letters = cased_first = cased = 0
    for c in text:
        if not c.isalpha():
            continue
        if c.lower() != c.upper():
            if not c.isupper():
                return False
            cased += 1
            if letters < 40:
                cased_first += 1
        letters += 1
        if letters == 40 and cased_first * 2 <= 40:
            return False
    return cased_first * 2 > min(letters, 40) and cased >= 4


def is_all_caps(text: str) -> bool:
    cased = 0
    for c in text:
        if c.isalpha() and c.lower() != c.upper():
            if not c.isupper():
                return False  # the first lower-case letter decides: a paragraph can be long
            cased += 1
    return cased >= 4


def only_link(nodes: list[Inline]) -> bool:
    """A line that is nothing but a link (or links): never a heading."""
    meaningful = [n for n in nodes if not (isinstance(n, Text) and not n.value.strip())]
    return bool(meaningful) and all(isinstance(n, (Link, Image)) for n in meaningful)


def labelled_link(nodes: list[Inline]) -> bool:
    """``延伸閱讀：[港鐵去年盈利上升兩成](…)``, ``Lire aussi : [titre](…)``: a label, a colon and a link
    that ends the line — a teaser for another page, never a heading."""
    meaningful = [n for n in nodes if not (isinstance(n, Text) and not n.value.strip())]
    if len(meaningful) < 2 or not isinstance(meaningful[-1], Link):
        return False
    head = plain(meaningful[:-1]).rstrip()
    return head.endswith((":", "：", "|", "｜"))


def _headline_with_two_phrases(t: str) -> bool:
    """``Wetter am Wochenende: Sonne im Süden, Regen im Norden``: a headline's topic, a colon and
    two phrases, not a ``Label: a, b`` list (``Zutaten: Mehl, Zucker``, ``Tags: Politik, Wirtschaft``).
    A one-word kicker goes before a clause (``Review: The Fairphone 5 is built to last, not to
    impress``): its first phrase has four words or more, no list item does."""
    label, value = regex.split(r"[:：]", t, maxsplit=1)  # the caller found the colon
    parts = [p.split() for p in value.split(",")]
    return (len(label.split()) >= 2 or len(parts[0]) >= 4) and len(parts) == 2 and all(len(p) >= 2 for p in parts)


# scripts that write words without spaces between them, several to a line (a length in
# characters measures them); the others space their words, as cased scripts do
_DENSE_SCRIPT = LazyPattern(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}\p{Tibetan}]")


def _spaced_words_headline(body: str) -> bool:
    """A title in an uncased script that spaces its words (Arabic, Hebrew, Persian, Hindi:
    ``توسع مشاريع الطاقة الشمسية في المنطقة العربية``) is measured in words, as a cased one is."""
    return 3 <= len(body.split()) <= 14 and not _DENSE_SCRIPT.search(body)


def heading_like(text: str, *, title: bool = False, lang: str | None = None) -> bool:
    """Could this single line be a heading (or, with ``title``, the title)?

    Script-aware: cased scripts need an upper-case first letter; uncased scripts
    (Chinese, Japanese, Thai…) are judged by length and punctuation only. A line
    ending like a sentence, a byline, a date line, a ``Label: a, b`` line, a quote,
    debris or a URL is never heading-like. Context is the caller's business."""
    t = text.strip()
    if not t or len(_LETTER.findall(t)) < 2:
        return False
    if len(t) > (160 if title else 100) or "\n" in t:
        return False
    if _DEBRIS.search(t) or _QUOTED.match(t) or _DASH_START.match(t):
        return False
    if _META_LABEL.match(t) or _BYLINE.match(t) or _READING_TIME.search(t) or (
            _LABEL_COMMAS.match(t) and not (title and _headline_with_two_phrases(t))):
        return False
    if _CREDIT_LINE.match(t) and len(t.split()) <= 8:
        return False
    if _DATE.search(t) and len(t.split()) <= 8:
        return False
    if SOFT_END.search(t):
        return False
    colon = bool(COLON_END.search(t))
    body = COLON_END.sub("", t) if colon else t
    cased = is_cased(t)
    if cased:
        words = body.split()
        if len(words) > (20 if title else 12):
            return False
        ch = first_letter(body)
        # a title may open with a number ("5 things to know about the Fed decision")
        if ch is None or not (ch.isupper() or (title and body[:1].isdigit() and len(words) >= 3)):
            return False
        title_case = is_title_case(words)
        if TERMINAL.search(body):
            # a title may ask or exclaim ("Is remote work here to stay?"); the caller has
            # checked it stands alone, so it is no first sentence of a paragraph
            if not (title and body[-1] in "?!" and len(words) <= 14):
                return False
            body = body[:-1].rstrip()
        if _INTERNAL_SENTENCE.search(body):
            return False
        if colon and not (title_case or len(words) == 1):
            return False
        if "," in body and not title_case and not (title and body.count(",") == 1 and len(words) <= 12):
            return False  # a title may hold one comma ("After the flood, a town rebuilds")
        opener = words[0].lower().strip(",")
        # Portuguese "O" is "the" ("O que muda", "O novo plano"), not Spanish "o" ("or")
        if not title and opener in _FRAGMENT_OPENERS and not (opener == "o" and (lang or "")[:2] == "pt"):
            return False  # "Or so it seemed", "Then came March 2020", "Thank you, Maria": prose, not a heading
        if not title and not title_case and len(words) > 9 and "(" in body:
            return False  # "The minister said the dams are at twenty percent (Water Daily reported)"
        return True
    # visible length: the vowel signs of Indic scripts (and Thai's) are combining marks on their consonant
    n = len(body) - len(_MARKS.findall(body))
    if n < 2 or n > (40 if title else 30) and not (title and _spaced_words_headline(body)):
        return False
    if TERMINAL.search(body) or _INTERNAL_SENTENCE.search(body) or "。" in body:
        return False
    if colon:
        return False
    if not title and ("，" in body or "," in body):
        return False
    return True
