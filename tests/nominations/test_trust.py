"""Issue 12 (trust), points 4 and 5 for dossiers: the province that receives a district's dossier
receives, returns or forwards it and nothing more; a draft withdrawn before it was ever sent is
withdrawn (not a 500); a public comment reaches the officer in charge; the council's result says
who passed and who did not; a convened sitting reaches its members."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tdkt.council import services as council_services
from tdkt.errors import NotAllowed
from tdkt.nominations.models import CouncilResult, DossierStatus
from tdkt.nominations.services import dossiers, moves, publicity
from tdkt.notifications.models import Notification
from tdkt.workflow.clock import at_noon
from tests.conftest import login
from tests.nominations.builders import DAY, new_dossier, to_vkstc_council

pytestmark = pytest.mark.django_db
S = DossierStatus
WHY = "Đơn vị rút để bổ sung thành tích cho đợt xét sau."


def texts(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("text", flat=True))


def test_the_receiving_province_cannot_edit_send_or_withdraw_a_districts_dossier(world):
    dossier = new_dossier(world, awards={world.s.an: "LDTT"})
    province = world.qt_officer
    with pytest.raises(NotAllowed):
        dossiers.update_dossier(
            actor=province, dossier=dossier, version=dossier.version, title="Sửa thay"
        )
    with pytest.raises(NotAllowed):
        dossiers.add_candidate(
            actor=province,
            dossier=dossier,
            version=dossier.version,
            award="LDTT",
            person=world.cuc,
            now=at_noon(DAY),
        )
    with pytest.raises(NotAllowed):
        moves.submit_dossier(
            actor=province, dossier=dossier, version=dossier.version, now=at_noon(DAY)
        )
    with pytest.raises(NotAllowed):
        moves.withdraw_dossier(
            actor=province,
            dossier=dossier,
            version=dossier.version,
            reason_code="other",
            reason=WHY,
        )
    with pytest.raises(NotAllowed):
        dossiers.create_dossier(actor=province, unit=world.s.kv1, kind="cong_trang", year=2025)
    dossier.refresh_from_db()
    assert dossier.status == S.DRAFT and dossier.candidates.count() == 1
    # Its screens offer none of it, and the actions answer 404.
    client = login(province)
    body = client.get(reverse("nominations:dossier_detail", args=[dossier.pk])).content.decode()
    assert reverse("nominations:dossier_submit", args=[dossier.pk]) not in body
    assert reverse("nominations:dossier_withdraw", args=[dossier.pk]) not in body
    assert reverse("nominations:dossier_edit", args=[dossier.pk]) not in body
    url = reverse("nominations:dossier_submit", args=[dossier.pk])
    assert client.post(url, {"version": dossier.version}).status_code == 404
    form = client.get(reverse("nominations:dossier_create")).content.decode()
    assert f'value="{world.s.kv1.pk}"' not in form and f'value="{world.s.quang_tri.pk}"' in form


def test_the_receiving_province_receives_returns_and_forwards(world):
    dossier = new_dossier(world, awards={world.s.an: "LDTT"})
    moves.submit_dossier(
        actor=world.kv1_officer, dossier=dossier, version=dossier.version, now=at_noon(DAY)
    )
    moves.receive_dossier(actor=world.qt_officer, dossier=dossier, version=dossier.version)
    moves.forward_dossier(actor=world.qt_officer, dossier=dossier, version=dossier.version)
    assert dossier.status == S.SUBMITTED and dossier.receiver == world.s.vkstc
    # ...and the supreme level, which receives from the province, writes nothing for KV1 either.
    with pytest.raises(NotAllowed):
        dossiers.create_dossier(
            actor=world.vkstc_officer, unit=world.s.kv1, kind="cong_trang", year=2025
        )


def test_withdrawing_a_draft_that_was_never_sent_withdraws_it(world):
    dossier = new_dossier(world, awards={world.s.an: "LDTT"})
    response = login(world.kv1_officer).post(
        reverse("nominations:dossier_withdraw", args=[dossier.pk]),
        {"version": dossier.version, "reason_code": "other", "reason": WHY},
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == S.WITHDRAWN and dossier.receiver is None
    assert dossier.transitions.get().reason == WHY


def test_a_new_public_comment_reaches_the_officer_in_charge(world):
    dossier = new_dossier(world, awards={world.s.an: "LDTT"})
    moves.submit_dossier(
        actor=world.kv1_officer, dossier=dossier, version=dossier.version, now=at_noon(DAY)
    )
    moves.receive_dossier(actor=world.qt_officer, dossier=dossier, version=dossier.version)
    period = publicity.publish_for_comment(
        actor=world.qt_officer, dossier=dossier, version=dossier.version, now=at_noon(DAY)
    )
    Notification.objects.all().delete()
    publicity.add_public_comment(
        period=period,
        stance="opinion",
        text="Đề nghị Hội đồng xác minh thêm thành tích năm 2025 của đồng chí An.",
        candidate=dossier.candidates.get(),
        now=dt.datetime(2026, 1, 13, 9, tzinfo=dt.UTC),
    )
    note = Notification.objects.get(recipient=world.qt_officer)
    assert "Có góp ý mới" in note.text and "Nguyễn Văn An" in note.text
    assert note.link == reverse("nominations:dossier_detail", args=[dossier.pk])


def test_the_council_result_says_who_passed_and_who_did_not(world):
    dossier = new_dossier(world)
    to_vkstc_council(world, dossier)
    an = dossier.candidates.get(person=world.s.an)
    cuc = dossier.candidates.get(person=world.cuc)
    Notification.objects.all().delete()
    moves.record_council_results(actor=None, results={an.pk: True, cuc.pk: False})
    assert dossier.candidates.get(pk=an.pk).council_result == CouncilResult.PASSED
    [text] = texts(world.kv1_officer)
    assert "Được thông qua: Nguyễn Văn An." in text
    assert "Không được thông qua: Lê Thị Cúc." in text


def test_a_dossier_nobody_passed_says_so_when_it_is_settled(world):
    dossier = new_dossier(world)
    to_vkstc_council(world, dossier)
    Notification.objects.all().delete()
    moves.record_council_results(
        actor=None, results={c.pk: False for c in dossier.candidates.all()}
    )
    dossier.refresh_from_db()
    assert dossier.status == S.DECIDED
    [text] = texts(world.kv1_officer)
    assert "Không được thông qua: Nguyễn Văn An, Lê Thị Cúc." in text


def test_a_convened_sitting_reaches_its_members(world):
    Notification.objects.all().delete()
    meeting = council_services.schedule_meeting(
        actor=world.secretary, council=world.council, number="7", held_on=DAY, place="Hà Nội"
    )
    told = set(
        Notification.objects.filter(action="meeting.scheduled").values_list(
            "recipient_id", flat=True
        )
    )
    # Every member with an account but the secretary who convened it.
    assert told == {u.pk for u in world.voters if u != world.secretary}
    note = Notification.objects.filter(recipient=world.voters[0]).get()
    assert "Triệu tập phiên họp" in note.text and "Hà Nội" in note.text
    assert note.link == reverse("council:meeting_detail", args=[meeting.pk])


def test_only_the_receiving_levels_council_records_results_and_settles(world, outsider):
    """Called from the shell or a task as much as from the sitting: the service itself refuses an
    officer of another province, and the proposing unit, and writes nothing."""
    dossier = new_dossier(world)
    to_vkstc_council(world, dossier)
    results = {c.pk: False for c in dossier.candidates.all()}
    for stranger in (outsider, world.kv1_officer):
        with pytest.raises(NotAllowed):
            moves.record_council_results(actor=stranger, results=results)
        with pytest.raises(NotAllowed):
            moves.settle_dossier(actor=stranger, dossier=dossier)
    dossier.refresh_from_db()
    assert dossier.status == S.COUNCIL_REVIEW
    assert set(dossier.candidates.values_list("council_result", flat=True)) == {
        CouncilResult.PENDING
    }
    assert dossier.transitions.last().to_status == S.COUNCIL_REVIEW
    # The council's secretary may: nobody passed, so the dossier is settled at once.
    moves.record_council_results(actor=world.secretary, results=results)
    dossier.refresh_from_db()
    assert dossier.status == S.DECIDED
    assert dossier.transitions.last().actor == world.secretary
