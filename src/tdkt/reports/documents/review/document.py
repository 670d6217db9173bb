"""The tổng kết as a document in the administrative format: direction of the movements,
results in tables, an assessment written from the figures, and the directions for next year."""

from __future__ import annotations

from django.apps import apps
from django.utils.translation import gettext as _

from tdkt.documents.docx import AdminDocument, Block, Section, Table
from tdkt.movements.models import (
    AnswerStatus,
    Movement,
    RegistrationStatus,
)
from tdkt.nominations.documents import head_title, place_of
from tdkt.org.models import UnitLevel
from tdkt.reports import stats
from tdkt.reports.documents import fmt
from tdkt.reports.documents.base import (
    ReportRequest,
    numbered,
)
from tdkt.reports.documents.fmt import LEVEL_SHORT
from tdkt.reports.documents.review.figures import (
    HIGH_AWARDS,
    REGISTRATION_HEADERS,
    CountRow,
    ReviewData,
    ShareRow,
    count_headers,
    total_row,
)


def document(data: ReviewData) -> AdminDocument:
    request, year = data.request, data.year
    issuer = request.unit
    body: list[Block] = [_preamble(data)]
    body += numbered(
        [
            Section(_("CÔNG TÁC CHỈ ĐẠO, TRIỂN KHAI PHONG TRÀO THI ĐUA"), _direction(data)),
            Section(_("KẾT QUẢ THỰC HIỆN"), _results(data)),
            Section(_("ĐÁNH GIÁ CHUNG"), ["\n".join(assessment(data))]),
            Section(_("PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM %(y)s") % {"y": year + 1}, directions(year + 1)),
        ]
    )
    return AdminDocument(
        issuer=issuer.name,
        superior=issuer.parent.name if issuer.parent and issuer.level != UnitLevel.TOI_CAO else "",
        kind="BÁO CÁO",
        title=_(
            "Tổng kết công tác thi đua, khen thưởng năm %(y)s và phương hướng, nhiệm vụ năm %(n)s"
        )
        % {"y": year, "n": year + 1},
        symbol="BC-VKSTC" if issuer.level == UnitLevel.TOI_CAO else "BC-VKS",
        place=place_of(issuer),
        body=body,
        signer_title=head_title(issuer),
        recipients=_recipients(request),
    )


def _preamble(data: ReviewData) -> str:
    request = data.request
    if request.sector:
        scope = _("toàn ngành Kiểm sát nhân dân")
    else:
        scope = _("%(unit)s (gồm các đơn vị trực thuộc và đơn vị tiền thân)") % {
            "unit": request.unit.name
        }
    return _(
        "Thực hiện Luật Thi đua, khen thưởng năm 2022 và các văn bản hướng dẫn thi hành, "
        "%(unit)s báo cáo tổng kết công tác thi đua, khen thưởng năm %(y)s của %(scope)s như sau:"
    ) % {"unit": request.unit.name, "y": data.year, "scope": scope}


def _direction(data: ReviewData) -> list[Block]:
    blocks: list[Block] = []
    if data.movements:
        lines = [
            _("Trong năm %(y)s, đã phát động, triển khai %(n)s phong trào thi đua:")
            % {"y": data.year, "n": fmt.number(len(data.movements))}
        ]
        lines += [_movement_line(m) for m in data.movements]
    else:
        lines = [
            _("Trong năm %(y)s, không có phong trào thi đua nào do đơn vị phát động được ghi nhận.")
            % {"y": data.year}
        ]
    answered = sum(data.answers.values())
    if answered:
        lines.append(
            _(
                "Các đơn vị nhận %(n)s lượt phong trào (của cấp trên và trong đơn vị): %(p)s lượt "
                "đã ban hành kế hoạch triển khai, %(a)s lượt đã tiếp nhận, %(w)s lượt chưa "
                "triển khai."
            )
            % {
                "n": fmt.number(answered),
                "p": fmt.number(data.answers[AnswerStatus.PLANNED]),
                "a": fmt.number(data.answers[AnswerStatus.ACKNOWLEDGED]),
                "w": fmt.number(data.answers[AnswerStatus.PENDING]),
            }
        )
    blocks.append(Section(_("1. Phát động, triển khai phong trào thi đua"), ["\n".join(lines)]))
    blocks.append(Section(_("2. Đăng ký thi đua"), _registration_blocks(data)))
    return blocks


def _movement_line(movement: Movement) -> str:
    document = ""
    if movement.number:
        document = _("Kế hoạch số %(n)s/%(s)s") % {"n": movement.number, "s": movement.symbol}
        if movement.signed_on:
            document += " " + _("ngày %(d)s") % {"d": fmt.day(movement.signed_on)}
        document += ", "
    return _("- «%(name)s» (%(doc)s%(issuer)s; %(kind)s; %(status)s).") % {
        "name": movement.name,
        "doc": document,
        "issuer": movement.issuer.name,
        "kind": movement.get_kind_display().lower(),
        "status": movement.get_status_display().lower(),
    }


def _registration_blocks(data: ReviewData) -> list[Block]:
    registers = sum(data.registrations.values())
    if not registers:
        return [_("Chưa có bản đăng ký thi đua năm %(y)s trên hệ thống.") % {"y": data.year}]
    text = _(
        "%(n)s bản đăng ký thi đua năm %(y)s đã được lập, trong đó %(a)s bản đã được cấp trên "
        "duyệt, %(s)s bản chờ duyệt, %(r)s bản bị trả lại, %(d)s bản đang lập."
    ) % {
        "n": fmt.number(registers),
        "y": data.year,
        "a": fmt.number(data.registrations[RegistrationStatus.APPROVED]),
        "s": fmt.number(data.registrations[RegistrationStatus.SUBMITTED]),
        "r": fmt.number(data.registrations[RegistrationStatus.RETURNED]),
        "d": fmt.number(data.registrations[RegistrationStatus.DRAFT]),
    }
    table = Table(
        [str(h) for h in REGISTRATION_HEADERS],
        [
            [
                fmt.award_name(code),
                fmt.number(n),
                fmt.number(approved),
                fmt.number(achieved),
                fmt.percent(rate) if achieved is not None else "",
            ]
            for code, n, approved, achieved, rate in data.registered
        ],
        widths_cm=[6.1, 2.4, 2.4, 3.0, 2.6],
        right_columns={1, 2, 3, 4},
    )
    return [text, table]


def _results(data: ReviewData) -> list[Block]:
    year = data.year
    subjects = {stats.INDIVIDUAL: _("a) Cá nhân"), stats.COLLECTIVE: _("b) Tập thể")}
    title_blocks: list[Block] = [
        _(
            "Năm %(y)s có %(n)s lượt danh hiệu thi đua được tặng (năm %(b)s: %(m)s), chia theo "
            "cấp của đơn vị nơi tập thể, cá nhân công tác khi được tặng:"
        )
        % {
            "y": year,
            "n": fmt.number(data.tally.total(year=year, kind="title")),
            "b": year - 1,
            "m": fmt.number(data.tally.total(year=year - 1, kind="title")),
        }
    ]
    for subject, rows in data.titles.items():
        title_blocks.append(Section(subjects[subject], [_count_table(data, rows, "tier")]))
    form_blocks: list[Block] = [
        _(
            "Năm %(y)s có %(n)s lượt tập thể, cá nhân được khen thưởng (năm %(b)s: %(m)s), chia "
            "theo cấp ra quyết định:"
        )
        % {
            "y": year,
            "n": fmt.number(data.tally.total(year=year, kind="form")),
            "b": year - 1,
            "m": fmt.number(data.tally.total(year=year - 1, kind="form")),
        },
        _count_table(data, data.forms, "level"),
        _("Cấp quyết định: %(levels)s.")
        % {
            "levels": "; ".join(
                f"{LEVEL_SHORT[lv]} – {stats.LEVEL_NAMES[lv]}" for lv in stats.LEVELS
            )
        },
    ]
    blocks: list[Block] = [
        Section(_("1. Danh hiệu thi đua"), title_blocks),
        Section(_("2. Hình thức khen thưởng"), form_blocks),
        Section(_("3. Tỷ lệ khen thưởng"), [_share_table(data)]),
        Section(_("4. Tiền thưởng"), _money_blocks(data)),
    ]
    if apps.is_installed("tdkt.publicity"):
        blocks.append(Section(_("5. Điển hình tiên tiến"), _example_blocks(data)))
    return blocks


def _count_table(data: ReviewData, rows: list[CountRow], dimension: str) -> Table:
    first = _("Danh hiệu") if dimension == "tier" else _("Hình thức")
    headers = count_headers(data, dimension, first)
    lines = [*rows, total_row(rows)]
    numbers = len(headers) - 1
    width = 1.6 if numbers >= 7 else 1.75
    first_width = 16.5 - width * numbers
    return Table(
        headers,
        [
            [
                r.label,
                *[fmt.number(c) for c in r.cells],
                fmt.number(r.total),
                fmt.number(r.before),
                fmt.signed(r.change),
            ]
            for r in lines
        ],
        widths_cm=[first_width] + [width] * numbers,
        bold_rows={len(lines) - 1},
        right_columns=set(range(1, numbers + 1)),
    )


def _share_table(data: ReviewData) -> Table:
    headers = [
        _("Chỉ tiêu"),
        _("Số lượng"),
        _("Tổng số"),
        _("Tỷ lệ năm %(y)s") % {"y": data.year},
        _("Tỷ lệ năm %(y)s") % {"y": data.year - 1},
        _("Tăng, giảm (điểm %)"),
    ]
    return Table(
        headers,
        [
            [
                r.label,
                fmt.number(r.now.part),
                fmt.number(r.now.whole),
                fmt.percent(r.now.percent),
                fmt.percent(r.before.percent),
                fmt.points(r.change),
            ]
            for r in data.shares
        ],
        widths_cm=[5.5, 2.0, 2.0, 2.3, 2.3, 2.4],
        right_columns={1, 2, 3, 4, 5},
    )


def _money_blocks(data: ReviewData) -> list[Block]:
    if not data.money:
        return [
            _("Trong năm %(y)s chưa ghi nhận khoản chi tiền thưởng nào trên hệ thống.")
            % {"y": data.year}
        ]
    count = sum(n for _c, n, _a in data.money)
    amount = sum(a for _c, _n, a in data.money)
    rows = [[fmt.award_name(c), fmt.number(n), fmt.money(a)] for c, n, a in data.money]
    rows.append([_("Tổng cộng"), fmt.number(count), fmt.money(amount)])
    return [
        _("Trong năm %(y)s đã chi %(n)s khoản tiền thưởng, tổng số %(a)s:")
        % {"y": data.year, "n": fmt.number(count), "a": fmt.money(amount)},
        Table(
            [_("Danh hiệu, hình thức"), _("Số khoản chi"), _("Số tiền")],
            rows,
            widths_cm=[9.5, 3.0, 4.0],
            bold_rows={len(rows) - 1},
            right_columns={1, 2},
        ),
    ]


def _example_blocks(data: ReviewData) -> list[Block]:
    if not data.examples:
        return [_("Chưa có điển hình tiên tiến năm %(y)s được công bố.") % {"y": data.year}]
    lines = [
        _("Năm %(y)s có %(n)s điển hình tiên tiến được công bố:")
        % {"y": data.year, "n": fmt.number(len(data.examples))}
    ]
    lines += [f"- {subject} ({unit}): {title}." for title, subject, unit in data.examples]
    return ["\n".join(lines)]


# --- the assessment, from the figures ------------------------------------------------------------


def assessment(data: ReviewData) -> list[str]:
    year, tally = data.year, data.tally
    scope = _("toàn ngành Kiểm sát nhân dân") if data.request.sector else data.request.unit.name
    lines = [
        _(
            "Năm %(y)s, %(scope)s có %(n)s lượt tập thể, cá nhân được tặng danh hiệu thi đua "
            "và hình thức khen thưởng (%(i)s lượt cá nhân, %(c)s lượt tập thể), %(change)s."
        )
        % {
            "y": year,
            "scope": scope,
            "n": fmt.number(data.total),
            "i": fmt.number(tally.total(year=year, subject=stats.INDIVIDUAL)),
            "c": fmt.number(tally.total(year=year, subject=stats.COLLECTIVE)),
            "change": _count_change(data.total, data.total_before, year - 1),
        }
    ]
    high = [
        f"{fmt.number(tally.total(year=year, award=c))} {fmt.award_name(c)}"
        for c in HIGH_AWARDS
        if tally.total(year=year, award=c)
    ]
    if high:
        lines.append(
            _("Các danh hiệu, hình thức khen thưởng cao: %(list)s.") % {"list": "; ".join(high)}
        )
    for row in data.shares:
        sentence = _share_sentence(row, year)
        if sentence:
            lines.append(sentence)
    if data.money:
        lines.append(
            _("Đã chi %(n)s khoản tiền thưởng, tổng số %(a)s.")
            % {
                "n": fmt.number(sum(n for _c, n, _a in data.money)),
                "a": fmt.money(sum(a for _c, _n, a in data.money)),
            }
        )
    return lines


def _count_change(now: int, before: int, year: int) -> str:
    if not before:
        return _("năm %(y)s không có khen thưởng để so sánh") % {"y": year}
    diff = now - before
    if diff == 0:
        return _("bằng năm %(y)s") % {"y": year}
    word = _("tăng") if diff > 0 else _("giảm")
    return _("%(word)s %(n)s lượt (%(p)s) so với năm %(y)s") % {
        "word": word,
        "n": fmt.number(abs(diff)),
        "p": fmt.percent(round(100 * abs(diff) / before, 1)),
        "y": year,
    }


def _share_sentence(row: ShareRow, year: int) -> str:
    if row.now.percent is None:
        return ""
    text = _("Tỷ lệ %(what)s đạt %(p)s") % {"what": row.phrase, "p": fmt.percent(row.now.percent)}
    change = row.change
    if change is None:
        return f"{text}."
    rounded = round(change, 1)
    if rounded == 0:
        return _("%(text)s, bằng năm %(y)s.") % {"text": text, "y": year - 1}
    word = _("tăng") if rounded > 0 else _("giảm")
    return _("%(text)s, %(word)s %(d)s điểm so với năm %(y)s.") % {
        "text": text,
        "word": word,
        "d": fmt.dec(abs(rounded)),
        "y": year - 1,
    }


def directions(next_year: int) -> list[Block]:
    """The standard directions of a tổng kết (seed 001's directive), for the officer to edit."""
    return [
        "\n".join(
            [
                _(
                    "1. Tiếp tục quán triệt, thực hiện nghiêm Luật Thi đua, khen thưởng và các văn "
                    "bản hướng dẫn; phát động các phong trào thi đua thường xuyên, theo đợt, "
                    "chuyên đề với nội dung, hình thức thiết thực, gắn với thực hiện nhiệm vụ "
                    "chính trị năm %(y)s."
                )
                % {"y": next_year},
                _(
                    "2. Đổi mới công tác khen thưởng bảo đảm chính xác, công khai, công bằng, kịp "
                    "thời; nâng cao tỷ lệ khen thưởng tập thể, cá nhân cấp cơ sở, công chức và "
                    "người lao động trực tiếp thực hiện nhiệm vụ."
                ),
                _(
                    "3. Phát hiện, bồi dưỡng, tuyên truyền và nhân rộng các điển hình tiên tiến, "
                    "gương người tốt, việc tốt, mô hình, cách làm hay."
                ),
                _(
                    "4. Nâng cao chất lượng hoạt động của cụm, khối thi đua; thường xuyên đôn "
                    "đốc, kiểm tra, sơ kết, tổng kết các phong trào thi đua."
                ),
            ]
        )
    ]


def _recipients(request: ReportRequest) -> list[str]:
    if request.sector:
        return [
            _("Ban Thi đua - Khen thưởng Trung ương"),
            _("Lãnh đạo VKSND tối cao"),
            _("Các đơn vị thuộc VKSND tối cao"),
            _("VKSND các tỉnh, thành phố trực thuộc Trung ương"),
            _("Lưu: VT, TĐKT"),
        ]
    parent = request.unit.parent
    lines = [_("%(p)s (để báo cáo)") % {"p": parent.name}] if parent else []
    return [*lines, _("Lãnh đạo đơn vị"), _("Các đơn vị trực thuộc"), _("Lưu: VT, TĐKT")]
