"""Real ``mkdocs build --strict`` and ``pelican --fatal errors`` runs with the plugins.

No ``-q``: with it both tools exit 0 even when the plugin reported an error."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import cleanup

HERE = Path(__file__).resolve().parent
SEED = Path("/work/shared/seeds/000_f4947564c44a895a.txt")
FLAG_PLUGIN = HERE / "wagtail_project" / "flagplugin"  # test-only "fixme" filter (entry point)
MOJIBAKE = "Alibabaâ€™s cloud grew."
CLEAN = "Alibaba’s cloud grew."


def run(args, cwd):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(FLAG_PLUGIN), os.environ.get("PYTHONPATH", "")]))
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


# --- MkDocs -----------------------------------------------------------------------


def mkdocs_site(root: Path, pages: dict[str, str], plugin: dict | None) -> subprocess.CompletedProcess:
    pytest.importorskip("mkdocs")
    (root / "docs").mkdir(parents=True)
    for name, text in pages.items():
        (root / "docs" / name).write_text(text, encoding="utf-8")
    lines = ["site_name: test", "use_directory_urls: false", "plugins:"]
    if plugin is not None:
        lines += ["  - article-cleanup:"] + [f"      {k}: {json.dumps(v)}" for k, v in plugin.items()]
    else:
        lines[-1] = "plugins: []"
    (root / "mkdocs.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return run([sys.executable, "-m", "mkdocs", "build", "--strict"], root)


def test_mkdocs_clean_cleans_the_page(tmp_path):
    done = mkdocs_site(tmp_path, {"index.md": f"# Home\n\n{MOJIBAKE}\n"}, {"policy": "clean", "options": {"preset": "minimal"}})
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert CLEAN in html and "â€" not in html


def test_mkdocs_report_keeps_the_page_and_writes_the_report(tmp_path):
    plugin = {"policy": "report", "options": {"preset": "minimal"}, "report_dir": "reports"}
    done = mkdocs_site(tmp_path, {"index.md": f"# Home\n\n{MOJIBAKE}\n"}, plugin)
    assert done.returncode == 0, done.stderr
    assert "â€™" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    report = json.loads((tmp_path / "reports" / "index.md.json").read_text(encoding="utf-8"))
    assert report["verdict"] == "publish" and report["reports"]["body"]["changes"][0]["filter"] == "encoding"


def test_mkdocs_block_fails_the_build_on_a_flag(tmp_path):
    plugin = {"policy": "block", "options": {"preset": "minimal", "enable": ["fixme"]}}
    done = mkdocs_site(tmp_path, {"index.md": "# Home\n\nThe FIXME of these rumors.\n"}, plugin)
    assert done.returncode != 0
    assert "article-cleanup refused index.md" in done.stderr
    assert "flagged by fixme: 'FIXME' in “# Home The [FIXME] of these rumors.”" in done.stderr


def test_mkdocs_seed_equals_clean(tmp_path):
    seed = SEED.read_text(encoding="utf-8")
    with_plugin = mkdocs_site(tmp_path / "a", {"seed.md": seed}, {"policy": "clean"})
    assert with_plugin.returncode == 0, with_plugin.stderr
    expected = cleanup.clean(seed, input_format="markdown", to="markdown").text
    without = mkdocs_site(tmp_path / "b", {"seed.md": expected}, None)
    assert without.returncode == 0, without.stderr
    page = "site/seed.html"
    assert (tmp_path / "a" / page).read_text(encoding="utf-8") == (tmp_path / "b" / page).read_text(encoding="utf-8")


# --- Pelican ----------------------------------------------------------------------


def pelican_site(root: Path, articles: dict[str, str], conf: dict | None) -> subprocess.CompletedProcess:
    pytest.importorskip("pelican")
    (root / "content").mkdir(parents=True)
    for name, text in articles.items():
        (root / "content" / name).write_text(text, encoding="utf-8")
    settings = [
        "SITENAME = 'test'",
        "TIMEZONE = 'UTC'",
        "DEFAULT_LANG = 'en'",
        "FEED_ALL_ATOM = None",
        "RELATIVE_URLS = True",
        f"PLUGINS = {['cleanup.integrations.pelican'] if conf is not None else []!r}",
        f"ARTICLE_CLEANUP = {conf!r}",
    ]
    (root / "pelicanconf.py").write_text("\n".join(settings) + "\n", encoding="utf-8")
    return run(
        [sys.executable, "-m", "pelican", "content", "-o", "output", "-s", "pelicanconf.py", "--fatal", "errors"], root
    )


def article(title: str, body: str) -> str:
    return f"Title: {title}\nDate: 2024-01-01\n\n{body}\n"


def test_pelican_clean_cleans_the_article(tmp_path):
    done = pelican_site(tmp_path, {"a.md": article("Deal", MOJIBAKE)}, {"policy": "clean", "options": {"preset": "minimal"}})
    assert done.returncode == 0, done.stdout + done.stderr
    html = (tmp_path / "output" / "deal.html").read_text(encoding="utf-8")
    assert CLEAN in html and "â€" not in html


def test_pelican_block_fails_the_build_on_a_flag(tmp_path):
    conf = {"policy": "block", "options": {"preset": "minimal", "enable": ["fixme"]}}
    done = pelican_site(tmp_path, {"a.md": article("Deal", "The FIXME of these rumors.")}, conf)
    out = done.stdout + done.stderr
    assert done.returncode != 0, out
    assert "article-cleanup refused" in out and "flagged by fixme" in out


def test_pelican_report_keeps_content(tmp_path):
    conf = {"policy": "report", "options": {"preset": "minimal"}, "report_dir": str(tmp_path / "reports")}
    done = pelican_site(tmp_path, {"a.md": article("Deal", MOJIBAKE)}, conf)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "â€™" in (tmp_path / "output" / "deal.html").read_text(encoding="utf-8")
    assert json.loads((tmp_path / "reports" / "a.md.json").read_text(encoding="utf-8"))["verdict"] == "publish"


def test_pelican_seed_equals_clean(tmp_path):
    """Pelican renders the source first; the plugin cleans that HTML exactly as clean() does."""
    pytest.importorskip("pelican")
    from pelican.readers import MarkdownReader
    from pelican.settings import DEFAULT_CONFIG

    seed = SEED.read_text(encoding="utf-8")
    done = pelican_site(tmp_path, {"seed.md": article("Seed", seed)}, {"policy": "clean"})
    assert done.returncode == 0, done.stdout + done.stderr
    rendered, _ = MarkdownReader(dict(DEFAULT_CONFIG)).read(str(tmp_path / "content" / "seed.md"))
    expected = cleanup.clean(rendered, input_format="html", to="html").text
    assert expected in (tmp_path / "output" / "seed.html").read_text(encoding="utf-8")
