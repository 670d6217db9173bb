"""The inspection screens: overdue recommendations flagged to both sides, a violation found
turned into the unit's violation that the engine's veto reads, evidence checked, bad input
answered with 4xx, the two documents rendered, the list searched without diacritics."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from tdkt.eligibility.scan import run_scan
from tdkt.errors import InvalidData
from tdkt.inspections.models import Evidence, Finding, Inspection, Recommendation
from tdkt.inspections.selectors import overdue_recommendations
from tdkt.inspections.services import findings, reports
from tdkt.records.models import UnitViolation
from tdkt.rules.codes import Award
from tdkt.rules.verdict import Status
from tests.conftest import Sector, login
from tests.inspections.conftest import LATER, NOW, TITLE, judge_all, target_of

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_inspection_overdue_recommendation_is_flagged_to_both_sides(
    concluded: Inspection, officer: Any, vkstc_officer: Any, outsider: Any
) -> None:
    assert not overdue_recommendations(vkstc_officer, now=NOW).exists()
    late = overdue_recommendations(vkstc_officer, now=LATER)
    assert [r.deadline for r in late] == [dt.date(2026, 3, 31)]
    assert overdue_recommendations(officer, now=LATER).count() == 1
    assert not overdue_recommendations(outsider, now=LATER).exists()

    Recommendation.objects.filter(target__inspection=concluded).update(
        deadline=dt.date(2025, 12, 31)
    )
    for user in (officer, vkstc_officer):
        client = login(user)
        page = client.get(
            reverse("inspections:inspection_detail", args=[concluded.pk]) + "?tab=kien-nghi"
        ).content.decode()
        assert 'id="overdue-badge"' in page and "Quá hạn" in page
        listing = client.get(reverse("inspections:inspection_list")).content.decode()
        assert "Kiến nghị quá hạn chưa khắc phục" in listing


def test_inspection_accepted_recommendation_is_no_longer_overdue(
    concluded: Inspection, officer: Any, vkstc_officer: Any
) -> None:
    rec = Recommendation.objects.get(target__inspection=concluded)
    findings.report_fix(
        actor=officer,
        recommendation=rec,
        report="Đã phân công một công chức chuyên trách từ tháng 3/2026.",
        fixed_on=dt.date(2026, 1, 9),
        version=rec.version,
        now=NOW,
    )
    findings.accept_fix(actor=vkstc_officer, recommendation=rec, version=rec.version, now=NOW)
    assert not overdue_recommendations(vkstc_officer, now=LATER).exists()


def test_inspection_violation_becomes_the_units_violation_and_the_veto_reads_it(
    sector: Sector, inspecting: Inspection, vkstc_officer: Any, vkstc_leader: Any, admin_user: Any
) -> None:
    target = judge_all(inspecting, vkstc_officer, verdict="vi_pham")
    inspecting.refresh_from_db()
    findings.conclude(
        actor=vkstc_leader,
        inspection=inspecting,
        conclusion="Đơn vị vi phạm quy trình xét khen thưởng, phải khắc phục ngay.",
        number="22",
        version=inspecting.version,
        now=NOW,
    )
    finding = Finding.objects.filter(target=target).first()
    assert finding is not None
    with pytest.raises(InvalidData) as short:
        findings.record_violation(
            actor=vkstc_officer, finding=finding, kind="member_violation", reason="ngắn"
        )
    assert short.value.code == "reason_required"
    assert not UnitViolation.objects.exists()

    response = login(vkstc_officer).post(
        reverse("inspections:violation_record", args=[finding.pk]),
        {
            "kind": "member_violation",
            "reason": "Hội đồng xét khen thưởng không đủ thành phần theo quy định.",
        },
    )
    assert response.status_code == 302
    violation = UnitViolation.objects.get()
    assert violation.unit == sector.quang_tri and violation.year == 2025
    assert violation.basis_kind == "inspection"
    assert violation.basis_number == "22/KL-VKS"
    finding.refresh_from_db()
    assert finding.violation == violation

    result = run_scan(year=2025, as_of=dt.date(2025, 12, 15), unit_id=sector.quang_tri.pk)
    unit = next(o for o in result.units if o.id == sector.quang_tri.pk)
    ttldxs = next(v for v in unit.verdicts if v.award is Award.TTLDXS)
    assert ttldxs.status is Status.INELIGIBLE
    reason = ttldxs.reason("ttldxs.unit_violation")
    assert reason is not None and reason.passed is False
    assert "22/KL-VKS" in reason.message

    page = login(vkstc_officer).get(
        reverse("inspections:inspection_detail", args=[inspecting.pk]) + "?tab=ket-qua"
    )
    assert "Đã ghi nhận vi phạm của đơn vị" in page.content.decode()


def test_inspection_evidence_refuses_a_bad_type_in_vietnamese(
    approved: Inspection, officer: Any
) -> None:
    target = target_of(approved)
    fake = SimpleUploadedFile("bao-cao.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    with pytest.raises(InvalidData) as exc:
        reports.add_evidence(actor=officer, target=target, upload=fake)
    assert exc.value.code == "file_type"
    assert "không đúng định dạng" in exc.value.message

    client = login(officer)
    url = reverse("inspections:evidence_add", args=[target.pk])
    exe = SimpleUploadedFile("virus.exe", b"MZ\x90\x00", "application/octet-stream")
    response = client.post(url, {"file": exe}, follow=True)
    assert "không đúng định dạng" in response.content.decode()
    good = SimpleUploadedFile("bien-ban.pdf", PDF, "application/pdf")
    client.post(url, {"file": good, "note": "Biên bản họp Hội đồng"})
    assert [e.original_name for e in Evidence.objects.all()] == ["bien-ban.pdf"]
    evidence = Evidence.objects.get()
    download = client.get(reverse("inspections:evidence_download", args=[evidence.pk]))
    assert download.status_code == 200 and download.content == PDF
    client.post(reverse("inspections:evidence_withdraw", args=[evidence.pk]))
    evidence.refresh_from_db()
    assert evidence.withdrawn and Evidence.objects.count() == 1  # kept, marked


def test_inspection_bad_ids_and_years_answer_4xx(
    draft: Inspection, vkstc_officer: Any, outsider: Any
) -> None:
    client = login(vkstc_officer)
    for url in (
        "/kiem-tra/999999999/",
        "/kiem-tra/99999999999999999999/",
        "/kiem-tra/don-vi/424242/tu-kiem-tra/",
        "/kiem-tra/minh-chung/424242/",
    ):
        assert client.get(url).status_code == 404, url
    listing = client.get(reverse("inspections:inspection_list"), {"nam": "99999999999"})
    assert listing.status_code == 200
    assert (
        login(outsider).get(reverse("inspections:inspection_detail", args=[draft.pk])).status_code
        == 404
    )
    # a GET to an action: 405 to whoever may act, 404 to the outsider
    approve = reverse("inspections:inspection_start", args=[draft.pk])
    assert client.get(approve).status_code == 405
    assert login(outsider).post(approve).status_code == 404
    bad = client.post(
        reverse("inspections:inspection_create"),
        {"inspector": "abc", "title": "x", "year": "20000", "starts_on": "31/02/2025"},
    )
    assert bad.status_code == 200
    assert "hãy nhập ngày theo dạng dd/mm/yyyy" in bad.content.decode()


def test_inspection_officer_creates_a_plan_through_the_form(
    sector: Sector, vkstc_officer: Any
) -> None:
    response = login(vkstc_officer).post(
        reverse("inspections:inspection_create"),
        {
            "inspector": sector.vkstc.pk,
            "title": "Kiểm tra công tác thi đua năm 2025 tại các VKSND tỉnh",
            "year": "2025",
            "starts_on": "01/01/2025",
            "ends_on": "31/12/2025",
            "symbol": "KH-VKSTC",
        },
    )
    assert response.status_code == 302
    inspection = Inspection.objects.get()
    assert inspection.items.count() == 7
    assert inspection.status == "du_thao"


def _docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


def test_inspection_plan_and_conclusion_docx_render(
    concluded: Inspection, vkstc_officer: Any
) -> None:
    client = login(vkstc_officer)
    plan = client.get(reverse("inspections:plan_docx", args=[concluded.pk]))
    assert plan.status_code == 200
    text = _docx_text(plan.content)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 15/KH-VKS",
        "KẾ HOẠCH",
        TITLE,
        "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15;",
        "NỘI DUNG KIỂM TRA",
        "Phạm Thị Hạnh",
        "Trưởng đoàn",
        "Viện kiểm sát nhân dân tỉnh Quảng Trị",
        "20/01/2026",
    ):
        assert expected in text, expected
    conclusion = client.get(reverse("inspections:conclusion_docx", args=[concluded.pk]))
    text = _docx_text(conclusion.content)
    for expected in (
        "KẾT LUẬN",
        "Số: 20/KL-VKS",
        "KẾT LUẬN CHUNG",
        "KIẾN NGHỊ",
        "Bố trí công chức chuyên trách công tác thi đua, khen thưởng.",
        "31/03/2026",
        "Đạt",
    ):
        assert expected in text, expected


def test_inspection_conclusion_docx_waits_for_the_conclusion(
    draft: Inspection, vkstc_officer: Any
) -> None:
    response = login(vkstc_officer).get(reverse("inspections:conclusion_docx", args=[draft.pk]))
    assert response.status_code == 404


def test_inspection_list_searches_without_diacritics(
    draft: Inspection, vkstc_officer: Any, officer: Any
) -> None:
    client = login(vkstc_officer)
    found = client.get(reverse("inspections:inspection_list"), {"q": "quang tri"})
    assert TITLE in found.content.decode()
    none = client.get(reverse("inspections:inspection_list"), {"q": "khong co gi"})
    assert "Không tìm thấy kết quả phù hợp" in none.content.decode()
    by_year = client.get(reverse("inspections:inspection_list"), {"nam": "2024"})
    assert "Không có kết quả phù hợp" in by_year.content.decode()
    assert TITLE in login(officer).get(reverse("inspections:inspection_list")).content.decode()


def test_inspection_pages_render_every_tab(
    concluded: Inspection, vkstc_officer: Any, officer: Any
) -> None:
    for user in (vkstc_officer, officer):
        client = login(user)
        for tab in ("ke-hoach", "doan", "tu-kiem-tra", "ket-qua", "kien-nghi", "lich-su", "x"):
            response = client.get(
                reverse("inspections:inspection_detail", args=[concluded.pk]), {"tab": tab}
            )
            assert response.status_code == 200


def test_inspection_self_report_page_shows_the_figures_and_saves(
    approved: Inspection, officer: Any, vkstc_officer: Any
) -> None:
    target = target_of(approved)
    url = reverse("inspections:self_report", args=[target.pk])
    assert login(vkstc_officer).get(url).status_code == 404
    client = login(officer)
    page = client.get(url)
    assert "Số liệu từ hệ thống" in page.content.decode()
    response = client.post(
        url,
        {"version": target.version, "phong_trao": "Phát động đầy đủ các phong trào.", "gui": "1"},
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.self_report_submitted_at is not None
