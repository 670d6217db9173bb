"""The reports screen: a unit's report comes back as the file, the sector's goes to the background
worker and is downloaded from the list when done; bad input is refused in Vietnamese; whatever is
outside the user's units answers 404."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.urls import reverse
from docx import Document

from tdkt.reports import services
from tdkt.reports.documents import catalogue
from tdkt.reports.documents.base import ReportRequest
from tdkt.reports.models import ReportJob, ReportStatus
from tests.conftest import Sector, login, make_user

from .conftest import docx_table, row_of, xlsx_rows

pytestmark = pytest.mark.django_db
URL = "reports:documents"
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def post(client: Any, kind: str, **fields: Any) -> Any:
    data = {"bao_cao": kind, **{f"{kind}-{k}": v for k, v in fields.items()}}
    return client.post(reverse(URL), data)


def test_the_screen_offers_the_officer_his_units_and_not_the_sector(
    sector: Sector, officer: Any
) -> None:
    page = login(officer).get(reverse(URL)).content.decode()
    assert "Báo cáo tổng kết công tác thi đua, khen thưởng" in page
    assert "Danh sách khen thưởng trong kỳ" in page
    # His widest unit is chosen; the others of his scope are searched for (the unit picker).
    assert f'name="tong_ket-don_vi" value="{sector.quang_tri.pk}" checked' in page
    assert reverse("org:unit_search") in page
    assert "Toàn ngành Kiểm sát nhân dân" not in page
    assert "Tổng hợp toàn ngành theo đơn vị sau sắp xếp" not in page
    assert "Bến Tre" not in page


def test_the_administrator_may_report_on_the_whole_sector(sector: Sector, admin_user: Any) -> None:
    page = login(admin_user).get(reverse(URL)).content.decode()
    assert (
        '<input type="radio" name="tong_ket-don_vi" value="" checked> '
        '<span class="muted">Toàn ngành Kiểm sát nhân dân</span>'
    ) in page
    assert "Tổng hợp toàn ngành theo đơn vị sau sắp xếp" in page


def test_a_provinces_review_comes_back_at_once_as_a_docx(sector: Sector, officer: Any) -> None:
    response = post(
        login(officer), "tong_ket", don_vi=sector.quang_tri.pk, nam=2023, dinh_dang="docx"
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "bao-cao-tong-ket-2023" in response["Content-Disposition"]
    people = docx_table(response.content, "Danh hiệu", "Cấp tỉnh", "Cấp cơ sở")
    assert row_of(people, "Lao động tiên tiến")[1:4] == ["0", "1", "1"]
    assert not ReportJob.objects.exists()


def test_a_period_list_comes_back_as_a_workbook(sector: Sector, officer: Any) -> None:
    response = post(
        login(officer),
        "danh_sach",
        don_vi=sector.quang_tri.pk,
        tu_ngay="01/01/2024",
        den_ngay="31/12/2024",
        danh_hieu="",
        dinh_dang="xlsx",
    )
    assert response.status_code == 200
    _header, rows = xlsx_rows(response.content, "Danh sách khen thưởng", "STT")
    assert [r[1] for r in rows if isinstance(r[0], int)] == [
        "Nguyễn Văn An",
        "Viện kiểm sát nhân dân tỉnh Quảng Bình",
    ]


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("31/12/2024", "01/01/2024", "Ngày kết thúc phải sau ngày bắt đầu."),
        ("31/02/2024", "01/03/2024", "Ngày không hợp lệ; hãy nhập theo dạng ngày/tháng/năm"),
        ("", "01/03/2024", "Hãy nhập ngày bắt đầu."),
        ("01/01/2015", "31/12/2024", "Mỗi danh sách tối đa 5 năm"),
    ],
)
def test_a_bad_period_is_refused_in_vietnamese(
    sector: Sector, officer: Any, start: str, end: str, message: str
) -> None:
    response = post(
        login(officer),
        "danh_sach",
        don_vi=sector.quang_tri.pk,
        tu_ngay=start,
        den_ngay=end,
        dinh_dang="xlsx",
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert message in response.content.decode()
    assert not ReportJob.objects.exists()


def test_a_review_of_a_year_to_come_is_refused(sector: Sector, officer: Any) -> None:
    response = post(
        login(officer), "tong_ket", don_vi=sector.quang_tri.pk, nam=2100, dinh_dang="docx"
    )
    assert "Chưa thể tổng kết một năm chưa đến." in response.content.decode()


def test_a_report_on_a_unit_outside_ones_scope_answers_404(
    sector: Sector, officer: Any, outsider: Any
) -> None:
    response = post(
        login(outsider), "tong_ket", don_vi=sector.quang_tri.pk, nam=2023, dinh_dang="docx"
    )
    assert response.status_code == 404
    response = post(login(officer), "tong_hop", tu_nam=2016, den_nam=2025, dinh_dang="xlsx")
    assert response.status_code == 404
    assert login(outsider).get(
        reverse("reports:unit_record", args=[sector.kv1.pk])
    ).status_code == (404)


def test_a_staff_member_prints_his_own_record_only(sector: Sector, staff_member: Any) -> None:
    client = login(staff_member)
    response = client.get(reverse("reports:person_record", args=[sector.an.pk]))
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "Của đồng chí Nguyễn Văn An" in text
    assert client.get(reverse("reports:person_record", args=[sector.binh.pk])).status_code == 404
    assert client.get(reverse(URL)).status_code == 404


def test_the_person_and_unit_pages_link_to_their_records(sector: Sector, officer: Any) -> None:
    client = login(officer)
    person = client.get(reverse("people:person_detail", args=[sector.an.pk])).content.decode()
    assert reverse("reports:person_record", args=[sector.an.pk]) in person
    assert "Hồ sơ thành tích (.docx)" in person
    unit = client.get(reverse("org:unit_detail", args=[sector.kv1.pk])).content.decode()
    assert reverse("reports:unit_record", args=[sector.kv1.pk]) in unit


# --- in the background ---------------------------------------------------------------------------


def test_progress_is_written_stage_by_stage(sector: Sector, admin_user: Any, monkeypatch) -> None:
    seen: list[tuple[str, int, str]] = []
    real = services.set_progress

    def spy(job: ReportJob, percent: int, stage: str) -> None:
        real(job, percent, stage)
        seen.append(ReportJob.objects.values_list("status", "progress", "stage").get(pk=job.pk))

    monkeypatch.setattr(services, "set_progress", spy)
    request = ReportRequest(
        "tong_hop", "xlsx", sector.vkstc, sector=True, year_from=2020, year_to=2025
    )
    job = services.request_report(actor=admin_user, request=request)
    assert services.run_job(job.pk) == ReportStatus.DONE
    percents = [p for _s, p, _t in seen]
    assert percents == sorted(percents) and percents[0] > 0 and percents[-1] == 99
    assert all(status == "running" for status, _p, _t in seen)
    assert ("running", 30, "Đang đếm khen thưởng theo đơn vị và năm") in seen
    job.refresh_from_db()
    assert (job.progress, job.stage) == (100, "Đã xong")
    assert job.finished_at is not None and job.started_at is not None


def test_a_failed_report_says_so_in_vietnamese(
    sector: Sector, admin_user: Any, monkeypatch
) -> None:
    def broken(request: Any, progress: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setitem(
        catalogue.REPORTS, "tong_ket", catalogue.Report("tong_ket", ("docx", "xlsx"), broken)
    )
    request = ReportRequest("tong_ket", "docx", sector.vkstc, sector=True, year=2023)
    job = services.request_report(actor=admin_user, request=request)
    assert services.run_job(job.pk) == ReportStatus.FAILED
    job.refresh_from_db()
    assert job.error.startswith("Lỗi hệ thống khi lập báo cáo")
    assert not job.file
    listing = login(admin_user).get(reverse("reports:report_jobs")).content.decode()
    assert "Lỗi hệ thống khi lập báo cáo" in listing
    assert login(admin_user).get(reverse("reports:report_download", args=[job.pk])).status_code == (
        404
    )


def test_a_job_is_refused_for_a_unit_one_may_not_export_for(sector: Sector, officer: Any) -> None:
    from tdkt.errors import NotAllowed

    request = ReportRequest("tong_ket", "docx", sector.ben_tre, year=2023)
    with pytest.raises(NotAllowed):
        services.request_report(actor=officer, request=request)
    assert not ReportJob.objects.exists()
    council_member = make_user("uyvien", "council_member", sector.quang_tri)
    assert login(council_member).get(reverse(URL)).status_code == 404
