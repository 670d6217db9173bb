"""The fund's screens: the list in scope, the fund's page (figures, chart data, entries), finance's
forms (refusals in Vietnamese with a 400, never a 500), and who sees what."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.urls import reverse

from tdkt.accounts.models import Role
from tdkt.funds import ledger
from tdkt.funds.models import EntryKind, Fund
from tests.conftest import login, make_user
from tests.funds.builders import fund_with

pytestmark = pytest.mark.django_db
K = EntryKind


@pytest.fixture
def fund(sector):
    return fund_with(sector.quang_tri, 2026, 100_000_000)


def post(client, name, fund, data):
    return client.post(reverse(name, args=[fund.pk]), data)


def test_the_fund_page_shows_sources_reserved_share_balances_and_chart_data(fund, officer):
    body = login(officer).get(reverse("funds:fund_detail", args=[fund.pk])).content.decode()
    assert "Quỹ thi đua, khen thưởng năm 2026" in body
    assert 'id="fund-sources">20.000.000 đ' in body
    assert 'id="fund-balance-general">16.000.000 đ' in body
    assert 'id="fund-balance-reserved">4.000.000 đ' in body
    data = json.loads(re.search(r'id="fund-chart-data"[^>]*>(.*?)</script>', body).group(1))
    assert data["labels"][0] == "01" and len(data["labels"]) == 12
    assert data["datasets"][0]["data"][0] == 16_000_000  # the allocation of 10/01
    assert "funds/fund_chart.js" in body and "<script>" not in body  # no inline script (CSP)
    assert "Ghi kinh phí trích lập" not in body  # the TĐKT officer reads, finance writes


def test_the_fund_list_shows_the_funds_in_scope_only(fund, officer, outsider):
    body = login(officer).get(reverse("funds:fund_list")).content.decode()
    assert "Viện kiểm sát nhân dân tỉnh Quảng Trị" in body and "4.000.000 đ" in body
    assert "20.000.000 đ" in body
    other = login(outsider).get(reverse("funds:fund_list")).content.decode()
    assert "Quảng Trị" not in other and "Chưa có sổ quỹ nào" in other
    filtered = login(officer).get(reverse("funds:fund_list") + "?nam=2025").content.decode()
    assert "Quảng Trị" not in filtered.split('id="funds"')[1]


def test_a_staff_member_and_a_finance_officer_elsewhere_do_not_reach_the_fund(sector, fund):
    staff = make_user("canbo.an", Role.STAFF, sector.kv1, person=sector.an)
    elsewhere = make_user("ketoan.bentre", Role.FINANCE, sector.ben_tre)
    url = reverse("funds:fund_detail", args=[fund.pk])
    assert login(staff).get(url).status_code == 404
    assert login(elsewhere).get(url).status_code == 404
    assert login(staff).get(reverse("funds:fund_list")).status_code == 404


def test_finance_enters_an_allocation_a_contribution_and_a_spending_on_the_fund(fund, qt_finance):
    client = login(qt_finance)
    page = client.get(reverse("funds:fund_detail", args=[fund.pk])).content.decode()
    assert "Ghi kinh phí trích lập" in page and "Quỹ thi đua, khen thưởng</a>" in page  # nav
    today = dt.date.today()
    day = f"{today:%d/%m/%Y}" if today.year == 2026 else "15/03/2026"
    response = post(
        client,
        "funds:contribution_add",
        fund,
        {"amount": "5.000.000 đ", "entry_date": day, "voucher": "PT-12", "text": "Ủng hộ"},
    )
    if today.year < 2026:  # a voucher dated after today is refused: the test then stops here
        assert response.status_code == 400
        return
    assert response.status_code == 302
    response = post(
        client,
        "funds:spending_add",
        fund,
        {
            "amount": "1 000 000",
            "category": "kiem_tra",
            "entry_date": day,
            "voucher": "PC-3",
            "text": "Kiểm tra công tác thi đua",
        },
    )
    assert response.status_code == 302
    f = ledger.figures(Fund.objects.get(pk=fund.pk))
    assert f.contribution == 5_000_000 and f.spending_reserved == 1_000_000
    assert f.balance_reserved == 4_000_000 + 1_000_000 - 1_000_000


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"amount": "-5.000.000"}, "Số tiền: phải lớn hơn 0 đồng."),
        ({"amount": "0"}, "Số tiền: phải lớn hơn 0 đồng."),
        ({"amount": "9" * 45}, "Số tiền: dài quá"),
        ({"amount": "9" * 30}, "Số tiền: số tiền quá lớn."),
        ({"amount": "99999999999999999"}, "Số tiền: số tiền quá lớn."),
        ({"amount": "1e9"}, "Số tiền: hãy nhập số tiền bằng chữ số"),
        ({"entry_date": "31/02/2026"}, "Ngày chứng từ: giá trị không hợp lệ."),
        ({"entry_date": "2026-13-01"}, "Ngày chứng từ: giá trị không hợp lệ."),
        ({"voucher": "\x00\x01"}, "ký tự"),
        ({"category": "khong_co"}, "Nội dung chi: lựa chọn không hợp lệ."),
        ({"amount": "50.000.000"}, "không đủ chi 50.000.000 đ"),
    ],
)
def test_bad_fund_input_gets_a_vietnamese_400_and_writes_nothing(fund, qt_finance, data, words):
    form = {
        "amount": "1.000.000",
        "category": "in_an",
        "entry_date": "10/01/2026",
        "voucher": "PC-1",
        "text": "In giấy khen",
        **data,
    }
    response = post(login(qt_finance), "funds:spending_add", fund, form)
    assert response.status_code == 400
    assert words in response.content.decode()
    assert not fund.entries.filter(kind=K.SPENDING).exists()


def test_a_fund_reversal_from_the_screen_needs_a_long_reason(fund, qt_finance):
    entry = fund.entries.get(kind=K.ALLOCATION)
    url = reverse("funds:entry_reverse", args=[entry.pk])
    client = login(qt_finance)
    short = client.post(url, {"reason": "nhầm\x00"})
    assert short.status_code == 400 and "ít nhất 20 ký tự" in short.content.decode()
    done = client.post(url, {"reason": "Nhập nhầm quỹ tiền lương của năm trước, nhập lại."})
    assert done.status_code == 302
    assert ledger.figures(fund).allocation == 0


def test_opening_a_fund_year_from_the_screen(sector, qt_finance):
    client = login(qt_finance)
    page = client.get(reverse("funds:fund_open")).content.decode()
    assert '"action": "fund.manage"' in page  # the unit picker offers the units finance keeps
    search = client.get(
        reverse("funds:unit_search"), {"q": "tinh", "action": "fund.manage", "field": "unit"}
    ).content.decode()
    assert "Viện kiểm sát nhân dân tỉnh Quảng Trị" in search and "Bến Tre" not in search
    response = client.post(reverse("funds:fund_open"), {"unit": sector.quang_tri.pk, "year": 2026})
    fund = Fund.objects.get(unit=sector.quang_tri, year=2026)
    assert response.status_code == 302 and response.url == reverse(
        "funds:fund_detail", args=[fund.pk]
    )
    again = client.post(reverse("funds:fund_open"), {"unit": sector.quang_tri.pk, "year": 2026})
    assert again.status_code == 400 and "đã được mở" in again.content.decode()
    bad = client.post(reverse("funds:fund_open"), {"unit": sector.ben_tre.pk, "year": "20266"})
    assert bad.status_code == 400 and "Bến Tre" not in bad.content.decode()
    assert "ngoài phạm vi" in bad.content.decode() or "không hợp lệ" in bad.content.decode()


def test_the_fund_list_ignores_a_hostile_year(fund, officer):
    for year in ("2026%00", "-1", "99999999999999999999", "²"):
        assert login(officer).get(reverse("funds:fund_list") + f"?nam={year}").status_code == 200


def test_the_finance_role_is_offered_by_the_grant_forms_and_reaches_only_the_fund(sector, officer):
    from tdkt.accounts.selectors import roles_for
    from tdkt.workflow.access import access_for

    assert ("ke_toan", "Cán bộ tài chính, kế toán") in [
        (v, str(lbl)) for v, lbl in roles_for(officer)
    ]
    finance = make_user("ketoan.qt", Role.FINANCE, sector.quang_tri)
    access = access_for(finance)
    assert access.can("fund.view") and access.can("fund.manage")
    assert not access.can("view") and not access.can("decide") and not access.can("sign")
    home = login(finance).get(reverse("funds:fund_list")).content.decode()
    assert 'href="/quy-thi-dua/"' in home  # the menu offers the fund
