"""Regular expressions compiled on first use.

The CLI imports every filter of its pipeline, and compiling all their patterns with
``regex`` (whose parser is pure Python) took longer than importing ftfy; most of them
are never needed for a given article (no link debris, no footer, no foreign script).
"""

from __future__ import annotations

import threading

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
