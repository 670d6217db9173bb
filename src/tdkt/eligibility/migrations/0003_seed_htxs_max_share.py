"""Store the dated parameters shipped since 0002 (`htxs_max_share`, the HTXS cap the units' year
facts screen warns about). Idempotent, as `tdkt eligibility params --sync`: only keys the table
does not hold yet are added, so an administrator's corrections are kept."""

from django.db import migrations


def seed(apps, schema_editor):
    from tdkt.eligibility.parameters import seed_missing_keys

    seed_missing_keys(apps.get_model("eligibility", "Parameter"))


class Migration(migrations.Migration):
    dependencies = [("eligibility", "0002_seed_parameters")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
