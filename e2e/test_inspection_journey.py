"""One inspection of emulation work in Chromium, on the small demo sector: the new VKSND tỉnh
Quảng Trị plans to inspect its Khu vực 1 and its leader approves the plan; Khu vực 1 writes its
self-report beside the figures the system computed and sends a piece of evidence; the province's
team records its findings and a recommendation; the leader signs the conclusion; Khu vực 1
reports the fix, the province accepts it and the leader closes the follow-up. Dates are relative
to today, so the journey runs any day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.steps import pick_unit, post_button, sign_in
from tdkt.demo.build import build_demo
from tdkt.documents.docx import plain_text
from tdkt.inspections.models import Inspection
from tdkt.org.models import Unit
from tdkt.people.models import Person

pytestmark = pytest.mark.django_db(transaction=True)

KV1 = "Viện kiểm sát nhân dân khu vực 1 - Quảng Trị"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def vn(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def open_inspection(page: Page, base: str, pk: int, tab: str = "ke-hoach") -> None:
    page.goto(f"{base}/kiem-tra/{pk}/?tab={tab}")


def test_an_inspection_from_plan_to_closed_follow_up(
    live_server: Any, page: Page, shot: Callable[[str], Path], tmp_path: Path
) -> None:
    build_demo(size="small", say=lambda _m: None)
    base = live_server.url
    today = timezone.localdate()
    year = today.year - 1
    title = f"Kiểm tra công tác thi đua, khen thưởng năm {year} tại VKSND khu vực 1"

    # 1. The province's officer drafts the plan, adds the unit to inspect and the team's head.
    sign_in(page, base, "tdkt.quangtri")
    page.get_by_role("link", name="Kiểm tra thi đua").click()
    expect(
        page.get_by_role("heading", name="Kiểm tra công tác thi đua, khen thưởng")
    ).to_be_visible()
    page.get_by_role("link", name="Lập kế hoạch kiểm tra").click()
    province = Unit.objects.get(code="t25-quang-tri")
    pick_unit(page, "Đơn vị kiểm tra", "quang tri", province.pk)
    page.get_by_label("Trích yếu", exact=True).fill(title)
    page.get_by_label("Năm", exact=True).fill(str(year))
    page.get_by_label("Kỳ kiểm tra từ ngày", exact=True).fill(vn(dt.date(year, 1, 1)))
    page.get_by_label("Đến ngày", exact=True).fill(vn(dt.date(year, 12, 31)))
    page.get_by_label("Mục đích, yêu cầu", exact=True).fill(
        "Đánh giá đúng thực trạng công tác thi đua, khen thưởng; chấn chỉnh kịp thời hạn chế."
    )
    page.get_by_label("Số kế hoạch", exact=True).fill("12")
    page.get_by_label("Địa danh", exact=True).fill("Quảng Trị")
    page.get_by_label("Người ký", exact=True).fill("Mai Minh Đạt")
    page.get_by_label("Chức vụ người ký", exact=True).fill("Viện trưởng")
    shot("01-lap-ke-hoach")
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    inspection = Inspection.objects.get(title=title)
    page.get_by_label("Đơn vị được kiểm tra", exact=True).select_option(label=KV1)
    page.get_by_label("Ngày kiểm tra", exact=True).fill(vn(today + dt.timedelta(days=7)))
    post_button(page, "Thêm đơn vị")
    expect(page.locator("#targets")).to_contain_text(KV1)
    page.get_by_role("link", name="Đoàn kiểm tra").click()
    head = Person.objects.get(full_name="Hồ Thị Hiền")
    pick_unit(page, "Cán bộ", "ho thi hien", head.pk)
    page.get_by_label("Nhiệm vụ trong đoàn", exact=True).select_option(label="Trưởng đoàn")
    post_button(page, "Thêm vào đoàn")
    expect(page.locator("#team")).to_contain_text("Hồ Thị Hiền")
    shot("02-doan-kiem-tra")

    # 2. The leader approves the plan and downloads it.
    sign_in(page, base, "lanhdao.quangtri")
    open_inspection(page, base, inspection.pk)
    post_button(page, "Duyệt kế hoạch")
    expect(page.locator("#inspection-status")).to_contain_text("Đã duyệt kế hoạch")
    with page.expect_download() as info:
        page.get_by_role("link", name="Tải kế hoạch (.docx)").click()
    plan = plain_text(Path(info.value.path()).read_bytes())
    assert "Số: 12/KH-VKS" in plan and "NỘI DUNG KIỂM TRA" in plan and "Hồ Thị Hiền" in plan
    shot("03-da-duyet")

    # 3. Khu vực 1 writes its self-report beside the system's figures and sends evidence.
    sign_in(page, base, "tdkt.kv1quangtri")
    open_inspection(page, base, inspection.pk, "tu-kiem-tra")
    page.get_by_role("link", name="Lập, sửa báo cáo tự kiểm tra").click()
    expect(page.get_by_role("heading", name="Số liệu từ hệ thống")).to_be_visible()
    page.get_by_label("Tổ chức, hưởng ứng các phong trào thi đua", exact=True).fill(
        "Đơn vị hưởng ứng đầy đủ các phong trào thi đua do cấp trên phát động."
    )
    page.get_by_label("Khó khăn, vướng mắc và kiến nghị", exact=True).fill(
        "Chưa có công chức chuyên trách công tác thi đua, khen thưởng."
    )
    page.get_by_label("Tệp minh chứng (PDF, Word, Excel, ảnh JPG, PNG)").set_input_files(
        files=[{"name": "bien-ban-hop-xet.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    post_button(page, "Tải lên")
    expect(page.locator(".alert-success")).to_contain_text("Đã tải lên tài liệu minh chứng")
    page.get_by_label("Tổ chức, hưởng ứng các phong trào thi đua", exact=True).fill(
        "Đơn vị hưởng ứng đầy đủ các phong trào thi đua do cấp trên phát động."
    )
    shot("04-bao-cao-tu-kiem-tra")
    post_button(page, "Lưu và gửi Đoàn kiểm tra")
    expect(page.locator(".alert-success")).to_contain_text("Đã gửi báo cáo tự kiểm tra")
    expect(page.locator("main")).to_contain_text("bien-ban-hop-xet.pdf")

    # 4. The team starts, records its findings (one limitation) and a recommendation.
    sign_in(page, base, "tdkt.quangtri")
    open_inspection(page, base, inspection.pk)
    post_button(page, "Bắt đầu kiểm tra")
    expect(page.locator("#inspection-status")).to_contain_text("Đang kiểm tra")
    open_inspection(page, base, inspection.pk, "ket-qua")
    page.get_by_role("link", name="Ghi kết quả kiểm tra").click()
    verdicts = page.locator('#findings-form select[name^="verdict_"]')
    for i in range(verdicts.count()):
        verdicts.nth(i).select_option("dat")
    verdicts.nth(3).select_option("han_che")
    page.locator('#findings-form textarea[name^="text_"]').nth(3).fill(
        "Hai hồ sơ đề nghị khen thưởng gửi chậm so với thời hạn."
    )
    shot("05-ket-qua-kiem-tra")
    post_button(page, "Lưu kết quả")
    expect(page.locator("main")).to_contain_text("Có hạn chế")
    open_inspection(page, base, inspection.pk, "kien-nghi")
    page.locator("summary", has_text="Thêm kiến nghị cho").click()
    page.get_by_label("Nội dung kiến nghị", exact=True).fill(
        "Gửi hồ sơ đề nghị khen thưởng đúng thời hạn quy định."
    )
    page.get_by_label("Thời hạn khắc phục", exact=True).fill(vn(today + dt.timedelta(days=60)))
    post_button(page, "Thêm kiến nghị")
    expect(page.locator("#recommendations")).to_contain_text("đúng thời hạn quy định")

    # 5. The leader signs the conclusion and downloads it.
    sign_in(page, base, "lanhdao.quangtri")
    open_inspection(page, base, inspection.pk, "ket-qua")
    page.get_by_label("Số kết luận", exact=True).fill("40")
    page.get_by_label("Kết luận chung", exact=True).fill(
        "Đơn vị thực hiện tốt công tác thi đua, khen thưởng; còn chậm gửi hồ sơ đề nghị."
    )
    post_button(page, "Ban hành kết luận")
    expect(page.locator("#inspection-status")).to_contain_text("Đã kết luận")
    with page.expect_download() as info:
        page.get_by_role("link", name="Tải kết luận (.docx)").click()
    conclusion = plain_text(Path(info.value.path()).read_bytes())
    assert "Số: 40/KL-VKS" in conclusion and "KIẾN NGHỊ" in conclusion
    shot("06-ket-luan")

    # 6. Khu vực 1 reports the fix; the province accepts it; the leader closes the follow-up.
    sign_in(page, base, "tdkt.kv1quangtri")
    open_inspection(page, base, inspection.pk, "kien-nghi")
    page.locator("summary", has_text="Báo cáo kết quả khắc phục").click()
    page.get_by_label("Kết quả khắc phục", exact=True).fill(
        "Đã ban hành quy trình nội bộ, các hồ sơ đợt này gửi đúng hạn."
    )
    page.get_by_label("Ngày khắc phục xong", exact=True).fill(vn(today))
    post_button(page, "Gửi báo cáo khắc phục")
    expect(page.locator("#recommendations")).to_contain_text("Đơn vị đã báo cáo khắc phục")
    sign_in(page, base, "tdkt.quangtri")
    open_inspection(page, base, inspection.pk, "kien-nghi")
    post_button(page, "Chấp nhận")
    expect(page.locator("#recommendations")).to_contain_text("Đã chấp nhận kết quả khắc phục")
    sign_in(page, base, "lanhdao.quangtri")
    open_inspection(page, base, inspection.pk, "kien-nghi")
    post_button(page, "Kết thúc theo dõi")
    expect(page.locator("#inspection-status")).to_contain_text("Đã kết thúc")
    open_inspection(page, base, inspection.pk, "lich-su")
    shot("07-lich-su")
    inspection.refresh_from_db()
    assert inspection.status == "da_dong"
