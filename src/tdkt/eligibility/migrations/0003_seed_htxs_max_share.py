"""Stored the dated parameters shipped since 0002 (`htxs_max_share`, the HTXS cap the units' year
facts screen warns about).

Now a documented no-op, for the reason given in 0002: the eligibility app's post_migrate handler
stores every shipped key the table lacks at the end of every `migrate`, an administrator's
corrections kept, which is exactly what this migration did."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("eligibility", "0002_seed_parameters")]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
