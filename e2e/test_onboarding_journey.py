"""A sector starts from an empty database: the administrator created with `tdkt createsuperuser`
lays out the units, opens the accounts of a new regional unit from a list, records that unit as
the successor of two former districts and recruits a person into it; the new officer signs in with
the one-time password, is sent to change it, and sees the unit with its predecessors' history."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from playwright.sync_api import Page, expect

from e2e.steps import pick_unit, post_button, sign_in
from tdkt.accounts.models import User
from tdkt.org.models import Unit
from tdkt.people import services as people
from tdkt.people.models import Person
from tdkt.records import services as records

pytestmark = pytest.mark.django_db(transaction=True)

ADMIN_PASSWORD = "Quan-tri-he-thong-2026"
NEW_PASSWORD = "Khu-vuc-1-Quang-Tri-2026"
LEGAL_BASIS = "Quyết định số 1/QĐ-VKSTC ngày 20/6/2025 của Viện trưởng VKSND tối cao"


def _create_unit(
    page: Page, base: str, code: str, name: str, level: str, parent: str, established: str
) -> None:
    page.goto(f"{base}/don-vi/them/")
    page.get_by_label("Mã đơn vị", exact=True).fill(code)
    page.get_by_label("Tên đơn vị", exact=True).fill(name)
    page.get_by_label("Cấp", exact=True).select_option(level)
    if parent:
        pick_unit(page, "Đơn vị cấp trên", parent, Unit.objects.get(code=parent).pk)
    page.get_by_label("Ngày thành lập").fill(established)
    post_button(page, "Lưu")
    expect(page.get_by_role("heading", name=name)).to_be_visible()


def _records_of_the_former_districts() -> None:
    """What the two districts kept before 2025, as the staff and award-history imports bring it."""
    dong_hoi = Unit.objects.get(code="H-QT-DH")
    vinh_linh = Unit.objects.get(code="H-QT-VL")
    an = people.create_person(
        actor=None,
        full_name="Nguyễn Văn An",
        gender="male",
        birth_date=dt.date(1985, 4, 2),
        unit=dong_hoi,
        post_kind="kiem_sat_vien",
        position_from=dt.date(2010, 9, 1),
        citizen_id="044085001234",
        recruited_on=dt.date(2010, 9, 1),
    )
    decision = records.record_decision(
        actor=None,
        number="25/QĐ-VKS",
        signed_on=dt.date(2024, 1, 18),
        level="tinh",
        issuer=Unit.objects.get(code="T-QT"),
        signer_name="Lê Văn Cường",
        signer_title="Viện trưởng",
    )
    records.record_award(actor=None, award="LDTT", year=2023, decision=decision, person=an)
    records.record_award(actor=None, award="TTLDTT", year=2023, decision=decision, unit=vinh_linh)


def _accounts_file(folder: Path) -> Path:
    """The list as a unit sends it: a title above the header, an STT column, a signature below,
    and a CCCD that Excel turned into a number (its leading zero lost)."""
    book = Workbook()
    sheet = book.active
    sheet.append(["DANH SÁCH ĐỀ NGHỊ CẤP TÀI KHOẢN — VKSND KHU VỰC 1 - QUẢNG TRỊ"])
    sheet.append([])
    sheet.append(["STT", "Tên đăng nhập", "Họ và tên", "Số CCCD", "Vai trò", "Mã đơn vị"])
    sheet.append([1, "tdkt.kv1", "Hoàng Thị Mai", None, "Cán bộ TĐKT", "KV-QT-01"])
    sheet.append([2, "an.nguyen", "", 44085001234, "Cán bộ", "KV-QT-01"])
    sheet.append([])
    sheet.append(["", "", "Quảng Trị, ngày 01 tháng 12 năm 2026"])
    sheet.append(["", "Người lập biểu", "", "", "Thủ trưởng đơn vị"])
    path = folder / "tai-khoan-kv1.xlsx"
    book.save(path)
    return path


def test_a_sector_starts_from_an_empty_database(
    live_server: Any, page: Page, shot: Callable[[str], Path], tmp_path: Path
) -> None:
    User.objects.create_superuser(username="quantri", password=ADMIN_PASSWORD)
    base = live_server.url

    sign_in(page, base, "quantri", ADMIN_PASSWORD)
    expect(page.get_by_role("heading", name="Bắt đầu sử dụng hệ thống")).to_be_visible()
    shot("01-co-so-du-lieu-trong")

    page.get_by_role("link", name="Thêm đơn vị gốc").click()
    page.get_by_label("Mã đơn vị", exact=True).fill("VKSTC")
    page.get_by_label("Tên đơn vị", exact=True).fill("Viện kiểm sát nhân dân tối cao")
    page.get_by_label("Cấp", exact=True).select_option("toi_cao")
    page.get_by_label("Ngày thành lập").fill("26/07/1960")
    shot("02-them-don-vi-goc")
    post_button(page, "Lưu")
    expect(page.get_by_role("heading", name="Viện kiểm sát nhân dân tối cao")).to_be_visible()

    qt = "Viện kiểm sát nhân dân tỉnh Quảng Trị"
    _create_unit(page, base, "T-QT", qt, "tinh", "VKSTC", "01/07/1989")
    dh = "Viện kiểm sát nhân dân thành phố Đồng Hà"
    _create_unit(page, base, "H-QT-DH", dh, "huyen", "T-QT", "01/07/1989")
    vl = "Viện kiểm sát nhân dân huyện Vĩnh Linh"
    _create_unit(page, base, "H-QT-VL", vl, "huyen", "T-QT", "01/07/1989")
    kv1 = "Viện kiểm sát nhân dân khu vực 1 - Quảng Trị"
    page.goto(f"{base}/don-vi/them/")
    page.get_by_label("Mã đơn vị", exact=True).fill("KV-QT-01")
    page.get_by_label("Tên đơn vị", exact=True).fill(kv1)
    page.get_by_label("Tên viết tắt").fill("VKSND KV1 Quảng Trị")
    page.get_by_label("Cấp", exact=True).select_option("khu_vuc")
    pick_unit(page, "Đơn vị cấp trên", "quang tri", Unit.objects.get(code="T-QT").pk)
    expect(page.locator(".unit-picker-results")).not_to_contain_text(vl)  # found without diacritics
    shot("03-chon-don-vi-cap-tren-khong-dau")
    page.get_by_label("Ngày thành lập").fill("01/07/2025")
    post_button(page, "Lưu")
    expect(page.get_by_role("heading", name=kv1)).to_be_visible()
    _records_of_the_former_districts()

    # The accounts of the new regional unit, from the list it sent.
    page.goto(f"{base}/quan-tri/tai-khoan/")
    page.get_by_role("link", name="Tạo nhiều tài khoản từ tệp Excel").click()
    page.locator("input[type=file]").set_input_files(str(_accounts_file(tmp_path)))
    shot("04-tao-tai-khoan-tu-tep")
    with page.expect_download() as download:
        page.get_by_role("button", name="Kiểm tra và tạo tài khoản").click()
    saved = tmp_path / "mat-khau.xlsx"
    download.value.save_as(saved)
    sheet = load_workbook(saved).active
    passwords = {r[0]: r[-1] for r in sheet.iter_rows(values_only=True) if r[0] and r[-1]}
    one_time = passwords["tdkt.kv1"]
    assert User.objects.get(username="an.nguyen").person == Person.objects.get(
        citizen_id="044085001234"
    )

    # Khu vực 1 succeeds the two districts from 01/07/2025.
    page.goto(f"{base}/don-vi/{Unit.objects.get(code='H-QT-VL').pk}/")
    page.get_by_role("link", name="Sáp nhập, hợp nhất").click()
    pick_unit(page, "Đơn vị cùng sáp nhập (1)", "dong ha", Unit.objects.get(code="H-QT-DH").pk)
    expect(page.locator("#id_other_1-results")).not_to_contain_text(vl)
    pick_unit(page, "Đơn vị kế thừa có sẵn", "khu vuc 1", Unit.objects.get(code="KV-QT-01").pk)
    page.get_by_label("Ngày hiệu lực").fill("01/07/2025")
    page.get_by_label(re.compile("Căn cứ")).fill(LEGAL_BASIS)
    shot("05-sap-nhap")
    post_button(page, "Lưu")
    expect(page.get_by_role("heading", name=kv1)).to_be_visible()
    expect(page.get_by_text("Hình thành từ:")).to_be_visible()

    # A new member of staff joins Khu vực 1.
    page.get_by_role("link", name="Tiếp nhận cán bộ").click()
    page.get_by_label("Họ và tên").fill("Phạm Thị Thu Trang")
    page.get_by_label("Giới tính").select_option("female")
    page.get_by_label("Ngày sinh").fill("12/05/1996")
    page.get_by_label("Số CCCD").fill("044196001122")
    page.get_by_label("Ngày tuyển dụng").fill("01/12/2026")
    page.get_by_label("Chức vụ", exact=True).select_option("kiem_tra_vien")
    page.get_by_label("Ngày bắt đầu công tác tại đơn vị").fill("01/12/2026")
    shot("06-tiep-nhan-can-bo")
    post_button(page, "Tiếp nhận")
    expect(page.get_by_role("heading", name="Phạm Thị Thu Trang")).to_be_visible()
    assert Person.objects.get(citizen_id="044196001122").unit.code == "KV-QT-01"

    # The new officer: one-time password, then his own.
    sign_in(page, base, "tdkt.kv1", one_time)
    expect(page).to_have_url(re.compile("/tai-khoan/doi-mat-khau/"))
    shot("07-bat-buoc-doi-mat-khau")
    page.get_by_label("Mật khẩu hiện tại").fill(one_time)
    page.get_by_label("Mật khẩu mới", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Nhập lại mật khẩu mới").fill(NEW_PASSWORD)
    post_button(page, "Đổi mật khẩu")
    expect(page.get_by_text("Đã đổi mật khẩu.")).to_be_visible()

    page.get_by_role("link", name=kv1).first.click()
    expect(page.get_by_role("heading", name=kv1)).to_be_visible()
    history = page.locator(".card", has_text="Quá trình sắp xếp")
    expect(history).to_contain_text(dh)
    expect(history).to_contain_text(vl)
    expect(page.locator(".card", has_text="Khen thưởng của tập thể")).to_contain_text(
        "Tập thể lao động tiên tiến"
    )
    shot("08-don-vi-va-lich-su-tien-than")
    assert not User.objects.get(username="tdkt.kv1").must_change_password
