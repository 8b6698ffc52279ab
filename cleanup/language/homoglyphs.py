"""Lookalike letters across Latin, Cyrillic and Greek (homoglyphs).

The table is a small subset derived by hand from Unicode's ``confusables.txt``
(UTS #39): only the single-letter Cyrillic/Greek ↔ Latin prototypes that render
identically in common fonts. No confusables package is installed offline, so the
table lives here. A word that mixes scripts (``Аlibaba`` with Cyrillic ``А``) is
repaired only when every minority letter has a lookalike in the word's own script.

>>> repair_word("Аlibaba", "Latin")
'Alibaba'
>>> repair_word("Москвa", "Cyrillic")
'Москва'
>>> repair_word("10μm", "Latin") is None
True
"""

from __future__ import annotations

# Cyrillic -> Latin
CYRILLIC_TO_LATIN = dict(
    zip(
        "АВЕКМНОРСТХЅІЈҮаеорсухѕіјһԁԛԝӏү",
        "ABEKMHOPCTXSIJYaeopcyxsijhdqwly",
    )
)
# Greek -> Latin
GREEK_TO_LATIN = dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧοναιρυ", "ABEZHIKMNOPTYXovaipu"))
# Latin -> Cyrillic, Latin -> Greek (for words in those scripts with a Latin letter inside)
LATIN_TO_CYRILLIC = dict(zip("ABEKMHOPCTXJaeopcyxij", "АВЕКМНОРСТХЈаеорсухіј"))  # ј: Serbian, Macedonian
LATIN_TO_GREEK = dict(zip("ABEZHIKMNOPTYXov", "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧον"))

TO_SCRIPT = {
    "Latin": {**CYRILLIC_TO_LATIN, **GREEK_TO_LATIN},
    "Cyrillic": LATIN_TO_CYRILLIC,
    "Greek": LATIN_TO_GREEK,
}


def repair_word(word: str, target: str) -> str | None:
    """``word`` with every lookalike letter mapped to ``target`` script, or None when a
    letter of another script has no lookalike (then it is not a homoglyph)."""
    from cleanup.language.scripts import script_of

    table = TO_SCRIPT.get(target)
    if table is None:
        return None
    out = []
    for ch in word:
        s = script_of(ch)
        if s is None or s == target or s not in ("Latin", "Cyrillic", "Greek"):
            out.append(ch)
        elif ch in table:
            out.append(table[ch])
        else:
            return None
    return "".join(out)
