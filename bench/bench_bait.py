"""Linear-time check on hostile "bait" input: every regular expression in the package,
and the whole cleaning pipeline.

A bait is a short unit repeated to a size (``'<a href="' * N``, ``'[' * N``, ``'澄 ' * N``
…), or a long run with a tail that makes a match fail only at the very end
(``'a' * N + '!'``, ``'[' + 'a' * N``). Such inputs are where backtracking regexes
and per-line rescans turn quadratic; an article pasted from a broken CMS can look
exactly like them.

(a) Patterns: every compiled pattern (``re`` or ``regex``; a ``LazyPattern`` is
    compiled for it) that is a module-level
    global of a ``cleanup`` module, an item of a module-level dict/list/tuple (one
    level deep) or a class attribute of a class defined there, deduplicated by id.
    Not scanned: ``cleanup.integrations`` (optional extras), ``__main__`` modules
    (importing one runs the CLI); modules whose import raises are listed as skipped.
    Each pattern x bait is timed as ``list(pattern.finditer(text))`` at 10 KB,
    100 KB and 1 MB with the cyclic GC off (millions of match objects would
    otherwise time the collector, not the regex). 10 KB is the best of 3 runs, each
    repeated to at least 1 ms. The ratio is s/MB at 1 MB over s/MB at 10 KB.
    Verdicts:
      SUPERLINEAR  ratio > 1.5, still > 1.5 when re-measured (best of 3), and at
                   10 MB the ratio is > 1.5 *and* s/MB still grows (> 1.3x) from
                   1 MB to 10 MB; or a run over the cap; or a pair too slow to grow
                   (100 KB over 2 s; or 10 KB so slow that 100 KB would be over 2 s
                   even if linear: then 10 KB over 1 KB gives the ratio) whose
                   ratio is > 1.5. SLOW is the same stop with a ratio <= 1.5.
      step         ratio > 1.5 but flat from 1 MB to 10 MB: a one-time step after
                   10 KB (CPU cache, allocator), seen on patterns that match at
                   almost every character. Listed, not counted as a finding.
      not confirmed  ratio > 1.5 at 1 MB but <= 1.5 at 10 MB (noise).
      error        the pattern raised (``regex`` raises MemoryError on a match or
                   a repeat of ~10 million characters).
(b) Pipeline: ``clean(text, lang="en")`` on each bait at 10 KB, 100 KB, 1 MB and
    10 MB (not with ``--quick``), after a warm-up on two small articles (imports,
    lazy dictionaries and models). max/min is s/MB across the sizes, as asked, but
    it mostly measures the fixed cost of a document at 10 KB; ``step`` (worst s/MB
    growth from one size to the next, > 1.5 is reported SUPERLINEAR) is the growth
    signal. Over 5 s/MB is reported SLOW. Exceptions (``InputError`` …) are
    findings, reported per run.

"MB" is 10^6 characters (CJK baits are 3 bytes a character in UTF-8). Every
measurement runs in a worker process with a hard cap (``--cap``, 60 s; 20 s for the
100 KB pattern run, whose verdict is decided at 2 s): a run over it kills the worker
and is reported as a timeout. A size that would exceed the cap, extrapolated from
the sizes before it at their s/MB growth (linear if none), is not run.

Prints the pipeline table, the patterns that are not linear, a summary; writes the
full JSON to ``bench/results/bench_bait-YYYYMMDD-HHMMSS.json`` (gitignored).

    python bench/bench_bait.py [--quick] [--only-pipeline | --only-patterns]
    python bench/bench_bait.py --only-patterns --patterns anchors --pattern-size 300000

``--quick`` takes about 8 minutes on a 2-core machine (pipeline ~2 min, census
~6 min, most of it in the few quadratic pairs and the 10 MB confirmations); the
full run adds 10 MB pipeline runs (pipeline ~4 min). The census keeps 1 MB as its largest size;
``--pattern-size 300000`` lowers it if a run must be faster. On a shared machine
ratios mean something, absolute times much less.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import inspect
import json
import math
import multiprocessing as mp
import os
import platform
import pkgutil
import re
import subprocess
import sys
import time
import traceback
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import regex  # noqa: E402
from cleanup.lazy_pattern import Alternation, LazyPattern  # noqa: E402

PATTERN_TYPES = (re.Pattern, type(regex.compile("")), LazyPattern)
RATIO_LIMIT = 1.5  # s/MB at the large size over s/MB at 10 KB; above this a pair is suspect
STOP_AT_100K = 2.0  # seconds: a pair this slow at 100 KB is superlinear, do not grow it
CONFIRM_UNDER = 5.0  # seconds: confirm at 10 MB only pairs whose large run took less
SLOW_S_PER_MB = 5.0  # pipeline: ordinary articles clean at well under 1 s/MB
GROWTH_LIMIT = 1.3  # s/MB at 10 MB over s/MB at 1 MB: a confirmed pair is still growing past 1 MB
SMALL, MID, LARGE, HUGE = 10_000, 100_000, 1_000_000, 10_000_000


# --------------------------------------------------------------------------- baits


class Bait(NamedTuple):
    label: str
    prefix: str
    unit: str
    suffix: str = ""

    def text(self, size: int) -> str:
        """``size`` characters: the prefix, the unit repeated, the suffix."""
        body = size - len(self.prefix) - len(self.suffix)
        return self.prefix + (self.unit * (body // len(self.unit) + 1))[:body] + self.suffix


UNITS = [
    "a", " ", "\t", "a ", '<a href="', "&lt;a href=&quot;", '">', "[", "[a](", "(", "((", '"', "'", "`",
    "**", "_", "#", "1.", "1. ", "http://", "www.", "x.", "a.b", "@a", "澄", "澄 ", "\u0430a", "Ab", "-",
    "- ", "|", ":", "：", ".", "!", "=", "&", "&#", "\n", "a\n", "<", "</", "<p>", "href=", "\u200b",
]
_LABELS = {"\u0430a": "'аa' (Cyrillic а)", "：": "'：' (fullwidth)"}
BAITS = [Bait(_LABELS.get(u, repr(u)), "", u) for u in UNITS] + [
    # a long run that fails only at its end
    Bait("'a'*N+'!'", "", "a", "!"),
    Bait("'<a href=\"'+'x'*N", '<a href="', "x"),
    Bait("'['+'a'*N", "[", "a"),
    Bait("'\"'+'a '*N", '"', "a "),
    Bait("'`'+'a'*N", "`", "a"),
    Bait("'**'+'a '*N", "**", "a "),
    Bait("'http://'+'a.'*N", "http://", "a."),
]

WARMUP_ARTICLES = [
    "Alibabaâ€™s Cloud Grew Faster\n\nAlibabaâ€™s cloud unit grew 12% this quarter, analysts said. The firm "
    "denied the 澄清 rumours about DeepSeek, calling them \u201cunfounded\u201d.\n\nKey Takeaways\n- Revenue: up 12%\n"
    "- Outlook: steady\n\nRead more at [the report](https://example.org/news/alibaba-cloud\n\n"
    "📌 Source: Example News\n🔗 Original: https://example.org/news/1\n",
    '<html><head><title>Grid</title></head><body><h1>Grid operators</h1><p>Supply was stable on Tuesday, '
    'the operator said. <a href="/news/grid">Read more</a></p><ul><li>Load: normal</li></ul>'
    "<p>繁體中文 and 简体中文 leaks.</p></body></html>\n",
]


# --------------------------------------------------------------------------- census


def _scan(module: Any, found: dict[int, dict]) -> None:
    """Record the compiled patterns a module holds: globals, one level inside
    dicts/lists/tuples, class attributes of the module's own classes."""
    mod = module.__name__

    def add(name: str, pattern: Any) -> None:
        if id(pattern) in found:
            found[id(pattern)]["aliases"].append(name)
        else:
            compiled = pattern.compiled() if isinstance(pattern, LazyPattern) else pattern
            found[id(pattern)] = {"name": name, "pattern": compiled, "aliases": []}

    for key, value in list(vars(module).items()):
        if isinstance(value, PATTERN_TYPES):
            add(f"{mod}.{key}", value)
        elif isinstance(value, Alternation):  # its whole pattern bounds every subset it scans with
            add(f"{mod}.{key}", value.whole)
        elif isinstance(value, (dict, list, tuple)):
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for k, v in items:
                if isinstance(v, PATTERN_TYPES):
                    add(f"{mod}.{key}[{k}]", v)
        elif inspect.isclass(value) and value.__module__ == mod:
            for attr, v in vars(value).items():
                if isinstance(v, PATTERN_TYPES):
                    add(f"{mod}.{key}.{attr}", v)


def _prefer_definer(entry: dict) -> None:
    """Name a pattern after the module that assigns it, not one that imports it
    (``from cleanup.structure_rules import COLON_END``) and was walked first."""
    names = [entry["name"], *entry["aliases"]]
    for name in names:
        module, _, attr = name.rpartition(".")
        path = getattr(sys.modules.get(module), "__file__", None)
        if module and path and attr.isidentifier():
            source = Path(path).read_text(encoding="utf-8")
            if re.search(rf"^{re.escape(attr)}\s*(?::[^=\n]*)?=", source, re.M):
                entry["name"], entry["aliases"] = name, [n for n in names if n != name]
                return


@cache
def census() -> tuple[dict[str, Any], dict[str, dict], list[dict]]:
    """``({name: pattern}, {name: info}, skipped modules)``, deduplicated by id."""
    import cleanup

    skipped: list[dict] = []
    modules = [cleanup]

    def load(name: str) -> None:
        if name.startswith("cleanup.integrations") or name.rsplit(".", 1)[-1] == "__main__":
            return
        try:
            modules.append(importlib.import_module(name))
        except ImportError as exc:
            skipped.append({"module": name, "error": f"{type(exc).__name__}: {exc}"})
        except Exception as exc:  # a broken module is worth knowing about, not a crash
            skipped.append({"module": name, "error": f"{type(exc).__name__}: {exc}"})

    def onerror(name: str) -> None:
        skipped.append({"module": name, "error": "import failed while walking"})

    # top level by hand so that cleanup.integrations is never imported, below it walk_packages
    for info in pkgutil.iter_modules(cleanup.__path__, "cleanup."):
        load(info.name)
        if info.ispkg and sys.modules.get(info.name) is not None and not info.name.startswith("cleanup.integrations"):
            for sub in pkgutil.walk_packages(sys.modules[info.name].__path__, info.name + ".", onerror):
                load(sub.name)
    found: dict[int, dict] = {}
    for module in modules:
        _scan(module, found)
    patterns, infos = {}, {}
    for entry in found.values():
        _prefer_definer(entry)
        p = entry["pattern"]
        patterns[entry["name"]] = p
        infos[entry["name"]] = {
            "engine": "re" if isinstance(p, re.Pattern) else "regex",
            "flags": int(p.flags),
            "length": len(p.pattern),
            "aliases": entry["aliases"],
        }
    return patterns, infos, skipped


# --------------------------------------------------------------------------- worker


def _timed(fn, best_of: int, min_seconds: float) -> float:
    """Best of ``best_of`` per-call times, each over enough calls to last ``min_seconds``.
    Results are kept until the clock stops, so freeing them is not timed. A call over
    0.1 s is timed once."""
    def loop(n: int) -> float:
        t0 = time.perf_counter()
        kept = [fn() for _ in range(n)]
        elapsed = time.perf_counter() - t0
        del kept
        return elapsed / n

    first = loop(1)
    if first > 0.1:  # timer and scheduler noise are small next to this; repeating only costs time
        return first
    n = 1 if first >= min_seconds else min(100_000, math.ceil(min_seconds / max(first, 1e-7)))
    times = [first] if n == 1 else []
    while len(times) < best_of:
        times.append(loop(n))
    return min(times)


_texts: dict[tuple[int, int], str] = {}


def _bait_text(bait: int, size: int) -> str:
    """Texts of the current bait are cached (jobs come bait by bait); 10 MB never is."""
    key = (bait, size)
    if key not in _texts:
        if any(k[0] != bait for k in _texts):
            _texts.clear()
        text = BAITS[bait].text(size)
        if size >= HUGE:
            return text
        _texts[key] = text
    return _texts[key]


def _job(job: dict) -> dict:
    kind = job["kind"]
    if kind == "warmup":
        from cleanup import clean

        t0 = time.perf_counter()
        for article in WARMUP_ARTICLES:
            clean(article)
            clean(article, lang="en")
        gc.freeze()
        return {"seconds": time.perf_counter() - t0}
    text = _bait_text(job["bait"], job["size"])
    if kind == "pattern":
        pattern = census()[0][job["pattern"]]
        subject = text.encode("utf-8") if isinstance(pattern.pattern, bytes) else text
        gc.collect()
        gc.disable()
        try:
            return {"seconds": _timed(lambda: list(pattern.finditer(subject)), job["best_of"], job["min_seconds"])}
        finally:
            gc.enable()
    if kind == "clean":
        from cleanup import clean
        from cleanup.lang import detect_with_langdetect

        times, kept = [], []  # the result is freed after the clock stops
        for _ in range(job["best_of"]):
            # every run starts cold, as in bench.py: no paragraph is free because an earlier run saw it
            getattr(detect_with_langdetect, "cache_clear", lambda: None)()
            gc.collect()
            t0 = time.perf_counter()
            try:
                kept.append(clean(text, lang="en"))
            except Exception as exc:  # noqa: BLE001 - an exception is a finding
                return {"seconds": time.perf_counter() - t0, "error": _describe(exc)}
            times.append(time.perf_counter() - t0)
            kept.clear()
        return {"seconds": min(times)}
    raise ValueError(f"unknown job {kind!r}")


def _describe(exc: BaseException) -> str:
    """``Type: message (at cleanup/…/file.py:line)``, the innermost frame in the package."""
    mark = f"{os.sep}cleanup{os.sep}"
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if mark in f.filename]
    where = ""
    if frames:
        f = frames[-1]
        where = f" (at {f.filename[f.filename.rfind(mark) + 1:]}:{f.lineno} in {f.name})"
    return f"{type(exc).__name__}: {str(exc)[:200]}{where}"


def _serve(conn) -> None:
    gc.freeze()  # the census and modules are long-lived: keep gc.collect() before each run cheap
    while True:
        job = conn.recv()
        if job is None:
            return
        try:
            conn.send(_job(job))
        except Exception as exc:  # noqa: BLE001
            conn.send({"error": _describe(exc)})


class Worker:
    """One measuring process; a job past the cap kills it and the next job starts a new one."""

    def __init__(self, cap: float, warm: bool):
        self.cap, self.warm, self.proc, self.conn = cap, warm, None, None
        self.restarts = 0

    def _start(self) -> None:
        ctx = mp.get_context("fork")  # the child inherits the census; nothing is pickled but jobs
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child,), daemon=True)
        self.proc.start()
        child.close()
        if self.warm:
            reply = self._send({"kind": "warmup"}, max(self.cap, 300))
            if "error" in reply or reply.get("timeout"):
                raise RuntimeError(f"pipeline warm-up failed: {reply}")

    def run(self, job: dict, cap: float | None = None) -> dict:
        if self.proc is None:
            self._start()
        return self._send(job, cap or self.cap)

    def _send(self, job: dict, cap: float) -> dict:
        self.conn.send(job)
        if self.conn.poll(cap):
            try:
                return self.conn.recv()
            except EOFError:
                pass
        alive = self.proc.is_alive()
        self.stop(kill=True)
        self.restarts += 1
        return {"timeout": True} if alive else {"error": "worker died (out of memory?)"}

    def stop(self, kill: bool = False) -> None:
        if self.proc is None:
            return
        if kill:
            self.proc.kill()
        else:
            self.conn.send(None)
        self.proc.join(10)
        self.conn.close()
        self.proc = self.conn = None


# --------------------------------------------------------------------------- measuring


def spm(seconds: float, size: int) -> float:
    return seconds / (size / 1e6)


def measure_pair(w: Worker, name: str, bait: int, large: int) -> dict:
    """One pattern x bait: 10 KB, 100 KB, ``large``; re-measured and confirmed at 10 MB if suspect.

    A pair too slow to grow (100 KB over 2 s, or 10 KB so slow that 100 KB would be
    over 2 s even if linear, in which case 1 KB gives the ratio instead) is
    SUPERLINEAR if its ratio says so, SLOW if it is merely slow."""
    row: dict[str, Any] = {"pattern": name, "bait": BAITS[bait].label, "seconds": {}, "verdict": "linear"}

    def run(size: int, best_of: int = 1, min_seconds: float = 1e-3, cap: float | None = None) -> dict:
        cap = min(w.cap, cap or w.cap)
        reply = w.run({"kind": "pattern", "pattern": name, "bait": bait, "size": size,
                       "best_of": best_of, "min_seconds": min_seconds}, cap)
        if "seconds" in reply:
            row["seconds"][str(size)] = round(reply["seconds"], 6)
        if reply.get("timeout"):
            row["seconds"][str(size)] = None
            row.update(verdict="SUPERLINEAR", why=f"over the {cap:g} s cap at {size:,}")
        elif "error" in reply:
            row.update(verdict="error", why=reply["error"])
        return reply

    def stop(ratio: float, why: str) -> dict:
        row.update(ratio=round(ratio, 2), verdict="SUPERLINEAR" if ratio > RATIO_LIMIT else "SLOW", why=why)
        return row

    base = run(SMALL, best_of=3)
    if "seconds" not in base or row["verdict"] != "linear":
        return row
    per_mb = spm(base["seconds"], SMALL)
    if base["seconds"] * MID / SMALL > STOP_AT_100K:
        tiny = run(1_000, best_of=3)
        if row["verdict"] != "linear":
            return row
        return stop(per_mb / spm(tiny["seconds"], 1_000),
                    f"{base['seconds']:.2f} s at 10 KB: not grown; ratio is 10 KB over 1 KB")
    mid = run(MID, cap=10 * STOP_AT_100K)  # over 2 s is already the verdict: no need to wait a minute
    if row["verdict"] != "linear":
        return row
    row["ratio"] = round(spm(mid["seconds"], MID) / per_mb, 2)
    if mid["seconds"] > STOP_AT_100K:
        return stop(row["ratio"], f"{mid['seconds']:.2f} s at 100 KB: not grown further")
    expected = mid["seconds"] * large / MID * max(1.0, row["ratio"])  # if s/MB keeps growing at this rate
    if expected > w.cap:
        return stop(row["ratio"], f"{_size(large)} would take ~{expected:.0f} s at this growth, over the cap: not run")
    big = run(large)
    if row["verdict"] != "linear":
        return row
    row["ratio"] = round(spm(big["seconds"], large) / per_mb, 2)
    if row["ratio"] <= RATIO_LIMIT:
        return row
    again = run(large, best_of=3, min_seconds=0.01)  # one noisy run must not raise an alarm
    if row["verdict"] != "linear":
        return row
    row["ratio"] = round(spm(min(big["seconds"], again["seconds"]), large) / per_mb, 2)
    row["seconds"][str(large)] = round(min(big["seconds"], again["seconds"]), 6)
    if row["ratio"] <= RATIO_LIMIT:
        return row
    if row["seconds"][str(large)] >= CONFIRM_UNDER:
        row.update(verdict="SUPERLINEAR", why=f"ratio {row['ratio']} at {large:,}; too slow to confirm at 10 MB")
        return row
    huge = run(HUGE)
    if row["verdict"] != "linear":
        return row
    if spm(huge["seconds"], HUGE) > GROWTH_LIMIT * spm(row["seconds"][str(large)], large):
        again = run(HUGE)  # still growing: make sure it was not one noisy run
        if row["verdict"] != "linear":
            return row
        row["seconds"][str(HUGE)] = round(min(huge["seconds"], again["seconds"]), 6)
    row["ratio_10mb"] = round(spm(row["seconds"][str(HUGE)], HUGE) / per_mb, 2)
    growth = spm(row["seconds"][str(HUGE)], HUGE) / spm(row["seconds"][str(large)], large)
    row["growth_10mb"] = round(growth, 2)
    if row["ratio_10mb"] > RATIO_LIMIT and growth > GROWTH_LIMIT:
        row.update(verdict="SUPERLINEAR",
                   why=f"ratio {row['ratio_10mb']} at 10 MB, still growing ({growth:.2f}x from {_size(large)})")
    elif row["ratio_10mb"] > RATIO_LIMIT:
        row.update(verdict="step", why=f"ratio {row['ratio_10mb']} at 10 MB but flat from {_size(large)} ({growth:.2f}x): "
                   "a one-time step after 10 KB (cache, allocator), not growth")
    else:
        row.update(verdict="not confirmed", why=f"ratio {row['ratio']} at {_size(large)} but {row['ratio_10mb']} at 10 MB")
    return row


def measure_patterns(names: list[str], baits: list[int], large: int, cap: float) -> list[dict]:
    w = Worker(cap, warm=False)
    rows = []
    t0 = time.perf_counter()
    try:
        for b in baits:
            bait = BAITS[b]
            for name in names:
                row = measure_pair(w, name, b, large)
                rows.append(row)
                if row["verdict"] in ("SUPERLINEAR", "SLOW", "error") or row.get("ratio", 0) > RATIO_LIMIT:
                    print(f"    {row['verdict']}: {name} x {bait.label} {row['seconds']} {row.get('why', '')}",
                          file=sys.stderr, flush=True)
            bad = sum(1 for r in rows if r["verdict"] in ("SUPERLINEAR", "SLOW", "error"))
            print(f"  patterns: bait {b + 1}/{len(BAITS)} {bait.label:26} {time.perf_counter() - t0:6.0f} s, "
                  f"{bad} flagged so far", file=sys.stderr, flush=True)
    finally:
        w.stop()
    return rows


def measure_pipeline(baits: list[int], sizes: list[int], cap: float) -> list[dict]:
    w = Worker(cap, warm=True)
    rows = []
    t0 = time.perf_counter()
    try:
        for b in baits:
            bait = BAITS[b]
            row: dict[str, Any] = {"bait": bait.label, "seconds": {}, "s_per_mb": {}, "findings": []}
            for size in sizes:
                done = [int(s) for s in row["seconds"]]
                if done:
                    # the next size at the s/MB growth of the last step (linear if it did not grow)
                    rate = [row["s_per_mb"][str(d)] for d in done[-2:]]
                    expected = row["seconds"][str(done[-1])] * size / done[-1] * max(1.0, rate[-1] / rate[0])
                    if expected > cap:
                        row["findings"].append(f"{_size(size)}: not run, ~{expected:.0f} s expected, over the cap")
                        break
                reply = w.run({"kind": "clean", "bait": b, "size": size, "best_of": 3 if size == SMALL else 1})
                if reply.get("timeout"):
                    row["findings"].append(f"{size:,}: TIMEOUT over {cap:g} s")
                    break
                if "error" in reply:
                    row["findings"].append(f"{size:,}: {reply['error']}")
                    continue
                row["seconds"][str(size)] = round(reply["seconds"], 4)
                row["s_per_mb"][str(size)] = round(spm(reply["seconds"], size), 4)
            rates = list(row["s_per_mb"].values())
            row["ratio"] = round(max(rates) / min(rates), 2) if len(rates) > 1 and min(rates) > 0 else None
            # max/min is mostly the fixed cost of a document at 10 KB; growth shows as a step above 1
            steps = [b / a for a, b in zip(rates, rates[1:]) if a > 0]
            row["worst_step"] = round(max(steps), 2) if steps else None
            if row["worst_step"] and row["worst_step"] > RATIO_LIMIT:
                row["findings"].append(f"SUPERLINEAR: s/MB grows {row['worst_step']}x from one size to the next")
            if rates and max(rates) > SLOW_S_PER_MB:
                row["findings"].append(f"SLOW: {max(rates):.1f} s/MB")
            rows.append(row)
            print(f"  pipeline: bait {b + 1}/{len(BAITS)} {bait.label:26} {time.perf_counter() - t0:6.0f} s",
                  file=sys.stderr, flush=True)
    finally:
        w.stop()
    return rows


# --------------------------------------------------------------------------- report


def _size(n: int) -> str:
    return f"{n // 1_000_000} MB" if n >= 1_000_000 else f"{n // 1000} KB"


def print_pipeline(rows: list[dict], sizes: list[int]) -> None:
    print("\nPipeline: clean(text, lang='en'), seconds per MB (10^6 characters); "
          "step: worst s/MB growth from one size to the next")
    print(f"{'bait':28}" + "".join(f"{_size(s):>10}" for s in sizes) + f"{'max/min':>9}{'step':>7}  findings")
    for r in rows:
        cells = "".join(f"{r['s_per_mb'][str(s)]:10.3f}" if str(s) in r["s_per_mb"] else f"{'-':>10}" for s in sizes)
        ratio = f"{r['ratio']:9.2f}" if r["ratio"] is not None else f"{'-':>9}"
        step = f"{r['worst_step']:7.2f}" if r["worst_step"] is not None else f"{'-':>7}"
        print(f"{r['bait']:28}{cells}{ratio}{step}  {'; '.join(r['findings'])}")


def print_patterns(rows: list[dict], large: int) -> None:
    """Findings first (SUPERLINEAR, SLOW, error), then pairs over the ratio that did not hold up at 10 MB."""
    flagged = [r for r in rows if r["verdict"] != "linear" or r.get("ratio", 0) > RATIO_LIMIT]
    sizes = sorted({int(s) for r in flagged for s in r["seconds"]})

    def cell(r: dict, size: int) -> str:
        t = r["seconds"].get(str(size), "-")
        return f"{'timeout':>10}" if t is None else f"{t:10.4f}" if t != "-" else f"{t:>10}"

    def table(title: str, part: list[dict]) -> None:
        print(f"\n{title}: {len(part)}")
        if not part:
            return
        print(f"{'pattern':46} {'bait':22}" + "".join(f"{_size(s) + ' s':>10}" for s in sizes) + f"{'ratio':>7}  verdict")
        for r in sorted(part, key=lambda r: (r["verdict"], r["pattern"], -r.get("ratio", 0))):
            ratio = r.get("ratio_10mb", r.get("ratio"))
            print(f"{r['pattern']:46} {r['bait']:22}{''.join(cell(r, s) for s in sizes)}"
                  f"{ratio if ratio is not None else '-':>7}  {r['verdict']}: {r.get('why', '')}")

    findings = [r for r in flagged if r["verdict"] in ("SUPERLINEAR", "SLOW", "error")]
    table(f"Patterns x baits: superlinear (ratio > {RATIO_LIMIT} at {_size(large)} over 10 KB, confirmed), "
          "timed out, too slow to grow, or an error", findings)

    # the rest: over the ratio at the large size, flat beyond it; one line per pattern (every pair is in the JSON)
    rest: dict[str, list[dict]] = {}
    for r in flagged:
        if r not in findings:
            rest.setdefault(r["pattern"], []).append(r)
    print(f"\nOver {RATIO_LIMIT} at {_size(large)} but flat from {_size(large)} to 10 MB (step) or under "
          f"{RATIO_LIMIT} at 10 MB (not confirmed): {sum(map(len, rest.values()))} pairs, {len(rest)} patterns")
    if rest:
        print(f"{'pattern':46} {'pairs':>5} {'worst 10 MB ratio':>18} {'worst growth 1-10 MB':>21}  worst bait")
    for name, part in sorted(rest.items(), key=lambda kv: -len(kv[1])):
        worst = max(part, key=lambda r: r.get("ratio_10mb", 0))
        growth = max(r.get("growth_10mb", 0) for r in part)
        print(f"{name:46} {len(part):5} {worst.get('ratio_10mb', '-'):>18} {growth:>21}  {worst['bait']}")


def summary(pattern_rows: list[dict], names: list[str], pipeline_rows: list[dict]) -> dict:
    out: dict[str, Any] = {"patterns": len(names), "pairs_measured": len(pattern_rows)}
    rated = [r for r in pattern_rows if r.get("ratio") is not None]
    if rated:
        worst = max(rated, key=lambda r: r.get("ratio_10mb", r["ratio"]))
        out["worst_pattern_ratio"] = worst.get("ratio_10mb", worst["ratio"])
        out["worst_pattern_pair"] = f"{worst['pattern']} x {worst['bait']}"
    verdicts: dict[str, int] = {}
    for r in pattern_rows:
        verdicts[r["verdict"]] = verdicts.get(r["verdict"], 0) + 1
    out["verdicts"] = verdicts
    out["patterns_with_findings"] = sorted(
        {r["pattern"] for r in pattern_rows if r["verdict"] in ("SUPERLINEAR", "SLOW", "error")})
    steps = [r for r in pipeline_rows if r["worst_step"] is not None]
    if steps:
        worst = max(steps, key=lambda r: r["worst_step"])
        out["worst_pipeline_step"], out["worst_pipeline_step_bait"] = worst["worst_step"], worst["bait"]
    ratios = [r for r in pipeline_rows if r["ratio"] is not None]
    if ratios:
        worst = max(ratios, key=lambda r: r["ratio"])
        out["worst_pipeline_ratio"], out["worst_pipeline_bait"] = worst["ratio"], worst["bait"]
    out["pipeline_findings"] = sum(1 for r in pipeline_rows if r["findings"])
    return out


def _git() -> dict:
    """Commit and locally modified files (read-only git calls: results on a dirty tree say so)."""
    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", "--no-optional-locks", *args], cwd=ROOT, capture_output=True,
                                  text=True, timeout=30).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    return {"head": git("rev-parse", "HEAD"), "modified": git("status", "--porcelain", "--untracked-files=no").splitlines()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="no 10 MB pipeline runs")
    only = ap.add_mutually_exclusive_group()
    only.add_argument("--only-pipeline", action="store_true")
    only.add_argument("--only-patterns", action="store_true")
    ap.add_argument("--pattern-size", type=int, default=LARGE, help="largest census size in characters (default 1 MB)")
    ap.add_argument("--patterns", default="", help="only patterns whose name contains this")
    ap.add_argument("--baits", default="", help="only baits whose label contains this (labels as printed)")
    ap.add_argument("--cap", type=float, default=60.0, help="hard limit in seconds for one measurement")
    ap.add_argument("--json", default=None, help="default: bench/results/bench_bait-YYYYMMDD-HHMMSS.json")
    args = ap.parse_args()
    started = time.perf_counter()

    patterns, infos, skipped = census()
    names = [n for n in patterns if args.patterns in n]
    print(f"census: {len(patterns)} patterns ({len(names)} selected), {len(BAITS)} baits, "
          f"{len(skipped)} modules skipped", file=sys.stderr, flush=True)
    pipeline_sizes = [SMALL, MID, LARGE] + ([] if args.quick else [HUGE])
    baits = [i for i, b in enumerate(BAITS) if args.baits in b.label]
    pipeline_rows = [] if args.only_patterns else measure_pipeline(baits, pipeline_sizes, args.cap)
    pattern_rows = [] if args.only_pipeline else measure_patterns(names, baits, args.pattern_size, args.cap)

    result = {
        "date": time.strftime("%Y-%m-%d %H:%M:%S"),
        "machine": f"{platform.machine()}, {platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}",
        "git": _git(),
        "args": vars(args),
        "limits": {"ratio": RATIO_LIMIT, "growth_1mb_to_10mb": GROWTH_LIMIT, "stop_at_100kb_s": STOP_AT_100K,
                   "confirm_under_s": CONFIRM_UNDER, "pipeline_slow_s_per_mb": SLOW_S_PER_MB, "cap_s": args.cap},
        "baits": [b.label for b in BAITS],
        "not_scanned": ["cleanup.integrations.*", "cleanup.__main__ (importing it runs the CLI)"],
        "skipped_modules": skipped,
        "patterns": {n: infos[n] for n in names},
        "pipeline": pipeline_rows,
        "pattern_pairs": pattern_rows,
    }
    result["summary"] = summary(pattern_rows, [] if args.only_pipeline else names, pipeline_rows)
    result["summary"]["run_seconds"] = round(time.perf_counter() - started, 1)

    if pipeline_rows:
        print_pipeline(pipeline_rows, pipeline_sizes)
    if not args.only_pipeline:
        print_patterns(pattern_rows, args.pattern_size)
    for s in skipped:
        print(f"skipped {s['module']}: {s['error']}")
    s = result["summary"]
    line = f"\nsummary: {s['patterns']} patterns, {s['pairs_measured']} pattern x bait pairs measured"
    if args.only_pipeline:
        line = "\nsummary: patterns not measured (--only-pipeline)"
    if "worst_pattern_ratio" in s:
        line += f", worst ratio {s['worst_pattern_ratio']} ({s['worst_pattern_pair']})"
    if s["verdicts"]:
        line += ", verdicts " + ", ".join(f"{k} {v}" for k, v in sorted(s["verdicts"].items()))
    if s["patterns_with_findings"]:
        line += f" ({len(s['patterns_with_findings'])} patterns with findings)"
    if "worst_pipeline_step" in s:
        line += (f"; pipeline: worst step {s['worst_pipeline_step']} ({s['worst_pipeline_step_bait']}), "
                 f"worst max/min {s['worst_pipeline_ratio']} ({s['worst_pipeline_bait']}), "
                 f"{s['pipeline_findings']} baits with findings")
    print(line + f"; {s['run_seconds']:.0f} s")

    out = Path(args.json) if args.json else ROOT / "bench" / "results" / f"bench_bait-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print("wrote", out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
