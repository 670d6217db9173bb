"""Sáng kiến, đề tài: one row per author (the initiative's columns repeated on each of its rows),
written through `records.initiatives` (record, or correct with the file as the reason)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdkt.documents.reader import Column, Problems, Row, choice_map
from tdkt.documents.xlsx import ColumnSpec
from tdkt.errors import DomainError
from tdkt.imports import facts
from tdkt.imports.base import Context, Plan
from tdkt.imports.models import ImportKind
from tdkt.people.models import Person
from tdkt.records.initiatives import correct_initiative, parse_share, record_initiative
from tdkt.records.models import Initiative, InitiativeAuthor, InitiativeKind
from tdkt.rules import codes

KINDS = [(str(v), str(label)) for v, label in InitiativeKind.choices]
KIND_MAP = choice_map([*KINDS, (InitiativeKind.DE_TAI.value, "Đề tài")])
SCOPES = [(str(code), name) for code, name in codes.INITIATIVE_SCOPE_NAMES.items()]
SCOPE_MAP = choice_map(
    [
        *SCOPES,
        (codes.InitiativeScope.CO_SO.value, "Cơ sở"),
        (codes.InitiativeScope.NGANH.value, "Ngành"),
        (codes.InitiativeScope.TOAN_QUOC.value, "Cấp toàn quốc"),
    ]
)
# What each row of an initiative repeats, and must repeat alike.
SHARED = (
    "kind",
    "title",
    "scope",
    "year",
    "recognized_on",
    "recognizing_decision",
    "recognizer_name",
)


def _columns() -> list[Column]:
    s = ColumnSpec
    return [
        Column(
            "code",
            s(
                gettext_lazy("Mã sáng kiến"),
                gettext_lazy(
                    "Mã do đơn vị đặt, duy nhất; các dòng "
                    "cùng mã là các tác giả của cùng một sáng kiến."
                ),
                True,
                kind="text",
                width=14,
            ),
            ("mã", "mã sáng kiến, đề tài", "mã số"),
        ),
        Column(
            "title",
            s(gettext_lazy("Tên sáng kiến, đề tài"), gettext_lazy("Tên đầy đủ."), True, width=40),
            ("tên sáng kiến", "tên đề tài", "tên sáng kiến/đề tài", "tên"),
        ),
        Column(
            "kind",
            s(
                gettext_lazy("Loại"),
                gettext_lazy("Sáng kiến hoặc Đề tài khoa học; để trống là sáng kiến."),
                allowed=KINDS,
                width=16,
            ),
            (),
        ),
        Column(
            "scope",
            s(
                gettext_lazy("Phạm vi ảnh hưởng"),
                gettext_lazy("Cấp cơ sở, Cấp ngành, Toàn quốc."),
                True,
                allowed=SCOPES,
                width=18,
            ),
            ("phạm vi", "cấp công nhận", "phạm vi ảnh hưởng, hiệu quả áp dụng"),
        ),
        facts.year_column(gettext_lazy("Năm của sáng kiến; để trống nếu chọn năm khi gửi tệp.")),
        Column(
            "recognized_on",
            s(
                gettext_lazy("Ngày công nhận"),
                gettext_lazy("Ngày của quyết định công nhận."),
                True,
                kind="date",
                width=14,
            ),
            ("ngày quyết định công nhận",),
        ),
        Column(
            "recognizing_decision",
            s(
                gettext_lazy("Số quyết định công nhận"),
                gettext_lazy("Có thể để trống."),
                kind="text",
                width=18,
            ),
            ("quyết định công nhận", "số quyết định", "số qđ"),
        ),
        Column(
            "recognizer_name",
            s(gettext_lazy("Cơ quan công nhận"), gettext_lazy("Có thể để trống."), width=28),
            ("đơn vị công nhận",),
        ),
        *facts.person_columns(),
        Column(
            "share",
            s(
                gettext_lazy("Tỷ lệ đóng góp (%)"),
                gettext_lazy(
                    "Phần trăm của tác giả; ghi cho "
                    "mọi tác giả (tổng 100) hoặc để trống tất cả (chia đều)."
                ),
                kind="text",
                width=12,
            ),
            ("tỷ lệ đóng góp", "tỷ lệ", "tỷ lệ %"),
        ),
    ]


@dataclass(frozen=True)
class AuthorRow:
    row: int
    code: str
    values: dict[str, Any]
    who: facts.Who
    share: Decimal | None


@dataclass
class Spec:
    code: str
    values: dict[str, Any]
    authors: list[int]
    shares: list[Decimal | None] | None
    current: int | None = None  # the initiative to correct


class InitiativesImporter(facts.FactsImporter):
    kind: str = ImportKind.INITIATIVES
    sheet_title = "Sáng kiến, đề tài"
    filename = "mau-nhap-sang-kien.xlsx"
    make_columns = staticmethod(_columns)

    def examples(self) -> list[list[Any]]:
        common = [
            "SK-2024-01",
            "Số hóa hồ sơ kiểm sát",
            "Sáng kiến",
            "Cấp cơ sở",
            2024,
            dt.date(2024, 12, 20),
            "30/QĐ-VKS",
            "Viện kiểm sát nhân dân tỉnh Hà Tĩnh",
        ]
        return [
            [*common, "Lê Thị Hoa", dt.date(1986, 5, 12), "042186000111", "", "60"],
            [*common, "Phan Văn Sơn", "03/03/1990", "", "KV-HT-02", "40"],
        ]

    def notes(self) -> list[str]:
        return facts.guide_notes(
            _(
                "Mỗi dòng là một tác giả của một sáng kiến, đề tài: các dòng cùng «Mã sáng "
                "kiến» ghi giống nhau các cột của sáng kiến; sáng kiến được nhận ra theo mã."
            )
        )

    def check_columns(self, present: set[str], ctx: Context, problems: Problems) -> None:
        facts.require_year(present, ctx, problems)

    def read(self, row: Row, ctx: Context) -> AuthorRow | None:
        code = row.text("code", required=True, max_length=40)
        values = {
            "title": row.text("title", required=True, max_length=300),
            "kind": row.choice("kind", KIND_MAP, _("Sáng kiến hoặc Đề tài khoa học"))
            or InitiativeKind.SANG_KIEN.value,
            "scope": row.choice(
                "scope", SCOPE_MAP, ", ".join(label for _c, label in SCOPES), required=True
            ),
            "year": facts.read_year(row, ctx),
            "recognized_on": row.date("recognized_on", required=True, not_after=ctx.today),
            "recognizing_decision": row.text("recognizing_decision", max_length=100),
            "recognizer_name": row.text("recognizer_name", max_length=200),
        }
        who = facts.read_who(row, ctx)
        share = None
        if row.present("share"):
            try:
                share = parse_share(row.text("share", max_length=20))
            except DomainError as exc:
                row.error("share", exc.message)
        if row.failed or not (code and who) or not all(values[k] for k in SHARED[1:5]):
            return None
        return AuthorRow(row.number, code, values, who, share)

    def plan(self, items: list[AuthorRow], ctx: Context, problems: Problems) -> Plan:
        matched = facts.match_people([i.who for i in items], ctx, problems, self.names)
        groups: dict[str, list[AuthorRow]] = {}
        for item in items:
            groups.setdefault(item.code.casefold(), []).append(item)
        existing: dict[str, Initiative] = {
            i.code.casefold(): i
            for i in Initiative.objects.annotate(lc=Lower("code"))
            .filter(lc__in=list(groups))
            .select_related("used_for")
        }
        specs = [
            spec
            for rows in groups.values()
            if (spec := self._spec(rows, matched, existing, ctx, problems)) is not None
        ]
        new = [s for s in specs if s.current is None]
        changed = [s for s in specs if s.current is not None]
        unchanged = len(groups) - len(specs)
        summary = {"rows": len(items), "planned_unchanged": unchanged}
        return Plan(summary, matched.ambiguities, (new, changed, ctx.source))

    def _spec(
        self,
        rows: list[AuthorRow],
        matched: facts.Matched,
        existing: dict[str, Initiative],
        ctx: Context,
        problems: Problems,
    ) -> Spec | None:
        """The initiative its rows state, or None when it is already recorded alike (or has a
        problem, recorded in `problems`)."""
        first, ok = rows[0], True
        for item in rows[1:]:
            for key in SHARED:
                if item.values[key] != first.values[key]:
                    ok = False
                    problems.cell(
                        item.row,
                        self.names[key],
                        _("khác với dòng %(other)s của cùng mã sáng kiến «%(code)s».")
                        % {"other": first.row, "code": first.code},
                    )
        authors = [matched.people.get(i.row) for i in rows]
        if len(set(authors)) != len(authors) and None not in authors:
            ok = False
            problems.row(rows[-1].row, _("cùng một tác giả ghi hai lần cho một sáng kiến."))
        shares = [i.share for i in rows]
        if any(s is not None for s in shares):
            total = sum((s or Decimal(0) for s in shares), Decimal(0))
            if any(s is None for s in shares) or total != 100:
                ok = False
                problems.cell(
                    first.row,
                    self.names["share"],
                    _(
                        "tỷ lệ đóng góp phải ghi cho mọi tác giả của sáng kiến «%(code)s» với "
                        "tổng 100, hoặc để trống tất cả."
                    )
                    % {"code": first.code},
                )
        if not ok or None in authors:
            return None
        ids = [a for a in authors if a is not None]
        given = shares if any(s is not None for s in shares) else None
        spec = Spec(first.code, dict(first.values), ids, given)
        current = existing.get(first.code.casefold())
        if current is None:
            return spec
        return self._correction(spec, current, first.row, ctx, problems)

    def _correction(
        self, spec: Spec, current: Initiative, row: int, ctx: Context, problems: Problems
    ) -> Spec | None:
        if current.unit_id is not None and current.unit_id not in ctx.scope_ids:
            problems.cell(
                row,
                self.names["code"],
                _("mã sáng kiến «%(code)s» đã được dùng.") % {"code": spec.code},
            )
            return None
        pairs = list(
            InitiativeAuthor.objects.filter(initiative=current)
            .order_by("order", "id")
            .values_list("person_id", "share")
        )
        wanted = list(zip(spec.authors, spec.shares or [None] * len(spec.authors), strict=True))
        same = all(getattr(current, k) == spec.values[k] for k in SHARED)
        if same and pairs == wanted:
            return None
        used = current.used_for
        spent = used is not None and used.revoked_on is None
        if spent and (
            [p for p, _s in pairs] != spec.authors
            or current.scope != spec.values["scope"]
            or current.recognized_on != spec.values["recognized_on"]
        ):
            problems.row(
                row,
                _(
                    "sáng kiến «%(code)s» đã được dùng làm căn cứ khen thưởng: không sửa được "
                    "tác giả, phạm vi ảnh hưởng, ngày công nhận."
                )
                % {"code": spec.code},
            )
            return None
        spec.current = current.pk
        return spec

    def apply(self, plan: Plan, *, actor: Any) -> dict[str, int]:
        new, changed, source = plan.payload
        people = Person.objects.in_bulk({p for s in [*new, *changed] for p in s.authors})
        for spec in new:
            record_initiative(
                actor=actor,
                code=spec.code,
                authors=[people[p] for p in spec.authors],
                shares=spec.shares,
                **spec.values,
            )
        for spec in changed:
            initiative = Initiative.objects.select_related("used_for").get(pk=spec.current)
            correct_initiative(
                actor=actor,
                initiative=initiative,
                version=initiative.version,
                reason=source,
                code=spec.code,
                authors=[people[p] for p in spec.authors],
                shares=spec.shares,
                **spec.values,
            )
        return facts.applied_counts(plan, len(new), len(changed))
