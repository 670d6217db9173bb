"""The trail's search boxes find without diacritics: search keys of the actor's name and of the
object's name, filled for the entries already written."""

from django.db import migrations, models

from tdkt.text import search_key

BATCH = 2000


def fill(apps, schema_editor):  # type: ignore[no-untyped-def]
    entry = apps.get_model("audit", "AuditEntry")
    rows = []
    for row in entry.objects.only("pk", "actor_name", "object_repr").iterator(chunk_size=BATCH):
        row.actor_key = search_key(row.actor_name)[:200]
        row.object_key = search_key(row.object_repr)[:300]
        rows.append(row)
        if len(rows) >= BATCH:
            entry.objects.bulk_update(rows, ["actor_key", "object_key"])
            rows = []
    if rows:
        entry.objects.bulk_update(rows, ["actor_key", "object_key"])


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="auditentry",
            name="actor_key",
            field=models.CharField(blank=True, default="", editable=False, max_length=200),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="object_key",
            field=models.CharField(blank=True, default="", editable=False, max_length=300),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
