"""The publishing step: clean an article's fields before a CMS or a static-site
generator publishes it, and decide whether it may be published.

Framework-neutral: the Wagtail, HTTP, MkDocs and Pelican integrations are thin
adapters over :func:`publish`.

Policies:

- ``clean``: publish what :func:`cleanup.clean` writes (verdict
  ``publish-with-changes`` when a change was recorded, else ``publish``);
  remaining flags are listed in the reasons.
- ``block``: change nothing; refuse (verdict ``refuse``) when a flag remains or
  when anything would change, with one reason per flag or change.
- ``report``: publish the fields untouched and attach the report.

Each field is cleaned in its own format and written back in that format
(HTML stays HTML, Markdown stays Markdown, text stays text). A value without a
newline (a title, a one-line intro) comes back without the newline the writers
end a document with. Publishing the published article again changes nothing
(every filter is idempotent).

>>> art = Article(body="<p data-block-key='k1'>Alibabaâ€™s cloud grew.</p>", format="html")
>>> pub = publish(art, "clean")
>>> pub.verdict, pub.article.body
('publish-with-changes', "<p data-block-key='k1'>Alibaba’s cloud grew.</p>")
>>> publish(pub.article, "clean").verdict
'publish'
>>> refused = publish(art, "block")
>>> refused.verdict, refused.article.body == art.body
('refuse', True)
>>> print(*refused.reasons, sep='\\n')
refused under the block policy: 1 change or flag to resolve first
body: line 1, column 31: encoding would repair 'â€™' → '’' in “<p data-block-key='k1'>Alibaba[â€™]s cloud grew.</p>” (ftfy: encode sloppy-windows-1252, decode utf-8)
"""

from __future__ import annotations

import dataclasses
import json
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from cleanup.config import CleanupConfig, config_from_mapping

POLICIES = ("clean", "block", "report")
FORMATS = ("html", "markdown", "text")
VERDICTS = ("publish", "publish-with-changes", "refuse")
CONTEXT_CHARS = 30

# values the options accept (the CLI's choices); checked so a typo is an error, not a no-op
_CHOICES: dict[str, tuple[str, ...]] = {
    "input_format": ("auto", "text", "markdown", "html"),
    "to": ("markdown", "html", "text"),
    "anchors": ("repair", "strip", "flag"),
    "stray": ("translate", "flag", "remove", "keep"),
    "chinese": ("auto", "s2t", "t2s", "s2tw", "s2twp", "tw2s", "tw2sp", "s2hk", "hk2s", "t2tw", "t2hk", "off"),
    "footer": ("keep", "remove", "off"),
}


class PublishError(ValueError):
    """Invalid policy, format or options (the message says which)."""


@dataclass
class Article:
    """What a CMS hands over: a title, a body in ``format``, a language, and which
    fields to clean. ``extra`` holds further fields as ``{name: (value, format)}``.

    ``fields`` names the fields to clean (default: the body only; add ``"title"``
    to clean the title as text, or names from ``extra``)."""

    title: str = ""
    body: str = ""
    format: str = "html"
    language: str | None = None
    fields: tuple[str, ...] = ("body",)
    extra: dict[str, tuple[str, str]] = field(default_factory=dict)

    def get(self, name: str) -> tuple[str, str]:
        if name in self.extra:
            return self.extra[name]
        if name == "body":
            return self.body, self.format
        if name == "title":
            return self.title, "text"
        raise PublishError(f"the article has no field {name!r}")

    def with_values(self, values: dict[str, str]) -> Article:
        extra = {k: (values.get(k, v), fmt) for k, (v, fmt) in self.extra.items()}
        title = self.title if "title" in self.extra else values.get("title", self.title)
        body = self.body if "body" in self.extra else values.get("body", self.body)
        return dataclasses.replace(self, title=title, body=body, extra=extra)


@dataclass
class Publication:
    """The outcome: the article to publish, the report per field, the verdict and why."""

    article: Article
    verdict: str
    reasons: list[str]
    reports: dict[str, dict[str, Any]]
    policy: str
    results: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def refused(self) -> bool:
        return self.verdict == "refuse"

    @property
    def flags(self) -> int:
        return sum(r["flags"] for r in self.reports.values())

    def to_dict(self) -> dict[str, Any]:
        return {"policy": self.policy, "verdict": self.verdict, "reasons": self.reasons, "reports": self.reports}


# --- options ------------------------------------------------------------------


def make_config(options: dict[str, Any] | CleanupConfig | None = None, base: CleanupConfig | None = None) -> CleanupConfig:
    """A checked :class:`CleanupConfig` from a mapping of its fields (TOML names or
    field names); raises :class:`PublishError` naming the bad option."""
    if isinstance(options, CleanupConfig):
        config = options
    else:
        if options is not None and not isinstance(options, dict):
            raise PublishError("options must be an object of CleanupConfig fields")
        try:
            config = config_from_mapping(dict(options or {}), base, "options")
        except (TypeError, ValueError) as exc:
            raise PublishError(str(exc)) from None
    for name, allowed in _CHOICES.items():
        value = getattr(config, name)
        if value is not None and value not in allowed:
            raise PublishError(f"options: {name} must be one of {', '.join(allowed)}, not {value!r}")
    for name in ("mark", "bold_labels"):
        if not isinstance(getattr(config, name), bool):
            raise PublishError(f"options: {name} must be true or false")
    for name in ("lang", "base_url", "glossary", "to"):
        if getattr(config, name) is not None and not isinstance(getattr(config, name), str):
            raise PublishError(f"options: {name} must be a string")
    for name in ("enable", "disable", "protected_terms"):
        value = getattr(config, name)
        if not isinstance(value, (tuple, list)) or not all(isinstance(v, str) for v in value):
            raise PublishError(f"options: {name} must be a list of strings")
    for name in ("max_bytes", "timeout"):
        value = getattr(config, name)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise PublishError(f"options: {name} must be a number >= 0")
    fo = config.filter_options
    if not isinstance(fo, dict) or not all(isinstance(v, dict) for v in fo.values()):
        raise PublishError("options: filter_options must be an object of objects ({filter: {option: value}})")
    pipeline_for(config)  # unknown filters, presets and filter options fail here
    return config


_CACHE: OrderedDict[str, Any] = OrderedDict()
_CACHE_SIZE = 16
_LOCK = threading.Lock()


def _key(config: CleanupConfig) -> str:
    data = dataclasses.asdict(config)
    for name in ("input_format", "to", "lang", "max_bytes", "timeout"):  # readers/writers/limits, not filters
        data.pop(name)
    return json.dumps(data, sort_keys=True, default=repr)


def pipeline_for(config: CleanupConfig):
    """The pipeline for ``config``, built once per distinct options (small LRU cache)."""
    from cleanup.pipeline import Pipeline

    key = _key(config)
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    try:
        pipeline = Pipeline.from_config(config)
    except (ValueError, TypeError, ImportError) as exc:
        raise PublishError(f"options: {exc}") from None
    with _LOCK:
        _CACHE[key] = pipeline
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return pipeline


# --- cleaning -------------------------------------------------------------------


def clean_value(value: str, fmt: str, config: CleanupConfig | None = None, *, language: str | None = None):
    """Clean one field: read it as ``fmt``, write it back as ``fmt`` (unless
    ``config.to`` says otherwise). Returns ``(published_text, Result)``."""
    from cleanup.api import clean

    if fmt not in FORMATS:
        raise PublishError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    config = config or CleanupConfig()
    config = dataclasses.replace(config, input_format=fmt, to=config.to or fmt, lang=language or config.lang)
    result = clean(value, config, pipeline=pipeline_for(config))
    text = result.text
    if "\n" not in value and text.endswith("\n") and "\n" not in text[:-1]:
        text = text[:-1]  # a one-line field stays one line
    return text, result


def context(source_text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> str:
    """A one-line snippet of the input around ``[start:end]``, the span in brackets.

    >>> context("The澄清 of these rumors", 3, 5)
    '“The[澄清] of these rumors”'
    """
    a, b = max(0, start - width), min(len(source_text), end + width)
    snippet = f"{source_text[a:start]}[{source_text[start:end]}]{source_text[end:b]}"
    snippet = " ".join(snippet.split())
    return f"“{'…' if a > 0 else ''}{snippet}{'…' if b < len(source_text) else ''}”"


_VERBS = {
    "repaired": "repair", "removed": "remove", "translated": "translate",
    "normalized": "normalize", "converted": "convert",
}


def describe(name: str, result, change: dict[str, Any], *, would: bool) -> str:
    """One human-readable line for a change or flag of ``result`` (field ``name``)."""
    where = f"{name}: line {change['line']}, column {change['column']}"
    snippet = context(result.document.source.input, change["start"], change["end"])
    why = f" ({change['reason']})" if change.get("reason") else ""
    if change["action"] == "flagged":
        hint = f", suggestion {change['after']!r}" if change.get("after") else ""
        return f"{where}: flagged by {change['filter']}: {change['before']!r} in {snippet}{hint}{why}"
    verb = _VERBS.get(change["action"], change["action"])
    if would:
        verb = f"would {verb}"
    else:
        verb = change["action"]
    after = change["after"] if change["after"] is not None else ""
    return f"{where}: {change['filter']} {verb} {change['before']!r} → {after!r} in {snippet}{why}"


def publish(
    article: Article,
    policy: str = "clean",
    options: dict[str, Any] | CleanupConfig | None = None,
) -> Publication:
    """Run the publishing step over ``article.fields`` under ``policy``."""
    if policy not in POLICIES:
        raise PublishError(f"unknown policy {policy!r}; use one of {', '.join(POLICIES)}")
    config = make_config(options)
    values: dict[str, str] = {}
    reports: dict[str, dict[str, Any]] = {}
    results: dict[str, Any] = {}
    reasons: list[str] = []
    changed = flagged = False
    for name in article.fields:
        value, fmt = article.get(name)
        if not isinstance(value, str):
            raise PublishError(f"field {name!r} is not text")
        if not value.strip():
            continue
        text, result = clean_value(value, fmt, config, language=article.language)
        results[name] = result
        reports[name] = result.to_dict()
        changed |= result.changed
        flagged |= result.flags > 0
        for change in reports[name]["changes"]:
            reasons.append(describe(name, result, change, would=policy != "clean"))
        if policy == "clean" and text != value:
            values[name] = text  # what clean() writes, even when only the layout was normalized
    if policy == "block":
        verdict = "refuse" if (changed or flagged) else "publish"
        if verdict == "refuse":
            n = sum(len(r["changes"]) for r in reports.values())
            reasons.insert(0, f"refused under the block policy: {n} change{'s' * (n != 1)} or flag{'s' * (n != 1)} to resolve first")
    elif policy == "clean":
        touched = [k for k, r in results.items() if r.changed]
        verdict = "publish-with-changes" if changed else "publish"
        if touched:
            n = sum(len([c for c in reports[k]["changes"] if c["action"] != "flagged"]) for k in touched)
            reasons.insert(0, f"cleaned {', '.join(touched)}: {n} change{'s' * (n != 1)} applied")
    else:
        verdict = "publish"
        if reasons:
            reasons.insert(0, "published untouched under the report policy; the report lists what would change")
    published = article.with_values(values) if values else article
    return Publication(published, verdict, reasons, reports, policy, results)
