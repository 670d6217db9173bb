"""A small world for the award workflow, on top of the shared sector (tests/conftest.py):

- Khu vực 1 - Quảng Trị nominates; its officer `kv1_officer`;
- VKSND tỉnh Quảng Trị receives and forwards; its officer is the shared `officer` persona;
- VKSND tối cao receives, publishes, holds the council and decides: `vkstc_officer`, the
  council's secretary `secretary` (also a member), the signer `leader`;
- the sector council at VKSTC: ten members from its Văn phòng, each with an account (`voters`);
- candidates of Khu vực 1: Nguyễn Văn An (shared) and Lê Thị Cúc, with records for 2025.

Every service takes its moment (`now`) so that tests pin the legal date they need."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tdkt.accounts.models import Role, User
from tdkt.council import services as council_services
from tdkt.council.models import Council, Meeting, Membership
from tdkt.council.rounds import current_items
from tdkt.decisions import services as decision_services
from tdkt.decisions.models import Decision
from tdkt.nominations.models import Dossier
from tdkt.nominations.services import components, dossiers, moves
from tdkt.people import services as people
from tdkt.people.models import Person
from tdkt.records import services as records
from tdkt.workflow.clock import at_noon
from tests.conftest import Sector, make_user

DAY = dt.date(2026, 1, 12)  # a Monday: dossiers of 2025 are sent early in 2026
MEMBERS = 10


def pdf_bytes(text: str = "Biên bản họp bình xét") -> bytes:
    body = f"%PDF-1.4\n% {text}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".encode()
    return body


def pdf_upload(name: str = "bien-ban.pdf", text: str = "Biên bản") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(text), content_type="application/pdf")


def docx_upload(name: str = "to-trinh-da-ky.docx") -> SimpleUploadedFile:
    from tdkt.documents.docx import AdminDocument, render

    content = render(AdminDocument(issuer="Viện kiểm sát", kind="TỜ TRÌNH", title="Bản đã ký"))
    return SimpleUploadedFile(name, content)


@dataclass
class Officers:
    """The TĐKT officers of Khu vực 1, of the province (the shared `officer`) and of VKSTC; the
    publicity tests' world is built on them too."""

    s: Sector
    kv1_officer: User
    qt_officer: User
    vkstc_officer: User


def officers(s: Sector, qt_officer: User) -> dict[str, Any]:
    """The fields of `Officers`, the accounts of Khu vực 1 and VKSTC created."""
    kv1_officer = make_user("tdkt.kv1", Role.OFFICER, s.kv1)
    vkstc_officer = make_user("tdkt.vkstc", Role.OFFICER, s.vkstc)
    return {
        "s": s,
        "kv1_officer": kv1_officer,
        "qt_officer": qt_officer,
        "vkstc_officer": vkstc_officer,
    }


@dataclass
class World(Officers):
    secretary: User
    leader: User
    council: Council
    members: list[Membership]
    voters: list[User]
    cuc: Person
    extra: dict[str, Any] = field(default_factory=dict)


# The conftests of nominations, council and decisions import these two fixtures.
@pytest.fixture(autouse=True)
def fast_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(sector: Sector, officer: User) -> World:
    return build_world(sector, officer)


def build_world(s: Sector, qt_officer: User) -> World:
    staff = officers(s, qt_officer)
    leader = make_user("lanhdao.vkstc", Role.LEADER, s.vkstc)
    cuc = people.create_person(
        actor=None,
        full_name="Lê Thị Cúc",
        gender="female",
        birth_date=dt.date(1988, 6, 9),
        unit=s.kv1,
        post_kind="kiem_sat_vien",
        position_from=dt.date(2012, 3, 1),
        recruited_on=dt.date(2012, 3, 1),
    )
    for person in (s.an, cuc):
        for year in (2023, 2024, 2025):
            records.record_rating(actor=None, person=person, year=year, rating="HTXS")
    council = council_services.create_council(
        actor=None,
        unit=s.vkstc,
        name="Hội đồng Thi đua - Khen thưởng ngành Kiểm sát nhân dân",
        established_on=dt.date(2020, 1, 1),
    )
    members, voters = [], []
    for i in range(MEMBERS):
        person = people.create_person(
            actor=None,
            full_name=f"Phạm Văn Thành Viên {chr(65 + i)}",
            gender="male",
            birth_date=dt.date(1970 + i, 1, 1),
            unit=s.van_phong,
            post_kind="chuyen_vien",
            position_from=dt.date(2015, 1, 1),
        )
        role = "chu_tich" if i == 0 else "thu_ky" if i == MEMBERS - 1 else "uy_vien"
        members.append(
            council_services.add_member(
                actor=None,
                council=council,
                person=person,
                role=role,
                valid_from=dt.date(2020, 1, 1),
            )
        )
        grant = Role.SECRETARY if role == "thu_ky" else Role.COUNCIL_MEMBER
        voters.append(make_user(f"hd.{i}", grant, s.vkstc, person=person))
    return World(
        **staff,
        secretary=voters[-1],
        leader=leader,
        council=council,
        members=members,
        voters=voters,
        cuc=cuc,
    )


def new_dossier(
    w: World,
    *,
    kind: str = "cong_trang",
    year: int = 2025,
    awards: dict | None = None,
    day: dt.date = DAY,
    minutes: bool = True,
) -> Dossier:
    """A dossier of Khu vực 1 with its candidates (person → award) and the unit's minutes."""
    awards = awards if awards is not None else {w.s.an: "CSTD_NGANH", w.cuc: "BK_NGANH"}
    dossier = dossiers.create_dossier(actor=w.kv1_officer, unit=w.s.kv1, kind=kind, year=year)
    for person, award in awards.items():
        dossiers.add_candidate(
            actor=w.kv1_officer,
            dossier=dossier,
            version=dossier.version,
            award=award,
            person=person,
            achievement=f"Hoàn thành xuất sắc nhiệm vụ năm {year}; có sáng kiến được công nhận.",
            now=at_noon(day),
        )
        dossier.refresh_from_db()
    for candidate in dossier.candidates.all():
        if candidate.award in ("CSTD_NGANH", "CSTD_TQ"):
            components.upload_component(
                actor=w.kv1_officer,
                dossier=dossier,
                kind="sang_kien",
                candidate=candidate,
                upload=pdf_upload("sang-kien.pdf", "Sáng kiến"),
            )
        if candidate.verdict_status == "ineligible":
            dossiers.update_candidate(
                actor=w.kv1_officer,
                candidate=candidate,
                version=dossier.version,
                justification="Đơn vị đề nghị xem xét vì thành tích đặc biệt xuất sắc trong năm.",
            )
            dossier.refresh_from_db()
    if minutes:
        components.upload_component(
            actor=w.kv1_officer, dossier=dossier, kind="bien_ban", upload=pdf_upload()
        )
    dossier.refresh_from_db()
    return dossier


def to_vkstc_council(w: World, dossier: Dossier, day: dt.date = DAY) -> Dossier:
    """KV1 submits; the province takes it in and forwards it; VKSTC takes it in and puts it before
    its council."""
    now = at_noon(day)
    moves.submit_dossier(actor=w.kv1_officer, dossier=dossier, version=dossier.version, now=now)
    moves.receive_dossier(actor=w.qt_officer, dossier=dossier, version=dossier.version, now=now)
    moves.forward_dossier(actor=w.qt_officer, dossier=dossier, version=dossier.version, now=now)
    moves.receive_dossier(actor=w.vkstc_officer, dossier=dossier, version=dossier.version, now=now)
    moves.send_to_council(actor=w.vkstc_officer, dossier=dossier, version=dossier.version, now=now)
    return dossier


MISSING_MINUTES = "Thiếu biên bản họp bình xét có kết quả bỏ phiếu của đơn vị."


def return_to_kv1(
    w: World,
    dossier: Dossier,
    *,
    reason_code: str = "missing_documents",
    reason: str = MISSING_MINUTES,
) -> None:
    """The province sends back to Khu vực 1 the dossier it has received."""
    moves.return_dossier(
        actor=w.qt_officer,
        dossier=dossier,
        version=dossier.version,
        reason_code=reason_code,
        reason=reason,
    )


# The passphrase the chair sets when opening a sitting's secret ballot, needed again at the count.
BALLOT_PASSPHRASE = "Hội đồng họp sáng thứ Hai 2025"


def sitting(
    w: World,
    dossier: Dossier,
    held_on: dt.date = DAY,
    *,
    absent: int = 0,
    number: str = "",
    places: dict[str, int] | None = None,
) -> Meeting:
    """`places`: award → the most candidates the sitting may pass for it (số lượng tối đa)."""
    number = number or str(w.council.meetings.count() + 1)
    meeting = council_services.schedule_meeting(
        actor=w.secretary, council=w.council, number=number, held_on=held_on, place="Hà Nội"
    )
    council_services.add_to_agenda(
        actor=w.secretary, meeting=meeting, dossier=dossier, version=meeting.version
    )
    for award, count in (places or {}).items():
        council_services.set_award_cap(
            actor=w.secretary, meeting=meeting, version=None, award=award, places=count
        )
    meeting.refresh_from_db()
    present = {m.pk for m in w.members[absent:]}
    council_services.record_attendance(
        actor=w.secretary, meeting=meeting, version=meeting.version, present=present
    )
    meeting.refresh_from_db()
    council_services.open_meeting(
        actor=w.secretary,
        meeting=meeting,
        version=meeting.version,
        passphrase=BALLOT_PASSPHRASE,
        now=at_noon(held_on),
    )
    return meeting


def vote_all(w: World, meeting: Meeting, approvals: dict[str, int], *, absent: int = 0) -> None:
    """`approvals`: candidate name → how many of the present members approve (the rest reject),
    on the items of the round being voted on."""
    items = list(current_items(meeting).select_related("candidate"))
    for i, voter in enumerate(w.voters[absent:]):
        choices = {
            item.pk: "approve" if i < approvals[item.candidate.name] else "reject" for item in items
        }
        council_services.cast_votes(actor=voter, meeting=meeting, choices=choices)


def close(w: World, meeting: Meeting) -> Meeting:
    meeting.refresh_from_db()
    council_services.close_meeting(
        actor=w.secretary,
        meeting=meeting,
        version=meeting.version,
        passphrase=BALLOT_PASSPHRASE,
    )
    meeting.refresh_from_db()
    return meeting


BOTH_APPROVED = {"Nguyễn Văn An": MEMBERS, "Lê Thị Cúc": MEMBERS}


def before_council(w: World, *, year: int = 2025, day: dt.date = DAY) -> Meeting:
    """Khu vực 1's dossier of `year` taken up to the sector council, whose sitting opens on `day`:
    everyone present, no vote yet."""
    dossier = new_dossier(w, year=year, day=day)
    to_vkstc_council(w, dossier, day=day)
    return sitting(w, dossier, held_on=day)


def voted(
    w: World, approvals: dict[str, int] = BOTH_APPROVED, *, year: int = 2025, day: dt.date = DAY
) -> Meeting:
    """That sitting after its vote (`approvals` as for `vote_all`), counted and closed."""
    meeting = before_council(w, year=year, day=day)
    vote_all(w, meeting, approvals)
    return close(w, meeting)


def signed_decision(w: World, meeting: Meeting, day: dt.date, number: str = "15") -> Decision:
    decision = decision_services.draft_decision(actor=w.vkstc_officer, meeting=meeting)
    decision_services.submit_for_signature(
        actor=w.vkstc_officer, decision=decision, version=decision.version
    )
    decision_services.sign_decision(
        actor=w.leader,
        decision=decision,
        version=decision.version,
        number=number,
        signed_on=day,
        signer_name="Nguyễn Huy Tiến",
        signer_title="Viện trưởng",
        now=at_noon(day),
    )
    decision.refresh_from_db()
    return decision


def stream(data: bytes, name: str) -> Any:
    buffer = io.BytesIO(data)
    buffer.name = name
    return buffer
