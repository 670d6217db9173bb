"""Import transitions become the kernel's transition rows (`tdkt.workflow.rows.TransitionRow`):
`note` is renamed `reason` (its text kept), the acting user's name is kept beside the foreign key,
and a coded reason may be stored."""

import django.utils.timezone
from django.db import migrations, models


def name_the_actors(apps, schema_editor):
    """Past rows get the name the kernel would have written: the user's, or «Hệ thống»."""
    ImportTransition = apps.get_model("imports", "ImportTransition")
    rows = ImportTransition.objects.all()
    rows.filter(actor__isnull=True).update(actor_name="Hệ thống")
    for row in rows.filter(actor__isnull=False).select_related("actor"):
        name = (
            row.actor.full_name
            or f"{row.actor.first_name} {row.actor.last_name}".strip()
            or row.actor.username
        )
        ImportTransition.objects.filter(pk=row.pk).update(actor_name=name[:150])


class Migration(migrations.Migration):
    dependencies = [
        ("imports", "0003_facts_kinds_and_year"),
    ]

    operations = [
        migrations.RenameField(model_name="importtransition", old_name="note", new_name="reason"),
        migrations.AlterField(
            model_name="importtransition",
            name="reason",
            field=models.TextField(blank=True, verbose_name="lý do"),
        ),
        migrations.AddField(
            model_name="importtransition",
            name="actor_name",
            field=models.CharField(blank=True, max_length=150, verbose_name="tên người thực hiện"),
        ),
        migrations.AddField(
            model_name="importtransition",
            name="reason_code",
            field=models.CharField(
                blank=True,
                choices=[
                    ("missing_documents", "Thiếu hồ sơ"),
                    ("wrong_template", "Sai mẫu"),
                    ("not_qualified", "Không đủ tiêu chuẩn"),
                    ("late", "Quá hạn"),
                    ("over_quota", "Vượt tỷ lệ"),
                    ("other", "Khác"),
                ],
                max_length=24,
                verbose_name="mã lý do",
            ),
        ),
        migrations.AlterField(
            model_name="importtransition",
            name="at",
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name="thời điểm"),
        ),
        migrations.AlterField(
            model_name="importtransition",
            name="from_status",
            field=models.CharField(max_length=24, verbose_name="từ trạng thái"),
        ),
        migrations.AlterField(
            model_name="importtransition",
            name="to_status",
            field=models.CharField(max_length=24, verbose_name="sang trạng thái"),
        ),
        migrations.RunPython(name_the_actors, migrations.RunPython.noop, elidable=True),
    ]
