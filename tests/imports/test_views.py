"""The import screens: only ADMIN/OFFICER of the unit reach them; anything else is 404."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tdkt.imports.models import ImportJob, ImportStatus

from .conftest import AWARD_HEADERS, STAFF_HEADERS, client_for, staff_row, xlsx_file

DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def rejected_job(run_import):
    return run_import([staff_row(birth="31/02/1980")])


def job_urls(job):
    return {
        "get": [
            reverse("imports:job_detail", args=[job.pk]),
            reverse("imports:job_status", args=[job.pk]),
            reverse("imports:job_errors", args=[job.pk]),
        ],
        "post": [
            reverse("imports:job_resolve", args=[job.pk]),
            reverse("imports:job_cancel", args=[job.pk]),
        ],
    }


GENERAL = [
    ("imports:job_list", []),
    ("imports:job_create", []),
    ("imports:template", ["staff"]),
    ("imports:template", ["awards"]),
]


def test_an_officer_of_the_unit_reaches_every_screen(officer_user, rejected_job):
    client = client_for(officer_user)
    for name, args in GENERAL:
        assert client.get(reverse(name, args=args)).status_code == 200, name
    for url in job_urls(rejected_job)["get"]:
        assert client.get(url).status_code == 200, url
    for url in job_urls(rejected_job)["post"]:
        assert client.get(url).status_code == 405, url


def test_an_outsider_from_another_province_gets_404_on_every_job_view(
    outsider_user, rejected_job, units
):
    client = client_for(outsider_user)
    urls = job_urls(rejected_job)
    for url in urls["get"]:
        assert client.get(url).status_code == 404, url
    for url in urls["post"]:
        assert client.post(url, {"dong_2": "new"}).status_code == 404, url
        assert client.get(url).status_code == 404, url
    listing = client.get(reverse("imports:job_list"))
    assert listing.status_code == 200
    assert rejected_job.original_name not in listing.content.decode()
    upload = xlsx_file(STAFF_HEADERS, [staff_row()])
    response = client.post(
        reverse("imports:job_create"), {"kind": "staff", "unit": units.ha_tinh.pk, "file": upload}
    )
    assert response.status_code == 404
    assert ImportJob.objects.count() == 1


@pytest.mark.parametrize("persona", ["staff_user", "leader_user"])
def test_roles_without_the_import_action_get_404_everywhere(persona, request, rejected_job):
    client = client_for(request.getfixturevalue(persona))
    for name, args in GENERAL:
        assert client.get(reverse(name, args=args)).status_code == 404, name
    for url in job_urls(rejected_job)["get"]:
        assert client.get(url).status_code == 404, url
    for url in job_urls(rejected_job)["post"]:
        assert client.post(url).status_code == 404, url


def test_an_anonymous_visitor_is_sent_to_sign_in(db, rejected_job):
    from django.test import Client

    response = Client().get(reverse("imports:job_detail", args=[rejected_job.pk]))
    assert response.status_code == 302
    assert "next=" in response["Location"]


def test_an_unknown_template_kind_is_404(officer_user):
    response = client_for(officer_user).get(reverse("imports:template", args=["luong"]))
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("kind", "headers", "sheet"),
    [
        ("staff", STAFF_HEADERS, "Danh sách cán bộ"),
        ("awards", AWARD_HEADERS, "Lịch sử khen thưởng"),
    ],
)
def test_the_template_opens_with_the_exact_headers_and_a_guide(officer_user, kind, headers, sheet):
    response = client_for(officer_user).get(reverse("imports:template", args=[kind]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "filename*=UTF-8''mau-nhap-" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [sheet, "Hướng dẫn"]
    data = workbook[sheet]
    assert [c.value for c in data[1]] == headers
    assert data.max_row == 1  # examples live on the guide sheet, never imported by mistake
    guide = [row for row in workbook["Hướng dẫn"].iter_rows(values_only=True)]
    described = {row[0] for row in guide}
    assert set(headers) <= described
    text = "\n".join(str(v) for row in guide for v in row if v)
    assert "dd/mm/yyyy" in text
    if kind == "staff":
        assert "kiem_sat_vien = Kiểm sát viên" in text and "female = Nữ" in text
    else:
        assert "LDTT = Lao động tiên tiến" in text and "co_so = Thủ trưởng đơn vị cơ sở" in text


def test_a_filled_template_imports_cleanly(officer_user, units):
    client = client_for(officer_user)
    content = client.get(reverse("imports:template", args=["staff"])).content
    workbook = load_workbook(io.BytesIO(content))
    workbook.active.append(staff_row())
    buffer = io.BytesIO()
    workbook.save(buffer)
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("mau-da-dien.xlsx", buffer.getvalue())
    response = client.post(
        reverse("imports:job_create"), {"kind": "staff", "unit": units.ha_tinh.pk, "file": upload}
    )
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("imports:job_detail", args=[job.pk])
    assert job.status == ImportStatus.DONE, job.errors


def test_uploading_through_the_screen_runs_in_the_background_and_shows_the_summary(
    officer_user, units, settings
):
    client = client_for(officer_user)
    upload = xlsx_file(
        STAFF_HEADERS,
        [staff_row(), staff_row(name="Ngô Văn Tú", gender="Nam")],
        name="Danh sách cán bộ tháng 11.xlsx",
    )
    response = client.post(
        reverse("imports:job_create"),
        {"kind": "staff", "unit": units.ha_tinh.pk, "file": upload},
        follow=True,
    )
    page = response.content.decode()
    assert "Đã nhập xong" in page
    assert "Cán bộ thêm mới" in page
    job = ImportJob.objects.get()
    assert job.original_name == "Danh sách cán bộ tháng 11.xlsx"
    assert job.file.name.startswith("imports/") and job.file.name.endswith(".xlsx")
    import hashlib

    stored = (settings.MEDIA_ROOT / job.file.name).read_bytes()
    assert hashlib.sha256(stored).hexdigest() == job.sha256
    assert 'hx-trigger="every 1s"' not in page  # finished: no more polling


def test_a_refused_upload_is_shown_on_the_form(officer_user, units):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("bang-luong.docx", b"PK\x03\x04not really")
    response = client_for(officer_user).post(
        reverse("imports:job_create"), {"kind": "staff", "unit": units.ha_tinh.pk, "file": upload}
    )
    assert response.status_code == 200
    assert "Tệp không phải là tệp Excel .xlsx." in response.content.decode()
    assert ImportJob.objects.count() == 0


def test_a_running_job_page_polls_its_progress(officer_user, units, settings):
    settings.TASKS = DUMMY  # queued, never run: as when the worker is busy
    client = client_for(officer_user)
    upload = xlsx_file(STAFF_HEADERS, [staff_row()])
    client.post(
        reverse("imports:job_create"), {"kind": "staff", "unit": units.ha_tinh.pk, "file": upload}
    )
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.QUEUED
    page = client.get(reverse("imports:job_detail", args=[job.pk])).content.decode()
    status_url = reverse("imports:job_status", args=[job.pk])
    assert f'hx-get="{status_url}"' in page and 'hx-trigger="every 1s"' in page
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.VALIDATING, total_rows=200, processed_rows=50
    )
    partial = client.get(status_url, HTTP_HX_REQUEST="true").content.decode()
    assert 'style="width: 25%"' in partial and "Đã kiểm tra 50 / 200 dòng" in partial
    assert "<html" not in partial


def test_a_rejected_job_lists_its_errors_and_offers_them_as_xlsx(officer_user, rejected_job):
    client = client_for(officer_user)
    page = client.get(reverse("imports:job_detail", args=[rejected_job.pk])).content.decode()
    assert "Tệp bị từ chối vì có 1 lỗi" in page
    assert "Dòng 2, cột «Ngày sinh»: «31/02/1980» không phải là ngày hợp lệ (dd/mm/yyyy)." in page
    response = client.get(reverse("imports:job_errors", args=[rejected_job.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[2] == ("Dòng", "Cột", "Nội dung lỗi")
    assert rows[3] == (
        2,
        "Ngày sinh",
        "Dòng 2, cột «Ngày sinh»: «31/02/1980» không phải là ngày hợp lệ (dd/mm/yyyy).",
    )


def test_ambiguities_are_resolved_from_the_job_page(officer_user, run_import, units):
    from tdkt.people import services as people

    other = people.create_person(
        actor=None,
        full_name="Lê Thị Hoa",
        gender="female",
        birth_date=units.hoa.birth_date,
        unit=units.kv1,
    )
    job = run_import(
        [staff_row(name="Lê Thị Hoa", birth="12/05/1986", post="Chuyên viên", start="")]
    )
    client = client_for(officer_user)
    page = client.get(reverse("imports:job_detail", args=[job.pk])).content.decode()
    assert "Có 2 cán bộ cùng họ tên, ngày sinh và đơn vị." in page
    assert f'name="dong_2" value="{other.pk}"' in page and 'value="new"' in page
    response = client.post(
        reverse("imports:job_resolve", args=[job.pk]), {"dong_2": str(other.pk)}, follow=True
    )
    assert "Đã nhập xong" in response.content.decode()
    other.refresh_from_db()
    assert other.recruited_on is not None


def test_a_bad_resolution_is_explained(officer_user, run_import, units):
    from tdkt.people import services as people

    people.create_person(
        actor=None,
        full_name="Lê Thị Hoa",
        gender="female",
        birth_date=units.hoa.birth_date,
        unit=units.kv1,
    )
    job = run_import([staff_row(name="Lê Thị Hoa", birth="12/05/1986", start="")])
    response = client_for(officer_user).post(
        reverse("imports:job_resolve", args=[job.pk]), {"dong_2": "999999"}, follow=True
    )
    assert "Dòng 2: hãy chọn một cán bộ trong danh sách hoặc tạo cán bộ mới." in (
        response.content.decode()
    )


def test_a_colleague_of_the_same_unit_sees_the_job_in_the_list(rejected_job, units):
    from .conftest import make_user

    colleague = make_user("tdkt.hatinh.2", "can_bo_tdkt", units.ha_tinh)
    page = client_for(colleague).get(reverse("imports:job_list")).content.decode()
    assert rejected_job.original_name in page


def test_the_form_offers_live_units_in_scope_and_starts_on_the_officers_own(officer_user, units):
    client = client_for(officer_user)
    page = client.get(reverse("imports:job_create")).content.decode()
    assert f'name="unit" value="{units.ha_tinh.pk}" checked' in page
    # The other units are searched for (the unit picker), among those he may import for.
    assert '"action": "import", "active": "1"' in page

    def found(unit: Any) -> bool:
        query = {"q": unit.code, "action": "import", "active": "1", "field": "unit"}
        body = client.get(reverse("org:unit_search"), query).content.decode()
        return f'value="{unit.pk}"' in body

    assert found(units.kv2)
    assert not found(units.huong_khe)  # dissolved: import via its successor
    assert not found(units.nghe_an)
