"""Benchmark corpus runs (``article-cleanup --jsonl``).

(a) memory: peak RSS of a run over a small and a 10x larger generated JSONL file
    (flat memory means the run streams: it never holds the file);
(b) throughput: ``--jobs 2`` against ``--jobs 1`` on N news-sized records, with a
    byte-for-byte comparison of the two outputs.

Prints a table and writes JSON to ``bench/results/`` (gitignored). Generated files
live under the system temp dir and are deleted afterwards.

    python bench/bench_batch.py                       # 200 MB vs 2 GB, 50,000 records
    python bench/bench_batch.py --small-mb 20 --large-mb 200 --records 5000
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PARAGRAPHS = [
    "Alibabaâ€™s cloud unit reported {n}% revenue growth in the quarter, beating analystsâ€™ estimates as "
    "demand for AI computing rose across retail, finance and logistics customers.",
    "The company said the rumours linking it to DeepSeek were â€œunfounded,â€\x9d adding that the two firms "
    "are simply neighbours in Hangzhou (杭州) and have no shareholding relationship.",
    "Shares rose {n} percent in early trading in Hong Kong on Tuesday before paring gains. Trading volume "
    "was about twice the three-month average, according to exchange data.",
    "Regulators are expected to publish new rules for generative AI models in March, covering training "
    "data, labelling of synthetic content and security reviews for\u200b public services.",
    "Key Takeaways\n- Revenue: up {n}% year on year\n- Margin: improved for a third quarter\n- Outlook: "
    "capital spending to rise",
    "The chief executive told analysts on a call that the firm would keep investing in data centres in "
    "Asia and Europe, and that price cuts for model access had widened the customer base.",
]
FOOTER = "\n\n📌 Source: Example News\n🔗 Original: https://example.com/news/{i}\n⚠️ Please credit the source when sharing."


def news_record(i: int, rng: random.Random) -> dict:
    paras = [rng.choice(PARAGRAPHS).format(n=rng.randint(2, 40)) for _ in range(rng.randint(5, 9))]
    text = f"Alibaba and DeepSeek Are Just Neighbors in Hangzhou {i}\n\n" + "\n\n".join(paras) + FOOTER.format(i=i)
    return {"id": i, "url": f"https://example.com/news/{i}", "lang": "en", "published": "2025-02-11", "text": text}


def generate(path: Path, *, records: int | None = None, size: int | None = None, seed: int = 7) -> tuple[int, int]:
    rng = random.Random(seed)
    written = count = 0
    with open(path, "wb", buffering=1 << 20) as fh:
        while (records is None or count < records) and (size is None or written < size):
            line = (json.dumps(news_record(count, rng), ensure_ascii=False) + "\n").encode("utf-8")
            fh.write(line)
            written += len(line)
            count += 1
    return count, written


RUNNER = (
    "import resource, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).returncode\n"
    "dt = time.perf_counter() - t\n"
    "r = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(rc, dt, r.ru_maxrss, r.ru_utime + r.ru_stime)\n"
)


def run_cli(args: list[str]) -> dict:
    """Run the CLI in a fresh parent so RUSAGE_CHILDREN covers this run only.
    ru_maxrss is the largest single process (the main one, or one worker), in KiB."""
    cmd = [sys.executable, "-c", RUNNER, sys.executable, "-m", "cleanup", "--jsonl", "--quiet", *args]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.split()
    seconds, cpu = float(out[1]), float(out[3])
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    # cores_used = CPU seconds / wall seconds: on a shared machine, how much CPU the run actually got
    return {"rc": int(out[0]), "seconds": seconds, "max_rss_mb": int(out[2]) / 1024, "cpu_seconds": round(cpu, 2),
            "cores_used": round(cpu / seconds, 2), "loadavg_after": load}


def bench_memory(tmp: Path, small_mb: int, large_mb: int, jobs: int) -> list[dict]:
    rows = []
    for mb in (small_mb, large_mb):
        path = tmp / f"mem-{mb}mb.jsonl"
        count, size = generate(path, size=mb * 1_000_000)
        try:
            res = run_cli([str(path), "--lang-field", "lang", "--jobs", str(jobs)])
        finally:
            path.unlink()
        rows.append({"input_mb": round(size / 1e6, 1), "records": count, "jobs": jobs, **res,
                     "mb_per_s": round(size / 1e6 / res["seconds"], 2)})
        print(f"  memory: {mb} MB done in {res['seconds']:.1f}s, max RSS {res['max_rss_mb']:.0f} MB", file=sys.stderr)
    return rows


def bench_jobs(tmp: Path, records: int, jobs: int) -> dict:
    src = tmp / "jobs.jsonl"
    count, size = generate(src, records=records)
    results = {}
    try:
        for n in (1, jobs):
            out = tmp / f"out-{n}.jsonl"
            res = run_cli([str(src), "-o", str(out), "--lang-field", "lang", "--jobs", str(n)])
            res["records_per_s"] = round(count / res["seconds"], 1)
            results[n] = res
            print(f"  jobs {n}: {res['seconds']:.1f}s, {res['records_per_s']} records/s", file=sys.stderr)
        identical = (tmp / "out-1.jsonl").read_bytes() == (tmp / f"out-{jobs}.jsonl").read_bytes()
    finally:
        for p in (src, tmp / "out-1.jsonl", tmp / f"out-{jobs}.jsonl"):
            p.unlink(missing_ok=True)
    return {
        "records": count, "input_mb": round(size / 1e6, 1), "jobs": jobs, "runs": results,
        "speedup": round(results[1]["seconds"] / results[jobs]["seconds"], 2), "identical": identical,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--small-mb", type=int, default=200)
    ap.add_argument("--large-mb", type=int, default=2000)
    ap.add_argument("--records", type=int, default=50_000, help="records for the --jobs comparison")
    ap.add_argument("--jobs", type=int, default=2, help="compared against --jobs 1")
    ap.add_argument("--memory-jobs", type=int, default=2, help="--jobs for the memory runs")
    ap.add_argument("--skip-memory", action="store_true")
    ap.add_argument("--skip-jobs", action="store_true")
    args = ap.parse_args()

    report: dict = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"), "python": platform.python_version(),
        "cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "args": vars(args),
        "loadavg_at_start": os.getloadavg() if hasattr(os, "getloadavg") else None,
    }
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        if not args.skip_memory:
            report["memory"] = bench_memory(Path(tmp), args.small_mb, args.large_mb, args.memory_jobs)
        if not args.skip_jobs:
            report["jobs"] = bench_jobs(Path(tmp), args.records, args.jobs)

    print()
    if "memory" in report:
        print(f"{'input MB':>9} {'records':>9} {'jobs':>5} {'seconds':>9} {'MB/s':>7} {'max RSS MB':>11}")
        for r in report["memory"]:
            print(f"{r['input_mb']:>9} {r['records']:>9} {r['jobs']:>5} {r['seconds']:>9.1f} {r['mb_per_s']:>7} {r['max_rss_mb']:>11.0f}")
        small, large = report["memory"]
        print(f"RSS growth for {large['input_mb'] / small['input_mb']:.0f}x the input: {large['max_rss_mb'] - small['max_rss_mb']:+.0f} MB")
    if "jobs" in report:
        j = report["jobs"]
        print(f"\n{'jobs':>5} {'seconds':>9} {'records/s':>10} {'CPU s':>8} {'cores used':>11} {'load':>6}"
              f"   ({j['records']} records, {j['input_mb']} MB)")
        for n, r in j["runs"].items():
            print(f"{n:>5} {r['seconds']:>9.1f} {r['records_per_s']:>10} {r['cpu_seconds']:>8} {r['cores_used']:>11}"
                  f" {r['loadavg_after'] or 0:>6.2f}")
        print(f"speedup --jobs {j['jobs']} / --jobs 1: {j['speedup']}x; outputs byte-identical: {j['identical']}")
    out_dir = ROOT / "bench" / "results"
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"bench_batch-{time.strftime('%Y%m%d-%H%M%S')}.json"
    target.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
