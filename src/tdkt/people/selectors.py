"""Reads of people: search, lists and the achievement timeline (hồ sơ thành tích)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from tdkt.org.models import Unit, UnitScope
from tdkt.people.models import Person
from tdkt.text import search_terms
from tdkt.workflow.access import restrict_people


def search_people(
    user: Any,
    *,
    query: str = "",
    unit: Unit | None = None,
    gender: str = "",
    include_left: bool = False,
) -> QuerySet[Person]:
    """People in scope whose name or CCCD contains every term, without diacritics, in
    Vietnamese order (given name, then family and middle names)."""
    qs = restrict_people(user).select_related("unit")
    for term in search_terms(query):
        qs = qs.filter(search_text__contains=term)
    if unit is not None:
        qs = qs.filter(unit__in=UnitScope.objects.filter(ancestor=unit).values("descendant_id"))
    if gender:
        qs = qs.filter(gender=gender)
    if not include_left:
        qs = qs.filter(left_on__isnull=True)
    return qs.order_by("sort_key", "id")


def staff_count(unit: Unit) -> int:
    """People now serving in the unit or anywhere under it."""
    below = UnitScope.objects.filter(ancestor=unit).values("descendant_id")
    return Person.objects.filter(unit__in=below, left_on__isnull=True).count()


@dataclass
class TimelineEvent:
    kind: str  # position, rating, title, form, discipline, leave, initiative, service, left
    date: dt.date | None
    text: str
    detail: str = ""
    revoked: bool = False


@dataclass
class TimelineYear:
    year: int
    events: list[TimelineEvent] = field(default_factory=list)


def person_timeline(person: Person) -> list[TimelineYear]:
    """Everything on a person's record, grouped by year, newest first."""
    events: dict[int, list[TimelineEvent]] = defaultdict(list)

    for pos in person.positions.select_related("unit").order_by("valid_from"):
        events[pos.valid_from.year].append(
            TimelineEvent(
                "position",
                pos.valid_from,
                f"{pos.post} – {pos.unit.name}",
                _period(pos.valid_from, pos.valid_to),
            )
        )
    for sp in person.service_periods.all():
        events[sp.valid_from.year].append(
            TimelineEvent(
                "service",
                sp.valid_from,
                f"{sp.get_kind_display()}{': ' + sp.organisation if sp.organisation else ''}",
                _period(sp.valid_from, sp.valid_to),
            )
        )
    if person.left_on is not None:
        kind = person.get_leaving_kind_display() or "Thôi công tác"
        events[person.left_on.year].append(
            TimelineEvent("left", person.left_on, f"{kind} từ ngày {person.left_on:%d/%m/%Y}")
        )
    for r in person.ratings.all():
        events[r.year].append(TimelineEvent("rating", None, r.get_rating_display()))
    for a in person.awards.select_related("decision"):
        d = a.decision
        detail = f"Quyết định số {d.number} ngày {d.signed_on:%d/%m/%Y}"
        if d.signer_name:
            detail += f" – {d.signer_title + ' ' if d.signer_title else ''}{d.signer_name}"
        if a.revoked_on:
            detail += f" · Đã thu hồi ngày {a.revoked_on:%d/%m/%Y}: {a.revocation_reason}"
        events[a.year].append(
            TimelineEvent(a.kind, d.signed_on, a.get_award_display(), detail, bool(a.revoked_on))
        )
    for disc in person.disciplines.all():
        events[disc.decided_on.year].append(
            TimelineEvent(
                "discipline",
                disc.decided_on,
                f"Kỷ luật: {disc.get_level_display()}",
                _period(disc.decided_on, disc.ends_on)
                + (f" · QĐ {disc.decision_number}" if disc.decision_number else ""),
            )
        )
    for lv in person.leaves.all():
        events[lv.starts_on.year].append(
            TimelineEvent(
                "leave", lv.starts_on, lv.get_kind_display(), _period(lv.starts_on, lv.ends_on)
            )
        )
        # A leave counts in every year it overlaps (the units' year grids show it there too).
        last = lv.ends_on.year if lv.ends_on else max(dt.date.today().year, lv.starts_on.year)
        for year in range(lv.starts_on.year + 1, last + 1):
            events[year].append(
                TimelineEvent(
                    "leave",
                    dt.date(year, 1, 1),
                    f"{lv.get_kind_display()} (tiếp từ năm {lv.starts_on.year})",
                    _period(lv.starts_on, lv.ends_on),
                )
            )
    authorships = person.authorships.select_related(
        "initiative", "initiative__used_for", "initiative__recognizer"
    )
    for authorship in authorships:
        ini = authorship.initiative
        used = (
            f" · Đã dùng làm căn cứ cho {ini.used_for.get_award_display()} năm {ini.used_for.year}"
            if ini.used_for
            else ""
        )
        number = f" số {ini.recognizing_decision}" if ini.recognizing_decision else ""
        by = f" của {ini.recognized_by}" if ini.recognized_by else ""
        share = (
            f" · Tỷ lệ đóng góp {authorship.share.normalize():f}%".replace(".", ",")
            if authorship.share is not None
            else ""
        )
        events[ini.year].append(
            TimelineEvent(
                "initiative",
                ini.recognized_on,
                f"{ini.get_kind_display()} ({ini.get_scope_display()}): {ini.title}",
                f"Quyết định công nhận{number} ngày {ini.recognized_on:%d/%m/%Y}{by}{share}{used}",
            )
        )
    order = {
        "position": 0,
        "service": 1,
        "rating": 2,
        "title": 3,
        "form": 4,
        "initiative": 5,
        "discipline": 6,
        "leave": 7,
        "left": 8,
    }
    return [
        TimelineYear(year, sorted(evs, key=lambda e: (order[e.kind], e.date or dt.date.min)))
        for year, evs in sorted(events.items(), reverse=True)
    ]


def _period(start: dt.date, end: dt.date | None) -> str:
    return f"Từ {start:%d/%m/%Y}" + (f" đến {end:%d/%m/%Y}" if end else " đến nay")
