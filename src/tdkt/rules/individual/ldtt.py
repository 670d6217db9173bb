"""Danh hiệu "Lao động tiên tiến" (LĐTT).

Luật TĐKT 2022, Điều 24 khoản 1: xếp loại hoàn thành tốt nhiệm vụ trở lên (điểm a); tinh thần tự
lực, đoàn kết, tích cực tham gia phong trào thi đua (điểm b — Hội đồng bình xét, động cơ không
chấm). Thông tư 02/2024/TT-VKSTC, Điều 15: không xét cho người mới tuyển dụng dưới 06 tháng, nghỉ
công tác từ 03 đến dưới 06 tháng (trừ nghỉ thai sản, điều trị thương do chiến đấu, cứu người), bị
kỷ luật từ khiển trách trở lên. Trước 2024 (Thông tư 01/2019/TT-VKSTC): mới tuyển dụng dưới 10
tháng.
"""

from __future__ import annotations

from tdkt.rules.codes import LEAVE_NAMES, Award, LeaveKind, Rating, Subject
from tdkt.rules.common import check_discipline, check_rating_at_least
from tdkt.rules.dates import clip, duration_text, measure, merge, months_and_days, vn
from tdkt.rules.engine import BoundRule, Ctx, Rule
from tdkt.rules.facts import PersonFacts
from tdkt.rules.verdict import Reason

# Leave that interrupts work. Maternity and certified injury treatment count as working time
# (TT 02/2024 Art. 15(2)); study and secondment are work done elsewhere (TT 01/2024/TT-BNV).
OFF_WORK = frozenset({LeaveKind.OM, LeaveKind.KHONG_LUONG})
COUNTED_AS_WORK = frozenset({LeaveKind.THAI_SAN, LeaveKind.DIEU_TRI_THUONG})


def rating(ctx: Ctx, r: BoundRule) -> Reason:
    return check_rating_at_least(ctx, r, Rating.HTT)


def new_recruit(ctx: Ctx, r: BoundRule) -> Reason:
    key = "ldtt.min_months_since_recruitment"
    needed = int(ctx.p[key])
    cite = ctx.p.cite(key)
    recruited = _person(ctx).recruited_on
    if recruited is None:
        return r.missing("Thiếu ngày tuyển dụng (recruited_on)", citation=cite)
    if recruited < ctx.start:
        return r.ok(
            f"Tuyển dụng ngày {vn(recruited)}, không thuộc trường hợp mới tuyển dụng trong năm "
            f"{ctx.year}",
            citation=cite,
        )
    months, days = months_and_days(recruited, ctx.end)
    worked = duration_text(months, days)
    if months >= needed:
        return r.ok(
            f"Tuyển dụng ngày {vn(recruited)}, có {worked} công tác tính đến {vn(ctx.end)} "
            f"(từ {needed} tháng trở lên)",
            citation=cite,
        )
    return r.fail(
        f"Mới tuyển dụng ngày {vn(recruited)}, có {worked} công tác tính đến {vn(ctx.end)}, "
        f"dưới {needed} tháng",
        citation=cite,
    )


def off_work(ctx: Ctx, r: BoundRule) -> Reason:
    key = "ldtt.max_off_work_months"
    limit = ctx.p[key]
    cite = ctx.p.cite(key)
    leaves = _person(ctx).leaves
    if leaves is None:
        return r.missing("Thiếu dữ liệu nghỉ công tác (leaves)", citation=cite)
    if not leaves:
        return r.ok(f"Không nghỉ công tác trong năm {ctx.year}", citation=cite)
    last_day = min(ctx.end, ctx.as_of)
    spans = []
    kinds: set[LeaveKind] = set()
    excused = False
    for leave in leaves:
        span = clip((leave.start, leave.end or last_day), ctx.start, last_day)
        if span is None:
            continue
        if leave.kind in OFF_WORK:
            spans.append(span)
            kinds.add(leave.kind)
        elif leave.kind in COUNTED_AS_WORK:
            excused = True
    months, days = measure(merge(spans))
    off = duration_text(months, days)
    what = ", ".join(LEAVE_NAMES[k].lower() for k in sorted(kinds))
    note = (
        " (thời gian nghỉ thai sản, điều trị thương được tính là thời gian công tác)"
        if excused
        else ""
    )
    if limit is None:
        if not spans:
            return r.ok(f"Không nghỉ công tác trong năm {ctx.year}{note}", citation=cite)
        return r.missing(
            f"Nghỉ công tác {off} trong năm {ctx.year} ({what}); quy định về thời gian nghỉ của "
            "thời kỳ này chưa được xác minh",
            citation=cite,
        )
    if months >= int(limit):
        return r.fail(
            f"Nghỉ công tác {off} trong năm {ctx.year} ({what}), từ {limit} tháng trở lên{note}",
            citation=cite,
        )
    if not spans:
        return r.ok(f"Không nghỉ công tác trong năm {ctx.year}{note}", citation=cite)
    return r.ok(
        f"Nghỉ công tác {off} trong năm {ctx.year} ({what}), dưới {limit} tháng{note}",
        citation=cite,
    )


def _person(ctx: Ctx) -> PersonFacts:
    facts = ctx.facts
    assert isinstance(facts, PersonFacts)
    return facts


_I = Subject.INDIVIDUAL
RULES = (
    Rule(
        "ldtt.rating",
        Award.LDTT,
        _I,
        rating,
        {
            "pre-2024": "Luật TĐKT 2003, Điều 24",
            "2024-01": "Luật TĐKT 2022, Điều 24 khoản 1 điểm a",
        },
    ),
    Rule(
        "ldtt.new_recruit",
        Award.LDTT,
        _I,
        new_recruit,
        {
            "pre-2024": "Thông tư 01/2019/TT-VKSTC; Thông tư 12/2019/TT-BNV",
            "2024-01": "Thông tư 01/2024/TT-BNV",
            "2024-10": "Thông tư 02/2024/TT-VKSTC, Điều 15",
        },
    ),
    Rule(
        "ldtt.off_work",
        Award.LDTT,
        _I,
        off_work,
        {
            "pre-2024": "Thông tư 01/2019/TT-VKSTC; Thông tư 12/2019/TT-BNV",
            "2024-10": "Thông tư 02/2024/TT-VKSTC, Điều 15",
        },
        note="Trước 01/10/2024 quy định chưa xác minh: tham số null, có nghỉ thì cần xem xét.",
    ),
    Rule(
        "ldtt.no_discipline",
        Award.LDTT,
        _I,
        check_discipline,
        {
            "pre-2024": "Thông tư 01/2019/TT-VKSTC; Thông tư 12/2019/TT-BNV",
            "2024-10": "Thông tư 02/2024/TT-VKSTC, Điều 15",
        },
        confidence="C",
        note="Trước 01/10/2024: P (văn bản cũ chưa đối chiếu nguyên văn).",
    ),
)
