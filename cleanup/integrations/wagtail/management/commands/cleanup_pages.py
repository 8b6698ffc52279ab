"""``manage.py cleanup_pages [--dry-run] [--model app.Model] [--json]``.

Runs the configured fields (``ARTICLE_CLEANUP["models"]``) of existing pages
through the cleaner and reports what would change. Without ``--dry-run`` it
publishes a cleaned revision of every live page that has no pending draft (a
page with unpublished changes is skipped: its draft is the editor's), and saves
a cleaned draft revision of pages that are not live.
"""

import copy
import json

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Report (--dry-run) or apply what article-cleanup would change on existing pages."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="report only; write nothing")
        parser.add_argument("--model", action="append", default=[], metavar="APP.MODEL", help="limit to these models")
        parser.add_argument("--json", action="store_true", help="one JSON object per page on stdout")

    def handle(self, *args, dry_run=False, model=(), json=False, **options):
        from django.apps import apps

        from cleanup.integrations.wagtail.core import DONE, clean_content, load_settings

        conf = load_settings()
        labels = [m.lower() for m in model] or list(conf["models"])
        pages = would = applied = skipped = 0
        for label in labels:
            if label not in conf["models"]:
                raise CommandError(f"{label} is not in ARTICLE_CLEANUP['models']")
            try:
                cls = apps.get_model(label)
            except (LookupError, ValueError) as exc:
                raise CommandError(str(exc)) from None
            for page in cls.objects.order_by("pk"):
                pages += 1
                content = copy.deepcopy(page.serializable_data())
                pub, fields = clean_content(cls, content, "clean", conf)
                n_changes = sum(len(r["changes"]) for r in pub.reports.values())
                if not n_changes and not fields:
                    continue
                would += 1
                if json:
                    self.stdout.write(_json({"page": page.pk, "title": page.title, "model": label, "fields": sorted(fields), **pub.to_dict()}))
                else:
                    self.stdout.write(f"page {page.pk} '{page.title}' ({label}): {n_changes} change(s)/flag(s), fields {', '.join(sorted(fields)) or '-'}")
                    for reason in pub.reasons:
                        self.stdout.write(f"    {reason.replace(' applied', ' to apply').replace(' repaired ', ' would repair ')}")
                if dry_run or not fields:
                    continue
                if page.has_unpublished_changes and page.live:
                    skipped += 1
                    self.stdout.write(f"    skipped: page {page.pk} has unpublished changes")
                    continue
                revision = page.save_revision(log_action=True, clean=False)
                revision.content = content
                revision.save(update_fields=["content"])
                setattr(revision, DONE, True)
                if page.live:
                    revision.publish()
                applied += 1
        verb = "would change" if dry_run else "changed"
        self.stdout.write(
            f"{pages} page{'s' * (pages != 1)} checked, {would} {verb}" + ("" if dry_run else f", {applied} saved, {skipped} skipped")
        )


def _json(obj):
    return json.dumps(obj, ensure_ascii=False)
