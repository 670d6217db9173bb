"""The figures of a tổng kết: every award count from `tdkt.reports.stats` (one grouped query for
the year and the year before), the movements, registrations, reward money and exemplary models of
the scope, and the table rows both the document and the workbook show."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db.models import Count, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdkt.decisions.models import Awardee, MoneyStatus
from tdkt.movements.models import (
    COLLECTIVE_TITLES,
    INDIVIDUAL_TITLES,
    Answer,
    Movement,
    MovementStatus,
    Registration,
    RegistrationLine,
    RegistrationStatus,
)
from tdkt.org.models import UnitScope
from tdkt.reports import stats
from tdkt.reports.documents import fmt
from tdkt.reports.documents.base import (
    Progress,
    ReportRequest,
    below,
    no_progress,
)
from tdkt.reports.documents.fmt import LEVEL_SHORT, TIER_SHORT
from tdkt.rules import codes

FORMS = [str(c) for c, (kind, _s, _n) in codes.AWARDS.items() if kind is codes.AwardKind.FORM]
# Titles and forms a tổng kết names one by one in its assessment.
HIGH_AWARDS = ("CSTD_TQ", "CO_CP", "HCLD_1", "HCLD_2", "HCLD_3", "BK_TTG", "CSTD_NGANH", "CO_NGANH")
PAID = (MoneyStatus.PAID, MoneyStatus.TO_RECOVER, MoneyStatus.RECOVERED)


@dataclass
class CountRow:
    """One line of a statistics table: counts by column this year, the total, the year before."""

    label: str
    cells: list[int]
    total: int
    before: int

    @property
    def change(self) -> int:
        return self.total - self.before


@dataclass
class ShareRow:
    label: str
    phrase: str  # what the assessment says: "Tỷ lệ <phrase> đạt 67,5 %"
    now: stats.Share
    before: stats.Share

    @property
    def change(self) -> float | None:
        if self.now.percent is None or self.before.percent is None:
            return None
        return self.now.percent - self.before.percent


@dataclass
class ReviewData:
    request: ReportRequest
    year: int
    tiers: list[str]
    tally: stats.Tally
    titles: dict[str, list[CountRow]]  # subject → rows
    forms: list[CountRow]
    shares: list[ShareRow]
    movements: list[Movement]
    answers: Counter[str]
    registrations: Counter[str]  # by status: how many registers
    registered: list[tuple[str, int, int, int | None, float | None]]
    money: list[tuple[str, int, int]]  # award, payments, amount
    examples: list[tuple[str, str, str]] = field(default_factory=list)  # title, subject, unit

    @property
    def total(self) -> int:
        return self.tally.total(year=self.year)

    @property
    def total_before(self) -> int:
        return self.tally.total(year=self.year - 1)


REGISTRATION_HEADERS = [
    gettext_lazy("Danh hiệu"),
    gettext_lazy("Số đăng ký"),
    gettext_lazy("Đã được duyệt"),
    gettext_lazy("Đạt danh hiệu (trong số đã được duyệt)"),
    gettext_lazy("Tỷ lệ đạt"),
]


def count_headers(data: ReviewData, dimension: str, first: str) -> list[str]:
    columns = data.tiers if dimension == "tier" else list(stats.LEVELS)
    names = TIER_SHORT if dimension == "tier" else LEVEL_SHORT
    return [
        first,
        *[str(names[c]) for c in columns],
        _("Tổng năm %(y)s") % {"y": data.year},
        _("Năm %(y)s") % {"y": data.year - 1},
        _("Tăng (+), giảm (-)"),
    ]


def total_row(rows: list[CountRow]) -> CountRow:
    width = len(rows[0].cells) if rows else 0
    return CountRow(
        _("Tổng cộng"),
        [sum(r.cells[i] for r in rows) for i in range(width)],
        sum(r.total for r in rows),
        sum(r.before for r in rows),
    )


def collect(request: ReportRequest, progress: Progress = no_progress) -> ReviewData:
    assert request.year is not None
    year, unit = request.year, request.scope_unit
    progress(10, _("Đang đếm danh hiệu thi đua, hình thức khen thưởng"))
    tiers_of = stats.unit_tiers()
    tally = stats.tally(stats.Scope(unit, year - 1, year), tiers_of)
    tiers = _tiers_in(request, tiers_of)
    titles = {
        subject: [_count_row(tally, year, code, "tier", tiers) for code in awards]
        for subject, awards in (
            (stats.INDIVIDUAL, INDIVIDUAL_TITLES),
            (stats.COLLECTIVE, COLLECTIVE_TITLES),
        )
    }
    forms = [_count_row(tally, year, code, "level", list(stats.LEVELS)) for code in FORMS]
    shares = _shares(tally, year, tiers)
    progress(40, _("Đang tổng hợp phong trào thi đua, đăng ký thi đua"))
    movements, answers = _movements(request, year)
    registrations, registered = _registrations(request, year, tally)
    progress(60, _("Đang tổng hợp tiền thưởng, điển hình tiên tiến"))
    return ReviewData(
        request=request,
        year=year,
        tiers=tiers,
        tally=tally,
        titles=titles,
        forms=forms,
        shares=shares,
        movements=movements,
        answers=answers,
        registrations=registrations,
        registered=registered,
        money=_money(request, year),
        examples=_examples(request, year),
    )


def _tiers_in(request: ReportRequest, tiers_of: dict[int, str]) -> list[str]:
    """The tiers of the units a scope counts (a province: its own and the grassroots)."""
    if request.sector:
        return list(stats.TIERS)
    ids = UnitScope.objects.filter(ancestor=request.unit).values_list("descendant_id", flat=True)
    present = {tiers_of.get(pk, stats.CENTRAL) for pk in ids}
    return [t for t in stats.TIERS if t in present]


def _count_row(
    tally: stats.Tally, year: int, code: str, dimension: str, columns: list[str]
) -> CountRow:
    split = tally.by(dimension, year=year, award=code)
    return CountRow(
        fmt.award_name(code),
        [split.get(c, 0) for c in columns],
        tally.total(year=year, award=code),
        tally.total(year=year - 1, award=code),
    )


def _shares(tally: stats.Tally, year: int, tiers: list[str]) -> list[ShareRow]:
    rows = []
    if stats.GRASSROOTS in tiers and len(tiers) > 1:
        rows.append(
            ShareRow(
                _("Khen thưởng cấp cơ sở (trên tổng số danh hiệu, hình thức)"),
                _("khen thưởng cấp cơ sở"),
                tally.grassroots_share(year),
                tally.grassroots_share(year - 1),
            )
        )
    rows.append(
        ShareRow(
            _("Cá nhân không giữ chức vụ lãnh đạo, quản lý (trên tổng số cá nhân)"),
            _("cá nhân không giữ chức vụ lãnh đạo, quản lý trong số cá nhân được khen thưởng"),
            tally.non_leader_share(year),
            tally.non_leader_share(year - 1),
        )
    )
    rows.append(
        ShareRow(
            _("Nữ (trên tổng số cá nhân)"),
            _("nữ trong số cá nhân được khen thưởng"),
            tally.women_share(year),
            tally.women_share(year - 1),
        )
    )
    return rows


def _movements(request: ReportRequest, year: int) -> tuple[list[Movement], Counter[str]]:
    """Movements the scope's units launched that ran in the year, and the answers the scope's
    units gave to every movement that ran in the year (theirs or from above)."""
    running = Movement.objects.exclude(
        status__in=[MovementStatus.DRAFT, MovementStatus.CANCELLED]
    ).filter(start_year__lte=year, end_year__gte=year)
    units = below(request.scope_unit)
    launched = running if units is None else running.filter(issuer__in=units)
    answers = Answer.objects.filter(movement__in=running)
    if units is not None:
        answers = answers.filter(unit__in=units)
    counts = Counter(
        {
            row["status"]: row["n"]
            for row in answers.values("status").annotate(n=Count("id")).order_by()
        }
    )
    return list(launched.select_related("issuer").order_by("signed_on", "pk")), counts


def _registrations(
    request: ReportRequest, year: int, tally: stats.Tally
) -> tuple[Counter[str], list[tuple[str, int, int, int | None, float | None]]]:
    """Registers by status, and per title: lines registered, lines approved, and (from the
    ledger, through stats) holders of the title who had registered for it."""
    units = below(request.scope_unit)
    lines = RegistrationLine.objects.filter(year=year)
    if units is not None:
        lines = lines.filter(registration__unit__in=units)
    registers_qs = Registration.objects.filter(year=year)
    if units is not None:
        registers_qs = registers_qs.filter(unit__in=units)
    registers: Counter[str] = Counter(
        dict(registers_qs.values_list("status").annotate(n=Count("id")).order_by())
    )
    by_award: dict[str, Counter[str]] = {}
    for row in lines.values("award", "registration__status").annotate(n=Count("id")).order_by():
        by_award.setdefault(row["award"], Counter())[row["registration__status"]] += row["n"]
    results = {
        r.award: r
        for r in stats.registration_results(stats.Scope(request.scope_unit, year, year), tally)
    }
    rows = []
    for code in [*INDIVIDUAL_TITLES, *COLLECTIVE_TITLES]:
        counted = by_award.get(code, Counter())
        if not counted:
            continue
        result = results.get(code)
        rows.append(
            (
                code,
                sum(counted.values()),
                counted[RegistrationStatus.APPROVED],
                result.achieved if result else None,
                result.rate if result else None,
            )
        )
    return registers, rows


def _money(request: ReportRequest, year: int) -> list[tuple[str, int, int]]:
    """Reward money paid out in the calendar year, by award (the decisions app's awardees)."""
    paid = Awardee.objects.filter(paid_on__year=year, money_status__in=PAID)
    units = below(request.scope_unit)
    if units is not None:
        paid = paid.filter(entry__holder_unit__in=units)
    rows = paid.values("award").annotate(n=Count("id"), amount=Sum("amount")).order_by()
    found = {r["award"]: (r["n"], r["amount"] or 0) for r in rows}
    return [(code, *found[code]) for code in stats.award_order(found)]


def _examples(request: ReportRequest, year: int) -> list[tuple[str, str, str]]:
    """Published exemplary models of the year, when the publicity app is installed."""
    if not apps.is_installed("tdkt.publicity"):
        return []
    example_model: Any = apps.get_model("publicity", "Example")
    examples = example_model.objects.filter(status="published", year=year)
    units = below(request.scope_unit)
    if units is not None:
        examples = examples.filter(unit__in=units)
    return [
        (e.title, e.subject_name, e.unit.name)
        for e in examples.select_related("unit", "person", "collective").order_by("unit__sort_key")
    ]
