"""The figures of a dashboard, the sector's or a unit's, ready for the page: every number carries
the URL of the list behind it, and every chart is described as data for `reports/charts.js`.

Everything is counted by `tdkt.reports.stats` (one grouped query over the ledger, then
arithmetic), so a figure, its chart and the list it opens agree."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdkt.movements.models import Answer, Movement, MovementStatus
from tdkt.movements.selectors import IndicatorTotals, results_matrix
from tdkt.org.models import Unit, UnitLevel, UnitScope
from tdkt.org.services import lineage
from tdkt.reports import stats
from tdkt.rules import codes
from tdkt.workflow.access import access_for

# A dashboard lists the latest movements of its scope; older ones are on the movement list.
MOVEMENT_LIMIT = 8


def sees_sector(user: Any) -> bool:
    """Whoever may view the top of the tree (VKSND tối cao) sees the whole sector."""
    roots = access_for(user).units_for("view")
    return Unit.objects.filter(pk__in=roots, parent__isnull=True).exists()


# --- Building blocks -----------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """A count and the list it counts."""

    n: int
    url: str


@dataclass(frozen=True)
class Change:
    """A year against the one before."""

    diff: int
    percent: float | None


def change(now: int, before: int | None) -> Change | None:
    if before is None:
        return None
    return Change(now - before, round(100 * (now - before) / before, 1) if before else None)


@dataclass
class Row:
    key: str  # what the row counts (a year, an award, a unit id), for the page and the tests
    label: str
    cells: list[Cell]
    total: Cell
    change: Change | None = None
    href: str = ""  # where the label leads (a unit's dashboard)


@dataclass
class Table:
    id: str
    keys: list[str]  # what each column counts
    columns: list[str]
    rows: list[Row]
    total: Row | None = None
    change_label: str = ""

    @property
    def headed(self) -> list[tuple[str, str]]:
        return list(zip(self.keys, self.columns, strict=True))


@dataclass
class Chart:
    """What `charts.js` draws: one dataset per series, each point with the URL it opens."""

    id: str
    kind: str  # bar | line
    labels: list[str] | list[list[str]]  # a label of several lines is a list
    datasets: list[dict[str, Any]] = field(default_factory=list)
    stacked: bool = False
    horizontal: bool = False
    percent: bool = False
    row_height: int = 0  # pixels per label of horizontal bars (0: from the datasets)
    log: bool = False  # counts that span orders of magnitude (Lao động tiên tiến and Cờ)
    title: str = ""

    def add(self, label: str, cells: Iterable[Cell], notes: Iterable[str] | None = None) -> None:
        cells = list(cells)
        self.datasets.append(
            {
                "label": label,
                "data": [c.n for c in cells],
                "urls": [c.url for c in cells],
                **({"notes": list(notes)} if notes is not None else {}),
            }
        )

    @property
    def data_id(self) -> str:
        return f"chart-{self.id}-data"

    def spec(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "labels": self.labels,
            "datasets": self.datasets,
            "stacked": self.stacked,
            "horizontal": self.horizontal,
            "percent": self.percent,
            "log": self.log,
            "title": self.title,
            "hint": _("Bấm để mở danh sách"),
        }

    @property
    def height(self) -> int:
        """Pixels: horizontal bars need room per label."""
        if not self.horizontal:
            return 300
        per = self.row_height or (24 if self.stacked else 10 * max(1, len(self.datasets)) + 8)
        return max(200, 80 + per * len(self.labels))


# --- The dashboard -------------------------------------------------------------------------


@dataclass
class ShareRow:
    year: int | None
    grassroots: stats.Share
    non_leader: stats.Share
    women: stats.Share


@dataclass
class MovementBlock:
    movement: Movement
    totals: list[IndicatorTotals]  # over the receiving units in the scope


@dataclass
class Dashboard:
    scope: stats.Scope
    total: Cell
    individual: Cell
    collective: Cell
    shares: ShareRow
    by_level: Table
    by_subject: Table
    titles: Table
    forms: Table
    share_rows: list[ShareRow]
    by_tier: Table
    by_unit: Table
    registrations: list[stats.RegistrationResult]
    movements: list[MovementBlock]
    more_movements: int
    charts: dict[str, Chart]

    @property
    def years(self) -> list[int]:
        return self.scope.years


def build(scope: stats.Scope) -> Dashboard:
    """Every figure of the dashboard of `scope` (about ten queries)."""
    tiers = stats.unit_tiers()
    tally = stats.tally(scope, tiers)
    q = tally.query
    charts: dict[str, Chart] = {}
    by_level = _year_table(
        tally, "level", stats.LEVELS, stats.LEVEL_NAMES, charts, "levels", _("Theo cấp quyết định")
    )
    subjects = {stats.INDIVIDUAL: _("Cá nhân"), stats.COLLECTIVE: _("Tập thể")}
    by_subject = _year_table(
        tally, "subject", list(subjects), subjects, charts, "subjects", _("Cá nhân và tập thể")
    )
    titles = _award_table(tally, "title", charts, _("Danh hiệu thi đua"))
    forms = _award_table(tally, "form", charts, _("Hình thức khen thưởng"))
    share_rows = [_shares(tally, y) for y in scope.years]
    charts["shares"] = _share_chart(scope.years, share_rows)
    by_tier = _tier_table(tally, charts)
    by_unit = _unit_table(scope, _breakdown_units(scope.unit), charts)
    registrations = stats.registration_results(scope, tally)
    charts["registrations"] = _registration_chart(registrations)
    movements, more = _movements(scope)
    charts["movements"] = _movement_chart(movements)
    return Dashboard(
        scope=scope,
        total=Cell(tally.total(), q().url()),
        individual=Cell(tally.total(subject=stats.INDIVIDUAL), q(subject=stats.INDIVIDUAL).url()),
        collective=Cell(tally.total(subject=stats.COLLECTIVE), q(subject=stats.COLLECTIVE).url()),
        shares=_shares(tally, None),
        by_level=by_level,
        by_subject=by_subject,
        titles=titles,
        forms=forms,
        share_rows=share_rows,
        by_tier=by_tier,
        by_unit=by_unit,
        registrations=registrations,
        movements=movements,
        more_movements=more,
        charts={k: v for k, v in charts.items() if v.datasets and v.labels},
    )


def _year_table(
    tally: stats.Tally,
    dim: str,
    keys: Iterable[str],
    names: dict[str, Any],
    charts: dict[str, Chart],
    chart_id: str,
    title: str,
) -> Table:
    """Years down, the values of one dimension across (only those present), a total per year
    and its change from the year before; a stacked bar chart of the same."""
    years = tally.scope.years
    counts = tally.table("year", dim)
    present = [k for k in keys if any(counts.get(y, {}).get(k) for y in years)]
    rows, before = [], None
    for y in years:
        cells = [
            Cell(counts.get(y, {}).get(k, 0), tally.query(year=y, **{dim: k}).url())
            for k in present
        ]
        total = sum(c.n for c in cells)
        rows.append(
            Row(
                str(y), str(y), cells, Cell(total, tally.query(year=y).url()), change(total, before)
            )
        )
        before = total
    sums = tally.by(dim)
    footer = Row(
        "total",
        _("Cộng"),
        [Cell(sums.get(k, 0), tally.query(**{dim: k}).url()) for k in present],
        Cell(tally.total(), tally.query().url()),
    )
    chart = Chart(chart_id, "bar", [str(y) for y in years], stacked=True, title=title)
    for i, k in enumerate(present):
        chart.add(str(names[k]), (r.cells[i] for r in rows))
    charts[chart_id] = chart
    columns = [str(names[k]) for k in present]
    return Table(chart_id, present, columns, rows, footer, _("So với năm trước"))


def _award_table(tally: stats.Tally, kind: str, charts: dict[str, Chart], title: str) -> Table:
    """One row per award of the kind and subject (a form given to both is two rows), the years
    across; grouped bars by year."""
    years = tally.scope.years
    counts: dict[tuple[str, str], dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for fact in tally.select(kind=kind):
        counts[(fact.award, fact.subject)][fact.year] += fact.count
    order = {a: i for i, a in enumerate(stats.award_order(a for a, _s in counts))}
    keys = sorted(counts, key=lambda k: (order[k[0]], k[1] != stats.INDIVIDUAL))
    rows = []
    for award, subject in keys:
        label = codes.award_name(award)
        if codes.award_subject(award) is codes.Subject.BOTH:
            who = _("cá nhân") if subject == stats.INDIVIDUAL else _("tập thể")
            label = f"{label} ({who})"

        def url(subject: str = subject, award: str = award, **kw: Any) -> str:
            return tally.query(award=award, subject=subject, **kw).url()

        cells = [Cell(counts[(award, subject)].get(y, 0), url(year=y)) for y in years]
        rows.append(
            Row(
                f"{award}-{subject}",
                label,
                cells,
                Cell(sum(c.n for c in cells), url()),
                _last(cells),
            )
        )
    chart_id = f"{kind}s"
    labels = [r.label for r in rows]
    chart = Chart(chart_id, "bar", labels, horizontal=True, log=True, title=title)
    for i, y in enumerate(years):
        chart.add(str(y), (r.cells[i] for r in rows))
    charts[chart_id] = chart
    return Table(
        chart_id, [str(y) for y in years], [str(y) for y in years], rows, None, _pair(years)
    )


def _last(cells: list[Cell]) -> Change | None:
    """The last year against the one before."""
    return change(cells[-1].n, cells[-2].n) if len(cells) > 1 else None


def _pair(years: list[int]) -> str:
    if len(years) < 2:
        return ""
    return _("%(b)s so với %(a)s") % {"a": years[-2], "b": years[-1]}


def _shares(tally: stats.Tally, year: int | None) -> ShareRow:
    return ShareRow(
        year,
        tally.grassroots_share(year),
        tally.non_leader_share(year),
        tally.women_share(year),
    )


SHARE_NAMES = {
    "grassroots": gettext_lazy("Khen thưởng cấp cơ sở"),
    "non_leader": gettext_lazy("Cá nhân không giữ chức vụ lãnh đạo"),
    "women": gettext_lazy("Nữ"),
}


def _share_chart(years: list[int], rows: list[ShareRow]) -> Chart:
    chart = Chart("shares", "line", [str(y) for y in years], percent=True)
    for attr in ("grassroots", "non_leader", "women"):
        shares: list[stats.Share] = [getattr(r, attr) for r in rows]
        chart.datasets.append(
            {
                "label": str(SHARE_NAMES[attr]),
                "data": [s.percent for s in shares],
                "urls": [s.part_query.url() for s in shares],
                "notes": [f"{_n(s.part)}/{_n(s.whole)}" for s in shares],
            }
        )
    return chart


def _tier_table(tally: stats.Tally, charts: dict[str, Chart]) -> Table:
    years = tally.scope.years
    counts = tally.table("tier", "year")
    rows = []
    for tier in stats.TIERS:
        cells = [
            Cell(counts.get(tier, {}).get(y, 0), tally.query(tier=tier, year=y).url())
            for y in years
        ]
        total = Cell(sum(c.n for c in cells), tally.query(tier=tier).url())
        if total.n or tally.scope.unit is None:
            rows.append(Row(tier, str(stats.TIER_NAMES[tier]), cells, total, _last(cells)))
    footer = Row(
        "total",
        _("Cộng"),
        [Cell(tally.total(year=y), tally.query(year=y).url()) for y in years],
        Cell(tally.total(), tally.query().url()),
    )
    chart = Chart("tiers", "bar", [str(y) for y in years], stacked=True)
    for row in rows:
        chart.add(row.label, row.cells)
    charts["tiers"] = chart
    return Table(
        "tiers", [str(y) for y in years], [str(y) for y in years], rows, footer, _pair(years)
    )


def _breakdown_units(unit: Unit | None) -> list[Unit]:
    """The sector: today's provinces. A unit: the units under it today, departments last."""
    if unit is None:
        qs = Unit.objects.filter(level=UnitLevel.TINH, dissolved_on__isnull=True)
    else:
        qs = Unit.objects.filter(parent=unit, dissolved_on__isnull=True)
    return sorted(qs.order_by("sort_key", "id"), key=lambda u: u.level == UnitLevel.PHONG)


def _unit_table(scope: stats.Scope, units: list[Unit], charts: dict[str, Chart]) -> Table:
    years = scope.years
    counts = stats.unit_breakdown(scope, units)
    rows = []
    for unit in units:

        def url(unit: Unit = unit, **kw: Any) -> str:
            return stats.scope_query(scope, unit_id=unit.pk, **kw).url()

        by_year = counts.get(unit.pk, {})
        cells = [Cell(by_year.get(y, 0), url(year=y)) for y in years]
        total = Cell(sum(c.n for c in cells), url())
        href = reverse("reports:unit_dashboard", args=[unit.pk])
        label = _unit_label(unit, scope.unit)
        rows.append(Row(str(unit.pk), label, cells, total, _last(cells), href))
    largest = sorted(rows, key=lambda r: -r.total.n)
    chart = Chart("units", "bar", [_short(r.label) for r in largest], horizontal=True, stacked=True)
    if rows:
        chart.add(_("Cộng các năm"), (r.total for r in largest))
        charts["units"] = chart
    return Table(
        "units", [str(y) for y in years], [str(y) for y in years], rows, None, _pair(years)
    )


def _short(name: str) -> str:
    return name.replace("Viện kiểm sát nhân dân", "VKSND")


def _unit_label(unit: Unit, parent: Unit | None) -> str:
    """A department's name without its procuracy's ("Phòng Tổ chức cán bộ")."""
    suffix = f", {parent.name}" if parent is not None else ""
    return unit.name.removesuffix(suffix) if suffix else unit.name


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


# --- Registrations and movements ----------------------------------------------------------


def _registration_chart(results: list[stats.RegistrationResult]) -> Chart:
    labels = [f"{codes.award_name(r.award)} {r.year}" for r in results]
    chart = Chart("registrations", "bar", labels, horizontal=True)
    if results:
        chart.add(
            _("Đăng ký (đã duyệt)"), (Cell(r.registered, r.registration_url()) for r in results)
        )
        chart.add(_("Đã đạt"), (Cell(r.achieved, r.achieved_query.url()) for r in results))
    return chart


def _movements(scope: stats.Scope) -> tuple[list[MovementBlock], int]:
    """The scope's movements in the years, newest first, with each indicator's target against
    what the scope's receiving units reported (`movements.selectors.results_matrix`). The sector:
    what VKSND tối cao launched. A unit: what it (or a unit it succeeded) launched or received."""
    qs = Movement.objects.exclude(
        status__in=(MovementStatus.DRAFT, MovementStatus.CANCELLED)
    ).filter(start_year__lte=scope.year_to, end_year__gte=scope.year_from)
    answers = Answer.objects.select_related("unit").order_by("unit__sort_key", "id")
    if scope.unit is None:
        qs = qs.filter(issuer__parent__isnull=True)
    else:
        line = [u.pk for u in lineage(scope.unit)]
        received = Answer.objects.filter(movement=OuterRef("pk"), unit__in=line)
        qs = qs.filter(Q(issuer__in=line) | Q(Exists(received)))
        below = UnitScope.objects.filter(ancestor=scope.unit).values("descendant_id")
        answers = answers.filter(unit__in=below)
    qs = qs.select_related("issuer").order_by("-end_year", "-start_year", "-id")
    movements = list(qs.prefetch_related("indicators")[:MOVEMENT_LIMIT])
    more = qs.count() - len(movements) if len(movements) == MOVEMENT_LIMIT else 0
    by_movement: dict[int, list[Answer]] = defaultdict(list)
    for answer in answers.filter(movement__in=movements):
        by_movement[answer.movement_id].append(answer)
    blocks = []
    for movement in movements:
        mine = by_movement.get(movement.pk, [])
        _indicators, _rows, totals = results_matrix(movement, mine)
        blocks.append(MovementBlock(movement, totals))
    return blocks, more


def _movement_chart(blocks: list[MovementBlock]) -> Chart:
    labels: list[list[str]] = []
    met: list[Cell] = []
    missed: list[Cell] = []
    silent: list[Cell] = []
    for block in blocks:
        url = reverse("movements:movement_detail", args=[block.movement.pk])
        for t in block.totals:
            issuer = _short(block.movement.issuer.name)
            labels.append([t.indicator.name, f"{issuer} · {block.movement.period_label}"])
            met.append(Cell(t.met, url))
            missed.append(Cell(t.reported - t.met, url))
            silent.append(Cell(t.units - t.reported, url))
    chart = Chart("movements", "bar", labels, horizontal=True, stacked=True, row_height=38)
    if labels:
        chart.add(_("Đơn vị đạt chỉ tiêu"), met)
        chart.add(_("Đơn vị chưa đạt"), missed)
        chart.add(_("Chưa báo cáo"), silent)
    return chart
