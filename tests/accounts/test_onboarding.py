"""Onboarding from one .xlsx file: checked whole, created whole, passwords only in the workbook."""

from __future__ import annotations

import io
import logging
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from tdkt.accounts import onboarding
from tdkt.accounts.models import Role, RoleGrant, User
from tdkt.audit.models import AuditEntry
from tdkt.people.models import Person
from tests.conftest import Sector, login

pytestmark = pytest.mark.django_db
HEADERS = ["STT", "Tên đăng nhập", "Họ và tên", "Số CCCD", "Vai trò", "Mã đơn vị"]


def xlsx(rows: list[list[Any]], *, title: bool = True, signature: bool = True) -> bytes:
    """A list as units keep it: a title above the header, an STT column, a signature block."""
    book = Workbook()
    sheet = book.active
    if title:
        sheet.append(["DANH SÁCH TÀI KHOẢN ĐỀ NGHỊ CẤP"])
        sheet.append(["(Kèm theo Công văn số 12/VKS-TĐKT)"])
        sheet.append([])
    sheet.append(HEADERS)
    for number, row in enumerate(rows, start=1):
        sheet.append([number, *row])
    if signature:
        sheet.append([])
        sheet.append([None, None, "Quảng Trị, ngày 05 tháng 01 năm 2026"])
        sheet.append([None, "NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ"])
        sheet.append([None, "(Ký, ghi rõ họ tên)", "(Ký tên, đóng dấu)"])
        sheet.append([None, "Hoàng Văn Lập", "Phạm Thị Trưởng"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def run(actor: Any, content: bytes) -> list[onboarding.Created]:
    return onboarding.onboard(
        actor=actor, stream=io.BytesIO(content), name="tai-khoan.xlsx", size=len(content)
    )


def refused(actor: Any, content: bytes) -> list[str]:
    before = User.objects.count()
    with pytest.raises(onboarding.FileRefused) as exc:
        run(actor, content)
    assert User.objects.count() == before
    return [p["message"] for p in exc.value.problems]


GOOD_ROWS = [
    # Nguyễn Văn An's CCCD 044085001234 typed as a number: Excel dropped the leading zero.
    ["nguyen.van.an", "", 44085001234, "Cán bộ", "KV-QT-01"],
    ["Le.Thi.Huong", "Lê Thị Hương", "", "can bo lam cong tac thi dua, khen thuong", "t25-qt"],
    ["lanhdao.kv1", "Trần Văn Lãnh", None, "thu_ky_hd", "KV-QT-01"],
]


def test_an_officer_cannot_onboard_a_leader_account_without_a_leading_person(
    sector: Sector, officer: Any
) -> None:
    messages = refused(officer, xlsx([["lanh.dao", "Lãnh Đạo Giả", "", "thu_truong", "KV-QT-01"]]))
    assert any("Lãnh đạo đơn vị chỉ cấp cho tài khoản của cán bộ" in m for m in messages)


def test_an_officer_onboards_the_leader_account_of_a_person_who_leads_the_unit(
    sector: Sector, officer: Any, kv1_head: Any
) -> None:
    created = run(officer, xlsx([["vien.truong", "", 44085001234, "thu_truong", "KV-QT-01"]]))
    assert RoleGrant.objects.get(user__username=created[0].username).role == Role.LEADER


def test_an_administrator_onboards_a_leader_account_without_a_person(
    sector: Sector, admin_user: Any
) -> None:
    created = run(admin_user, xlsx([["lanh.dao", "Lãnh Đạo", "", "thu_truong", "KV-QT-01"]]))
    assert RoleGrant.objects.get(user__username=created[0].username).role == Role.LEADER


def test_a_good_file_under_a_title_with_a_signature_block_opens_every_account(
    sector: Sector, officer: Any
) -> None:
    created = run(officer, xlsx(GOOD_ROWS))
    assert [c.username for c in created] == ["nguyen.van.an", "le.thi.huong", "lanhdao.kv1"]
    an = User.objects.get(username="nguyen.van.an")
    assert an.person == sector.an and an.full_name == "Nguyễn Văn An"
    assert an.must_change_password and an.check_password(created[0].password)
    assert RoleGrant.objects.get(user=an).role == Role.STAFF
    huong = User.objects.get(username="le.thi.huong")
    grant = RoleGrant.objects.get(user=huong)
    assert (grant.role, grant.unit, grant.granted_by) == (Role.OFFICER, sector.quang_tri, officer)
    assert huong.person is None and huong.full_name == "Lê Thị Hương"
    # The signature block ended the list: its names are no accounts.
    assert not User.objects.filter(full_name__in=["Hoàng Văn Lập", "Phạm Thị Trưởng"]).exists()
    assert User.objects.filter(must_change_password=True).count() == 3


def test_the_passwords_workbook_lists_every_account_with_its_one_time_password(
    sector: Sector, officer: Any
) -> None:
    created = run(officer, xlsx(GOOD_ROWS))
    sheet = load_workbook(io.BytesIO(onboarding.passwords_workbook(created))).active
    rows = [r for r in sheet.iter_rows(values_only=True) if any(r)]
    header = rows.index(("Tên đăng nhập", "Họ và tên", "Vai trò", "Đơn vị", "Mật khẩu tạm thời"))
    body = rows[header + 1 :]
    assert [r[0] for r in body] == ["nguyen.van.an", "le.thi.huong", "lanhdao.kv1"]
    assert body[0][1:4] == (
        "Nguyễn Văn An",
        "Cán bộ (xem hồ sơ của mình)",
        "Viện kiểm sát nhân dân khu vực 1 - Quảng Trị",
    )
    for username, *_rest, password in body:
        assert len(password) == 16
        assert User.objects.get(username=username).check_password(password)


def test_a_text_that_looks_like_a_formula_stays_text_in_the_workbook() -> None:
    created = [onboarding.Created("x.y", '=HYPERLINK("http://x")', "r", "u", "p" * 16)]
    sheet = load_workbook(io.BytesIO(onboarding.passwords_workbook(created))).active
    cells = [c for row in sheet.iter_rows() for c in row if str(c.value).startswith("=")]
    assert cells and all(c.data_type == "s" for c in cells)


def test_each_kind_of_bad_row_refuses_the_whole_file_naming_its_row_and_column(
    sector: Sector, officer: Any, staff_member: Any
) -> None:
    Person.objects.filter(pk=sector.binh.pk).update(citizen_id="083190000111")
    rows = [
        ["nguyễn an", "Nguyễn An", "", "Cán bộ làm công tác thi đua, khen thưởng", "T25-QT"],  # 5
        ["hai.lan", "Hai Lần", "", "thu_ky_hd", "T25-QT"],  # 6
        ["hai.lan", "Hai Lần Nữa", "", "thu_ky_hd", "T25-QT"],  # 7
        ["tdkt.quangtri", "Đã Có", "", "thu_ky_hd", "T25-QT"],  # 8
        ["vai.tro.la", "Vai Trò Lạ", "", "Giám đốc", "T25-QT"],  # 9
        ["don.vi.la", "Đơn Vị Lạ", "", "thu_ky_hd", "KHONG-CO"],  # 10
        ["cccd.sai", "Cccd Sai", "12345", "thu_ky_hd", "T25-QT"],  # 11
        ["cccd.khong.co", "", "001099000000", "Cán bộ", "T25-QT"],  # 12
        ["da.co.tai.khoan", "", "044085001234", "Cán bộ", "KV-QT-01"],  # 13
        ["khong.ten", "", "", "thu_ky_hd", "T25-QT"],  # 14
        ["can.bo.khong.cccd", "Cán Bộ", "", "Cán bộ", "KV-QT-01"],  # 15
        ["sai.ho.ten", "Người Khác", "083190000111", "Cán bộ", "T25-QT"],  # 16: outside scope
        ["quan.tri.moi", "Quản Trị", "", "Quản trị hệ thống", "T25-QT"],  # 17
    ]
    messages = refused(officer, xlsx(rows))
    expected = [
        "Dòng 5, cột «Tên đăng nhập»: «nguyễn an» không hợp lệ",
        "Dòng 7, cột «Tên đăng nhập»: «hai.lan» trùng với dòng 6.",
        "Dòng 8, cột «Tên đăng nhập»: «tdkt.quangtri» đã được dùng.",
        "Dòng 9, cột «Vai trò»: «Giám đốc» không phải là giá trị được chấp nhận",
        "Dòng 10, cột «Mã đơn vị»: không có đơn vị mã «KHONG-CO» trong phạm vi của bạn.",
        "Dòng 11, cột «Số CCCD»: «12345» không phải là số CCCD hợp lệ (đúng 12 chữ số).",
        "Dòng 12, cột «Số CCCD»: không tìm thấy cán bộ có số CCCD «001099000000» trong phạm vi",
        "Dòng 13, cột «Số CCCD»: cán bộ «Nguyễn Văn An» đã có tài khoản.",
        "Dòng 14, cột «Họ và tên»: cần ghi họ và tên khi không có số CCCD.",
        "Dòng 15, cột «Số CCCD»: vai trò «Cán bộ (xem hồ sơ của mình)» cần số CCCD",
        "Dòng 16, cột «Số CCCD»: không tìm thấy cán bộ có số CCCD «083190000111» trong phạm vi",
        "Dòng 17, cột «Vai trò»: bạn không được cấp vai trò «Quản trị hệ thống».",
    ]
    for start in expected:
        assert any(m.startswith(start) for m in messages), (start, messages)
    assert len(messages) == len(expected)
    assert not RoleGrant.objects.filter(user__username__in=["hai.lan", "vai.tro.la"]).exists()


def test_an_officer_cannot_onboard_into_another_province_and_the_message_reveals_nothing(
    sector: Sector, officer: Any
) -> None:
    Person.objects.filter(pk=sector.binh.pk).update(citizen_id="083190000111")
    rows = [
        ["ben.tre", "Người Bến Tre", "", "thu_ky_hd", "H-BT-BD"],
        ["khong.co", "Không Có", "", "thu_ky_hd", "H-XX-00"],
        ["binh", "", "083190000111", "Cán bộ", "T25-QT"],
        ["ai.do", "", "083190000999", "Cán bộ", "T25-QT"],
    ]
    messages = refused(officer, xlsx(rows, signature=False))
    unit = "cột «Mã đơn vị»: không có đơn vị mã «%s» trong phạm vi của bạn."
    person = "cột «Số CCCD»: không tìm thấy cán bộ có số CCCD «%s» trong phạm vi của bạn."
    assert messages == [
        "Dòng 5, " + unit % "H-BT-BD",
        "Dòng 6, " + unit % "H-XX-00",
        "Dòng 7, " + person % "083190000111",
        "Dòng 8, " + person % "083190000999",
    ]
    text = " ".join(messages)
    assert "Bình Đại" not in text and "Bến Tre" not in text and "Trần Thị Bình" not in text


def test_an_administrator_onboards_anywhere_including_administrators(
    sector: Sector, admin_user: Any
) -> None:
    rows = [
        ["tdkt.bentre2", "Võ Văn Bến", "", "Cán bộ làm công tác thi đua, khen thưởng", "T-BT"],
        ["quantri2", "Quản Trị Hai", "", "quan_tri", "VKSTC"],
    ]
    run(admin_user, xlsx(rows))
    assert RoleGrant.objects.get(user__username="quantri2").role == Role.ADMIN


def test_a_dissolved_unit_and_an_empty_file_are_refused(sector: Sector, admin_user: Any) -> None:
    messages = refused(admin_user, xlsx([["cu.qb", "Cũ", "", "thu_truong", "T-QB"]]))
    assert messages == ["Dòng 5, cột «Mã đơn vị»: đơn vị «T-QB» đã giải thể hoặc sáp nhập."]
    messages = refused(admin_user, xlsx([], signature=False))
    assert messages == ["Tệp không có dòng dữ liệu nào dưới dòng tiêu đề (dòng 4)."]


def test_names_lose_control_characters_and_usernames_their_capitals(
    sector: Sector, officer: Any
) -> None:
    rows = [["Tran.Binh", "Trần\x7f Thị\u200b Bình", "", "thu_ky_hd", "KV-QT-01"]]
    run(officer, xlsx(rows))
    assert User.objects.get(username="tran.binh").full_name == "Trần Thị Bình"


def test_the_file_is_bounded_in_size_and_rows(
    sector: Sector, admin_user: Any, settings: Any
) -> None:
    rows = [[f"u{i:05d}", "Người Dùng", "", "thu_ky_hd", "T25-QT"] for i in range(5001)]
    messages = refused(admin_user, xlsx(rows, signature=False))
    assert messages == ["Tệp có quá nhiều dòng; tối đa 5000 tài khoản mỗi lần nhập."]
    settings.TDKT_MAX_UPLOAD_BYTES = 1000
    messages = refused(admin_user, xlsx(GOOD_ROWS))
    assert messages[0].startswith("Tệp quá lớn")


def test_not_an_xlsx_file_is_refused(sector: Sector, admin_user: Any) -> None:
    assert refused(admin_user, b"Ten dang nhap;Vai tro\n") == ["Tệp không phải là tệp Excel .xlsx."]


def test_the_passwords_reach_neither_the_audit_trail_nor_the_logs(
    sector: Sector, officer: Any, caplog: Any
) -> None:
    caplog.set_level(logging.DEBUG)
    created = run(officer, xlsx(GOOD_ROWS))
    trail = " ".join(
        f"{e.before} {e.after} {e.reason} {e.object_repr}" for e in AuditEntry.objects.all()
    )
    assert "user.created" in set(AuditEntry.objects.values_list("action", flat=True))
    assert "tai-khoan.xlsx" in trail  # the reason names the file
    stored = " ".join(User.objects.values_list("password", flat=True))
    for account in created:
        assert account.password not in trail
        assert account.password not in caplog.text
        assert account.password not in stored


# --- the command -------------------------------------------------------------------------------


def test_the_command_creates_the_accounts_and_writes_the_passwords_workbook(
    sector: Sector, officer: Any, tmp_path: Path
) -> None:
    source, out = tmp_path / "ds.xlsx", tmp_path / "mat-khau.xlsx"
    source.write_bytes(xlsx(GOOD_ROWS))
    stdout = io.StringIO()
    call_command(
        "users", "import", str(source), "--out", str(out), "--user", officer.username, stdout=stdout
    )
    assert "Đã tạo 3 tài khoản" in stdout.getvalue()
    assert out.stat().st_mode & 0o777 == 0o600
    sheet = load_workbook(out).active
    passwords = {r[0]: r[4] for r in sheet.iter_rows(values_only=True) if r[0] and r[4]}
    assert User.objects.get(username="lanhdao.kv1").check_password(passwords["lanhdao.kv1"])
    assert RoleGrant.objects.get(user__username="lanhdao.kv1").granted_by == officer


def test_the_command_exits_with_status_2_on_a_bad_file_and_creates_nothing(
    sector: Sector, outsider: Any, tmp_path: Path
) -> None:
    source, out = tmp_path / "ds.xlsx", tmp_path / "mat-khau.xlsx"
    source.write_bytes(xlsx(GOOD_ROWS))
    stderr = io.StringIO()
    with pytest.raises(CommandError) as exc:
        call_command(
            "users",
            "import",
            str(source),
            "--out",
            str(out),
            "--user",
            outsider.username,
            stderr=stderr,
        )
    assert exc.value.returncode == 2
    assert "Dòng 5, cột «Mã đơn vị»: không có đơn vị mã «KV-QT-01»" in stderr.getvalue()
    assert not out.exists()
    assert not User.objects.filter(username="lanhdao.kv1").exists()


def test_the_command_acts_as_the_system_without_a_user(sector: Sector, tmp_path: Path) -> None:
    source, out = tmp_path / "ds.xlsx", tmp_path / "mat-khau.xlsx"
    source.write_bytes(xlsx([["quantri.moi", "Quản Trị Mới", "", "quan_tri", "VKSTC"]]))
    call_command("users", "import", str(source), "--out", str(out), stdout=io.StringIO())
    assert RoleGrant.objects.get(user__username="quantri.moi").granted_by is None


# --- the screen --------------------------------------------------------------------------------


def upload(client: Any, content: bytes) -> Any:
    return client.post(
        reverse("accounts:onboarding"), {"file": SimpleUploadedFile("ds.xlsx", content)}
    )


def test_the_screen_answers_a_good_file_with_the_passwords_workbook(
    sector: Sector, officer: Any
) -> None:
    response = upload(login(officer), xlsx(GOOD_ROWS))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"] == "no-store"
    sheet = load_workbook(io.BytesIO(response.content)).active
    passwords = {r[0]: r[4] for r in sheet.iter_rows(values_only=True) if r[0] and r[4]}
    assert User.objects.get(username="nguyen.van.an").check_password(passwords["nguyen.van.an"])


def test_the_screen_answers_a_bad_file_with_its_problems(sector: Sector, officer: Any) -> None:
    client = login(officer)
    response = upload(client, xlsx([["x", "", "", "Giám đốc", "H-BT-BD"]]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Không tài khoản nào được tạo" in page
    assert "không có đơn vị mã «H-BT-BD» trong phạm vi của bạn" in page
    assert "«x» không hợp lệ" in page and "«Giám đốc» không phải" in page
    assert not User.objects.filter(username="x").exists()
    assert client.get(reverse("accounts:onboarding")).status_code == 200


def test_the_template_has_the_columns_and_a_guide(sector: Sector, officer: Any) -> None:
    response = login(officer).get(reverse("accounts:onboarding_template"))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Danh sách tài khoản", "Hướng dẫn"]
    header = [c.value for c in book.worksheets[0][1]]
    assert header == ["Tên đăng nhập", "Họ và tên", "Số CCCD", "Vai trò", "Mã đơn vị"]


def test_a_staff_member_reaches_neither_the_screen_nor_the_template(
    sector: Sector, staff_member: Any
) -> None:
    client = login(staff_member)
    assert client.get(reverse("accounts:onboarding")).status_code == 404
    assert client.get(reverse("accounts:onboarding_template")).status_code == 404
    assert upload(client, xlsx(GOOD_ROWS)).status_code == 404
    assert not User.objects.filter(username="le.thi.huong").exists()
