"""The fund's yearly report: the workbook (.xlsx, through the house writer: the figures sheet and
every entry) and the administrative report (.docx): "Báo cáo tình hình thu, chi quỹ thi đua, khen
thưởng năm …"."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from tdkt.documents.docx import AdminDocument, Block, Section, Table, render
from tdkt.documents.xlsx import Sheet, workbook_bytes
from tdkt.funds import ledger, selectors
from tdkt.funds.models import EntryKind, Fund, FundEntry, SpendingCategory
from tdkt.nominations.documents import head_title, place_of
from tdkt.org.models import UnitLevel
from tdkt.web.templatetags.tdkt import money

K = EntryKind


def percent(rate: Decimal | None) -> str:
    """0.2000 → "20 %", 0.1750 → "17,5 %"."""
    if rate is None:
        return ""
    return format((rate * 100).normalize(), "f").replace(".", ",") + " %"


def figure_rows(f: ledger.Figures) -> list[tuple[str, int, bool]]:
    """(label, amount, bold) of the report's figures table, in the order an accountant reads it."""
    return [
        (_("I. Nguồn quỹ"), f.sources, True),
        (_("1. Số dư năm trước chuyển sang"), f.opening, False),
        (_("2. Trích lập từ ngân sách (quỹ tiền lương theo ngạch, bậc)"), f.allocation, False),
        (_("3. Đóng góp, nguồn hợp pháp khác"), f.contribution, False),
        (_("4. Thu hồi tiền thưởng đã chi"), f.recovery, False),
        (_("Trong đó: phần 20 % dành cho tổ chức phong trào"), f.sources_reserved, False),
        (_("II. Chi từ quỹ"), f.payments + f.spending, True),
        (_("1. Chi tiền thưởng theo quyết định"), f.payments, False),
        (_("2. Chi khác (in, làm hiện vật khen thưởng…)"), f.spending_general, False),
        (
            _("3. Chi tổ chức phong trào, sơ kết, tuyên truyền, kiểm tra, họp Hội đồng"),
            f.spending_reserved,
            False,
        ),
        (_("III. Số dư quỹ"), f.balance, True),
        (_("1. Số dư chung (chi khen thưởng)"), f.balance_general, False),
        (_("2. Số dư phần dành riêng"), f.balance_reserved, False),
        (_("IV. Tiền thưởng đã quyết định chưa chi"), f.outstanding, True),
        (_("Đã quyết định trong năm"), f.committed, False),
        (_("Không chi do khen thưởng bị hủy bỏ"), f.cancelled, False),
        (_("V. Số dư sau khi chi hết tiền thưởng đã quyết định"), f.free_after_commitments, True),
    ]


def entry_row(e: FundEntry) -> list[Any]:
    sign = -1 if e.reversal_of_id else 1
    cash = e.cash()
    return [
        e.entry_date,
        e.voucher,
        e.get_kind_display() + (f" ({_('đảo')})" if e.reversal_of_id else ""),
        e.get_category_display() if e.category else "",
        e.text,
        cash if cash > 0 else None,
        -cash if cash < 0 else None,
        sign * e.amount
        if e.kind in (K.COMMITMENT,)
        else (-sign * e.amount if e.kind in (K.PAYMENT, K.CANCELLATION) else None),
        _("có") if e.reserved_amount else "",
    ]


ENTRY_HEADERS = [
    "Ngày",
    "Số chứng từ",
    "Loại",
    "Nội dung chi",
    "Diễn giải",
    "Thu (đồng)",
    "Chi (đồng)",
    "Tiền thưởng chờ chi tăng (+), giảm (-)",
    "Phần dành riêng",
]


def report_title(fund: Fund) -> str:
    return _("Tình hình thu, chi quỹ thi đua, khen thưởng năm %(y)s") % {"y": fund.year}


def fund_xlsx(fund: Fund) -> bytes:
    f = ledger.figures(fund)
    rows = figure_rows(f)
    heading = f"{report_title(fund)}\n{fund.unit.name}"
    return workbook_bytes(
        [
            Sheet(
                _("Tổng hợp"),
                [_("Chỉ tiêu"), _("Số tiền (đồng)")],
                [[label, amount] for label, amount, _bold in rows],
                heading=heading,
                bold_rows={i for i, row in enumerate(rows) if row[2]},
            ),
            Sheet(
                _("Bút toán"),
                [_(h) for h in ENTRY_HEADERS],
                (entry_row(e) for e in selectors.entries(fund)),
                heading=heading,
            ),
        ]
    )


def _spending_table(fund: Fund) -> Table | None:
    lines: dict[str, int] = {}
    for e in fund.entries.filter(kind=K.SPENDING):
        lines[e.category] = lines.get(e.category, 0) + e.amount * e.effect()
    rows = [
        [str(SpendingCategory(c).label), money(v)]
        for c, v in sorted(lines.items(), key=lambda kv: list(SpendingCategory.values).index(kv[0]))
        if v
    ]
    if not rows:
        return None
    return Table([_("Nội dung chi"), _("Số tiền")], rows, widths_cm=[12.0, 4.5], right_columns={1})


def report_document(fund: Fund, day: dt.date | None = None) -> AdminDocument:
    f = ledger.figures(fund)
    unit = fund.unit
    rows = figure_rows(f)
    figures = Table(
        [_("Chỉ tiêu"), _("Số tiền")],
        [[label, money(amount)] for label, amount, _bold in rows],
        widths_cm=[12.0, 4.5],
        bold_rows={i for i, row in enumerate(rows) if row[2]},
        right_columns={1},
    )
    allocations = list(fund.entries.filter(kind=K.ALLOCATION, reversal_of__isnull=True))
    reversed_ids = selectors.reversed_ids(fund)
    basis: list[Block] = [
        _(
            "Thực hiện Luật Thi đua, khen thưởng năm 2022; Nghị định 98/2023/NĐ-CP, Nghị định "
            "152/2025/NĐ-CP và Thông tư 28/2025/TT-BTC về quản lý, sử dụng quỹ thi đua, khen "
            "thưởng, %(u)s báo cáo tình hình thu, chi quỹ thi đua, khen thưởng năm %(y)s như sau:"
        )
        % {"u": unit.name, "y": fund.year}
    ]
    sources: list[Block] = [figures]
    for a in allocations:
        if a.pk in reversed_ids or a.salary_fund is None:
            continue
        sources.append(
            _(
                "Kinh phí trích lập theo chứng từ số %(v)s ngày %(d)s: %(s)s × %(r)s = %(a)s "
                "(căn cứ: %(c)s)."
            )
            % {
                "v": a.voucher,
                "d": a.entry_date.strftime("%d/%m/%Y"),
                "s": money(a.salary_fund),
                "r": percent(a.rate),
                "a": money(a.amount),
                "c": a.citation,
            }
        )
    spending = _spending_table(fund)
    remarks: list[Block] = [
        _(
            "Tiền thưởng của các quyết định đã ký còn chờ chi: %(o)s; số dư chung sau khi chi hết "
            "số tiền này: %(r)s."
        )
        % {"o": money(f.outstanding), "r": money(f.free_after_commitments)}
    ]
    if f.free_after_commitments < 0:
        remarks.append(_("Quỹ không đủ chi hết tiền thưởng đã quyết định; đề nghị bổ sung nguồn."))
    if f.no_sources:
        remarks.append(_("Đơn vị chưa nhập nguồn quỹ của năm."))
    body: list[Block] = [
        Section("", basis),
        Section(_("I. NGUỒN QUỸ, CHI VÀ SỐ DƯ"), sources),
        *([Section(_("II. CHI KHÁC TỪ QUỸ"), list[Block]([spending]))] if spending else []),
        Section(
            _("III. NHẬN XÉT, KIẾN NGHỊ") if spending else _("II. NHẬN XÉT, KIẾN NGHỊ"), remarks
        ),
    ]
    return AdminDocument(
        issuer=unit.name,
        superior=unit.parent.name if unit.parent and unit.level != UnitLevel.TOI_CAO else "",
        kind="BÁO CÁO",
        title=report_title(fund),
        symbol="BC-VKSTC" if unit.level == UnitLevel.TOI_CAO else "BC-VKS",
        place=place_of(unit),
        date=day,
        body=body,
        signer_title=head_title(unit).upper(),
        recipients=[_("Cơ quan tài chính cấp trên"), _("Lãnh đạo đơn vị"), _("Lưu: VT, KT, TĐKT")],
    )


def fund_docx(fund: Fund, day: dt.date | None = None) -> bytes:
    return render(report_document(fund, day))
