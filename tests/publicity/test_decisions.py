"""Publishing award decisions on the public site: by whoever may draft (`decide`) or sign decisions
of the issuing unit (or of a unit that succeeded it); again after it was taken off; taking it off
needs a coded reason; a decision of a state authority is published by the supreme procuracy."""

from __future__ import annotations

import datetime as dt

import pytest

from tdkt.accounts.models import Role
from tdkt.audit.models import AuditEntry
from tdkt.errors import InvalidData, NotAllowed, TransitionNotAllowed
from tdkt.publicity.models import PublicationTransition
from tdkt.publicity.services import decisions
from tdkt.records import services as records
from tdkt.records.models import AwardDecision
from tests.conftest import make_user
from tests.publicity.builders import unpublish

pytestmark = pytest.mark.django_db
REASON = "Danh sách đăng nhầm bản chưa có chữ ký, sẽ đăng lại bản chính."


def quang_binh_decision():
    return AwardDecision.objects.get(number="12/QĐ-VKS")


def test_an_officer_of_the_successor_publishes_and_takes_off_with_a_reason(world):
    decision = quang_binh_decision()
    publication = decisions.publish_decision(
        actor=world.qt_officer, decision=decision, note="Đăng kèm danh sách"
    )
    assert publication.is_public and publication.published_by == world.qt_officer
    assert publication.note == "Đăng kèm danh sách"
    with pytest.raises(TransitionNotAllowed):
        decisions.publish_decision(
            actor=world.qt_officer, decision=decision, version=publication.version
        )
    with pytest.raises(InvalidData):
        unpublish(world, publication, "ngắn")
    unpublish(world, publication, REASON)
    assert not publication.is_public
    decisions.publish_decision(
        actor=world.qt_officer, decision=decision, version=publication.version
    )
    moves = list(PublicationTransition.objects.values_list("from_status", "to_status"))
    assert moves == [("", "published"), ("published", "unpublished"), ("unpublished", "published")]
    actions = AuditEntry.objects.filter(action__startswith="award_decision.").values_list(
        "action", flat=True
    )
    assert list(actions.order_by("id")) == [
        "award_decision.published",
        "award_decision.unpublished",
        "award_decision.published",
    ]


def test_a_leader_who_signs_may_publish_others_may_not(world, sector):
    leader = make_user("lanhdao.qt", Role.LEADER, sector.quang_tri)
    secretary = make_user("thuky.qt", Role.SECRETARY, sector.quang_tri)
    decision = quang_binh_decision()
    for who in (world.outsider, world.kv1_officer, secretary):
        with pytest.raises(NotAllowed):
            decisions.publish_decision(actor=who, decision=decision)
    decisions.publish_decision(actor=leader, decision=decision)


def test_a_state_decision_is_published_by_the_supreme_procuracy(world, sector):
    state = records.record_decision(
        actor=None,
        number="1234/QĐ-TTg",
        signed_on=dt.date(2025, 6, 1),
        level="nha_nuoc",
        issuer_name="Thủ tướng Chính phủ",
    )
    records.record_award(actor=None, award="BK_TTG", year=2024, decision=state, person=sector.an)
    with pytest.raises(NotAllowed):
        decisions.publish_decision(actor=world.qt_officer, decision=state)
    assert decisions.publish_decision(actor=world.vkstc_officer, decision=state).is_public


def test_a_decision_whose_lines_are_all_revoked_is_not_published(world, sector):
    decision = quang_binh_decision()
    for entry in decision.entries.all():
        records.revoke_award(
            actor=None,
            entry=entry,
            revoked_on=dt.date(2025, 3, 1),
            reason="Phát hiện vi phạm trong thời gian lập thành tích.",
            revocation_decision="5/QĐ-VKS",
        )
    with pytest.raises(InvalidData) as refused:
        decisions.publish_decision(actor=world.qt_officer, decision=decision)
    assert refused.value.code == "nothing_to_publish"


def test_a_decision_signed_in_the_workflow_is_published_with_its_own_list(world):
    from django.urls import reverse

    from tdkt.publicity import public
    from tests.conftest import login
    from tests.nominations.permissions import qt_decision

    signed = qt_decision(world.s)  # drafted from the council's sitting, signed in tdkt.decisions
    page = login(world.qt_officer).get(reverse("decisions:decision_detail", args=[signed.pk]))
    assert reverse("publicity:decision_detail", args=[signed.record_id]) in page.content.decode()
    assert decisions.publish_decision(actor=world.qt_officer, decision=signed.record).is_public
    awardee = signed.awardees.get()
    [row] = public.recipients(signed.record)
    assert (row.name, row.position, row.unit_name) == (
        awardee.name,
        awardee.position,
        awardee.unit_name,
    )
