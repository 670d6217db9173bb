"""The cycle through the screens, and who may act where: the launcher, the province, its regional
unit, the level above for approvals, and an outsider who gets 404 for everything of another unit."""

from __future__ import annotations

import io

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from tdkt.documents.docx import plain_text
from tdkt.movements.models import (
    Answer,
    AnswerStatus,
    Movement,
    MovementStatus,
    Registration,
    RegistrationStatus,
    ScoreSheet,
)
from tdkt.movements.services import clusters as cluster_services
from tdkt.movements.services import registrations as registration_services
from tdkt.org import services as org
from tests.conftest import login
from tests.movements.conftest import NOW
from tests.movements.permissions import (
    MOVEMENT_POST_ONLY,
    kv1_registration,
    old_cluster,
    qt_movement,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def pinned_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def movement_form(**changes):
    form = {
        "issuer": "",
        "kind": "regular",
        "name": "Phong trào thi đua năm 2026",
        "theme": "Đoàn kết, kỷ cương, hoàn thành xuất sắc nhiệm vụ",
        "start_year": "2026",
        "end_year": "2026",
        "starts_on": "10/01/2026",
        "ends_on": "30/11/2026",
        "registration_deadline": "28/02/2026",
        "titles": ["LDTT", "CSTDCS", "TTLDXS", "CO_CP"],
        "purpose": "Phát huy tinh thần thi đua yêu nước.",
        "symbol": "KH-VKSTC",
        "place": "Hà Nội",
        "signer_title": "Viện trưởng",
        "signer_name": "Lê Minh Trí",
        "recipients": "VKSND cấp tỉnh\nLưu: VT",
        "ct-TOTAL_FORMS": "2",
        "ct-INITIAL_FORMS": "0",
        "ct-MIN_NUM_FORMS": "0",
        "ct-MAX_NUM_FORMS": "1000",
        "ct-0-name": "Tỷ lệ giải quyết án hình sự",
        "ct-0-unit_of_measure": "%",
        "ct-0-target": "90,5",
        "ct-0-direction": "at_least",
        "ct-1-name": "",
        "ct-1-unit_of_measure": "",
        "ct-1-target": "",
        "ct-1-direction": "at_least",
    }
    form.update(changes)
    return form


def test_the_whole_cycle_through_the_screens(sector, vkstc_officer, officer, kv1_officer):
    top, province, region = login(vkstc_officer), login(officer), login(kv1_officer)

    # VKSTC drafts and launches.
    response = top.post(reverse("movements:movement_create"), movement_form(issuer=sector.vkstc.pk))
    movement = Movement.objects.get()
    assert response.url == reverse("movements:movement_detail", args=[movement.pk])
    assert str(movement.indicators.get().target) == "90.50"
    response = top.post(
        reverse("movements:movement_launch", args=[movement.pk]),
        {
            "target_levels": ["tinh", "khu_vuc"],
            "number": "12",
            "symbol": "KH-VKSTC",
            "signed_on": "10/01/2026",
            "version": "1",
        },
    )
    movement.refresh_from_db()
    assert movement.status == MovementStatus.LAUNCHED and movement.answers.count() == 3
    top.post(reverse("movements:movement_start", args=[movement.pk]), {"version": movement.version})
    movement.refresh_from_db()
    assert movement.status == MovementStatus.RUNNING

    # The province sees it in its inbox and answers with its plan.
    answer = Answer.objects.get(movement=movement, unit=sector.quang_tri)
    inbox = province.get(reverse("movements:inbox")).content.decode()
    assert movement.name in inbox and "Bến Tre" not in inbox
    indicator = movement.indicators.get()
    response = province.post(
        reverse("movements:answer_detail", args=[answer.pk]),
        {
            "version": answer.version,
            "title": "Thực hiện phong trào thi đua năm 2026",
            "number": "05",
            "symbol": "KH-VKS",
            "signed_on": "13/01/2026",
            "place": "Quảng Trị",
            f"target_{indicator.pk}": "95",
        },
    )
    answer.refresh_from_db()
    assert answer.status == AnswerStatus.PLANNED, response.content.decode()[:2000]
    province.post(
        reverse("movements:answer_results", args=[answer.pk]),
        {f"actual_{indicator.pk}": "96,5", f"note_{indicator.pk}": "Quý I"},
    )
    detail = top.get(reverse("movements:movement_detail", args=[movement.pk])).content.decode()
    assert "96,5" in detail and "95" in detail and "05/KH-VKS" in detail

    # Khu vực 1 registers its people; the engine's check shows beside each line.
    response = region.post(
        reverse("movements:registration_open"),
        {"movement": movement.pk, "unit": sector.kv1.pk, "year": "2026"},
    )
    registration = Registration.objects.get(unit=sector.kv1)
    assert response.url == reverse("movements:registration_detail", args=[registration.pk])
    page = region.get(response.url).content.decode()
    assert "Nguyễn Văn An" in page
    region.post(
        response.url,
        {
            "version": 1,
            f"p_{sector.an.pk}": "on",
            f"t_{sector.an.pk}": "CSTDCS",
            "unit_titles": ["TTLDXS"],
        },
    )
    assert registration.lines.count() == 2
    region.post(reverse("movements:registration_submit", args=[registration.pk]), {"version": 2})
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.SUBMITTED

    # The region cannot approve its own register; the province (the level above) can.
    assert (
        region.post(reverse("movements:registration_approve", args=[registration.pk])).status_code
        == 404
    )
    approvals = province.get(reverse("movements:registration_approvals")).content.decode()
    assert sector.kv1.name in approvals
    province.post(
        reverse("movements:registration_approve", args=[registration.pk]),
        {"version": registration.version},
    )
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.APPROVED

    # Totals roll up, on screen and in .xlsx.
    rollup = top.get(
        reverse("movements:registration_rollup"), {"nam": 2026, "don_vi": sector.vkstc.pk}
    )
    assert "tỉnh Quảng Trị" in rollup.content.decode()
    xlsx = top.get(
        reverse("movements:registration_rollup"),
        {"nam": 2026, "don_vi": sector.vkstc.pk, "xuat": "xlsx"},
    )
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    assert any(row[0] == "Viện kiểm sát nhân dân tỉnh Quảng Trị" and 2 in row for row in values)
    listing = top.get(reverse("movements:registration_list"), {"nam": 2026, "xuat": "xlsx"})
    rows = list(load_workbook(io.BytesIO(listing.content)).active.iter_rows(values_only=True))
    assert any("Nguyễn Văn An" in row for row in rows)

    # The review, and its report.
    response = top.post(
        reverse("movements:review_create", args=[movement.pk]),
        {
            "version": Movement.objects.get().version,
            "kind": "interim",
            "period_label": "6 tháng đầu năm 2026",
            "held_on": "10/01/2026",
            "summary": "Các đơn vị triển khai nghiêm túc.",
            "number": "40",
            "symbol": "BC-VKSTC",
            "signed_on": "10/01/2026",
            "place": "Hà Nội",
            "signer_name": "Lê Minh Trí",
            "dh-TOTAL_FORMS": "1",
            "dh-INITIAL_FORMS": "0",
            "dh-MIN_NUM_FORMS": "0",
            "dh-MAX_NUM_FORMS": "1000",
            "dh-0-subject": f"u{sector.kv1.pk}",
            "dh-0-achievement": "Hoàn thành vượt mức các chỉ tiêu",
            "dh-0-proposed_award": "BK_NGANH",
        },
    )
    review = movement.reviews.get()
    assert response.url == reverse("movements:review_detail", args=[review.pk])
    docx = top.get(reverse("movements:review_docx", args=[review.pk]))
    assert docx["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
    lines = plain_text(docx.content).splitlines()
    assert "Số: 40/BC-VKSTC" in lines and "Hà Nội, ngày 10 tháng 01 năm 2026" in lines
    plan = province.get(reverse("movements:answer_docx", args=[answer.pk]))
    assert "Số: 05/KH-VKS" in plain_text(plan.content).splitlines()


def test_a_stale_form_is_refused_with_a_message(sector, vkstc_officer):
    client = login(vkstc_officer)
    client.post(reverse("movements:movement_create"), movement_form(issuer=sector.vkstc.pk))
    movement = Movement.objects.get()
    url = reverse("movements:movement_edit", args=[movement.pk])
    client.post(url, movement_form(version="1", slogan="Lần một"))
    response = client.post(url, movement_form(version="1", slogan="Lần hai"))
    assert "người khác thay đổi" in response.content.decode()
    movement.refresh_from_db()
    assert movement.slogan == "Lần một"


def test_a_return_shows_its_reason_to_the_unit(sector, officer, kv1_officer):
    registration = kv1_registration(sector)
    registration_services.submit_registration(actor=kv1_officer, registration=registration, now=NOW)
    response = login(officer).post(
        reverse("movements:registration_return", args=[registration.pk]),
        {"reason_code": "missing_documents", "reason": "Thiếu", "version": registration.version},
        follow=True,
    )
    assert "ít nhất 20 ký tự" in response.content.decode()
    login(officer).post(
        reverse("movements:registration_return", args=[registration.pk]),
        {"reason_code": "missing_documents", "reason": "Thiếu bản cam kết của tập thể đơn vị"},
    )
    page = login(kv1_officer).get(reverse("movements:registration_detail", args=[registration.pk]))
    assert "Thiếu bản cam kết của tập thể đơn vị" in page.content.decode()


@pytest.mark.parametrize("name", sorted(MOVEMENT_POST_ONLY))
def test_actions_answer_404_to_an_outsider_and_405_to_a_get(name, sector, officer, outsider):
    kwargs = _action_kwargs(name, sector)
    url = reverse(name, kwargs=kwargs)
    assert login(outsider).post(url).status_code == 404
    assert login(outsider).get(url).status_code == 404
    assert login(officer).get(url).status_code == 405


def test_scoring_and_voting_through_the_cluster_page(sector, officer, vkstc_officer):
    extra = org.create_unit(
        actor=None,
        code="T-HT",
        name="Viện kiểm sát nhân dân tỉnh Hà Tĩnh",
        level="tinh",
        parent=sector.vkstc,
    )
    cluster = org.create_cluster(
        actor=None,
        year=2026,
        kind="cum",
        name="Cụm thi đua số 6 năm 2026",
        organizer=sector.vkstc,
        members=[sector.quang_tri, extra],
    )
    manager, member = login(vkstc_officer), login(officer)
    url = reverse("movements:sheet_edit", args=[cluster.pk])
    page = manager.get(url).content.decode()
    assert "Thực hiện các chỉ tiêu, nhiệm vụ công tác kiểm sát" in page  # the default sheet
    manager.post(
        url,
        {
            "tc-TOTAL_FORMS": "2",
            "tc-INITIAL_FORMS": "0",
            "tc-MIN_NUM_FORMS": "0",
            "tc-MAX_NUM_FORMS": "1000",
            "tc-0-name": "Nhiệm vụ chuyên môn",
            "tc-0-max_points": "70",
            "tc-0-weight": "1",
            "tc-1-name": "Xây dựng ngành",
            "tc-1-max_points": "30",
            "tc-1-weight": "1",
        },
    )
    sheet = ScoreSheet.objects.get(cluster=cluster)
    manager.post(
        reverse("movements:sheet_open", args=[cluster.pk]),
        {"deadline": "30/11/2026", "version": sheet.version},
    )
    sheet.refresh_from_db()
    assert sheet.status == "open" and sheet.criteria.count() == 2
    # A member scores the other (it may act only for its own unit).
    assert (
        member.get(
            reverse("movements:score_entry", args=[cluster.pk, extra.pk]) + f"?thay={extra.pk}"
        ).status_code
        == 404
    )
    a, b = sheet.criteria.all()
    member.post(
        reverse("movements:score_entry", args=[cluster.pk, extra.pk]),
        {"thay": sector.quang_tri.pk, f"c_{a.pk}": "60", f"c_{b.pk}": "25,5"},
    )
    page = member.get(reverse("movements:cluster_work", args=[cluster.pk])).content.decode()
    assert "85,5" in page
    manager.post(reverse("movements:ballot_open", args=[cluster.pk]), {"candidate": extra.pk})
    member.post(
        reverse("movements:ballot_vote", args=[cluster.pk]),
        {"don_vi": sector.quang_tri.pk, "tan_thanh": "1"},
    )
    page = member.get(reverse("movements:cluster_work", args=[cluster.pk])).content.decode()
    assert "1/2 đơn vị thành viên tán thành" in page and "50 %" in page and "80 %" in page
    # Officers of a member unit do not manage the cluster.
    assert member.get(reverse("movements:sheet_edit", args=[cluster.pk])).status_code == 404
    xlsx = member.get(reverse("movements:ranking_xlsx", args=[cluster.pk]))
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert any(row[2] == extra.name and row[0] == 1 for row in rows)
    cluster_services.lock_sheet(actor=vkstc_officer, sheet=sheet, now=NOW)


def test_a_draft_is_seen_only_by_its_issuers_side(sector, vkstc_officer, officer, outsider):
    client = login(vkstc_officer)
    client.post(reverse("movements:movement_create"), movement_form(issuer=sector.vkstc.pk))
    movement = Movement.objects.get()
    url = reverse("movements:movement_detail", args=[movement.pk])
    assert client.get(url).status_code == 200
    assert login(officer).get(url).status_code == 404  # not launched to it yet
    assert login(outsider).get(url).status_code == 404


def test_the_outsider_sees_only_its_own_answer(sector, launched, outsider, officer):
    url = reverse("movements:movement_detail", args=[launched.pk])
    page = login(outsider).get(url).content.decode()
    assert "tỉnh Bến Tre" in page and "tỉnh Quảng Trị" not in page
    page = login(officer).get(url).content.decode()
    assert "tỉnh Quảng Trị" in page and "tỉnh Bến Tre" not in page
    qt_answer = Answer.objects.get(movement=launched, unit=sector.quang_tri)
    assert (
        login(outsider).get(reverse("movements:answer_detail", args=[qt_answer.pk])).status_code
        == 404
    )


def _action_kwargs(name: str, s) -> dict:
    if name in {"movements:movement_start", "movements:movement_cancel"}:
        return {"pk": qt_movement(s).pk}
    if name in {"movements:answer_acknowledge", "movements:answer_child"}:
        return {"pk": qt_movement(s).answers.get(unit=s.kv1).pk}
    if name == "movements:registration_line_remove":
        return {"pk": kv1_registration(s).lines.first().pk}
    if name.startswith("movements:registration_"):
        return {"pk": kv1_registration(s).pk}
    return {"pk": old_cluster(s).pk}


def test_the_lists_answer_htmx_with_their_table_only(sector, launched, kv1_officer):
    registration = kv1_registration(sector)
    client = login(kv1_officer)
    full = client.get(reverse("movements:registration_list"), {"nam": 2026})
    partial = client.get(
        reverse("movements:registration_list"), {"nam": 2026}, HTTP_HX_REQUEST="true"
    )
    assert "<html" in full.content.decode() and "<html" not in partial.content.decode()
    assert "Nguyễn Văn An" in partial.content.decode()
    assert registration.lines.count() == 1
    movements = client.get(
        reverse("movements:movement_list"), {"q": "2026"}, HTTP_HX_REQUEST="true"
    )
    assert "<html" not in movements.content.decode() and launched.name in movements.content.decode()
