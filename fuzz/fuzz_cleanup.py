"""Coverage-guided fuzzing of the readers and the default pipeline with atheris.

Usage: python fuzz/fuzz_cleanup.py [-max_total_time=SECONDS] [CORPUS_DIR ...]
(see scripts/fuzz.sh). The only acceptable failure is InputError for input that is
not text; anything else is a crash to turn into a regression test."""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from cleanup import CleanupConfig, InputError, Pipeline, clean
    from cleanup.pipeline import TimeBudgetExceeded
    from cleanup.readers import read
    from cleanup.readers.html import read_html  # noqa: F401  (lazy imports, loaded now to be instrumented)
    from cleanup.readers.markdown import read_markdown  # noqa: F401
    from cleanup.readers.text import read_text  # noqa: F401
    from cleanup.source import Source
    from cleanup.writers import html, markdown, text  # noqa: F401

    PIPELINE = Pipeline.from_config(CleanupConfig())

FORMATS = ("text", "markdown", "html")


def test_one_input(data: bytes) -> None:
    if not data:
        return
    fdp = atheris.FuzzedDataProvider(data)
    fmt = FORMATS[fdp.ConsumeIntInRange(0, 2)]
    to = ("markdown", "html", "text")[fdp.ConsumeIntInRange(0, 2)]
    as_text = fdp.ConsumeBool()
    # mostly valid text (to reach the filters), sometimes raw bytes (to test decoding)
    body = fdp.ConsumeUnicodeNoSurrogates(fdp.remaining_bytes()) if as_text else fdp.ConsumeBytes(fdp.remaining_bytes())
    try:
        result = clean(body, lang="en", input_format=fmt, to=to, timeout=10, pipeline=PIPELINE)
    except (InputError, TimeBudgetExceeded):
        return
    text = body if isinstance(body, str) else body.decode("utf-8", "replace")
    read(Source(text), fmt)
    for c in result.changes:
        if not (0 <= c.start <= c.end <= len(result.document.source.input)):
            raise AssertionError(f"change outside the input: {c}")
    result.text.encode("utf-8")
    result.to_dict()


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
