"""Side-by-side benchmark: article-cleanup against ftfy, clean-text and OpenCC.

Everything is measured in one run, interleaved (each repeat runs every contender
once, in turn), and reported as the median of the repeats and as a ratio to
``ftfy.fix_text`` on the same text: on a shared machine ratios mean something,
absolute times do not.

    python bench/bench.py [--repeats 5] [--quick] [--json bench/results/latest.json]
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
sys.path.insert(0, str(ROOT))

from cleanup import CleanupConfig, Pipeline, clean  # noqa: E402
from cleanup.pipeline import PRESETS, filter_class  # noqa: E402


def _articles(prefixes: tuple[str, ...], suffixes: tuple[str, ...] = (".txt", ".md"), cleaned: bool = False) -> list[str]:
    """The corpus articles as they arrive, or (``cleaned``) their expected clean output."""
    out = []
    for p in sorted(CORPUS.iterdir()):
        if p.suffix in suffixes and (".expected." in p.name) == cleaned and p.name.startswith(prefixes):
            out.append(p.read_text(encoding="utf-8"))
    return out


def _variations(texts: list[str], n: int, seed: int) -> list[str]:
    """``n`` articles made by shuffling the paragraphs of real corpus articles."""
    rng = random.Random(seed)
    paragraphs = [p for t in texts for p in t.split("\n") if p.strip()]
    docs = []
    for _ in range(n):
        k = rng.randint(8, 30)
        docs.append("\n".join(rng.choice(paragraphs) for _ in range(k)) + "\n")
    return docs


def build_sets(quick: bool) -> dict[str, list[str]]:
    n = 20 if quick else 60
    english = _articles(("en-",))
    leaked = [t.replace(" the ", " the 澄清 ", 1).replace(" important ", " 重要 ", 1) for t in english]
    sets = {
        "en": _variations(english, n, 1),
        # the common case for a publisher: articles that are already clean (our own expected output)
        "en-clean": _variations(_articles(("en-",), (".md",), cleaned=True), n, 6),
        "en+zh": _variations(leaked + english, n, 2),
        "zh": _variations(_articles(("zh-",)), n, 3),
        # one language per document: real German or French articles, not a blend of both
        "de/fr": _variations(_articles(("de-",)) or english, n // 2, 4) + _variations(_articles(("fr-",)) or english, n - n // 2, 5),
        "html": [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.html")) if ".expected." not in p.name],
    }
    return {k: v for k, v in sets.items() if v}


def _time(fn: Callable[[str], object], docs: list[str]) -> float:
    from cleanup.lang import detect_with_langdetect

    # every repeat starts cold: sentences seen in an earlier repeat must not be free
    getattr(detect_with_langdetect, "cache_clear", lambda: None)()
    t0 = time.perf_counter()
    for d in docs:
        fn(d)
    return time.perf_counter() - t0


def contenders(set_name: str) -> dict[str, Callable[[str], object]]:
    import ftfy

    out: dict[str, Callable[[str], object]] = {"ftfy.fix_text": ftfy.fix_text}
    lang = "zh" if set_name == "zh" else None
    default = Pipeline.from_config(CleanupConfig())
    out["cleanup (default chain)"] = lambda d: clean(d, pipeline=default, lang=lang)
    for name in PRESETS["default"]:
        try:
            single = Pipeline([filter_class(name).from_config(CleanupConfig())])
        except (ImportError, ValueError):
            continue
        out[f"  {name} alone"] = lambda d, p=single: clean(d, pipeline=p, lang=lang or "en")
    try:
        from cleantext import clean as clean_text

        out["clean-text clean()"] = clean_text
    except ImportError:
        pass
    if set_name == "zh":
        import opencc

        conv = opencc.OpenCC("t2s")
        out["opencc t2s alone"] = conv.convert
    return out


def measure_sets(sets: dict[str, list[str]], repeats: int) -> list[dict]:
    rows = []
    for set_name, docs in sets.items():
        funcs = contenders(set_name)
        for fn in funcs.values():  # warm up on the whole set: imports, dictionaries, lazy models
            _time(fn, docs)
        times: dict[str, list[float]] = {k: [] for k in funcs}
        for _ in range(repeats):
            for name, fn in funcs.items():
                times[name].append(_time(fn, docs))
        mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
        base = statistics.median(times["ftfy.fix_text"])
        for name, ts in times.items():
            med = statistics.median(ts)
            rows.append(
                {
                    "set": set_name, "contender": name, "docs": len(docs), "mb": round(mb, 3),
                    "seconds": round(med, 4), "mb_per_s": round(mb / med, 2), "docs_per_s": round(len(docs) / med, 1),
                    "throughput_vs_ftfy": round(base / med, 2),
                }
            )
    return rows


def langdetect_calls(sets: dict[str, list[str]]) -> dict[str, float]:
    """langdetect calls per 1,000 paragraphs, by set (document language detection included)."""
    import cleanup.lang as lang_mod

    counter = {"n": 0}
    real = lang_mod.detect_with_langdetect

    def counting(text: str):
        counter["n"] += 1
        return real(text)

    lang_mod.detect_with_langdetect = counting
    modules = [m for name, m in sys.modules.items() if name.startswith("cleanup.") and hasattr(m, "detect_with_langdetect")]
    for m in modules:
        m.detect_with_langdetect = counting
    out = {}
    try:
        for set_name, docs in sets.items():
            counter["n"] = 0
            paragraphs = sum(sum(1 for line in d.split("\n") if line.strip()) for d in docs)
            for d in docs:
                clean(d)
            out[set_name] = round(1000 * counter["n"] / max(paragraphs, 1), 1)
    finally:
        for m in modules:
            m.detect_with_langdetect = real
        lang_mod.detect_with_langdetect = real
    return out


def _pieces(text: str, size: int) -> list[str]:
    """``text`` cut into documents of about ``size`` characters, at paragraph breaks."""
    out, i = [], 0
    while i < len(text):
        j = text.find("\n\n", i + size)
        j = len(text) if j == -1 else j + 2
        out.append(text[i:j])
        i = j
    return out


def scaling(sets: dict[str, list[str]], quick: bool) -> list[dict]:
    """Seconds per MB by document size (10 KB, 1 MB, 20 MB) on the same text: the
    English corpus articles whole and in turn (shuffled paragraphs could open a code
    fence that hides the rest from every filter), as one document of each size, or
    for sizes under 1 MB, 1 MB of it cut into documents of that size (so every size
    sees the same mix of articles, not just the first few)."""
    base = "\n\n".join(_articles(("en-",)))
    sizes = [10_000, 1_000_000] + ([] if quick else [20_000_000])
    rows = []
    for size in sizes:
        total = max(size, 1_000_000)
        text = (base * (total // len(base) + 1))[:total]
        text = text[: text.rfind("\n") + 1]
        docs = _pieces(text, size)
        t = _time(lambda d: clean(d, lang="en"), docs)
        mb = len(text.encode("utf-8")) / 1e6
        rows.append({"bytes": size, "documents": len(docs), "seconds": round(t, 3), "seconds_per_mb": round(t / mb, 3)})
    return rows


def _run(cmd: list[str], stdin: bytes = b"") -> tuple[float, int]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    subprocess.run(cmd, input=stdin, capture_output=True, check=True)
    elapsed = time.perf_counter() - t0
    return elapsed, max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before)


def cold_start(repeats: int) -> dict[str, float]:
    exe = str(Path(sys.executable).with_name("article-cleanup"))
    article = ("Alibaba’s cloud unit grew faster than expected this quarter, analysts said. " * 26).encode()
    # real damaged articles that need the dictionaries: the seed (a leaked Chinese word, link
    # debris) and a Simplified Chinese article with Traditional leftovers
    seed = (CORPUS / "en-seed-alibaba-deepseek.txt").read_bytes()
    chinese = (CORPUS / "zh-xinnengyuan-xiaoliang.txt").read_bytes()
    cmds = {
        "python -c 'import ftfy'": ([sys.executable, "-c", "import ftfy"], b""),
        "article-cleanup --version": ([exe, "--version"], b""),
        "article-cleanup (2 KB article)": ([exe, "--lang", "en"], article),
        f"article-cleanup (the seed, {len(seed) / 1000:.1f} KB)": ([exe], seed),
        f"article-cleanup (a damaged Chinese article, {len(chinese) / 1000:.1f} KB)": ([exe], chinese),
    }
    times: dict[str, list[float]] = {k: [] for k in cmds}
    for _ in range(repeats):
        for name, (cmd, stdin) in cmds.items():
            times[name].append(_run(cmd, stdin)[0])
    base = statistics.median(times["python -c 'import ftfy'"])
    return {k: round(statistics.median(v) / base, 2) for k, v in times.items()}


def peak_rss_mb(sets: dict[str, list[str]]) -> float:
    exe = str(Path(sys.executable).with_name("article-cleanup"))
    text = ("\n".join(sets["en"]) * 20).encode()
    code = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], input=sys.stdin.buffer.read(), "
        "capture_output=True); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", code, exe, "--lang", "en"], input=text, capture_output=True, check=True)
    return round(int(out.stdout) / 1024, 1)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="smaller sets, no 20 MB document")
    ap.add_argument("--json", default=str(ROOT / "bench" / "results" / "latest.json"))
    args = ap.parse_args()
    sets = build_sets(args.quick)
    result = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": f"{platform.machine()}, {platform.python_implementation()} {platform.python_version()}, "
        f"{__import__('os').cpu_count()} cores",
        "throughput": measure_sets(sets, args.repeats),
        "langdetect_calls_per_1000_paragraphs": langdetect_calls(sets),
        "seconds_per_mb": scaling(sets, args.quick),
        "cold_start_vs_import_ftfy": cold_start(args.repeats),
        "peak_rss_mb_cli": peak_rss_mb(sets),
        "peak_rss_input_mb": round(len(("\n".join(sets["en"]) * 20).encode()) / 1e6, 2),
    }
    print(f"{'set':8} {'contender':28} {'MB/s':>8} {'docs/s':>9} {'vs ftfy':>8}")
    for r in result["throughput"]:
        print(f"{r['set']:8} {r['contender']:28} {r['mb_per_s']:8.2f} {r['docs_per_s']:9.1f} {r['throughput_vs_ftfy']:7.2f}x")
    print("langdetect calls per 1,000 paragraphs:", result["langdetect_calls_per_1000_paragraphs"])
    print("seconds per MB by document size:", result["seconds_per_mb"])
    print("cold start relative to `python -c 'import ftfy'`:", result["cold_start_vs_import_ftfy"])
    print(f"peak RSS of the CLI on a {result['peak_rss_input_mb']} MB article:", result["peak_rss_mb_cli"], "MB")
    out = Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print("wrote", out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
