"""The HTTP publishing hook: uvicorn in a subprocess on a free port, called with httpx."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

import cleanup

httpx = pytest.importorskip("httpx")
pytest.importorskip("starlette")
pytest.importorskip("uvicorn")

SEED = Path("/work/shared/seeds/000_f4947564c44a895a.txt")
FLAG_PLUGIN = Path(__file__).resolve().parent / "wagtail_project" / "flagplugin"
TOKEN = "s3cret-token"
MAX = 20_000
MOJIBAKE = "Alibabaâ€™s cloud grew."


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    port = free_port()
    log = tmp_path_factory.mktemp("server") / "stderr.log"
    env = dict(os.environ, PYTHONPATH=str(FLAG_PLUGIN), ARTICLE_CLEANUP_TOKEN=TOKEN)
    with open(log, "wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "cleanup", "serve", "--host", "127.0.0.1", "--port", str(port), "--max-bytes", str(MAX)],
            env=env, stdout=subprocess.DEVNULL, stderr=err,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
            if proc.poll() is not None:
                pytest.fail(log.read_text())
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=60) as client:
            yield client, log
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_healthz(server):
    client, _ = server
    assert client.get("/healthz").json() == {"status": "ok"}


def test_clean_200(server):
    client, _ = server
    r = client.post("/v1/clean", json={"text": MOJIBAKE, "format": "text", "options": {"preset": "minimal"}})
    assert r.status_code == 200
    body = r.json()
    assert body["verdict"] == "publish-with-changes" and body["publish_text"] == "Alibaba’s cloud grew."
    assert body["changes"][0]["before"] == "â€™" and body["flags"] == 0


def test_refuse_409_lists_flags(server):
    client, _ = server
    payload = {"text": "The FIXME of these rumors.", "policy": "block", "options": {"preset": "minimal", "enable": ["fixme"]}}
    r = client.post("/v1/clean", json=payload)
    assert r.status_code == 409
    assert r.json()["publish_text"] is None
    assert any("“The [FIXME] of these rumors.”" in reason for reason in r.json()["reasons"])


def test_bad_json_400(server):
    client, _ = server
    assert client.post("/v1/clean", content=b"{not json", headers={"Content-Type": "application/json"}).status_code == 400


def test_oversize_413_by_length_and_by_stream(server):
    client, _ = server
    big = b'{"text": "' + b"a" * (MAX + 10) + b'"}'
    assert client.post("/v1/clean", content=big).status_code == 413

    def chunks():  # no Content-Length: the streamed size is checked
        for i in range(0, len(big), 4096):
            yield big[i : i + 4096]

    assert client.post("/v1/clean", content=chunks()).status_code == 413


def test_wrong_token_401(server):
    client, _ = server
    r = client.post("/v1/clean", json={"text": "x"}, headers={"Authorization": "Bearer nope"})
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert httpx.post(str(client.base_url) + "/v1/clean", json={"text": "x"}).status_code == 401


@pytest.mark.parametrize(
    "payload",
    [
        {"text": 3},
        {"text": "x", "format": "docx"},
        {"text": "x", "policy": "publish"},
        {"text": "x", "surprise": 1},
        {"text": "x", "options": {"anchors": "bogus"}},
        {"text": "x", "options": {"nope": 1}},
        {"text": "x", "options": {"glossary": "/etc/passwd"}},
        ["not", "an", "object"],
    ],
)
def test_invalid_fields_422(server, payload):
    client, _ = server
    r = client.post("/v1/clean", json=payload)
    assert r.status_code == 422, r.text
    assert r.json()["error"]


def test_seed_equals_clean(server):
    client, _ = server
    seed = SEED.read_text(encoding="utf-8")
    r = client.post("/v1/clean", json={"text": seed, "format": "markdown", "lang": "en"})
    assert r.status_code == 200
    expected = cleanup.clean(seed, input_format="markdown", to="markdown", lang="en")
    assert r.json()["publish_text"] == expected.text == r.json()["text"]


def test_access_log_is_json_lines(server):
    client, log = server
    client.get("/healthz")
    import json

    records = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    assert any(r["path"] == "/healthz" and r["status"] == 200 for r in records)
    assert any(r.get("verdict") == "refuse" and r["status"] == 409 for r in records)
