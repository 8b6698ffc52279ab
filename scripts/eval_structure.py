"""Heading precision/recall, title accuracy and footer-metadata accuracy on the corpus.

For every ``corpus/NAME.{txt,md,html}`` whose ``NAME.truth.json`` has ``"headings"``,
run ``cleanup.clean`` (with the truth's ``"options"``), read the headings back out of
the cleaned Markdown (markdown-it, so only real ATX/setext headings count), and
compare: the first H1 is the title, every other heading a section heading.
Headings compare after whitespace folding and dropping a trailing colon.

Usage: python scripts/eval_structure.py [NAME ...]   (exit 0; prints a table)"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from markdown_it import MarkdownIt

from cleanup import clean

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SUFFIXES = (".txt", ".md", ".html")


def _norm(text: str) -> str:
    return " ".join(text.split()).rstrip(":：").strip()


def headings_of(markdown: str) -> list[tuple[int, str]]:
    tokens = MarkdownIt("commonmark").parse(markdown)
    out: list[tuple[int, str]] = []
    for k, tok in enumerate(tokens):
        if tok.type == "heading_open":
            inline = tokens[k + 1]
            text = "".join(c.content for c in inline.children or [] if c.type in ("text", "code_inline"))
            out.append((int(tok.tag[1]), _norm(text)))
    return out


def evaluate(path: Path, truth: dict) -> dict:
    result = clean(path.read_text(encoding="utf-8"), to="markdown", **truth.get("options", {}))
    found = headings_of(result.text)
    title = None
    if found and found[0][0] == 1:
        title = found[0][1]
        found = found[1:]
    got = [t for _, t in found]
    want = [_norm(h) for h in truth["headings"]]
    remaining = list(want)
    tp = 0
    for h in got:
        if h in remaining:
            remaining.remove(h)
            tp += 1
    want_title = _norm(truth["title"]) if truth.get("title") else None
    meta_want = truth.get("metadata")
    meta_ok = None
    if meta_want is not None:
        keys = ("source", "original_url", "credit")
        meta_ok = all(result.metadata.get(k) == meta_want.get(k) for k in keys)
    return {
        "name": path.name,
        "tp": tp,
        "fp": len(got) - tp,
        "fn": len(want) - tp,
        "false": [h for h in got if h not in want],
        "missed": remaining,
        "title_ok": title == want_title,
        "meta_ok": meta_ok,
        "changes": len(result.changes),
    }


def main(names: list[str]) -> int:
    rows = []
    for path in sorted(CORPUS.iterdir()):
        if path.suffix not in SUFFIXES or ".expected." in path.name:
            continue
        if names and path.stem not in names and path.name not in names:
            continue
        tpath = path.with_suffix(".truth.json")
        if not tpath.exists():
            continue
        truth = json.loads(tpath.read_text(encoding="utf-8"))
        if "headings" not in truth:
            continue
        rows.append(evaluate(path, truth))
    print(f"{'article':42} {'tp':>3} {'fp':>3} {'fn':>3}  title  meta  changes")
    for r in rows:
        meta = "-" if r["meta_ok"] is None else ("ok" if r["meta_ok"] else "BAD")
        print(f"{r['name']:42} {r['tp']:3} {r['fp']:3} {r['fn']:3}  {'ok' if r['title_ok'] else 'BAD':5}  {meta:4}  {r['changes']:7}")
        for h in r["false"]:
            print(f"    false heading: {h!r}")
        for h in r["missed"]:
            print(f"    missed heading: {h!r}")
    tp = sum(r["tp"] for r in rows)
    fp = sum(r["fp"] for r in rows)
    fn = sum(r["fn"] for r in rows)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    titles = sum(r["title_ok"] for r in rows)
    metas = [r["meta_ok"] for r in rows if r["meta_ok"] is not None]
    print()
    print(f"articles: {len(rows)}  headings: precision {precision:.3f} ({tp}/{tp + fp}), "
          f"recall {recall:.3f} ({tp}/{tp + fn})")
    print(f"title accuracy: {titles}/{len(rows)}  footer metadata accuracy: {sum(metas)}/{len(metas)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
