"""Danh sách cán bộ: one person per row, as units keep their staff lists today."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdkt.documents.reader import Column, Problems, Row, choice_map
from tdkt.documents.xlsx import ColumnSpec
from tdkt.imports.base import Context, Plan, SheetImporter, identity_column, match_row
from tdkt.imports.matching import Identity, PeopleIndex
from tdkt.imports.models import ImportKind
from tdkt.people.models import Gender, PostKind
from tdkt.people.services import (
    NewPerson,
    NewPosition,
    PersonUpdate,
    bulk_save_people,
    current_positions,
)
from tdkt.text import name_key, split_full_name

MIN_AGE_YEARS = 15
GENDERS = [(str(v), str(label)) for v, label in Gender.choices]
POSTS = [(str(v), str(label)) for v, label in PostKind.choices]


def _post_pairs() -> list[tuple[str, str]]:
    """Codes, full labels and each part of a label ("Cục trưởng" of "Vụ trưởng, Cục trưởng,
    Chánh Văn phòng"), as units write the post they know."""
    pairs = list(POSTS)
    for code, label in POSTS:
        pairs.extend((code, part.strip()) for part in label.split(","))
    return pairs


GENDER_MAP = choice_map(GENDERS)
POST_MAP = choice_map(_post_pairs())


def _columns() -> list[Column]:
    s = ColumnSpec
    return [
        identity_column(
            "full_name",
            gettext_lazy("Họ, tên đệm và tên, có dấu; ví dụ: Nguyễn Thị Minh Anh."),
            ("họ tên", "họ và tên cán bộ", "họ tên cán bộ"),
            required=True,
        ),
        Column(
            "gender",
            s(
                gettext_lazy("Giới tính"),
                gettext_lazy("Nam hoặc Nữ."),
                True,
                allowed=GENDERS,
                width=11,
            ),
            ("giới",),
        ),
        identity_column(
            "birth_date",
            gettext_lazy(
                "Ngày/tháng/năm (dd/mm/yyyy), ví dụ 02/04/1985, hoặc ô kiểu ngày của Excel."
            ),
            ("ngày tháng năm sinh", "ngày, tháng, năm sinh"),
            required=True,
        ),
        identity_column(
            "citizen_id",
            gettext_lazy(
                "Số căn cước công dân, đúng 12 chữ số (giữ số 0 ở "
                "đầu). Có thể để trống; nếu có, "
                "hệ thống dùng số này để nhận ra cán bộ đã có."
            ),
            (
                "cccd",
                "số căn cước công dân",
                "số căn cước",
                "căn cước công dân",
                "số định danh cá nhân",
            ),
        ),
        identity_column(
            "unit_code",
            gettext_lazy(
                "Mã của đơn vị nơi cán bộ đang công tác (xem danh "
                "mục đơn vị); phải thuộc đơn vị "
                "đang nhập dữ liệu."
            ),
            ("mã đv",),
            required=True,
        ),
        Column(
            "post",
            s(
                gettext_lazy("Chức vụ"),
                gettext_lazy("Mã hoặc tên chức vụ hiện tại."),
                True,
                allowed=POSTS,
                width=22,
            ),
            ("chức vụ hiện tại",),
        ),
        Column(
            "position_from",
            s(
                gettext_lazy("Ngày bắt đầu chức vụ"),
                gettext_lazy(
                    "Ngày bắt đầu giữ chức vụ tại đơn vị (dd/mm/yyyy). "
                    "Bắt buộc khi cán bộ đã có trong "
                    "hệ thống đổi đơn vị hoặc chức vụ; khi đó chức vụ "
                    "cũ kết thúc vào ngày hôm trước."
                ),
                kind="date",
                width=14,
            ),
            ("ngày bổ nhiệm", "giữ chức vụ từ ngày"),
        ),
        Column(
            "recruited_on",
            s(
                gettext_lazy("Ngày tuyển dụng"),
                gettext_lazy("Ngày được tuyển dụng (dd/mm/yyyy), có thể để trống."),
                kind="date",
                width=14,
            ),
            ("ngày vào ngành",),
        ),
    ]


@dataclass(frozen=True)
class StaffRow:
    row: int
    full_name: str
    gender: str
    birth_date: dt.date
    unit_id: int
    post_kind: str
    citizen_id: str | None
    position_from: dt.date | None
    recruited_on: dt.date | None

    @property
    def identity(self) -> Identity:
        return Identity(self.row, self.full_name, self.birth_date, self.unit_id, self.citizen_id)


@dataclass
class StaffPayload:
    new: list[NewPerson]
    updates: list[PersonUpdate]


class StaffImporter(SheetImporter):
    kind: str = ImportKind.STAFF
    sheet_title = "Danh sách cán bộ"
    filename = "mau-nhap-danh-sach-can-bo.xlsx"
    make_columns = staticmethod(_columns)

    def examples(self) -> list[list[Any]]:
        return [
            [
                "Nguyễn Thị Minh Anh",
                "Nữ",
                dt.date(1988, 4, 2),
                "044188001234",
                "KV-QT-01",
                "Kiểm sát viên",
                dt.date(2019, 9, 1),
                dt.date(2012, 3, 15),
            ],
            [
                "Trần Văn Bình",
                "Nam",
                dt.date(1979, 11, 30),
                "",
                "T25-QT",
                "Phó Trưởng phòng",
                dt.date(2025, 7, 1),
                dt.date(2003, 10, 1),
            ],
        ]

    def notes(self) -> list[str]:
        return [
            _("Mỗi dòng là một cán bộ; dòng đầu tiên là dòng tiêu đề, giữ nguyên tên các cột."),
            _(
                "Cán bộ đã có được nhận ra theo số CCCD, hoặc nếu không có số CCCD thì theo họ và "
                "tên, ngày sinh và đơn vị. Cán bộ chưa có sẽ được thêm mới."
            ),
            _("Ô để trống không xóa thông tin đã có trong hệ thống."),
            _(
                "Nếu tệp có bất kỳ lỗi nào, toàn bộ tệp bị từ chối và không dữ liệu nào được ghi; "
                "danh sách lỗi ghi rõ dòng và cột cần sửa."
            ),
        ]

    def read(self, row: Row, ctx: Context) -> StaffRow | None:
        full_name = row.text("full_name", required=True, max_length=150)
        if full_name:
            _check_name(row, full_name)
        gender = row.choice("gender", GENDER_MAP, _("Nam hoặc Nữ"), required=True)
        birth_date = row.date("birth_date", required=True, not_after=ctx.today)
        if birth_date and _age(birth_date, ctx.today) < MIN_AGE_YEARS:
            row.error(
                "birth_date",
                _("người sinh ngày %(d)s chưa đủ %(n)s tuổi.")
                % {"d": birth_date.strftime("%d/%m/%Y"), "n": MIN_AGE_YEARS},
            )
        citizen_id = row.citizen_id("citizen_id")
        unit = ctx.unit(row, "unit_code")
        if unit and unit.dissolved_on and unit.dissolved_on < ctx.today:
            row.error(
                "unit_code",
                _("đơn vị «%(code)s» đã kết thúc hoạt động từ ngày %(d)s.")
                % {"code": unit.code, "d": unit.dissolved_on.strftime("%d/%m/%Y")},
            )
        post_kind = row.choice(
            "post",
            POST_MAP,
            _("xem danh sách chức vụ ở trang «Hướng dẫn» của tệp mẫu"),
            required=True,
        )
        position_from = row.date("position_from", not_after=ctx.today)
        recruited_on = row.date("recruited_on", not_after=ctx.today)
        for key, day in (("position_from", position_from), ("recruited_on", recruited_on)):
            if day and birth_date and day <= birth_date:
                row.error(key, _("«%(d)s» phải sau ngày sinh.") % {"d": day.strftime("%d/%m/%Y")})
        if row.failed or not (gender and birth_date and unit and post_kind):
            return None
        return StaffRow(
            row.number,
            full_name,
            gender,
            birth_date,
            unit.id,
            post_kind,
            citizen_id,
            position_from,
            recruited_on,
        )

    def plan(self, items: list[StaffRow], ctx: Context, problems: Problems) -> Plan:
        items = self._drop_duplicates(items, problems)
        index = PeopleIndex.load([i.identity for i in items], ctx.scope_ids, can_create=True)
        new: list[NewPerson] = []
        matched: list[tuple[StaffRow, dict[str, Any]]] = []
        ambiguities: list[dict[str, Any]] = []
        for item in items:
            match = match_row(index, item.identity, ctx, problems, self.names, ambiguities)
            if match is None:
                continue
            if match.person is None:
                new.append(self._new_person(item, ctx))
            else:
                matched.append((item, match.person))
        updates = self._updates(self._one_row_per_person(matched, problems), ctx, problems)
        unchanged = len(matched) - len(updates)
        summary = {
            "rows": len(items),
            "created": len(new),
            "updated": len(updates),
            "unchanged": unchanged,
        }
        return Plan(summary, ambiguities, StaffPayload(new, updates))

    def apply(self, plan: Plan, *, actor: Any) -> dict[str, int]:
        payload: StaffPayload = plan.payload
        result = bulk_save_people(actor=actor, new=payload.new, updates=payload.updates)
        return {**plan.summary, "positions_started": result.positions_started}

    def _drop_duplicates(self, items: list[StaffRow], problems: Problems) -> list[StaffRow]:
        by_citizen_id: dict[str, int] = {}
        by_identity: dict[tuple[str, dt.date, int], int] = {}
        kept = []
        for item in items:
            key = (name_key(item.full_name), item.birth_date, item.unit_id)
            if item.citizen_id and item.citizen_id in by_citizen_id:
                problems.cell(
                    item.row,
                    self.names["citizen_id"],
                    _("số CCCD «%(id)s» trùng với dòng %(other)s.")
                    % {"id": item.citizen_id, "other": by_citizen_id[item.citizen_id]},
                )
            elif key in by_identity:
                problems.row(
                    item.row,
                    _("trùng họ và tên, ngày sinh và đơn vị với dòng %(other)s.")
                    % {"other": by_identity[key]},
                )
            else:
                kept.append(item)
            if item.citizen_id:
                by_citizen_id.setdefault(item.citizen_id, item.row)
            by_identity.setdefault(key, item.row)
        return kept

    def _one_row_per_person(
        self, matched: list[tuple[StaffRow, dict[str, Any]]], problems: Problems
    ) -> list[tuple[StaffRow, dict[str, Any]]]:
        rows_of: dict[int, int] = {}
        kept = []
        for item, person in matched:
            if person["id"] in rows_of:
                problems.row(
                    item.row,
                    _("cùng một cán bộ đã có («%(name)s») với dòng %(other)s.")
                    % {"name": person["full_name"], "other": rows_of[person["id"]]},
                )
                continue
            rows_of[person["id"]] = item.row
            kept.append((item, person))
        return kept

    @staticmethod
    def _new_person(item: StaffRow, ctx: Context) -> NewPerson:
        start = item.position_from or item.recruited_on or ctx.today
        return NewPerson(
            item.full_name,
            item.gender,
            item.birth_date,
            NewPosition(item.unit_id, item.post_kind, start),
            citizen_id=item.citizen_id,
            recruited_on=item.recruited_on,
        )

    def _updates(
        self, matched: list[tuple[StaffRow, dict[str, Any]]], ctx: Context, problems: Problems
    ) -> list[PersonUpdate]:
        current = current_positions([p["id"] for _i, p in matched])
        updates = []
        for item, person in matched:
            changes = _changes(item, person)
            recruited = changes.get("recruited_on", person["recruited_on"])
            if recruited and recruited <= item.birth_date:
                problems.cell(
                    item.row,
                    self.names["birth_date"],
                    _("ngày sinh phải trước ngày tuyển dụng đã có (%(d)s).")
                    % {"d": recruited.strftime("%d/%m/%Y")},
                )
                continue
            position = current.get(person["id"])
            new_position = None
            if position is None:
                start = item.position_from or recruited or ctx.today
                new_position = NewPosition(item.unit_id, item.post_kind, start)
            elif (position.unit_id, position.post_kind) != (item.unit_id, item.post_kind):
                new_position = self._move(item, position, ctx, problems)
                if new_position is None:
                    continue
            if changes or new_position:
                updates.append(PersonUpdate(person["id"], changes, new_position))
        return updates

    def _move(
        self, item: StaffRow, position: Any, ctx: Context, problems: Problems
    ) -> NewPosition | None:
        held = _("hiện là «%(post)s» tại «%(unit)s» từ %(d)s") % {
            "post": position.post or PostKind(position.post_kind).label,
            "unit": ctx.unit_name(position.unit_id) or _("đơn vị khác"),
            "d": position.valid_from.strftime("%d/%m/%Y"),
        }
        column = self.names["position_from"]
        if item.position_from is None:
            problems.cell(
                item.row,
                column,
                _("cần ghi ngày bắt đầu vì cán bộ đổi đơn vị hoặc chức vụ (%(held)s).")
                % {"held": held},
            )
            return None
        if item.position_from <= position.valid_from:
            problems.cell(
                item.row,
                column,
                _("«%(d)s» phải sau ngày bắt đầu chức vụ hiện tại (%(held)s).")
                % {"d": item.position_from.strftime("%d/%m/%Y"), "held": held},
            )
            return None
        return NewPosition(item.unit_id, item.post_kind, item.position_from)


def _changes(item: StaffRow, person: dict[str, Any]) -> dict[str, Any]:
    """What the row changes; a name differing only in case is the same name, and an empty cell
    never erases what is known."""
    changes: dict[str, Any] = {}
    if name_key(item.full_name) != name_key(person["full_name"]):
        changes["full_name"] = item.full_name
    if item.gender != person["gender"]:
        changes["gender"] = item.gender
    if item.birth_date != person["birth_date"]:
        changes["birth_date"] = item.birth_date
    if item.citizen_id and item.citizen_id != person["citizen_id"]:
        changes["citizen_id"] = item.citizen_id
    if item.recruited_on and item.recruited_on != person["recruited_on"]:
        changes["recruited_on"] = item.recruited_on
    return changes


def _check_name(row: Row, full_name: str) -> None:
    family, middle, given = split_full_name(full_name)
    if any(ch.isdigit() for ch in full_name):
        row.error("full_name", _("«%(v)s» có chữ số, không phải là họ và tên.") % {"v": full_name})
    elif len(family) > 40 or len(middle) > 80 or len(given) > 40:
        message = _("«%(v)s» có phần họ, tên đệm hoặc tên quá dài.") % {"v": full_name}
        row.error("full_name", message)


def _age(birth_date: dt.date, today: dt.date) -> int:
    return (
        today.year
        - birth_date.year
        - ((today.month, today.day) < (birth_date.month, birth_date.day))
    )
