"""Issue 12 (trust), points 4 and 5 for movements: a member of a cluster signs, scores and votes
for itself only (the organiser opens and locks; scores it enters for a member count once the
member confirms them); one graded collective title and one individual title a year across every
movement; saving an unchanged form keeps every indicator and criterion; a launched movement and
a returned registration reach the units concerned."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from tdkt.audit.models import AuditEntry
from tdkt.errors import Conflict, InvalidData, NotAllowed
from tdkt.movements import selectors
from tdkt.movements.models import (
    AnswerStatus,
    FlagBallot,
    MovementStatus,
    Pledge,
    Registration,
    RegistrationLine,
    RegistrationStatus,
    Score,
    ScoreSheet,
    SheetStatus,
)
from tdkt.movements.services import answers as answer_services
from tdkt.movements.services import clusters as services
from tdkt.movements.services import movements as movement_services
from tdkt.movements.services import registrations as registration_services
from tdkt.movements.services import reviews as review_services
from tdkt.movements.services.registrations import PersonLine, UnitLine
from tdkt.notifications.models import Notification
from tdkt.org.models import ClusterRole
from tests.conftest import login
from tests.movements.conftest import (
    INDICATORS,
    NOW,
    A,
    B,
    add_person,
    cluster_of,
    data,
    define_sheet,
    points,
)
from tests.movements.formdata import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def cluster(sector, ha_tinh):
    return cluster_of(sector, sector.quang_tri, ha_tinh)


# --- saving a form left as it was ---------------------------------------------------------------


def test_saving_an_unchanged_draft_keeps_every_indicator(draft, vkstc_officer):
    client = login(vkstc_officer)
    url = reverse("movements:movement_edit", args=[draft.pk])
    posted = form_data(client.get(url).content.decode(), "ct-TOTAL_FORMS")
    assert posted["ct-INITIAL_FORMS"] == "2"
    assert client.post(url, posted).status_code == 302
    kept = list(draft.indicators.values_list("name", "target"))
    assert kept == [(i.name, i.target) for i in INDICATORS]


def test_saving_an_unchanged_scoring_sheet_keeps_every_criterion(cluster, vkstc_officer):
    define_sheet(cluster, vkstc_officer)
    client = login(vkstc_officer)
    url = reverse("movements:sheet_edit", args=[cluster.pk])
    posted = form_data(client.get(url).content.decode(), "tc-TOTAL_FORMS")
    assert client.post(url, posted).status_code == 302
    sheet = ScoreSheet.objects.get(cluster=cluster)
    assert list(sheet.criteria.values_list("name", flat=True)) == [A, B]


# --- a cluster: each member acts for itself ----------------------------------------------------


def test_the_organiser_does_not_sign_or_vote_for_a_member(sector, cluster, vkstc_officer):
    pledge = services.save_pledge(
        actor=vkstc_officer, cluster=cluster, title="Giao ước", content="Nội dung", now=NOW
    )
    with pytest.raises(NotAllowed):
        services.sign_pledge(actor=vkstc_officer, pledge=pledge, unit=sector.quang_tri, now=NOW)
    assert not pledge.signatures.exists()
    ballot = services.open_ballot(
        actor=vkstc_officer, cluster=cluster, candidate=sector.quang_tri, now=NOW
    )
    with pytest.raises(NotAllowed):
        services.cast_vote(
            actor=vkstc_officer, ballot=ballot, voter=sector.quang_tri, approve=True, now=NOW
        )
    assert not ballot.votes.exists()
    # The organiser's page offers no signing or voting in a member's name.
    page = login(vkstc_officer).get(reverse("movements:cluster_work", args=[cluster.pk]))
    body = page.content.decode()
    assert reverse("movements:pledge_sign", args=[cluster.pk]) not in body
    assert reverse("movements:ballot_vote", args=[cluster.pk]) not in body


def test_a_member_signs_scores_and_votes_for_itself_only(
    sector, cluster, sheet, ha_tinh, officer, vkstc_officer
):
    pledge = services.save_pledge(
        actor=vkstc_officer, cluster=cluster, title="Giao ước", content="Nội dung", now=NOW
    )
    services.sign_pledge(actor=officer, pledge=pledge, unit=sector.quang_tri, now=NOW)
    with pytest.raises(NotAllowed):
        services.sign_pledge(actor=officer, pledge=pledge, unit=ha_tinh, now=NOW)
    with pytest.raises(NotAllowed):
        services.submit_scores(
            actor=officer,
            sheet=sheet,
            scorer=ha_tinh,
            scored=sector.quang_tri,
            points=points(sheet, 90),
            now=NOW,
        )
    # ...and a member does not run the cluster's year.
    with pytest.raises(NotAllowed):
        services.lock_sheet(actor=officer, sheet=sheet, now=NOW)
    with pytest.raises(NotAllowed):
        services.open_ballot(actor=officer, cluster=cluster, candidate=sector.quang_tri, now=NOW)


def test_scores_the_organiser_enters_for_a_member_count_once_the_member_confirms(
    sector, sheet, ha_tinh, officer, vkstc_officer
):
    services.submit_scores(
        actor=vkstc_officer,
        sheet=sheet,
        scorer=sector.quang_tri,
        scored=ha_tinh,
        points=points(sheet, 80),
        now=NOW,
    )
    standing = {s.unit: s for s in selectors.ranking(sheet)}
    assert standing[ha_tinh].peer_score is None  # not counted yet
    note = Notification.objects.get(recipient=officer, action="scores.entered_for_member")
    assert "xác nhận" in note.text
    with pytest.raises(NotAllowed):
        services.confirm_scores(actor=vkstc_officer, sheet=sheet, scorer=sector.quang_tri)
    page = login(officer).get(reverse("movements:cluster_work", args=[sheet.cluster_id]))
    assert "chờ xác nhận" in page.content.decode()
    response = login(officer).post(
        reverse("movements:scores_confirm", args=[sheet.cluster_id]),
        {"don_vi": sector.quang_tri.pk},
    )
    assert response.status_code == 302
    standing = {s.unit: s for s in selectors.ranking(sheet)}
    assert standing[ha_tinh].peer_score == Decimal(80)
    # A later change by the organiser waits for the member again.
    services.submit_scores(
        actor=vkstc_officer,
        sheet=sheet,
        scorer=sector.quang_tri,
        scored=ha_tinh,
        points=points(sheet, 70),
        reason="Sửa theo bản chấm điểm có chữ ký của đơn vị",
        now=NOW,
    )
    assert {s.unit: s for s in selectors.ranking(sheet)}[ha_tinh].peer_score is None


def test_the_scoring_as_selector_changes_at_once_and_is_absent_for_one_unit(
    sector, sheet, ha_tinh, officer, vkstc_officer
):
    url = reverse("movements:score_entry", args=[sheet.cluster_id, ha_tinh.pk])
    own = login(officer).get(url).content.decode()
    assert 'name="thay"' in own and "Chấm với tư cách" not in own  # one unit: no selector
    organiser = login(vkstc_officer).get(url).content.decode()
    assert '<select name="thay" data-autosubmit>' in organiser
    assert "<noscript>" in organiser and "nhập điểm thay" in organiser


# --- one title a year ----------------------------------------------------------------------------


@pytest.fixture
def thematic(sector, running, vkstc_officer):
    """A second movement of 2026, beside the yearly one (`running`)."""
    movement = movement_services.create_movement(
        actor=vkstc_officer,
        issuer=sector.vkstc,
        data=data(kind="thematic", name="Phong trào thi đua chuyên đề chuyển đổi số năm 2026"),
        indicators=INDICATORS,
        now=NOW,
    )
    movement_services.launch_movement(
        actor=vkstc_officer,
        movement=movement,
        target_levels=["tinh", "khu_vuc"],
        number="13",
        symbol="KH-VKSTC",
        signed_on=dt.date(2026, 1, 10),
        now=NOW,
    )
    return movement_services.start_movement(actor=vkstc_officer, movement=movement, now=NOW)


def register(movement, unit, actor, people=(), units=()):
    registration = registration_services.open_registration(
        actor=actor, movement=movement, unit=unit, year=2026, now=NOW
    )
    registration_services.add_registration_lines(
        actor=actor,
        registration=registration,
        people=[PersonLine(p, a) for p, a in people],
        units=[UnitLine(a) for a in units],
        now=NOW,
    )
    return registration


def test_a_unit_registers_one_graded_collective_title_a_year_across_movements(
    sector, running, thematic, kv1_officer
):
    with pytest.raises(InvalidData):
        register(running, sector.kv1, kv1_officer, units=["TTLDTT", "TTLDXS"])
    register(running, sector.kv1, kv1_officer, units=["TTLDTT"])
    with pytest.raises(Conflict) as exc:
        register(thematic, sector.kv1, kv1_officer, units=["TTLDXS"])
    assert exc.value.code == "already_registered"
    assert not RegistrationLine.objects.filter(award="TTLDXS").exists()


def test_a_flag_may_go_with_ttldxs(sector, running, kv1_officer):
    register(running, sector.kv1, kv1_officer, units=["TTLDXS", "CO_NGANH"])
    assert RegistrationLine.objects.filter(unit=sector.kv1).count() == 2


def test_a_person_registers_one_individual_title_a_year_across_movements(
    sector, running, thematic, kv1_officer
):
    cuong = add_person("Lê Văn Cường", sector.kv1)
    register(running, sector.kv1, kv1_officer, people=[(cuong, "LDTT")])
    with pytest.raises(Conflict) as exc:
        register(thematic, sector.kv1, kv1_officer, people=[(cuong, "CSTDCS")])
    assert "Lê Văn Cường" in exc.value.message
    assert RegistrationLine.objects.filter(person=cuong).count() == 1


def test_approval_refuses_a_second_title_of_the_year_approved_under_another_movement(
    sector, running, thematic, officer
):
    """Registers written before the rule (as on the day of the issue: TTLĐTT under the yearly
    movement, TTLĐXS under a special one, both for 2026) are stopped at approval."""
    cuong = add_person("Lê Văn Cường", sector.kv1)
    sent = []
    for movement, unit_award, person_award in (
        (running, "TTLDTT", "LDTT"),
        (thematic, "TTLDXS", "CSTDCS"),
    ):
        registration = Registration.objects.create(
            movement=movement, unit=sector.kv1, year=2026, status=RegistrationStatus.SUBMITTED
        )
        common = {"registration": registration, "movement": movement, "year": 2026}
        RegistrationLine.objects.create(unit=sector.kv1, award=unit_award, **common)
        RegistrationLine.objects.create(person=cuong, award=person_award, **common)
        sent.append(registration)
    registration_services.approve_registration(actor=officer, registration=sent[0], now=NOW)
    with pytest.raises(Conflict) as exc:
        registration_services.approve_registration(actor=officer, registration=sent[1], now=NOW)
    assert exc.value.code == "one_graded_title"
    sent[1].refresh_from_db()
    assert sent[1].status == RegistrationStatus.SUBMITTED
    RegistrationLine.objects.filter(registration=sent[1], unit=sector.kv1).delete()
    with pytest.raises(Conflict) as exc:
        registration_services.approve_registration(actor=officer, registration=sent[1], now=NOW)
    assert exc.value.code == "one_individual_title" and "Lê Văn Cường" in exc.value.message


# --- notifications -------------------------------------------------------------------------------


def test_a_launched_movement_reaches_the_receiving_units(officer, kv1_officer, launched):
    for user in (officer, kv1_officer):
        note = Notification.objects.get(recipient=user, action="movement.launched")
        assert launched.name in note.text and note.link == reverse("movements:inbox")
    assert not Notification.objects.filter(recipient=launched.created_by).exists()


def test_a_returned_registration_reaches_its_unit(sector, running, kv1_officer, officer):
    registration = register(running, sector.kv1, kv1_officer, units=["TTLDTT"])
    registration_services.submit_registration(actor=kv1_officer, registration=registration, now=NOW)
    Notification.objects.all().delete()
    registration_services.return_registration(
        actor=officer,
        registration=registration,
        reason_code="missing_documents",
        reason="Thiếu bản cam kết của tập thể đơn vị",
        now=NOW,
    )
    note = Notification.objects.get(recipient=kv1_officer)
    assert "bị trả lại" in note.text and "Thiếu bản cam kết" in note.text
    assert note.link == reverse("movements:registration_detail", args=[registration.pk])
    assert not Notification.objects.filter(recipient=officer).exists()


# --- every service checks the actor itself (issue 13): the shell, a task and the API call them ---


def refused(*calls):
    """Each call raises NotAllowed and leaves no audit entry (nothing was written)."""
    entries = AuditEntry.objects.count()
    for call in calls:
        with pytest.raises(NotAllowed):
            call()
    assert AuditEntry.objects.count() == entries


def test_scoring_service_refuses_an_officer_outside_the_cluster(
    sector, sheet, ha_tinh, outsider, vkstc_officer
):
    cluster, qt = sheet.cluster, sector.quang_tri
    refused(
        lambda: services.submit_scores(
            actor=outsider,
            sheet=sheet,
            scorer=qt,
            scored=ha_tinh,
            points=points(sheet, 90),
            now=NOW,
        ),
        lambda: services.confirm_scores(actor=outsider, sheet=sheet, scorer=qt, now=NOW),
        lambda: services.lock_sheet(actor=outsider, sheet=sheet, now=NOW),
        lambda: services.define_sheet(
            actor=outsider,
            cluster=cluster,
            criteria=[services.CriterionData(A, Decimal(9))],
            now=NOW,
        ),
    )
    assert not Score.objects.exists()
    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.OPEN
    assert list(sheet.criteria.values_list("name", flat=True)) == [A, B]


def test_cluster_services_refuse_an_officer_outside_the_cluster(
    sector, cluster, ha_tinh, outsider, vkstc_officer
):
    pledge = services.save_pledge(
        actor=vkstc_officer, cluster=cluster, title="Giao ước", content="Nội dung", now=NOW
    )
    ballot = services.open_ballot(actor=vkstc_officer, cluster=cluster, candidate=ha_tinh, now=NOW)
    refused(
        lambda: services.appoint_cluster_leaders(
            actor=outsider, cluster=cluster, head=ha_tinh, deputy=None
        ),
        lambda: services.save_pledge(
            actor=outsider,
            cluster=cluster,
            title="Khác",
            content="Khác",
            version=pledge.version,
            now=NOW,
        ),
        lambda: services.sign_pledge(actor=outsider, pledge=pledge, unit=ha_tinh, now=NOW),
        lambda: services.cast_vote(
            actor=outsider, ballot=ballot, voter=ha_tinh, approve=True, now=NOW
        ),
        lambda: services.close_ballot(actor=outsider, ballot=ballot, now=NOW),
        lambda: services.open_ballot(
            actor=outsider, cluster=cluster, candidate=sector.quang_tri, now=NOW
        ),
    )
    assert not cluster.memberships.exclude(role=ClusterRole.MEMBER).exists()
    assert Pledge.objects.get().title == "Giao ước" and not pledge.signatures.exists()
    assert list(FlagBallot.objects.values_list("status", flat=True)) == ["open"]
    assert not ballot.votes.exists()


def test_movement_services_refuse_an_officer_of_another_unit(sector, draft, outsider):
    refused(
        lambda: movement_services.create_movement(
            actor=outsider, issuer=sector.vkstc, data=data(), now=NOW
        ),
        lambda: movement_services.update_movement(
            actor=outsider, movement=draft, data=data(name="Tên khác"), now=NOW
        ),
        lambda: movement_services.launch_movement(
            actor=outsider,
            movement=draft,
            target_levels=["tinh"],
            number="12",
            symbol="KH-VKSTC",
            signed_on=dt.date(2026, 1, 10),
            now=NOW,
        ),
        lambda: movement_services.cancel_movement(
            actor=outsider,
            movement=draft,
            reason_code="other",
            reason="Không còn phù hợp với kế hoạch công tác năm",
            now=NOW,
        ),
    )
    draft.refresh_from_db()
    assert draft.status == MovementStatus.DRAFT and draft.name == data().name


def test_answer_and_review_services_refuse_an_officer_of_another_unit(
    sector, running, outsider, officer
):
    answer = running.answers.get(unit=sector.kv1)
    plan = answer_services.PlanData(number="5", symbol="KH-VKS", signed_on=dt.date(2026, 1, 12))
    refused(
        lambda: answer_services.acknowledge_answer(actor=outsider, answer=answer, now=NOW),
        lambda: answer_services.answer_with_plan(actor=outsider, answer=answer, plan=plan, now=NOW),
        lambda: answer_services.report_results(actor=outsider, answer=answer, results={}, now=NOW),
        lambda: answer_services.launch_child_movement(actor=outsider, answer=answer, now=NOW),
        # The province oversees Khu vực 1 but does not review the supreme procuracy's movement.
        lambda: review_services.record_review(
            actor=officer,
            movement=running,
            data=review_services.ReviewData(kind="interim", held_on=dt.date(2026, 7, 1)),
            now=NOW,
        ),
    )
    answer.refresh_from_db()
    assert answer.status == AnswerStatus.PENDING and not answer.values.exists()
    assert not running.reviews.exists() and not running.children.exists()


def test_a_register_is_written_by_its_unit_and_decided_by_the_level_above(
    sector, running, kv1_officer, outsider
):
    registration = register(running, sector.kv1, kv1_officer, units=["TTLDTT"])
    refused(
        lambda: registration_services.open_registration(
            actor=outsider, movement=running, unit=sector.kv1, year=2026, now=NOW
        ),
        lambda: registration_services.add_registration_lines(
            actor=outsider, registration=registration, units=[UnitLine("CO_NGANH")], now=NOW
        ),
        lambda: registration_services.remove_registration_line(
            actor=outsider, line=registration.lines.get(), now=NOW
        ),
        lambda: registration_services.submit_registration(
            actor=outsider, registration=registration, now=NOW
        ),
    )
    registration_services.submit_registration(actor=kv1_officer, registration=registration, now=NOW)
    refused(
        lambda: registration_services.approve_registration(
            actor=kv1_officer, registration=registration, now=NOW
        ),
        lambda: registration_services.return_registration(
            actor=outsider,
            registration=registration,
            reason_code="missing_documents",
            reason="Thiếu bản cam kết của tập thể đơn vị",
            now=NOW,
        ),
    )
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.SUBMITTED
    assert registration.lines.count() == 1
