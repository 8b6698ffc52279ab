"""Evaluate the ``stray`` filter over every corpus article.

For each ``corpus/NAME.{txt,md,html}`` the ground truth is ``NAME.truth.json``'s
``"stray"`` list (``{"token", "action", "after"?}``); an article without a ``"stray"``
key is clean, so every stray change in it is a false positive. Prints detection
precision/recall, translation accuracy (translated tokens whose ``after`` matches) and
false positives per document, plus each miss and false positive.

    python scripts/eval_stray.py [--json] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from golden import inputs, run_article, truth  # noqa: E402


def _norm(s: str | None) -> str:
    return " ".join((s or "").split()).lower()


def _matches(expected: dict, change) -> bool:
    token = expected["token"]
    return token in (change.before or "") or (change.before or "").strip() in token and change.before.strip() != ""


def evaluate(verbose: bool = False) -> dict:
    tp = fp = fn = 0
    right_action = 0
    translations = translations_right = 0
    docs = clean_docs = 0
    fp_docs: dict[str, int] = {}
    details: list[str] = []
    started = time.perf_counter()
    for path in inputs():
        docs += 1
        t = truth(path)
        expected = list(t.get("stray", []))
        if not expected:
            clean_docs += 1
        result = run_article(path)
        found = [c for c in result.changes if c.filter == "stray"]
        unmatched = list(found)
        for exp in expected:
            hit = next((c for c in unmatched if _matches(exp, c)), None)
            if hit is None:
                fn += 1
                details.append(f"MISS {path.name}: {exp['token']!r} ({exp.get('action')})")
                continue
            unmatched.remove(hit)
            tp += 1
            if hit.action == exp.get("action", hit.action):
                right_action += 1
            else:
                details.append(f"ACTION {path.name}: {exp['token']!r} expected {exp.get('action')}, got {hit.action}")
            if exp.get("action") == "translated" and "after" in exp:
                translations += 1
                if _norm(hit.after) == _norm(exp["after"]) or _norm(hit.after).endswith(" " + _norm(exp["after"])):
                    translations_right += 1
                else:
                    details.append(f"WRONG {path.name}: {exp['token']!r} → {hit.after!r}, expected {exp['after']!r}")
        for c in unmatched:
            fp += 1
            fp_docs[path.name] = fp_docs.get(path.name, 0) + 1
            details.append(f"FP   {path.name}: {c.action} {c.before!r} → {c.after!r} ({c.reason})")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    report = {
        "documents": docs,
        "clean_documents": clean_docs,
        "expected_tokens": tp + fn,
        "detected": tp,
        "false_positives": fp,
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "action_accuracy": round(right_action / tp, 3) if tp else None,
        "translation_accuracy": round(translations_right / translations, 3) if translations else None,
        "false_positives_per_document": round(fp / docs, 3) if docs else 0.0,
        "documents_with_false_positives": fp_docs,
        "seconds": round(time.perf_counter() - started, 2),
    }
    if verbose:
        report["details"] = details
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--verbose", "-v", action="store_true", help="list misses and false positives")
    args = parser.parse_args(argv)
    report = evaluate(verbose=args.verbose or not args.json)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    for line in report.pop("details", []):
        print(line)
    for key, value in report.items():
        print(f"{key:32} {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
