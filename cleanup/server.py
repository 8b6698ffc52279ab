"""HTTP publishing hook (``pip install 'article-cleanup[server]'``): Starlette + uvicorn.

Run it with ``article-cleanup serve --host 127.0.0.1 --port 8080 [--token T]``.

``POST /v1/clean`` takes::

    {"text": "…", "format": "text"|"markdown"|"html", "lang": "en",
     "policy": "clean"|"block"|"report", "options": {…CleanupConfig fields…}}

and returns the change report (``Result.to_dict()``: format, language, text,
metadata, changes, flags) plus ``policy``, ``verdict`` (``publish``,
``publish-with-changes`` or ``refuse``), ``reasons`` (one human-readable line per
flag or change, with a snippet of the input) and ``publish_text`` (what the CMS
should store: the cleaned text under ``clean``, the input under ``report``,
``null`` when refused).

Status codes: 200 publish; 409 refuse; 400 body is not JSON; 401 missing or wrong
bearer token; 413 body over ``--max-bytes`` (checked on Content-Length and while
streaming); 422 invalid fields or options (or an input that cannot be cleaned).
``GET /healthz`` answers ``{"status": "ok"}`` without a token.

One JSON object per request is logged on stderr (the access log).
"""

from __future__ import annotations

import argparse
import hmac
import json
import os
import sys
import time
from typing import Any

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
TOKEN_ENV = "ARTICLE_CLEANUP_TOKEN"
REQUEST_FIELDS = {"text", "format", "lang", "policy", "options"}
# options a caller may not set over HTTP: the format comes from "format", the
# glossary is a path on the server, the size limit is the server's
SERVER_ONLY_OPTIONS = {"input_format", "from", "glossary", "max_bytes", "max-bytes"}


class _TooLarge(Exception):
    pass


def _error(status: int, message: str, **extra: Any):
    from starlette.responses import JSONResponse

    return JSONResponse({"error": message, **extra}, status_code=status)


def _parse_request(payload: Any, default_policy: str):
    """Validate the request object; return (text, fmt, lang, policy, options) or raise ValueError."""
    if not isinstance(payload, dict):
        raise ValueError("the request body must be a JSON object")
    unknown = set(payload) - REQUEST_FIELDS
    if unknown:
        raise ValueError(f"unknown field(s): {', '.join(sorted(unknown))}")
    from cleanup.publish import FORMATS, POLICIES

    text = payload.get("text")
    if not isinstance(text, str):
        raise ValueError("'text' is required and must be a string")
    fmt = payload.get("format", "text")
    if fmt not in FORMATS:
        raise ValueError(f"'format' must be one of {', '.join(FORMATS)}")
    lang = payload.get("lang")
    if lang is not None and not isinstance(lang, str):
        raise ValueError("'lang' must be a string (BCP-47)")
    policy = payload.get("policy", default_policy)
    if policy not in POLICIES:
        raise ValueError(f"'policy' must be one of {', '.join(POLICIES)}")
    options = payload.get("options") or {}
    if not isinstance(options, dict):
        raise ValueError("'options' must be an object of CleanupConfig fields")
    bad = SERVER_ONLY_OPTIONS & set(options)
    if bad:
        raise ValueError(f"options not accepted over HTTP: {', '.join(sorted(bad))}")
    return text, fmt, lang, policy, options


def _run(text: str, fmt: str, lang: str | None, policy: str, options: dict[str, Any], max_bytes: int) -> dict[str, Any]:
    from cleanup.publish import Article, make_config, publish

    config = make_config(options).replace(max_bytes=max_bytes)
    pub = publish(Article(body=text, format=fmt, language=lang), policy, config)
    report = pub.reports.get("body")
    if report is None:  # empty text: nothing to clean
        report = {"format": fmt, "language": lang, "text": text, "metadata": {}, "changes": [], "flags": 0}
    return report | {
        "policy": pub.policy,
        "verdict": pub.verdict,
        "reasons": pub.reasons,
        "publish_text": None if pub.refused else pub.article.body,
    }


def create_app(*, token: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES, policy: str = "clean", log=None):
    """The ASGI app. ``token``: require ``Authorization: Bearer <token>`` on /v1/*."""
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.requests import Request
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    from cleanup.pipeline import TimeBudgetExceeded
    from cleanup.publish import PublishError
    from cleanup.source import InputError

    log = log or sys.stderr
    expected = token.encode("utf-8") if token else None

    async def read_body(request: Request) -> bytes:
        length = request.headers.get("content-length")
        if length is not None:
            try:
                if int(length) > max_bytes:
                    raise _TooLarge
            except ValueError:
                pass
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > max_bytes:
                raise _TooLarge
            chunks.append(chunk)
        return b"".join(chunks)

    async def clean_endpoint(request: Request):
        if expected is not None:
            auth = request.headers.get("authorization", "")
            scheme, _, given = auth.partition(" ")
            if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode("utf-8"), expected):
                response = _error(401, "missing or wrong bearer token")
                response.headers["WWW-Authenticate"] = "Bearer"
                return response
        try:
            body = await read_body(request)
        except _TooLarge:
            return _error(413, f"request body is over the limit of {max_bytes:,} bytes")
        try:
            payload = json.loads(body)
        except (ValueError, UnicodeDecodeError) as exc:
            return _error(400, f"request body is not valid JSON: {exc}")
        try:
            args = _parse_request(payload, policy)
        except ValueError as exc:
            return _error(422, str(exc))
        try:
            result = await run_in_threadpool(_run, *args, max_bytes)
        except PublishError as exc:
            return _error(422, str(exc))
        except InputError as exc:
            return _error(413 if "over the limit" in str(exc) else 422, str(exc))
        except TimeBudgetExceeded as exc:
            return _error(422, str(exc))
        request.state.verdict = result["verdict"]
        return JSONResponse(result, status_code=409 if result["verdict"] == "refuse" else 200)

    async def healthz(request: Request):
        return JSONResponse({"status": "ok"})

    app = Starlette(
        routes=[Route("/v1/clean", clean_endpoint, methods=["POST"]), Route("/healthz", healthz, methods=["GET"])]
    )
    return _AccessLog(app, log)


class _AccessLog:
    """ASGI middleware: one JSON line per HTTP request on ``stream``."""

    def __init__(self, app, stream):
        self.app = app
        self.stream = stream

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = time.perf_counter()
        info: dict[str, Any] = {"status": 500, "bytes_out": 0}
        scope.setdefault("state", {})

        async def send_wrapper(message):
            if message["type"] == "http.response.start":
                info["status"] = message["status"]
            elif message["type"] == "http.response.body":
                info["bytes_out"] += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            client = scope.get("client")
            record = {
                "ts": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                "client": f"{client[0]}:{client[1]}" if client else None,
                "method": scope.get("method"),
                "path": scope.get("path"),
                "status": info["status"],
                "bytes_out": info["bytes_out"],
                "duration_ms": round((time.perf_counter() - started) * 1000, 2),
            }
            verdict = scope["state"].get("verdict")
            if verdict:
                record["verdict"] = verdict
            try:
                self.stream.write(json.dumps(record) + "\n")
                self.stream.flush()
            except (OSError, ValueError):
                pass


def serve(argv: list[str] | None = None) -> int:
    """``article-cleanup serve``: parse the arguments and run uvicorn."""
    p = argparse.ArgumentParser(prog="article-cleanup serve", description="Run the HTTP publishing hook (POST /v1/clean).")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8080, help="port (default: 8080)")
    p.add_argument("--token", help=f"require 'Authorization: Bearer TOKEN' (default: ${TOKEN_ENV}; none: no auth)")
    p.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, metavar="N", help=f"largest request body (default: {DEFAULT_MAX_BYTES})")
    p.add_argument("--policy", choices=["clean", "block", "report"], default="clean", help="policy when a request names none (default: clean)")
    args = p.parse_args(argv)
    try:
        import uvicorn
    except ImportError:
        print("article-cleanup: error: serve needs the server extra: pip install 'article-cleanup[server]'", file=sys.stderr)
        return 2
    token = args.token or os.environ.get(TOKEN_ENV) or None
    if args.host not in ("127.0.0.1", "localhost", "::1") and not token:
        print(f"article-cleanup serve: warning: listening on {args.host} without a token", file=sys.stderr)
    app = create_app(token=token, max_bytes=args.max_bytes, policy=args.policy)
    uvicorn.run(app, host=args.host, port=args.port, access_log=False, log_level="warning")
    return 0
