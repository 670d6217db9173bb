"""The minutes of a sitting (biên bản họp Hội đồng) with the attendance, the written opinions of
absent members, the places of capped awards, the tally of the secret ballot for each candidate on
the whole membership round by round (each round its own part: its table, what it left for each
award with places, the check that its ballots equal the members who voted in it) and, after more
than one round, each candidate's final result."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.council import rounds
from tdkt.council.models import (
    AgendaItem,
    Attendance,
    Meeting,
    MeetingStatus,
    Standing,
    VotingRound,
    WrittenOpinion,
)
from tdkt.council.services import Verification, members_on, quorum, verify
from tdkt.documents.docx import AdminDocument, Block, Section, Table, render
from tdkt.nominations.documents import place_of

CLOSED = (MeetingStatus.CLOSED, MeetingStatus.MINUTES_ISSUED)


def _pct(value: Decimal | None) -> str:
    if value is None:
        return ""
    return f"{(value * 100).quantize(Decimal('0.1'))} %".replace(".", ",")


TALLY_WIDTHS = [0.7, 2.6, 2.3, 1.1, 1.1, 1.1, 1.2, 1.3, 1.3, 1.3, 1.3, 1.6]


def _tally_headers() -> list[str]:
    return [
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
    ]


def _result(item: AgendaItem) -> str:
    if item.passed is None:
        return ""
    if item.passed:
        return _("Đạt")
    # Short, for a narrow column: the sentence under the table says which places and why.
    if item.standing == Standing.TIED:
        return _("Bằng phiếu")
    if item.standing == Standing.BEYOND:
        return _("Ngoài số lượng")
    return _("Không đạt")


def _tally_row(i: int, item: AgendaItem, v: Verification | None, present: int) -> list[str]:
    return [
        str(i),
        item.candidate.name,
        item.candidate.get_award_display(),
        str(present),
        str(v.ballots) if v else "",
        str(item.ballots_approve if item.ballots_approve is not None else ""),
        str(item.ballots_reject if item.ballots_reject is not None else ""),
        f"{item.written_approve}/{item.written_approve + item.written_reject}",
        f"{item.approvals if item.approvals is not None else ''}/{item.council_size or ''}",
        _pct(item.approve_share),
        _pct(item.required_share),
        _result(item),
    ]


def _round_title(number: int, voting: VotingRound | None) -> str:
    names = ["", _("thứ nhất"), _("thứ hai"), _("thứ ba"), _("thứ tư"), _("thứ năm")]
    name = names[number] if number < len(names) else str(number)
    title = _("%(i)s. Vòng %(n)s") % {"i": number, "n": name}
    if voting is not None and voting.opened_at is not None:
        opened = timezone.localtime(voting.opened_at)
        title += _(" (mở bỏ phiếu lúc %(t)s)") % {"t": opened.strftime("%H:%M")}
    return title


def _round_block(
    meeting: Meeting,
    number: int,
    rounds_held: int,
    counted: bool,
    checks: dict[int, Verification],
    present: int,
) -> Section:
    """One round's own lines: whom it was about, its tally table, the check that its ballots
    equal the members who voted in it, what it left for each award with places and who went on
    to the next round."""
    items = list(rounds.round_items(meeting, number).select_related("candidate"))
    rows = [_tally_row(i, item, checks.get(item.pk), present) for i, item in enumerate(items, 1)]
    blocks: list[Block] = []
    if number > 1:
        blocks.append(
            _("Bỏ phiếu đối với: %(c)s.") % {"c": ", ".join(i.candidate.name for i in items)}
        )
    blocks.append(Table(_tally_headers(), rows, widths_cm=TALLY_WIDTHS))
    if not counted:
        blocks.append(_("Phiên họp chưa kết thúc bỏ phiếu."))
        return Section(_round_heading(meeting, number, rounds_held), blocks)
    if all(checks[i.pk].consistent for i in items if i.pk in checks):
        blocks.append(
            _("Kiểm tra: số phiếu thu về của từng người, tập thể bằng số thành viên đã bỏ phiếu.")
        )
    else:
        blocks.append(_("CẢNH BÁO: số phiếu không khớp số thành viên đã bỏ phiếu."))
    for line in rounds.cap_lines(meeting, number):
        blocks.append(line.sentence())
        if line.next_round:
            blocks.append(
                _("Hội đồng bỏ phiếu vòng %(n)s đối với: %(c)s.")
                % {"n": number + 1, "c": ", ".join(i.candidate.name for i in line.next_round)}
            )
    return Section(_round_heading(meeting, number, rounds_held), blocks)


def _round_heading(meeting: Meeting, number: int, rounds_held: int) -> str:
    if rounds_held < 2:
        return ""
    return _round_title(number, meeting.rounds.filter(number=number).first())


def _caps_lines(meeting: Meeting) -> list[Block]:
    caps = list(meeting.caps.all())
    if not caps:
        return []
    parts = [
        f"{c.get_award_display()}: {c.places}" + (f" ({c.basis})" if c.basis else "") for c in caps
    ]
    return [_("Số lượng tối đa được thông qua: %(c)s.") % {"c": "; ".join(parts)}]


def _final_lines(meeting: Meeting, numbers: list[int]) -> list[Block]:
    """With more than one round: each candidate's result, that of the last round he or she was
    in, once the sitting is closed."""
    if len(numbers) < 2 or meeting.status not in CLOSED:
        return []
    heading = _(
        "%(i)s. Kết quả sau các vòng bỏ phiếu (theo vòng cuối cùng của từng người, tập thể)"
    )
    last: dict[int, AgendaItem] = {}
    for item in meeting.items.select_related("candidate").order_by("round_number", "order", "id"):
        last[item.candidate_id] = item
    rows = [
        [
            str(i),
            item.candidate.name,
            item.candidate.get_award_display(),
            str(item.round_number),
            _("Thông qua") if item.passed else _("Không thông qua"),
        ]
        for i, item in enumerate(sorted(last.values(), key=lambda x: (x.order, x.pk)), start=1)
    ]
    return [
        Section(
            heading % {"i": len(numbers) + 1},
            [
                Table(
                    [_("STT"), _("Họ tên, tập thể"), _("Đề nghị"), _("Vòng cuối"), _("Kết quả")],
                    rows,
                    widths_cm=[1.0, 5.0, 4.5, 2.0, 3.5],
                )
            ],
        )
    ]


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
    counted = rounds.counted_numbers(meeting)
    # Before a round's count the minutes show no ballot column for it: only who voted is known.
    checks = {v.item.pk: v for v in verify(meeting)} if counted else {}
    numbers = sorted({i.round_number for i in meeting.items.all()}) or [1]
    blocks = [
        _round_block(meeting, n, len(numbers), n in counted, checks, q.present) for n in numbers
    ]
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
                *_caps_lines(meeting),
                *(blocks if len(numbers) > 1 else blocks[0].blocks),
                *_final_lines(meeting, numbers),
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
