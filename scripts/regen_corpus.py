"""Regenerate corpus/*.expected.* and *.report.json from the current code.

Review the diff (git diff corpus/) by eye before committing: these files are the
golden tests.  Usage: python scripts/regen_corpus.py [NAME ...]"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from golden import dump_report, expected_output, inputs, report_of, report_path, run_article  # noqa: E402


def main(names: list[str]) -> int:
    for path in inputs():
        if names and path.stem not in names and path.name not in names:
            continue
        result = run_article(path)
        out = expected_output(path, result)
        for stale in path.parent.glob(f"{path.stem}.expected.*"):
            if stale != out:
                stale.unlink()
        out.write_text(result.text, encoding="utf-8")
        report_path(path).write_text(dump_report(report_of(result)), encoding="utf-8")
        print(f"{path.name}: {len(result.changes)} changes, {result.flags} flags")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
