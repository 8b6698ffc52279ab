"""The pipeline: a named, ordered list of filters (markdown-it ``Ruler`` style).

The default order is fixed and explicit: sanitize first (raw HTML in Markdown must
not carry scripts anywhere), encoding next (later filters must see repaired text), anchors before structure (debris can sit on a heading line),
boilerplate before structure (the footer is not body text), chinese before stray
(a Traditional leak is normalized before it is looked up)."""

from __future__ import annotations

import importlib
import importlib.util
import time
from typing import Any

from cleanup.config import CleanupConfig
from cleanup.document import Document
from cleanup.filters import Filter

ENTRY_POINT_GROUP = "cleanup.filters"
BUILTIN_FILTERS: dict[str, str] = {
    "sanitize": "cleanup.filters.sanitize:SanitizeFilter",
    "encoding": "cleanup.filters.encoding:EncodingFilter",
    "anchors": "cleanup.filters.anchors:AnchorsFilter",
    "boilerplate": "cleanup.filters.boilerplate:BoilerplateFilter",
    "structure": "cleanup.filters.structure:StructureFilter",
    "chinese": "cleanup.filters.chinese:ChineseFilter",
    "stray": "cleanup.filters.stray:StrayFilter",
}
DEFAULT_ORDER = ("sanitize", "encoding", "anchors", "boilerplate", "structure", "chinese", "stray")
PRESETS: dict[str, tuple[str, ...]] = {
    "default": DEFAULT_ORDER,
    "minimal": ("sanitize", "encoding"),
    "cms": DEFAULT_ORDER,
}


class TimeBudgetExceeded(RuntimeError):
    pass


def _implemented(name: str) -> bool:
    module = BUILTIN_FILTERS[name].split(":")[0]
    return importlib.util.find_spec(module) is not None


def filter_class(name: str) -> type[Filter]:
    """The filter class registered under ``name`` (built in or by entry point)."""
    target = BUILTIN_FILTERS.get(name)
    if target is None:
        from importlib.metadata import entry_points  # 14 ms: only for third-party filters

        for ep in entry_points(group=ENTRY_POINT_GROUP):
            if ep.name == name:
                cls = ep.load()
                break
        else:
            known = ", ".join(sorted(set(BUILTIN_FILTERS) | {ep.name for ep in entry_points(group=ENTRY_POINT_GROUP)}))
            raise ValueError(f"unknown filter {name!r}; known filters: {known}")
    else:
        module, _, attr = target.partition(":")
        cls = getattr(importlib.import_module(module), attr)
    if not (isinstance(cls, type) and issubclass(cls, Filter)):
        raise TypeError(f"filter {name!r} is not a cleanup.filters.Filter subclass")
    return cls


class Pipeline:
    """An ordered list of filters, addressed by name."""

    def __init__(self, filters: list[Filter] | tuple[Filter, ...] = ()):
        self.filters: list[Filter] = list(filters)

    @classmethod
    def from_config(cls, config: CleanupConfig | None = None) -> Pipeline:
        config = config or CleanupConfig()
        if config.preset not in PRESETS:
            raise ValueError(f"unknown preset {config.preset!r}; use one of {', '.join(PRESETS)}")
        names = [n for n in PRESETS[config.preset] if n not in BUILTIN_FILTERS or _implemented(n)]
        for name in config.enable:
            if name not in names:
                filter_class(name)  # fail early on unknown names
                names.append(name)
        for name in config.disable:
            if name not in BUILTIN_FILTERS and name not in names:
                filter_class(name)
        names = [n for n in names if n not in config.disable]
        order = {n: k for k, n in enumerate(DEFAULT_ORDER)}
        names.sort(key=lambda n: order.get(n, len(order)))
        return cls([filter_class(n).from_config(config) for n in names])

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.filters]

    def _index(self, name: str) -> int:
        try:
            return self.names.index(name)
        except ValueError:
            raise KeyError(f"no filter named {name!r} in the pipeline ({', '.join(self.names)})") from None

    def before(self, name: str, flt: Filter) -> Pipeline:
        self.filters.insert(self._index(name), flt)
        return self

    def after(self, name: str, flt: Filter) -> Pipeline:
        self.filters.insert(self._index(name) + 1, flt)
        return self

    def replace(self, name: str, flt: Filter) -> Pipeline:
        self.filters[self._index(name)] = flt
        return self

    def disable(self, name: str) -> Pipeline:
        del self.filters[self._index(name)]
        return self

    def append(self, flt: Filter) -> Pipeline:
        self.filters.append(flt)
        return self

    def run(self, doc: Document, *, deadline: float | None = None) -> Document:
        for flt in self.filters:
            if deadline is not None and time.monotonic() > deadline:
                raise TimeBudgetExceeded(f"time budget exceeded before the {flt.name!r} filter")
            doc = flt(doc)
        return doc

    def __repr__(self) -> str:
        return f"Pipeline({self.names!r})"

    def __getstate__(self) -> dict[str, Any]:
        return {"filters": self.filters}
