"""Pelican plugin (``pip install 'article-cleanup[pelican]'``)::

    PLUGINS = ["cleanup.integrations.pelican"]
    ARTICLE_CLEANUP = {"policy": "clean", "options": {"stray": "flag"}}

Connected to ``content_object_init``: every article and page (Markdown, HTML or
reST, after Pelican rendered it to HTML) has its HTML ``content`` cleaned before it
is written. ``block`` logs an error listing every flag and change and raises, so
``pelican --fatal errors`` exits non-zero; ``report`` keeps the content and logs
the reasons (``ARTICLE_CLEANUP["report_dir"]``: also one JSON report per source).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from cleanup.publish import Article, PublishError, make_config, publish

log = logging.getLogger(__name__)


class RefusedError(RuntimeError):
    """The block policy refused a page."""


def _settings(instance) -> dict:
    conf = dict(instance.settings.get("ARTICLE_CLEANUP") or {})
    conf.setdefault("policy", "clean")
    return conf


def clean_content(instance) -> None:
    """``content_object_init`` receiver: clean ``instance._content`` (HTML)."""
    content = getattr(instance, "_content", None)
    if not isinstance(content, str) or not content.strip():
        return
    conf = _settings(instance)
    try:
        config = make_config(conf.get("options") or {})
        pub = publish(Article(body=content, format="html", language=conf.get("lang")), conf["policy"], config)
    except PublishError as exc:
        log.error("article-cleanup: %s", exc)
        raise
    name = getattr(instance, "relative_source_path", None) or getattr(instance, "source_path", "?")
    if conf.get("report_dir"):
        out = Path(conf["report_dir"]) / (str(name) + ".json")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps({"source": str(name), **pub.to_dict()}, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if pub.refused:
        message = f"article-cleanup refused {name}:\n  " + "\n  ".join(pub.reasons)
        log.error(message)
        raise RefusedError(message)
    for reason in pub.reasons:
        log.info("%s: %s", name, reason)
    instance._content = pub.article.body


def register() -> None:
    from pelican import signals

    signals.content_object_init.connect(clean_content)
