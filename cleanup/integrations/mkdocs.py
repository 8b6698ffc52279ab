"""MkDocs plugin (``pip install 'article-cleanup[mkdocs]'``), registered as ``article-cleanup``::

    plugins:
      - article-cleanup:
          policy: clean          # clean | block | report
          options: {anchors: repair, stray: flag}   # CleanupConfig fields
          report_dir: cleanup-reports               # optional: one JSON report per page

Every page's Markdown is cleaned in ``on_page_markdown`` before it is rendered.
``block`` fails the build (a ``PluginError`` listing every flag and change with
its context); ``report`` builds the pages untouched and writes/logs the report.
Build with ``mkdocs build --strict`` and without ``-q``.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from cleanup.publish import Article, PublishError, make_config, publish

try:
    from mkdocs.config import config_options
    from mkdocs.exceptions import PluginError
    from mkdocs.plugins import BasePlugin
except ImportError:  # the extra is not installed: the module still imports (docs, doctests)
    BasePlugin, config_options, PluginError = object, None, RuntimeError

log = logging.getLogger("mkdocs.plugins.article-cleanup")


class CleanupPlugin(BasePlugin):
    config_scheme = (
        ("policy", config_options.Choice(("clean", "block", "report"), default="clean")),
        ("options", config_options.Type(dict, default={})),
        ("lang", config_options.Type(str, default="")),
        ("report_dir", config_options.Type(str, default="")),
    ) if config_options else ()

    def on_config(self, config):
        try:
            self._config = make_config(self.config["options"])
        except PublishError as exc:
            raise PluginError(f"article-cleanup: {exc}") from None
        self._refused: list[str] = []
        return config

    def on_page_markdown(self, markdown, page, config, files):
        name = page.file.src_uri
        pub = publish(
            Article(body=markdown, format="markdown", language=self.config["lang"] or None),
            self.config["policy"],
            self._config,
        )
        if self.config["report_dir"]:
            out = Path(config["config_file_path"] or ".").parent / self.config["report_dir"] / (name + ".json")
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(json.dumps({"page": name, **pub.to_dict()}, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        if pub.refused:
            raise PluginError(f"article-cleanup refused {name}:\n  " + "\n  ".join(pub.reasons))
        for reason in pub.reasons:
            log.info("%s: %s", name, reason)
        if pub.flags and self.config["policy"] == "clean":
            log.warning("%s: %d flag(s) left for a person to review", name, pub.flags)
        return pub.article.body
