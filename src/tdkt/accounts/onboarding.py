"""Onboarding a sector at once: the accounts of a whole list, from one .xlsx file.

The file is checked whole first (every problem named by its row and column, nothing created if
there is one), then every account is opened in one transaction through
`accounts.services.create_account`, with its role granted on its unit. The one-time passwords
exist only in the returned workbook: never in a log, the audit trail, the session or the database
in clear. Scope: an administrator onboards anywhere; a unit's TĐKT officer only within his
subtree, and a unit or person outside it is named exactly like one that does not exist."""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass
from typing import IO, Any

from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from unidecode import unidecode

from tdkt.accounts.models import Role, User
from tdkt.accounts.selectors import people_for_accounts, roles_for, units_for_accounts
from tdkt.accounts.services import LEADER_ONLY, USERNAME, create_account, may_grant_leader
from tdkt.documents.reader import (
    GUIDE_SHEET,
    Column,
    Problems,
    Row,
    choice_map,
    inspect_upload,
    open_table,
)
from tdkt.documents.xlsx import ColumnSpec, build_template, xlsx_bytes
from tdkt.errors import DomainError, InvalidData
from tdkt.org.models import Unit
from tdkt.people.models import Person
from tdkt.text import clean, name_key

MAX_ROWS = 5_000
SHEET_TITLE = "Danh sách tài khoản"
TEMPLATE_FILENAME = "mau-tao-tai-khoan.xlsx"
ROLES = [(str(value), str(label)) for value, label in Role.choices]
# Besides codes and full labels, the short names units write.
ROLE_ALIASES = [
    (Role.ADMIN, "Quản trị"),
    (Role.OFFICER, "Cán bộ thi đua, khen thưởng"),
    (Role.OFFICER, "Cán bộ TĐKT"),
    (Role.LEADER, "Lãnh đạo"),
    (Role.SECRETARY, "Thư ký Hội đồng"),
    (Role.COUNCIL_MEMBER, "Thành viên Hội đồng"),
    (Role.STAFF, "Cán bộ"),
]
ROLE_MAP = choice_map(ROLES + [(str(code), label) for code, label in ROLE_ALIASES])
# A signature block under the list ("Người lập biểu", "(Ký, ghi rõ họ tên)", "Quảng Trị, ngày …
# tháng … năm …"): where the data ends. Matched on lower-case text without diacritics.
_SIGNATURE = re.compile(
    r"nguoi lap|thu truong|\(ky|ky,? ghi ro|ky ten|dong dau|xac nhan"
    r"|\bngay\b.*\bthang\b.*\bnam\b"
)


def _columns() -> list[Column]:
    s = ColumnSpec
    return [
        Column(
            "username",
            s(
                gettext_lazy("Tên đăng nhập"),
                gettext_lazy(
                    "3–150 ký tự: chữ không dấu a–z, chữ số và các dấu . _ - (chữ hoa được đổi "
                    "thành chữ thường); ví dụ nguyen.van.an. Không trùng trong tệp và với tài "
                    "khoản đã có."
                ),
                True,
                kind="text",
                width=22,
            ),
            ("tài khoản", "tên tài khoản", "username"),
        ),
        Column(
            "full_name",
            s(
                gettext_lazy("Họ và tên"),
                gettext_lazy(
                    "Họ và tên người dùng, có dấu. Bắt buộc khi không ghi số CCCD; khi có số "
                    "CCCD có thể để trống (lấy theo hồ sơ cán bộ)."
                ),
                width=28,
            ),
            ("họ tên", "họ và tên cán bộ"),
        ),
        Column(
            "citizen_id",
            s(
                gettext_lazy("Số CCCD"),
                gettext_lazy(
                    "Số căn cước công dân, đúng 12 chữ số (giữ số 0 ở đầu), của cán bộ đã có "
                    "trong hệ thống: tài khoản được gắn với hồ sơ của cán bộ đó. Bắt buộc với "
                    "vai trò «Cán bộ»."
                ),
                kind="text",
                width=15,
            ),
            ("cccd", "số căn cước công dân", "số căn cước", "số định danh cá nhân"),
        ),
        Column(
            "role",
            s(
                gettext_lazy("Vai trò"),
                gettext_lazy("Tên vai trò (có dấu hoặc không dấu) hoặc mã vai trò."),
                True,
                allowed=ROLES,
                width=30,
            ),
            ("quyền",),
        ),
        Column(
            "unit_code",
            s(
                gettext_lazy("Mã đơn vị"),
                gettext_lazy("Mã của đơn vị được cấp vai trò (xem danh mục đơn vị)."),
                True,
                kind="text",
                width=16,
            ),
            ("mã đv",),
        ),
    ]


COLUMNS = _columns()
NAMES = {c.key: c.name for c in COLUMNS}


@dataclass(frozen=True)
class AccountRow:
    """One checked row: what `create_account` will be called with."""

    row: int
    username: str
    full_name: str
    role: str
    unit_id: int
    person_id: int | None


@dataclass(frozen=True)
class Created:
    """One account opened, for the passwords workbook only."""

    username: str
    full_name: str
    role: str
    unit: str
    password: str


class FileRefused(InvalidData):
    """The file has problems; nothing was created. `problems` as `Problems.as_list()`."""

    def __init__(self, problems: list[dict[str, Any]]) -> None:
        super().__init__(
            _("Tệp có %(n)s lỗi; không tài khoản nào được tạo.") % {"n": len(problems)},
            code="file_refused",
        )
        self.problems = problems


@dataclass(frozen=True)
class _UnitInfo:
    id: int
    code: str
    name: str
    dissolved: bool


@dataclass
class _Scope:
    """What the actor may onboard into, loaded once per file."""

    units: dict[str, _UnitInfo]  # casefolded code → unit
    roles: dict[str, str]  # code → label

    @classmethod
    def of(cls, actor: Any) -> _Scope:
        today = timezone.localdate()
        rows = units_for_accounts(actor).values_list("pk", "code", "name", "dissolved_on")
        units = {
            code.casefold(): _UnitInfo(pk, code, name, gone is not None and gone <= today)
            for pk, code, name, gone in rows
        }
        return cls(units, {str(code): str(label) for code, label in roles_for(actor)})


def template() -> bytes:
    examples = [
        ["nguyen.van.nam", "Nguyễn Văn Nam", "044085009876", "Cán bộ", "KV-QT-01"],
        ["le.thi.huong", "Lê Thị Hương", "", "Cán bộ làm công tác thi đua, khen thưởng", "T25-QT"],
    ]
    notes = [
        _("Mỗi dòng là một tài khoản; giữ nguyên tên các cột ở dòng tiêu đề."),
        _(
            "Tài khoản được tạo với mật khẩu dùng một lần, ghi trong tệp kết quả tải về ngay "
            "sau khi nhập; người dùng phải đổi mật khẩu ở lần đăng nhập đầu tiên. Hãy giao "
            "mật khẩu cho từng người và hủy tệp kết quả sau đó."
        ),
        _(
            "Nếu tệp có bất kỳ lỗi nào, toàn bộ tệp bị từ chối và không tài khoản nào được tạo; "
            "danh sách lỗi ghi rõ dòng và cột cần sửa."
        ),
        _("Tối đa %(n)s tài khoản mỗi lần nhập.") % {"n": f"{MAX_ROWS:,}".replace(",", ".")},
    ]
    return build_template([c.spec for c in COLUMNS], SHEET_TITLE, examples, notes)


def check_file(*, actor: Any, stream: IO[bytes], name: str, size: int) -> list[AccountRow]:
    """Every row checked, then the rows against each other and the database; FileRefused with
    every problem, or the rows to create."""
    try:
        inspect_upload(stream, name, size)
    except InvalidData as exc:
        raise FileRefused([{"row": None, "column": None, "message": exc.message}]) from exc
    problems = Problems()
    table = open_table(stream, COLUMNS, problems, GUIDE_SHEET)
    if table is None:
        raise FileRefused(problems.as_list())
    scope = _Scope.of(actor)
    read: list[tuple[Row, dict[str, Any]]] = []
    try:
        for number, cells in enumerate(table.rows, start=table.header_row + 1):
            row = Row(number, cells, table.positions, NAMES, problems)
            if row.is_empty():
                continue
            if _is_signature(row):
                break
            if len(read) >= MAX_ROWS:
                problems.file(
                    _("Tệp có quá nhiều dòng; tối đa %(max)s tài khoản mỗi lần nhập.")
                    % {"max": MAX_ROWS}
                )
                raise FileRefused(problems.as_list())
            read.append((row, _read(row, scope)))
    finally:
        table.close()
    if not read:
        problems.file(
            _("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề (dòng %(row)s).")
            % {"row": table.header_row}
        )
    rows = _against_each_other_and_the_database(actor, read, problems)
    if problems:
        raise FileRefused(problems.as_list())
    return rows


def _is_signature(row: Row) -> bool:
    if row.present("role") and row.present("unit_code"):
        return False
    text = " ".join(unidecode(clean(str(v))).lower() for v in row.raw.values() if v is not None)
    return bool(_SIGNATURE.search(text))


def _read(row: Row, scope: _Scope) -> dict[str, Any]:
    username = row.text("username", required=True, max_length=150).lower()
    if username and not USERNAME.match(username):
        row.error(
            "username",
            _(
                "«%(v)s» không hợp lệ: tên đăng nhập dài 3–150 ký tự, chỉ gồm chữ không dấu "
                "a–z, chữ số và các dấu . _ -"
            )
            % {"v": username},
        )
        username = ""
    full_name = clean(row.text("full_name", max_length=150))
    if full_name and any(ch.isdigit() for ch in full_name):
        row.error("full_name", _("«%(v)s» có chữ số, không phải là họ và tên.") % {"v": full_name})
    citizen_id = row.citizen_id("citizen_id")
    if not full_name and not row.present("citizen_id"):
        row.error("full_name", _("cần ghi họ và tên khi không có số CCCD."))
    role = row.choice(
        "role", ROLE_MAP, _("xem danh sách vai trò ở trang «Hướng dẫn»"), required=True
    )
    if role and role not in scope.roles:
        row.error(
            "role",
            _("bạn không được cấp vai trò «%(role)s».") % {"role": Role(role).label},
        )
        role = None
    if role == Role.STAFF and not row.present("citizen_id"):
        row.error(
            "citizen_id",
            _("vai trò «%(role)s» cần số CCCD để gắn tài khoản với hồ sơ cán bộ.")
            % {"role": Role(role).label},
        )
    unit = _unit(row, scope)
    return {
        "username": username,
        "full_name": full_name,
        "citizen_id": citizen_id,
        "role": role,
        "unit": unit,
    }


def _unit(row: Row, scope: _Scope) -> _UnitInfo | None:
    code = row.text("unit_code", required=True, max_length=40)
    if not code:
        return None
    unit = scope.units.get(code.casefold())
    if unit is None:
        # The same words whether the unit does not exist or lies outside the actor's scope.
        row.error(
            "unit_code", _("không có đơn vị mã «%(code)s» trong phạm vi của bạn.") % {"code": code}
        )
    elif unit.dissolved:
        row.error("unit_code", _("đơn vị «%(code)s» đã giải thể hoặc sáp nhập.") % {"code": code})
        return None
    return unit


def _against_each_other_and_the_database(
    actor: Any, read: list[tuple[Row, dict[str, Any]]], problems: Problems
) -> list[AccountRow]:
    usernames = {v["username"] for _r, v in read if v["username"]}
    # Compared in lower case: older accounts may hold capitals.
    taken = set(
        User.objects.annotate(lower=Lower("username"))
        .filter(lower__in=usernames)
        .values_list("lower", flat=True)
    )
    ids = {v["citizen_id"] for _r, v in read if v["citizen_id"]}
    people: dict[str, Person] = {
        str(p.citizen_id): p
        for p in people_for_accounts(actor)
        .filter(citizen_id__in=ids)
        .only("pk", "full_name", "citizen_id", "unit_id", "is_leader", "left_on")
    }
    with_account = set(
        User.objects.filter(person__in=[p.pk for p in people.values()]).values_list(
            "person_id", flat=True
        )
    )
    first_row: dict[str, int] = {}
    person_row: dict[int, int] = {}
    rows: list[AccountRow] = []
    for row, v in read:
        username, person = v["username"], None
        if username in first_row:
            problems.cell(
                row.number,
                NAMES["username"],
                _("«%(v)s» trùng với dòng %(other)s.")
                % {"v": username, "other": first_row[username]},
            )
        elif username in taken:
            problems.cell(
                row.number, NAMES["username"], _("«%(v)s» đã được dùng.") % {"v": username}
            )
        if username:
            first_row.setdefault(username, row.number)
        if v["citizen_id"]:
            person = _person(row, v, people, with_account, person_row, problems)
        if (
            v["role"] == Role.LEADER
            and v["unit"]
            and not may_grant_leader(actor, v["unit"].id, person)
        ):
            problems.cell(row.number, NAMES["role"], _(LEADER_ONLY))
        if not (username and v["role"] and v["unit"]) or (v["citizen_id"] and person is None):
            continue  # the file is refused anyway: its problems are named
        rows.append(
            AccountRow(
                row.number,
                username,
                v["full_name"] or (person.full_name if person else ""),
                v["role"],
                v["unit"].id,
                person.pk if person else None,
            )
        )
    return rows


def _person(
    row: Row,
    v: dict[str, Any],
    people: dict[str, Person],
    with_account: set[int],
    person_row: dict[int, int],
    problems: Problems,
) -> Person | None:
    column = NAMES["citizen_id"]
    person = people.get(v["citizen_id"])
    if person is None:
        # The same words whether nobody has this number or the person lies outside the scope.
        problems.cell(
            row.number,
            column,
            _("không tìm thấy cán bộ có số CCCD «%(id)s» trong phạm vi của bạn.")
            % {"id": v["citizen_id"]},
        )
        return None
    if person.pk in with_account:
        problems.cell(
            row.number,
            column,
            _("cán bộ «%(name)s» đã có tài khoản.") % {"name": person.full_name},
        )
        return None
    if person.pk in person_row:
        problems.cell(
            row.number,
            column,
            _("cùng một cán bộ («%(name)s») với dòng %(other)s.")
            % {"name": person.full_name, "other": person_row[person.pk]},
        )
        return None
    person_row[person.pk] = row.number
    if v["full_name"] and name_key(v["full_name"]) != name_key(person.full_name):
        problems.cell(
            row.number,
            NAMES["full_name"],
            _("«%(v)s» khác họ và tên của cán bộ có số CCCD này («%(name)s»).")
            % {"v": v["full_name"], "name": person.full_name},
        )
        return None
    return person


@transaction.atomic
def create_accounts(*, actor: Any, rows: list[AccountRow], source: str) -> list[Created]:
    """Every account of a checked file, or none: a row refused now (a username taken since the
    check) rolls everything back and names its row."""
    units = Unit.objects.in_bulk({r.unit_id for r in rows})
    people = Person.objects.in_bulk({r.person_id for r in rows if r.person_id})
    reason = _("Tạo hàng loạt từ tệp «%(name)s»") % {"name": source}
    created = []
    for item in rows:
        unit = units[item.unit_id]
        try:
            user, password = create_account(
                actor=actor,
                username=item.username,
                full_name=item.full_name,
                person=people.get(item.person_id) if item.person_id else None,
                role=item.role,
                unit=unit,
                reason=reason,
            )
        except DomainError as exc:
            message = _("Dòng %(row)s: %(problem)s") % {"row": item.row, "problem": exc.message}
            raise FileRefused([{"row": item.row, "column": None, "message": message}]) from exc
        created.append(
            Created(
                user.username,
                user.full_name,
                str(Role(item.role).label),
                unit.name,
                password,
            )
        )
    return created


def onboard(*, actor: Any, stream: IO[bytes], name: str, size: int) -> list[Created]:
    """Check the whole file, then open every account in one transaction."""
    rows = check_file(actor=actor, stream=stream, name=name, size=size)
    return create_accounts(actor=actor, rows=rows, source=clean(name)[-200:])


def passwords_workbook(created: list[Created]) -> bytes:
    """The only place the one-time passwords are ever written (through the project's .xlsx
    writer, which keeps any text starting with "=" a text)."""
    headers = [
        _("Tên đăng nhập"),
        _("Họ và tên"),
        _("Vai trò"),
        _("Đơn vị"),
        _("Mật khẩu tạm thời"),
    ]
    title = _(
        "Tài khoản mới, %(when)s — mật khẩu dùng một lần, phải đổi ở lần đăng nhập đầu tiên. "
        "Giao riêng cho từng người rồi hủy tệp này."
    ) % {"when": timezone.localtime().strftime("%d/%m/%Y %H:%M")}
    rows = ([c.username, c.full_name, c.role, c.unit, c.password] for c in created)
    return xlsx_bytes(_("Tài khoản"), headers, rows, title=title)


def passwords_filename() -> str:
    return timezone.localtime().strftime("mat-khau-tai-khoan-moi-%Y%m%d-%H%M.xlsx")


# --- usernames proposed from a name ------------------------------------------------------------


def username_base(full_name: str) -> str:
    """'Nguyễn Văn An' → 'nguyen.van.an'."""
    words = re.sub(r"[^a-z0-9 ]", "", unidecode(clean(full_name)).lower()).split()
    base = ".".join(words)[:140].strip(".") or "tai.khoan"
    return base if len(base) >= 3 else base.ljust(3, "0")


def propose_username(full_name: str, taken: Container[str] | None = None) -> str:
    """A free username from the name: nguyen.van.an, then nguyen.van.an2, nguyen.van.an3…
    `taken` (lower-case) saves the queries when many are proposed at once."""
    base = username_base(full_name)
    if taken is None:
        taken = {
            u.lower()
            for u in User.objects.filter(username__istartswith=base).values_list(
                "username", flat=True
            )
        }
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}{n}", n + 1
    return candidate
