"""The unit screen, the verdict partials and the export."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.urls import reverse
from openpyxl import load_workbook

from tests.conftest import Sector, login, make_user
from tests.eligibility.conftest import award, rate, recruit, staff

WHEN = {"nam": "2025", "ngay": "15/12/2025"}
LABEL_2025_07 = (
    "Luật TĐKT 2022, Nghị định 152/2025/NĐ-CP, Thông tư 15/2025/TT-BNV, Thông tư 02/2024/TT-VKSTC"
)


def _setup(sector: Sector) -> Any:
    recruit(sector.binh)
    rate(sector.binh, (2024, "HTT"), (2025, "HTXS"))
    newcomer = staff(
        sector.binh_dai, "Lê Văn Mới", since=dt.date(2025, 9, 1), recruited_on=dt.date(2025, 9, 1)
    )
    rate(newcomer, (2025, "HTT"))
    unrated = staff(sector.binh_dai, "Phan Thị Chưa")
    rate(sector.binh_dai, (2024, "HTXS"), (2025, "HTXS"))
    award("TTLDTT", 2024, unit=sector.binh_dai)
    return newcomer, unrated


def test_the_unit_screen_groups_verdicts_by_award_with_counts_and_missing_facts(
    sector: Sector, outsider: Any
) -> None:
    _setup(sector)
    body = login(outsider).get(reverse("eligibility:unit", args=[sector.ben_tre.pk]), WHEN)
    text = body.content.decode()
    assert body.status_code == 200
    assert LABEL_2025_07 in text and "2025-07" not in text  # the regime by its label
    ldtt = text[text.index("<strong>Lao động tiên tiến</strong>") :]
    ldtt = ldtt[: ldtt.index("</details>")]
    assert "Trần Thị Bình" in ldtt[: ldtt.index("Cần xem xét</h3>")]  # eligible
    review = ldtt[ldtt.index("Cần xem xét</h3>") :]
    assert "Phan Thị Chưa" in review and "Chưa có kết quả xếp loại chất lượng năm 2025" in review
    assert "Lê Văn Mới" not in ldtt[: ldtt.index("Cần xem xét</h3>")]  # a recent recruit
    assert "1 đủ điều kiện" in ldtt and "1 cần xem xét" in ldtt and "1 chưa đủ" in ldtt
    assert "Tập thể lao động tiên tiến" in text  # the collective table
    assert "Sắp đủ điều kiện" in text


def test_a_verdict_opens_as_a_partial_with_reasons_citations_and_regime(
    sector: Sector, outsider: Any
) -> None:
    newcomer, _ = _setup(sector)
    response = login(outsider).get(
        reverse("eligibility:person", args=[newcomer.pk]), WHEN, HTTP_HX_REQUEST="true"
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in text
    assert "Lê Văn Mới" in text
    assert "Mới tuyển dụng ngày 01/09/2025" in text
    assert "Thông tư 02/2024/TT-VKSTC, Điều 15" in text
    assert LABEL_2025_07 in text and "2025-07" not in text
    # a citation not checked against the gazette is marked, with why, and no script
    assert '<span class="badge" title="Căn cứ này' in text and "chưa đối chiếu Công báo" in text
    assert "<script" not in text
    # what is missing is named (the Kỷ niệm chương counts years of service, not recorded here)
    assert "Chưa đủ dữ liệu để kết luận: thiếu quá trình công tác trong ngành" in text
    full = login(outsider).get(reverse("eligibility:person", args=[newcomer.pk]), WHEN)
    assert "<html" in full.content.decode()


def test_a_units_own_verdicts_open_with_its_members_counted(sector: Sector, outsider: Any) -> None:
    _setup(sector)
    response = login(outsider).get(
        reverse("eligibility:collective", args=[sector.binh_dai.pk]), WHEN, HTTP_HX_REQUEST="true"
    )
    text = response.content.decode()
    assert "Viện kiểm sát nhân dân huyện Bình Đại" in text
    assert "Tập thể lao động xuất sắc" in text
    # one member's LĐTT needs review, so the count is unknown: the fact is named in Vietnamese
    assert "Chưa đủ dữ liệu để kết luận: thiếu số thành viên đạt Lao động tiên tiến" in text
    assert "members.ldtt" not in text


def test_the_unit_screen_exports_every_verdict_to_xlsx(sector: Sector, outsider: Any) -> None:
    _setup(sector)
    response = login(outsider).get(
        reverse("eligibility:unit", args=[sector.ben_tre.pk]), {**WHEN, "xuat": "xlsx"}
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    assert book.sheetnames == ["Kết quả", "Giới hạn tỷ lệ", "Tổng hợp"]
    rows = [r for r in book["Kết quả"].iter_rows(min_row=4, values_only=True) if any(r)]
    assert len(rows) == 3 * 9 + 2 * 7  # three people, Bến Tre and Bình Đại
    assert any(
        r[2] == "Lê Văn Mới" and r[5] == "LDTT" and r[6] == "Chưa đủ điều kiện" for r in rows
    )


def test_a_council_member_reads_but_cannot_export(sector: Sector) -> None:
    member = make_user("uyvien", "thanh_vien_hd", sector.ben_tre)
    client = login(member)
    url = reverse("eligibility:unit", args=[sector.ben_tre.pk])
    assert client.get(url, WHEN).status_code == 200
    assert client.get(url, {**WHEN, "xuat": "xlsx"}).status_code == 404


def test_a_bad_year_or_day_is_reported_not_fatal(sector: Sector, outsider: Any) -> None:
    url = reverse("eligibility:unit", args=[sector.ben_tre.pk])
    text = login(outsider).get(url, {"nam": "19", "ngay": "31-12-2025"}).content.decode()
    assert "Năm xét không hợp lệ: 19" in text
    assert "Ngày xét không hợp lệ (dd/mm/yyyy): 31-12-2025" in text


def test_the_staff_member_reads_his_own_verdicts_but_not_a_colleagues(
    sector: Sector, staff_member: Any
) -> None:
    client = login(staff_member)
    assert client.get(reverse("eligibility:person", args=[sector.an.pk])).status_code == 200
    assert client.get(reverse("eligibility:person", args=[sector.binh.pk])).status_code == 404
    own_page = client.get(reverse("people:person_detail", args=[sector.an.pk])).content.decode()
    assert reverse("eligibility:person", args=[sector.an.pk]) in own_page
