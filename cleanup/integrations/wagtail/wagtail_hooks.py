"""Registers the ``before_publish_page`` hook (admin create/edit "Publish")."""

from wagtail import hooks

from cleanup.integrations.wagtail.core import before_publish_page

hooks.register("before_publish_page", before_publish_page)
