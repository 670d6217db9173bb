"""Decisions: drafted from the council's result, returned or signed; signing writes the ledger
through the records services and marks the initiatives used; revocation keeps everything and marks
the money for recovery."""

from __future__ import annotations

import datetime as dt

import pytest

from tdkt.decisions import services
from tdkt.decisions.models import DecisionStatus, MoneyStatus
from tdkt.errors import Conflict, InvalidData, NotAllowed, TransitionNotAllowed
from tdkt.nominations.models import DossierStatus
from tdkt.nominations.services import moves
from tdkt.records import services as records
from tdkt.records.models import AwardDecision, AwardEntry
from tdkt.records.selectors import LedgerFilters, ledger_for
from tdkt.workflow.clock import at_noon
from tests.decisions.conftest import REASON, REVOKED, SIGNED, revoke
from tests.nominations.builders import (
    DAY,
    close,
    new_dossier,
    signed_decision,
    sitting,
    vote_all,
)

pytestmark = pytest.mark.django_db


def sign(world, decision, *, version=None, signed_on=SIGNED):
    """The leader signs number 1 on `signed_on`, "today" being SIGNED."""
    return services.sign_decision(
        actor=world.leader,
        decision=decision,
        version=version,
        number="1",
        signed_on=signed_on,
        signer_name="Nguyễn Huy Tiến",
        now=at_noon(SIGNED),
    )


def test_signing_writes_the_ledger_and_marks_the_initiatives(world, closed):
    initiative = records.record_initiative(
        actor=None,
        code="SK-2025-07",
        kind="sang_kien",
        title="Phần mềm theo dõi án",
        scope="nganh",
        year=2025,
        recognized_on=dt.date(2025, 9, 1),
        authors=[world.s.an],
    )
    an = closed.items.get(candidate__person=world.s.an).candidate
    an.initiatives.add(initiative)
    decision = signed_decision(world, closed, SIGNED, number="25")
    assert decision.status == DecisionStatus.SIGNED and decision.number_symbol == "25/QĐ-VKSTC"
    book = AwardDecision.objects.get(number="25/QĐ-VKSTC")
    assert decision.record == book and book.signed_on == SIGNED and book.level == "nganh"
    assert book.signer_name == "Nguyễn Huy Tiến" and book.issuer == world.s.vkstc
    entries = {e.award: e for e in AwardEntry.objects.filter(decision=book)}
    assert set(entries) == {"CSTD_NGANH", "BK_NGANH"}
    assert entries["CSTD_NGANH"].person == world.s.an and entries["CSTD_NGANH"].year == 2025
    initiative.refresh_from_db()
    assert initiative.used_for == entries["CSTD_NGANH"]
    for a in decision.awardees.all():
        assert a.entry == entries[a.award]
    dossier = an.dossier
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.DECIDED


def test_the_decision_moves_and_refuses(world, closed):
    decision = services.draft_decision(actor=world.vkstc_officer, meeting=closed)
    with pytest.raises(InvalidData, match="Không còn"):
        services.draft_decision(actor=world.vkstc_officer, meeting=closed)
    with pytest.raises(TransitionNotAllowed) as draft:
        sign(world, decision)
    assert draft.value.code == "invalid_transition"
    with pytest.raises(NotAllowed):
        services.submit_for_signature(actor=world.leader, decision=decision, version=None)
    services.submit_for_signature(
        actor=world.vkstc_officer, decision=decision, version=decision.version
    )
    with pytest.raises(NotAllowed):
        services.return_decision(
            actor=world.vkstc_officer,
            decision=decision,
            version=None,
            reason_code="other",
            reason="Sai tên đơn vị công tác của một người trong danh sách.",
        )
    with pytest.raises(InvalidData):
        services.return_decision(
            actor=world.leader, decision=decision, version=None, reason_code="other", reason="Sai"
        )
    services.return_decision(
        actor=world.leader,
        decision=decision,
        version=decision.version,
        reason_code="other",
        reason="Sai tên đơn vị công tác của một người trong danh sách.",
    )
    assert decision.status == DecisionStatus.DRAFT
    services.update_decision(
        actor=world.vkstc_officer,
        decision=decision,
        version=decision.version,
        title="Về việc tặng danh hiệu và Bằng khen năm 2025",
    )
    services.submit_for_signature(
        actor=world.vkstc_officer, decision=decision, version=decision.version
    )
    with pytest.raises(InvalidData, match="sau hôm nay"):
        sign(world, decision, signed_on=SIGNED + dt.timedelta(days=1))
    sign(world, decision, version=decision.version)
    # In the order the moves were made (the signature's row carries the signing day, pinned).
    steps = list(decision.transitions.order_by("id").values_list("from_status", "to_status"))
    assert steps == [
        ("draft", "pending_signature"),
        ("pending_signature", "draft"),
        ("draft", "pending_signature"),
        ("pending_signature", "signed"),
    ]


def test_a_number_already_in_the_ledger_is_refused_and_nothing_is_written(world, closed):
    records.record_decision(
        actor=None, number="1/QĐ-VKSTC", signed_on=SIGNED, level="nganh", issuer=world.s.vkstc
    )
    decision = services.draft_decision(actor=world.vkstc_officer, meeting=closed)
    services.submit_for_signature(actor=world.vkstc_officer, decision=decision, version=None)
    with pytest.raises(Conflict) as taken:
        sign(world, decision)
    assert taken.value.code == "number_taken"
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.PENDING
    assert not AwardEntry.objects.filter(year=2025).exists()


def test_revocation_keeps_the_history_and_marks_the_money(world, closed):
    decision = signed_decision(world, closed, SIGNED)
    paid = decision.awardees.get(award="CSTD_NGANH")
    services.record_payment(actor=world.vkstc_officer, awardee=paid, paid_on=dt.date(2026, 1, 25))
    with pytest.raises(InvalidData):
        revoke(decision, actor=world.leader, reason="Ngắn")
    with pytest.raises(NotAllowed):
        revoke(decision, actor=world.vkstc_officer)
    revoke(decision, actor=world.leader, version=decision.version, revocation_number="40/QĐ-VKSTC")
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.REVOKED and decision.revocation_reason == REASON
    entries = AwardEntry.objects.filter(decision=decision.record)
    assert entries.count() == 2  # still there
    assert all(e.revoked_on == REVOKED and e.revocation_reason == REASON for e in entries)
    assert {e.revocation_decision for e in entries} == {"40/QĐ-VKSTC"}
    active = ledger_for(world.vkstc_officer, LedgerFilters(year=2025))
    assert not active.filter(decision=decision.record, revoked_on__isnull=True).exists()
    money = dict(decision.awardees.values_list("award", "money_status"))
    assert money == {"CSTD_NGANH": MoneyStatus.TO_RECOVER, "BK_NGANH": MoneyStatus.CANCELLED}
    assert decision.awardees.get(award="CSTD_NGANH").amount == 7_020_000  # amount kept
    services.record_recovery(
        actor=world.vkstc_officer, awardee=decision.awardees.get(award="CSTD_NGANH")
    )
    with pytest.raises(TransitionNotAllowed) as final:
        revoke(decision, actor=world.leader)
    assert final.value.code == "final_state"
    # The awards may be proposed again for that year only by a new, separate procedure: the
    # dossier stays decided, its history intact.
    dossier = closed.items.first().candidate.dossier
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.DECIDED


def test_only_passed_candidates_of_awards_the_level_decides_are_drafted(world):
    dossier = new_dossier(world, awards={world.s.an: "CSTD_NGANH", world.cuc: "CSTD_TQ"})
    for candidate in dossier.candidates.filter(award="CSTD_TQ"):
        from tdkt.nominations.services import components
        from tests.nominations.builders import pdf_upload

        components.upload_component(
            actor=None, dossier=dossier, kind="sang_kien", candidate=candidate, upload=pdf_upload()
        )
    moves.submit_dossier(
        actor=world.kv1_officer, dossier=dossier, version=dossier.version, now=at_noon(DAY)
    )
    moves.receive_dossier(actor=world.qt_officer, dossier=dossier, version=dossier.version)
    moves.forward_dossier(actor=world.qt_officer, dossier=dossier, version=dossier.version)
    moves.receive_dossier(actor=world.vkstc_officer, dossier=dossier, version=dossier.version)
    from tdkt.nominations.services import publicity

    publicity.publish_for_comment(
        actor=world.vkstc_officer,
        dossier=dossier,
        version=dossier.version,
        working_days=10,
        starts_on=DAY,
        now=at_noon(DAY),
    )
    later = dt.date(2026, 1, 26)
    moves.send_to_council(
        actor=world.vkstc_officer, dossier=dossier, version=dossier.version, now=at_noon(later)
    )
    meeting = sitting(world, dossier, held_on=later)
    vote_all(world, meeting, {"Nguyễn Văn An": 10, "Lê Thị Cúc": 10})
    close(world, meeting)
    decision = services.draft_decision(actor=world.vkstc_officer, meeting=meeting)
    assert [a.award for a in decision.awardees.all()] == ["CSTD_NGANH"]  # CSTĐ toàn quốc: the State


def test_reward_money_is_seen_by_the_paying_unit_and_not_by_the_unit_that_proposed(world, closed):
    from django.urls import reverse

    from tests.conftest import login

    decision = signed_decision(world, closed, SIGNED, number="26")
    amount = next(a.amount for a in decision.awardees.all() if a.amount)
    shown = f"{amount:,}".replace(",", ".")
    page = reverse("decisions:decision_detail", args=[decision.pk])
    api = reverse("api:decisions_decision", kwargs={"decision_id": decision.pk})
    paying, proposing = login(world.vkstc_officer), login(world.qt_officer)

    assert "Tiền thưởng" in paying.get(page).content.decode()
    assert shown in paying.get(page).content.decode()
    assert paying.get(api).json()["total"] > 0
    body = proposing.get(page).content.decode()
    assert decision.awardees.first().name in body
    assert "Tiền thưởng" not in body and shown not in body and "Chi trả" not in body
    data = proposing.get(api).json()
    assert data["total"] is None
    assert all(a["amount"] is None and a["money_status"] is None for a in data["awardees"])
