"""The encoding filter: ftfy fixes, NFC and invisible junk, each an exact change."""

import json
from pathlib import Path

import pytest

from cleanup import Pipeline, clean
from cleanup.filters.encoding import EncodingFilter

FIXTURES = Path(__file__).parent / "fixtures" / "encoding"
CASES = json.loads((FIXTURES / "cases.json").read_text(encoding="utf-8"))
NEGATIVE = json.loads((FIXTURES / "negative.json").read_text(encoding="utf-8"))
ONLY_ENCODING = Pipeline([EncodingFilter()])


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_fixes(case):
    text = case["original"] + "\n"
    result = clean(text, lang="und", pipeline=ONLY_ENCODING, input_format="text")
    assert result.text == case["fixed"] + "\n"
    assert [(c.before, c.after) for c in result.changes] == [tuple(x) for x in case["changes"]]
    for change in result.changes:
        assert text[change.start : change.end] == change.before
        assert change.filter == "encoding"
    assert clean(result.text, lang="und", pipeline=ONLY_ENCODING, input_format="text").changes == []


@pytest.mark.parametrize("text", [t for t in NEGATIVE if "ligature" not in t])
def test_correct_text_is_never_changed(text):
    result = clean(text + "\n", lang="und", pipeline=ONLY_ENCODING, input_format="text")
    assert result.changes == []


def test_explanation_names_the_ftfy_steps():
    (change,) = clean("Alibabaâ€™s\n", lang="en", pipeline=ONLY_ENCODING).changes
    assert change.reason == "ftfy: encode sloppy-windows-1252, decode utf-8"


def test_rtl_documents_keep_embedding_controls():
    text = "\u202bעברית English\u202c ו\u200bעוד\n"
    result = clean(text, lang="he", pipeline=ONLY_ENCODING, input_format="text")
    assert [c.before for c in result.changes] == ["\u200b"]
    assert "\u202b" in result.text


def test_control_characters_are_removed_and_recorded():
    result = clean("Bell\x07 and escape\x1b[31m red\n", lang="en", pipeline=ONLY_ENCODING, input_format="text")
    assert result.text == "Bell and escape red\n"
    assert all(c.filter == "encoding" for c in result.changes) and result.changes
