"""Danh hiệu "Lao động tiên tiến" (LĐTT).

Luật TĐKT 2022, Điều 24 khoản 1: xếp loại hoàn thành tốt nhiệm vụ trở lên (điểm a); tinh thần tự
lực, đoàn kết, tích cực tham gia phong trào thi đua (điểm b — Hội đồng bình xét, động cơ không
chấm). Thông tư 02/2024/TT-VKSTC, Điều 15: không xét cho người mới tuyển dụng dưới 06 tháng, nghỉ
công tác từ 03 đến dưới 06 tháng (trừ nghỉ thai sản, điều trị thương do chiến đấu, cứu người), bị
kỷ luật từ khiển trách trở lên. Trước 2024 (Thông tư 01/2019/TT-VKSTC): mới tuyển dụng dưới 10
tháng.

Months of work in the year are counted up to the end of the year, or up to the day of evaluation
when that comes first (`Ctx.counted_until`): a product decision of eligibility-contract.md, so that
months not yet served never count.
"""

from __future__ import annotations

from datetime import date

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
EXCUSED_NOTE = " (thời gian nghỉ thai sản, điều trị thương được tính là thời gian công tác)"

_HTT = Rating.HTT


def rating(ctx: Ctx, r: BoundRule) -> Reason:
    return check_rating_at_least(ctx, r, _HTT)


def new_recruit(ctx: Ctx, r: BoundRule) -> Reason:
    value, cite = ctx.p.cited("ldtt.min_months_since_recruitment")
    recruited = _person(ctx).recruited_on
    if recruited is None:
        return r.missing("Thiếu ngày tuyển dụng", citation=cite)
    if recruited < ctx.start:
        return r.ok(_recruited_before, recruited, ctx.year, citation=cite)
    until = ctx.counted_until
    months, days = months_and_days(recruited, until)
    needed = int(value)
    count = (recruited, months, days, until, until < ctx.end, needed)
    if months >= needed:
        return r.ok(_recruited_enough, *count, citation=cite)
    return r.fail(_recruited_recently, *count, citation=cite)


def _recruited_before(recruited: date, year: int) -> str:
    return (
        f"Tuyển dụng ngày {vn(recruited)}, không thuộc trường hợp mới tuyển dụng trong năm {year}"
    )


def _recruited_enough(
    recruited: date, months: int, days: int, until: date, early: bool, needed: int
) -> str:
    worked = duration_text(months, days)
    return (
        f"Tuyển dụng ngày {vn(recruited)}, có {worked} công tác tính đến {_until(until, early)} "
        f"(từ {needed} tháng trở lên)"
    )


def _recruited_recently(
    recruited: date, months: int, days: int, until: date, early: bool, needed: int
) -> str:
    worked = duration_text(months, days)
    return (
        f"Mới tuyển dụng ngày {vn(recruited)}, có {worked} công tác tính đến "
        f"{_until(until, early)}, dưới {needed} tháng"
    )


def _until(day: date, early: bool) -> str:
    """The last day counted; the day of evaluation is named as such (months after it are not
    served yet, so they do not count)."""
    return f"ngày xét {vn(day)}" if early else vn(day)


def off_work(ctx: Ctx, r: BoundRule) -> Reason:
    limit, cite = ctx.p.cited("ldtt.max_off_work_months")
    leaves = _person(ctx).leaves
    year = ctx.year
    if leaves is None:
        return r.missing("Thiếu dữ liệu nghỉ công tác", citation=cite)
    if not leaves:
        return r.shared("ok", "Không nghỉ công tác trong năm {}", year, citation=cite)
    last_day = ctx.counted_until
    spans = []
    kinds: set[LeaveKind] = set()
    excused = False
    for leave in leaves:
        kind = leave.kind
        if kind not in OFF_WORK and kind not in COUNTED_AS_WORK:
            continue  # study, secondment: work done elsewhere
        span = clip((leave.start, leave.end or last_day), ctx.start, last_day)
        if span is None:
            continue
        if kind in OFF_WORK:
            spans.append(span)
            kinds.add(kind)
        else:
            excused = True
    months, days = measure(merge(spans)) if spans else (0, 0)
    note = EXCUSED_NOTE if excused else ""
    if limit is None:
        if not spans:
            return r.shared("ok", "Không nghỉ công tác trong năm {}{}", year, note, citation=cite)
        tail = "; quy định về thời gian nghỉ của thời kỳ này chưa được xác minh"
        return r.missing(_off_text, months, days, kinds, year, tail, citation=cite)
    if months >= int(limit):
        tail = f", từ {limit} tháng trở lên{note}"
        return r.fail(_off_text, months, days, kinds, year, tail, citation=cite)
    if not spans:
        return r.shared("ok", "Không nghỉ công tác trong năm {}{}", year, note, citation=cite)
    tail = f", dưới {limit} tháng{note}"
    return r.ok(_off_text, months, days, kinds, year, tail, citation=cite)


def _off_text(months: int, days: int, kinds: set[LeaveKind], year: int, tail: str) -> str:
    what = ", ".join(LEAVE_NAMES[k].lower() for k in sorted(kinds))
    return f"Nghỉ công tác {duration_text(months, days)} trong năm {year} ({what}){tail}"


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
