"""The award workflow's views for the project's permission registry (tests/test_permissions.py).

Every object is on the insiders' side (the new VKSND tỉnh Quảng Trị): a dossier of its Khu vực 1
taken in by the province, with an uploaded file and a public comment period; the province's
council with a sitting that voted; and the province's signed decision with its awardee. Builders
find what an earlier one made, so one test builds the world once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

DAY = dt.date(2026, 1, 12)


def _officer_kv1(s: Any) -> Any:
    from tdkt.accounts.models import Role, User
    from tests.conftest import make_user

    return User.objects.filter(username="perm.kv1").first() or make_user(
        "perm.kv1", Role.OFFICER, s.kv1
    )


def qt_dossier(s: Any) -> Any:
    """Khu vực 1's dossier (An, Lao động tiên tiến 2025), received by the province."""
    from tdkt.nominations.models import Dossier
    from tdkt.nominations.services import components, dossiers, moves
    from tdkt.records import services as records
    from tdkt.workflow.clock import at_noon
    from tests.nominations.builders import pdf_upload

    found = Dossier.objects.filter(unit=s.kv1, title="Hồ sơ kiểm tra quyền").first()
    if found:
        return found
    records.record_rating(actor=None, person=s.an, year=2025, rating="HTT")
    dossier = dossiers.create_dossier(
        actor=None, unit=s.kv1, kind="cong_trang", year=2025, title="Hồ sơ kiểm tra quyền"
    )
    dossiers.add_candidate(
        actor=None,
        dossier=dossier,
        version=None,
        award="LDTT",
        person=s.an,
        achievement="Hoàn thành tốt nhiệm vụ được giao.",
        now=at_noon(DAY),
    )
    components.upload_component(actor=None, dossier=dossier, kind="bien_ban", upload=pdf_upload())
    dossier.refresh_from_db()
    moves.submit_dossier(actor=None, dossier=dossier, version=None, now=at_noon(DAY))
    moves.receive_dossier(actor=None, dossier=dossier, version=None)
    from tdkt.nominations.services import publicity

    publicity.publish_for_comment(
        actor=None, dossier=dossier, version=None, working_days=5, starts_on=DAY, now=at_noon(DAY)
    )
    dossier.refresh_from_db()
    return dossier


def qt_state_dossier(s: Any) -> Any:
    """The province's own dossier (An, Bằng khen Thủ tướng 2025): passed by the sector's council
    and sent to the Government, waiting for its decision."""
    from tdkt.nominations.models import Dossier
    from tdkt.nominations.services import components, dossiers, moves, state
    from tdkt.workflow.clock import at_noon
    from tests.nominations.builders import pdf_upload

    found = Dossier.objects.filter(unit=s.quang_tri, title="Hồ sơ trình Nhà nước").first()
    if found:
        return found
    dossier = dossiers.create_dossier(
        actor=None, unit=s.quang_tri, kind="cong_trang", year=2025, title="Hồ sơ trình Nhà nước"
    )
    candidate = dossiers.add_candidate(
        actor=None, dossier=dossier, version=None, award="BK_TTG", person=s.an, now=at_noon(DAY)
    )
    dossiers.update_candidate(
        actor=None,
        candidate=candidate,
        version=None,
        justification="Thành tích xuất sắc, đơn vị đề nghị Hội đồng ngành xem xét.",
    )
    components.upload_component(actor=None, dossier=dossier, kind="bien_ban", upload=pdf_upload())
    dossier.refresh_from_db()
    for move in (moves.submit_dossier, moves.receive_dossier, moves.send_to_council):
        move(actor=None, dossier=dossier, version=None, now=at_noon(DAY))
    moves.record_council_results(actor=None, results={candidate.pk: True})
    state.send_to_state(actor=None, dossier=dossier, version=None, sent_on=DAY, now=at_noon(DAY))
    dossier.refresh_from_db()
    return dossier


def qt_candidate(s: Any) -> Any:
    return qt_dossier(s).candidates.first()


def qt_component(s: Any) -> Any:
    return qt_dossier(s).components.first()


def qt_council(s: Any) -> Any:
    from tdkt.council import services
    from tdkt.council.models import Council
    from tdkt.people import services as people
    from tests.conftest import make_user

    found = Council.objects.filter(unit=s.quang_tri).first()
    if found:
        return found
    council = services.create_council(
        actor=None,
        unit=s.quang_tri,
        name="Hội đồng Thi đua - Khen thưởng VKSND tỉnh Quảng Trị",
        established_on=dt.date(2025, 7, 1),
    )
    for i in range(3):
        person = people.create_person(
            actor=None,
            full_name=f"Hoàng Văn Ủy Viên {i}",
            gender="male",
            birth_date=dt.date(1975, 1, 1 + i),
            unit=s.quang_tri,
            post_kind="truong_phong",
            position_from=dt.date(2025, 7, 1),
        )
        services.add_member(
            actor=None,
            council=council,
            person=person,
            role="uy_vien",
            valid_from=dt.date(2025, 7, 1),
        )
        make_user(f"perm.hd{i}", None, None, person=person)
    return council


def qt_meeting(s: Any) -> Any:
    """The province's sitting on the dossier: everyone present, everyone approved, closed."""
    from tdkt.accounts.models import User
    from tdkt.council import services
    from tdkt.nominations.services import moves
    from tdkt.workflow.clock import at_noon
    from tests.nominations.builders import BALLOT_PASSPHRASE

    council = qt_council(s)
    found = council.meetings.first()
    if found:
        return found
    dossier = qt_dossier(s)
    later = DAY + dt.timedelta(days=14)
    moves.send_to_council(actor=None, dossier=dossier, version=None, now=at_noon(later))
    meeting = services.schedule_meeting(actor=None, council=council, number="1", held_on=later)
    services.add_to_agenda(actor=None, meeting=meeting, dossier=dossier, version=None)
    members = set(council.memberships.values_list("pk", flat=True))
    services.record_attendance(actor=None, meeting=meeting, version=None, present=members)
    services.open_meeting(
        actor=None, meeting=meeting, version=None, passphrase=BALLOT_PASSPHRASE, now=at_noon(later)
    )
    item = meeting.items.get()
    for user in User.objects.filter(username__startswith="perm.hd"):
        services.cast_votes(actor=user, meeting=meeting, choices={item.pk: "approve"})
    services.close_meeting(actor=None, meeting=meeting, version=None, passphrase=BALLOT_PASSPHRASE)
    meeting.refresh_from_db()
    return meeting


def qt_decision(s: Any) -> Any:
    from tdkt.decisions import services
    from tdkt.decisions.models import Decision
    from tdkt.workflow.clock import at_noon

    found = Decision.objects.filter(issuer=s.quang_tri).first()
    if found:
        return found
    meeting = qt_meeting(s)
    decision = services.draft_decision(actor=None, meeting=meeting)
    services.submit_for_signature(actor=None, decision=decision, version=None)
    day = DAY + dt.timedelta(days=20)
    services.sign_decision(
        actor=None,
        decision=decision,
        version=None,
        number="7",
        signed_on=day,
        signer_name="Trần Văn Ký",
        now=at_noon(day),
    )
    decision.refresh_from_db()
    return decision


def qt_awardee(s: Any) -> Any:
    return qt_decision(s).awardees.first()


AWARD_VIEWS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "nominations:dossier_list": lambda s: {},
    "nominations:dossier_create": lambda s: {},
    "nominations:dossier_detail": lambda s: {"pk": qt_dossier(s).pk},
    "nominations:proposal_docx": lambda s: {"pk": qt_dossier(s).pk},
    "nominations:candidate_edit": lambda s: {"pk": qt_candidate(s).pk},
    "nominations:report_docx": lambda s: {"pk": qt_candidate(s).pk},
    "nominations:component_download": lambda s: {"pk": qt_component(s).pk},
    "council:council_list": lambda s: {},
    "council:council_detail": lambda s: {"pk": qt_council(s).pk},
    "council:meeting_detail": lambda s: {"pk": qt_meeting(s).pk},
    "council:minutes_docx": lambda s: {"pk": qt_meeting(s).pk},
    "council:meeting_agenda": lambda s: {"pk": qt_meeting(s).pk},
    "decisions:decision_list": lambda s: {},
    "decisions:decision_detail": lambda s: {"pk": qt_decision(s).pk},
    "decisions:decision_docx": lambda s: {"pk": qt_decision(s).pk},
    "decisions:list_docx": lambda s: {"pk": qt_decision(s).pk},
    "decisions:list_xlsx": lambda s: {"pk": qt_decision(s).pk},
    "decisions:certificates_pdf": lambda s: {"pk": qt_decision(s).pk},
    "decisions:certificate_pdf": lambda s: {"pk": qt_awardee(s).pk},
    "decisions:layout_edit": lambda s: {"unit_pk": s.quang_tri.pk},
    "decisions:state_record": lambda s: {"pk": qt_state_dossier(s).pk},
    "nominations:state_waiting": lambda s: {},
    "notifications:list": lambda s: {},
}
# Lists an outsider opens with his own rows only; the notifications are the user's own.
AWARD_LISTS = {
    "nominations:dossier_list",
    "nominations:dossier_create",
    "nominations:state_waiting",
    "council:council_list",
    "decisions:decision_list",
    "notifications:list",
}
AWARD_OWN_RECORD = {"notifications:list"}
# POST-only actions: a GET answers 404 to whoever may not act, 405 to whoever may
# (tests/nominations/test_views.py).
AWARD_POST_ONLY: dict[str, Callable[[Any], dict[str, Any]]] = {
    "nominations:dossier_edit": lambda s: {"pk": qt_dossier(s).pk},
    "nominations:candidate_add": lambda s: {"pk": qt_dossier(s).pk},
    "nominations:dossier_check": lambda s: {"pk": qt_dossier(s).pk},
    "nominations:dossier_submit": lambda s: {"pk": qt_dossier(s).pk},
    "nominations:dossier_withdraw": lambda s: {"pk": qt_dossier(s).pk},
    "nominations:dossier_receive": lambda s: {"pk": qt_dossier(s).pk},
    "nominations:dossier_return": lambda s: {"pk": qt_dossier(s).pk},
    "nominations:dossier_forward": lambda s: {"pk": qt_dossier(s).pk},
    "nominations:dossier_to_council": lambda s: {"pk": qt_dossier(s).pk},
    "nominations:dossier_publish": lambda s: {"pk": qt_dossier(s).pk},
    "nominations:dossier_to_state": lambda s: {"pk": qt_dossier(s).pk},
    "nominations:component_upload": lambda s: {"pk": qt_dossier(s).pk},
    "nominations:candidate_remove": lambda s: {"pk": qt_candidate(s).pk},
    "council:council_create": lambda s: {},
    "council:member_add": lambda s: {"pk": qt_council(s).pk},
    "council:member_end": lambda s: {"pk": qt_council(s).pk},
    "council:meeting_create": lambda s: {"pk": qt_council(s).pk},
    "council:meeting_agenda_add": lambda s: {"pk": qt_meeting(s).pk},
    "council:meeting_attendance": lambda s: {"pk": qt_meeting(s).pk},
    "council:meeting_written": lambda s: {"pk": qt_meeting(s).pk},
    "council:meeting_open": lambda s: {"pk": qt_meeting(s).pk},
    "council:meeting_postpone": lambda s: {"pk": qt_meeting(s).pk},
    "council:meeting_close": lambda s: {"pk": qt_meeting(s).pk},
    "council:meeting_restart": lambda s: {"pk": qt_meeting(s).pk},
    "council:meeting_cap": lambda s: {"pk": qt_meeting(s).pk},
    "council:meeting_round": lambda s: {"pk": qt_meeting(s).pk},
    "council:meeting_end": lambda s: {"pk": qt_meeting(s).pk},
    "council:meeting_minutes_issue": lambda s: {"pk": qt_meeting(s).pk},
    "decisions:decision_draft": lambda s: {"meeting_pk": qt_meeting(s).pk},
    "decisions:decision_edit": lambda s: {"pk": qt_decision(s).pk},
    "decisions:decision_submit": lambda s: {"pk": qt_decision(s).pk},
    "decisions:decision_return": lambda s: {"pk": qt_decision(s).pk},
    "decisions:decision_sign": lambda s: {"pk": qt_decision(s).pk},
    "decisions:decision_revoke": lambda s: {"pk": qt_decision(s).pk},
    "decisions:awardee_paid": lambda s: {"pk": qt_awardee(s).pk},
    "decisions:awardee_recovered": lambda s: {"pk": qt_awardee(s).pk},
    "decisions:awardee_revoke": lambda s: {"pk": qt_awardee(s).pk},
    "notifications:mark_read": lambda s: {},
}
# Not in the generic registry, each with its own tests: the public pages (no login,
# tests/nominations/test_public.py), the member's own ballot paper (tests/council/test_views.py)
# and opening one's own notification (tests/nominations/test_notifications.py).
AWARD_PUBLIC = {"nominations:public_list", "nominations:public_detail"}
AWARD_OTHER = {"council:ballot", "notifications:open"}
# The REST API: reads of one object answer 401 / 404 / 200 like the other API reads
# (tests/test_permissions.py); lists, writes and the public endpoints are tested by
# tests/nominations/test_api_journey.py.
AWARD_API: dict[str, Callable[[Any], dict[str, Any]]] = {
    "api:nominations_dossier": lambda s: {"dossier_id": qt_dossier(s).pk},
    "api:nominations_proposal_docx": lambda s: {"dossier_id": qt_dossier(s).pk},
    "api:nominations_report_docx": lambda s: {"candidate_id": qt_candidate(s).pk},
    "api:nominations_component_file": lambda s: {"component_id": qt_component(s).pk},
    "api:council_council": lambda s: {"council_id": qt_council(s).pk},
    "api:council_meeting": lambda s: {"meeting_id": qt_meeting(s).pk},
    "api:council_verification": lambda s: {"meeting_id": qt_meeting(s).pk},
    "api:council_minutes_docx": lambda s: {"meeting_id": qt_meeting(s).pk},
    "api:decisions_decision": lambda s: {"decision_id": qt_decision(s).pk},
    "api:decisions_decision_docx": lambda s: {"decision_id": qt_decision(s).pk},
    "api:decisions_list_docx": lambda s: {"decision_id": qt_decision(s).pk},
    "api:decisions_list_xlsx": lambda s: {"decision_id": qt_decision(s).pk},
    "api:decisions_certificates_pdf": lambda s: {"decision_id": qt_decision(s).pk},
    "api:decisions_certificate_pdf": lambda s: {"awardee_id": qt_awardee(s).pk},
}
AWARD_API_WRITE: set[str] = {
    f"api:{name}"
    for name in (
        "nominations_dossier_list",
        "nominations_dossier_create",
        "nominations_candidate_add",
        "nominations_candidate_update",
        "nominations_component_upload",
        "nominations_submit",
        "nominations_withdraw",
        "nominations_receive",
        "nominations_return",
        "nominations_forward",
        "nominations_publish",
        "nominations_to_council",
        "nominations_public_list",
        "nominations_public",
        "nominations_public_comment",
        "council_list",
        "council_meeting_create",
        "council_agenda_add",
        "council_attendance",
        "council_written_opinion",
        "council_open",
        "council_ballot",
        "council_close",
        "council_restart_vote",
        "council_cap_set",
        "council_round_open",
        "council_end",
        "council_minutes_issue",
        "decisions_list",
        "decisions_draft",
        "decisions_submit",
        "decisions_return",
        "decisions_sign",
        "decisions_revoke",
        "decisions_awardee_paid",
    )
}
