"""Wagtail plugin (``pip install 'article-cleanup[wagtail]'``): add
``"cleanup.integrations.wagtail"`` to ``INSTALLED_APPS`` and configure it with
``ARTICLE_CLEANUP`` in the Django settings::

    ARTICLE_CLEANUP = {
        "policy": "clean",                      # clean | block | report
        "models": {
            "blog.ArticlePage": {"body": "html", "intro": "text", "content": "stream"},
        },
        "options": {"anchors": "repair", "stray": "flag"},   # CleanupConfig fields
    }

Field formats: ``html`` (RichTextField), ``markdown`` or ``text`` (CharField,
TextField, a Markdown field), and for a StreamField ``stream`` (RichTextBlock as
HTML, TextBlock/CharBlock as text, at any depth) or ``{"block_name": format}``.

What it covers (see docs/cms.md): the ``before_publish_page`` hook cleans (or
refuses) admin create/edit "Publish"; the ``page_published`` signal cleans every
other publication (bulk publish, workflow approval, ``publish_scheduled``,
``revision.publish()`` in code) after the fact, where ``block`` can only log.
``manage.py cleanup_pages --dry-run`` reports what would change on live pages.
"""
