"""Ray Data integration, on a real local Ray (skipped without ``article-cleanup[ray]``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

ray = pytest.importorskip("ray")
pytest.importorskip("ray.data")

from cleanup.batch import clean_records  # noqa: E402
from cleanup.integrations.ray import CleanBatch, clean_dataset, clean_jsonl_files  # noqa: E402
from test_batch import make_records, write_jsonl  # noqa: E402


@pytest.fixture(scope="module")
def local_ray(tmp_path_factory):
    os.environ["RAY_USAGE_STATS_ENABLED"] = "0"
    temp = tmp_path_factory.mktemp("ray")
    ray.init(
        num_cpus=2,
        include_dashboard=False,
        _temp_dir=str(temp),
        log_to_driver=False,
        logging_level="warning",
        configure_logging=False,
    )
    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    ctx.execution_options.preserve_order = True
    yield
    ray.shutdown()


def test_jsonl_files_match_single_process_cli(local_ray, tmp_path):
    records = make_records(5000)
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    lines[2345] = '{"id": "broken"'
    write_jsonl(tmp_path / "in.jsonl", lines)
    proc = subprocess.run(
        [sys.executable, "-m", "cleanup", "--jsonl", "in.jsonl", "-o", "cli.jsonl", "--jobs", "1",
         "--lang-field", "lang", "--quiet"],
        cwd=tmp_path, capture_output=True, timeout=300,
    )
    assert proc.returncode == 1, proc.stderr.decode()
    assert b"in.jsonl:2346: not JSON" in proc.stderr

    stats, errors = clean_jsonl_files([str(tmp_path / "in.json*")], str(tmp_path / "out"), concurrency=2, lang_field="lang")
    parts = sorted((tmp_path / "out").glob("part-*.jsonl"))
    assert b"".join(p.read_bytes() for p in parts) == (tmp_path / "cli.jsonl").read_bytes()
    assert (stats.records, stats.errors) == (5000, 1)
    assert stats.changed > 3000 and stats.filters["encoding"] > 0
    assert [(e["line"], e["error"].split(" (")[0]) for e in errors] == [(2346, "not JSON")]
    assert errors[0]["file"].endswith("in.jsonl")


def test_clean_dataset_matches_batch_api(local_ray):
    records = make_records(400)
    records[5] = {"id": "nofield", "lang": "en"}
    ds = ray.data.from_items(records)
    out = clean_dataset(ds, lang_field="lang", concurrency=2, batch_size=64).take_all()
    expected = list(clean_records(json.loads(json.dumps(records)), lang_field="lang", on_error="keep"))
    assert [r["id"] for r in out] == [r["id"] for r in expected]
    for got, want in zip(out, expected):
        if "error" in want["cleanup"]:
            # Arrow has one schema per batch: the missing field comes back as null
            assert got["cleanup"]["error"] == "field 'text' is null, not a string" and got["text"] is None
            continue
        assert got["text"] == want["text"]
        assert got["tags"] == want["tags"] and got["url"] == want["url"]
        assert got["cleanup"]["changes"] == want["cleanup"]["changes"]
        assert got["cleanup"]["flags"] == want["cleanup"]["flags"]
        assert got["cleanup"]["error"] is None


def test_clean_batch_is_a_plain_picklable_callable():
    import pickle

    import pyarrow as pa

    fn = pickle.loads(pickle.dumps(CleanBatch(field="content.body", output_field="content.clean", lang="en")))
    table = pa.Table.from_pylist([{"id": 1, "content": {"body": "Alibabaâ€™s shares rose.\n"}}])
    row = fn(table).to_pylist()[0]
    assert row["content"] == {"body": "Alibabaâ€™s shares rose.\n", "clean": "Alibaba’s shares rose.\n"}
    assert row["cleanup"]["changes"][0]["after"] == "’"
