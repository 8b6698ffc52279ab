"""English word forms for dictionary translations, verified against a word list.

CC-CEDICT glosses verbs as ``to clarify`` and adjectives as bare words; a leaked
token often needs another form in its English slot (after ``the`` a noun:
*clarification*; after ``very`` an adjective). Forms are derived by suffix rules
and kept only when wordfreq knows them as real English words
(``zipf_frequency(w, "en") >= MIN_ZIPF``), so no rule can invent a word.

>>> noun_of_verb("clarify")
'clarification'
>>> noun_of_adjective("important")
'importance'
>>> adverb_of("direct")
'directly'
>>> third_person("clarify")
'clarifies'
>>> past_participle("release"), plural("question"), is_plural("circumstances")
('released', 'questions', True)
"""

from __future__ import annotations

import re

MIN_ZIPF = 2.5
_ONE_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")  # don't, well-known

DETERMINERS = frozenset(
    "the a an this that these those its their his her our my your any some no every each another "
    "such whose which what either neither several many few".split()
)
PREPOSITIONS = frozenset(
    "of in on at for with by from about into onto through after before during without within between "
    "among against toward towards under over via per upon across behind beyond despite amid regarding "
    "concerning including following throughout until since near around along amongst like".split()
)
MODALS = frozenset("will would can could should shall may might must do does did to".split())
BE = frozenset("is are was were be been being am seems seem seemed become becomes became remain remains remained".split())
DEGREE = frozenset("very so too more most quite rather really extremely less least highly fairly pretty".split())
SUBJECTS_3SG = frozenset("it he she this that".split())
SUBJECTS = frozenset("i we they you".split())
CONJUNCTIONS = frozenset("and or but nor yet so as than if because while although though when whereas".split())
FUNCTION_WORDS = DETERMINERS | PREPOSITIONS | MODALS | BE | CONJUNCTIONS | SUBJECTS | SUBJECTS_3SG | frozenset(
    "not also has have had".split()
)

_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
_ADJ_SUFFIXES = ("ous", "ful", "ive", "able", "ible", "al", "ic", "ant", "ent", "less", "ish", "ary", "id", "ile", "ular")
_NOUN_SUFFIXES = ("tion", "sion", "ment", "ness", "ity", "ance", "ence", "ism", "ship", "hood", "ure", "age", "ery")
_COMMON_ADV = frozenset("indeed also still just even already almost often soon now then there here well".split())
COMMON_ADJ = _COMMON_ADJ = frozenset(
    "clear real true good new big small great high low long short old young hard soft strong weak fast slow "
    "rich poor full empty open close free safe deep wide broad main major minor key simple".split()
)


def zipf(word: str) -> float:
    from cleanup.language.frequencies import english_zipf  # wordfreq's list, cached as sqlite

    return english_zipf(word)


def is_word(word: str, threshold: float = MIN_ZIPF) -> bool:
    """One real English word. wordfreq scores text split into tokens, so a derived form of a
    gloss with punctuation (``don't!`` + ness) would pass on the score of ``don't``."""
    return _ONE_WORD.fullmatch(word) is not None and zipf(word) >= threshold


def guess_pos(word: str) -> str:
    """A cheap part-of-speech guess for a one-word gloss: ``adj``, ``adv`` or ``noun``."""
    w = word.lower()
    if w in _COMMON_ADJ:
        return "adj"
    if w in DEGREE or w in _COMMON_ADV:
        return "adv"
    if w.endswith("ly") and len(w) > 4 and (is_word(w[:-2]) or is_word(w[:-3] + "y") or is_word(w[:-2] + "e")):
        return "adv"
    if w.endswith(_NOUN_SUFFIXES):
        return "noun"
    if not w.endswith("ly") and is_word(w + "ly", 3.0):
        return "adj"  # direct → directly, immediate → immediately
    if w.endswith(_ADJ_SUFFIXES):
        return "adj"
    return "noun"


def _best(cands: list[str]) -> str | None:
    known = [(zipf(c), c) for c in dict.fromkeys(cands) if c and is_word(c)]
    return max(known)[1] if known else None


# action nouns no suffix rule makes: irregular ones, and verbs that are their own noun
_IRREGULAR_NOUNS = {
    "grow": "growth", "die": "death", "choose": "choice", "succeed": "success", "lose": "loss", "sell": "sale",
    "speak": "speech", "think": "thought", "believe": "belief", "prove": "proof", "solve": "solution",
    "respond": "response", "fly": "flight", "weigh": "weight", "analyze": "analysis", "analyse": "analysis",
}
_SAME_NOUN = frozenset(
    "increase decrease rise fall drop decline change cut surge delay release report review support return "
    "control plan search use attack visit rebound slump boost exchange transfer purchase "
    # verbs English also writes as the noun of the act: "a recall of", "the launch of", "a ban on"
    # (without them, suffix rules read "ban" as "banal")
    "recall launch upgrade update ban repair refund reform debut".split()
)


def noun_of_verb(verb: str) -> str | None:
    """The action noun of ``verb`` (clarify → clarification, grow → growth), if English has one."""
    v = verb.lower()
    if v in _IRREGULAR_NOUNS:
        return _IRREGULAR_NOUNS[v]
    c: list[str] = [v] if v in _SAME_NOUN else []
    if v.endswith("ify"):
        c.append(v[:-1] + "ication")
    if v.endswith("ize") or v.endswith("ise"):
        c.append(v[:-1] + "ation")
    if v.endswith("ate"):
        c.append(v[:-1] + "ion")
    if v.endswith("ide"):
        c.append(v[:-2] + "sion")
    if v.endswith("ude"):
        c.append(v[:-2] + "sion")
    if v.endswith("ceive"):
        c.append(v[:-5] + "ception")
    if v.endswith("scribe"):
        c.append(v[:-6] + "scription")
    if v.endswith("mit"):
        c.append(v[:-3] + "mission")
    if v.endswith("duce"):
        c.append(v[:-4] + "duction")
    if v.endswith("y"):
        c.append(v[:-1] + "ial")
    if v.endswith("e"):
        c += [v[:-1] + "ation", v[:-1] + "ion", v + "ment", v[:-1] + "al"]
    else:
        c += [v + "ation", v + "ion", v + "ment", v + "al", v + "ure"]
        if v.endswith(("ist", "end", "ear", "orm", "ere", "ist", "ept", "ort")):
            c += [v + "ance", v + "ence"]  # assistance, dependence, appearance, performance
    return _best(c)


def noun_of_adjective(adj: str) -> str | None:
    """important → importance, clear → clarity, effective → effectiveness."""
    a = adj.lower()
    c: list[str] = []
    if a.endswith("ant"):
        c.append(a[:-1] + "ce")
    if a.endswith("ent"):
        c.append(a[:-1] + "ce")
    if a.endswith("able") or a.endswith("ible"):
        c.append(a[:-2] + "ility")
    if a.endswith("al"):
        c.append(a + "ity")
    if a.endswith("ear"):
        c.append(a[:-2] + "arity")
    if a.endswith("y"):
        c.append(a[:-1] + "iness")
    c += [a + "ness", a + "ity"]
    return _best(c)


def adverb_of(adj: str) -> str | None:
    a = adj.lower()
    if a.endswith("ly"):
        return a if is_word(a) else None
    c = [a + "ly"]
    if a.endswith("y"):
        c.append(a[:-1] + "ily")
    if a.endswith("le"):
        c.append(a[:-1] + "y")
    if a.endswith("ue"):
        c.append(a[:-1] + "ly")
    if a.endswith("ic"):
        c.append(a + "ally")
    return _best(c)


def third_person(verb: str) -> str:
    v = verb.lower()
    if v.endswith("y") and len(v) > 2 and v[-2] not in "aeiou":
        return v[:-1] + "ies"
    if v.endswith(("s", "sh", "ch", "x", "z", "o")):
        return v + "es"
    return v + "s"


# past participles no suffix rule makes (a rule-made form is checked against wordfreq)
_IRREGULAR_PARTICIPLES = {
    "be": "been", "begin": "begun", "break": "broken", "bring": "brought", "build": "built", "buy": "bought",
    "choose": "chosen", "do": "done", "draw": "drawn", "drive": "driven", "eat": "eaten", "fall": "fallen",
    "find": "found", "forget": "forgotten", "freeze": "frozen", "give": "given", "go": "gone", "grow": "grown",
    "hide": "hidden", "hold": "held", "keep": "kept", "know": "known", "lay": "laid", "lead": "led",
    "leave": "left", "lend": "lent", "lose": "lost", "make": "made", "meet": "met", "pay": "paid",
    "ride": "ridden", "rise": "risen", "run": "run", "say": "said", "see": "seen", "seek": "sought",
    "sell": "sold", "send": "sent", "set": "set", "shake": "shaken", "shoot": "shot", "show": "shown",
    "speak": "spoken", "spend": "spent", "stand": "stood", "steal": "stolen", "strike": "struck",
    "take": "taken", "teach": "taught", "tell": "told", "think": "thought", "throw": "thrown",
    "understand": "understood", "wear": "worn", "win": "won", "write": "written", "put": "put", "cut": "cut",
    "hit": "hit", "let": "let", "shut": "shut", "spread": "spread", "cost": "cost", "quit": "quit",
    "read": "read", "feed": "fed", "feel": "felt", "fight": "fought", "flee": "fled", "get": "got",
    "hear": "heard", "hang": "hung", "bear": "borne", "bind": "bound", "bend": "bent", "catch": "caught",
    "deal": "dealt", "dig": "dug", "forbid": "forbidden", "forgive": "forgiven", "mean": "meant",
    "sit": "sat", "sleep": "slept", "stick": "stuck", "swear": "sworn", "tear": "torn", "wake": "woken",
}
_IRREGULAR_PLURALS = {
    "analysis": "analyses", "crisis": "crises", "basis": "bases", "thesis": "theses", "child": "children",
    "person": "people", "man": "men", "woman": "women", "criterion": "criteria", "phenomenon": "phenomena",
    "foot": "feet", "tooth": "teeth", "mouse": "mice", "datum": "data", "medium": "media",
}
# words in -s that are not plurals
_NOT_PLURAL = frozenset("news means series species physics economics politics mathematics statistics ethics "
                        "bus gas lens status virus bonus campus census chaos process access success".split())


def past_participle(verb: str) -> str | None:
    """release → released, plan → planned, issue → issued, sell → sold; None when unsure."""
    v = verb.lower()
    if v in _IRREGULAR_PARTICIPLES:
        return _IRREGULAR_PARTICIPLES[v]
    if v.endswith("e"):
        c = [v + "d"]
    elif v.endswith("y") and len(v) > 2 and v[-2] not in "aeiou":
        c = [v[:-1] + "ied"]
    else:
        c = [v + "ed", v + v[-1] + "ed"]  # visited, planned: wordfreq tells which is English
    return _best(c)


def plural(noun: str) -> str | None:
    """question → questions, policy → policies, analysis → analyses; None when unsure."""
    n = noun.lower()
    if n in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[n]
    if is_plural(n):
        return n
    if n.endswith("y") and len(n) > 2 and n[-2] not in "aeiou":
        c = [n[:-1] + "ies"]
    elif n.endswith(("s", "sh", "ch", "x", "z")):
        c = [n + "es"]
    else:
        c = [n + "s"]
    return _best(c)


_IRREGULAR_SUPERLATIVES = {"good": "best", "well": "best", "bad": "worst", "many": "most", "much": "most",
                           "little": "least", "far": "farthest"}


def superlative(adj: str) -> str | None:
    """big → biggest, large → largest, early → earliest, important → most important; None
    when no form is a known word."""
    a = adj.lower()
    if a in _IRREGULAR_SUPERLATIVES:
        return _IRREGULAR_SUPERLATIVES[a]
    if not a.isalpha() or not a.isascii():
        return None
    if a.endswith("e"):
        c = [a + "st"]
    elif a.endswith("y") and len(a) > 2 and a[-2] not in "aeiou":
        c = [a[:-1] + "iest"]
    elif len(a) > 2 and a[-1] not in "aeiouwxy" and a[-2] in "aeiou" and a[-3] not in "aeiou":
        c = [a + a[-1] + "est", a + "est"]  # big → biggest, but (when that is no word) quiet → quietest
    else:
        c = [a + "est"]
    found = _best(c)
    if found is not None:
        return found
    return f"most {a}" if len(_VOWEL_GROUPS.findall(a)) >= 2 else None


def singular(noun: str) -> str | None:
    """costs → cost, policies → policy: a regular plural's singular; None otherwise (data
    stays data: "the data is" reads right, "the datum is" does not)."""
    n = noun.lower()
    if n in _IRREGULAR_PLURALS.values() or not is_plural(n):
        return None
    stems = [n[:-3] + "y" if n.endswith("ies") else "", n[:-2] if n.endswith("es") else "", n[:-1]]
    return next((s for s in stems if s and is_word(s) and plural(s) == n), None)


def is_plural(noun: str) -> bool:
    """circumstances, policies, crises: a regular or known plural of a real English word."""
    n = noun.lower()
    if n in _IRREGULAR_PLURALS.values():
        return True
    if n in _NOT_PLURAL or not n.endswith("s") or n.endswith(("ss", "us", "is")):
        return False
    stems = [n[:-1], n[:-2] if n.endswith("es") else "", n[:-3] + "y" if n.endswith("ies") else ""]
    return any(s and is_word(s) for s in stems)
