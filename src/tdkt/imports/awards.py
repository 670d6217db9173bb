"""Lịch sử khen thưởng: past titles and forms of commendation, one line of the ledger per row,
for a person (identity columns) or a collective (only the unit code)."""

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
from tdkt.records.models import AwardEntry, DecisionLevel
from tdkt.records.services import AwardSpec, DecisionKey, DecisionSpec, bulk_record_awards
from tdkt.rules import codes

AWARD_PAIRS = [(str(code), name) for code, (_k, _s, name) in codes.AWARDS.items()]
AWARD_MAP = choice_map(AWARD_PAIRS)
LEVELS = [(str(v), str(label)) for v, label in DecisionLevel.choices]
LEVEL_MAP = choice_map(LEVELS)
INDIVIDUAL_AWARDS = frozenset(str(c) for c in codes.awards_for(codes.Subject.INDIVIDUAL))
COLLECTIVE_AWARDS = frozenset(str(c) for c in codes.awards_for(codes.Subject.COLLECTIVE))


def _columns() -> list[Column]:
    s = ColumnSpec
    return [
        identity_column(
            "full_name",
            gettext_lazy(
                "Họ và tên cá nhân được khen thưởng. Để trống "
                "cùng «Số CCCD» nếu là khen thưởng "
                "tập thể (đơn vị ghi ở cột «Mã đơn vị»)."
            ),
            ("họ tên",),
        ),
        identity_column(
            "birth_date",
            gettext_lazy("Ngày sinh của cá nhân (dd/mm/yyyy); bắt buộc với cá nhân."),
            ("ngày tháng năm sinh", "ngày, tháng, năm sinh"),
        ),
        identity_column(
            "citizen_id",
            gettext_lazy("Số căn cước công dân của cá nhân, 12 chữ số; có thể để trống."),
            ("cccd", "số căn cước công dân", "số căn cước", "căn cước công dân"),
        ),
        identity_column(
            "unit_code",
            gettext_lazy(
                "Với cá nhân: mã đơn vị nơi cán bộ công tác (đang "
                "hoặc đã từng). Với tập thể: mã "
                "của chính đơn vị được khen thưởng."
            ),
            ("mã đv",),
            required=True,
        ),
        Column(
            "award",
            s(
                gettext_lazy("Danh hiệu, hình thức"),
                gettext_lazy("Mã hoặc tên danh hiệu thi đua, hình thức khen thưởng."),
                True,
                allowed=AWARD_PAIRS,
                width=30,
            ),
            (
                "danh hiệu/hình thức",
                "danh hiệu / hình thức",
                "danh hiệu",
                "hình thức khen thưởng",
                "danh hiệu, hình thức khen thưởng",
            ),
        ),
        Column(
            "year",
            s(
                gettext_lazy("Năm thành tích"),
                gettext_lazy("Năm đạt thành tích, 4 chữ số (ví dụ 2023)."),
                True,
                kind="int",
                width=10,
            ),
            ("năm",),
        ),
        Column(
            "number",
            s(
                gettext_lazy("Số quyết định"),
                gettext_lazy("Số, ký hiệu của quyết định, ví dụ 12/QĐ-VKS."),
                True,
                kind="text",
                width=16,
            ),
            ("số qđ", "quyết định số"),
        ),
        Column(
            "signed_on",
            s(
                gettext_lazy("Ngày ký"),
                gettext_lazy("Ngày ký quyết định (dd/mm/yyyy)."),
                True,
                kind="date",
                width=12,
            ),
            ("ngày quyết định", "ngày ký quyết định"),
        ),
        Column(
            "level",
            s(
                gettext_lazy("Cấp quyết định"),
                gettext_lazy("Cấp ra quyết định (mã hoặc tên)."),
                True,
                allowed=LEVELS,
                width=22,
            ),
            ("cấp khen thưởng",),
        ),
        Column(
            "issuer",
            s(
                gettext_lazy("Cơ quan ban hành"),
                gettext_lazy("Tên cơ quan ban hành quyết định; có thể để trống."),
                width=28,
            ),
            ("cơ quan quyết định", "đơn vị ban hành"),
        ),
        Column(
            "signer_name",
            s(
                gettext_lazy("Người ký"),
                gettext_lazy("Họ và tên người ký quyết định; có thể để trống."),
                width=20,
            ),
            (),
        ),
        Column(
            "signer_title",
            s(
                gettext_lazy("Chức vụ người ký"),
                gettext_lazy("Chức vụ của người ký; có thể để trống."),
                width=18,
            ),
            (),
        ),
    ]


@dataclass(frozen=True)
class AwardRow:
    row: int
    award: str
    year: int
    unit_id: int
    decision: DecisionSpec
    full_name: str = ""
    birth_date: dt.date | None = None
    citizen_id: str | None = None

    @property
    def is_individual(self) -> bool:
        return bool(self.full_name)

    @property
    def identity(self) -> Identity:
        assert self.birth_date is not None
        return Identity(self.row, self.full_name, self.birth_date, self.unit_id, self.citizen_id)


@dataclass
class AwardsPayload:
    decisions: list[DecisionSpec]
    awards: list[AwardSpec]


class AwardsImporter(SheetImporter):
    kind: str = ImportKind.AWARDS
    sheet_title = "Lịch sử khen thưởng"
    filename = "mau-nhap-lich-su-khen-thuong.xlsx"
    make_columns = staticmethod(_columns)

    def examples(self) -> list[list[Any]]:
        return [
            [
                "Nguyễn Thị Minh Anh",
                dt.date(1988, 4, 2),
                "044188001234",
                "KV-QT-01",
                "LDTT",
                2023,
                "15/QĐ-VKS",
                dt.date(2024, 1, 20),
                "Thủ trưởng đơn vị cơ sở",
                "Viện kiểm sát nhân dân tỉnh Quảng Trị",
                "Lê Văn Cường",
                "Viện trưởng",
            ],
            [
                "",
                "",
                "",
                "T25-QT",
                "Tập thể lao động xuất sắc",
                2023,
                "120/QĐ-VKSTC",
                dt.date(2024, 2, 5),
                "nganh",
                "Viện kiểm sát nhân dân tối cao",
                "",
                "",
            ],
        ]

    def notes(self) -> list[str]:
        return [
            _(
                "Mỗi dòng là một danh hiệu hoặc hình thức khen thưởng của một cá nhân hoặc một tập "
                "thể trong một năm; dòng đầu tiên là dòng tiêu đề, giữ nguyên tên các cột."
            ),
            _(
                "Cá nhân phải đã có trong hệ thống (nhập danh sách "
                "cán bộ trước); được nhận ra theo "
                "số CCCD, hoặc theo họ và tên, ngày sinh và đơn vị."
            ),
            _(
                "Các dòng cùng số quyết định, ngày ký và cơ quan ban hành thuộc cùng một quyết "
                "định."
            ),
            _("Dòng đã có đúng như vậy trong sổ khen thưởng được bỏ qua, nên có thể nhập lại tệp."),
            _("Nếu tệp có bất kỳ lỗi nào, toàn bộ tệp bị từ chối và không dữ liệu nào được ghi."),
        ]

    def read(self, row: Row, ctx: Context) -> AwardRow | None:
        individual = row.present("full_name") or row.present("citizen_id")
        full_name = row.text("full_name", required=individual, max_length=150)
        birth_date = row.date("birth_date", required=individual, not_after=ctx.today)
        citizen_id = row.citizen_id("citizen_id")
        unit = ctx.unit(row, "unit_code")
        award = row.choice(
            "award", AWARD_MAP, _("xem danh mục ở trang «Hướng dẫn» của tệp mẫu"), required=True
        )
        if award:
            self._check_subject(row, award, individual)
        year = row.year("year", required=True)
        signed_on = row.date("signed_on", required=True, not_after=ctx.today)
        if year and signed_on and year > signed_on.year:
            row.error(
                "year",
                _("năm thành tích %(y)s sau năm ký quyết định (%(d)s).")
                % {"y": year, "d": signed_on.strftime("%d/%m/%Y")},
            )
        number = row.text("number", required=True, max_length=60)
        level = row.choice(
            "level", LEVEL_MAP, ", ".join(label for _c, label in LEVELS), required=True
        )
        issuer = row.text("issuer", max_length=200)
        signer_name = row.text("signer_name", max_length=150)
        signer_title = row.text("signer_title", max_length=150)
        if row.failed or not (unit and award and year and signed_on and number and level):
            return None
        decision = DecisionSpec(number, signed_on, level, issuer, signer_name, signer_title)
        return AwardRow(
            row.number,
            award,
            year,
            unit.id,
            decision,
            full_name if individual else "",
            birth_date,
            citizen_id,
        )

    def _check_subject(self, row: Row, award: str, individual: bool) -> None:
        name = codes.award_name(award)
        if individual and award not in INDIVIDUAL_AWARDS:
            row.error(
                "award",
                _("«%(a)s» chỉ dành cho tập thể; với tập thể, để trống «Họ và tên» và «Số CCCD».")
                % {"a": name},
            )
        elif not individual and award not in COLLECTIVE_AWARDS:
            row.error(
                "award",
                _("«%(a)s» chỉ dành cho cá nhân; hãy ghi «Họ và tên» và «Ngày sinh».")
                % {"a": name},
            )

    def plan(self, items: list[AwardRow], ctx: Context, problems: Problems) -> Plan:
        self._check_decisions(items, problems)
        people = [i for i in items if i.is_individual]
        index = PeopleIndex.load(
            [i.identity for i in people], ctx.scope_ids, can_create=False, include_past_units=True
        )
        subjects: list[tuple[AwardRow, str, int]] = []
        ambiguities: list[dict[str, Any]] = []
        for item in items:
            if not item.is_individual:
                subjects.append((item, "unit_id", item.unit_id))
                continue
            match = match_row(index, item.identity, ctx, problems, self.names, ambiguities)
            if match is None:
                continue
            if match.person is None:
                problems.cell(
                    item.row,
                    self.names["full_name"],
                    _(
                        "không tìm thấy cán bộ «%(name)s», sinh ngày "
                        "%(d)s, tại «%(unit)s»; hãy nhập "
                        "danh sách cán bộ trước hoặc kiểm tra lại họ tên, ngày sinh, mã đơn vị."
                    )
                    % {
                        "name": item.full_name,
                        "d": item.identity.birth_date.strftime("%d/%m/%Y"),
                        "unit": ctx.unit_name(item.unit_id),
                    },
                )
            else:
                subjects.append((item, "person_id", match.person["id"]))
        subjects = self._drop_duplicates(subjects, problems)
        to_record = self._drop_recorded(subjects, problems)
        awards = [
            AwardSpec(i.award, i.year, i.decision.key, **{field: pk}) for i, field, pk in to_record
        ]
        decisions = list({i.decision.key: i.decision for i, _f, _p in to_record}.values())
        summary = {
            "rows": len(items),
            "awards_recorded": len(awards),
            "unchanged": len(subjects) - len(to_record),
        }
        return Plan(summary, ambiguities, AwardsPayload(decisions, awards))

    def apply(self, plan: Plan, *, actor: Any) -> dict[str, int]:
        payload: AwardsPayload = plan.payload
        result = bulk_record_awards(actor=actor, decisions=payload.decisions, awards=payload.awards)
        return {**plan.summary, "decisions_created": result.decisions_created}

    def _check_decisions(self, items: list[AwardRow], problems: Problems) -> None:
        first: dict[DecisionKey, AwardRow] = {}
        for item in items:
            seen = first.setdefault(item.decision.key, item)
            if seen.decision.level != item.decision.level:
                problems.cell(
                    item.row,
                    self.names["level"],
                    _("quyết định số %(n)s ngày %(d)s đã ghi cấp khác ở dòng %(other)s.")
                    % {
                        "n": item.decision.number,
                        "d": item.decision.signed_on.strftime("%d/%m/%Y"),
                        "other": seen.row,
                    },
                )

    def _drop_duplicates(
        self, subjects: list[tuple[AwardRow, str, int]], problems: Problems
    ) -> list[tuple[AwardRow, str, int]]:
        rows: dict[tuple[str, str, int, int], int] = {}
        kept = []
        for item, field, pk in subjects:
            key = (item.award, field, pk, item.year)
            if key in rows:
                problems.row(
                    item.row,
                    _("«%(a)s» năm %(y)s của cùng đối tượng trùng với dòng %(other)s.")
                    % {"a": codes.award_name(item.award), "y": item.year, "other": rows[key]},
                )
                continue
            rows[key] = item.row
            kept.append((item, field, pk))
        return kept

    def _drop_recorded(
        self, subjects: list[tuple[AwardRow, str, int]], problems: Problems
    ) -> list[tuple[AwardRow, str, int]]:
        """Lines already in the ledger: the same decision is a repeat (skipped), another
        decision is a conflict (an award is held once a year)."""
        existing: dict[tuple[str, str, int, int], DecisionKey] = {}
        for field in ("person_id", "unit_id"):
            ids = sorted({pk for _i, f, pk in subjects if f == field})
            for start in range(0, len(ids), 5000):
                rows = AwardEntry.objects.filter(
                    revoked_on__isnull=True, **{f"{field}__in": ids[start : start + 5000]}
                ).values_list(
                    "award",
                    field,
                    "year",
                    "decision__number",
                    "decision__signed_on",
                    "decision__issuer_name",
                )
                for award, pk, year, number, signed_on, issuer in rows:
                    existing[(award, field, pk, year)] = (number, signed_on, issuer)
        kept = []
        for item, field, pk in subjects:
            recorded = existing.get((item.award, field, pk, item.year))
            if recorded is None:
                kept.append((item, field, pk))
            elif recorded != item.decision.key:
                problems.row(
                    item.row,
                    _(
                        "«%(a)s» năm %(y)s đã có trong sổ khen thưởng "
                        "theo quyết định số %(n)s ngày "
                        "%(d)s."
                    )
                    % {
                        "a": codes.award_name(item.award),
                        "y": item.year,
                        "n": recorded[0],
                        "d": recorded[1].strftime("%d/%m/%Y"),
                    },
                )
        return kept
