"""``article-cleanup --jsonl``: clean a JSONL corpus, one record per line.

Reads ``.jsonl``, ``.jsonl.gz`` and ``.jsonl.zst`` (by extension; stdin is
sniffed) and writes the same (by the extension of ``-o``; stdout is plain JSONL).
Output keeps the input order, one compact JSON object per line. A record that
cannot be cleaned is reported on stderr with its line number, written to
``--errors`` (JSONL) and left out of the output; the run goes on. Exit status 0
when no record failed, 1 otherwise, 2 for usage errors and unreadable input.
"""

from __future__ import annotations

import argparse
import gzip
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, BinaryIO

from cleanup.batch import RecordCleaner, Stats, clean_jsonl, default_jobs, dumps, iter_lines

PROG = "article-cleanup"
MAX_ERROR_LINES = 20
GZIP_MAGIC = b"\x1f\x8b"
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"


def _cli_error(message: str) -> Exception:
    from cleanup.cli import CliError

    return CliError(message)


def compression_of(path: str) -> str | None:
    name = path.lower()
    if name.endswith(".gz"):
        return "gzip"
    if name.endswith(".zst") or name.endswith(".zstd"):
        return "zstd"
    return None


def _decompress(raw: BinaryIO, kind: str | None) -> BinaryIO:
    if kind == "gzip":
        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    if kind == "zstd":
        import zstandard

        return zstandard.ZstdDecompressor().stream_reader(raw, read_across_frames=True)  # type: ignore[return-value]
    return raw


def open_input(path: str) -> BinaryIO:
    """A binary stream of the decompressed input; ``-`` is stdin (compression sniffed)."""
    if path == "-":
        raw = sys.stdin.buffer
        head = raw.peek(4)[:4] if hasattr(raw, "peek") else b""
        kind = "gzip" if head.startswith(GZIP_MAGIC) else "zstd" if head.startswith(ZSTD_MAGIC) else None
        return _decompress(raw, kind)
    p = Path(path)
    if p.is_dir():
        raise _cli_error(f"{path}: is a directory; pass the JSONL files inside it")
    try:
        raw = open(p, "rb")  # noqa: SIM115 - closed by the caller
    except FileNotFoundError:
        raise _cli_error(f"{path}: no such file") from None
    except OSError as exc:
        raise _cli_error(f"{path}: cannot read ({exc.strerror})") from None
    return _decompress(raw, compression_of(path))


class Output:
    """Binary output: stdout, or a file written through a temporary file and a rename
    (so a failed run never leaves a half-written file), compressed by extension."""

    def __init__(self, path: str | None):
        self.path = None if path in (None, "-") else Path(path)
        self._tmp: str | None = None
        self._raw: BinaryIO | None = None
        if self.path is None:
            self.stream: BinaryIO = sys.stdout.buffer
            return
        folder = self.path.parent if str(self.path.parent) else Path(".")
        try:
            fd, self._tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=folder)
        except OSError as exc:
            raise _cli_error(f"{path}: cannot write ({exc.strerror})") from None
        self._raw = os.fdopen(fd, "wb", buffering=1 << 20)
        kind = compression_of(str(self.path))
        if kind == "gzip":
            self.stream = gzip.GzipFile(filename="", fileobj=self._raw, mode="wb", mtime=0)  # type: ignore[assignment]
        elif kind == "zstd":
            import zstandard

            self.stream = zstandard.ZstdCompressor(level=3).stream_writer(self._raw, closefd=False)  # type: ignore[assignment]
        else:
            self.stream = self._raw

    def write(self, data: bytes) -> None:
        self.stream.write(data)

    def commit(self) -> None:
        if self.path is None:
            self.stream.flush()
            return
        assert self._raw is not None and self._tmp is not None
        if self.stream is not self._raw:
            self.stream.close()
        self._raw.flush()
        os.fsync(self._raw.fileno())
        self._raw.close()
        os.replace(self._tmp, self.path)
        self._tmp = None

    def abort(self) -> None:
        if self._tmp is None:
            return
        try:
            if self._raw is not None:
                self._raw.close()
        except OSError:
            pass
        try:
            os.unlink(self._tmp)
        except OSError:
            pass
        self._tmp = None


def _progress(quiet: bool, total_bytes: int | None):
    if quiet or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    tqdm.monitor_interval = 0
    return tqdm(unit=" rec", file=sys.stderr, dynamic_ncols=True, mininterval=0.5, smoothing=0.1)


def summary_line(stats: Stats, seconds: float) -> str:
    rate = stats.records / seconds if seconds > 0 else 0.0
    mbps = stats.bytes_in / 1e6 / seconds if seconds > 0 else 0.0
    filters = " ".join(f"{name}={n}" for name, n in sorted(stats.filters.items())) or "none"
    return (
        f"{PROG}: records {stats.records}, changed {stats.changed}, flagged {stats.flagged}, "
        f"errors {stats.errors}, time {seconds:.2f}s ({rate:,.0f} records/s, {mbps:.2f} MB/s); "
        f"changes by filter: {filters}"
    )


def _cleaner(args: argparse.Namespace, config) -> RecordCleaner:
    try:
        return RecordCleaner(
            config,
            field=args.field,
            output_field=args.output_field,
            report_field=args.report_field,
            lang_field=args.lang_field,
            format_field=args.format_field,
        )
    except (ValueError, ImportError) as exc:
        raise _cli_error(str(exc)) from None


def _check_args(args: argparse.Namespace) -> None:
    for flag, name in (("--check", "check"), ("--diff", "diff"), ("--in-place", "in_place"), ("--report", "report")):
        if getattr(args, name, None):
            raise _cli_error(f"{flag} cannot be used with --jsonl (use --report-field and --errors)")
    if args.jobs is not None and args.jobs < 1:
        raise _cli_error("--jobs must be 1 or more")
    if args.encoding:
        raise _cli_error("--encoding cannot be used with --jsonl: JSONL is UTF-8")


def run_jsonl(args: argparse.Namespace, config) -> int:
    """The ``--jsonl`` command; returns the exit status."""
    _check_args(args)
    if getattr(args, "engine", "local") == "ray":
        from cleanup.integrations.ray import run_jsonl_ray

        return run_jsonl_ray(args, config)
    if args.address:
        raise _cli_error("--address needs --engine ray")
    files = args.files or ["-"]
    cleaner = _cleaner(args, config)
    jobs = args.jobs or default_jobs()
    multi = len(files) > 1
    streams = [open_input(path) for path in files]  # fail early on a missing file

    def lines():
        for path, stream in zip(files, streams):
            try:
                for lineno, line in iter_lines(stream, config.max_bytes):
                    yield (f"{path}:{lineno}" if multi else lineno), line
            except (OSError, EOFError, ValueError) as exc:
                # a truncated or corrupt compressed stream: stop cleanly, report it
                raise _cli_error(f"{'<stdin>' if path == '-' else path}: cannot read ({exc})") from None
            finally:
                if stream is not sys.stdin.buffer:
                    stream.close()

    out = Output(args.output)
    errors_out = Output(args.errors) if args.errors else None
    bar = _progress(args.quiet, None)
    total = Stats()
    shown = 0
    start = time.monotonic()
    try:
        for outcomes, stats in clean_jsonl(lines(), cleaner, jobs=jobs):
            total.add(stats)
            good = [line for line, _ in outcomes if line is not None]
            if good:
                out.write(b"\n".join(good) + b"\n")
            for _, err in outcomes:
                if err is None:
                    continue
                where = err["line"]
                if isinstance(where, str):
                    err["file"], _, num = where.rpartition(":")
                    err["line"] = int(num)
                    where = f"{err['file']}:{num}"
                else:
                    where = f"{'<stdin>' if files[0] == '-' else files[0]}:{where}"
                    err = {"file": files[0], **err}
                if shown < MAX_ERROR_LINES:
                    print(f"{PROG}: {where}: {err['error']}", file=sys.stderr)
                shown += 1
                if errors_out is not None:
                    errors_out.write(dumps(err).encode("utf-8") + b"\n")
            if bar is not None:
                elapsed = max(time.monotonic() - start, 1e-9)
                bar.update(stats.records)
                bar.set_postfix_str(
                    f"{total.bytes_in / 1e6 / elapsed:.2f} MB/s, changes {total.changes}, flags {total.flags}, "
                    f"errors {total.errors}",
                    refresh=False,
                )
        out.commit()
        if errors_out is not None:
            errors_out.commit()
    except BaseException:
        out.abort()
        if errors_out is not None:
            errors_out.abort()
        raise
    finally:
        if bar is not None:
            bar.close()
    seconds = time.monotonic() - start
    if shown > MAX_ERROR_LINES:
        more = shown - MAX_ERROR_LINES
        print(f"{PROG}: … and {more} more error{'s' * (more != 1)}" + (f" (all in {args.errors})" if args.errors else ""), file=sys.stderr)
    if not args.quiet:
        print(summary_line(total, seconds), file=sys.stderr)
    return 1 if total.errors else 0


def summary_dict(stats: Stats, seconds: float) -> dict[str, Any]:
    return stats.to_dict() | {"seconds": round(seconds, 3)}


__all__ = ["Output", "open_input", "run_jsonl", "summary_dict", "summary_line"]
