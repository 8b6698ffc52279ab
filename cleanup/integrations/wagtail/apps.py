from django.apps import AppConfig


class ArticleCleanupConfig(AppConfig):
    name = "cleanup.integrations.wagtail"
    label = "article_cleanup"
    verbose_name = "article-cleanup"

    def ready(self):
        from wagtail.signals import page_published

        from cleanup.integrations.wagtail.core import on_page_published

        page_published.connect(on_page_published, dispatch_uid="article_cleanup_page_published")
