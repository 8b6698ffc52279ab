"""Corpus runs: the batch API (cleanup.batch) and ``article-cleanup --jsonl``."""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from cleanup import clean
from cleanup.batch import RecordCleaner, RecordError, Stats, clean_records, iter_lines

SENTENCES = [
    "Alibabaâ€™s cloud unit reported {n}% growth in the quarter, beating estimates.",
    "The company said the rumours about DeepSeek were â€œunfoundedâ€\x9d.",
    "Analysts in Hangzhou (杭州) expect margins to improve next year.",
    "Shares rose {n} percent in early trading on Tuesday.",
    "The chief executive declined to comment on the\u200b report.",
    "Regulators will publish new rules for AI models in March.",
]
ZH = "阿里巴巴和深度求索只是杭州的邻居。公司表示，传闻毫无根据。"


def make_records(n: int) -> list[dict]:
    records = []
    for i in range(n):
        parts = [SENTENCES[(i + k) % len(SENTENCES)].format(n=i % 37) for k in range(3)]
        text = " ".join(parts[:2]) + "\n\n" + parts[2] + "\n"
        rec: dict = {"id": f"doc-{i:05d}", "url": f"https://example.com/news/{i}", "text": text, "tags": ["news", i % 3]}
        if i % 7 == 3:
            rec["text"] = ZH + "\n"
            rec["lang"] = "zh"
        elif i % 2:
            rec["lang"] = "en"
        records.append(rec)
    return records


def write_jsonl(path: Path, lines: list[str]) -> None:
    data = ("\n".join(lines) + "\n").encode("utf-8")
    if path.name.endswith(".gz"):
        data = gzip.compress(data, mtime=0)
    elif path.name.endswith(".zst"):
        import zstandard

        data = zstandard.ZstdCompressor().compress(data)
    path.write_bytes(data)


def read_jsonl(path: Path) -> bytes:
    data = path.read_bytes()
    if path.name.endswith(".gz"):
        return gzip.decompress(data)
    if path.name.endswith(".zst"):
        import zstandard

        return zstandard.ZstdDecompressor().stream_reader(io.BytesIO(data)).read()
    return data


def cli(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cleanup", "--jsonl", *args], input=stdin, capture_output=True, cwd=cwd, timeout=300
    )


# --- library --------------------------------------------------------------------------


def test_clean_records_is_lazy_keeps_order_and_other_keys():
    records = make_records(12)
    originals = json.loads(json.dumps(records))
    seen = []

    def source():
        for rec in records:
            seen.append(rec["id"])
            yield rec

    out = clean_records(source(), lang_field="lang")
    first = next(out)
    assert seen == ["doc-00000"]  # lazy: one record pulled, one cleaned
    rest = list(out)
    cleaned = [first, *rest]
    assert [r["id"] for r in cleaned] == [r["id"] for r in originals]
    for before, after in zip(originals, cleaned):
        assert {k: v for k, v in after.items() if k not in ("text", "cleanup")} == {
            k: v for k, v in before.items() if k != "text"
        }
        expected = clean(before["text"], lang=before.get("lang"))
        assert after["text"] == expected.text
        assert after["cleanup"]["changes"] == expected.to_dict()["changes"]
        assert after["cleanup"]["flags"] == expected.flags
        assert set(after["cleanup"]) == {"format", "language", "metadata", "changes", "flags"}
    assert cleaned[0]["text"].startswith("Alibaba’s cloud unit")
    assert cleaned[3]["cleanup"]["language"] == "zh"


def test_nested_field_output_and_report_fields():
    rec = {"id": 7, "content": {"body": "Alibabaâ€™s shares rose.\n", "title": "T"}}
    (out,) = clean_records([rec], field="content.body", output_field="clean.body", report_field="meta.cleanup", lang="en")
    assert out["content"]["body"] == "Alibabaâ€™s shares rose.\n"  # input kept when output_field differs
    assert out["clean"]["body"] == "Alibaba’s shares rose.\n"
    change = out["meta"]["cleanup"]["changes"][0]
    assert (change["filter"], change["before"], change["after"], change["start"]) == ("encoding", "â€™", "’", 7)
    assert rec["content"]["body"][change["start"] : change["end"]] == change["before"]


def test_format_field_and_no_report():
    recs = [
        {"body": "<p>Alibabaâ€™s shares rose.</p>", "fmt": "html"},
        {"body": "# Title\n\nAlibabaâ€™s shares rose.\n", "fmt": "md"},
        {"body": "plain", "fmt": "docx"},
    ]
    errors: list[RecordError] = []
    out = list(clean_records(recs, field="body", format_field="fmt", report_field=None, on_error="skip", errors=errors, lang="en"))
    assert len(out) == 2 and "cleanup" not in out[0]
    assert "<p>" in out[0]["body"] and "Alibaba’s" in out[0]["body"]
    assert out[1]["body"].startswith("# Title")
    assert [e.index for e in errors] == [2] and "docx" in str(errors[0])


def test_on_error_modes():
    recs = [{"text": "ok\n"}, {"nope": 1}, {"text": 5}]
    with pytest.raises(RecordError) as info:
        list(clean_records(recs, lang="en"))
    assert info.value.index == 1 and "missing field 'text'" in str(info.value)
    kept = list(clean_records(recs, on_error="keep", lang="en"))
    assert [r.get("cleanup", {}).get("error") for r in kept] == [None, "missing field 'text'", "field 'text' is a number, not a string"]
    with pytest.raises(ValueError):
        list(clean_records(recs, on_error="ignore"))


def test_cleaner_pickles_and_rebuilds_its_pipeline():
    import pickle

    cleaner = RecordCleaner(lang="en", field="body")
    clone = pickle.loads(pickle.dumps(cleaner))
    assert clone.pipeline is not cleaner.pipeline and clone.pipeline.names == cleaner.pipeline.names
    assert clone.clean({"body": "Alibabaâ€™s\n"})["body"] == "Alibaba’s\n"


def test_iter_lines_bounds_long_lines_and_numbers_lines():
    data = b'{"a":1}\r\n\n   \n' + b"x" * 5000 + b'\n{"b":2}\n{"c":3}'
    got = list(iter_lines(io.BytesIO(data), max_bytes=100))
    assert got == [(1, b'{"a":1}'), (4, 5000), (5, b'{"b":2}'), (6, b'{"c":3}')]
    assert list(iter_lines(io.BytesIO(b"x" * 300), max_bytes=100)) == [(1, 300)]


def test_clean_line_reports_errors_with_line_numbers():
    cleaner = RecordCleaner(lang="en", max_bytes=1000)
    stats = Stats()
    ok, err = cleaner.clean_line(b'{"text": "Alibaba\xc3\xa2\xe2\x82\xac\xe2\x84\xa2s\\n"}', 1, stats)
    assert err is None and json.loads(ok)["text"] == "Alibaba’s\n"
    assert cleaner.clean_line(b"[1, 2]", 2, stats) == (None, {"line": 2, "error": "record is an array, not an object", "input": "[1, 2]"})
    assert cleaner.clean_line(b'{"text": "\xff"}', 3, stats)[1]["error"].startswith("not UTF-8")
    assert cleaner.clean_line(5000, 4, stats)[1]["error"].startswith("record is 5,000 bytes")
    assert (stats.records, stats.errors, stats.changed, dict(stats.filters)) == (4, 3, 1, {"encoding": 1})


# --- command line ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, list[dict]]:
    folder = tmp_path_factory.mktemp("jsonl")
    records = make_records(300)
    write_jsonl(folder / "in.jsonl", [json.dumps(r, ensure_ascii=False) for r in records])
    return folder, records


@pytest.fixture(scope="module")
def jobs1(corpus) -> bytes:
    folder, _ = corpus
    proc = cli("in.jsonl", "-o", "out1.jsonl", "--jobs", "1", "--lang-field", "lang", cwd=folder)
    assert proc.returncode == 0, proc.stderr.decode()
    return (folder / "out1.jsonl").read_bytes()


def test_cli_output_matches_library_in_order(corpus, jobs1):
    _, records = corpus
    lines = jobs1.decode("utf-8").splitlines()
    assert len(lines) == len(records)
    expected = [
        json.dumps(r, ensure_ascii=False, separators=(",", ":"))
        for r in clean_records(json.loads(json.dumps(records)), lang_field="lang")
    ]
    assert lines == expected
    assert "\\u" not in jobs1.decode("utf-8").replace("\\u200b", "")  # ensure_ascii=False


def test_cli_jobs2_is_byte_identical_and_prints_summary(corpus, jobs1):
    folder, records = corpus
    proc = cli("in.jsonl", "-o", "out2.jsonl", "--jobs", "2", "--lang-field", "lang", cwd=folder)
    assert proc.returncode == 0, proc.stderr.decode()
    assert (folder / "out2.jsonl").read_bytes() == jobs1
    summary = proc.stderr.decode().strip().splitlines()[-1]
    assert summary.startswith(f"article-cleanup: records {len(records)}, changed ")
    assert ", errors 0, time " in summary and "changes by filter: encoding=" in summary


@pytest.mark.parametrize("ext", [".jsonl.gz", ".jsonl.zst"])
def test_cli_compressed_round_trip(corpus, jobs1, ext):
    folder, _ = corpus
    write_jsonl(folder / f"in{ext}", (folder / "in.jsonl").read_text(encoding="utf-8").splitlines())
    proc = cli(f"in{ext}", "-o", f"out{ext}", "--jobs", "1", "--lang-field", "lang", "--quiet", cwd=folder)
    assert proc.returncode == 0 and proc.stderr == b""
    assert read_jsonl(folder / f"out{ext}") == jobs1


def test_cli_stdin_to_stdout_nested_fields(tmp_path):
    recs = [{"id": i, "content": {"body": f"Item {i}: Alibabaâ€™s shares rose.\n"}} for i in range(5)]
    data = "".join(json.dumps(r) + "\n" for r in recs).encode()
    proc = cli("--field", "content.body", "--output-field", "clean", "--report-field", "report", "--lang", "en",
               "--quiet", "--jobs", "1", stdin=gzip.compress(data))
    assert proc.returncode == 0, proc.stderr.decode()
    out = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert [o["id"] for o in out] == list(range(5))
    assert out[2]["clean"] == "Item 2: Alibaba’s shares rose.\n"
    assert out[2]["content"]["body"] == recs[2]["content"]["body"]
    assert out[2]["report"]["changes"][0]["before"] == "â€™"


def test_cli_bad_records_do_not_stop_the_run(tmp_path):
    records = make_records(40)
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    lines[9] = '{"id": "broken", "text": "unterminated'  # line 10: not JSON
    lines[19] = json.dumps({"id": "nofield", "body": "x"})  # line 20: no "text"
    lines[29] = json.dumps({"id": "huge", "text": "Alibaba " * 400})  # line 30: over --max-bytes
    lines[34] = json.dumps({"id": "badlang", "text": "Hola.", "lang": "en-"})  # line 35: not a language tag
    write_jsonl(tmp_path / "in.jsonl", lines)
    for jobs in ("1", "2"):
        proc = cli("in.jsonl", "-o", f"out{jobs}.jsonl", "--errors", f"err{jobs}.jsonl", "--max-bytes", "2000",
                   "--jobs", jobs, "--lang-field", "lang", cwd=tmp_path)
        assert proc.returncode == 1
        stderr = proc.stderr.decode()
        assert "in.jsonl:10: not JSON" in stderr
        assert "in.jsonl:20: missing field 'text'" in stderr
        assert "in.jsonl:30: record is 3,226 bytes, over the limit of 2,000" in stderr
        assert "in.jsonl:35: option lang: 'en-' is not a BCP 47 language tag" in stderr
        assert "records 40, changed " in stderr and "errors 4," in stderr
        out = [json.loads(line) for line in (tmp_path / f"out{jobs}.jsonl").read_text(encoding="utf-8").splitlines()]
        assert [o["id"] for o in out] == [r["id"] for k, r in enumerate(records) if k not in (9, 19, 29, 34)]
        errors = [json.loads(line) for line in (tmp_path / f"err{jobs}.jsonl").read_text(encoding="utf-8").splitlines()]
        assert [(e["file"], e["line"]) for e in errors] == [("in.jsonl", i) for i in (10, 20, 30, 35)]
        assert errors[0]["input"] == lines[9]
    assert (tmp_path / "out1.jsonl").read_bytes() == (tmp_path / "out2.jsonl").read_bytes()


def test_cli_usage_errors(tmp_path):
    proc = cli("missing.jsonl", "-o", "x.jsonl", cwd=tmp_path)
    assert proc.returncode == 2 and b"missing.jsonl: no such file" in proc.stderr
    assert not (tmp_path / "x.jsonl").exists()
    proc = cli("--check", "missing.jsonl", cwd=tmp_path)
    assert proc.returncode == 2 and b"--check cannot be used with --jsonl" in proc.stderr


def test_cli_deeply_nested_record_is_a_bad_record_not_the_end_of_the_run(tmp_path):
    src = tmp_path / "in.jsonl"
    deep = '{"text": "deep", "x": ' + "[" * 100_000 + "]" * 100_000 + "}"
    write_jsonl(src, [json.dumps({"text": "Alibabaâ€™s cloud grew."}), deep, json.dumps({"text": "Zweiter Artikel."})])
    proc = cli(str(src), "--lang", "en")
    assert proc.returncode == 1 and len(proc.stdout.splitlines()) == 2
    assert "in.jsonl:2: JSON nested too deeply to read" in proc.stderr.decode()


@pytest.mark.parametrize("flags", [["--report-field", "text"], ["--output-field", "text.clean"]])
def test_cli_fields_that_would_overwrite_each_other_are_refused(tmp_path, flags):
    src = tmp_path / "in.jsonl"
    write_jsonl(src, [json.dumps({"text": "Hello."})])
    proc = cli(str(src), *flags)
    assert proc.returncode == 2 and proc.stdout == b"" and "would overwrite" in proc.stderr.decode()
