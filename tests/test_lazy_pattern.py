"""Patterns compiled on first use: same results, picklable, nothing compiled at import."""

import pickle
import subprocess
import sys

import regex

from cleanup.lazy_pattern import LazyPattern


def test_behaves_like_the_compiled_pattern():
    lazy = LazyPattern(r"(?P<word>\p{L}+)", regex.IGNORECASE)
    eager = regex.compile(r"(?P<word>\p{L}+)", regex.IGNORECASE)
    text = "Grüße aus 杭州, 2026!"
    assert lazy.findall(text) == eager.findall(text) == ["Grüße", "aus", "杭州"]
    assert lazy.sub("·", text) == eager.sub("·", text)
    assert lazy.groupindex == eager.groupindex
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in eager.finditer(text)]


def test_pickles_as_its_source():
    lazy = LazyPattern(r"\d+")
    lazy.search("a1")  # compiled: the copy must not carry the compiled methods
    copy = pickle.loads(pickle.dumps(lazy))
    assert copy.pattern == r"\d+" and copy.findall("1 a 22") == ["1", "22"]


def test_importing_every_filter_compiles_no_pattern():
    code = (
        "import gc, cleanup.cli, cleanup.writers.markdown, cleanup.readers.markdown, cleanup.readers.html\n"
        "from cleanup.pipeline import BUILTIN_FILTERS, filter_class\n"
        "for name in BUILTIN_FILTERS: filter_class(name)\n"
        "from cleanup.lazy_pattern import LazyPattern\n"
        "lazy = [o for o in gc.get_objects() if isinstance(o, LazyPattern)]\n"
        "print(len(lazy), sum(o._compiled is not None for o in lazy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    total, compiled = int(out[0]), int(out[1])
    assert total > 80 and compiled == 0
