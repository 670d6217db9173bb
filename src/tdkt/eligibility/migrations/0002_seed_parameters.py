"""Seed the dated parameters from the engine's shipped defaults (tdkt/rules/parameters.json).

Idempotent: only keys the table does not hold yet are added. `tdkt eligibility params --sync` does
the same later, when a newer engine ships new keys."""

from django.db import migrations


def seed(apps, schema_editor):
    from tdkt.eligibility.parameters import seed_missing_keys

    seed_missing_keys(apps.get_model("eligibility", "Parameter"))


class Migration(migrations.Migration):
    dependencies = [("eligibility", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
