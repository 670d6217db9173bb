"""The year's facts, entered and imported by the unit that owns them: the TĐKT officer of VKSND
khu vực 1 - Quảng Trị rates the unit and two of its people for 2026 in the grid, imports the
others' ratings from the file the unit keeps (a title and a merged heading above the header row,
an STT column, a signature block under the table, CCCDs that Excel turned into numbers), records
an initiative and a violation, and the unit's eligibility screen follows: the head's Chiến sĩ thi
đua cơ sở, eligible before the violation, is refused with the violation as the reason."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from playwright.sync_api import Locator, Page, expect

from e2e.steps import pick_unit, post_button, sign_in
from tdkt.demo.build import build_demo
from tdkt.imports.models import ImportJob
from tdkt.org.models import Unit
from tdkt.people.models import Person, Position
from tdkt.records.models import Initiative, Rating, UnitViolation

pytestmark = pytest.mark.django_db(transaction=True)

YEAR = 2026
OFFICER = "tdkt.kv1quangtri"
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CSTDCS = "Chiến sĩ thi đua cơ sở"
LDTT = "Lao động tiên tiến"
# The ratings of the file as the unit writes them (cycled over the people), and what they mean.
WRITTEN = {
    "Hoàn thành tốt nhiệm vụ": "HTT",
    "HTT": "HTT",
    "Hoàn thành nhiệm vụ": "HT",
    "hoan thanh tot": "HTT",
}
VIOLATION_NUMBER = "15/KL-VKS"


@pytest.fixture(autouse=True)
def _immediate_tasks(settings: Any) -> None:
    """The import runs within the request that submits it, as no worker runs beside the server."""
    settings.TASKS = IMMEDIATE


def _unit_and_people() -> tuple[Unit, Person, list[Person]]:
    """The officer's unit, its head (Viện trưởng) and the rest of its staff, from the demo."""
    head_post = Position.objects.select_related("unit", "person").get(
        unit__short_name="VKSND khu vực 1 - Quảng Trị", is_unit_head=True, valid_to__isnull=True
    )
    unit, head = head_post.unit, head_post.person
    staff = list(
        Person.objects.filter(unit=unit, left_on__isnull=True)
        .exclude(pk=head.pk)
        .order_by("sort_key")
    )
    assert len(staff) >= 4
    return unit, head, staff


def _written(i: int) -> str:
    return list(WRITTEN)[i % len(WRITTEN)]


def _ratings_file(folder: Path, unit: Unit, people: list[Person]) -> Path:
    """The ratings as the unit keeps them: its name and a merged heading above the header row,
    an STT column, no «Năm» column (the year is chosen on sending), a signature block below,
    and the CCCDs typed as numbers (Excel dropped their leading zero). The last row has no
    CCCD: that person is found by name and date of birth."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Xếp loại 2026"
    sheet.append(["VIỆN KSND TỈNH QUẢNG TRỊ", "", "", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"])
    sheet.append([unit.name.upper(), "", "", "Độc lập - Tự do - Hạnh phúc"])
    sheet.append([])
    sheet.append([f"KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG CÔNG CHỨC NĂM {YEAR}"])
    sheet.merge_cells("A4:E4")
    sheet["A4"].font = Font(bold=True)
    sheet["A4"].alignment = Alignment(horizontal="center")
    sheet.append(["STT", "Họ và tên", "Ngày sinh", "Số CCCD", "Kết quả đánh giá, xếp loại"])
    for i, person in enumerate(people, 1):
        last = i == len(people)
        cid = int(person.citizen_id) if person.citizen_id and not last else None
        born: Any = person.birth_date if i % 2 else f"{person.birth_date:%d/%m/%Y}"
        sheet.append([i, person.full_name, born, cid, _written(i - 1)])
    sheet.append([])
    sheet.append(["", "", "", f"Quảng Trị, ngày 01 tháng 12 năm {YEAR}"])
    sheet.append(["", "Người lập biểu", "", "Viện trưởng"])
    sheet.append([])
    sheet.append(["", "Hoàng Thị Mai", "", "(đã ký)"])
    path = folder / "xep-loai-2026-kv1.xlsx"
    book.save(path)
    return path


def _unfold(details: Locator) -> Locator:
    """Open a <details> (a click on its summary toggles it: only when it is closed)."""
    if details.get_attribute("open") is None:
        details.locator("summary").first.click()
    return details


def _award_group(page: Page, award: str) -> Locator:
    """The award's list of people on the unit screen, unfolded."""
    return _unfold(page.locator("details", has=page.locator("summary", has_text=award)).first)


def _open_verdicts(page: Page, person: Person, award: str) -> Locator:
    """Click the person in the award's list on the unit screen; the verdicts open (HTMX)."""
    group = _award_group(page, award)
    group.get_by_role("link", name=person.full_name, exact=True).click()
    panel = page.locator("#verdict-panel")
    expect(panel.get_by_role("heading", name=person.full_name)).to_be_visible()
    return panel


def _verdict(panel: Locator, award: str) -> Locator:
    """The award's verdict in the panel, unfolded."""
    summary = panel.page.locator("summary", has_text=award)
    return _unfold(panel.locator("details", has=summary).first)


def test_the_units_year_facts_change_what_its_people_may_receive(
    live_server: Any, page: Page, shot: Callable[[str], Path], tmp_path: Path
) -> None:
    build_demo(size="small", say=lambda _m: None)
    unit, head, staff = _unit_and_people()
    deputy, imported = staff[0], staff[1:]  # the deputy in the grid, the rest from the file
    author = imported[1]  # rated HTT by the file; the initiative makes her a CSTĐCS candidate
    base = live_server.url

    sign_in(page, base, OFFICER)

    # Nothing recorded for 2026 yet: everyone's titles wait for the year's rating.
    page.goto(f"{base}/don-vi/{unit.pk}/")
    page.get_by_role("link", name="Xét điều kiện khen thưởng").click()
    page.get_by_label("Năm xét").select_option(str(YEAR))
    post_button(page, "Xem")
    expect(page.locator(".subtitle")).to_contain_text(f"Năm xét {YEAR}")
    panel = _open_verdicts(page, head, CSTDCS)
    expect(_verdict(panel, CSTDCS)).to_contain_text(f"chưa có xếp loại năm {YEAR}")
    shot("01-xet-dieu-kien-chua-co-so-lieu")

    # The grid of the year under review: the unit's own rating, then the head and a deputy.
    page.goto(f"{base}/don-vi/{unit.pk}/")
    page.get_by_role("link", name=re.compile("Số liệu năm của cán bộ")).click()
    page.locator("select[name=nam]").select_option(str(YEAR))
    post_button(page, "Xem")
    expect(page.get_by_role("heading", name=f"Số liệu năm {YEAR} của cán bộ")).to_be_visible()
    unit_form = page.locator("#facts-unit")
    unit_form.get_by_label("Xếp loại tập thể").select_option("HTXS")
    unit_form.get_by_role("button", name="Lưu").click()
    expect(page.locator("#facts-unit").get_by_role("status")).to_have_text("Đã lưu")

    head_row = page.locator(f"#facts-row-{head.pk}")
    head_row.get_by_label("Xếp loại").select_option("HTXS")
    head_row.get_by_role("button", name="Lưu").click()
    expect(page.locator(f"#facts-row-{head.pk}").get_by_role("status")).to_have_text("Đã lưu")

    deputy_row = page.locator(f"#facts-row-{deputy.pk}")
    deputy_row.get_by_label("Xếp loại").select_option("HTT")
    deputy_row.get_by_label("Số quyết định kỷ luật").press("Enter")  # Enter saves the row
    expect(page.locator(f"#facts-row-{deputy.pk}").get_by_role("status")).to_have_text("Đã lưu")
    totals = page.locator("#facts-totals")
    expect(totals.locator("tbody td").nth(4)).to_have_text(str(len(staff) - 1))  # unrated
    shot("02-nhap-xep-loai-tren-bang")
    assert Rating.objects.get(unit=unit, year=YEAR).rating == "HTXS"
    assert Rating.objects.get(person=head, year=YEAR).rating == "HTXS"
    assert Rating.objects.get(person=deputy, year=YEAR).rating == "HTT"

    # The others' ratings, from the unit's own file.
    page.goto(f"{base}/nhap-du-lieu/moi/")
    page.get_by_label("Loại dữ liệu").select_option("ratings")
    pick_unit(page, "Đơn vị", unit.name, unit.pk)
    page.get_by_label("Năm của dữ liệu").fill(str(YEAR))
    page.locator("input[type=file]").set_input_files(str(_ratings_file(tmp_path, unit, imported)))
    shot("03-gui-tep-xep-loai")
    post_button(page, "Gửi và kiểm tra")
    expect(page.get_by_text("Đã nhập xong; toàn bộ dữ liệu của tệp đã được ghi.")).to_be_visible()
    job = ImportJob.objects.get()
    assert (job.year, job.summary["created"]) == (YEAR, len(imported))
    shot("04-nhap-xong")
    for i, person in enumerate(imported):
        assert Rating.objects.get(person=person, year=YEAR).rating == WRITTEN[_written(i)]

    page.goto(f"{base}/khen-thuong/don-vi/{unit.pk}/so-lieu-nam/?nam={YEAR}")
    expect(page.locator(f"#f{imported[2].pk}-rating")).to_have_value("HT")
    expect(page.locator("#facts-totals tbody td").nth(4)).to_have_text("0")  # none unrated
    shot("05-bang-sau-khi-nhap-tep")

    # An initiative of the year, recognised by the unit, with its author picked by name.
    page.get_by_role("link", name="Sáng kiến, đề tài của đơn vị").click()
    page.get_by_role("link", name="Ghi nhận sáng kiến, đề tài").click()
    page.get_by_label("Mã sáng kiến, đề tài").fill("SK-KV1QT-2026-01")
    page.get_by_label("Loại", exact=True).select_option("sang_kien")
    page.get_by_label("Tên sáng kiến, đề tài").fill(
        "Rút ngắn thời hạn kiểm sát việc giải quyết tin báo về tội phạm tại khu vực"
    )
    page.get_by_label("Phạm vi ảnh hưởng").select_option("co_so")
    page.get_by_label("Năm", exact=True).fill(str(YEAR))
    page.get_by_label("Số quyết định công nhận").fill("35/QĐ-VKSKV1")
    page.get_by_label("Ngày công nhận").fill("20/11/2026")
    page.get_by_label("Đơn vị công nhận").select_option(str(unit.pk))
    pick_unit(page, "Tác giả 1", " ".join(author.search_text.split()[:3]), author.pk)
    shot("06-ghi-nhan-sang-kien")
    post_button(page, "Ghi nhận")
    expect(page.get_by_text("Đã ghi nhận sáng kiến, đề tài.")).to_be_visible()
    expect(page.locator("body")).to_contain_text(author.full_name)
    initiative = Initiative.objects.get(code="SK-KV1QT-2026-01")
    assert list(initiative.authors.all()) == [author]

    # Before any violation: the head and the author may be Chiến sĩ thi đua cơ sở.
    page.goto(f"{base}/don-vi/{unit.pk}/")
    page.get_by_role("link", name="Xét điều kiện khen thưởng").click()
    expect(page.locator(".subtitle")).to_contain_text(f"Năm xét {YEAR}")
    cstdcs = _award_group(page, CSTDCS)
    eligible = cstdcs.locator("table").first
    expect(eligible).to_contain_text(head.full_name)
    expect(eligible).to_contain_text(author.full_name)
    panel = _open_verdicts(page, head, CSTDCS)
    before = _verdict(panel, CSTDCS)
    expect(before.locator("summary .badge").first).to_have_text("Đủ điều kiện")
    expect(before).to_contain_text(f"Đơn vị do đồng chí đứng đầu không có vi phạm năm {YEAR}")
    shot("07-truoc-vi-pham-thu-truong-du-dieu-kien")

    # An inspection finds that the unit let a crime slip through in 2026.
    page.goto(f"{base}/khen-thuong/don-vi/{unit.pk}/so-lieu-nam/?nam={YEAR}")
    page.get_by_role("link", name="Quản lý vi phạm của đơn vị").click()
    expect(page.get_by_role("heading", name=f"Vi phạm của đơn vị năm {YEAR}")).to_be_visible()
    form = page.locator("#ghi-nhan")
    expect(form.get_by_label("Năm bị tính vi phạm")).to_have_value(str(YEAR))
    form.get_by_label("Loại vi phạm").select_option("missed_crime")
    form.get_by_label("Văn bản căn cứ").select_option("inspection")
    form.get_by_label("Số văn bản").fill(VIOLATION_NUMBER)
    form.get_by_label("Ngày văn bản").fill("25/11/2026")
    form.get_by_label("Cơ quan ban hành").fill("Viện kiểm sát nhân dân tỉnh Quảng Trị")
    form.get_by_label("Ghi chú").fill("Để lọt 01 bị can trong vụ án trộm cắp tài sản.")
    shot("08-ghi-nhan-vi-pham")
    post_button(page, "Ghi nhận")
    expect(page.get_by_text("Đã ghi nhận vi phạm của đơn vị.")).to_be_visible()
    expect(page.locator("table")).to_contain_text("Để lọt tội phạm")
    assert UnitViolation.objects.get(unit=unit, year=YEAR).kind == "missed_crime"

    # After it: the head is refused, named reason and all; the author keeps her chance.
    page.goto(f"{base}/don-vi/{unit.pk}/")
    page.get_by_role("link", name="Xét điều kiện khen thưởng").click()
    cstdcs = _award_group(page, CSTDCS)
    expect(cstdcs).not_to_contain_text(head.full_name)
    expect(cstdcs).to_contain_text(author.full_name)
    panel = _open_verdicts(page, head, LDTT)  # still a Lao động tiên tiến
    expect(_verdict(panel, LDTT).locator("summary .badge").first).to_have_text("Đủ điều kiện")
    after = _verdict(panel, CSTDCS)
    expect(after.locator("summary .badge").first).to_have_text("Chưa đủ điều kiện")
    refusal = after.locator("tr", has_text="có vi phạm năm")
    expect(refusal).to_contain_text(
        f"Đơn vị do đồng chí đứng đầu có vi phạm năm {YEAR}: để lọt tội phạm — Kết luận thanh "
        f"tra, kiểm tra số {VIOLATION_NUMBER} ngày 25/11/2026"
    )
    expect(refusal).to_contain_text(
        "Người đứng đầu không được xét danh hiệu cao hơn Lao động tiên tiến"
    )
    expect(refusal.locator(".badge")).to_have_text("Không đạt")
    refusal.scroll_into_view_if_needed()
    shot("09-sau-vi-pham-thu-truong-bi-tu-choi")

    # The grid of the year shows the violation beside the unit's rating.
    page.goto(f"{base}/khen-thuong/don-vi/{unit.pk}/so-lieu-nam/?nam={YEAR}")
    expect(page.locator(".card", has_text=f"Vi phạm của đơn vị năm {YEAR}")).to_contain_text(
        "Để lọt tội phạm"
    )
    shot("10-bang-so-lieu-co-vi-pham")
