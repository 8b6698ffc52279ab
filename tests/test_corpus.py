"""Every corpus article against its reviewed expected output and report."""

import json

import pytest

from cleanup import clean
from golden import dump_report, expected_output, inputs, report_of, report_path, run_article, truth

ARTICLES = inputs()


@pytest.mark.parametrize("path", ARTICLES, ids=[p.name for p in ARTICLES])
def test_golden(path):
    result = run_article(path)
    expected = expected_output(path, result)
    assert expected.exists(), f"no expected output for {path.name}: run python scripts/regen_corpus.py"
    assert result.text == expected.read_text(encoding="utf-8")
    assert dump_report(report_of(result)) == report_path(path).read_text(encoding="utf-8")


@pytest.mark.parametrize("path", ARTICLES, ids=[p.name for p in ARTICLES])
def test_offsets_point_into_the_input(path):
    text = path.read_text(encoding="utf-8")
    for change in run_article(path).changes:
        if change.before is not None and change.start < change.end:
            assert text[change.start : change.end] == change.before, change


@pytest.mark.parametrize("path", ARTICLES, ids=[p.name for p in ARTICLES])
def test_idempotent(path):
    first = run_article(path)
    options = dict(truth(path).get("options", {}))
    options.pop("input_format", None)
    options["lang"] = options.get("lang") or first.language
    second = clean(first.text, **options)
    # flags are questions for a person, not edits: they may be asked again, nothing else may change
    changed = [json.dumps(c, ensure_ascii=False) for c in second.to_dict()["changes"] if c["action"] != "flagged"]
    assert changed == []
    assert second.text == first.text
