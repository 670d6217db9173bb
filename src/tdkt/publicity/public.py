"""Reads for the public site (no login). Only what is published comes out of here: examples whose
status is `published`, their photos, and decisions with a publication in force. Of a decision's
list only names, posts, units and awards, never personal data, money or revocation reasons."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Prefetch, Q, QuerySet, When
from django.http import Http404

from tdkt.movements.models import Movement
from tdkt.org.models import Unit, UnitLevel, UnitScope
from tdkt.people.models import Position
from tdkt.publicity.models import (
    Example,
    ExampleStatus,
    Photo,
    PublicationStatus,
    SpreadRecord,
)
from tdkt.publicity.selectors import ExampleFilters, filter_decisions, filtered, with_cover
from tdkt.records.models import AwardDecision, AwardEntry
from tdkt.rules import codes

PUBLISHED = ExampleStatus.PUBLISHED
FILTER_LEVELS = [
    UnitLevel.TOI_CAO,
    UnitLevel.DON_VI_TRUC_THUOC,
    UnitLevel.CAP_CAO,
    UnitLevel.TINH,
    UnitLevel.KHU_VUC,
    UnitLevel.HUYEN,
]


def published_examples(filters: ExampleFilters | None = None) -> QuerySet[Example]:
    qs = Example.objects.filter(status=PUBLISHED)
    qs = filtered(qs, filters or ExampleFilters())
    return with_cover(qs.select_related("unit", "person", "collective")).order_by(
        "-published_at", "-id"
    )


def get_published_example(pk: Any) -> Example:
    awards = AwardEntry.objects.filter(revoked_on__isnull=True).select_related(
        "decision__publication"
    )
    try:
        return (
            Example.objects.filter(status=PUBLISHED)
            .select_related("unit", "person", "collective")
            .prefetch_related(
                Prefetch("photos", queryset=Photo.objects.order_by("order", "id")),
                Prefetch("movements", queryset=Movement.objects.order_by("-start_year", "name")),
                Prefetch("awards", queryset=awards.order_by("-year", "award")),
                Prefetch(
                    "spreads",
                    queryset=SpreadRecord.objects.select_related("unit").order_by("on", "id"),
                ),
            )
            .get(pk=pk)
        )
    except (Example.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def get_public_photo(pk: Any) -> Photo:
    try:
        return Photo.objects.get(pk=pk, example__status=PUBLISHED)
    except (Photo.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


# -- filter choices ----------------------------------------------------------------------------


def unit_choices() -> QuerySet[Unit]:
    """Units that have a published example in their subtree (incl. the units they succeeded)."""
    owners = Example.objects.filter(status=PUBLISHED).values("unit_id")
    above = UnitScope.objects.filter(descendant__in=owners).values("ancestor_id")
    return Unit.objects.filter(pk__in=above, level__in=FILTER_LEVELS).order_by("sort_key")


def year_choices() -> list[int]:
    years = Example.objects.filter(status=PUBLISHED).values_list("year", flat=True)
    return sorted(set(years.distinct()), reverse=True)


def movement_choices() -> QuerySet[Movement]:
    through = Example.movements.through.objects.filter(example__status=PUBLISHED)
    return Movement.objects.filter(pk__in=through.values("movement_id")).order_by(
        "-start_year", "name"
    )


# -- decisions -------------------------------------------------------------------------------


def published_decisions(
    query: str = "", year: int | None = None, issuer: str = ""
) -> QuerySet[AwardDecision]:
    qs = AwardDecision.objects.filter(publication__status=PublicationStatus.PUBLISHED)
    qs = filter_decisions(qs, query, year, None)
    if issuer:
        qs = qs.filter(issuer_name=issuer)
    # The decision whose number is exactly what was typed comes first.
    exact = Case(When(number__iexact=query.strip(), then=0), default=1)
    return qs.select_related("publication").order_by(exact, "-signed_on", "-id")


def issuer_choices() -> list[str]:
    names = AwardDecision.objects.filter(
        publication__status=PublicationStatus.PUBLISHED
    ).values_list("issuer_name", flat=True)
    return sorted({n for n in names.distinct() if n})


def decision_year_choices() -> list[int]:
    days = AwardDecision.objects.filter(publication__status=PublicationStatus.PUBLISHED).dates(
        "signed_on", "year"
    )
    return sorted({d.year for d in days}, reverse=True)


def get_published_decision(pk: Any) -> AwardDecision:
    try:
        return AwardDecision.objects.select_related("publication").get(
            pk=pk, publication__status=PublicationStatus.PUBLISHED
        )
    except (AwardDecision.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


@dataclass(frozen=True)
class Recipient:
    """One line of a decision as the public sees it."""

    name: str
    position: str
    unit_name: str
    award: str
    award_name: str
    is_person: bool
    revoked_on: dt.date | None = None
    revocation_decision: str = ""


@dataclass(frozen=True)
class Revocation:
    """The whole decision was annulled (or every line of it was): when, and by which decision."""

    revoked_on: dt.date | None
    number: str


def revocation(decision: AwardDecision) -> Revocation | None:
    """What the public page says of an annulled decision instead of an empty list."""
    signed_here = getattr(decision, "workflow_decision", None)
    if signed_here is not None and signed_here.revoked_on is not None:
        return Revocation(signed_here.revoked_on, signed_here.revocation_number)
    lines = list(decision.entries.values_list("revoked_on", "revocation_decision"))
    dated = [(on, number) for on, number in lines if on is not None]
    if lines and len(dated) == len(lines):
        on, number = max(dated)
        return Revocation(on, number)
    return None


def recipients(decision: AwardDecision) -> list[Recipient]:
    """The decision's list: collectives first, then people, by award; a revoked line stays on the
    list and says so (the public was told of the award: it is told of its annulment).
    Posts come from the decision's own list when it was signed here, else from the person's
    position on the signing day (one query for the whole list)."""
    entries = list(
        AwardEntry.objects.filter(decision=decision).select_related(
            "person", "unit", "holder_unit", "awardee"
        )
    )
    posts = _posts_on([e.person_id for e in entries if e.person_id], decision.signed_on)
    order = {str(c): i for i, c in enumerate(codes.AWARDS)}
    rows = sorted(entries, key=lambda e: (e.person_id is not None, order.get(e.award, 99), _key(e)))
    return [_recipient(e, posts) for e in rows]


def _key(entry: AwardEntry) -> str:
    awardee = _awardee(entry)
    if awardee is not None:
        return f"{awardee.order:05d}"
    subject = entry.person or entry.unit
    return getattr(subject, "sort_key", "") or ""


def _recipient(entry: AwardEntry, posts: dict[int, tuple[str, str]]) -> Recipient:
    award_name = codes.award_name(entry.award)
    revoked, number = entry.revoked_on, entry.revocation_decision
    if entry.person is None:
        name = entry.unit.name if entry.unit is not None else ""
        return Recipient(name, "", "", entry.award, award_name, False, revoked, number)
    awardee = _awardee(entry)
    if awardee is not None:
        position, unit_name = awardee.position, awardee.unit_name
    else:
        position, unit_name = posts.get(entry.person_id or 0, ("", ""))
        if entry.holder_unit is not None:
            unit_name = entry.holder_unit.name
    return Recipient(
        entry.person.full_name, position, unit_name, entry.award, award_name, True, revoked, number
    )


def _awardee(entry: AwardEntry) -> Any:
    """The line of a decision signed in `tdkt.decisions` (none for imported ledger lines: the
    reverse one-to-one then raises an AttributeError, which getattr turns into None)."""
    return getattr(entry, "awardee", None)


def _posts_on(person_ids: list[int], day: dt.date) -> dict[int, tuple[str, str]]:
    """Each person's post and unit on `day`: the position that started last among those that
    covered the day."""
    rows = (
        Position.objects.filter(person_id__in=person_ids, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .select_related("unit")
        .only("person_id", "post", "post_kind", "valid_from", "unit__name")
        .order_by("person_id", "valid_from", "id")
    )
    posts: dict[int, tuple[str, str]] = {}
    for p in rows:
        posts[p.person_id] = (p.post or str(p.get_post_kind_display()), p.unit.name)
    return posts
