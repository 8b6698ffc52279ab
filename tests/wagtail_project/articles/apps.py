from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "wagtail_project.articles"
    label = "articles"
