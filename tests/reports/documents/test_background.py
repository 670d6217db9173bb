"""The sector's review goes to the background worker and is downloaded from the list when done.

A module of its own: the test commits (the worker manages its own transactions), so the database is
flushed after it; pytest-django runs such tests after the others, whole modules at a time, which
keeps parallel runs (pytest-xdist, one module per worker at a time) correct."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from tdkt.reports.models import ReportJob
from tests.conftest import Sector, login

from .conftest import docx_table, row_of
from .test_views import DATABASE_QUEUE, post


@pytest.mark.django_db(transaction=True)  # the worker manages its own transactions
def test_the_sector_review_runs_in_the_background_and_downloads(
    sector: Sector, admin_user: Any, outsider: Any, settings: Any
) -> None:
    settings.TASKS = DATABASE_QUEUE
    client = login(admin_user)
    response = post(client, "tong_ket", don_vi="", nam=2023, dinh_dang="docx")
    assert response.status_code == 302
    job = ReportJob.objects.get()
    assert (job.status, job.progress, job.kind, job.unit) == ("queued", 0, "tong_ket", sector.vkstc)
    assert job.params == {"sector": True, "year": 2023}
    listing = client.get(reverse("reports:report_jobs")).content.decode()
    assert 'hx-trigger="every 2s"' in listing and "Đang chờ" in listing

    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
    job.refresh_from_db()
    assert (job.status, job.progress, job.error) == ("done", 100, "")
    assert job.filename == "bao-cao-tong-ket-2023-toan-nganh.docx"
    listing = client.get(reverse("reports:report_jobs")).content.decode()
    download = reverse("reports:report_download", args=[job.pk])
    assert download in listing and "every 2s" not in listing

    response = client.get(download)
    assert response.status_code == 200
    assert "bao-cao-tong-ket-2023-toan-nganh.docx" in response["Content-Disposition"]
    people = docx_table(response.content, "Danh hiệu", "Trung ương", "Cấp tỉnh", "Cấp cơ sở")
    assert row_of(people, "Lao động tiên tiến")[1:5] == ["0", "0", "1", "1"]
    assert login(outsider).get(download).status_code == 404
