"""Throughput of the chinese filter against OpenCC alone on the same text.

Builds a large document (default 5 MB of UTF-8) by repeating the Chinese corpus
articles, then times, best of --repeat runs:

* ``opencc``: ``OpenCC(config).convert(text)`` on the whole text, once;
* ``filter``: ``ChineseFilter.apply`` on a freshly read Document (reading and
  writing are not timed: they are the same for every filter).

Documents: ``clean`` (consistent Simplified: nothing to convert), ``hans``
(Simplified with Traditional leftovers, ``auto`` converts the minority), ``hant``
(Traditional, converted whole with ``t2s``; every run is a recorded change).

    python scripts/bench_chinese.py                 # clean, auto (minority), t2s, s2twp
    python scripts/bench_chinese.py --mb 1 --config tw2sp
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from cleanup import chinese_convert as cc
from cleanup.filters.chinese import ChineseFilter
from cleanup.lang import detect_language
from cleanup.readers import read
from cleanup.source import Source

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = {
    "hans": ["zh-hans-ev-market.txt", "zh-hans-pour-over-coffee.md"],
    "hant": ["zh-hant-tw-ai-servers.md"],
}


def build(kind: str, megabytes: float) -> str:
    if kind == "clean":  # a consistent Simplified document: the common case, nothing to convert
        return cc.converter("t2s").convert(build("hans", megabytes))
    parts = []
    for name in ARTICLES[kind]:
        text = (ROOT / "corpus" / name).read_text(encoding="utf-8")
        # plain paragraphs only: drop Markdown fences so the whole text is convertible
        parts.append("\n\n".join(p for p in text.split("\n\n") if not p.startswith(("```", "#", "-"))))
    unit = "\n\n".join(parts) + "\n\n"
    size = int(megabytes * 1024 * 1024)
    return unit * max(1, size // len(unit.encode("utf-8")))


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def bench(kind: str, mode: str, megabytes: float, repeat: int) -> None:
    text = build(kind, megabytes)
    source = Source(text)
    language = detect_language(text[:4000])
    flt = ChineseFilter(chinese=mode)
    docs = []

    def fresh():
        doc = read(source, "text")
        doc.language = language
        docs.append(doc)
        return doc

    # what the filter ends up running OpenCC with (auto → t2s for the Simplified build)
    config = mode if mode != "auto" else ("s2t" if kind == "hant" else "t2s")
    conv = cc.converter(config)
    conv.convert(text[:1000])  # warm up both
    flt.apply(fresh())
    t_opencc = best(lambda: conv.convert(text), repeat)
    prepared = [fresh() for _ in range(repeat)]
    t_filter = best(lambda: flt.apply(prepared.pop()), repeat)
    changes = len(docs[-1].changes)
    mb = len(text.encode("utf-8")) / 1024 / 1024
    print(
        f"{kind:4} {mode:6} {mb:5.1f} MB  opencc {t_opencc:6.2f}s  filter {t_filter:6.2f}s  "
        f"ratio {t_filter / t_opencc:4.2f}x  changes {changes}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--config", action="append", help="OpenCC configuration(s) or auto")
    args = ap.parse_args()
    runs = [("clean", "auto"), ("hans", "auto"), ("hant", "t2s"), ("hans", "s2twp")]
    if args.config:
        runs = [("hans" if c.startswith("s") or c == "auto" else "hant", c) for c in args.config]
    for kind, mode in runs:
        bench(kind, mode, args.mb, args.repeat)


if __name__ == "__main__":
    main()
