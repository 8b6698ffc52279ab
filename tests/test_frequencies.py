"""wordfreq's lists cached as sqlite: the same numbers as wordfreq, without loading it per start."""

import math
import sqlite3

from wordfreq import get_frequency_dict, zipf_frequency

from cleanup.language import frequencies
from cleanup.language.frequencies import english_zipf, listed_zipf
from cleanup.language.sqlite_cache import open_cached


def test_english_zipf_is_wordfreqs_for_every_kind_of_word():
    words = ["clarify", "Clarification", "THE", "importance", "directly", "xqzv", "don't", "well-known", "naïve",
             "covid-19", "2024", "e-mail", "", "U.S."]
    assert [english_zipf(w) for w in words] == [zipf_frequency(w, "en") for w in words]


def test_listed_zipf_is_the_listed_frequency():
    for lang, word in (("ja", "心配"), ("ja", "写真"), ("zh", "经济"), ("zh", "澄清"), ("en", "the")):
        assert listed_zipf(word, lang) == math.log10(get_frequency_dict(lang)[word] * 1e9)
    assert listed_zipf("無駄無駄無駄", "zh") == 0.0


def test_cache_is_built_once_then_reopened(tmp_path):
    calls = []

    def build(con: sqlite3.Connection) -> None:
        calls.append(1)
        con.execute("CREATE TABLE t(x)")
        con.execute("INSERT INTO t VALUES (42)")

    con, path, built = open_cached("demo", "v1", build, [tmp_path])
    assert built and path == tmp_path / "demo-v1.sqlite" and con.execute("SELECT x FROM t").fetchone() == (42,)
    con2, path2, built2 = open_cached("demo", "v1", build, [tmp_path])
    assert not built2 and path2 == path and calls == [1]
    # another version is another file; an unwritable folder falls back to memory
    assert open_cached("demo", "v2", build, [tmp_path])[1] == tmp_path / "demo-v2.sqlite"
    blocker = tmp_path / "file"
    blocker.write_text("x")
    con3, path3, built3 = open_cached("demo", "v1", build, [blocker / "a"])
    assert path3 is None and built3 and con3.execute("SELECT x FROM t").fetchone() == (42,)


def test_the_store_is_a_file_in_the_cache():
    frequencies.listed_zipf("the", "en")
    assert frequencies._CON is not None
    assert frequencies._CON.execute("SELECT count(*) FROM freq WHERE lang='en'").fetchone()[0] > 300_000
