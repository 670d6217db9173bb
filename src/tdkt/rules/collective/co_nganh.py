"""Danh hiệu "Cờ thi đua ngành Kiểm sát nhân dân" (= Cờ thi đua cấp bộ, ngành).

Thông tư 02/2024/TT-VKSTC, Điều 17: tặng hằng năm cho tập thể dẫn đầu phong trào thi đua của cụm,
khối thi đua do ngành tổ chức; đạt tiêu chuẩn Tập thể lao động xuất sắc; vượt chỉ tiêu thi đua và
nhiệm vụ được giao. Trước 01/10/2024 (Thông tư 01/2019/TT-VKSTC, Điều 20): chọn trong các tập thể
đạt TTLĐXS, được từ 80% số đơn vị thành viên của cụm, khối tán thành. Tỷ lệ phiếu của Hội đồng (80%
tổng số thành viên) được kiểm bằng câu hỏi biểu quyết. Quyết định sản phẩm: đơn vị có vi phạm trong
năm không được xét.
"""

from __future__ import annotations

from fractions import Fraction

from tdkt.rules.codes import Award, Subject
from tdkt.rules.collective.members import percent
from tdkt.rules.common import PRODUCT_VIOLATION, check_unit_violation, holds_text
from tdkt.rules.engine import BoundRule, Ctx, Rule
from tdkt.rules.facts import Cluster, UnitFacts
from tdkt.rules.verdict import Reason


def requires_ttldxs(ctx: Ctx, r: BoundRule) -> Reason:
    held = ctx.holds(Award.TTLDXS, ctx.year)
    text = holds_text(Award.TTLDXS, ctx.year, held, ctx.has_title(Award.TTLDXS, ctx.year))
    if held:
        return r.ok(text)
    return r.missing(text) if held is None else r.fail(text)


def cluster_leader(ctx: Ctx, r: BoundRule) -> Reason:
    cluster = _cluster(ctx)
    if cluster is None or cluster.rank is None:
        return r.missing("Thiếu thứ hạng trong cụm, khối thi đua")
    of = f"/{cluster.size}" if cluster.size else ""
    if cluster.rank == 1:
        return r.ok(f"Dẫn đầu cụm, khối thi đua năm {ctx.year} (hạng 1{of})")
    return r.fail(
        f"Xếp hạng {cluster.rank}{of} trong cụm, khối thi đua năm {ctx.year}; Cờ thi đua ngành "
        "xét tặng cho tập thể dẫn đầu"
    )


def cluster_vote(ctx: Ctx, r: BoundRule) -> Reason:
    key = "co_nganh.min_cluster_vote_share"
    share = ctx.p.fraction(key)
    cite = ctx.p.cite(key)
    cluster = _cluster(ctx)
    if cluster is None or cluster.size is None or cluster.approval_votes is None:
        return r.missing(
            "Thiếu kết quả bỏ phiếu của cụm, khối",
            citation=cite,
        )
    have = Fraction(cluster.approval_votes, cluster.size)
    votes = f"{cluster.approval_votes}/{cluster.size}"
    text = f"{votes} đơn vị trong cụm, khối ({percent(have)}) tán thành"
    if have >= share:
        return r.ok(f"{text}, từ {percent(share)} trở lên", citation=cite)
    return r.fail(f"{text}, dưới {percent(share)}", citation=cite)


def _cluster(ctx: Ctx) -> Cluster | None:
    facts = ctx.facts
    assert isinstance(facts, UnitFacts)
    return facts.cluster


_C = Subject.COLLECTIVE
_A = Award.CO_NGANH
RULES = (
    Rule(
        "co_nganh.requires_ttldxs",
        _A,
        _C,
        requires_ttldxs,
        {
            "pre-2024": "Thông tư 01/2019/TT-VKSTC, Điều 20",
            "2024-10": "Thông tư 02/2024/TT-VKSTC, Điều 17",
        },
    ),
    Rule(
        "co_nganh.cluster_leader",
        _A,
        _C,
        cluster_leader,
        {"2024-10": "Thông tư 02/2024/TT-VKSTC, Điều 17"},
    ),
    Rule(
        "co_nganh.cluster_vote",
        _A,
        _C,
        cluster_vote,
        {
            "pre-2024": "Thông tư 01/2019/TT-VKSTC, Điều 20",
            "2024-10": "Thông tư 02/2024/TT-VKSTC, Điều 17",
        },
        note="Tỷ lệ 80% sau 01/10/2024: M (tham số).",
    ),
    Rule("co_nganh.unit_violation", _A, _C, check_unit_violation, {"pre-2024": PRODUCT_VIOLATION}),
)
