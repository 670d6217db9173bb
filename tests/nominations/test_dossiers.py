"""A dossier's life: candidates with the engine's verdict, submission checks, every move of the
table and the refusals, optimistic locking."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from tdkt.audit.models import AuditEntry
from tdkt.errors import Conflict, InvalidData, NotAllowed, TransitionNotAllowed
from tdkt.nominations.models import (
    DOSSIER_TRANSITIONS,
    Candidate,
    DossierStatus,
    DossierTransition,
    HopOutcome,
)
from tdkt.nominations.services import dossiers, moves
from tdkt.records import services as records
from tdkt.workflow.clock import at_noon
from tests.conftest import make_user
from tests.nominations.builders import (
    DAY,
    MISSING_MINUTES,
    new_dossier,
    return_to_kv1,
    to_vkstc_council,
)

pytestmark = pytest.mark.django_db
S = DossierStatus
REASON = MISSING_MINUTES


def draft(world, year: int = 2025):
    """An empty dossier of Khu vực 1, opened by its officer."""
    return dossiers.create_dossier(
        actor=world.kv1_officer, unit=world.s.kv1, kind="cong_trang", year=year
    )


def propose_an(world, dossier, **more):
    """Khu vực 1's officer proposes Nguyễn Văn An for CSTĐ ngành on DAY."""
    return dossiers.add_candidate(
        actor=world.kv1_officer,
        dossier=dossier,
        version=None,
        award="CSTD_NGANH",
        person=world.s.an,
        now=at_noon(DAY),
        **more,
    )


def test_a_candidate_is_stored_with_the_engines_verdict_and_regime(world):
    dossier = new_dossier(world, awards={world.s.an: "LDTT"})
    candidate = dossier.candidates.get()
    assert candidate.verdict_status == "eligible"
    assert candidate.verdict_regime == "2025-07"
    assert candidate.verdict_as_of == DAY
    assert {r["rule"] for r in candidate.reasons} >= {"ldtt.rating", "ldtt.no_discipline"}
    assert candidate.position and candidate.unit_name == world.s.kv1.name


def test_it_refuses_a_second_proposal_of_the_same_award_and_year(world):
    new_dossier(world, awards={world.s.an: "LDTT"})
    other = draft(world)
    with pytest.raises(Conflict, match="đã được đề nghị"):
        dossiers.add_candidate(
            actor=world.kv1_officer,
            dossier=other,
            version=other.version,
            award="LDTT",
            person=world.s.an,
        )


def test_it_refuses_an_award_already_in_the_ledger(world):
    dossier = draft(world, 2023)
    with pytest.raises(Conflict, match="sổ khen thưởng"):
        dossiers.add_candidate(
            actor=world.kv1_officer, dossier=dossier, version=None, award="LDTT", person=world.s.an
        )


def test_it_refuses_candidates_outside_the_unit_awards_of_another_kind_or_subject(world):
    s = world.s
    dossier = draft(world)
    with pytest.raises(InvalidData, match="thuộc đơn vị lập hồ sơ"):
        dossiers.add_candidate(
            actor=None, dossier=dossier, version=None, award="LDTT", person=s.binh
        )
    with pytest.raises(InvalidData, match="không xét cho tập thể"):
        dossiers.add_candidate(actor=None, dossier=dossier, version=None, award="LDTT", unit=s.kv1)
    with pytest.raises(InvalidData, match="không đề nghị"):
        dossiers.add_candidate(
            actor=None, dossier=dossier, version=None, award="KNC_VSNKS", person=s.an
        )


def test_an_outsider_cannot_act_on_the_unit(world, outsider):
    with pytest.raises(NotAllowed):
        dossiers.create_dossier(actor=outsider, unit=world.s.kv1, kind="cong_trang", year=2025)


def test_submission_stores_every_verdict_and_needs_a_justification_for_the_ineligible(world):
    dossier = draft(world)
    propose_an(world, dossier)
    candidate = dossier.candidates.get()
    assert candidate.verdict_status == "ineligible"
    from tdkt.nominations.services import components
    from tests.nominations.builders import pdf_upload

    components.upload_component(actor=None, dossier=dossier, kind="bien_ban", upload=pdf_upload())
    components.upload_component(
        actor=None, dossier=dossier, kind="sang_kien", candidate=candidate, upload=pdf_upload()
    )
    dossier.refresh_from_db()
    with pytest.raises(InvalidData, match="giải trình") as refused:
        moves.submit_dossier(
            actor=world.kv1_officer, dossier=dossier, version=dossier.version, now=at_noon(DAY)
        )
    assert refused.value.code == "justification_required"
    dossier.refresh_from_db()
    assert dossier.status == S.DRAFT
    dossiers.update_candidate(
        actor=world.kv1_officer,
        candidate=candidate,
        version=dossier.version,
        justification="Đơn vị đề nghị vì thành tích đặc biệt xuất sắc trong năm 2025.",
    )
    dossier.refresh_from_db()
    moves.submit_dossier(
        actor=world.kv1_officer, dossier=dossier, version=dossier.version, now=at_noon(DAY)
    )
    dossier.refresh_from_db()
    assert dossier.status == S.SUBMITTED and dossier.receiver == world.s.quang_tri
    assert dossier.verdicts_as_of == DAY
    entry = AuditEntry.objects.get(action="dossier.submitted")
    assert entry.after["verdicts"] == {"Nguyễn Văn An": "ineligible"}


def test_submission_refuses_a_dossier_with_missing_components(world):
    dossier = new_dossier(world, awards={world.s.an: "LDTT"}, minutes=False)
    with pytest.raises(InvalidData, match="Biên bản họp xét") as refused:
        moves.submit_dossier(
            actor=world.kv1_officer, dossier=dossier, version=dossier.version, now=at_noon(DAY)
        )
    assert refused.value.code == "missing_components"


def test_submission_refuses_an_empty_dossier(world):
    dossier = draft(world)
    with pytest.raises(InvalidData, match="chưa có người"):
        moves.submit_dossier(
            actor=world.kv1_officer, dossier=dossier, version=None, now=at_noon(DAY)
        )


def test_caps_count_every_proposal_of_the_unit(world, monkeypatch):
    """TTLĐXS: at most 20 % of the units rated TTLĐTT (at least 1) — here the engine's cap
    report is 0 for the unit's subtree, so one proposal is over it."""
    from tdkt.nominations.services import verdicts as module
    from tdkt.rules.caps import CapReport
    from tdkt.rules.codes import Award

    class Result:
        caps = [CapReport(Award.TTLDXS, 0, 0, 0, "Thông tư 02/2024/TT-VKSTC, Điều 18 khoản 2")]

    monkeypatch.setattr(module, "run_scan", lambda **kw: Result())
    dossier = draft(world)
    Candidate.objects.create(dossier=dossier, unit=world.s.kv1, award="TTLDXS", name="KV1")
    with pytest.raises(Conflict, match="Vượt tỷ lệ") as refused:
        module.check_caps(dossier, DAY)
    assert refused.value.code == "over_quota"


# Noon of DAY in Hà Nội: the moves this test leaves to the clock happen at the moment it pins.
@time_machine.travel(dt.datetime(2026, 1, 12, 5, tzinfo=dt.UTC), tick=False)
def test_the_whole_route_up_and_back(world):
    """draft → submitted → received → returned → submitted → received → submitted (forwarded) →
    received → council review; each move one transition row with who and when."""
    s = world.s
    dossier = new_dossier(world, awards={s.an: "LDTT"})
    moves.submit_dossier(
        actor=world.kv1_officer, dossier=dossier, version=dossier.version, now=at_noon(DAY)
    )
    moves.receive_dossier(actor=world.qt_officer, dossier=dossier, version=dossier.version)
    with pytest.raises(InvalidData, match="ít nhất 20") as short:
        return_to_kv1(world, dossier, reason="Thiếu hồ sơ")
    assert short.value.code == "reason_required"
    with pytest.raises(InvalidData):
        return_to_kv1(world, dossier, reason_code="")
    return_to_kv1(world, dossier)
    assert dossier.status == S.RETURNED
    last = dossier.transitions.last()
    assert (last.from_status, last.to_status, last.reason_code, last.reason) == (
        S.RECEIVED,
        S.RETURNED,
        "missing_documents",
        REASON,
    )
    assert last.actor == world.qt_officer and last.actor_name == "tdkt.quangtri"
    moves.submit_dossier(
        actor=world.kv1_officer, dossier=dossier, version=dossier.version, now=at_noon(DAY)
    )
    moves.receive_dossier(actor=world.qt_officer, dossier=dossier, version=dossier.version)
    moves.forward_dossier(actor=world.qt_officer, dossier=dossier, version=dossier.version)
    assert dossier.status == S.SUBMITTED and dossier.receiver == s.vkstc
    moves.receive_dossier(actor=world.vkstc_officer, dossier=dossier, version=dossier.version)
    moves.send_to_council(
        actor=world.vkstc_officer, dossier=dossier, version=dossier.version, now=at_noon(DAY)
    )
    steps = list(dossier.transitions.values_list("from_status", "to_status"))
    assert steps == [
        (S.DRAFT, S.SUBMITTED),
        (S.SUBMITTED, S.RECEIVED),
        (S.RECEIVED, S.RETURNED),
        (S.RETURNED, S.SUBMITTED),
        (S.SUBMITTED, S.RECEIVED),
        (S.RECEIVED, S.SUBMITTED),
        (S.SUBMITTED, S.RECEIVED),
        (S.RECEIVED, S.COUNCIL_REVIEW),
    ]
    hops = list(dossier.hops.values_list("sender__code", "receiver__code", "outcome"))
    assert hops == [
        ("KV-QT-01", "T25-QT", HopOutcome.RETURNED),
        ("KV-QT-01", "T25-QT", HopOutcome.FORWARDED),
        ("T25-QT", "VKSTC", HopOutcome.COUNCIL),
    ]
    assert dossier.version == 1 + 1 + 8  # the candidate, then one per move


def test_the_author_withdraws_before_it_is_taken_in_and_then_nothing_moves(world):
    dossier = new_dossier(world, awards={world.s.an: "LDTT"})
    moves.submit_dossier(
        actor=world.kv1_officer, dossier=dossier, version=dossier.version, now=at_noon(DAY)
    )
    moves.withdraw_dossier(
        actor=world.kv1_officer,
        dossier=dossier,
        version=dossier.version,
        reason_code="other",
        reason="Đơn vị rút để bổ sung thành tích cho đợt sau.",
    )
    assert dossier.status == S.WITHDRAWN
    with pytest.raises(TransitionNotAllowed) as final:
        moves.submit_dossier(
            actor=world.kv1_officer, dossier=dossier, version=dossier.version, now=at_noon(DAY)
        )
    assert final.value.code == "final_state"


@pytest.mark.parametrize(
    ("status", "service"),
    [
        (S.DRAFT, "receive_dossier"),
        (S.DRAFT, "forward_dossier"),
        (S.SUBMITTED, "send_to_council"),
        (S.SUBMITTED, "submit_dossier"),
        (S.RECEIVED, "receive_dossier"),
        (S.RECEIVED, "withdraw_dossier"),
        (S.COUNCIL_REVIEW, "receive_dossier"),
        (S.COUNCIL_REVIEW, "send_to_council"),
    ],
)
def test_moves_outside_the_table_are_refused(world, status, service):
    dossier = new_dossier(world, awards={world.s.an: "LDTT"})
    dossier.status = status
    dossier.receiver = world.s.quang_tri
    dossier.save(update_fields=["status", "receiver"])
    assert service and status in DOSSIER_TRANSITIONS
    kwargs = {"actor": None, "dossier": dossier, "version": dossier.version, "now": at_noon(DAY)}
    if service == "withdraw_dossier":
        kwargs |= {"reason_code": "other", "reason": REASON}
    with pytest.raises(TransitionNotAllowed) as refused:
        getattr(moves, service)(**kwargs)
    assert refused.value.code == "invalid_transition"
    assert not DossierTransition.objects.filter(dossier=dossier).exists()


def test_a_stale_edit_is_refused_and_nothing_is_saved(world):
    dossier = new_dossier(world, awards={world.s.an: "LDTT"})
    seen = dossier.version
    dossiers.update_dossier(
        actor=world.kv1_officer, dossier=dossier, version=seen, title="Bản của người thứ nhất"
    )
    with pytest.raises(Conflict, match="người khác thay đổi") as stale:
        dossiers.update_dossier(
            actor=world.kv1_officer, dossier=dossier, version=seen, title="Bản của người thứ hai"
        )
    assert stale.value.code == "stale_version"
    dossier.refresh_from_db()
    assert dossier.title == "Bản của người thứ nhất"
    with pytest.raises(Conflict):
        moves.submit_dossier(
            actor=world.kv1_officer, dossier=dossier, version=seen, now=at_noon(DAY)
        )
    dossier.refresh_from_db()
    assert dossier.status == S.DRAFT


def test_only_the_receiving_level_takes_in_or_returns(world, outsider):
    dossier = new_dossier(world, awards={world.s.an: "LDTT"})
    moves.submit_dossier(
        actor=world.kv1_officer, dossier=dossier, version=dossier.version, now=at_noon(DAY)
    )
    for user in (
        world.kv1_officer,
        outsider,
        world.vkstc_officer.__class__.objects.get(username="hd.0"),
    ):
        with pytest.raises(NotAllowed):
            moves.receive_dossier(actor=user, dossier=dossier, version=dossier.version)


def test_the_council_results_settle_a_dossier_nobody_passed(world):
    dossier = new_dossier(world, awards={world.s.an: "LDTT"})
    to_vkstc_council(world, dossier)
    candidate = dossier.candidates.get()
    moves.record_council_results(actor=None, results={candidate.pk: False})
    dossier.refresh_from_db()
    assert dossier.status == S.DECIDED
    assert dossier.is_final


def test_forwarding_after_the_council_needs_results(world):
    dossier = new_dossier(world, awards={world.s.an: "LDTT"})
    moves.submit_dossier(
        actor=world.kv1_officer, dossier=dossier, version=dossier.version, now=at_noon(DAY)
    )
    moves.receive_dossier(actor=world.qt_officer, dossier=dossier, version=dossier.version)
    moves.send_to_council(
        actor=world.qt_officer, dossier=dossier, version=dossier.version, now=at_noon(DAY)
    )
    with pytest.raises(TransitionNotAllowed, match="Hội đồng đã xét xong"):
        moves.forward_dossier(actor=world.qt_officer, dossier=dossier, version=dossier.version)
    dossier.candidates.update(council_result="passed")
    moves.forward_dossier(actor=world.qt_officer, dossier=dossier, version=dossier.version)
    assert dossier.status == S.SUBMITTED and dossier.receiver == world.s.vkstc


def test_the_top_level_cannot_forward(world):
    dossier = new_dossier(world, awards={world.s.an: "LDTT"})
    to_vkstc_council(world, dossier)
    dossier.status = S.RECEIVED
    dossier.save(update_fields=["status"])
    with pytest.raises(TransitionNotAllowed, match="cấp cao nhất"):
        moves.forward_dossier(actor=world.vkstc_officer, dossier=dossier, version=dossier.version)


def test_an_initiative_used_by_an_award_in_force_cannot_be_the_basis_again(world):
    import datetime as dt

    initiative = records.record_initiative(
        actor=None,
        code="SK-2025-01",
        kind="sang_kien",
        title="Sổ tay kiểm sát điện tử",
        scope="nganh",
        year=2025,
        recognized_on=dt.date(2025, 10, 1),
        authors=[world.s.an],
    )
    entry = records.record_award(
        actor=None,
        award="CSTDCS",
        year=2023,
        decision=world.s.an.awards.first().decision,
        person=world.s.an,
    )
    records.use_initiatives(actor=None, entry=entry, initiatives=[initiative])
    dossier = draft(world)
    with pytest.raises(Conflict, match="đã được dùng"):
        propose_an(world, dossier, initiatives=[initiative])
    assert not Candidate.objects.filter(dossier=dossier).exists()
    make_user("x.unused", None, None)


def test_a_movement_dossier_names_a_movement_of_its_unit_or_above(world):
    from tests.movements.permissions import qt_movement

    movement = qt_movement(world.s)  # launched by VKSND tỉnh Quảng Trị to its khu vực
    dossier = dossiers.create_dossier(
        actor=world.kv1_officer, unit=world.s.kv1, kind="phong_trao", year=2026, movement=movement
    )
    assert dossier.movement == movement and "phong trào thi đua năm 2026" in dossier.title
    with pytest.raises(InvalidData, match="theo phong trào"):
        dossiers.create_dossier(
            actor=world.kv1_officer,
            unit=world.s.kv1,
            kind="cong_trang",
            year=2026,
            movement=movement,
        )
    with pytest.raises(InvalidData, match="không do đơn vị"):
        dossiers.create_dossier(
            actor=None, unit=world.s.binh_dai, kind="phong_trao", year=2026, movement=movement
        )
