"""Khen thưởng đột xuất on the dossier side: the act (its description and day) on each candidate,
the engine's verdict on it, the shorter path straight to the level that decides, the components
of the simplified procedure with the notes of its unconfirmed parameters, and the ledger marking
the award sudden so that later merit chains leave it out."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from tdkt.decisions import state_awards
from tdkt.eligibility.models import Parameter
from tdkt.errors import InvalidData
from tdkt.nominations.models import DossierStatus
from tdkt.nominations.services import components, dossiers, moves, state
from tdkt.records.models import AwardEntry
from tdkt.workflow.clock import at_noon
from tests.conftest import login
from tests.nominations.builders import (
    DAY,
    MEMBERS,
    close,
    new_dossier,
    pdf_upload,
    signed_decision,
    sitting,
    vote_all,
)

pytestmark = pytest.mark.django_db
ACT_ON = dt.date(2025, 12, 20)
ACT = "Dũng cảm cứu hai người bị đuối nước tại sông Thạch Hãn, được nhân dân địa phương ghi nhận"


def sudden_dossier(w, awards, *, act_on=ACT_ON, achievement=ACT, confirm=True):
    """Khu vực 1's sudden dossier of 2025, each candidate's act confirmed by an upload."""
    dossier = dossiers.create_dossier(actor=w.kv1_officer, unit=w.s.kv1, kind="dot_xuat", year=2025)
    for person, award in awards.items():
        candidate = dossiers.add_candidate(
            actor=w.kv1_officer,
            dossier=dossier,
            version=None,
            award=award,
            person=person,
            achievement=achievement,
            act_on=act_on,
            now=at_noon(DAY),
        )
        if confirm:
            components.upload_component(
                actor=w.kv1_officer,
                dossier=dossier,
                kind="thanh_tich",
                candidate=candidate,
                upload=pdf_upload("xac-nhan-thanh-tich.pdf", "Xác nhận thành tích đột xuất"),
            )
    dossier.refresh_from_db()
    return dossier


def submit(w, dossier):
    moves.submit_dossier(actor=w.kv1_officer, dossier=dossier, version=None, now=at_noon(DAY))
    dossier.refresh_from_db()
    return dossier


def test_sudden_dossier_goes_straight_to_the_level_that_decides_its_awards(world):
    sector_form = submit(world, sudden_dossier(world, {world.s.an: "BK_NGANH"}))
    assert sector_form.receiver == world.s.vkstc  # not hop by hop through the province
    hop = sector_form.hops.get()
    assert (hop.sender, hop.receiver) == (world.s.kv1, world.s.vkstc)
    province_form = submit(world, sudden_dossier(world, {world.cuc: "GIAY_KHEN"}))
    assert province_form.receiver == world.s.quang_tri  # the province decides a Giấy khen
    yearly = new_dossier(world, awards={world.cuc: "BK_NGANH"}, year=2024)
    assert submit(world, yearly).receiver == world.s.quang_tri  # the ordinary path


def test_sudden_verdict_names_the_act_the_council_must_judge(world):
    dossier = sudden_dossier(world, {world.s.an: "BK_NGANH"})
    candidate = dossier.candidates.get()
    assert candidate.verdict_status == "needs_review"
    rules = {r["rule"] for r in candidate.reasons}
    assert rules and all(rule.startswith("sudden.") for rule in rules)
    act = next(r for r in candidate.reasons if r["rule"] == "sudden.act")
    assert act["passed"] is None
    assert f"{ACT} (ngày 20/12/2025)" in act["message"]
    page = login(world.kv1_officer).get(reverse("nominations:dossier_detail", args=[dossier.pk]))
    assert "Hội đồng cần đánh giá thành tích đột xuất" in page.content.decode()


def test_sudden_candidate_without_the_day_of_the_act_cannot_be_sent(world):
    dossier = sudden_dossier(world, {world.s.an: "BK_NGANH"}, act_on=None)
    candidate = dossier.candidates.get()
    timing = next(r for r in candidate.reasons if r["rule"] == "sudden.timing")
    assert "thiếu ngày lập thành tích đột xuất" in timing["message"]
    with pytest.raises(InvalidData) as refused:
        submit(world, dossier)
    assert refused.value.code == "act_required" and "Nguyễn Văn An" in refused.value.message
    dossiers.update_candidate(
        actor=world.kv1_officer,
        candidate=candidate,
        version=dossier.version,
        act_on=ACT_ON,
        now=at_noon(DAY),
    )
    candidate.refresh_from_db()  # judged again at once
    timing = next(r for r in candidate.reasons if r["rule"] == "sudden.timing")
    assert "20/12/2025" in timing["message"]
    assert submit(world, dossier).status == DossierStatus.SUBMITTED


@pytest.mark.parametrize(
    ("kind", "act_on", "message"),
    [
        ("dot_xuat", DAY + dt.timedelta(days=1), "không được sau hôm nay"),
        ("dot_xuat", dt.date(2024, 12, 30), "thuộc năm thành tích của hồ sơ (2025)"),
        ("cong_trang", ACT_ON, "chỉ ghi trong hồ sơ khen thưởng đột xuất"),
    ],
)
def test_sudden_act_day_is_checked(world, kind, act_on, message):
    dossier = dossiers.create_dossier(
        actor=world.kv1_officer, unit=world.s.kv1, kind=kind, year=2025
    )
    with pytest.raises(InvalidData, match=re.escape(message)):
        dossiers.add_candidate(
            actor=world.kv1_officer,
            dossier=dossier,
            version=None,
            award="GIAY_KHEN",
            person=world.s.an,
            achievement=ACT,
            act_on=act_on,
            now=at_noon(DAY),
        )
    assert not dossier.candidates.exists()


def test_sudden_components_follow_the_simplified_procedure(world):
    dossier = sudden_dossier(world, {world.s.an: "GIAY_KHEN", world.cuc: "BK_TTG"}, confirm=False)

    def needed():
        return {
            (line.kind, line.candidate.name if line.candidate else "")
            for line in components.checklist(dossier, DAY)
        }

    assert needed() == {
        ("to_trinh", ""),
        ("thanh_tich", "Nguyễn Văn An"),
        ("thanh_tich", "Lê Thị Cúc"),
        ("bao_cao", "Lê Thị Cúc"),  # the State's form wants the achievement report
    }
    assert components.missing_components(dossier, DAY) == [
        "Xác nhận thành tích đột xuất (Nguyễn Văn An)",
        "Xác nhận thành tích đột xuất (Lê Thị Cúc)",
    ]
    # When the parameter asks the unit's minutes, the simplified procedure asks them too.
    Parameter.objects.filter(
        key="sudden.requires_council_minutes", valid_from=dt.date(2025, 7, 1)
    ).update(value=True)
    assert ("bien_ban", "") in needed()


def test_sudden_procedure_card_shows_the_notes_of_unconfirmed_parameters(world):
    dossier = sudden_dossier(world, {world.s.an: "BK_NGANH"})
    page = login(world.kv1_officer).get(reverse("nominations:dossier_detail", args=[dossier.pk]))
    body = page.content.decode()
    assert "Thủ tục đơn giản (khen thưởng đột xuất)" in body
    assert "Ngay sau khi lập thành tích (chưa có số ngày cụ thể)" in body
    assert "chưa xác nhận" in body  # the M badge
    assert "về thủ tục đơn giản chưa được đối chiếu" in body  # the parameter's own note
    assert "Ngày lập thành tích:" in body and "20/12/2025" in body
    yearly = new_dossier(world, awards={world.cuc: "LDTT"})
    other = login(world.kv1_officer).get(reverse("nominations:dossier_detail", args=[yearly.pk]))
    assert "Thủ tục đơn giản (khen thưởng đột xuất)" not in other.content.decode()


def test_sudden_act_is_entered_and_changed_on_the_screens(world):
    dossier = sudden_dossier(world, {}, confirm=False)
    client = login(world.kv1_officer)
    client.post(
        reverse("nominations:candidate_add", args=[dossier.pk]),
        {
            "person": world.s.an.pk,
            "award": "GIAY_KHEN",
            "achievement": ACT,
            "act_on": "20/12/2025",
            "version": dossier.version,
        },
    )
    candidate = dossier.candidates.get()
    assert candidate.act_on == ACT_ON
    form = client.get(reverse("nominations:candidate_edit", args=[candidate.pk])).content.decode()
    assert "Mô tả thành tích đột xuất" in form and "Ngày lập thành tích" in form
    dossier.refresh_from_db()
    client.post(
        reverse("nominations:candidate_edit", args=[candidate.pk]),
        {"version": dossier.version, "achievement": ACT, "act_on": "21/12/2025"},
    )
    candidate.refresh_from_db()
    assert candidate.act_on == dt.date(2025, 12, 21)
    yearly = new_dossier(world, awards={world.cuc: "LDTT"})
    plain = yearly.candidates.get()
    page = client.get(reverse("nominations:candidate_edit", args=[plain.pk])).content.decode()
    assert "Ngày lập thành tích" not in page


def test_sudden_award_signed_by_the_sector_is_marked_sudden_in_the_ledger(world):
    dossier = submit(world, sudden_dossier(world, {world.s.an: "BK_NGANH"}))
    for move in (moves.receive_dossier, moves.send_to_council):
        move(actor=world.vkstc_officer, dossier=dossier, version=None, now=at_noon(DAY))
    meeting = sitting(world, dossier)
    vote_all(world, meeting, {"Nguyễn Văn An": MEMBERS})
    signed_decision(world, close(world, meeting), dt.date(2026, 1, 20))
    entry = AwardEntry.objects.get(person=world.s.an, award="BK_NGANH", year=2025)
    assert entry.sudden
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.DECIDED


def test_sudden_state_award_enters_the_ledger_as_sudden(world):
    dossier = submit(world, sudden_dossier(world, {world.s.an: "BK_TTG"}))
    assert dossier.receiver == world.s.vkstc  # VKSND tối cao proposes it upward
    for move in (moves.receive_dossier, moves.send_to_council):
        move(actor=world.vkstc_officer, dossier=dossier, version=None, now=at_noon(DAY))
    candidate = dossier.candidates.get()
    moves.record_council_results(actor=world.secretary, results={candidate.pk: True})
    sent_on = dt.date(2026, 1, 14)
    dossier.refresh_from_db()
    state.send_to_state(
        actor=world.vkstc_officer,
        dossier=dossier,
        version=None,
        sent_on=sent_on,
        now=at_noon(sent_on),
    )
    dossier.refresh_from_db()
    state_awards.record_state_decision(
        actor=world.vkstc_officer,
        dossier=dossier,
        number="88/QĐ-TTg",
        decided_on=dt.date(2026, 2, 2),
        signer="thu_tuong",
        signer_name="Trần Quốc Thủ",
        payer="state",
        awarded=[candidate],
        now=at_noon(dt.date(2026, 2, 2)),
    )
    entry = AwardEntry.objects.get(person=world.s.an, award="BK_TTG")
    assert entry.sudden and entry.decision.level == "nha_nuoc"
