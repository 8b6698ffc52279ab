"""Anchor-debris detection precision/recall and rebuilt-link accuracy on the corpus.

For every ``corpus/NAME.{txt,md,html}`` whose ``NAME.truth.json`` has ``"anchors"``
(a list of ``{"text": anchor text, "href": expected URL or null}``; ``[]`` for a
clean article), run ``cleanup.clean`` (with the truth's ``"options"``) and compare
the ``anchors`` changes with the truth:

- a change *hits* a truth anchor when the anchor text is in the change's ``before``
  or ``after``, or touches it in the input (debris right before or after the text);
  an entry with empty text stands for debris without anchor text (a cut ``<a``
  fragment, an empty link) and takes one change no other entry took;
- detection precision = changes that hit a truth anchor / all changes (flags
  excluded), recall = truth anchors hit / truth anchors;
- rebuilt-link accuracy = truth anchors with an href whose text comes out as a
  link to exactly that href / truth anchors with an href; a link with the right text
  and another href is a *wrong link* (the worst outcome); a truth anchor with
  ``null`` href is right when its text is in the output and is not a link.

Every other corpus article (no ``"anchors"`` key) counts only false positives:
each ``anchors`` change there is one.

Usage: python scripts/eval_anchors.py [NAME ...]   (exit 0; prints a table)"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from urllib.parse import unquote

from markdown_it import MarkdownIt
from selectolax.lexbor import LexborHTMLParser

from cleanup import clean

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SUFFIXES = (".txt", ".md", ".html")
WINDOW = 12


def _norm(text: str) -> str:
    return " ".join(text.split())


def links_of(text: str, fmt: str) -> list[tuple[str, str]]:
    """(anchor text, href) of every link in the cleaned output."""
    if fmt == "html":
        return [(_norm(a.text()), a.attributes.get("href") or "") for a in LexborHTMLParser(text).css("a[href]")]
    out: list[tuple[str, str]] = []
    for tok in MarkdownIt("commonmark").enable("table").parse(text):
        children = tok.children or []
        k = 0
        while k < len(children):
            c = children[k]
            if c.type == "link_open":
                href = str(c.attrs.get("href", ""))
                parts = []
                k += 1
                while k < len(children) and children[k].type != "link_close":
                    parts.append(children[k].content)
                    k += 1
                out.append((_norm("".join(parts)), href))
            k += 1
    return out


def _hits(change, text: str, source: str) -> bool:
    if not text:
        return False
    if text in (change.before or "") or text in (change.after or ""):
        return True
    near = source[max(0, change.start - len(text) - WINDOW) : change.end + len(text) + WINDOW]
    return text in near


def evaluate(path: Path, truth: dict) -> dict:
    source = path.read_text(encoding="utf-8")
    result = clean(source, **truth.get("options", {}))
    changes = [c for c in result.changes if c.filter == "anchors" and c.action != "flagged"]
    want = truth.get("anchors")
    row = {"name": path.name, "changes": len(changes), "scored": want is not None}
    if want is None:
        row.update(fp=len(changes), tp_changes=0, truth=0, found=0, href_total=0, href_ok=0, wrong=0, strip_total=0,
                   strip_ok=0, missed=[], false=[c.before for c in changes])
        return row
    taken: set[int] = set()
    found = 0
    missed = []
    for entry in want:
        text = entry["text"]
        hit = [k for k, c in enumerate(changes) if _hits(c, text, source)]
        if not text:
            hit = [k for k in range(len(changes)) if k not in taken and not any(
                _hits(changes[k], e["text"], source) for e in want if e["text"])][:1]
        if hit:
            found += 1
            taken.update(hit)
        else:
            missed.append(text)
    fmt = "html" if result.format == "html" else "markdown"
    links = links_of(result.text, fmt)
    href_total = href_ok = wrong = strip_total = strip_ok = 0
    for entry in want:
        text = _norm(entry["text"])
        if not text:
            continue
        linked = [unquote(h) for t, h in links if t == text]  # Markdown parsers percent-encode hrefs
        if entry["href"]:
            href_total += 1
            if unquote(entry["href"]) in linked:
                href_ok += 1
            elif linked:
                wrong += 1
        else:
            strip_total += 1
            if not linked and text in _norm(result.text):
                strip_ok += 1
    row.update(
        fp=len(changes) - len(taken),
        tp_changes=len(taken),
        truth=len(want),
        found=found,
        href_total=href_total,
        href_ok=href_ok,
        wrong=wrong,
        strip_total=strip_total,
        strip_ok=strip_ok,
        missed=missed,
        false=[changes[k].before for k in range(len(changes)) if k not in taken],
    )
    return row


def main(names: list[str]) -> int:
    rows = []
    for path in sorted(CORPUS.iterdir()):
        if path.suffix not in SUFFIXES or ".expected." in path.name:
            continue
        if names and path.stem not in names and path.name not in names:
            continue
        t = path.with_suffix(".truth.json")
        truth = json.loads(t.read_text(encoding="utf-8")) if t.exists() else {}
        rows.append(evaluate(path, truth))
    print(f"{'article':42} {'chg':>4} {'tp':>4} {'fp':>4} {'truth':>5} {'found':>5} {'href ok':>8} {'wrong':>5} {'strip ok':>8}")
    for r in rows:
        if not r["scored"] and not r["changes"]:
            continue
        print(f"{r['name']:42} {r['changes']:>4} {r['tp_changes']:>4} {r['fp']:>4} {r['truth']:>5} {r['found']:>5} "
              f"{r['href_ok']:>3}/{r['href_total']:<4} {r['wrong']:>5} {r['strip_ok']:>3}/{r['strip_total']:<4}")
        for m in r["missed"]:
            print(f"    missed: {m!r}")
        for f in r["false"]:
            print(f"    false:  {f[:80]!r}")
    scored = [r for r in rows if r["scored"]]
    tp = sum(r["tp_changes"] for r in scored)
    fp_scored = sum(r["fp"] for r in scored)
    fp_rest = sum(r["fp"] for r in rows if not r["scored"])
    truth_n = sum(r["truth"] for r in scored)
    found = sum(r["found"] for r in scored)
    href_total = sum(r["href_total"] for r in scored)
    href_ok = sum(r["href_ok"] for r in scored)
    wrong = sum(r["wrong"] for r in scored)
    strip_total = sum(r["strip_total"] for r in scored)
    strip_ok = sum(r["strip_ok"] for r in scored)
    precision = tp / (tp + fp_scored) if tp + fp_scored else 1.0
    recall = found / truth_n if truth_n else 1.0
    print()
    print(f"articles with anchor truth: {len(scored)}; others: {len(rows) - len(scored)}")
    print(f"detection precision {precision:.3f} ({tp}/{tp + fp_scored} changes)  recall {recall:.3f} ({found}/{truth_n})")
    print(f"rebuilt links exact {href_ok}/{href_total}  wrong links {wrong}  stripped right {strip_ok}/{strip_total}")
    print(f"false positives on articles without anchor truth: {fp_rest}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
