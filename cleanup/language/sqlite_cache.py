"""Data built once into a sqlite file and reopened in milliseconds at every later start.

The file lives under ``platformdirs.user_cache_dir("article-cleanup")``, named by what
it was built from (a version key); when that folder is not writable, in a per-user
temporary folder, and failing that in memory. A build writes a temporary file and
renames it into place, so concurrent processes never see half a file.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path


def default_cache_dirs() -> list[Path]:
    from platformdirs import user_cache_dir

    uid = os.getuid() if hasattr(os, "getuid") else "user"
    return [Path(user_cache_dir("article-cleanup")), Path(tempfile.gettempdir()) / f"article-cleanup-{uid}"]


def version_key(package: str, format_version: int) -> str:
    """A cache key for data built from an installed package: its version and our format."""
    from importlib.metadata import version

    return f"{version(package)}-f{format_version}"


def open_cached(
    name: str, version: str, build: Callable[[sqlite3.Connection], None], cache_dirs: list[Path] | None = None
) -> tuple[sqlite3.Connection, Path | None, bool]:
    """``(read-only connection, file or None in memory, built by this call)`` for the data
    ``build`` writes into an empty database (its own tables; ``cache_version`` is ours)."""
    filename = f"{name}-{version}.sqlite"
    for folder in cache_dirs if cache_dirs is not None else default_cache_dirs():
        path = Path(folder) / filename
        con = _open_valid(path, version)
        if con is not None:
            return con, path, False
        tmp = Path(folder) / f".{filename}.{os.getpid()}.{threading.get_ident()}.tmp"
        try:
            Path(folder).mkdir(parents=True, exist_ok=True)
            _build_file(tmp, version, build)
            os.replace(tmp, path)
        except (OSError, sqlite3.Error):
            try:
                tmp.unlink()
            except OSError:
                pass
            continue
        con = _open_valid(path, version)
        if con is not None:
            return con, path, True
    con = sqlite3.connect(":memory:", check_same_thread=False)
    build(con)
    return con, None, True


def _build_file(path: Path, version: str, build: Callable[[sqlite3.Connection], None]) -> None:
    con = sqlite3.connect(str(path))
    try:
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;")
        build(con)
        con.execute("CREATE TABLE cache_version(v TEXT)")
        con.execute("INSERT INTO cache_version VALUES (?)", (version,))
        con.commit()
    finally:
        con.close()


def _open_valid(path: Path, version: str) -> sqlite3.Connection | None:
    if not path.is_file():
        return None
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        if con.execute("SELECT v FROM cache_version").fetchone() == (version,):
            return con
        con.close()
    except sqlite3.Error:
        pass
    return None
