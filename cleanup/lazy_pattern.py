"""Regular expressions compiled on first use.

The CLI imports every filter of its pipeline, and compiling all their patterns with
``regex`` (whose parser is pure Python) took longer than importing ftfy; most of them
are never needed for a given article (no link debris, no footer, no foreign script).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import regex

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "splititer",
            "groupindex", "groups", "flags")
_lock = threading.Lock()


class LazyPattern:
    """Stands in for ``regex.compile(pattern, flags)``; compiles on the first attribute
    used. The compiled pattern's methods then become plain attributes of this object,
    so later calls cost the same as on the compiled pattern."""

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = pattern  # readable without compiling (patterns are built from others)
        self._flags = flags
        self._compiled = None

    def compiled(self):
        if self._compiled is None:
            with _lock:  # threads share module patterns
                if self._compiled is None:
                    p = regex.compile(self.pattern, self._flags)
                    for name in _METHODS:
                        setattr(self, name, getattr(p, name))
                    self._compiled = p
        return self._compiled

    def __getattr__(self, name: str):  # only for attributes not set yet
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.compiled(), name)

    def __reduce__(self):
        return (LazyPattern, (self.pattern, self._flags))

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})"


class Alternation:
    """``a|b|c`` where each alternative comes with a cheap test of whether a text can
    hold it at all (a literal it needs): a text is scanned with only the alternatives it
    can hold, kept in order, so the matches are the same. Trying every alternative at
    every position is what makes a wide alternation slow on text that holds none."""

    def __init__(self, parts: tuple[tuple[str, Callable[[str], bool]], ...], flags: int = 0):
        self.parts = parts
        self.flags = flags
        self.whole = LazyPattern("|".join(p for p, _ in parts), flags)
        self._subsets: dict[tuple[int, ...], LazyPattern] = {}

    def for_text(self, text: str) -> LazyPattern | None:
        """The pattern to scan ``text`` with; None when no alternative can match."""
        key = tuple(k for k, (_, can) in enumerate(self.parts) if can(text))
        if not key:
            return None
        if len(key) == len(self.parts):
            return self.whole
        pattern = self._subsets.get(key)
        if pattern is None:
            pattern = self._subsets[key] = LazyPattern("|".join(self.parts[k][0] for k in key), self.flags)
        return pattern

    def finditer(self, text: str, *args):
        pattern = self.for_text(text)
        return pattern.finditer(text, *args) if pattern is not None else iter(())

    def sub(self, repl, text: str) -> str:
        pattern = self.for_text(text)
        return pattern.sub(repl, text) if pattern is not None else text
