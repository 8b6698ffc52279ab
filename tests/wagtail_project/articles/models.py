from django.db import models
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page


class ArticlePage(Page):
    intro = models.TextField(blank=True)
    body = RichTextField(blank=True)
    content = StreamField(
        [
            ("paragraph", blocks.RichTextBlock()),
            ("note", blocks.TextBlock()),
            ("quote", blocks.StructBlock([("text", blocks.TextBlock()), ("source", blocks.URLBlock(required=False))])),
        ],
        blank=True,
        use_json_field=True,
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body"), FieldPanel("content")]
