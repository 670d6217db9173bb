"""Seeded the dated parameters from the engine's shipped defaults (tdkt/rules/parameters.json).

Now a documented no-op: it called the live `tdkt.eligibility.parameters.seed_missing_keys`, and a
migration must not depend on code that can change later. The same idempotent seeding runs at the
end of every `migrate` (and every flush), with the migration state's models, from the eligibility
app's post_migrate handler (`tdkt.eligibility.apps`). Equivalent for a fresh database (the handler
stores every shipped key the table lacks: the rows this migration and 0003 stored) and for an
existing one (nothing runs again; the handler adds only missing keys). No later migration reads
the parameters."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("eligibility", "0001_initial")]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
