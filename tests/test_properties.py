"""Properties of the whole pipeline and of each filter alone, over generated input.

Never raises; output is text in its format; idempotent; changes point into the
input; no word disappears unless a recorded change removed or replaced it."""

from __future__ import annotations

import json
import subprocess
import sys

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup import CleanupConfig, InputError, Pipeline, clean
from cleanup.document import ListBlock, walk_blocks
from cleanup.pipeline import PRESETS, filter_class
from cleanup.readers import read
from cleanup.source import Source

WORDS = st.sampled_from(
    [
        "Alibaba", "DeepSeek", "the", "rumors", "clarity", "Hangzhou", "澄清", "这是", "一个", "问题", "important",
        "Straße", "über", "déjà", "vu", "Москва", "новости", "日本語", "テスト", "한국어", "GPT-4", "API", "R&D",
        "Alibabaâ€™s", "cafÃ©", "Ali\u200bbaba", "Аlibaba", "\u202e", "https://example.com/a?b=1", "a@b.example",
        "`code`", "**bold**", "*em*", "[link](https://x.example/y)", '">', "<a href=\"", "</a>", "&amp;", "&lt;a",
        "<b>", "</p>", "<script>", "javascript:alert(1)", "1.", "-", "•", "①", "一、", "#", ">", "|", "📌 Source:",
        "🔗 Original:", "軟體", "软件", "後", "发", "—", "…", "!", "?", "。", "，",
    ]
)
SEPARATORS = st.sampled_from([" ", " ", " ", "", "\n", "\n\n", "\t", "  ", ". "])


@st.composite
def articles(draw) -> str:
    parts = draw(st.lists(st.tuples(WORDS, SEPARATORS), min_size=0, max_size=60))
    return "".join(w + s for w, s in parts)


FORMATS = st.sampled_from(["text", "markdown", "html"])
# derandomized: CI must not fail on a random draw; random exploration is a separate, deliberate run
SETTINGS = settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
_WORD = regex.compile(r"[\p{L}\p{N}]+")


def input_words(text: str, fmt: str) -> list[tuple[str, int, int]]:
    """Every word of the input's visible text with its input offsets."""
    doc = read(Source(text), fmt)
    out = []
    for node, _ in doc.text_nodes():
        for m in _WORD.finditer(node.value):
            s, e = node.text.source_span(m.start(), m.end())
            out.append((m.group(0), doc.source.to_input(s), doc.source.to_input(e, end=True)))
    return out


def check_result(text: str, fmt: str, result) -> None:
    # changes point into the input
    for c in result.changes:
        assert 0 <= c.start <= c.end <= len(text)
        # before is the input's own text, unless an earlier change already rewrote that stretch
        overlapped = any(o is not c and o.start < c.end and c.start < o.end for o in result.changes)
        if c.before is not None and c.start < c.end and not overlapped:
            assert text[c.start : c.end] == c.before
    # word conservation: a word is in the output unless a recorded change covers it
    output = " ".join(_WORD.findall(result.document.visible_text()))
    output += " " + " ".join(str(v) for v in result.metadata.values())
    # an ordered list's numbers are written as its item markers, not as text
    for block in walk_blocks(result.document.blocks):
        if isinstance(block, ListBlock) and block.ordered:
            output += " " + " ".join(str(block.start + k) for k in range(len(block.items)))
    spans = [(c.start, c.end) for c in result.changes if c.action != "flagged"]
    for word, s, e in input_words(text, fmt):
        covered = any(cs < e and s < ce or cs == ce and s <= cs <= e for cs, ce in spans)
        assert covered or word in output, (word, s, e)
    json.dumps(result.to_dict(), ensure_ascii=False).encode("utf-8")


@SETTINGS
@given(articles(), FORMATS)
def test_default_pipeline_properties(text, fmt):
    result = clean(text, lang="en", input_format=fmt)
    check_result(text, fmt, result)
    again = clean(result.text, lang="en", input_format=result.format)
    assert again.text == result.text
    # flags are questions for a person and may be asked again; nothing else may change
    assert [c for c in again.changes if c.action != "flagged"] == []


@SETTINGS
@given(articles(), FORMATS, st.sampled_from(PRESETS["default"]))
def test_each_filter_alone(text, fmt, name):
    try:
        flt = filter_class(name).from_config(CleanupConfig())
    except ImportError:
        return
    pipeline = Pipeline([flt])
    result = clean(text, lang="zh" if name == "chinese" else "en", input_format=fmt, pipeline=pipeline)
    check_result(text, fmt, result)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_raise_anything_but_input_error(data):
    try:
        result = clean(data, lang="en")
    except InputError:
        return
    result.text.encode("utf-8")


def test_deterministic_across_processes():
    seed = (__import__("pathlib").Path(__file__).parents[1] / "corpus" / "en-seed-alibaba-deepseek.txt").read_text(
        encoding="utf-8"
    )
    text = seed + "\nDer Satz ist auf Deutsch geschrieben und steht hier allein.\n这是一个 important 问题。\n"
    code = "import sys, json; from cleanup import clean; print(json.dumps(clean(sys.stdin.read()).to_dict(), ensure_ascii=False))"
    outs = [
        subprocess.run(
            [sys.executable, "-c", code], input=text, capture_output=True, text=True, timeout=120,
            env={"PYTHONHASHSEED": str(k), "PATH": "/usr/bin:/bin"},
        ).stdout
        for k in (1, 2)
    ]
    assert outs[0] and outs[0] == outs[1]
