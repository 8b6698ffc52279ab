"""The Wagtail adapter over :mod:`cleanup.publish`: settings, field walking, the
``before_publish_page`` hook body and the ``page_published`` signal receiver.

Why the revision and not ``page.field``: Wagtail's admin create and edit views
(``wagtail/admin/views/pages/create.py`` and ``edit.py``, ``publish_action``) save
a revision, then run ``before_publish_page``, then publish *that revision*
(``revision.publish()`` / ``PublishPageRevisionAction(revision)``), which rebuilds
the page from ``revision.content``. Assigning to ``page.body`` in the hook is lost;
editing ``page.latest_revision.content`` (the very object the view publishes) and
saving it is not, and it leaves no pending draft behind.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from cleanup.publish import FORMATS, POLICIES, Article, Publication, PublishError, make_config, publish

logger = logging.getLogger("cleanup.integrations.wagtail")
DONE = "_article_cleanup_done"  # set on a Revision once cleaned (the hook and the signal run once per revision)
MAX_MESSAGE_REASONS = 20

# Wagtail's stored rich text keeps internal links and embeds as <a linktype="page" id="3">
# and <embed embedtype="image" …/>; the sanitizing HTML writer would drop them, so they
# travel through the cleaner as placeholders and come back byte for byte.
_WT_LINK = re.compile(r"<a\b[^>]*\blinktype\s*=[^>]*>", re.I)
_WT_EMBED = re.compile(r"<embed\b[^>]*>(?:\s*</embed>)?", re.I)
_PH_EMBED = re.compile(r'(?:<p>\s*)?<img\b[^>]*\bsrc="https://wagtail\.invalid/embed/(\d+)"[^>]*>(?:\s*</p>)?')
_PH_LINK = re.compile(r'<a\b[^>]*\bhref="https://wagtail\.invalid/link/(\d+)"[^>]*>')


def protect(html: str) -> tuple[str, list[str]]:
    """Replace Wagtail links/embeds by placeholders the HTML writer keeps.

    >>> text, saved = protect('<p>See <a linktype="page" id="3">it</a></p><embed embedtype="image" id="1"/>')
    >>> text
    '<p>See <a href="https://wagtail.invalid/link/0">it</a></p><img alt="" src="https://wagtail.invalid/embed/1">'
    >>> restore('<p>See <a href="https://wagtail.invalid/link/0">it</a></p>\\n<p><img src="https://wagtail.invalid/embed/1" alt=""></p>\\n', saved)
    '<p>See <a linktype="page" id="3">it</a></p>\\n<embed embedtype="image" id="1"/>\\n'
    """
    saved: list[str] = []

    def keep(kind: str):
        def sub(m: re.Match) -> str:
            saved.append(m.group(0))
            n = len(saved) - 1
            return f'<a href="https://wagtail.invalid/link/{n}">' if kind == "link" else f'<img alt="" src="https://wagtail.invalid/embed/{n}">'

        return sub

    html = _WT_LINK.sub(keep("link"), html)
    html = _WT_EMBED.sub(keep("embed"), html)
    return html, saved


def restore(html: str, saved: list[str]) -> str | None:
    """Put the saved tags back; None when one went missing (then the field is left alone)."""
    if not saved:
        return html
    seen: set[int] = set()

    def back(m: re.Match) -> str:
        n = int(m.group(1))
        if n >= len(saved):
            return m.group(0)
        seen.add(n)
        return saved[n]

    html = _PH_EMBED.sub(back, html)
    html = _PH_LINK.sub(back, html)
    return html if len(seen) == len(saved) else None


# --- settings --------------------------------------------------------------------


def load_settings() -> dict[str, Any]:
    """``settings.ARTICLE_CLEANUP``, checked: policy, models (``{"app.Model": {field: format}}``), options."""
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    conf = dict(getattr(settings, "ARTICLE_CLEANUP", None) or {})
    policy = conf.get("policy", "clean")
    if policy not in POLICIES:
        raise ImproperlyConfigured(f"ARTICLE_CLEANUP['policy'] must be one of {', '.join(POLICIES)}")
    try:
        config = make_config(conf.get("options") or {})
    except PublishError as exc:
        raise ImproperlyConfigured(f"ARTICLE_CLEANUP['options']: {exc}") from None
    models = {k.lower(): v for k, v in (conf.get("models") or {}).items()}
    return {"policy": policy, "config": config, "models": models, "use_locale": bool(conf.get("use_locale"))}


def spec_for(model) -> dict[str, Any] | None:
    return load_settings()["models"].get(model._meta.label.lower())


# --- walking the revision content -------------------------------------------------


def _stream_leaves(block, value, label: str, spec, name: str, out: list) -> None:
    """Collect ``(label, format, container, key)`` for editable text inside StreamField data."""
    from wagtail import blocks

    def leaf_format(b, bname: str) -> str | None:
        if isinstance(spec, dict):
            return spec.get(bname)
        if isinstance(b, blocks.RichTextBlock):
            return "html"
        if isinstance(b, (blocks.TextBlock, blocks.CharBlock)):
            return "text"
        return None

    def visit(b, container, key, lbl: str, bname: str) -> None:
        v = container[key]
        if isinstance(b, blocks.BaseStreamBlock) and isinstance(v, list):
            for i, item in enumerate(v):
                if isinstance(item, dict) and "type" in item and item["type"] in b.child_blocks:
                    visit(b.child_blocks[item["type"]], item, "value", f"{lbl}[{i}:{item['type']}]", item["type"])
        elif isinstance(b, blocks.BaseStructBlock) and isinstance(v, dict):
            for cname, child in b.child_blocks.items():
                if cname in v:
                    visit(child, v, cname, f"{lbl}.{cname}", cname)
        elif isinstance(b, blocks.ListBlock) and isinstance(v, list):
            for i, item in enumerate(v):
                if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
                    visit(b.child_block, item, "value", f"{lbl}[{i}]", bname)
                else:
                    visit(b.child_block, v, i, f"{lbl}[{i}]", bname)
        elif isinstance(v, str):
            fmt = leaf_format(b, bname)
            if fmt in FORMATS:
                out.append((lbl, fmt, container, key))

    holder = {name: value}
    visit(block, holder, name, label, name)


def collect(model, content: dict[str, Any], spec: dict[str, Any]):
    """The editable leaves of ``content`` per ``spec``, and the StreamFields to re-serialize."""
    leaves: list[tuple[str, str, Any, Any]] = []
    streams: dict[str, Any] = {}
    for name, fmt in spec.items():
        if name not in content or content[name] is None:
            continue
        if fmt in FORMATS:
            if isinstance(content[name], str):
                leaves.append((name, fmt, content, name))
            continue
        if fmt == "stream" or isinstance(fmt, dict):
            field = model._meta.get_field(name)
            raw = content[name]
            data = json.loads(raw) if isinstance(raw, str) else raw
            streams[name] = (data, isinstance(raw, str))
            found: list = []
            _stream_leaves(field.stream_block, data, name, fmt, name, found)
            leaves.extend(found)
            continue
        raise PublishError(f"ARTICLE_CLEANUP: field {model._meta.label}.{name}: unknown format {fmt!r}")
    return leaves, streams


def clean_content(model, content: dict[str, Any], policy: str, conf: dict[str, Any], language: str | None = None):
    """Run the publishing step over the configured fields of a revision's ``content``.

    Under ``clean`` the content is edited in place. Returns ``(Publication, changed field names)``."""
    spec = conf["models"].get(model._meta.label.lower()) or {}
    leaves, streams = collect(model, content, spec)
    extra: dict[str, tuple[str, str]] = {}
    saved: dict[str, list[str]] = {}
    for label, fmt, container, key in leaves:
        value = container[key]
        if fmt == "html":
            value, saved[label] = protect(value)
        extra[label] = (value, fmt)
    article = Article(fields=tuple(extra), extra=extra, language=language)
    pub = publish(article, policy, conf["config"])
    changed: set[str] = set()
    if policy == "clean":
        for label, fmt, container, key in leaves:
            new = pub.article.extra[label][0]
            if new == extra[label][0]:
                continue
            if saved.get(label):
                restored = restore(new, saved[label])
                if restored is None:
                    pub.reasons.append(f"{label}: left unchanged: the cleaned HTML lost a Wagtail link or embed")
                    continue
                new = restored
            if new != container[key]:
                container[key] = new
                changed.add(label.split("[", 1)[0].split(".", 1)[0])
        for name in changed & set(streams):
            data, was_string = streams[name]
            content[name] = json.dumps(data) if was_string else data
    for label, report in pub.reports.items():
        if saved.get(label):
            report["text"] = restore(report["text"], saved[label]) or report["text"]
    return pub, changed


def _language(page, conf) -> str | None:
    if conf["use_locale"] and getattr(page, "locale_id", None):
        return page.locale.language_code
    return None


def _apply(page, revision, fields: set[str]) -> None:
    """Save the cleaned revision and copy the cleaned fields onto ``page``."""
    revision.save(update_fields=["content"])
    fresh = revision.as_object()
    for name in fields:
        setattr(page, name, getattr(fresh, name))


def _summary(pub: Publication, title: str) -> str:
    reasons = pub.reasons[:MAX_MESSAGE_REASONS]
    more = len(pub.reasons) - len(reasons)
    tail = f" (and {more} more)" if more > 0 else ""
    return f"article-cleanup ({pub.policy}) on '{title}': " + " | ".join(reasons) + tail


# --- the hook and the signal ----------------------------------------------------------


def before_publish_page(request, page):
    """``before_publish_page`` hook: clean, refuse or report the revision about to be published."""
    conf = load_settings()
    if conf["models"].get(type(page)._meta.label.lower()) is None:
        return None
    revision = getattr(page, "latest_revision", None)
    if revision is None or getattr(revision, DONE, False):
        return None
    pub, fields = clean_content(type(page), revision.content, conf["policy"], conf, _language(page, conf))
    setattr(revision, DONE, True)
    logger.info(json.dumps({"page": page.pk, "revision": revision.pk, **pub.to_dict()}, ensure_ascii=False))
    from django.contrib import messages

    if pub.refused:
        from django.shortcuts import redirect

        if page.live_revision_id is None:
            # the create view adds the page with live=True before publishing: keep it a draft
            type(page).objects.filter(pk=page.pk).update(live=False, has_unpublished_changes=True)
        messages.error(request, _summary(pub, page.get_admin_display_title()))
        return redirect("wagtailadmin_pages:edit", page.pk)
    if fields:
        _apply(page, revision, fields)
    if pub.reasons:
        level = messages.warning if pub.flags else messages.info
        level(request, _summary(pub, page.get_admin_display_title()))
    return None


def on_page_published(sender, instance, revision=None, **kwargs):
    """``page_published`` receiver: publications that bypass the admin hook (bulk
    publish, workflow approval, ``publish_scheduled``, ``revision.publish()``).

    ``clean`` fixes the published revision and the live row after the fact; ``block``
    cannot refuse here (the page is already live) and logs a warning; ``report`` logs."""
    if revision is None or getattr(revision, DONE, False):
        return
    conf = load_settings()
    if conf["models"].get(type(instance)._meta.label.lower()) is None:
        return
    pub, fields = clean_content(type(instance), revision.content, conf["policy"], conf, _language(instance, conf))
    setattr(revision, DONE, True)
    if fields:
        _apply(instance, revision, fields)
        instance.save(update_fields=sorted(fields), clean=False)
    if pub.refused:
        logger.warning(
            "published outside the admin hook, so the block policy could not refuse it: %s",
            _summary(pub, str(instance)),
        )
    elif pub.reasons:
        logger.info(_summary(pub, str(instance)))
