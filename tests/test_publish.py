"""The framework-neutral publishing step (cleanup.publish)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import cleanup
from cleanup.publish import Article, PublishError, publish

HERE = Path(__file__).resolve().parent
SEED = Path("/work/shared/seeds/000_f4947564c44a895a.txt")
FLAG_PLUGIN = HERE / "wagtail_project" / "flagplugin"  # test-only "fixme" filter (entry point)
MINIMAL = {"preset": "minimal"}
MOJIBAKE = "<p data-block-key='k1'>Alibabaâ€™s cloud grew.</p>\n<p data-block-key='k2'>Fine.</p>\n"


@pytest.fixture
def flag_plugin(monkeypatch):
    monkeypatch.syspath_prepend(str(FLAG_PLUGIN))
    yield
    sys.modules.pop("cleanup_testflag", None)


def test_clean_policy_applies_fixes_and_keeps_data_block_key():
    pub = publish(Article(title="Deal", body=MOJIBAKE, format="html"), "clean", MINIMAL)
    assert pub.verdict == "publish-with-changes"
    # only the repaired text changes: Draftail's block keys stay as they were written
    assert pub.article.body == MOJIBAKE.replace("â€™", "’")
    assert pub.reports["body"]["changes"][0]["filter"] == "encoding"
    assert pub.reasons[0].startswith("cleaned body: 1 change")
    assert "Alibaba[â€™]s cloud grew." in pub.reasons[1]


def test_publishing_twice_changes_nothing():
    first = publish(Article(body=MOJIBAKE, format="html"), "clean", MINIMAL)
    second = publish(first.article, "clean", MINIMAL)
    assert second.verdict == "publish" and second.article.body == first.article.body
    assert second.reports["body"]["changes"] == []


def test_block_refuses_changes_and_flags_with_context(flag_plugin):
    pub = publish(Article(body="Line one.\nThe FIXME of these rumors.\n", format="text"), "block", {**MINIMAL, "enable": ["fixme"]})
    assert pub.refused and pub.verdict == "refuse"
    assert pub.article.body == "Line one.\nThe FIXME of these rumors.\n"
    assert any("line 2, column 5: flagged by fixme: 'FIXME' in “Line one. The [FIXME] of these rumors.”" in r for r in pub.reasons), pub.reasons
    refused = publish(Article(body=MOJIBAKE, format="html"), "block", MINIMAL)
    assert refused.refused and "encoding would repair 'â€™' → '’'" in refused.reasons[1]
    ok = publish(Article(body="<p>Fine.</p>", format="html"), "block", MINIMAL)
    assert ok.verdict == "publish" and ok.reasons == []


def test_clean_policy_publishes_with_flags_listed(flag_plugin):
    pub = publish(Article(body="The FIXME here.", format="markdown"), "clean", {**MINIMAL, "enable": ["fixme"]})
    assert pub.verdict == "publish" and pub.flags == 1
    assert "flagged by fixme" in pub.reasons[0]


def test_report_policy_publishes_untouched():
    art = Article(body=MOJIBAKE, format="html")
    pub = publish(art, "report", MINIMAL)
    assert pub.verdict == "publish" and pub.article is art
    assert pub.reports["body"]["changes"] and "would repair" in pub.reasons[1]


def test_title_and_extra_fields():
    art = Article(title="Alibabaâ€™s deal", body="ok", format="text", fields=("title", "intro"), extra={"intro": ("Alibabaâ€™s intro", "text")})
    pub = publish(art, "clean", MINIMAL)
    assert pub.article.title == "Alibaba’s deal"  # a one-line field stays one line
    assert pub.article.extra["intro"][0] == "Alibaba’s intro" and pub.article.body == "ok"


def test_invalid_options_and_policy():
    with pytest.raises(PublishError, match="anchors must be one of"):
        publish(Article(body="x"), "clean", {"anchors": "bogus"})
    with pytest.raises(PublishError, match="unknown option"):
        publish(Article(body="x"), "clean", {"nope": 1})
    with pytest.raises(PublishError, match="unknown policy"):
        publish(Article(body="x"), "publish")


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_seed_equals_clean(fmt):
    seed = SEED.read_text(encoding="utf-8")
    pub = publish(Article(body=seed, format=fmt), "clean")
    assert pub.article.body == cleanup.clean(seed, input_format=fmt, to=fmt).text
