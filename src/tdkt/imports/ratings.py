"""Xếp loại chất lượng hằng năm: one rating per row, of a person (identity columns) or of a unit
(only «Mã đơn vị»), for the year of the «Năm» column or of the job."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdkt.documents.reader import Column, Problems, Row, choice_map
from tdkt.documents.xlsx import ColumnSpec
from tdkt.imports import facts
from tdkt.imports.base import Context, Plan, identity_column
from tdkt.imports.models import ImportKind
from tdkt.records.bulk import RatingFact, bulk_set_ratings
from tdkt.rules import codes

RATINGS = [(str(code), name) for code, name in codes.RATING_NAMES.items()]
# Units write the label without "nhiệm vụ" too: "Hoàn thành tốt".
RATING_MAP = choice_map(
    [*RATINGS, *((code, name.removesuffix(" nhiệm vụ")) for code, name in RATINGS)]
)


def _columns() -> list[Column]:
    people = facts.person_columns()
    people[0] = identity_column(
        "full_name",
        gettext_lazy(
            "Họ và tên của cán bộ. Để trống cùng «Ngày sinh» và «Số CCCD» nếu là xếp loại "
            "của tập thể (đơn vị ghi ở cột «Mã đơn vị»)."
        ),
        people[0].aliases,
    )
    people[1] = Column("birth_date", replace(people[1].spec, required=False), people[1].aliases)
    return [
        *people,
        facts.year_column(
            gettext_lazy("Năm được xếp loại, 4 chữ số; để trống nếu chọn năm khi gửi tệp.")
        ),
        Column(
            "rating",
            ColumnSpec(
                gettext_lazy("Xếp loại"),
                gettext_lazy("Mã hoặc mức xếp loại, có dấu hoặc không dấu."),
                True,
                allowed=RATINGS,
                width=30,
            ),
            (
                "xếp loại chất lượng",
                "mức xếp loại",
                "kết quả xếp loại",
                "đánh giá, xếp loại",
                "kết quả đánh giá, xếp loại",
                "kết quả đánh giá xếp loại",
                "xếp loại chất lượng cán bộ",
                "mức xếp loại chất lượng",
            ),
        ),
    ]


@dataclass(frozen=True)
class RatingRow:
    row: int
    year: int
    rating: str
    who: facts.Who | None = None
    unit_id: int | None = None


class RatingsImporter(facts.FactsImporter):
    kind: str = ImportKind.RATINGS
    sheet_title = "Xếp loại"
    filename = "mau-nhap-xep-loai.xlsx"
    make_columns = staticmethod(_columns)

    def examples(self) -> list[list[Any]]:
        return [
            ["Lê Thị Hoa", dt.date(1986, 5, 12), "042186000111", "KV-HT-01", 2024, "HTXS"],
            ["Phan Văn Sơn", "03/03/1990", "", "", 2024, "Hoàn thành tốt nhiệm vụ"],
            ["", "", "", "KV-HT-02", 2024, "hoan thanh tot"],
        ]

    def notes(self) -> list[str]:
        return facts.guide_notes(
            _(
                "Mỗi dòng là xếp loại chất lượng một năm của một cán bộ (hoặc của một tập thể: "
                "chỉ ghi «Mã đơn vị»). Năm lấy ở cột «Năm»; nếu tệp không có cột này, chọn năm "
                "khi gửi tệp."
            )
        )

    def check_columns(self, present: set[str], ctx: Context, problems: Problems) -> None:
        facts.require_year(present, ctx, problems)

    def read(self, row: Row, ctx: Context) -> RatingRow | None:
        individual = any(row.present(k) for k in ("full_name", "birth_date", "citizen_id"))
        who = unit = None
        if individual:
            who = facts.read_who(row, ctx)
        else:
            unit = ctx.unit(row, "unit_code")
        year = facts.read_year(row, ctx)
        rating = row.choice(
            "rating", RATING_MAP, _("HTXS, HTT, HT, KHT hoặc tên mức xếp loại"), required=True
        )
        if row.failed or not (year and rating) or not (who or unit):
            return None
        return RatingRow(row.number, year, rating, who, unit.id if unit else None)

    def plan(self, items: list[RatingRow], ctx: Context, problems: Problems) -> Plan:
        whos = [i.who for i in items if i.who is not None]
        matched = facts.match_people(whos, ctx, problems, self.names)
        rows: dict[tuple[str, int, int], int] = {}
        found: list[RatingFact] = []
        for item in items:
            if item.who is not None:
                person_id = matched.people.get(item.row)
                if person_id is None:
                    continue
                key, fact = (
                    ("p", person_id, item.year),
                    RatingFact(item.year, item.rating, person_id),
                )
            else:
                assert item.unit_id is not None
                key = ("u", item.unit_id, item.year)
                fact = RatingFact(item.year, item.rating, unit_id=item.unit_id)
            if key in rows:
                problems.row(
                    item.row,
                    _("xếp loại năm %(y)s của cùng đối tượng đã có ở dòng %(other)s.")
                    % {"y": item.year, "other": rows[key]},
                )
                continue
            rows[key] = item.row
            found.append(fact)
        summary = {"rows": len(items)}
        return Plan(summary, matched.ambiguities, facts.Payload(found, ctx.source))

    def apply(self, plan: Plan, *, actor: Any) -> dict[str, int]:
        return facts.apply_facts(plan, actor, bulk_set_ratings)
