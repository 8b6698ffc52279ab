"""article-cleanup: clean and normalize multilingual articles, with an exact report.

>>> from cleanup import clean
>>> result = clean("Alibabaâ€™s cloud grew.\\n")
>>> result.text
'Alibaba’s cloud grew.\\n'
>>> [(c.filter, c.action, c.before, c.after) for c in result.changes]
[('encoding', 'repaired', 'â€™', '’')]
"""

from __future__ import annotations

from cleanup.api import Result, clean
from cleanup.config import CleanupConfig
from cleanup.document import Change, Document
from cleanup.filters import Filter
from cleanup.pipeline import Pipeline
from cleanup.source import InputError

__all__ = ["Change", "CleanupConfig", "Document", "Filter", "InputError", "Pipeline", "Result", "clean", "__version__"]


def __getattr__(name: str) -> str:
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("article-cleanup")
        except PackageNotFoundError:
            return "0+unknown"
    raise AttributeError(name)
