"""The anchors and structure filters' shortcuts against the full path they stand for.

Each gate must let through every text the full test would act on, and each one-pass
rewrite must answer as the two passes did: checked on every line of the corpus and on
random strings mixing scripts, case oddities, colons, tags and trailing spaces."""

from __future__ import annotations

import random

import pytest

from cleanup.readers import read
from cleanup.filters import anchors
from cleanup.source import Source
from cleanup.structure_rules import is_all_caps, is_cased, is_cased_all_caps
from golden import CORPUS

_PIECES = (
    list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") + list("éÉßẞǅǄǆİıſKΩωПпᾈﬀ")
    + list("中文重要ーのカ한국ⅫⅻＡｂ²0123456789") + list(" \n\t\xa0\u2003\u3000.,;:：!?'\"<>&[]()（）")
    + ["https://example.com/x", "http://a.b/c-d", "Source:", "Original:", "原文链接：", "</a>", '<a href="/x">',
       '">', "&gt;", "&lt;a", "](https://x.y/z)", "NEWS", "UPDATE"]
)


def _random_texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) + (" " if rng.random() < 0.3 else "") for _ in range(rng.randint(1, 70)))
            for _ in range(n)]


def _corpus_files() -> list:
    return [p for p in sorted(CORPUS.iterdir()) if p.suffix in (".txt", ".md", ".html")]


TEXTS = [line for p in _corpus_files() for line in p.read_text(encoding="utf-8").split("\n") if line.strip()] \
    + _random_texts(4000, 21)


def test_cased_all_caps_in_one_pass_answers_as_both_tests():
    long_cjk = "中文" * 50 + "ABCD"
    for t in TEXTS + [long_cjk, "É" * 3 + "中" * 37 + "ABCD", "ÉÉÉÉ" + "中" * 36 + "a", "ǅǅǅǅ"]:
        assert is_cased_all_caps(t) == (is_cased(t) and is_all_caps(t)), t


def test_colon_gate_lets_every_label_and_bare_url_through():
    for t in TEXTS:
        if anchors._LABEL_LINE.match(t.strip()) or anchors._BARE_URL.search(t):
            assert anchors._has_colon(t), t


def test_tag_end_test_is_the_stripped_one():
    for t in TEXTS + [t + " \t\u3000" for t in TEXTS[:2000]] + ["", " ", ">", "; ", "x>\xa0"]:
        assert anchors._ends_with_tag_end(t) == t.rstrip().endswith((">", ";")), repr(t)


@pytest.mark.parametrize("path", _corpus_files(), ids=lambda p: p.name)
def test_kept_text_nodes_and_bare_texts_are_what_text_nodes_yields(path):
    doc = read(Source(path.read_text(encoding="utf-8")), "auto")
    every = list(doc.text_nodes())
    got = list(doc.text_nodes(keep=lambda n: anchors._may_have_debris(n.value)))
    want = [(n, c) for n, c in every if anchors._may_have_debris(n.value)]
    assert [(id(n), c) for n, c in got] == [(id(n), c) for n, c in want]
    assert [id(n) for n in doc.texts()] == [id(n) for n, _ in every]
    from cleanup.document import inline_lists, walk_blocks

    lists = [(b, n) for b in walk_blocks(doc.blocks) for n in inline_lists(b)]
    assert [(id(n), c) for n, c in anchors._debris_candidates(lists)] == [(id(n), c) for n, c in got]


def test_label_mark_gate_lets_every_label_line_through():
    from cleanup.filters import boilerplate

    for t in TEXTS + [t.replace(":", "|") for t in TEXTS[:3000]] + [t.replace(":", "｜") for t in TEXTS[:3000]]:
        if any(p.match(t) for p in boilerplate._LABEL_LINE.values()):
            assert boilerplate._has_label_mark(t), t


def _match_tail_full(tail: str, text: str):
    """``match_tail`` as its docstring states it: every prefix ending at a word end, its
    slug variants built afresh and lower-cased, the shortest one ending with the tail."""
    from urllib.parse import quote, unquote

    from cleanup.slug import MAX_WORDS, SlugMatch, slug_variants, split_extension, words

    core, ext = split_extension(tail)
    decoded = unquote(core)
    if len(decoded) < 3:
        return None
    sep = "_" if "_" in decoded and "-" not in decoded else "-"
    want = decoded.lower()
    text = text[:600]
    for _start, end in words(text)[:MAX_WORDS]:
        for variant in slug_variants(text[:end], sep):
            low = variant.lower()
            if not low.endswith(want) or (sep not in decoded and len(low) > len(want)):
                continue
            head = low[: len(low) - len(want)]
            if head and decoded != core:
                head = quote(head, safe="-_.~")
            return SlugMatch(end, head + core + ext, len(want) / max(len(low), 1), not head)
    return None


def test_slug_tail_matching_answers_as_the_full_path():
    from urllib.parse import quote

    from cleanup.slug import match_tail, slug_variants

    rng = random.Random(8)
    words = ("Alibaba DeepSeek Are Just in Hangzhou don't It’s ΟΔΟΣ ΣΑΣ Σ Αθήνα Москва Straße Łódź Ærø "
             "Südvorstadt récord 无人机配送 写字楼 ｶﾀｶﾅ ﬁnance Ⅻ 2026 l'été ΣΟΦΟΣ ǅemal İstanbul naïve ẞ "
             "Best: | — « ( , . !").split()
    pairs = []
    for _ in range(1500):
        title = " ".join(rng.choice(words) for _ in range(rng.randint(1, 12)))
        sep = rng.choice("-_")
        for v in slug_variants(title, sep)[:4]:
            tail = v[rng.randint(0, len(v)) :]
            tail = rng.choice([tail, tail.lower(), tail.upper(), quote(tail, safe="-_")])
            pairs.append((tail + rng.choice(["", ".html", "/"]), title + rng.choice(["", " and more"])))
    for t in TEXTS[:3000]:
        ws = t.split()
        if len(ws) > 2:
            pairs += [("-".join(ws[1:3]), t), (ws[-1], t), ("-".join(ws[:2]).lower(), t)]
    for tail, text in pairs:
        assert match_tail(tail, text) == _match_tail_full(tail, text), (tail, text)
