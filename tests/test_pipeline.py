"""Pipeline composition, configuration, plugins and pickling."""

import dataclasses
import pickle
import sys
import textwrap

import pytest

from cleanup import CleanupConfig, Filter, Pipeline, clean
from cleanup.config import config_from_mapping
from cleanup.filters.encoding import EncodingFilter
from cleanup.pipeline import DEFAULT_ORDER


@dataclasses.dataclass(frozen=True)
class ShoutOptions:
    word: str = "hello"


class ShoutFilter(Filter):
    """Upper-cases one word: a toy filter exercising the base class."""

    name = "shout"
    Options = ShoutOptions

    def apply(self, doc):
        for node, _ in doc.text_nodes():
            k = node.value.find(self.options.word)
            if k != -1:
                doc.edit(node, [(k, k + len(self.options.word), self.options.word.upper())], self.name, "normalized")


def test_compose_by_name():
    p = Pipeline([EncodingFilter()])
    p.after("encoding", ShoutFilter())
    assert p.names == ["encoding", "shout"]
    p.replace("shout", ShoutFilter(word="world")).before("encoding", ShoutFilter())
    assert p.names == ["shout", "encoding", "shout"]
    p.disable("encoding")
    assert p.names == ["shout", "shout"]
    with pytest.raises(KeyError, match="no filter named 'nope'"):
        p.disable("nope")


def test_custom_filter_changes_are_located_in_the_input():
    text = "Say hello to the world\n"
    result = clean(text, lang="en", pipeline=Pipeline([ShoutFilter()]))
    assert result.text == "Say HELLO to the world\n"
    (c,) = result.changes
    assert text[c.start : c.end] == "hello" and (c.filter, c.after) == ("shout", "HELLO")


def test_default_order_and_disable():
    names = Pipeline.from_config(CleanupConfig()).names
    assert names == [n for n in DEFAULT_ORDER if n in names] and names[:2] == ["sanitize", "encoding"]
    assert "encoding" not in Pipeline.from_config(CleanupConfig(disable=("encoding",))).names
    assert Pipeline.from_config(CleanupConfig(preset="minimal")).names == ["sanitize", "encoding"]


def test_entry_point_plugins(tmp_path, monkeypatch):
    (tmp_path / "shout_plugin.py").write_text(
        textwrap.dedent(
            """
            from cleanup import Filter

            class Upper(Filter):
                name = "upper"

                def apply(self, doc):
                    for node, _ in doc.text_nodes():
                        if node.value != node.value.upper():
                            doc.edit(node, [(0, len(node.value), node.value.upper())], self.name, "normalized")
            """
        )
    )
    dist = tmp_path / "shout_plugin-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: shout-plugin\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[cleanup.filters]\nupper = shout_plugin:Upper\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    result = clean("quiet words\n", lang="en", preset="minimal", enable=("upper",))
    assert result.text == "QUIET WORDS\n"
    assert result.changes[0].filter == "upper"
    sys.modules.pop("shout_plugin", None)


def test_config_mapping_rejects_unknown_keys():
    cfg = config_from_mapping({"from": "markdown", "base-url": "https://x.example/", "enable": ["encoding"]})
    assert (cfg.input_format, cfg.base_url, cfg.enable) == ("markdown", "https://x.example/", ("encoding",))
    with pytest.raises(ValueError, match="unknown option 'colour'"):
        config_from_mapping({"colour": "blue"})


def test_filter_options_from_config_table():
    cfg = CleanupConfig(filter_options={"encoding": {"remove_invisible": False}})
    (flt,) = [f for f in Pipeline.from_config(cfg).filters if f.name == "encoding"]
    assert flt.options.remove_invisible is False
    with pytest.raises(ValueError, match="unknown option"):
        Pipeline.from_config(CleanupConfig(filter_options={"encoding": {"nope": 1}}))


def test_pipeline_pickles_and_gives_the_same_result():
    pipeline = Pipeline.from_config(CleanupConfig())
    clone = pickle.loads(pickle.dumps(pipeline))
    text = "Alibabaâ€™s cloud grew.\n"
    assert clean(text, lang="en", pipeline=clone).to_dict() == clean(text, lang="en", pipeline=pipeline).to_dict()
