"""State awards: after the sector's council, VKSND tối cao sends what the Prime Minister or the
President decides to the Government; the dossier waits there, visibly, until VKSND tối cao records
the external decision, which writes the ledger and settles the dossier."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tdkt.audit.models import AuditEntry
from tdkt.decisions import state_awards
from tdkt.decisions.models import StateDecision, StateDecisionLine
from tdkt.errors import InvalidData, NotAllowed, TransitionNotAllowed
from tdkt.nominations.models import DossierStatus, HopOutcome, StateResult
from tdkt.nominations.services import moves, publicity, state
from tdkt.notifications.models import Notification
from tdkt.records.models import AwardEntry
from tdkt.workflow.clock import at_noon
from tests.conftest import login
from tests.decisions.conftest import SIGNED
from tests.nominations.builders import (
    BOTH_APPROVED,
    DAY,
    close,
    new_dossier,
    signed_decision,
    sitting,
    to_vkstc_council,
    vote_all,
)

pytestmark = pytest.mark.django_db
SENT = dt.date(2026, 1, 22)
DECIDED = dt.date(2026, 3, 2)


def passed(w, awards):
    """Khu vực 1's dossier before the sector council, every candidate passed."""
    dossier = new_dossier(w, awards=awards)
    to_vkstc_council(w, dossier)
    results = {c.pk: True for c in dossier.candidates.all()}
    moves.record_council_results(actor=w.secretary, results=results, now=at_noon(DAY))
    dossier.refresh_from_db()
    return dossier


def send(w, dossier, sent_on=SENT):
    state.send_to_state(
        actor=w.vkstc_officer,
        dossier=dossier,
        version=dossier.version,
        sent_on=sent_on,
        number="45/TTr-VKSTC",
        now=at_noon(sent_on),
    )
    dossier.refresh_from_db()
    return dossier


def sent(w, awards=None):
    return send(w, passed(w, awards or {w.s.an: "BK_TTG", w.cuc: "BK_TTG"}))


def decide(w, dossier, awarded, *, signer="thu_tuong", day=DECIDED, number="123/QĐ-TTg", **more):
    return state_awards.record_state_decision(
        actor=more.pop("actor", w.vkstc_officer),
        dossier=dossier,
        number=number,
        decided_on=day,
        signer=signer,
        signer_name="Trần Quốc Thủ",
        payer=more.pop("payer", "state"),
        awarded=awarded,
        now=at_noon(DECIDED),
        **more,
    )


def candidate(dossier, person):
    return dossier.candidates.get(person=person)


def test_state_award_dossier_waits_at_the_state_after_the_sector_council(world):
    dossier = sent(world)
    assert dossier.status == DossierStatus.AT_STATE
    assert (dossier.state_sent_on, dossier.state_number) == (SENT, "45/TTr-VKSTC")
    assert dossier.state_body == "Bộ Nội vụ (Ban Thi đua - Khen thưởng Trung ương)"
    move = dossier.transitions.last()
    assert (move.from_status, move.to_status) == ("council_review", "at_state")
    hop = dossier.hops.order_by("seq").last()
    assert hop.outcome == HopOutcome.STATE and hop.closed_at is not None
    assert AuditEntry.objects.filter(action="dossier.sent_to_state").count() == 1
    told = Notification.objects.get(recipient=world.kv1_officer, action="dossier.sent_to_state")
    assert "Nguyễn Văn An, Lê Thị Cúc" in told.text
    # Waiting at the State, the dossier can do nothing else in the sector.
    with pytest.raises(TransitionNotAllowed):
        moves.return_dossier(
            actor=world.vkstc_officer,
            dossier=dossier,
            version=dossier.version,
            reason_code="other",
            reason="Trả lại để bổ sung hồ sơ theo yêu cầu.",
        )


def test_state_award_waiting_list_and_dossier_page_show_how_long_it_has_waited(world):
    dossier = sent(world)
    waited = (timezone.localdate() - SENT).days
    for user in (world.vkstc_officer, world.kv1_officer):
        page = login(user).get(reverse("nominations:state_waiting")).content.decode()
        assert dossier.code in page and f"{waited} ngày" in page and "22/01/2026" in page
    detail = login(world.kv1_officer).get(reverse("nominations:dossier_detail", args=[dossier.pk]))
    body = detail.content.decode()
    assert "Đang chờ quyết định của cấp Nhà nước" in body and f"đã chờ {waited} ngày" in body
    # Once answered, it leaves the list.
    decide(world, dossier, [candidate(dossier, world.s.an)])
    page = login(world.vkstc_officer).get(reverse("nominations:state_waiting")).content.decode()
    assert dossier.code not in page


def test_state_award_is_sent_only_by_vkstc_after_its_own_council(world):
    dossier = passed(world, {world.s.an: "BK_TTG"})
    with pytest.raises(NotAllowed):  # the province that forwarded it has no hand on it
        state.send_to_state(
            actor=world.qt_officer, dossier=dossier, version=None, sent_on=SENT, now=at_noon(SENT)
        )
    received = new_dossier(world, awards={world.cuc: "BK_TTG"})
    moves.submit_dossier(actor=world.kv1_officer, dossier=received, version=None)
    moves.receive_dossier(actor=world.qt_officer, dossier=received, version=None)
    moves.send_to_council(actor=world.qt_officer, dossier=received, version=None)
    with pytest.raises(TransitionNotAllowed):  # the province's own council: not the sector's
        state.send_to_state(
            actor=world.qt_officer, dossier=received, version=None, sent_on=SENT, now=at_noon(SENT)
        )
    sector_only = passed(world, {world.s.an: "CSTD_NGANH"})
    with pytest.raises(InvalidData, match="không có gì để trình"):
        send(world, sector_only)
    assert not StateDecision.objects.exists()
    assert AuditEntry.objects.filter(action="dossier.sent_to_state").count() == 0


def test_state_award_waits_for_the_sector_decision_of_the_other_candidates(world):
    dossier = passed(world, {world.s.an: "BK_TTG", world.cuc: "BK_NGANH"})
    with pytest.raises(InvalidData, match="Lê Thị Cúc"):
        send(world, dossier)
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.COUNCIL_REVIEW


def test_state_award_mixed_dossier_sector_decision_then_the_state(world):
    dossier = new_dossier(world, awards={world.s.an: "BK_TTG", world.cuc: "BK_NGANH"})
    to_vkstc_council(world, dossier)
    meeting = sitting(world, dossier)
    vote_all(world, meeting, BOTH_APPROVED)
    decision = signed_decision(world, close(world, meeting), SIGNED)
    assert [a.name for a in decision.awardees.all()] == ["Lê Thị Cúc"]  # the sector's own award
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.COUNCIL_REVIEW  # An still goes to the State
    send(world, dossier)
    decide(world, dossier, [candidate(dossier, world.s.an)])
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.DECIDED
    entry = AwardEntry.objects.get(person=world.s.an, award="BK_TTG")
    assert entry.decision.level == "nha_nuoc" and entry.year == 2025


def test_state_award_decision_writes_the_ledger_and_marks_the_others_not_awarded(world):
    dossier = sent(world)
    an, cuc = candidate(dossier, world.s.an), candidate(dossier, world.cuc)
    recorded = decide(world, dossier, [an], payer="sector")
    entry = AwardEntry.objects.get(person=world.s.an, award="BK_TTG", year=2025)
    book = entry.decision
    assert (book.number, book.signed_on, book.level) == ("123/QĐ-TTg", DECIDED, "nha_nuoc")
    assert (book.signer_name, book.signer_title) == ("Trần Quốc Thủ", "Thủ tướng Chính phủ")
    assert book.issuer_name == "Thủ tướng Chính phủ" and book.issuer is None
    assert not entry.sudden and entry.holder_unit == world.s.kv1
    assert not AwardEntry.objects.filter(person=world.cuc, award="BK_TTG").exists()
    an.refresh_from_db()
    cuc.refresh_from_db()
    assert (an.state_result, cuc.state_result) == (StateResult.AWARDED, StateResult.REFUSED)
    lines = {line.candidate_id: line for line in recorded.lines.all()}
    assert lines[an.pk].awarded and lines[an.pk].entry == entry
    assert lines[an.pk].amount == 8_190_000  # 3.5 × 2,340,000 on 02/03/2026
    assert not lines[cuc.pk].awarded and lines[cuc.pk].entry is None
    assert recorded.payer == "sector" and recorded.record == book
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.DECIDED
    move = dossier.transitions.last()
    assert (move.from_status, move.to_status) == ("at_state", "decided")
    audit = AuditEntry.objects.get(action="state_decision.recorded")
    assert audit.after["awarded"] == ["Nguyễn Văn An"]
    assert audit.after["not_awarded"] == ["Lê Thị Cúc"]
    told = Notification.objects.get(recipient=world.kv1_officer, action="state_decision.recorded")
    assert "không được khen thưởng: Lê Thị Cúc" in told.text


def test_state_award_two_signers_each_answer_their_own_awards(world):
    dossier = new_dossier(world, awards={world.s.an: "BK_TTG", world.cuc: "HCLD_3"})
    moves.submit_dossier(actor=world.kv1_officer, dossier=dossier, version=None)
    moves.receive_dossier(actor=world.qt_officer, dossier=dossier, version=None)
    moves.forward_dossier(actor=world.qt_officer, dossier=dossier, version=None)
    moves.receive_dossier(actor=world.vkstc_officer, dossier=dossier, version=None)
    publicity.publish_for_comment(  # the orders need the public's comment first
        actor=world.vkstc_officer,
        dossier=dossier,
        version=None,
        working_days=10,
        starts_on=DAY,
        now=at_noon(DAY),
    )
    later = dt.date(2026, 2, 9)
    moves.send_to_council(
        actor=world.vkstc_officer, dossier=dossier, version=None, now=at_noon(later)
    )
    results = {c.pk: True for c in dossier.candidates.all()}
    moves.record_council_results(actor=world.secretary, results=results, now=at_noon(later))
    dossier.refresh_from_db()
    send(world, dossier, sent_on=later)
    an, cuc = candidate(dossier, world.s.an), candidate(dossier, world.cuc)
    with pytest.raises(InvalidData, match="Lê Thị Cúc"):  # the Prime Minister gives no order
        decide(world, dossier, [an, cuc])
    decide(world, dossier, [an])
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.AT_STATE  # the President has not answered yet
    decide(world, dossier, [cuc], signer="chu_tich_nuoc", number="456/QĐ-CTN")
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.DECIDED
    order = AwardEntry.objects.get(person=world.cuc, award="HCLD_3")
    assert order.decision.signer_title == "Chủ tịch nước"


def test_state_award_decision_dated_before_the_sending_day_is_refused(world):
    dossier = sent(world)
    an = candidate(dossier, world.s.an)
    with pytest.raises(InvalidData) as refused:
        decide(world, dossier, [an], day=SENT - dt.timedelta(days=1))
    assert refused.value.code == "before_sending"
    client = login(world.vkstc_officer)
    url = reverse("decisions:state_record", args=[dossier.pk])
    page = client.post(url, _posted(an, decided_on="21/01/2026")).content.decode()
    assert "không thể trước ngày trình cấp Nhà nước (22/01/2026)" in page
    assert not StateDecision.objects.exists() and not AwardEntry.objects.filter(award="BK_TTG")


def test_state_award_awardee_not_among_the_candidates_is_refused(world):
    dossier = sent(world, {world.s.an: "BK_TTG"})
    other = passed(world, {world.cuc: "BK_TTG"})  # another dossier, never sent
    stranger = candidate(other, world.cuc)
    with pytest.raises(InvalidData) as refused:
        decide(world, dossier, [candidate(dossier, world.s.an), stranger])
    assert refused.value.code == "not_a_candidate"
    client = login(world.vkstc_officer)
    url = reverse("decisions:state_record", args=[dossier.pk])
    response = client.post(url, _posted(stranger))
    assert response.status_code == 200  # the form again, with its error
    assert "awarded" in response.context["form"].errors
    assert not StateDecision.objects.exists() and not StateDecisionLine.objects.exists()


def test_state_award_is_recorded_only_by_vkstc(world):
    dossier = sent(world)
    an = candidate(dossier, world.s.an)
    for actor in (world.kv1_officer, world.qt_officer):
        with pytest.raises(NotAllowed):
            decide(world, dossier, [an], actor=actor)
    assert not StateDecision.objects.exists() and not AuditEntry.objects.filter(
        action="state_decision.recorded"
    )


def test_state_award_screen_records_the_decision_and_the_proposer_only_reads_it(world):
    dossier = sent(world)
    an = candidate(dossier, world.s.an)
    url = reverse("decisions:state_record", args=[dossier.pk])
    proposer = login(world.kv1_officer)
    page = proposer.get(url).content.decode()
    assert "Nguyễn Văn An" in page and "Ghi nhận quyết định của cấp Nhà nước" not in page
    assert proposer.post(url, _posted(an)).status_code == 404
    officer = login(world.vkstc_officer)
    assert "Ghi nhận quyết định của cấp Nhà nước" in officer.get(url).content.decode()
    response = officer.post(url, _posted(an))
    assert response.status_code == 302
    assert AwardEntry.objects.filter(person=world.s.an, award="BK_TTG").exists()
    page = officer.get(url).content.decode()
    assert "123/QĐ-TTg" in page and "Không được khen thưởng" in page  # Lê Thị Cúc
    assert "Ghi nhận quyết định của cấp Nhà nước" not in page  # nobody waits any more


def _posted(*awarded, decided_on="02/03/2026"):
    return {
        "number": "123/QĐ-TTg",
        "decided_on": decided_on,
        "signer": "thu_tuong",
        "signer_name": "Trần Quốc Thủ",
        "payer": "state",
        "awarded": [c.pk for c in awarded],
    }
