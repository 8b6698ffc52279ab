"""The Wagtail plugin against a real Wagtail admin (tests/wagtail_project, sqlite).

This module points pytest-django at the test project itself, so the rest of the
suite needs no Django settings and is unaffected."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

pytest.importorskip("wagtail")
pytest.importorskip("pytest_django")
if os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wagtail_project.settings") != "wagtail_project.settings":
    pytest.skip("DJANGO_SETTINGS_MODULE points at another project", allow_module_level=True)

import django  # noqa: E402

django.setup()  # pytest-django only sets Django up itself when settings exist at start-up

import cleanup  # noqa: E402

pytestmark = pytest.mark.django_db
HERE = Path(__file__).resolve().parent
SEED = Path("/work/shared/seeds/000_f4947564c44a895a.txt")
FLAG_PLUGIN = HERE / "wagtail_project" / "flagplugin"
MOJIBAKE = "Alibabaâ€™s cloud grew."
CLEAN = "Alibaba’s cloud grew."


def conf(policy="clean", options=None):
    # the encoding filter only (plus what a test enables): results do not move as filters evolve
    return {
        "policy": policy,
        "models": {"articles.ArticlePage": {"body": "html", "intro": "text", "content": "stream"}},
        "options": {"preset": "minimal", **(options or {})},
    }


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.com", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def home():
    from wagtail.models import Page

    return Page.objects.get(depth=2)


@pytest.fixture
def flag_plugin(monkeypatch):
    monkeypatch.syspath_prepend(str(FLAG_PLUGIN))
    yield
    sys.modules.pop("cleanup_testflag", None)


def form(title, body_html, intro="", content=()):
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    data = nested_form_data(
        {
            "title": title,
            "slug": title.lower().replace(" ", "-"),
            "intro": intro,
            "body": rich_text(body_html),
            "content": streamfield(list(content)),
        }
    )
    data["action-publish"] = "action-publish"
    return data


def create(client, home, data):
    from django.urls import reverse

    return client.post(reverse("wagtailadmin_pages:add", args=("articles", "articlepage", home.pk)), data)


def edit(client, page, data):
    from django.urls import reverse

    return client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)


def live(title):
    from wagtail_project.articles.models import ArticlePage

    page = ArticlePage.objects.get(title=title)
    return page, page.live_revision.as_object() if page.live_revision else None


def test_create_publish_cleans_live_row_and_revision(admin_client, home, settings):
    settings.ARTICLE_CLEANUP = conf()
    response = create(admin_client, home, form("Deal", f"<p>{MOJIBAKE}</p>", intro=MOJIBAKE))
    assert response.status_code == 302
    page, rev = live("Deal")
    assert page.live and not page.has_unpublished_changes
    assert page.latest_revision_id == page.live_revision_id  # no pending draft
    assert CLEAN in page.body and "â€" not in page.body
    assert page.intro == CLEAN
    assert rev.body == page.body and rev.intro == CLEAN
    assert "data-block-key=" in page.body  # Draftail's block keys survive


def test_edit_publish_cleans_and_twice_changes_nothing(admin_client, home, settings):
    settings.ARTICLE_CLEANUP = conf()
    create(admin_client, home, form("Edited", "<p>Fine text.</p>"))
    page, _ = live("Edited")
    content = [("paragraph", rich_text_html(f"<p>{MOJIBAKE}</p>")), ("note", MOJIBAKE)]
    response = edit(admin_client, page, form("Edited", f"<h2>Head</h2><p>{MOJIBAKE}</p>", MOJIBAKE, content))
    assert response.status_code == 302
    page, rev = live("Edited")
    assert page.latest_revision_id == page.live_revision_id and not page.has_unpublished_changes
    assert CLEAN in page.body and page.intro == CLEAN
    stream = json.loads(json.dumps(page.content.get_prep_value()))
    assert stream[0]["value"].count(CLEAN) == 1 and stream[1]["value"] == CLEAN
    first = (page.body, page.intro, stream, rev.body)
    revisions = page.revisions.count()
    # publish again what the editor now sees: nothing changes
    content = [("paragraph", rich_text_html(stream[0]["value"])), ("note", stream[1]["value"])]
    edit(admin_client, page, form("Edited", page.body, page.intro, content))
    page, rev = live("Edited")
    again = json.loads(json.dumps(page.content.get_prep_value()))
    # a clean page is published as the editor submitted it; Draftail's round trip only
    # drops the line breaks our writer put between blocks
    assert (page.intro, again[1]["value"]) == (first[1], first[2][1]["value"])
    assert [_blocks(x) for x in (page.body, again[0]["value"], rev.body)] == [
        _blocks(x) for x in (first[0], first[2][0]["value"], first[3])
    ]
    assert page.revisions.count() == revisions + 1 and not page.has_unpublished_changes


def _blocks(html: str) -> str:
    import re

    return re.sub(r">\n+<", "><", html).strip()


def rich_text_html(html):
    from wagtail.test.utils.form_data import rich_text

    return rich_text(html)


def test_block_refuses_with_message_and_keeps_live_page(admin_client, home, settings, flag_plugin):
    settings.ARTICLE_CLEANUP = conf()
    create(admin_client, home, form("Guarded", "<p>Good text.</p>"))
    page, _ = live("Guarded")
    live_body = page.body
    settings.ARTICLE_CLEANUP = conf("block", {"enable": ["fixme"]})
    response = edit(admin_client, page, form("Guarded", "<p>The FIXME of these rumors.</p>"))
    assert response.status_code == 302 and response["Location"].endswith(f"/pages/{page.pk}/edit/")
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("flagged by fixme" in m and "The [FIXME] of these rumors." in m for m in messages), messages
    page, rev = live("Guarded")
    assert page.body == live_body and rev.body == live_body  # the live page is untouched
    assert page.has_unpublished_changes  # the editor's work is kept as a draft


def test_block_on_create_keeps_the_page_unpublished(admin_client, home, settings):
    settings.ARTICLE_CLEANUP = conf("block")
    response = create(admin_client, home, form("Blocked", f"<p>{MOJIBAKE}</p>"))
    assert response.status_code == 302
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("encoding would repair" in m for m in messages), messages
    page, rev = live("Blocked")
    assert not page.live and rev is None


def test_report_publishes_untouched(admin_client, home, settings):
    settings.ARTICLE_CLEANUP = conf("report")
    create(admin_client, home, form("Reported", "<p>x</p>", intro=MOJIBAKE))
    page, rev = live("Reported")
    assert page.live and page.intro == MOJIBAKE and rev.intro == MOJIBAKE


def test_seed_through_wagtail_equals_clean(admin_client, home, settings):
    seed = SEED.read_text(encoding="utf-8")
    settings.ARTICLE_CLEANUP = {**conf(), "options": {}}  # the default pipeline
    create(admin_client, home, form("Seed", "<p>x</p>", intro=seed))
    page, rev = live("Seed")
    expected = cleanup.clean(seed, input_format="text", to="text").text
    assert page.intro == expected and rev.intro == expected


def test_bulk_style_publish_goes_through_the_signal(home, settings):
    """revision.publish() outside the admin (bulk publish, workflows, publish_scheduled)."""
    from wagtail_project.articles.models import ArticlePage

    settings.ARTICLE_CLEANUP = conf()
    page = ArticlePage(title="Scripted", slug="scripted", intro=MOJIBAKE, body=f"<p>{MOJIBAKE}</p>")
    home.add_child(instance=page)
    revision = page.save_revision()
    revision.publish()
    page, rev = live("Scripted")
    assert page.intro == CLEAN and rev.intro == CLEAN and CLEAN in page.body
    assert not page.has_unpublished_changes


def test_internal_links_and_embeds_survive(home, settings):
    from wagtail_project.articles.models import ArticlePage

    settings.ARTICLE_CLEANUP = conf()
    body = f'<p data-block-key="a1">{MOJIBAKE} See <a linktype="page" id="{home.pk}">home</a>.</p><embed embedtype="image" format="left" id="7"/>'
    page = ArticlePage(title="Linked", slug="linked", body=body)
    home.add_child(instance=page)
    page.save_revision().publish()
    page, _ = live("Linked")
    assert f'<a linktype="page" id="{home.pk}">home</a>' in page.body
    assert '<embed embedtype="image" format="left" id="7"/>' in page.body
    assert '<p data-block-key="a1">' in page.body and CLEAN in page.body


def test_cleanup_pages_dry_run(home, settings, capsys):
    from django.core.management import call_command
    from wagtail_project.articles.models import ArticlePage

    settings.ARTICLE_CLEANUP = conf("report")
    page = ArticlePage(title="Old", slug="old", intro=MOJIBAKE, body="<p>ok</p>")
    home.add_child(instance=page)
    page.save_revision().publish()
    settings.ARTICLE_CLEANUP = conf()
    call_command("cleanup_pages", "--dry-run")
    out = capsys.readouterr().out
    assert "Old" in out and "encoding would repair" in out and "1 page" in out
    assert ArticlePage.objects.get(pk=page.pk).intro == MOJIBAKE  # dry run writes nothing
