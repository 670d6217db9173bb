"""The public site journey in Chromium, on the small demo sector: an officer of Khu vực 1 - Quảng
Trị writes up an example with a photo and sends it up; the province approves and publishes it, and
publishes an award decision; then a visitor who is not signed in finds the example by words typed
without diacritics and by the unit and year filters, opens it, sees the photo, and opens the
decision, on a desktop screen and on a phone (375 × 812). Screenshots of every step go to
e2e/screenshots/<test name>/."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import Browser, Page, expect
from steps import pick_person, post_button, sign_in

from tdkt.demo.build import build_demo
from tdkt.org.models import Unit
from tdkt.people.models import Person
from tdkt.publicity.models import DecisionPublication, Example
from tdkt.records.models import AwardDecision

pytestmark = pytest.mark.django_db(transaction=True)
TITLE = "Người giữ lửa ở phòng tiếp công dân Khu vực 1"
STORY = (
    "Mỗi sáng thứ Hai, đồng chí có mặt ở phòng tiếp công dân từ sớm, lắng nghe từng người dân.\n\n"
    "Trong năm 2025, đồng chí tiếp hơn 300 lượt công dân, giải quyết dứt điểm các đơn thuộc thẩm "
    "quyền, không để đơn tồn đọng, quá hạn."
)


def photo_file(folder: Path) -> Path:
    picture = Image.new("RGB", (1800, 1200), (155, 28, 28))
    canvas = ImageDraw.Draw(picture)
    canvas.rectangle((300, 500, 1500, 1150), fill=(240, 230, 210))
    canvas.ellipse((800, 150, 1000, 350), fill=(226, 178, 36))
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=90)
    path = folder / "tiep-cong-dan.jpg"
    path.write_bytes(out.getvalue())
    return path


def test_an_example_goes_from_a_regional_unit_to_the_public_site(
    live_server: Any,
    page: Page,
    browser: Browser,
    shot: Callable[[str], Path],
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    base = live_server.url
    folder = Path(__file__).parent / "screenshots" / request.node.name
    build_demo(size="small", say=lambda _m: None)
    kv1 = Unit.objects.get(code="kv-quang-tri-01")
    person = Person.objects.filter(unit=kv1, left_on__isnull=True).order_by("-sort_key").first()

    # 1. Khu vực 1 - Quảng Trị writes the example up, adds a photo and sends it up.
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, base, "tdkt.kv1quangtri")
    page.get_by_role("link", name="Điển hình tiên tiến").click()
    page.get_by_role("link", name="Lập điển hình mới").click()
    pick_person(page, "Cá nhân (điển hình cá nhân)", person.full_name, person.pk)
    page.get_by_label("Tiêu đề").fill(TITLE)
    page.get_by_label("Năm", exact=True).fill("2025")
    page.get_by_label("Tóm tắt (hiện trong danh sách)").fill(
        "Tận tụy với người dân, không để đơn thư tồn đọng, quá hạn."
    )
    page.get_by_label("Câu chuyện điển hình").fill(STORY)
    page.get_by_label("Phong trào thi đua năm 2025 (VKSND tối cao)").check()
    shot("01-khu-vuc-lap-dien-hinh")
    post_button(page, "Lưu")
    expect(page.locator("#example-status")).to_have_text("Dự thảo")
    page.get_by_label("Ảnh (JPEG, PNG, WebP)").set_input_files(str(photo_file(tmp_path)))
    page.get_by_label("Mô tả ảnh").fill("Đồng chí tiếp công dân tại phòng tiếp dân")
    page.get_by_label("Chú thích").fill("Buổi tiếp công dân sáng thứ Hai")
    post_button(page, "Tải ảnh lên")
    expect(page.locator("#photos img")).to_have_count(1)
    post_button(page, "Gửi cấp trên duyệt")
    expect(page.locator("#example-status")).to_have_text("Đã gửi, chờ duyệt")
    shot("02-khu-vuc-gui-cap-tren")
    example = Example.objects.get(title=TITLE)
    assert example.photos.get().width == 1600

    # 2. The province finds it in its queue, approves and publishes it.
    sign_in(page, base, "tdkt.quangtri")
    page.get_by_role("link", name="Điển hình tiên tiến").click()
    page.get_by_role("link", name="Chờ cấp trên duyệt, công bố").click()
    expect(page.locator("#examples")).to_contain_text(TITLE)
    shot("03-tinh-hang-cho-duyet")
    page.get_by_role("link", name=TITLE).click()
    post_button(page, "Duyệt")
    expect(page.locator("#example-status")).to_have_text("Đã duyệt, chờ công bố")
    post_button(page, "Công bố trên trang công khai")
    expect(page.locator("#example-status")).to_have_text("Đã công bố")
    shot("04-tinh-duyet-cong-bo")

    # 3. The province publishes a decision of Quảng Bình, which it succeeded, not yet public.
    decision = (
        AwardDecision.objects.filter(issuer__code="t-quang-binh", publication__isnull=True)
        .order_by("-signed_on", "pk")
        .first()
    )
    assert decision is not None
    page.goto(f"{base}/dien-hinh/quyet-dinh/{decision.pk}/")
    page.get_by_label("Ghi chú đăng kèm (hiện trên trang công khai)").fill("Bản chính đã ký")
    post_button(page, "Công bố trên trang công khai")
    expect(page.locator("#publication")).to_contain_text("Đang công bố")
    shot("05-tinh-cong-bo-quyet-dinh")
    assert DecisionPublication.objects.get(decision=decision).is_public
    province = Unit.objects.get(code="t25-quang-tri")
    recipient = decision.entries.filter(person__isnull=False, revoked_on__isnull=True).first()

    # 4. A visitor on a desktop screen, then on a phone, finds it and opens the decision.
    for device, size in (
        ("may-tinh", {"width": 1280, "height": 800}),
        ("dien-thoai", {"width": 375, "height": 812}),
    ):
        context = browser.new_context(viewport=size, is_mobile=device == "dien-thoai")
        visitor = context.new_page()
        visitor.goto(f"{base}/cong-khai/")
        expect(visitor.locator("#latest-examples")).to_contain_text(TITLE)
        visitor.screenshot(path=str(folder / f"06-{device}-trang-chu.png"), full_page=True)
        visitor.get_by_role("searchbox").fill("nguoi giu lua tiep cong dan")
        visitor.get_by_role("button", name="Tìm").click()
        expect(visitor.locator("#examples")).to_contain_text(TITLE)
        expect(visitor.locator("#examples .ex-card").first).to_contain_text(TITLE)
        visitor.locator("#filters input[name=q]").fill("")
        visitor.locator("#filters select[name=don_vi]").select_option(str(province.pk))
        visitor.locator("#filters select[name=nam]").select_option("2025")
        visitor.get_by_role("button", name="Lọc").click()
        expect(visitor.locator("#examples")).to_contain_text(TITLE)
        visitor.screenshot(path=str(folder / f"07-{device}-loc-dien-hinh.png"), full_page=True)
        visitor.locator("#examples").get_by_role("link", name=TITLE).click()
        expect(visitor.locator("h1")).to_have_text(TITLE)
        expect(visitor.locator("#story")).to_contain_text("hơn 300 lượt công dân")
        photo = visitor.locator("#main-photo img")
        expect(photo).to_be_visible()
        # decode() resolves once the photo has loaded: visible is not yet loaded on a busy machine.
        assert photo.evaluate("img => img.decode().then(() => img.naturalWidth)") == 1600
        assert visitor.evaluate("document.documentElement.scrollWidth") <= size["width"]
        expect(visitor.locator("body")).not_to_contain_text("Đăng xuất")
        visitor.screenshot(path=str(folder / f"08-{device}-dien-hinh.png"), full_page=True)
        visitor.get_by_role("link", name="Quyết định khen thưởng").first.click()
        visitor.locator("input[name=q]").fill(decision.number)
        visitor.get_by_role("button", name="Lọc").click()
        label = f"Quyết định số {decision.number} ngày {decision.signed_on:%d/%m/%Y}"
        visitor.locator("#decisions").get_by_role("link", name=label).first.click()
        expect(visitor.locator("#recipients")).to_contain_text(recipient.person.full_name)
        expect(visitor.locator("body")).to_contain_text("Bản chính đã ký")
        expect(visitor.locator("body")).not_to_contain_text(
            recipient.person.birth_date.strftime("%d/%m/%Y")
        )
        assert visitor.evaluate("document.documentElement.scrollWidth") <= size["width"]
        visitor.screenshot(path=str(folder / f"09-{device}-quyet-dinh.png"), full_page=True)
        context.close()
