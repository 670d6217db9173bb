"""The award journey in Chromium, each role in its own browser session, on the small demo sector:
Khu vực 1 - Quảng Trị nominates two people, the province forwards the dossier, VKSND tối cao
publishes the list for public comment (a visitor comments without logging in), the council votes
by secret ballot, the decision is signed and the certificates print. Screenshots of every step go
to e2e/screenshots/<test name>/, with the first certificate page as a PNG.

The clock is pinned (time-machine, ticking) to the Monday of the current week so that the five
working days of public comment can be passed by moving it forward. The demo gives accounts to two
council members (thuky.hd, uyvien.hd); the test gives the other members of the sector council an
account each, and the head of VKSND tối cao one as signer (lanhdao.vkstc), as an administrator
would."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect
from steps import pick_person, post_button, sign_in

from tdkt.accounts.models import Role, RoleGrant, User
from tdkt.council.models import Council
from tdkt.decisions.models import Decision
from tdkt.demo.build import build_demo
from tdkt.demo.writer import PASSWORD
from tdkt.nominations.models import Dossier
from tdkt.notifications.models import Notification
from tdkt.org.models import Unit
from tdkt.people.models import Person
from tdkt.records.models import AwardEntry
from tdkt.rules.money import reward
from tdkt.workflow.clock import review_year

pytestmark = pytest.mark.django_db(transaction=True)
JUSTIFICATION = "Đơn vị đề nghị vì thành tích đặc biệt xuất sắc, có sáng kiến áp dụng toàn ngành."
COMMENT = "Tôi là người dân ở Quảng Trị, tán thành việc khen thưởng hai đồng chí này."
BALLOT_PASSPHRASE = "Hội đồng họp sáng thứ Hai, kiểm phiếu lúc 10 giờ"


def monday() -> dt.datetime:
    today = dt.date.today()
    start = today - dt.timedelta(days=today.weekday())
    return timezone.make_aware(dt.datetime.combine(start, dt.time(9, 0)))


def accounts_for_the_council() -> list[str]:
    """An account for each member of the sector council who has none, and the signer."""
    council = Council.objects.get(unit__code="vkstc")
    names = []
    for i, m in enumerate(council.memberships.select_related("person").order_by("pk")):
        user = User.objects.filter(person=m.person).first()
        if user is None:
            user = User.objects.create_user(
                username=f"hd.vkstc.{i:02d}",
                password=PASSWORD,
                full_name=m.person.full_name,
                person=m.person,
            )
            RoleGrant.objects.create(user=user, role=Role.COUNCIL_MEMBER, unit=council.unit)
        names.append(user.username)
    chair = council.memberships.get(role="chu_tich").person
    signer = User.objects.create_user(
        username="lanhdao.vkstc", password=PASSWORD, full_name=chair.full_name
    )
    RoleGrant.objects.create(user=signer, role=Role.LEADER, unit=council.unit)
    return names


def two_people() -> tuple[Person, Person]:
    kv1 = Unit.objects.get(code="kv-quang-tri-01")
    taken = AwardEntry.objects.filter(
        year=2025, award__in=["CSTD_NGANH", "BK_NGANH"], person__isnull=False
    ).values("person_id")
    people = (
        Person.objects.filter(unit=kv1, left_on__isnull=True)
        .exclude(pk__in=taken)
        .order_by("sort_key")
    )
    return people[0], people[1]


def test_from_nomination_to_certificates(
    live_server: Any,
    page: Page,
    browser: Browser,
    shot: Callable[[str], Path],
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    base = live_server.url
    folder = Path(__file__).parent / "screenshots" / request.node.name
    with time_machine.travel(monday(), tick=True) as clock:
        build_demo(size="small", say=lambda _m: None)
        members = accounts_for_the_council()
        first, second = two_people()
        minutes = tmp_path / "bien-ban-binh-xet.pdf"
        minutes.write_bytes(b"%PDF-1.4\n% Bien ban binh xet thi dua nam 2025\n%%EOF\n")

        # The demo's own dossiers have already left the province some notices.
        unread_before = Notification.objects.filter(
            recipient__username="tdkt.quangtri", read_at__isnull=True
        ).count()

        # 1. Khu vực 1 drafts the dossier and names two people.
        sign_in(page, base, "tdkt.kv1quangtri")
        page.get_by_role("link", name="Hồ sơ đề nghị").click()
        page.get_by_role("link", name="Lập hồ sơ mới").click()
        # The form opens on the year under review; the demo's facts end with 2025.
        expect(page.get_by_label("Năm thành tích")).to_have_value(str(review_year()))
        page.get_by_label("Năm thành tích").fill("2025")
        post_button(page, "Lập hồ sơ")
        expect(page.locator("#dossier-status")).to_have_text("Dự thảo")
        # The page the new dossier opened on (the demo has dossiers of its own).
        opened = re.search(r"/ho-so/(\d+)/", page.url)
        assert opened, page.url
        dossier = Dossier.objects.get(pk=int(opened[1]))
        for person, award in ((first, "CSTD_NGANH"), (second, "BK_NGANH")):
            pick_person(page, "Cá nhân", person.full_name, person.pk)
            page.get_by_label("Danh hiệu, hình thức đề nghị").select_option(award)
            page.get_by_label("Tóm tắt thành tích").fill(
                "Hoàn thành xuất sắc nhiệm vụ năm 2025; chủ trì xây dựng sổ tay nghiệp vụ."
            )
            post_button(page, "Thêm và xét điều kiện")
            expect(page.locator("#candidates")).to_contain_text(person.full_name)
        shot("01-khu-vuc-lap-ho-so")
        page.locator("#candidates").get_by_role("link", name=first.full_name).click()
        page.get_by_label(re.compile("Giải trình")).fill(JUSTIFICATION)
        post_button(page, "Lưu")
        page.get_by_label("Thành phần").select_option("bien_ban")
        page.get_by_label(re.compile("Tệp \\(PDF")).set_input_files(str(minutes))
        post_button(page, "Tải lên")
        page.get_by_label("Thành phần").select_option("sang_kien")
        page.get_by_label("Của người, tập thể").select_option(label=first.full_name)
        page.get_by_label(re.compile("Tệp \\(PDF")).set_input_files(str(minutes))
        post_button(page, "Tải lên")
        expect(page.locator("#checklist")).not_to_contain_text("Còn thiếu")
        post_button(page, "Gửi hồ sơ lên cấp trên")
        expect(page.locator("#dossier-status")).to_have_text("Đã gửi, chờ tiếp nhận")
        shot("02-khu-vuc-gui-ho-so")

        # 2. The province takes it in from its notification and forwards it.
        sign_in(page, base, "tdkt.quangtri")
        expect(page.locator("#unread-count")).to_have_text(str(unread_before + 1))
        page.locator(".bell").click()
        page.get_by_role("link", name="Mở").first.click()
        post_button(page, "Tiếp nhận hồ sơ")
        post_button(page, "Chuyển lên Viện kiểm sát nhân dân tối cao")
        expect(page.locator("#dossier-status")).to_have_text("Đã gửi, chờ tiếp nhận")
        shot("03-tinh-chuyen-len")

        # 3. VKSND tối cao takes it in and publishes the list for comment.
        sign_in(page, base, "tdkt.vkstc")
        page.goto(f"{base}/ho-so/{dossier.pk}/")
        post_button(page, "Tiếp nhận hồ sơ")
        post_button(page, "Công khai danh sách")
        expect(page.locator("#public-comment")).to_contain_text("Lấy ý kiến từ")
        post_button(page, "Đưa ra Hội đồng")
        expect(page.locator(".alert-error")).to_contain_text("Đang lấy ý kiến")
        shot("04-trung-uong-cong-khai")

        # 4. A visitor reads the public page and comments, without logging in.
        visitor = browser.new_context().new_page()
        visitor.goto(f"{base}/ho-so/cong-khai/")
        visitor.get_by_role("link", name=dossier.title).click()
        expect(visitor.locator("#public-list")).to_contain_text(first.full_name)
        expect(visitor.locator("body")).not_to_contain_text(JUSTIFICATION)
        visitor.get_by_label("Tán thành", exact=True).check()
        visitor.get_by_label("Nội dung góp ý").fill(COMMENT)
        visitor.get_by_role("button", name="Gửi ý kiến").click()
        expect(visitor.locator(".alert-success")).to_contain_text("Cảm ơn")
        visitor.screenshot(path=str(folder / "05-nguoi-dan-gop-y.png"), full_page=True)
        visitor.context.close()

        # 5. After the period the dossier goes before the council.
        clock.shift(dt.timedelta(days=8))
        sign_in(page, base, "tdkt.vkstc")  # eight days on, the idle session has ended
        page.goto(f"{base}/ho-so/{dossier.pk}/")
        expect(page.locator("#comments")).to_contain_text(COMMENT)
        post_button(page, "Đưa ra Hội đồng")
        expect(page.locator("#dossier-status")).to_have_text("Hội đồng đang xét")
        shot("06-dua-ra-hoi-dong")

        # 6. The council's secretary convenes the sitting, takes attendance and opens the vote.
        sign_in(page, base, "thuky.hd")
        page.get_by_role("link", name="Hội đồng", exact=True).click()
        page.get_by_role(
            "link", name="Hội đồng Thi đua - Khen thưởng ngành Kiểm sát nhân dân"
        ).click()
        page.get_by_label("Phiên số").fill("01")
        post_button(page, "Triệu tập phiên họp")
        post_button(page, "Đưa vào chương trình")
        absent = page.locator("#attendance input[name=present]").first
        absent.uncheck()
        post_button(page, "Lưu điểm danh")
        page.locator("#written select[name=choice]").select_option("approve")
        post_button(page, "Ghi nhận ý kiến bằng văn bản")
        page.get_by_label("Cụm mật khẩu kiểm phiếu", exact=True).fill(BALLOT_PASSPHRASE)
        page.get_by_label("Nhập lại cụm mật khẩu", exact=True).fill(BALLOT_PASSPHRASE)
        post_button(page, "Khai mạc, mở bỏ phiếu")
        expect(page.locator("#meeting-status")).to_have_text("Đang họp, bỏ phiếu")
        meeting_url = page.url
        shot("07-khai-mac-phien-hop")

        # 7. Each member present votes, in his or her own session.
        council = Council.objects.get(unit__code="vkstc")
        absent_person = council.memberships.order_by("role", "person__sort_key").first().person
        voters = [u for u in members if User.objects.get(username=u).person_id != absent_person.pk]
        for i, username in enumerate(voters):
            member = browser.new_context().new_page()
            sign_in(member, base, username)
            member.goto(meeting_url + "bo-phieu/")
            radios = member.locator("#ballot input[value='1']")  # 1 = Đồng ý
            for k in range(radios.count()):
                radios.nth(k).check()
            member.get_by_role("button", name="Bỏ phiếu").click()
            expect(member.locator("#voted")).to_contain_text("đã ghi nhận")
            if i == 0:
                member.screenshot(path=str(folder / "08-thanh-vien-bo-phieu.png"), full_page=True)
            member.context.close()

        # 8. The secretary closes the vote: tally on the whole membership, verification, minutes.
        page.goto(meeting_url)
        page.get_by_label("Cụm mật khẩu kiểm phiếu", exact=True).fill(BALLOT_PASSPHRASE)
        post_button(page, "Kết thúc bỏ phiếu, kiểm phiếu")
        expect(page.locator("#verification")).to_contain_text("Khớp")
        expect(page.locator("#agenda")).to_contain_text("Thông qua")
        with page.expect_download() as download:
            page.get_by_role("link", name="Biên bản (.docx)").click()
        download.value.save_as(folder / "bien-ban-hop-hoi-dong.docx")
        post_button(page, "Ban hành biên bản")
        shot("09-kiem-phieu")

        # 9. The officer drafts the decision and submits it; the head of VKSND tối cao signs.
        sign_in(page, base, "tdkt.vkstc")
        page.goto(meeting_url)
        post_button(page, "Dự thảo quyết định khen thưởng")
        post_button(page, "Trình ký")
        expect(page.locator("#decision-status")).to_have_text("Chờ ký")
        decision = Decision.objects.get()
        sign_in(page, base, "lanhdao.vkstc")
        page.goto(f"{base}/quyet-dinh/{decision.pk}/")
        page.get_by_label("Số quyết định").fill("125")
        post_button(page, "Ký ban hành")
        expect(page.locator("#decision-status")).to_have_text("Đã ký ban hành")
        shot("10-ky-quyet-dinh")

        # 10. The certificates print: all at once, and one per awardee.
        response = page.request.get(f"{base}/quyet-dinh/{decision.pk}/bang-khen.pdf")
        assert response.ok and response.headers["content-type"] == "application/pdf"
        pdf = folder / "bang-khen.pdf"
        pdf.write_bytes(response.body())
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "50",
                "-f",
                "1",
                "-l",
                "1",
                str(pdf),
                str(folder / "11-bang-khen-trang-1"),
            ],
            check=True,
        )
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, check=True
        ).stdout.decode()
        assert first.full_name in text and second.full_name in text and "125/QĐ-VKSTC" in text
        shot("11-in-bang-khen")

    # The ledger and the money.
    decision.refresh_from_db()
    signed_on = decision.signed_on
    assert decision.status == "signed" and signed_on == monday().date() + dt.timedelta(days=8)
    entries = AwardEntry.objects.filter(decision=decision.record)
    assert {(e.person_id, e.award, e.year) for e in entries} == {
        (first.pk, "CSTD_NGANH", 2025),
        (second.pk, "BK_NGANH", 2025),
    }
    for a in decision.awardees.all():
        expected = reward(a.award, "individual", signed_on)
        assert (a.amount, a.base_salary) == (expected.amount, expected.base_salary)
    dossier.refresh_from_db()
    assert dossier.status == "decided"
