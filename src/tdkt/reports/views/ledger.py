"""The award ledger (sổ khen thưởng) as a list: filtered by the same `stats.LedgerQuery` every
dashboard figure opens it with (so a figure and its list count the same lines), exported to .xlsx.
The list lives with the figures that open it; the records app owns the ledger lines and
`ledger_for`, the reads scoped to the user.

The list pages by keyset, not by number: "Trang sau" carries the last line's (year, award, id)
as `sau`, "Trang trước" the first line's as `truoc`, and a page is the next 50 lines in the
ledger's order after (or before) it, which an index serves however deep the page (issue 16). The
count of matching lines is taken once and kept for a few minutes (keyed by the user, the filters
and the newest line), not counted again on every page."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _

from tdkt.documents.xlsx import xlsx_response
from tdkt.eligibility.snapshots import facts_pending, facts_stamp
from tdkt.records.models import AWARD_CHOICES, AwardEntry
from tdkt.records.selectors import LedgerFilters, ledger_for
from tdkt.reports import stats
from tdkt.rules import codes
from tdkt.web.http import HtmxHttpRequest, bounded_int
from tdkt.web.pagination import PAGE_SIZE
from tdkt.workflow.access import get_unit_for_user, require

# The ledger's order (`ledger_for` sorts so; the index award_ledger_order_idx serves it).
ORDER = ("-year", "award", "id")
AFTER, BEFORE = "sau", "truoc"
COUNT_SECONDS = 3600
_AWARD_CODES = frozenset(str(c) for c in codes.AWARDS)

# Conditions a dashboard figure adds to the list and the form has no field for: kept as hidden
# inputs so that changing a field keeps them.
CARRIED = ("tai_don_vi", "tu_nam", "den_nam", "cap", "khoi", "lanh_dao", "nu", "da_dang_ky")


@login_required
def award_list(request: HtmxHttpRequest) -> HttpResponse:
    require(request.user, "view")
    unit_id = request.GET.get("don_vi", "")
    query = stats.LedgerQuery.parse(request.GET)
    counted_for = get_unit_for_user(request.user, query.unit_id) if query.unit_id else None
    filters = LedgerFilters(
        unit=get_unit_for_user(request.user, unit_id) if unit_id else None,
        include_revoked=request.GET.get("ca_thu_hoi") == "1",
    )
    entries = stats.filter_entries(ledger_for(request.user, filters), query)
    if request.GET.get("xuat") == "xlsx":
        require(request.user, "export")
        return xlsx_response(
            "so-khen-thuong.xlsx",
            _("Sổ khen thưởng"),
            [
                _("Năm"),
                _("Danh hiệu, hình thức"),
                _("Cá nhân / Tập thể"),
                _("Đơn vị"),
                _("Số quyết định"),
                _("Ngày ký"),
                _("Người ký"),
                _("Thu hồi"),
            ],
            (_export_row(e) for e in entries.iterator(chunk_size=2000)),
            streaming=True,
        )
    context = {
        "page": ledger_page(entries, request.GET),
        "count": _count(request, entries),
        "filters": filters,
        "query": query,
        "counted_for": counted_for,
        "chips": _chips(request, query, filters, counted_for.name if counted_for else ""),
        "carried": [(k, v) for k, v in query.params().items() if k in CARRIED],
        "awards": AWARD_CHOICES,
        "year": query.year or "",
    }
    template = (
        "reports/ledger/_award_table.html" if request.htmx else "reports/ledger/award_list.html"
    )
    return render(request, template, context)


@dataclass(frozen=True)
class Cursor:
    """A line's place in the ledger's order."""

    year: int
    award: str
    id: int

    def __str__(self) -> str:
        return f"{self.year}.{self.award}.{self.id}"


def cursor_of(line: Mapping[str, Any] | AwardEntry) -> str:
    """The `sau`/`truoc` value of a line (a ledger line or its values)."""
    if isinstance(line, AwardEntry):
        return str(Cursor(line.year, line.award, line.pk))
    return str(Cursor(line["year"], line["award"], line["id"]))


def parse_cursor(text: str | None) -> Cursor | None:
    """A cursor read back; None for anything that is not one (the list then opens at its first
    page)."""
    parts = (text or "").split(".")
    if len(parts) != 3 or parts[1] not in _AWARD_CODES:
        return None
    year = bounded_int(parts[0], None, 1900, 2100)
    pk = bounded_int(parts[2], None, 1, 2**63 - 1)
    if year is None or pk is None:
        return None
    return Cursor(year, parts[1], pk)


@dataclass
class LedgerPage:
    """Up to PAGE_SIZE lines and the cursors of the pages around them (None: no such page)."""

    lines: list[AwardEntry]
    next_cursor: str | None
    previous_cursor: str | None

    def __iter__(self) -> Iterator[AwardEntry]:
        return iter(self.lines)

    def __len__(self) -> int:
        return len(self.lines)


def ledger_page(
    entries: QuerySet[AwardEntry], params: Mapping[str, str], size: int = PAGE_SIZE
) -> LedgerPage:
    """The page after the line `params["sau"]`, or before `params["truoc"]`, or the first."""
    after, before = parse_cursor(params.get(AFTER)), parse_cursor(params.get(BEFORE))
    entries = entries.order_by(*ORDER)
    page = _around(entries, after, before, size) if after or before else None
    if page is not None and page.lines:
        return page
    lines = list(entries[: size + 1])  # the first page (also for a cursor past either end)
    more = len(lines) > size
    lines = lines[:size]
    return LedgerPage(lines, cursor_of(lines[-1]) if more else None, None)


def _around(
    entries: QuerySet[AwardEntry], after: Cursor | None, before: Cursor | None, size: int
) -> LedgerPage:
    if after is not None:
        y, a, i = after.year, after.award, after.id
        later = Q(year__lt=y) | Q(year=y, award__gt=a) | Q(year=y, award=a, id__gt=i)
        # `year <= y` is redundant but lets the index start at the cursor's year.
        lines = list(entries.filter(later, year__lte=y)[: size + 1])
        more = len(lines) > size
        lines = lines[:size]
        return LedgerPage(lines, cursor_of(lines[-1]) if more else None, _first(lines))
    if before is not None:
        y, a, i = before.year, before.award, before.id
        earlier = Q(year__gt=y) | Q(year=y, award__lt=a) | Q(year=y, award=a, id__lt=i)
        backwards = entries.filter(earlier, year__gte=y).order_by("year", "-award", "-id")
        lines = list(backwards[: size + 1])
        more = len(lines) > size
        lines = lines[:size][::-1]
        last = cursor_of(lines[-1]) if lines else None
        return LedgerPage(lines, last, cursor_of(lines[0]) if more else None)
    raise ValueError("a cursor is needed")


def _first(lines: list[AwardEntry]) -> str | None:
    return cursor_of(lines[0]) if lines else None


def _count(request: HtmxHttpRequest, entries: QuerySet[AwardEntry]) -> int:
    """The number of matching lines, counted once for the user's filters and kept until the
    facts change: the facts stamp (bumped by every committed change of a ledger line, revocations
    included) and the newest line's id are in the key."""
    params = sorted(
        (k, v)
        for k, values in request.GET.lists()
        for v in values
        if k not in (AFTER, BEFORE, "trang", "xuat")
    )
    newest = AwardEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    version, _changed = facts_stamp()
    digest = hashlib.sha256(repr((request.user.pk, params, newest, version)).encode()).hexdigest()
    key = f"tdkt:reports:ledger-count:{digest}"
    found = None if facts_pending() else cache.get(key)
    if found is None:
        found = entries.order_by().count()
        cache.set(key, found, COUNT_SECONDS)
    return int(found)


def _chips(
    request: HtmxHttpRequest, query: stats.LedgerQuery, filters: LedgerFilters, unit_name: str
) -> list[tuple[str, str]]:
    """The active filters in words, each with the list's URL without it."""
    chips = [(label, _without(request, keys)) for keys, label in query.describe(unit_name)]
    if filters.unit is not None:
        label = _("Hiện thuộc %(u)s") % {"u": filters.unit.name}
        chips.insert(0, (label, _without(request, ("don_vi",))))
    if filters.include_revoked:
        chips.append((_("Gồm cả khen thưởng đã thu hồi"), _without(request, ("ca_thu_hoi",))))
    return chips


def _without(request: HtmxHttpRequest, keys: tuple[str, ...]) -> str:
    params = request.GET.copy()
    for key in (*keys, "trang", AFTER, BEFORE):
        params.pop(key, None)
    encoded = params.urlencode()
    return reverse("reports:award_list") + (f"?{encoded}" if encoded else "")


def _export_row(e: AwardEntry) -> list[Any]:
    return [
        e.year,
        e.get_award_display(),
        e.subject_name,
        e.holder_unit_name,
        e.decision.number,
        e.decision.signed_on,
        e.decision.signer_name,
        e.revoked_on,
    ]


urlpatterns: list[URLPattern] = [path("so-khen-thuong/", award_list, name="award_list")]
