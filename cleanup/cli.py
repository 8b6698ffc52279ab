"""The ``article-cleanup`` command: a Unix filter over files or stdin.

All I/O lives here. Errors are one line on stderr and exit status 2; ``--check``
exits 1 when something would change or a flag remains; nothing is half-written
(``--in-place`` and ``--report`` write through a temporary file and a rename).
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import Any

PROG = "article-cleanup"
FORMAT_BY_SUFFIX = {".md": "markdown", ".markdown": "markdown", ".mdown": "markdown", ".mkd": "markdown",
                    ".html": "html", ".htm": "html", ".xhtml": "html"}
_OUT_OF_MEMORY = f"{PROG}: error: out of memory\n".encode()  # built before memory runs out
EPILOG = """examples:
  article-cleanup article.txt                 clean to Markdown on stdout
  curl -s URL | article-cleanup --to json     the full change report as JSON
  article-cleanup --check docs/*.md           exit 1 if anything would change
  article-cleanup --diff post.md              show the fixes as a unified diff
  article-cleanup --in-place --report r.json post.md
  article-cleanup --anchors strip --stray flag --lang en article.txt
  article-cleanup --jsonl corpus.jsonl.zst -o clean.jsonl.zst --errors bad.jsonl

exit status: 0 ok; 1 with --check when changes or flags remain, or with --jsonl when a record failed;
2 usage error or unreadable input
"""


class CliError(Exception):
    """A problem the user can fix; printed as one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, not the whole usage text
        raise CliError(f"{message} (see --help)")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog=PROG,
        description="Clean and normalize a multilingual article and report every change.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("files", nargs="*", metavar="FILE", help="input files; none or '-' reads stdin")
    p.add_argument("--from", dest="input_format", choices=["auto", "text", "markdown", "html"], help="input format (default: auto)")
    p.add_argument("--to", choices=["markdown", "html", "text", "json"], help="output format (default: follows the input)")
    p.add_argument("--lang", help="document language as a BCP-47 tag (default: detected)")
    p.add_argument("--config", metavar="PATH", help="TOML config file (default: [tool.article-cleanup] in the nearest pyproject.toml)")
    p.add_argument("--preset", help="filter preset: default, minimal, cms")
    p.add_argument("--enable", action="append", default=[], metavar="NAME", help="add a filter (repeatable)")
    p.add_argument("--disable", action="append", default=[], metavar="NAME", help="remove a filter (repeatable)")
    p.add_argument("--check", action="store_true", help="write nothing; exit 1 if changes would be made or flags remain")
    p.add_argument("--diff", action="store_true", help="print a unified diff instead of the cleaned article")
    p.add_argument("--report", metavar="PATH", help="also write the JSON change report to PATH")
    p.add_argument("--review", metavar="PATH", help="also write an HTML review page (every change marked) to PATH")
    p.add_argument("--in-place", action="store_true", help="rewrite each FILE atomically")
    p.add_argument("-o", "--output", metavar="PATH", help="write the output to PATH instead of stdout")
    p.add_argument("--encoding", help="decode input with this encoding instead of UTF-8")
    p.add_argument("--anchors", choices=["repair", "strip", "flag"], help="broken links: repair (default), strip or flag")
    p.add_argument("--base-url", help="site base URL used to rebuild and resolve links")
    p.add_argument("--stray", choices=["translate", "flag", "remove", "keep"], help="mixed-language leaks (default: translate)")
    p.add_argument("--mark", action="store_true", default=None, help="wrap flagged stray tokens in <mark>")
    p.add_argument("--glossary", metavar="PATH", help="TOML or CSV glossary that always wins")
    p.add_argument(
        "--chinese",
        choices=["auto", "s2t", "t2s", "s2tw", "s2twp", "tw2s", "tw2sp", "s2hk", "hk2s", "t2tw", "t2hk", "off"],
        help="Chinese variant conversion (default: auto)",
    )
    p.add_argument("--protected-terms", metavar="TERMS", help="comma-separated terms never converted")
    p.add_argument("--footer", choices=["keep", "remove", "off"], help="attribution footer handling (default: keep)")
    p.add_argument("--bold-labels", action="store_true", default=None, help="bold the Label: of 'Label: text' items")
    p.add_argument("--max-bytes", type=int, metavar="N", help="refuse inputs over N bytes (0: no limit)")
    p.add_argument("--timeout", type=float, metavar="SECONDS", help="time budget per document (0: none)")
    p.add_argument("--version", action="store_true", help="print the version and exit")
    g = p.add_argument_group("corpus runs (--jsonl)")
    g.add_argument("--jsonl", action="store_true", help="FILE is JSONL (.jsonl, .jsonl.gz, .jsonl.zst or -): clean one record per line")
    g.add_argument("--jobs", type=int, metavar="N", help="worker processes (default: all cores; 1: in-process)")
    g.add_argument("--field", default="text", metavar="F", help="field holding the article; dotted for nested (default: text)")
    g.add_argument("--output-field", metavar="F", help="write the cleaned text here (default: --field)")
    g.add_argument("--report-field", default="cleanup", metavar="F", help="write the change report here (default: cleanup)")
    g.add_argument("--lang-field", metavar="F", help="per-record language field (BCP-47)")
    g.add_argument("--format-field", metavar="F", help="per-record input format field (text, markdown, html)")
    g.add_argument("--errors", metavar="PATH", help="write failed records as JSONL to PATH")
    g.add_argument("--quiet", action="store_true", help="no progress bar, no summary")
    g.add_argument("--engine", choices=["local", "ray"], default="local", help="local processes (default) or Ray Data")
    g.add_argument("--address", metavar="ADDR", help="with --engine ray: join this Ray cluster (default: start a local one)")
    return p


def _config(args: argparse.Namespace):
    from cleanup.config import CleanupConfig, find_pyproject_config, load_config_file

    try:
        config = CleanupConfig()
        path = args.config or find_pyproject_config()
        if path:
            config = load_config_file(path, config)
        overrides: dict[str, Any] = {
            name: getattr(args, name)
            for name in (
                "input_format", "to", "lang", "preset", "anchors", "base_url", "stray", "mark", "glossary",
                "chinese", "footer", "bold_labels", "max_bytes", "timeout",
            )
        }
        if args.protected_terms:
            overrides["protected_terms"] = tuple(t.strip() for t in args.protected_terms.split(",") if t.strip())
        if args.enable:
            overrides["enable"] = tuple(config.enable) + tuple(args.enable)
        if args.disable:
            overrides["disable"] = tuple(config.disable) + tuple(args.disable)
        return config.replace(**overrides)
    except ValueError as exc:
        raise CliError(str(exc)) from None


def _read(path: str, max_bytes: int) -> bytes:
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1 if max_bytes else -1)
        return data
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise CliError(f"{path}: no such file") from None
    except OSError as exc:
        raise CliError(f"{path}: cannot read ({exc.strerror})") from None
    if stat.S_ISDIR(st.st_mode):
        raise CliError(f"{path}: is a directory; pass the article files inside it")
    if not stat.S_ISREG(st.st_mode):
        raise CliError(f"{path}: not a regular file")
    if max_bytes and st.st_size > max_bytes:
        raise CliError(f"{path}: {st.st_size:,} bytes is over the limit of {max_bytes:,} (raise it with --max-bytes)")
    try:
        return p.read_bytes()
    except OSError as exc:
        raise CliError(f"{path}: cannot read ({exc.strerror})") from None


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename: a crash leaves the
    old file or the new one. A symlink is followed (its target is replaced); a device or a
    FIFO is written to, not replaced. Raises :class:`CliError` when it cannot write."""
    try:
        _atomic_write(Path(os.path.realpath(path)), data)
    except OSError as exc:
        raise CliError(f"{path}: cannot write ({exc.strerror or exc})") from None


def _atomic_write(path: Path, data: bytes) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    try:
        st = path.stat()
    except FileNotFoundError:
        st = None
    if st is not None and not stat.S_ISREG(st.st_mode):
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(21, "is a directory")
        with open(path, "wb") as fh:  # /dev/null, a FIFO, a terminal: write through
            fh.write(data)
        return
    if st is not None:
        mode = stat.S_IMODE(st.st_mode)
    else:  # a new file gets the usual permissions, not mkstemp's 0600
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _serialize(result, to: str | None) -> str:
    if to == "json":
        return json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"
    return result.text


def _input_text(data: bytes, encoding: str | None) -> str:
    from cleanup.source import decode

    return decode(data, encoding)[0]


def run(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.version:
        from cleanup import __version__

        print(f"{PROG} {__version__}")
        return 0
    if args.jsonl:
        from cleanup.batch_cli import run_jsonl

        return run_jsonl(args, _config(args))
    files = args.files or ["-"]
    if args.in_place and "-" in files:
        raise CliError("--in-place needs FILE arguments, not stdin")
    if args.in_place and args.output:
        raise CliError("--in-place and --output cannot be used together")
    if args.review and len(files) > 1:
        raise CliError("--review takes one input; run once per file")
    if args.output and len(files) > 1:
        raise CliError("--output takes one input; use --in-place for several files")
    config = _config(args)

    from cleanup.api import clean
    from cleanup.pipeline import Pipeline, TimeBudgetExceeded
    from cleanup.source import InputError

    try:
        pipeline = Pipeline.from_config(config)
    except (ValueError, ImportError) as exc:
        raise CliError(str(exc)) from None

    status = 0
    json_array = config.to == "json" and len(files) > 1 and not (args.in_place or args.check or args.diff)
    reports: list[dict[str, Any]] = []
    outputs: list[bytes] = []
    for path in files:
        data = _read(path, config.max_bytes)
        name = "<stdin>" if path == "-" else path
        result = None
        file_config = config
        if config.input_format == "auto" and path != "-":
            by_name = FORMAT_BY_SUFFIX.get(Path(path).suffix.lower())
            if by_name:  # the file's name says what it is: a plain-looking .md is still Markdown
                file_config = config.replace(input_format=by_name)
        try:
            result = clean(data, file_config, pipeline=pipeline, encoding=args.encoding)
        except InputError as exc:
            raise CliError(f"{name}: {exc}") from None
        except TimeBudgetExceeded as exc:
            raise CliError(f"{name}: {exc} (--timeout {config.timeout:g})") from None
        except MemoryError:
            pass  # reported below, once the traceback (and the half-built document) is freed
        if result is None:
            raise CliError(f"{name}: out of memory while cleaning; nothing was written")
        reports.append(result.to_dict() | ({"file": path} if len(files) > 1 else {}))
        if args.review:
            from cleanup.review import render as render_review

            atomic_write(Path(args.review), render_review(result, name=name).encode("utf-8"))
        if args.check:
            if result.changes:
                n, f = len(result.changes), result.flags
                print(f"would clean {name}: {n} change{'s' * (n != 1)}, {f} flag{'s' * (f != 1)}", file=sys.stderr)
                status = 1
            continue
        if args.diff:
            before = _input_text(data, args.encoding).splitlines(keepends=True)
            after = result.text.splitlines(keepends=True)
            diff = "".join(difflib.unified_diff(before, after, f"a/{name}", f"b/{name}"))
            outputs.append(diff.encode("utf-8"))
            continue
        if json_array:
            continue  # one JSON array of reports (with "file"), written below
        out = _serialize(result, config.to).encode("utf-8")
        if args.in_place:
            if result.text != _input_text(data, args.encoding) or config.to == "json":
                atomic_write(Path(path), out)
        else:
            outputs.append(out)
    if json_array:
        outputs.append((json.dumps(reports, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    if args.report:
        payload = reports[0] if len(reports) == 1 else reports
        atomic_write(Path(args.report), (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    if args.output:
        atomic_write(Path(args.output), b"".join(outputs))
    else:
        for out in outputs:
            sys.stdout.buffer.write(out)
        sys.stdout.buffer.flush()
    return status


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "serve":  # the HTTP publishing hook parses its own arguments
        from cleanup.server import serve

        return serve(argv[1:])
    try:
        return run(argv)
    except CliError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except MemoryError:  # outside cleaning (reading, writing): no room left to format a message
        os.write(2, _OUT_OF_MEMORY)
        return 2
    except BrokenPipeError:
        # the reader went away (| head): exit quietly like other Unix filters
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        except OSError:
            pass
        return 141


if __name__ == "__main__":
    sys.exit(main())
