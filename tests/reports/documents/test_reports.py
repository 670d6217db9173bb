"""The reports on the small sector of tests/conftest.py, case by case: the new Quảng Trị carries
the figures of Quảng Bình and of the district Đồng Hới, a period list holds exactly the decisions
signed in it, a record shows its holder's awards and no one else's, the money paid in a year."""

from __future__ import annotations

import datetime as dt

import pytest

from tdkt.decisions import services as decision_services
from tdkt.people.models import Person
from tdkt.records import services as records
from tdkt.records.models import AwardEntry
from tdkt.reports.documents.base import ReportRequest
from tdkt.reports.documents.catalogue import make
from tests.conftest import Sector
from tests.nominations.builders import build_world, signed_decision, voted

from .conftest import docx_paragraphs, docx_table, docx_tables, number, row_of, xlsx_rows

pytestmark = pytest.mark.django_db


def review(unit, year: int, fmt: str = "docx", *, sector: bool = False) -> bytes:
    return make(ReportRequest("tong_ket", fmt, unit, sector=sector, year=year)).content


def awardee_list(unit, start: dt.date, end: dt.date, fmt: str = "xlsx", award: str = "") -> bytes:
    request = ReportRequest("danh_sach", fmt, unit, date_from=start, date_to=end, award=award)
    return make(request).content


# --- tổng kết ------------------------------------------------------------------------------------


def test_the_new_quang_tri_review_of_2023_carries_quang_binh_and_dong_hoi(sector: Sector) -> None:
    content = review(sector.quang_tri, 2023)
    people = docx_table(content, "Danh hiệu", "Cấp tỉnh", "Cấp cơ sở")
    units = docx_table(content, "Danh hiệu", "Cấp tỉnh", "Cấp cơ sở", index=1)
    assert people[0] == [
        "Danh hiệu",
        "Cấp tỉnh",
        "Cấp cơ sở",
        "Tổng năm 2023",
        "Năm 2022",
        "Tăng (+), giảm (-)",
    ]
    # An was a procurator of Đồng Hới (a district: the grassroots) when the decision was signed.
    assert row_of(people, "Lao động tiên tiến")[1:] == ["0", "1", "1", "0", "+1"]
    # The old Quảng Bình's own title counts for the new Quảng Trị that succeeded it.
    assert row_of(units, "Tập thể lao động tiên tiến")[1:] == ["1", "0", "1", "0", "+1"]
    assert row_of(units, "Tổng cộng")[1:] == ["1", "0", "1", "0", "+1"]
    forms = docx_table(content, "Hình thức", "Cơ sở")
    assert row_of(forms, "Tổng cộng")[1:] == ["0", "0", "0", "0", "0", "0", "0"]
    shares = docx_table(content, "Chỉ tiêu")
    assert row_of(shares, "Khen thưởng cấp cơ sở (trên tổng số danh hiệu, hình thức)")[1:4] == [
        "1",
        "2",
        "50,0 %",
    ]
    text = "\n".join(docx_paragraphs(content))
    assert "VIỆN KIỂM SÁT NHÂN DÂN\nTỈNH QUẢNG TRỊ" in "\n".join(
        "\n".join(cell for cell in row) for row in docx_tables(content)[0]
    )
    assert "có 2 lượt tập thể, cá nhân" in text
    assert "(1 lượt cá nhân, 1 lượt tập thể)" in text
    assert "Tỷ lệ khen thưởng cấp cơ sở đạt 50,0 %" in text
    assert "PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024" in text


def test_an_outsider_province_counts_nothing_of_quang_tri(sector: Sector) -> None:
    header, rows = xlsx_rows(review(sector.ben_tre, 2023, "xlsx"), "Danh hiệu thi đua", "Đối tượng")
    assert header[:5] == ["Đối tượng", "Danh hiệu", "Cấp tỉnh", "Cấp cơ sở", "Tổng năm 2023"]
    assert all(r[4] == 0 and r[5] == 0 for r in rows)


def test_the_sector_review_counts_every_unit_by_its_tier(sector: Sector) -> None:
    header, rows = xlsx_rows(
        review(sector.vkstc, 2023, "xlsx", sector=True), "Danh hiệu thi đua", "Đối tượng"
    )
    assert header[2:5] == ["Trung ương", "Cấp tỉnh", "Cấp cơ sở"]
    by_title = {(r[0], r[1]): r[2:] for r in rows}
    assert by_title[("Cá nhân", "Lao động tiên tiến")] == [0, 0, 1, 1, 0, 1]
    assert by_title[("Tập thể", "Tập thể lao động tiên tiến")] == [0, 1, 0, 1, 0, 1]
    header, shares = xlsx_rows(
        review(sector.vkstc, 2023, "xlsx", sector=True), "Tỷ lệ khen thưởng", "Chỉ tiêu"
    )
    assert shares[0][1:4] == [1, 2, 0.5]


def test_reward_money_paid_in_the_year_is_summed(sector: Sector, officer) -> None:
    world = build_world(sector, officer)
    day = dt.date(2025, 7, 1)
    decision = signed_decision(world, voted(world, year=2024, day=day), day)
    awardees = list(decision.awardees.all())
    paid, unpaid = awardees[0], awardees[1]
    decision_services.record_payment(
        actor=world.vkstc_officer, awardee=paid, paid_on=dt.date(2025, 8, 1)
    )
    content = review(sector.quang_tri, 2025)
    money = docx_table(content, "Danh hiệu, hình thức", "Số khoản chi")
    amount = f"{paid.amount:,}".replace(",", ".") + " đ"
    assert money[1:] == [
        [paid.get_award_display(), "1", amount],
        ["Tổng cộng", "1", amount],
    ]
    assert unpaid.money_status == "unpaid"
    assert f"Đã chi 1 khoản tiền thưởng, tổng số {amount}." in "\n".join(docx_paragraphs(content))
    # Bến Tre paid nothing.
    assert "chưa ghi nhận khoản chi tiền thưởng" in "\n".join(
        docx_paragraphs(review(sector.ben_tre, 2025))
    )


# --- danh sách khen thưởng -----------------------------------------------------------------------


def _decisions_around_january(sector: Sector) -> dict[str, AwardEntry]:
    """Decisions signed on 19/01, 20/01 (the fixture's 12/QĐ-VKS), 31/01 and 01/02/2024."""
    entries = {
        e.person.full_name if e.person else e.unit.name: e
        for e in AwardEntry.objects.select_related("person", "unit")
    }
    binh = Person.objects.get(full_name="Trần Thị Bình")
    for decision_number, day, subject in (
        ("5/QĐ-VKS", dt.date(2024, 1, 19), sector.dong_hoi),
        ("20/QĐ-VKS", dt.date(2024, 1, 31), sector.vinh_linh),
        ("21/QĐ-VKS", dt.date(2024, 2, 1), sector.quang_tri_old),
    ):
        decision = records.record_decision(
            actor=None,
            number=decision_number,
            signed_on=day,
            level="tinh",
            issuer=sector.quang_binh,
        )
        entries[subject.name] = records.record_award(
            actor=None, award="TTLDTT", year=2023, decision=decision, unit=subject
        )
    outside = records.record_decision(
        actor=None, number="7/QĐ-VKS", signed_on=dt.date(2024, 1, 25), level="tinh"
    )
    entries[binh.full_name] = records.record_award(
        actor=None, award="LDTT", year=2023, decision=outside, person=binh
    )
    return entries


def test_a_period_list_holds_exactly_the_decisions_signed_in_it(sector: Sector) -> None:
    _decisions_around_january(sector)
    content = awardee_list(sector.quang_tri, dt.date(2024, 1, 20), dt.date(2024, 1, 31))
    header, rows = xlsx_rows(content, "Danh sách khen thưởng", "STT")
    assert header == [
        "STT",
        "Họ và tên / Tên tập thể",
        "Chức vụ, đơn vị khi khen thưởng",
        "Danh hiệu, hình thức",
        "Năm thành tích",
        "Số, ngày quyết định",
        "Cấp quyết định",
    ]
    assert rows == [
        ["I", "Lao động tiên tiến", None, None, None, None, None],
        [
            1,
            "Nguyễn Văn An",
            "Kiểm sát viên, Viện kiểm sát nhân dân thành phố Đồng Hới",
            "Lao động tiên tiến",
            2023,
            "12/QĐ-VKS ngày 20/01/2024",
            "Cấp tỉnh",
        ],
        [None, "Cộng: 1 lượt", None, None, None, None, None],
        ["II", "Tập thể lao động tiên tiến", None, None, None, None, None],
        [
            1,
            "Viện kiểm sát nhân dân tỉnh Quảng Bình",
            None,
            "Tập thể lao động tiên tiến",
            2023,
            "12/QĐ-VKS ngày 20/01/2024",
            "Cấp tỉnh",
        ],
        [
            2,
            "Viện kiểm sát nhân dân huyện Vĩnh Linh",
            None,
            "Tập thể lao động tiên tiến",
            2023,
            "20/QĐ-VKS ngày 31/01/2024",
            "Cấp tỉnh",
        ],
        [None, "Cộng: 2 lượt", None, None, None, None, None],
        [None, "Tổng cộng: 3 lượt", None, None, None, None, None],
    ]


def test_a_period_list_filters_by_award_and_leaves_out_revoked_awards(sector: Sector) -> None:
    entries = _decisions_around_january(sector)
    records.revoke_award(
        actor=None,
        entry=entries["Viện kiểm sát nhân dân huyện Vĩnh Linh"],
        revoked_on=dt.date(2024, 6, 1),
        reason="Khai man thành tích trong hồ sơ đề nghị khen thưởng.",
    )
    content = awardee_list(
        sector.quang_tri, dt.date(2024, 1, 1), dt.date(2024, 12, 31), award="TTLDTT"
    )
    _header, rows = xlsx_rows(content, "Danh sách khen thưởng", "STT")
    names = [r[1] for r in rows if isinstance(r[0], int)]
    assert names == [
        "Viện kiểm sát nhân dân thành phố Đồng Hới",
        "Viện kiểm sát nhân dân tỉnh Quảng Bình",
        "Viện kiểm sát nhân dân tỉnh Quảng Trị",
    ]
    assert rows[-1][1] == "Tổng cộng: 3 lượt"


def test_the_period_list_as_docx_has_the_same_lines(sector: Sector) -> None:
    _decisions_around_january(sector)
    content = awardee_list(sector.quang_tri, dt.date(2024, 1, 20), dt.date(2024, 1, 31), "docx")
    table = docx_table(content, "STT", "Họ và tên / Tên tập thể")
    assert [r[1] for r in table[1:]] == [
        "Lao động tiên tiến",
        "Nguyễn Văn An",
        "Cộng: 1 lượt",
        "Tập thể lao động tiên tiến",
        "Viện kiểm sát nhân dân tỉnh Quảng Bình",
        "Viện kiểm sát nhân dân huyện Vĩnh Linh",
        "Cộng: 2 lượt",
        "Tổng cộng: 3 lượt",
    ]
    text = "\n".join(docx_paragraphs(content))
    assert "từ ngày 20/01/2024 đến ngày 31/01/2024" in text


# --- hồ sơ thành tích ----------------------------------------------------------------------------


def test_a_persons_record_holds_his_awards_and_no_one_elses(sector: Sector) -> None:
    _decisions_around_january(sector)
    request = ReportRequest("ho_so_ca_nhan", "docx", sector.kv1, person=sector.an)
    content = make(request).content
    identity = docx_table(content, "Thông tin", "Nội dung")
    assert row_of(identity, "Họ và tên")[1] == "Nguyễn Văn An"
    assert row_of(identity, "Ngày sinh")[1] == "02/04/1985"
    assert row_of(identity, "Giới tính")[1] == "Nam"
    titles = docx_table(content, "STT", "Năm", "Danh hiệu, hình thức")
    assert titles[1:] == [
        [
            "1",
            "2023",
            "Lao động tiên tiến",
            "Số 12/QĐ-VKS ngày 20/01/2024 (Viện kiểm sát nhân dân tỉnh Quảng Bình)",
            "Viện trưởng VKSND cấp tỉnh, cấp cao",
        ]
    ]
    career = docx_table(content, "Từ ngày", "Đến ngày", "Chức vụ", "Đơn vị")
    assert [r[3] for r in career[1:]] == [
        "Viện kiểm sát nhân dân thành phố Đồng Hới",
        "Viện kiểm sát nhân dân khu vực 1 - Quảng Trị",
    ]
    ratings = docx_table(content, "Năm", "Xếp loại chất lượng")
    assert ratings[1:] == [["2023", "Hoàn thành xuất sắc nhiệm vụ"]]
    everything = "\n".join(
        ["\n".join(docx_paragraphs(content))]
        + ["\n".join("|".join(r) for r in t) for t in docx_tables(content)]
    )
    assert "Trần Thị Bình" not in everything and "7/QĐ-VKS" not in everything
    assert "Tập thể lao động tiên tiến" not in everything


def test_a_units_record_holds_its_predecessors_awards(sector: Sector) -> None:
    _decisions_around_january(sector)
    content = make(ReportRequest("ho_so_don_vi", "docx", sector.kv1)).content
    awards = docx_table(content, "STT", "Năm", "Danh hiệu, hình thức", "Tập thể được tặng")
    assert [(r[2], r[3]) for r in awards[1:]] == [
        ("Tập thể lao động tiên tiến", "Viện kiểm sát nhân dân thành phố Đồng Hới"),
        ("Tập thể lao động tiên tiến", "Viện kiểm sát nhân dân huyện Vĩnh Linh"),
    ]
    text = "\n".join(docx_paragraphs(content))
    assert "- Viện kiểm sát nhân dân thành phố Đồng Hới (hoạt động đến ngày 30/06/2025);" in text
    assert "- Viện kiểm sát nhân dân huyện Vĩnh Linh (hoạt động đến ngày 30/06/2025);" in text
    staff = docx_table(content, "Năm", "LĐTT")
    assert staff[1:] == [["2023", "1"], ["Cộng", "1"]]


def test_every_figure_is_written_the_vietnamese_way(sector: Sector) -> None:
    from tdkt.reports.documents import fmt

    assert fmt.number(1234567) == "1.234.567"
    assert fmt.percent(66.5) == "66,5 %"
    assert fmt.points(0.7) == "+0,7" and fmt.points(-1.25) == "-1,2"
    assert fmt.money(1_800_000) == "1.800.000 đ"
    assert fmt.day(dt.date(2025, 1, 5)) == "05/01/2025"
    assert fmt.parse_day("5/1/2025") == dt.date(2025, 1, 5)
    assert fmt.parse_day("31/02/2025") is None
    assert number("1.234") == 1234
