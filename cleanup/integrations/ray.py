"""Ray Data integration (``pip install 'article-cleanup[ray]'``).

Records::

    import ray
    from cleanup.integrations.ray import clean_dataset

    ds = ray.data.read_parquet("s3://bucket/articles/")
    clean_dataset(ds, field="body", lang="en").write_parquet("s3://bucket/clean/")

:func:`clean_dataset` is ``ds.map_batches(CleanBatch, batch_format="pyarrow",
concurrency=N, fn_constructor_kwargs=...)``: :class:`CleanBatch` is a callable
class, so Ray runs it in a pool of N actors and each actor builds the pipeline
once (in ``__init__``) and reuses it for every batch. Batches are **pyarrow
Tables** (chosen over pandas, which turns nullable ints into floats, and over
numpy dicts, which turn structs into object arrays): every column other than
the output and report columns is passed through untouched, zero-copy. The report
column has a fixed Arrow type (:data:`REPORT_TYPE`) so every batch has the same
schema: the dict of :func:`cleanup.batch.report_dict` with ``metadata`` as a
``map<string, string>`` (non-string values JSON-encoded) plus ``error``
(null, or why the record could not be cleaned; its text is then left as is).

JSONL corpora (what ``article-cleanup --jsonl --engine ray`` runs)::

    clean_jsonl_files(["in/*.jsonl.zst"], "out/", CleanupConfig(lang="en"))

reads lines (with their line numbers, streaming, ``.gz``/``.zst`` by extension),
cleans them with :class:`CleanJsonlLines` (the same code as the local CLI, so the
output bytes are identical) and writes ``out/part-NNNNN.jsonl`` in input order,
with failed records in ``out/_errors/part-NNNNN.jsonl``.
"""

from __future__ import annotations

import glob
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

import pyarrow as pa

from cleanup.batch import RecordCleaner, RecordError, Stats, dumps, get_path, iter_lines, report_dict
from cleanup.config import CleanupConfig

CHANGE_TYPE = pa.struct(
    [
        ("filter", pa.string()), ("action", pa.string()), ("before", pa.string()), ("after", pa.string()),
        ("line", pa.int64()), ("column", pa.int64()), ("start", pa.int64()), ("end", pa.int64()),
        ("lang", pa.string()), ("confidence", pa.float64()), ("reason", pa.string()),
    ]
)
REPORT_TYPE = pa.struct(
    [
        ("format", pa.string()), ("language", pa.string()), ("metadata", pa.map_(pa.string(), pa.string())),
        ("changes", pa.list_(CHANGE_TYPE)), ("flags", pa.int64()), ("error", pa.string()),
    ]
)
LINES_PER_BLOCK = 1024


def _arrow_report(report: dict[str, Any] | None, error: str | None = None) -> dict[str, Any]:
    if report is None:
        return {"format": None, "language": None, "metadata": [], "changes": [], "flags": 0, "error": error}
    metadata = [(str(k), v if isinstance(v, str) or v is None else json.dumps(v, ensure_ascii=False)) for k, v in report["metadata"].items()]
    return report | {"metadata": metadata, "error": None}


class CleanBatch:
    """``Dataset.map_batches`` callable: cleans a pyarrow batch of records.

    Constructor arguments are those of :class:`cleanup.batch.RecordCleaner`
    (``config``, ``field``, ``output_field``, ``report_field``, ``lang_field``,
    ``format_field``, and ``CleanupConfig`` fields as keywords). The pipeline is
    built once per instance, i.e. once per actor.

    It also works outside Ray: any engine that maps a function over Arrow tables
    (Dask, Spark ``mapInArrow``) can pickle an instance and call it.
    """

    def __init__(self, config: CleanupConfig | None = None, *, field: str = "text", output_field: str | None = None,
                 report_field: str | None = "cleanup", lang_field: str | None = None, format_field: str | None = None,
                 **overrides: Any):
        self.cleaner = RecordCleaner(
            config, field=field, output_field=output_field or field, report_field=None, lang_field=lang_field,
            format_field=format_field, **overrides,
        )
        self.field = field
        self.output_field = output_field or field
        self.report_field = report_field

    def __call__(self, batch: pa.Table) -> pa.Table:
        if not isinstance(batch, pa.Table):  # a pandas frame or a dict of arrays
            batch = pa.Table.from_pandas(batch, preserve_index=False) if hasattr(batch, "to_records") else pa.table(batch)
        rows = batch.to_pylist()
        texts: list[Any] = []
        reports: list[dict[str, Any]] = []
        for row in rows:
            try:
                result = self.cleaner.clean_result(row)
            except RecordError as exc:
                try:
                    texts.append(get_path(row, self.field))
                except RecordError:
                    texts.append(None)
                reports.append(_arrow_report(None, str(exc)))
                continue
            texts.append(result.text)
            reports.append(_arrow_report(report_dict(result)))
        out = self._put(batch, rows, self.output_field, pa.array(texts, pa.string()))
        if self.report_field:
            out = self._put(out, None, self.report_field, pa.array(reports, REPORT_TYPE))
        return out

    @staticmethod
    def _put(table: pa.Table, rows: list[dict[str, Any]] | None, path: str, column: pa.Array) -> pa.Table:
        names = table.column_names
        if path in names or "." not in path or rows is None:
            if path in names:
                return table.set_column(names.index(path), path, column)
            return table.append_column(path, column)
        # a nested field: rebuild only its top-level column from the edited rows
        top, _, rest = path.partition(".")
        values = [row.get(top) for row in rows]
        kind = _with_string_field(table.schema.field(top).type if top in names else None, rest.split("."))
        try:
            array = pa.array(values, kind)
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            array = pa.array(values)
        if top in names:
            return table.set_column(names.index(top), top, array)
        return table.append_column(top, array)


def _with_string_field(kind: pa.DataType | None, parts: list[str]) -> pa.DataType:
    """``kind`` (a struct, or None) with a string field at the dotted path ``parts``."""
    if not parts:
        return pa.string()
    fields = list(kind) if isinstance(kind, pa.StructType) else []
    names = [f.name for f in fields]
    if parts[0] in names:
        k = names.index(parts[0])
        fields[k] = pa.field(parts[0], _with_string_field(fields[k].type, parts[1:]))
    else:
        fields.append(pa.field(parts[0], _with_string_field(None, parts[1:])))
    return pa.struct(fields)


def clean_dataset(
    ds: Any,
    field: str = "text",
    *,
    config: CleanupConfig | None = None,
    output_field: str | None = None,
    report_field: str | None = "cleanup",
    lang_field: str | None = None,
    format_field: str | None = None,
    concurrency: int | tuple[int, int] | None = None,
    batch_size: int = 256,
    num_cpus: float = 1,
    **options: Any,
) -> Any:
    """``ds`` with ``field`` cleaned and the report in ``report_field`` (lazy, like any map).

    ``options`` are :class:`CleanupConfig` fields (``lang="en"``, ``stray="flag"``).
    ``concurrency`` is the actor pool size (an int, or ``(min, max)`` to autoscale;
    default: the cluster's CPUs minus one, left to the read and write tasks).
    Rows keep their order only with ``DataContext.get_current().execution_options.preserve_order = True``
    (Ray's choice, not ours). A record that cannot be cleaned keeps its text and gets
    ``report.error``; in Arrow a missing field and a null are the same thing."""
    import ray

    if concurrency is None:
        # leave one CPU to the tasks that read and write: a pool holding every CPU
        # starves them (Ray Data does not reserve CPUs for reads)
        cpus = int(ray.cluster_resources().get("CPU", 1) // max(num_cpus, 1e-9))
        concurrency = max(1, cpus - 1)
    return ds.map_batches(
        CleanBatch,
        fn_constructor_kwargs={
            "config": config, "field": field, "output_field": output_field, "report_field": report_field,
            "lang_field": lang_field, "format_field": format_field, **options,
        },
        batch_format="pyarrow",
        batch_size=batch_size,
        compute=actor_pool(concurrency),
        num_cpus=num_cpus,
    )


def actor_pool(concurrency: int | tuple[int, int]) -> Any:
    """``ActorPoolStrategy`` of a fixed ``size`` (int) or autoscaling ``(min, max)``."""
    import ray.data

    if isinstance(concurrency, tuple):
        return ray.data.ActorPoolStrategy(min_size=concurrency[0], max_size=concurrency[1])
    return ray.data.ActorPoolStrategy(size=concurrency)


# --- JSONL files -----------------------------------------------------------------

LINES_SCHEMA = pa.schema([("path", pa.string()), ("line", pa.int64()), ("raw", pa.binary()), ("size", pa.int64())])


def _lines_datasource_class():
    from ray.data.datasource import FileBasedDatasource

    class JsonlLinesDatasource(FileBasedDatasource):
        """Streams the lines of JSONL files as ``path, line, raw, size`` rows (constant memory
        per read task; a line over ``max_bytes`` is not read: ``raw`` is null, ``size`` says why)."""

        def __init__(self, paths: list[str], max_bytes: int = 0, **kwargs: Any):
            super().__init__(paths, **kwargs)
            self.max_bytes = max_bytes

        def _read_stream(self, f: Any, path: str) -> Iterator[pa.Table]:
            cols: dict[str, list[Any]] = {"path": [], "line": [], "raw": [], "size": []}
            for lineno, line in iter_lines(f, self.max_bytes):
                cols["path"].append(path)
                cols["line"].append(lineno)
                if isinstance(line, int):
                    cols["raw"].append(None)
                    cols["size"].append(line)
                else:
                    cols["raw"].append(line)
                    cols["size"].append(len(line))
                if len(cols["line"]) >= LINES_PER_BLOCK:
                    yield pa.table(cols, schema=LINES_SCHEMA)
                    cols = {k: [] for k in cols}
            if cols["line"]:
                yield pa.table(cols, schema=LINES_SCHEMA)

    return JsonlLinesDatasource


OUTCOME_SCHEMA = pa.schema(
    [
        ("output", pa.binary()), ("error", pa.string()), ("changed", pa.bool_()), ("flags", pa.int64()),
        ("filters", pa.string()), ("size", pa.int64()),
    ]
)


class CleanJsonlLines:
    """``map_batches`` callable over ``path, line, raw, size`` rows: the local CLI's line
    cleaning (:meth:`RecordCleaner.clean_line`), one pipeline per actor."""

    def __init__(self, config: CleanupConfig | None = None, **cleaner_options: Any):
        self.cleaner = RecordCleaner(config, **cleaner_options)

    def __call__(self, batch: pa.Table) -> pa.Table:
        cols: dict[str, list[Any]] = {name: [] for name in OUTCOME_SCHEMA.names}
        paths = batch.column("path").to_pylist()
        lines = batch.column("line").to_pylist()
        raws = batch.column("raw").to_pylist()
        sizes = batch.column("size").to_pylist()
        for path, lineno, raw, size in zip(paths, lines, raws, sizes):
            stats = Stats()
            output, error = self.cleaner.clean_line(size if raw is None else raw, lineno, stats)
            cols["output"].append(output)
            cols["error"].append(None if error is None else dumps({"file": path, **error}))
            cols["changed"].append(bool(stats.changed))
            cols["flags"].append(stats.flags)
            cols["filters"].append(" ".join(stats.filters.elements()) if stats.filters else "")
            cols["size"].append(size)
        return pa.table(cols, schema=OUTCOME_SCHEMA)


def _jsonl_datasink_class():
    from ray.data.datasource import Datasink

    class JsonlPartsDatasink(Datasink):
        """Writes ``output`` lines to ``DIR/part-NNNNN.jsonl[.gz|.zst]`` (one file per write
        task, numbered in order) and errors to ``DIR/_errors/part-NNNNN.jsonl``; returns
        counts so the driver can print a summary."""

        def __init__(self, path: str, compression: str | None = None, keep_errors: int = 20):
            import pyarrow.fs

            self.path = path
            self.compression = compression
            self.keep_errors = keep_errors
            self.filesystem, self.root = pyarrow.fs.FileSystem.from_uri(path)
            self.stats: Stats | None = None
            self.first_errors: list[dict[str, Any]] = []

        def on_write_start(self, schema: Any = None) -> None:
            self.filesystem.create_dir(self.root, recursive=True)

        def write(self, blocks: Iterable[Any], ctx: Any) -> dict[str, Any]:
            from ray.data.block import BlockAccessor

            stats = Stats()
            errors: list[str] = []
            ext = {"gzip": ".gz", "zstd": ".zst"}.get(self.compression or "", "")
            name = f"part-{ctx.task_idx:05d}.jsonl{ext}"
            with self.filesystem.open_output_stream(f"{self.root}/{name}", compression=self.compression) as out:
                for block in blocks:
                    table = BlockAccessor.for_block(block).to_arrow()
                    outputs = table.column("output").to_pylist()
                    good = [o for o in outputs if o is not None]
                    if good:
                        out.write(b"\n".join(good) + b"\n")
                    for err, changed, flags, filters, size in zip(
                        table.column("error").to_pylist(), table.column("changed").to_pylist(),
                        table.column("flags").to_pylist(), table.column("filters").to_pylist(),
                        table.column("size").to_pylist(),
                    ):
                        stats.records += 1
                        stats.bytes_in += size
                        if err is not None:
                            stats.errors += 1
                            errors.append(err)
                            continue
                        stats.changed += changed
                        stats.flagged += flags > 0
                        stats.flags += flags
                        if filters:
                            names = filters.split(" ")
                            stats.changes += len(names)
                            stats.filters.update(names)
            if errors:
                self.filesystem.create_dir(f"{self.root}/_errors", recursive=True)
                with self.filesystem.open_output_stream(f"{self.root}/_errors/part-{ctx.task_idx:05d}.jsonl") as fh:
                    fh.write(("\n".join(errors) + "\n").encode("utf-8"))
            return {"task": ctx.task_idx, "stats": stats.to_dict(), "errors": [json.loads(e) for e in errors[: self.keep_errors]]}

        def on_write_complete(self, write_result: Any) -> None:
            total = Stats()
            first: list[dict[str, Any]] = []
            returns = getattr(write_result, "write_returns", write_result)
            for ret in sorted(returns, key=lambda r: r["task"]):
                s = ret["stats"]
                total.add(Stats(records=s["records"], changed=s["changed"], flagged=s["flagged"], errors=s["errors"],
                                changes=s["changes"], flags=s["flags"], bytes_in=s["bytes"], filters=Counter(s["filters"])))
                first.extend(ret["errors"])
            self.stats = total
            self.first_errors = first

    return JsonlPartsDatasink


def expand_inputs(patterns: Iterable[str]) -> list[str]:
    """Local globs expanded and sorted; URIs (``s3://…``) and directories passed to Ray as they are."""
    paths: list[str] = []
    for pattern in patterns:
        if "://" in pattern:
            paths.append(pattern)
            continue
        matches = sorted(glob.glob(pattern))
        if not matches and not any(ch in pattern for ch in "*?["):
            matches = [pattern] if os.path.exists(pattern) else []
        if not matches:
            raise FileNotFoundError(f"{pattern}: no such file")
        paths.extend(os.path.abspath(m) for m in matches)
    return paths


def clean_jsonl_files(
    inputs: Iterable[str],
    out_dir: str,
    config: CleanupConfig | None = None,
    *,
    concurrency: int | None = None,
    compression: str | None = None,
    **cleaner_options: Any,
) -> tuple[Stats, list[dict[str, Any]]]:
    """Clean JSONL files (paths, globs, directories or URIs) into ``out_dir`` with Ray Data.

    Uses the running Ray (call ``ray.init`` first to choose a cluster) or starts a
    local one. Returns the run's :class:`Stats` and the first errors (each
    ``{"file", "line", "error", ...}``); all errors are in ``out_dir/_errors/``."""
    import ray

    config = config or CleanupConfig()
    paths = expand_inputs(inputs)
    if "://" not in out_dir:
        out_dir = os.path.abspath(out_dir)
    ctx = ray.data.DataContext.get_current()
    saved = ctx.execution_options.preserve_order, ctx.enable_progress_bars
    ctx.execution_options.preserve_order = True  # part files in input order
    ctx.enable_progress_bars = ctx.enable_progress_bars and sys.stderr.isatty()
    try:
        return _clean_jsonl_files(ray, paths, out_dir, config, concurrency, compression, cleaner_options)
    finally:
        ctx.execution_options.preserve_order, ctx.enable_progress_bars = saved


def _clean_jsonl_files(ray: Any, paths: list[str], out_dir: str, config: CleanupConfig, concurrency: int | None,
                       compression: str | None, cleaner_options: dict[str, Any]) -> tuple[Stats, list[dict[str, Any]]]:
    if concurrency is None:
        concurrency = max(1, int(ray.cluster_resources().get("CPU", 1)))
    # reading and writing lines is light I/O: 0-CPU tasks, so that a pool of one
    # cleaning actor per CPU cannot starve them
    ds = ray.data.read_datasource(_lines_datasource_class()(paths, max_bytes=config.max_bytes), num_cpus=0)
    ds = ds.map_batches(
        CleanJsonlLines,
        fn_constructor_kwargs={"config": config, **cleaner_options},
        batch_format="pyarrow",
        batch_size=256,
        compute=actor_pool(concurrency),
        num_cpus=1,
    )
    sink = _jsonl_datasink_class()(out_dir, compression=compression)
    ds.write_datasink(sink, ray_remote_args={"num_cpus": 0})
    return sink.stats or Stats(), sink.first_errors


def init_ray(address: str | None = None, num_cpus: int | None = None) -> None:
    """``ray.init`` for a CLI run: join ``address``, or start a quiet local Ray (no
    dashboard, no usage stats, temp files under the system temp dir)."""
    import ray

    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    if ray.is_initialized():
        return
    if address:
        ray.init(address=address, log_to_driver=False, logging_level="warning")
        return
    ray.init(num_cpus=num_cpus, include_dashboard=False, log_to_driver=False, logging_level="warning")


def run_jsonl_ray(args: Any, config: CleanupConfig) -> int:
    """``article-cleanup --jsonl --engine ray INPUT... -o OUT_DIR``."""
    from cleanup.batch_cli import PROG, _cli_error, summary_line

    try:
        import ray  # noqa: F401
    except ImportError:
        raise _cli_error("--engine ray needs Ray: pip install 'article-cleanup[ray]'") from None
    if not args.output or args.output == "-":
        raise _cli_error("--engine ray writes a directory of parts: give it with -o OUT_DIR")
    if not args.files or "-" in args.files:
        raise _cli_error("--engine ray reads files (paths, globs or URIs), not stdin")
    compression = {".gz": "gzip", ".zst": "zstd"}.get(os.path.splitext(args.files[0])[1])
    try:
        paths = expand_inputs(args.files)
    except FileNotFoundError as exc:
        raise _cli_error(str(exc)) from None
    if "://" not in args.output and glob.glob(os.path.join(args.output, "part-*")):
        raise _cli_error(f"{args.output}: already holds part files; give an empty or new directory")
    start = time.monotonic()
    init_ray(args.address, num_cpus=args.jobs if not args.address else None)
    if not sys.stderr.isatty() or args.quiet:
        import logging

        logging.getLogger("ray.data").setLevel(logging.WARNING)  # keep stderr to our errors and summary
    stats, first = clean_jsonl_files(
        paths, args.output, config, concurrency=args.jobs, compression=compression,
        field=args.field, output_field=args.output_field, report_field=args.report_field,
        lang_field=args.lang_field, format_field=args.format_field,
    )
    seconds = time.monotonic() - start
    for err in first:
        print(f"{PROG}: {err['file']}:{err['line']}: {err['error']}", file=sys.stderr)
    if stats.errors > len(first):
        print(f"{PROG}: … and {stats.errors - len(first)} more (all in {args.output}/_errors/)", file=sys.stderr)
    if args.errors:
        _gather_errors(args.output, args.errors)
    if not args.quiet:
        print(summary_line(stats, seconds), file=sys.stderr)
    return 1 if stats.errors else 0


def _gather_errors(out_dir: str, target: str) -> None:
    from cleanup.batch_cli import Output

    out = Output(target)
    try:
        for part in sorted(glob.glob(os.path.join(out_dir, "_errors", "part-*.jsonl"))):
            with open(part, "rb") as fh:
                out.write(fh.read())
        out.commit()
    except BaseException:
        out.abort()
        raise
