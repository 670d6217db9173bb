"""The documents a movement issues, in the administrative format: the launching plan (kế hoạch),
a receiving unit's implementing plan, and the report of a sơ kết or tổng kết. The structure
follows the sector's own plans (seed 002: purpose and requirements, contents, solutions, criteria
and forms, organisation)."""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext as _
from unidecode import unidecode

from tdkt.documents.docx import AdminDocument, Block, Section, Table
from tdkt.movements.models import Answer, Movement, Review, ReviewKind
from tdkt.movements.selectors import answer_counts, results_matrix
from tdkt.movements.services.movements import lower_first
from tdkt.movements.templatetags.movements import num
from tdkt.org.models import Unit, UnitLevel

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def head_title(unit: Unit) -> str:
    """Who heads the unit, as a document names him or her."""
    if unit.level in (UnitLevel.DON_VI_TRUC_THUOC, UnitLevel.PHONG):
        return _("Thủ trưởng")
    return _("Viện trưởng")


def superior_of(unit: Unit) -> str:
    return unit.parent.name if unit.parent is not None else ""


def movement_document(movement: Movement) -> AdminDocument:
    issuer = movement.issuer
    name = lower_first(movement.name)
    title = _("Tổ chức %(name)s") % {"name": name}
    if movement.theme:
        title += _(" với chủ đề “%(theme)s”") % {"theme": movement.theme}
    preamble = [movement.basis] if movement.basis else []
    preamble.append(
        _("%(head)s %(unit)s ban hành Kế hoạch tổ chức %(name)s như sau:")
        % {"head": head_title(issuer), "unit": issuer.name, "name": name}
    )
    registering = []
    if movement.registration_deadline:
        registering.append(
            _("Các tập thể, cá nhân đăng ký danh hiệu thi đua theo phong trào trước ngày %(d)s.")
            % {"d": movement.registration_deadline.strftime("%d/%m/%Y")}
        )
    organisation = [movement.organisation] if movement.organisation else []
    if movement.answer_deadline:
        organisation.append(
            _("Các đơn vị xây dựng kế hoạch triển khai, gửi về %(unit)s trước ngày %(d)s.")
            % {"unit": issuer.name, "d": movement.answer_deadline.strftime("%d/%m/%Y")}
        )
    sections = _numbered(
        [
            Section(
                _("MỤC ĐÍCH, YÊU CẦU"),
                _subsections(
                    [(_("Mục đích"), movement.purpose), (_("Yêu cầu"), movement.requirements)]
                ),
            ),
            Section(_("CHỦ ĐỀ, ĐỐI TƯỢNG VÀ THỜI GIAN THI ĐUA"), _theme_blocks(movement)),
            Section(_("NỘI DUNG THI ĐUA"), _texts(movement.contents)),
            Section(_("CHỈ TIÊU THI ĐUA"), _indicator_table(movement)),
            Section(_("GIẢI PHÁP THỰC HIỆN"), _texts(movement.solutions)),
            Section(
                _("TIÊU CHÍ THI ĐUA VÀ HÌNH THỨC KHEN THƯỞNG"),
                _subsections(
                    [
                        (_("Tiêu chí thi đua"), movement.criteria),
                        (_("Hình thức khen thưởng"), _dashed(movement.award_forms)),
                        (_("Đăng ký thi đua"), "\n".join(registering)),
                    ]
                ),
            ),
            Section(_("TỔ CHỨC THỰC HIỆN"), _texts("\n".join(organisation))),
        ]
    )
    return _document(movement.issuer, "KẾ HOẠCH", title, movement, [*preamble, *sections])


def answer_document(answer: Answer) -> AdminDocument:
    movement, unit = answer.movement, answer.unit
    title = answer.title or _("Thực hiện %(name)s") % {"name": lower_first(movement.name)}
    parent_ref = _("Thực hiện Kế hoạch số %(n)s %(day)s của %(issuer)s về %(name)s") % {
        "n": movement.number_symbol,
        "day": _("ngày %(d)s") % {"d": movement.signed_on.strftime("%d/%m/%Y")}
        if movement.signed_on
        else "",
        "issuer": movement.issuer.name,
        "name": lower_first(movement.name),
    }
    preamble = [
        parent_ref.replace("  ", " ")
        + ", "
        + _("%(head)s %(unit)s ban hành Kế hoạch thực hiện như sau:")
        % {"head": head_title(unit), "unit": unit.name}
    ]
    sections = _numbered(
        [
            Section(_("MỤC ĐÍCH, YÊU CẦU"), _texts(answer.purpose)),
            Section(_("NỘI DUNG THI ĐUA"), _texts(answer.contents)),
            Section(_("CHỈ TIÊU THI ĐUA CỦA ĐƠN VỊ"), _indicator_table(movement, answer)),
            Section(_("GIẢI PHÁP THỰC HIỆN"), _texts(answer.solutions)),
            Section(_("TỔ CHỨC THỰC HIỆN"), _texts(answer.organisation)),
        ]
    )
    return _document(unit, "KẾ HOẠCH", title, answer, [*preamble, *sections])


def review_document(review: Review) -> AdminDocument:
    movement = review.movement
    word = _("Tổng kết") if review.kind == ReviewKind.FINAL else _("Sơ kết")
    period = f" {review.period_label}" if review.period_label else ""
    title = _("%(word)s%(period)s thực hiện %(name)s") % {
        "word": word,
        "period": period,
        "name": lower_first(movement.name),
    }
    counts = answer_counts(movement)
    total = sum(counts.values())
    deployed = [
        _(
            "%(issuer)s phát động phong trào theo Kế hoạch số %(n)s; %(planned)s/%(total)s đơn vị "
            "nhận phong trào đã ban hành kế hoạch triển khai, %(ack)s đơn vị đã tiếp nhận, "
            "%(pending)s đơn vị chưa triển khai."
        )
        % {
            "issuer": movement.issuer.name,
            "n": movement.number_symbol,
            "planned": counts["planned"],
            "total": total,
            "ack": counts["acknowledged"],
            "pending": counts["pending"],
        }
    ]
    sections = _numbered(
        [
            Section(
                _("TÌNH HÌNH TRIỂN KHAI PHONG TRÀO"),
                [*deployed, *_texts(review.summary)],
            ),
            Section(
                _("KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"),
                [*_results_table(review), *_texts(review.achievements)],
            ),
            Section(_("KẾT QUẢ ĐĂNG KÝ THI ĐUA"), _registration_table(review)),
            Section(_("ĐIỂN HÌNH TIÊN TIẾN"), _examples(review)),
            Section(
                _("TỒN TẠI, HẠN CHẾ VÀ BÀI HỌC KINH NGHIỆM"),
                _subsections(
                    [
                        (_("Tồn tại, hạn chế"), review.shortcomings),
                        (_("Bài học kinh nghiệm"), review.lessons),
                    ]
                ),
            ),
            Section(_("PHƯƠNG HƯỚNG, NHIỆM VỤ"), _texts(review.directions)),
        ]
    )
    return _document(movement.issuer, "BÁO CÁO", title, review, sections)


def filename(prefix: str, obj: Any) -> str:
    """ "ke-hoach-12-KH-VKSTC.docx": ASCII, the number and symbol kept as written."""
    number = getattr(obj, "number_symbol", "") or str(obj.pk)
    tail = re.sub(r"[^A-Za-z0-9]+", "-", unidecode(number)).strip("-")
    return f"{prefix}-{tail}.docx" if tail else f"{prefix}.docx"


# --- pieces --------------------------------------------------------------------------------------


def _document(unit: Unit, kind: str, title: str, obj: Any, body: list[Block]) -> AdminDocument:
    return AdminDocument(
        issuer=unit.name,
        superior=superior_of(unit),
        kind=kind,
        title=title,
        number=obj.number,
        symbol=obj.symbol,
        place=obj.place,
        date=obj.signed_on,
        body=body,
        signer_authority=obj.signer_authority,
        signer_title=obj.signer_title,
        signer_name=obj.signer_name,
        recipients=[line for line in obj.recipients.splitlines() if line.strip()],
    )


def _numbered(sections: list[Section]) -> list[Block]:
    """Keep the sections that have content and number them I, II, III…"""
    kept = [s for s in sections if s.blocks]
    return [Section(f"{ROMAN[i]}. {s.heading}", s.blocks) for i, s in enumerate(kept)]


def _subsections(parts: list[tuple[str, str]]) -> list[Block]:
    kept = [(h, t) for h, t in parts if t and t.strip()]
    return [Section(f"{i}. {h}", _texts(t)) for i, (h, t) in enumerate(kept, start=1)]


def _texts(text: str) -> list[Block]:
    return [text] if text and text.strip() else []


def _dashed(text: str) -> str:
    lines = [line.strip().lstrip("-–").strip() for line in text.splitlines() if line.strip()]
    return "\n".join(f"- {line}" for line in lines)


def _theme_blocks(movement: Movement) -> list[Block]:
    blocks: list[Block] = []
    if movement.theme:
        blocks.append(_("Chủ đề: “%(t)s”.") % {"t": movement.theme})
    if movement.slogan:
        blocks.append(_("Phương châm: “%(s)s”.") % {"s": movement.slogan})
    if movement.subjects:
        blocks.append(movement.subjects)
    blocks.append(
        _("Thời gian thực hiện: từ ngày %(a)s đến ngày %(b)s (%(period)s).")
        % {
            "a": movement.starts_on.strftime("%d/%m/%Y"),
            "b": movement.ends_on.strftime("%d/%m/%Y"),
            "period": movement.period_label,
        }
    )
    return blocks


def _indicator_table(movement: Movement, answer: Answer | None = None) -> list[Block]:
    indicators = list(movement.indicators.all())
    if not indicators:
        return []
    goals = {}
    if answer is not None:
        _i, rows, _t = results_matrix(movement, [answer])
        goals = {ind.pk: cell.goal for ind, cell in zip(indicators, rows[0].cells, strict=True)}
    rows_out = []
    for n, ind in enumerate(indicators, start=1):
        sign = "≤" if ind.direction == "at_most" else "≥"
        goal = goals.get(ind.pk, ind.target)
        rows_out.append([str(n), ind.name, ind.unit_of_measure, f"{sign} {num(goal)}"])
    return [
        Table(
            [_("STT"), _("Chỉ tiêu"), _("Đơn vị tính"), _("Mức chỉ tiêu")],
            rows_out,
            [1.2, 9.3, 2.8, 3.2],
        )
    ]


def _results_table(review: Review) -> list[Block]:
    results = review.indicator_results
    if not results:
        return []
    rows = []
    for n, r in enumerate(results, start=1):
        sign = "≤" if r["direction"] == "at_most" else "≥"
        total = num(r["total_actual"]) if r.get("total_actual") is not None else ""
        rows.append(
            [
                str(n),
                r["name"],
                r["unit_of_measure"],
                f"{sign} {num(r['target'])}",
                f"{r['reported']}/{r['units']}",
                str(r["met"]),
                total,
            ]
        )
    return [
        Table(
            [
                _("STT"),
                _("Chỉ tiêu"),
                _("Đơn vị tính"),
                _("Mức"),
                _("Đơn vị báo cáo"),
                _("Đơn vị đạt"),
                _("Tổng thực hiện"),
            ],
            rows,
            [1.2, 5.4, 2.0, 2.0, 2.1, 1.7, 2.1],
        )
    ]


def _registration_table(review: Review) -> list[Block]:
    totals = review.registration_totals.get("by_award", [])
    if not totals:
        return [_("Chưa có đăng ký thi đua theo phong trào.")]
    rows = [
        [
            str(n),
            t["name"],
            str(t.get("total", 0)),
            str(t.get("approved", 0)),
            str(t.get("flagged", 0)),
        ]
        for n, t in enumerate(totals, start=1)
    ]
    return [
        Table(
            [_("STT"), _("Danh hiệu"), _("Số đăng ký"), _("Đã duyệt"), _("Hệ thống cảnh báo")],
            rows,
            [1.2, 7.3, 2.6, 2.6, 2.8],
        )
    ]


def _examples(review: Review) -> list[Block]:
    lines = []
    for e in review.examples.select_related("unit", "person__unit"):
        if e.person is not None:
            who = _("Đồng chí %(name)s (%(unit)s)") % {
                "name": e.person.full_name,
                "unit": e.person.unit.name if e.person.unit else "",
            }
        else:
            who = _("Tập thể %(name)s") % {"name": e.unit.name if e.unit else ""}
        proposal = (
            _(" Đề nghị: %(form)s.") % {"form": e.get_proposed_award_display()}
            if e.proposed_award
            else ""
        )
        lines.append(f"- {who}: {e.achievement.rstrip('.')}.{proposal}")
    return ["\n".join(lines)] if lines else []
