"""The fund's yearly report: the workbook (figures and entries, through the house writer) and the
administrative report (.docx), with the right figures."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from tdkt.documents.docx import plain_text
from tdkt.funds import services as funds
from tests.conftest import login
from tests.funds.builders import BK, CSTD, LATER, PAID, decision_of, fund_with, line

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_fund(world):
    """VKSND tối cao's 2026 fund: 100.000.000 × 20 %, a council meeting (reserved), printing,
    a decision of two lines, one paid; and a contribution reversed."""
    decision = decision_of(world)
    fund = fund_with(world.s.vkstc, 2026, 100_000_000)
    from tdkt.decisions import services as decisions

    decisions.record_payment(
        actor=world.vkstc_officer, awardee=line(decision, "BK_NGANH"), paid_on=PAID
    )
    day = dt.date(2026, 4, 2)
    common = {"actor": None, "fund": fund, "entry_date": day, "now": LATER}
    funds.record_spending(
        amount=1_200_000, category="hoi_dong", voucher="PC-4", text="Họp Hội đồng", **common
    )
    funds.record_spending(
        amount="=SUM(A1)" and 800_000,
        category="in_an",
        voucher="=HYPERLINK(1)",
        text="=CMD|' /C calc'!A0",
        **common,
    )
    gift = funds.record_contribution(
        amount=3_000_000, voucher="PT-1", text="Ủng hộ của công đoàn", **common
    )
    funds.reverse_entry(
        actor=None, entry=gift, reason="Ghi nhầm vào quỹ của đơn vị khác, đảo lại.", now=LATER
    )
    return fund


def test_the_fund_workbook_carries_the_figures_and_every_entry(busy_fund, world):
    response = login(world.vkstc_officer).get(reverse("funds:fund_xlsx", args=[busy_fund.pk]))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    summary = {row[0]: row[1] for row in book["Tổng hợp"].iter_rows(values_only=True) if row}
    assert summary["I. Nguồn quỹ"] == 20_000_000
    assert summary["3. Đóng góp, nguồn hợp pháp khác"] == 0  # reversed
    assert summary["1. Chi tiền thưởng theo quyết định"] == BK
    assert summary["3. Chi tổ chức phong trào, sơ kết, tuyên truyền, kiểm tra, họp Hội đồng"] == (
        1_200_000
    )
    assert summary["III. Số dư quỹ"] == 20_000_000 - BK - 1_200_000 - 800_000
    assert summary["2. Số dư phần dành riêng"] == 4_000_000 - 1_200_000
    assert summary["IV. Tiền thưởng đã quyết định chưa chi"] == CSTD
    cells = [c for row in book["Bút toán"].iter_rows() for c in row]
    typed = [c for c in cells if str(c.value or "").startswith("=")]
    assert typed and all(c.data_type == "s" for c in typed)  # text, never a formula
    entries = list(book["Bút toán"].iter_rows(values_only=True))
    kinds = [row[2] for row in entries[3:]]
    assert kinds.count("Tiền thưởng theo quyết định đã ký (chờ chi)") == 2
    assert "Đóng góp, nguồn hợp pháp khác (đảo)" in kinds


def test_the_fund_report_docx_is_an_administrative_report_with_the_figures(busy_fund, world):
    response = login(world.vkstc_officer).get(reverse("funds:fund_docx", args=[busy_fund.pk]))
    assert response.status_code == 200
    text = plain_text(response.content)
    assert "BÁO CÁO" in text
    assert "Tình hình thu, chi quỹ thi đua, khen thưởng năm 2026" in text
    assert "VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO" in text.upper()
    assert "20.000.000 đ" in text  # sources
    assert f"{20_000_000 - BK - 2_000_000:,} đ".replace(",", ".") in text  # balance
    assert "100.000.000 đ × 20 % = 20.000.000 đ" in text
    assert "Họp Hội đồng Thi đua - Khen thưởng" in text
    document = Document(io.BytesIO(response.content))
    assert len(document.tables) >= 2
