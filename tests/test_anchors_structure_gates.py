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
def test_debris_candidates_are_the_text_nodes_that_may_hold_debris(path):
    doc = read(Source(path.read_text(encoding="utf-8")), "auto")
    from cleanup.document import inline_lists, walk_blocks

    lists = [(b, n) for b in walk_blocks(doc.blocks) for n in inline_lists(b)]
    got = anchors._debris_candidates(lists)
    want = [(n, c) for n, c in doc.text_nodes() if anchors._may_have_debris(n.value)]
    assert [(id(n), c) for n, c in got] == [(id(n), c) for n, c in want]


def test_label_mark_gate_lets_every_label_line_through():
    from cleanup.filters import boilerplate

    for t in TEXTS + [t.replace(":", "|") for t in TEXTS[:3000]] + [t.replace(":", "｜") for t in TEXTS[:3000]]:
        if any(p.match(t) for p in boilerplate._LABEL_LINE.values()):
            assert boilerplate._has_label_mark(t), t
