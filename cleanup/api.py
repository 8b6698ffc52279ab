"""``clean()``: read, run the pipeline, write; and the :class:`Result` it returns."""

from __future__ import annotations

import gc
import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from cleanup.config import CleanupConfig
from cleanup.document import Change, Document, Heading
from cleanup.pipeline import Pipeline, TimeBudgetExceeded
from cleanup.readers import read
from cleanup.source import InputError, Source, decode

OUTPUT_FORMATS = ("markdown", "html", "text", "json")
_DEFAULT_CONFIG = CleanupConfig()  # frozen: one is enough
TOO_LARGE_TEXT = "input is {size:,} bytes, over the limit of {limit:,} (raise it with --max-bytes)"


@dataclass
class Result:
    """The cleaned article and the account of every change."""

    text: str
    format: str
    language: str | None
    metadata: dict[str, Any]
    changes: list[Change]
    document: Document = field(repr=False)

    @property
    def flags(self) -> int:
        return sum(1 for c in self.changes if c.action == "flagged")

    @property
    def changed(self) -> bool:
        return any(c.action != "flagged" for c in self.changes)

    def change_dicts(self) -> list[dict[str, Any]]:
        source = self.document.source
        out = []
        for c in self.changes:
            line, column = source.line_col(c.start)
            out.append(
                {
                    "filter": c.filter,
                    "action": c.action,
                    "before": c.before,
                    "after": c.after,
                    "line": line,
                    "column": column,
                    "start": c.start,
                    "end": c.end,
                    "lang": c.lang,
                    "confidence": c.confidence,
                    "reason": c.reason,
                }
            )
        return out

    def to_dict(self) -> dict[str, Any]:
        """The change report, exactly as DESIGN.md specifies."""
        return {
            "format": self.format,
            "language": self.language,
            "text": self.text,
            "metadata": self.metadata,
            "changes": self.change_dicts(),
            "flags": self.flags,
        }


def _output_format(doc: Document, to: str | None) -> str:
    if to in (None, "auto"):
        return "html" if doc.format == "html" else "markdown"
    if to not in OUTPUT_FORMATS:
        raise ValueError(f"unknown output format {to!r}; use one of {', '.join(OUTPUT_FORMATS)}")
    return to


def render(doc: Document, fmt: str) -> str:
    if fmt == "html":
        from cleanup.writers.html import write_html

        return write_html(doc)
    if fmt == "text":
        from cleanup.writers.text import write_text

        return write_text(doc)
    from cleanup.writers.markdown import write_markdown

    return write_markdown(doc)


def clean(
    text: str | bytes,
    config: CleanupConfig | None = None,
    *,
    pipeline: Pipeline | None = None,
    encoding: str | None = None,
    **overrides: Any,
) -> Result:
    """Clean one article.

    ``text`` is a str, or bytes decoded as UTF-8 (raises :class:`InputError` when
    they are not text). Options are a :class:`CleanupConfig` and/or keyword
    overrides of its fields (``clean(text, to="html", anchors="strip")``).

    >>> clean("Alibabaâ€™s cloud grew.\\n").text
    'Alibaba’s cloud grew.\\n'
    """
    config = config or _DEFAULT_CONFIG
    if any(v is not None for v in overrides.values()):  # lang=None, to=None: nothing to replace
        config = config.replace(**overrides)
    if isinstance(text, (bytes, bytearray)):
        if config.max_bytes and len(text) > config.max_bytes:
            raise InputError(TOO_LARGE_TEXT.format(size=len(text), limit=config.max_bytes))
        text, used = decode(bytes(text), encoding)
    else:
        used = None
        if config.max_bytes and len(text) > config.max_bytes and len(text.encode("utf-8")) > config.max_bytes:
            raise InputError(TOO_LARGE_TEXT.format(size=len(text.encode("utf-8")), limit=config.max_bytes))
    with _time_budget(config.timeout), _gc_paused():
        return _clean(text, config, pipeline, used)


_gc_lock = threading.Lock()
_gc_users = 0  # documents being cleaned right now (threads)
_gc_resume = False  # the collector was on when the first of them started


@contextmanager
def _gc_paused():
    """Pause the cyclic garbage collector while one document is cleaned.

    The document tree is many small objects and few cycles; with the collector on,
    its full passes over the growing heap cost 30-40% of the time on a 1 MB article
    and make time per MB grow with size. Reference counting still frees everything;
    the collector resumes (for the last of several threads) when cleaning ends."""
    global _gc_users, _gc_resume
    with _gc_lock:
        if _gc_users == 0:
            _gc_resume = gc.isenabled()
            gc.disable()
        _gc_users += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_users -= 1
            if _gc_users == 0 and _gc_resume:
                gc.enable()


@contextmanager
def _time_budget(seconds: float):
    """Interrupt work that runs past ``seconds``, with SIGALRM where it can be used
    (the main thread on Unix); elsewhere the pipeline checks between filters."""
    usable = seconds and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(signum, frame):
        raise TimeBudgetExceeded(f"time budget of {seconds:g}s exceeded")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _keep_file_conventions(original: str, output: str) -> str:
    """Give the output the input's byte-order mark and CRLF line endings.

    Readers normalize both away; written back as LF without a BOM, an untouched
    file would differ from its input while ``--check`` calls it clean."""
    newlines = original.count("\n")
    if newlines and original.count("\r\n") == newlines and "\r" not in output:
        output = output.replace("\n", "\r\n")
    if original.startswith("\ufeff") and not output.startswith("\ufeff"):
        output = "\ufeff" + output
    return output


def _clean(text: str, config: CleanupConfig, pipeline: Pipeline | None, used: str | None) -> Result:
    deadline = time.monotonic() + config.timeout if config.timeout else None
    source = Source(text)
    doc = read(source, config.input_format)
    if used and used not in ("utf-8",):
        doc.metadata["encoding"] = used
    if config.lang:
        doc.language = config.lang
    else:
        from cleanup.lang import SAMPLE_CHARS, detect_language

        doc.language = detect_language(doc.visible_text(limit=SAMPLE_CHARS, code=False))
        doc.language_detected = True
    pipeline = pipeline if pipeline is not None else Pipeline.from_config(config)
    pipeline.run(doc, deadline=deadline)
    doc.changes.sort(key=lambda c: (c.start, c.end))
    if doc.head_title is not None and doc.head_title.text.changed:  # the page's <title>, repaired
        doc.metadata["title"] = " ".join(doc.head_title.value.split())
    if doc.title is not None:  # taken from the H1 before later filters fixed its words (a homoglyph)
        h1 = next((b for b in doc.blocks if isinstance(b, Heading) and b.level == 1), None)
        if h1 is not None:
            from cleanup.structure_rules import one_line, plain

            doc.title = one_line(plain(h1.children)) or doc.title
    fmt = _output_format(doc, config.to)
    out_fmt = ("html" if doc.format == "html" else "markdown") if fmt == "json" else fmt
    output = _keep_file_conventions(source.input, render(doc, out_fmt))
    doc.changes.sort(key=lambda c: (c.start, c.end))  # the HTML writer records what a splice cut out
    metadata = dict(doc.metadata)
    if doc.title and "title" not in metadata:
        metadata["title"] = doc.title
    return Result(output, out_fmt, doc.language, metadata, list(doc.changes), doc)
