"""Corpus scale: clean many records (dicts) or JSONL lines with one pipeline.

The unit of work is a *record*: a dict with the article text in ``field``
(``"text"`` by default; a dotted path such as ``"content.body"`` reaches into
nested objects). Every other key is passed through untouched. The cleaned text
is written back to ``field`` (or ``output_field``) and the report to
``report_field`` (``"cleanup"`` by default)::

    {"format": "markdown", "language": "en", "metadata": {...},
     "changes": [{"filter": ..., "action": ..., "before": ..., "after": ...,
                  "line": ..., "column": ..., "start": ..., "end": ...,
                  "lang": ..., "confidence": ..., "reason": ...}],
     "flags": 0}

that is, :meth:`Result.to_dict` without ``"text"``: ``changes`` has exactly the
shape of ``Result.to_dict()["changes"]`` (offsets are in the field's text).

Per record, ``lang_field`` names a field holding the document language (BCP-47)
and ``format_field`` one holding the input format (``text``, ``markdown``,
``html`` or ``auto``; ``md``/``txt``/``htm`` accepted); missing or empty values
fall back to the config.

The pipeline is built once (``Pipeline.from_config``) per :class:`RecordCleaner`
and reused for every record; :func:`clean_jsonl` runs one cleaner per worker
process and keeps a bounded number of chunks in flight, so memory stays flat
whatever the input size.

>>> rows = [{"id": 1, "text": "Alibabaâ€™s cloud grew.\\n"}]
>>> out = next(clean_records(rows, lang="en"))
>>> out["id"], out["text"], [c["after"] for c in out["cleanup"]["changes"]]
(1, 'Alibaba’s cloud grew.\\n', ['’'])
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from cleanup.api import Result, clean
from cleanup.config import CleanupConfig
from cleanup.pipeline import Pipeline

FORMAT_ALIASES = {
    "auto": "auto", "text": "text", "txt": "text", "plain": "text", "markdown": "markdown", "md": "markdown",
    "html": "html", "htm": "html",
}
READ_CHUNK = 1 << 20
#: records per unit of work sent to a worker, and the byte budget of one unit
CHUNK_RECORDS = 64
CHUNK_BYTES = 4 << 20


class RecordError(ValueError):
    """One record could not be cleaned; ``index`` is its 0-based position (or line number)."""

    def __init__(self, message: str, index: int | None = None, record: Any = None):
        super().__init__(message)
        self.index = index
        self.record = record


# --- dotted paths -------------------------------------------------------------


def get_path(record: dict[str, Any], path: str) -> Any:
    """``record["a"]["b"]`` for ``"a.b"``; a key containing the whole path wins."""
    if path in record:
        return record[path]
    node: Any = record
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            raise RecordError(f"missing field {path!r}")
        node = node[part]
    return node


def set_path(record: dict[str, Any], path: str, value: Any) -> None:
    """Set ``"a.b"`` in place, creating intermediate objects when needed."""
    if path in record or "." not in path:
        record[path] = value
        return
    node = record
    parts = path.split(".")
    for part in parts[:-1]:
        child = node.get(part)
        if not isinstance(child, dict):
            child = node[part] = {}
        node = child
    node[parts[-1]] = value


def _optional(record: dict[str, Any], path: str | None) -> Any:
    if not path:
        return None
    try:
        return get_path(record, path)
    except RecordError:
        return None


# --- one record ----------------------------------------------------------------


def report_dict(result: Result) -> dict[str, Any]:
    """The report stored in ``report_field``: ``Result.to_dict()`` without ``text``."""
    return {
        "format": result.format,
        "language": result.language,
        "metadata": result.metadata,
        "changes": result.change_dicts(),
        "flags": result.flags,
    }


def dumps(record: Any) -> str:
    """Compact JSON, UTF-8 text kept as is (the JSONL output format)."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


@dataclass
class Stats:
    """Counts over a run: records seen, changed, flagged, failed, changes per filter."""

    records: int = 0
    changed: int = 0
    flagged: int = 0
    errors: int = 0
    changes: int = 0
    flags: int = 0
    bytes_in: int = 0
    filters: Counter = field(default_factory=Counter)

    def add(self, other: Stats) -> None:
        self.records += other.records
        self.changed += other.changed
        self.flagged += other.flagged
        self.errors += other.errors
        self.changes += other.changes
        self.flags += other.flags
        self.bytes_in += other.bytes_in
        self.filters.update(other.filters)

    def add_result(self, result: Result) -> None:
        self.changed += result.changed
        flags = result.flags
        self.flagged += bool(flags)
        self.flags += flags
        self.changes += len(result.changes)
        self.filters.update(c.filter for c in result.changes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "records": self.records, "changed": self.changed, "flagged": self.flagged, "errors": self.errors,
            "changes": self.changes, "flags": self.flags, "bytes": self.bytes_in,
            "filters": dict(sorted(self.filters.items())),
        }


class RecordCleaner:
    """Cleans records with one pipeline built once (``Pipeline.from_config``).

    Picklable (filters drop their heavy ``_`` resources), so it can be shipped to
    worker processes, Ray actors, Dask or Spark executors.
    """

    def __init__(
        self,
        config: CleanupConfig | None = None,
        *,
        field: str = "text",
        output_field: str | None = None,
        report_field: str | None = "cleanup",
        lang_field: str | None = None,
        format_field: str | None = None,
        pipeline: Pipeline | None = None,
        **overrides: Any,
    ):
        config = config or CleanupConfig()
        self.config = config.replace(**overrides) if overrides else config
        self.field = field
        self.output_field = output_field or field
        self.report_field = report_field
        for a, b in ((self.output_field, report_field), (field, report_field), (field, self.output_field)):
            if a and b and a != b and (a.startswith(b + ".") or b.startswith(a + ".")):
                raise ValueError(f"fields {a!r} and {b!r} overlap: one would overwrite the other")
        if report_field and report_field in (field, self.output_field):
            raise ValueError(f"the report field {report_field!r} is also the text field: it would overwrite the text")
        self.lang_field = lang_field
        self.format_field = format_field
        self.custom_pipeline = pipeline is not None
        self.pipeline = pipeline if pipeline is not None else Pipeline.from_config(self.config)
        self._configs: dict[tuple[Any, Any], CleanupConfig] = {}

    def __getstate__(self) -> dict[str, Any]:
        # a pipeline built from the config is rebuilt where the cleaner lands
        # (worker process, Ray actor, Spark executor): once, then reused
        state = {k: v for k, v in self.__dict__.items() if not k.startswith("_")}
        if not self.custom_pipeline:
            state["pipeline"] = None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._configs = {}
        if self.pipeline is None:
            self.pipeline = Pipeline.from_config(self.config)

    def _config_for(self, lang: Any, fmt: Any) -> CleanupConfig:
        key = (lang, fmt)
        config = self._configs.get(key)
        if config is None:
            changes: dict[str, Any] = {}
            if lang not in (None, ""):
                if not isinstance(lang, str):
                    raise RecordError(f"field {self.lang_field!r} is {_json_type(lang)}, not a string")
                changes["lang"] = lang
            if fmt not in (None, ""):
                name = FORMAT_ALIASES.get(str(fmt).lower()) if isinstance(fmt, str) else None
                if name is None:
                    raise RecordError(
                        f"field {self.format_field!r} is {fmt!r}; use one of auto, text, markdown, html"
                    )
                changes["input_format"] = name
            try:
                config = self.config.replace(**changes) if changes else self.config
            except ValueError as exc:  # e.g. a language field that is not a BCP 47 tag
                raise RecordError(str(exc)) from None
            if len(self._configs) < 256:
                self._configs[key] = config
        return config

    def clean_result(self, record: dict[str, Any]) -> Result:
        """Clean ``record`` in place (text and report fields) and return the :class:`Result`.

        Raises :class:`RecordError` for a record that cannot be cleaned (not an
        object, missing or non-string field, bad language/format value, input
        errors, time budget, or an exception raised by a filter)."""
        if not isinstance(record, dict):
            raise RecordError(f"record is {_json_type(record)}, not an object")
        text = get_path(record, self.field)
        if not isinstance(text, str):
            raise RecordError(f"field {self.field!r} is {_json_type(text)}, not a string")
        config = self._config_for(_optional(record, self.lang_field), _optional(record, self.format_field))
        try:
            result = clean(text, config, pipeline=self.pipeline)
        except RecordError:
            raise
        except Exception as exc:  # a filter bug must not stop a corpus run
            raise RecordError(_describe(exc)) from exc
        set_path(record, self.output_field, result.text)
        if self.report_field:
            set_path(record, self.report_field, report_dict(result))
        return result

    def clean(self, record: dict[str, Any]) -> dict[str, Any]:
        """Clean ``record`` in place and return it."""
        self.clean_result(record)
        return record

    # -- JSONL ----------------------------------------------------------------

    def clean_line(self, line: bytes | str | int, lineno: int, stats: Stats) -> tuple[bytes | None, dict | None]:
        """One JSONL line → (output line without newline, None) or (None, error dict).

        ``line`` may be an int: the size of a line that was over ``max_bytes``
        and was skipped without being read into memory."""
        stats.records += 1
        if isinstance(line, int):
            stats.bytes_in += line
            stats.errors += 1
            limit = self.config.max_bytes
            return None, {"line": lineno, "error": f"record is {line:,} bytes, over the limit of {limit:,} (--max-bytes)", "bytes": line}
        raw = line.encode("utf-8") if isinstance(line, str) else line
        stats.bytes_in += len(raw)
        try:
            if self.config.max_bytes and len(raw) > self.config.max_bytes:
                raise RecordError(f"record is {len(raw):,} bytes, over the limit of {self.config.max_bytes:,} (--max-bytes)")
            try:
                record = json.loads(raw)
            except UnicodeDecodeError as exc:
                raise RecordError(f"not UTF-8 (byte {exc.start})") from None
            except json.JSONDecodeError as exc:
                raise RecordError(f"not JSON ({exc.msg}, column {exc.colno})") from None
            except RecursionError:
                raise RecordError("JSON nested too deeply to read") from None
            result = self.clean_result(record)
            try:
                output = dumps(record).encode("utf-8")
            except (TypeError, ValueError, RecursionError) as exc:  # e.g. a non-JSON value in metadata
                raise RecordError(f"cannot write the record as JSON ({exc})") from None
        except RecordError as exc:
            stats.errors += 1
            return None, {"line": lineno, "error": str(exc), "input": raw.decode("utf-8", "replace")}
        stats.add_result(result)
        return output, None


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, (list, tuple)):
        return "an array"
    return f"a {type(value).__name__}"


def _describe(exc: BaseException) -> str:
    name = type(exc).__name__
    text = str(exc)
    if name in ("InputError", "TimeBudgetExceeded") and text:
        return text
    return f"{name}: {text}" if text else name


# --- iterables of records ---------------------------------------------------------


def clean_records(
    records: Iterable[dict[str, Any]],
    config: CleanupConfig | None = None,
    *,
    field: str = "text",
    output_field: str | None = None,
    report_field: str | None = "cleanup",
    lang_field: str | None = None,
    format_field: str | None = None,
    on_error: str = "raise",
    errors: list[RecordError] | None = None,
    pipeline: Pipeline | None = None,
    **overrides: Any,
) -> Iterator[dict[str, Any]]:
    """Lazily clean an iterable of dicts; yields each record (edited in place).

    ``on_error``: ``"raise"`` raises :class:`RecordError` (``.index`` is the
    0-based position); ``"skip"`` drops the record; ``"keep"`` yields it with
    the text untouched and ``{"error": message}`` as its report. Skipped and
    kept failures are also appended to ``errors`` when a list is given.
    """
    if on_error not in ("raise", "skip", "keep"):
        raise ValueError(f"on_error must be 'raise', 'skip' or 'keep', not {on_error!r}")
    cleaner = RecordCleaner(
        config, field=field, output_field=output_field, report_field=report_field, lang_field=lang_field,
        format_field=format_field, pipeline=pipeline, **overrides,
    )
    for index, record in enumerate(records):
        try:
            cleaner.clean(record)
        except RecordError as exc:
            exc.index, exc.record = index, record
            if on_error == "raise":
                raise
            if errors is not None:
                errors.append(exc)
            if on_error == "keep":
                if isinstance(record, dict) and report_field:
                    set_path(record, report_field, {"error": str(exc)})
                yield record
            continue
        yield record


# --- JSONL lines ---------------------------------------------------------------


def iter_lines(stream: BinaryIO, max_bytes: int = 0) -> Iterator[tuple[int, bytes | int]]:
    """``(line_number, line)`` for every non-blank line of a binary stream, without the newline.

    Reads fixed-size chunks, so memory stays bounded: a line longer than
    ``max_bytes`` (when set) is skipped and reported as its size (an int)."""
    lineno = 0
    pending: list[bytes] = []
    pending_size = 0
    oversized = False
    while True:
        chunk = stream.read(READ_CHUNK)
        if not chunk:
            break
        start = 0
        while True:
            nl = chunk.find(b"\n", start)
            if nl < 0:
                tail = chunk[start:]
                pending_size += len(tail)
                if max_bytes and pending_size > max_bytes:
                    oversized = True
                    pending = []
                elif tail:
                    pending.append(tail)
                break
            piece = chunk[start:nl]
            lineno += 1
            if oversized or (max_bytes and pending_size + len(piece) > max_bytes):
                yield lineno, pending_size + len(piece)
            else:
                line = b"".join(pending) + piece if pending else piece
                if line.strip():
                    yield lineno, line.rstrip(b"\r")
            pending, pending_size, oversized = [], 0, False
            start = nl + 1
    if pending_size:
        lineno += 1
        if oversized:
            yield lineno, pending_size
        else:
            line = b"".join(pending)
            if line.strip():
                yield lineno, line.rstrip(b"\r")


def _chunks(lines: Iterable[tuple[int, bytes | int]]) -> Iterator[list[tuple[int, bytes | int]]]:
    chunk: list[tuple[int, bytes | int]] = []
    size = 0
    for item in lines:
        chunk.append(item)
        size += item[1] if isinstance(item[1], int) else len(item[1])
        if len(chunk) >= CHUNK_RECORDS or size >= CHUNK_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


Outcome = tuple[list[tuple[bytes | None, dict | None]], Stats]

_worker: RecordCleaner | None = None


def _init_worker(cleaner: RecordCleaner) -> None:
    """Pool initializer: one cleaner per worker process, its pipeline built here once.
    Ctrl-C is the parent's to handle: a worker ignores it (no traceback per worker)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    global _worker
    if not cleaner.custom_pipeline:
        cleaner.pipeline = Pipeline.from_config(cleaner.config)
    _worker = cleaner


def _work(chunk: list[tuple[int, bytes | int]]) -> Outcome:
    assert _worker is not None
    stats = Stats()
    return [_worker.clean_line(line, lineno, stats) for lineno, line in chunk], stats


def _mp_context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if sys.platform == "linux" and "fork" in methods else "spawn")


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def clean_jsonl(
    lines: Iterable[tuple[int, bytes | int]],
    cleaner: RecordCleaner,
    *,
    jobs: int = 1,
    in_flight: int | None = None,
) -> Iterator[Outcome]:
    """Clean ``(line_number, line)`` pairs (from :func:`iter_lines`) in input order.

    Yields, per chunk of lines, ``([(output_line | None, error | None), ...], Stats)``.
    ``jobs > 1`` runs worker processes, each initialised once with ``cleaner``
    (its pipeline is built there and reused); at most ``in_flight`` chunks
    (default ``4 * jobs``) are queued, so memory does not grow with the input."""
    chunks = _chunks(lines)
    if jobs <= 1:
        for chunk in chunks:
            stats = Stats()
            yield [cleaner.clean_line(line, lineno, stats) for lineno, line in chunk], stats
        return
    limit = in_flight or 4 * jobs
    with _mp_context().Pool(jobs, initializer=_init_worker, initargs=(cleaner,)) as pool:
        pending: deque = deque()
        for chunk in chunks:
            pending.append(pool.apply_async(_work, (chunk,)))
            if len(pending) >= limit:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
