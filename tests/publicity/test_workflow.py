"""An example's way to the public site: drafted by a unit, sent up, approved or returned by the
level above (with a coded reason of 20 characters or more), published, taken off again; every
move a transition row and an audit entry; illegal moves, outsiders and stale copies refused."""

from __future__ import annotations

import pytest

from tdkt.audit.models import AuditEntry
from tdkt.errors import Conflict, InvalidData, NotAllowed, TransitionNotAllowed
from tdkt.publicity.models import ExampleStatus, ExampleTransition
from tdkt.publicity.services import examples, moves
from tests.publicity.builders import NOW, data, draft, published, returned, submitted

pytestmark = pytest.mark.django_db
S = ExampleStatus
REASON = "Cần bổ sung số liệu cụ thể về các vụ án đã giải quyết."


def actions_of(example):
    return list(
        AuditEntry.objects.filter(object_type="publicity.example", object_id=str(example.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_a_unit_drafts_an_example_about_one_of_its_people(world):
    example = draft(world)
    assert example.status == S.DRAFT and example.version == 1
    assert example.subject_name == "Nguyễn Văn An"
    assert "nguyen van an" in example.search_text and "tam guong" in example.search_text
    assert actions_of(example) == ["example.created"]


def test_the_whole_way_writes_a_transition_row_and_an_audit_entry_for_each_move(world):
    example = draft(world)
    moves.submit_example(actor=world.kv1_officer, example=example, version=1, now=NOW)
    moves.approve_example(actor=world.qt_officer, example=example, version=2, now=NOW)
    moves.publish_example(actor=world.qt_officer, example=example, version=3, now=NOW)
    example.refresh_from_db()
    assert example.status == S.PUBLISHED and example.published_at == NOW and example.version == 4
    rows = list(
        ExampleTransition.objects.filter(example=example).values_list(
            "from_status", "to_status", "actor_name"
        )
    )
    assert rows == [
        ("draft", "submitted", "tdkt.kv1"),
        ("submitted", "approved", "tdkt.quangtri"),
        ("approved", "published", "tdkt.quangtri"),
    ]
    assert actions_of(example) == [
        "example.created",
        "example.submitted",
        "example.approved",
        "example.published",
    ]


def test_each_move_audits_the_old_and_new_status_the_coded_reason_and_the_unit(world):
    example = draft(world)
    moves.submit_example(actor=world.kv1_officer, example=example, version=1, now=NOW)
    moves.return_example(
        actor=world.qt_officer,
        example=example,
        version=2,
        reason_code="incomplete",
        reason=REASON + "\x07",
        now=NOW,
    )
    entries = AuditEntry.objects.filter(action__in=["example.submitted", "example.returned"])
    assert list(entries.order_by("id").values_list("before", "after", "reason", "unit_id")) == [
        ({"status": "draft"}, {"status": "submitted"}, "", example.unit_id),
        ({"status": "submitted"}, {"status": "returned"}, f"incomplete: {REASON}", example.unit_id),
    ]


def test_only_the_level_above_approves_returns_and_publishes(world):
    example = submitted(world)
    for who in (world.kv1_officer, world.outsider):
        with pytest.raises(NotAllowed):
            moves.approve_example(actor=who, example=example, version=example.version)
        with pytest.raises(NotAllowed):
            moves.return_example(
                actor=who,
                example=example,
                version=example.version,
                reason_code="other",
                reason=REASON,
            )
    # Whoever may approve on the unit's parent: the province, and VKSND tối cao above it.
    moves.approve_example(actor=world.vkstc_officer, example=example, version=example.version)
    with pytest.raises(NotAllowed):
        moves.publish_example(actor=world.kv1_officer, example=example, version=example.version)
    moves.publish_example(actor=world.qt_officer, example=example, version=example.version)
    assert example.status == S.PUBLISHED


def test_a_province_example_goes_to_the_supreme_procuracy(world):
    example = draft(world, unit=world.s.quang_tri, actor=world.qt_officer)
    moves.submit_example(actor=world.qt_officer, example=example, version=example.version)
    with pytest.raises(NotAllowed):
        moves.approve_example(actor=world.qt_officer, example=example, version=example.version)
    moves.approve_example(actor=world.vkstc_officer, example=example, version=example.version)
    assert example.status == S.APPROVED


def test_an_outsider_cannot_draft_for_another_unit(world):
    with pytest.raises(NotAllowed):
        draft(world, actor=world.outsider)


def test_returning_needs_a_reason_code_and_twenty_characters_then_the_unit_resubmits(world):
    example = submitted(world)
    with pytest.raises(InvalidData) as no_code:
        moves.return_example(
            actor=world.qt_officer,
            example=example,
            version=example.version,
            reason_code="",
            reason=REASON,
        )
    assert no_code.value.code == "reason_required"
    with pytest.raises(InvalidData) as short:
        moves.return_example(
            actor=world.qt_officer,
            example=example,
            version=example.version,
            reason_code="incomplete",
            reason="Thiếu số liệu",
        )
    assert short.value.code == "reason_required"
    example.refresh_from_db()
    assert example.status == S.SUBMITTED
    moves.return_example(
        actor=world.qt_officer,
        example=example,
        version=example.version,
        reason_code="incomplete",
        reason=REASON,
    )
    row = example.transitions.get(to_status=S.RETURNED)
    assert (row.reason_code, row.reason) == ("incomplete", REASON)
    assert AuditEntry.objects.get(action="example.returned").reason == f"incomplete: {REASON}"
    examples.update_example(
        actor=world.kv1_officer,
        example=example,
        data=data(world, summary="Đã bổ sung: 45 vụ án, 100% đúng hạn, không oan sai."),
        version=example.version,
    )
    moves.submit_example(actor=world.kv1_officer, example=example, version=example.version)
    assert example.status == S.SUBMITTED


@pytest.mark.parametrize(
    ("build", "step"),
    [
        ("draft", moves.approve_example),
        ("draft", moves.publish_example),
        ("submitted", moves.publish_example),
        ("submitted", moves.submit_example),
        ("published", moves.approve_example),
        ("published", moves.submit_example),
    ],
)
def test_moves_outside_the_table_are_refused(world, build, step):
    example = {"draft": draft, "submitted": submitted, "published": published}[build](world)
    with pytest.raises(TransitionNotAllowed) as refused:
        step(actor=None, example=example, version=example.version)
    assert refused.value.code == "invalid_transition"


def test_a_stale_copy_is_refused_and_nothing_changes(world):
    example = submitted(world)
    stale = example.version
    moves.return_example(
        actor=world.qt_officer, example=example, version=stale, reason_code="other", reason=REASON
    )
    with pytest.raises(Conflict) as conflict:
        moves.approve_example(actor=world.qt_officer, example=example, version=stale)
    assert conflict.value.code == "stale_version"
    example.refresh_from_db()
    assert example.status == S.RETURNED
    assert not example.transitions.filter(to_status=S.APPROVED).exists()


def test_unpublishing_needs_a_reason_the_unit_itself_may_do_it_and_it_may_come_back(world):
    example = published(world)
    with pytest.raises(InvalidData):
        moves.unpublish_example(
            actor=world.kv1_officer,
            example=example,
            version=example.version,
            reason_code="privacy",
            reason="Lộ",
        )
    with pytest.raises(NotAllowed):
        moves.unpublish_example(
            actor=world.outsider,
            example=example,
            version=example.version,
            reason_code="privacy",
            reason=REASON,
        )
    moves.unpublish_example(
        actor=world.kv1_officer,
        example=example,
        version=example.version,
        reason_code="privacy",
        reason="Ảnh có biển số xe của người dân, cần thay ảnh khác.",
    )
    assert example.status == S.UNPUBLISHED
    moves.return_example(
        actor=world.qt_officer,
        example=example,
        version=example.version,
        reason_code="photos",
        reason=REASON,
    )
    assert example.status == S.RETURNED
    assert actions_of(example)[-2:] == ["example.unpublished", "example.returned"]


def test_contents_change_only_while_draft_or_returned(world):
    example = submitted(world)
    with pytest.raises(TransitionNotAllowed):
        examples.update_example(
            actor=world.kv1_officer, example=example, data=data(world), version=example.version
        )
    example = returned(world, title="Mô hình tiếp công dân kiểu mới ở khu vực 1")
    examples.update_example(
        actor=world.kv1_officer,
        example=example,
        data=data(world, title="Tấm gương Kiểm sát viên tận tụy (bản sửa)"),
        version=example.version,
    )
    example.refresh_from_db()
    assert example.title == "Tấm gương Kiểm sát viên tận tụy (bản sửa)"
    assert "ban sua" in example.search_text


def test_the_subject_must_belong_to_the_unit(world):
    with pytest.raises(InvalidData) as person:
        draft(world, person=world.s.binh)
    assert person.value.code == "subject_outside_unit"
    with pytest.raises(InvalidData) as collective:
        draft(world, kind="collective", person=None, collective=world.s.ben_tre)
    assert collective.value.code == "subject_outside_unit"
    with pytest.raises(InvalidData):
        draft(world, kind="model", person=None, model_name="  ")
    model = draft(world, kind="model", person=None, model_name="Phòng tiếp công dân số")
    assert model.subject_name == "Phòng tiếp công dân số"
    # Someone who worked in a unit the region succeeded counts too (An was in Đồng Hới).
    old = draft(world, unit=world.s.quang_tri, actor=world.qt_officer, year=2023)
    assert old.person == world.s.an


def test_linked_awards_must_be_the_subjects_own_and_not_revoked(world):
    from tdkt.records.models import AwardEntry

    ldtt = AwardEntry.objects.get(person=world.s.an, award="LDTT")
    province = AwardEntry.objects.get(unit=world.s.quang_binh)
    example = draft(world, awards=[ldtt])
    assert list(example.awards.all()) == [ldtt]
    with pytest.raises(InvalidData) as other:
        draft(world, awards=[province])
    assert other.value.code == "award_not_held"


def test_linked_movements_must_have_been_launched(world):
    from tdkt.movements.services import movements as mv
    from tests.movements.conftest import data as movement_data

    plan = mv.create_movement(
        actor=None, issuer=world.s.quang_tri, data=movement_data(name="Dự thảo")
    )
    with pytest.raises(InvalidData) as refused:
        draft(world, movements=[plan])
    assert refused.value.code == "movement_not_launched"


def test_spreading_is_recorded_by_the_unit_or_the_level_above(world):
    import datetime as dt

    example = published(world)
    spread = examples.record_spread(
        actor=world.qt_officer,
        example=example,
        unit=world.s.kv1,
        on=dt.date(2026, 2, 10),
        method="hoi_nghi",
        note="Giới thiệu tại hội nghị tổng kết",
        result="12 đơn vị đăng ký áp dụng",
        version=example.version,
        now=NOW,
    )
    assert spread.example == example and example.spreads.count() == 1
    with pytest.raises(Exception):  # noqa: B017 — NotAllowed for an outsider
        examples.record_spread(
            actor=world.outsider,
            example=example,
            unit=world.s.ben_tre,
            on=dt.date(2026, 2, 10),
            method="hoi_nghi",
            version=example.version,
            now=NOW,
        )
    with pytest.raises(InvalidData) as early:
        examples.record_spread(
            actor=world.kv1_officer,
            example=example,
            unit=world.s.kv1,
            on=dt.date(2024, 12, 31),
            method="tap_huan",
            version=example.version,
            now=NOW,
        )
    assert early.value.code == "date_out_of_range"
    assert "example.spread_recorded" in actions_of(example)
