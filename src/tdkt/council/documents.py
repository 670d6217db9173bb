"""The minutes of a sitting (biên bản họp Hội đồng) with the attendance, the written opinions of
absent members, the tally of the secret ballot for each candidate on the whole membership, and
the check that the ballots counted equal the members who voted."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from tdkt.council.models import Attendance, Meeting, MeetingStatus, WrittenOpinion
from tdkt.council.services import members_on, quorum, verify
from tdkt.documents.docx import AdminDocument, Block, Section, Table, render
from tdkt.nominations.documents import place_of


def _pct(value: Decimal | None) -> str:
    if value is None:
        return ""
    return f"{(value * 100).quantize(Decimal('0.1'))} %".replace(".", ",")


def minutes_document(meeting: Meeting) -> AdminDocument:
    council = meeting.council
    members = list(members_on(council, meeting.held_on))
    present = {
        a.membership_id: a.present
        for a in Attendance.objects.filter(meeting=meeting).select_related("membership")
    }
    q = quorum(meeting)
    attendance = Table(
        [_("STT"), _("Họ và tên"), _("Chức vụ"), _("Vai trò"), _("Có mặt")],
        [
            [
                str(i),
                m.person.full_name,
                m.title,
                m.get_role_display(),
                _("Có mặt") if present.get(m.pk) else _("Vắng mặt"),
            ]
            for i, m in enumerate(members, start=1)
        ],
        widths_cm=[1.0, 4.5, 4.5, 3.5, 3.0],
    )
    opinions = [
        f"- {w.membership.person.full_name} ({w.item.candidate.name}): {w.get_choice_display()}"
        for w in WrittenOpinion.objects.filter(item__meeting=meeting).select_related(
            "membership__person", "item__candidate"
        )
    ]
    closed = meeting.status in (MeetingStatus.CLOSED, MeetingStatus.MINUTES_ISSUED)
    # Before the count the minutes show no ballot column at all: only who voted is known.
    checks = {v.item.pk: v for v in verify(meeting)} if closed else {}
    tally_rows = []
    for i, item in enumerate(meeting.items.select_related("candidate"), start=1):
        v = checks.get(item.pk)
        result = ""
        if item.passed is not None:
            result = _("Đạt") if item.passed else _("Không đạt")
        tally_rows.append(
            [
                str(i),
                item.candidate.name,
                item.candidate.get_award_display(),
                str(q.present),
                str(v.ballots) if v else "",
                str(item.ballots_approve if item.ballots_approve is not None else ""),
                str(item.ballots_reject if item.ballots_reject is not None else ""),
                f"{item.written_approve}/{item.written_approve + item.written_reject}",
                f"{item.approvals if item.approvals is not None else ''}/{item.council_size or ''}",
                _pct(item.approve_share),
                _pct(item.required_share),
                result,
            ]
        )
    consistent = all(v.consistent for v in checks.values())
    check_line = (
        _("Kiểm tra: số phiếu thu về của từng người, tập thể bằng số thành viên đã bỏ phiếu.")
        if consistent
        else _("CẢNH BÁO: số phiếu không khớp số thành viên đã bỏ phiếu.")
    )
    body: list[Block] = [
        _("Hôm nay, ngày %(d)s, tại %(p)s, %(c)s họp phiên số %(n)s để xét đề nghị khen thưởng.")
        % {
            "d": meeting.held_on.strftime("%d/%m/%Y"),
            "p": meeting.place or place_of(council.unit),
            "c": council.name,
            "n": meeting.number,
        },
        Section(
            _("I. THÀNH PHẦN"),
            [
                _("Tổng số thành viên Hội đồng: %(m)s; có mặt: %(p)s; vắng mặt: %(a)s.")
                % {"m": q.members, "p": q.present, "a": q.members - q.present},
                attendance,
                *(
                    [_("Ý kiến bằng văn bản của thành viên vắng mặt:"), "\n".join(opinions)]
                    if opinions
                    else []
                ),
            ],
        ),
        Section(
            _("II. KẾT QUẢ BỎ PHIẾU KÍN"),
            [
                _(
                    "Tỷ lệ đồng ý tính trên tổng số thành viên Hội đồng (kể cả thành viên vắng "
                    "mặt); thành viên vắng mặt không có ý kiến bằng văn bản và phiếu không đồng ý "
                    "đều không được tính là đồng ý."
                ),
                Table(
                    [
                        _("STT"),
                        _("Họ tên, tập thể"),
                        _("Đề nghị"),
                        _("Phát ra"),
                        _("Thu về"),
                        _("Đồng ý"),
                        _("Không đồng ý"),
                        _("Văn bản đồng ý"),
                        _("Tổng đồng ý"),
                        _("Tỷ lệ"),
                        _("Cần đạt"),
                        _("Kết quả"),
                    ],
                    tally_rows,
                    widths_cm=[0.8, 2.6, 2.4, 1.1, 1.1, 1.1, 1.2, 1.3, 1.3, 1.3, 1.3, 1.4],
                ),
                check_line if closed else _("Phiên họp chưa kết thúc bỏ phiếu."),
            ],
        ),
    ]
    if meeting.notes:
        body.append(Section(_("III. Ý KIẾN KHÁC"), [meeting.notes]))
    chair = next((m for m in members if m.role == "chu_tich"), None)
    return AdminDocument(
        issuer=council.name,
        superior=council.unit.name,
        kind="BIÊN BẢN",
        title=_("Họp %(c)s, phiên số %(n)s") % {"c": council.name, "n": meeting.number},
        number=meeting.minutes_number,
        symbol="BB-HĐTĐKT",
        place=place_of(council.unit),
        date=meeting.held_on,
        body=body,
        signer_authority=_("TM. HỘI ĐỒNG"),
        signer_title=_("Chủ tịch"),
        signer_name=chair.person.full_name if chair else "",
    )


def minutes_docx(meeting: Meeting) -> bytes:
    return render(minutes_document(meeting))
