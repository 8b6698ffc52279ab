"""The corpus as golden tests: each article, its expected output and report.

``corpus/NAME.{txt,md,html}`` is an input; ``NAME.expected.{md,html}`` the cleaned
article and ``NAME.report.json`` the report without its text. Per-article options
live in ``NAME.truth.json`` under ``"options"``. Regenerate with
``python scripts/regen_corpus.py`` and review the diff before committing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cleanup import Result, clean

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
INPUT_SUFFIXES = (".txt", ".md", ".html")


def inputs() -> list[Path]:
    return sorted(
        p for p in CORPUS.iterdir() if p.suffix in INPUT_SUFFIXES and ".expected." not in p.name
    )


def truth(path: Path) -> dict[str, Any]:
    t = path.with_suffix(".truth.json")
    return json.loads(t.read_text(encoding="utf-8")) if t.exists() else {}


def run_article(path: Path) -> Result:
    return clean(path.read_text(encoding="utf-8"), **truth(path).get("options", {}))


def expected_output(path: Path, result: Result) -> Path:
    ext = {"html": "html", "text": "txt"}.get(result.format, "md")
    return path.with_name(f"{path.stem}.expected.{ext}")


def report_path(path: Path) -> Path:
    return path.with_name(f"{path.stem}.report.json")


def report_of(result: Result) -> dict[str, Any]:
    data = result.to_dict()
    del data["text"]
    return data


def dump_report(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
