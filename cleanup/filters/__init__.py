"""Filters: one concern each, one module each. See :class:`Filter`."""

from __future__ import annotations

import dataclasses
import importlib.util
from typing import Any, ClassVar

from cleanup.document import Document

MISSING_DEPENDENCY_TEXT = (
    "the {filter!r} filter needs the {package!r} package, which is not installed; "
    "install it with: pip install {package}"
)


@dataclasses.dataclass(frozen=True)
class NoOptions:
    pass


class Filter:
    """A step of the pipeline: reads and edits a Document, recording every change.

    Subclasses set ``name`` (the string reported in ``changes[].filter``), an
    ``Options`` dataclass and ``requires`` (importable modules it needs), and
    implement :meth:`apply`. Keep only configuration in the instance: heavy
    resources are built lazily per process so filters pickle for workers and Ray.
    """

    name: ClassVar[str] = ""
    requires: ClassVar[tuple[str, ...]] = ()
    Options: ClassVar[type] = NoOptions

    def __init__(self, options: Any = None, **overrides: Any):
        for module in self.requires:
            if importlib.util.find_spec(module) is None:
                raise ImportError(MISSING_DEPENDENCY_TEXT.format(filter=self.name, package=module))
        base = options if options is not None else self.Options()
        self.options = dataclasses.replace(base, **overrides) if overrides else base

    @classmethod
    def from_config(cls, config: Any) -> Filter:
        """Options from the config: fields named like an Options field, then the
        filter's own table (``[tool.article-cleanup.filters.NAME]``)."""
        values: dict[str, Any] = {}
        names = {f.name for f in dataclasses.fields(cls.Options)}
        for name in names:
            if hasattr(config, name):
                values[name] = getattr(config, name)
        values.update((k, v) for k, v in config.filter_options.get(cls.name, {}).items() if k in names)
        unknown = set(config.filter_options.get(cls.name, {})) - names
        if unknown:
            raise ValueError(f"unknown option(s) for the {cls.name!r} filter: {', '.join(sorted(unknown))}")
        return cls(cls.Options(**values))

    def __call__(self, doc: Document) -> Document:
        self.apply(doc)
        return doc

    def apply(self, doc: Document) -> None:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.options!r})"

    def __getstate__(self) -> dict[str, Any]:
        # drop lazily built resources (names starting with "_"); rebuilt on demand
        return {k: v for k, v in self.__dict__.items() if not k.startswith("_")}
