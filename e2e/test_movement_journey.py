"""One movement from launch to review in Chromium, on the small demo sector: VKSND tối cao launches
it; the new VKSND tỉnh Quảng Trị and its Khu vực 1 answer with their plans; Khu vực 1 registers
its people and the province approves; Quảng Trị scores a member of its cluster; VKSND tối cao
reviews and downloads the report. Dates are relative to today, so the journey runs any day."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.steps import pick_unit
from tdkt.demo.build import build_demo
from tdkt.demo.writer import PASSWORD
from tdkt.documents.docx import plain_text
from tdkt.movements.models import Movement, Registration
from tdkt.org.models import Cluster, Unit

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page: Page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Tổng quan")).to_be_visible()


def vn(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def test_a_movement_from_launch_to_review(
    live_server: Any, page: Page, shot: Callable[[str], Path], tmp_path: Path
) -> None:
    build_demo(size="small", say=lambda _m: None)
    base = live_server.url
    today = timezone.localdate()
    year = today.year
    name = f"Phong trào thi đua chuyển đổi số giai đoạn {year}–{year + 1}"

    # 1. VKSND tối cao drafts the movement with an indicator, launches it and starts it.
    sign_in(page, base, "tdkt.vkstc")
    page.get_by_role("link", name="Phong trào thi đua").first.click()
    expect(page.get_by_role("heading", name="Phong trào thi đua")).to_be_visible()
    page.get_by_role("link", name="Lập phong trào mới").click()
    pick_unit(page, "Đơn vị phát động", "toi cao", Unit.objects.get(code="vkstc").pk)
    page.get_by_label("Loại phong trào", exact=True).select_option("thematic")
    page.get_by_label("Tên phong trào", exact=True).fill(name)
    page.get_by_label("Chủ đề", exact=True).fill(
        "Chuyển đổi số, nâng cao chất lượng công tác kiểm sát"
    )
    page.get_by_label("Từ năm", exact=True).fill(str(year))
    page.get_by_label("Đến năm", exact=True).fill(str(year + 1))
    page.get_by_label("Ngày bắt đầu", exact=True).fill(vn(today))
    page.get_by_label("Ngày kết thúc", exact=True).fill(vn(dt.date(year + 1, 11, 30)))
    page.get_by_label("Hạn đăng ký thi đua", exact=True).fill(vn(today + dt.timedelta(days=45)))
    page.get_by_label("Hạn gửi kế hoạch triển khai", exact=True).fill(
        vn(today + dt.timedelta(days=20))
    )
    page.get_by_label("Mục đích", exact=True).fill("Đẩy mạnh chuyển đổi số trong toàn Ngành.")
    page.get_by_label("Nội dung thi đua", exact=True).fill(
        "1. Số hóa hồ sơ kiểm sát.\n2. Ứng dụng phần mềm quản lý án."
    )
    page.locator('input[name="ct-0-name"]').fill("Tỷ lệ hồ sơ kiểm sát được số hóa")
    page.locator('input[name="ct-0-unit_of_measure"]').fill("%")
    page.locator('input[name="ct-0-target"]').fill("80")
    page.get_by_label("Người ký", exact=True).fill("Nguyễn Huy Tiến")
    page.get_by_label("Nơi nhận (mỗi dòng một nơi)", exact=True).fill(
        "VKSND cấp tỉnh\nVKSND khu vực\nLưu: VT, VP"
    )
    shot("01-du-thao")
    page.get_by_role("button", name="Lưu dự thảo").click()
    expect(page.get_by_role("heading", name=name)).to_be_visible()
    page.get_by_role("link", name="Phát động").click()
    page.get_by_label("Viện kiểm sát nhân dân khu vực", exact=True).check()
    page.get_by_label("Số kế hoạch", exact=True).fill("25")
    shot("02-phat-dong")
    page.get_by_role("button", name="Phát động phong trào").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã phát động phong trào tới")
    page.get_by_role("button", name="Bắt đầu triển khai").click()
    expect(page.locator(".subtitle")).to_contain_text("Đang triển khai")
    shot("03-dang-trien-khai")
    movement = Movement.objects.get(name=name)

    # 2. The province answers with its implementing plan.
    sign_in(page, base, "tdkt.quangtri")
    page.get_by_role("link", name="Phong trào thi đua").first.click()
    page.get_by_role("link", name="Phong trào cần triển khai").click()
    page.locator("tr", has_text="Viện kiểm sát nhân dân tỉnh Quảng Trị").get_by_role(
        "link", name=name
    ).click()
    page.get_by_label("Số", exact=True).fill("31")
    page.get_by_label("Người ký", exact=True).fill("Mai Minh Đạt")
    page.get_by_role("button", name="Ban hành kế hoạch triển khai").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã ban hành kế hoạch triển khai")
    shot("04-tinh-ban-hanh-ke-hoach")

    # 3. Khu vực 1 answers, then registers its people and itself.
    sign_in(page, base, "tdkt.kv1quangtri")
    page.get_by_role("link", name="Phong trào thi đua").first.click()
    page.get_by_role("link", name="Phong trào cần triển khai").click()
    page.locator("tr", has_text="khu vực 1 - Quảng Trị").get_by_role("link", name=name).click()
    page.get_by_label("Số", exact=True).fill("07")
    page.get_by_role("button", name="Ban hành kế hoạch triển khai").click()
    expect(page.locator(".subtitle")).to_contain_text("Đã có kế hoạch")
    page.get_by_role("link", name="Đăng ký thi đua").click()
    page.get_by_label("Năm", exact=True).fill(str(year + 1))
    page.get_by_role("button", name="Mở bản đăng ký").click()
    expect(page.get_by_role("heading", name=re.compile("Đăng ký thi đua năm"))).to_be_visible()
    people = page.locator('#add-lines input[name^="p_"]')
    for i in range(3):
        people.nth(i).check()
    page.locator('#add-lines select[name^="t_"]').nth(1).select_option("CSTDCS")
    page.get_by_label("Tập thể lao động xuất sắc", exact=True).check()
    page.get_by_role("button", name="Thêm vào bản đăng ký").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã thêm 4 dòng đăng ký")
    expect(page.locator("#lines")).to_contain_text("Chưa đủ dữ liệu để kết luận")
    shot("05-dang-ky-va-kiem-tra-dieu-kien")
    page.get_by_role("button", name="Gửi lên cấp trên").click()
    expect(page.locator("#registration-status")).to_have_text("Chờ duyệt")
    registration = Registration.objects.get(movement=movement)

    # 4. The province, the level above, approves; the totals roll up.
    sign_in(page, base, "tdkt.quangtri")
    page.goto(f"{base}/phong-trao/dang-ky/cho-duyet/")
    page.get_by_role("link", name=registration.unit.name).click()
    shot("06-cho-duyet")
    page.get_by_role("button", name="Duyệt bản đăng ký").click()
    expect(page.locator("#registration-status")).to_have_text("Đã duyệt")
    page.goto(f"{base}/phong-trao/dang-ky/tong-hop/?nam={year + 1}")
    expect(page.locator("#rollup-sentence")).to_contain_text("đồng chí đăng ký danh hiệu")
    shot("07-tong-hop-dang-ky")

    # 5. The cluster of the year: VKSND tối cao opens scoring; Quảng Trị scores a member.
    cluster = Cluster.objects.filter(year=2026, members__code="t25-quang-tri").first()
    assert cluster is not None
    other = (
        cluster.memberships.exclude(unit__code="t25-quang-tri").select_related("unit").first().unit
    )
    sign_in(page, base, "tdkt.vkstc")
    page.goto(f"{base}/don-vi/cum-khoi/{cluster.pk}/")
    page.get_by_role("link", name="Giao ước, chấm điểm, xếp hạng và bỏ phiếu").click()
    page.get_by_label("Hạn chấm điểm", exact=True).fill(vn(today + dt.timedelta(days=30)))
    page.get_by_role("button", name="Mở chấm điểm").click()
    expect(page.locator("#sheet")).to_contain_text("Đang chấm điểm")
    sign_in(page, base, "tdkt.quangtri")
    page.goto(f"{base}/phong-trao/cum-khoi/{cluster.pk}/")
    page.locator("#scores").get_by_role("link", name=other.short_name or other.name).click()
    inputs = page.locator('input[name^="c_"]')
    for i in range(inputs.count()):
        inputs.nth(i).fill("8,5")
    shot("08-cham-diem")
    page.get_by_role("button", name="Gửi điểm").click()
    expect(page.locator(".alert-success")).to_contain_text("đã chấm điểm")
    expect(page.locator("#ranking")).to_contain_text("51")  # 6 criteria × 8,5
    shot("09-xep-hang")

    # 6. VKSND tối cao records the review and downloads the report.
    sign_in(page, base, "tdkt.vkstc")
    page.goto(f"{base}/phong-trao/{movement.pk}/")
    expect(page.locator("#tracker")).to_contain_text("31/KH-VKS")
    shot("10-theo-doi-trien-khai")
    page.get_by_role("link", name="Sơ kết, tổng kết").click()
    page.get_by_label("Giai đoạn (ví dụ: 6 tháng đầu năm 2025)", exact=True).fill(
        f"đợt 1 năm {year}"
    )
    page.get_by_label("Đánh giá chung", exact=True).fill(
        "Các đơn vị triển khai kịp thời, nghiêm túc."
    )
    page.get_by_label("Số", exact=True).fill("88")
    kv1 = Unit.objects.get(code="kv-quang-tri-01")
    page.locator('select[name="dh-0-subject"]').select_option(f"u{kv1.pk}")
    page.locator('textarea[name="dh-0-achievement"]').fill("Triển khai kế hoạch sớm nhất khu vực")
    page.get_by_role("button", name="Ghi sơ kết, tổng kết").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã ghi sơ kết")
    shot("11-so-ket")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải báo cáo (.docx)").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == "so-ket-88-BC-VKSTC.docx"
    lines = plain_text(saved.read_bytes()).splitlines()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in lines and "Số: 88/BC-VKSTC" in lines
    assert f"Hà Nội, {today.strftime('ngày %d')}" in "\n".join(lines)
    assert any("Viện kiểm sát nhân dân khu vực 1 - Quảng Trị" in line for line in lines)
