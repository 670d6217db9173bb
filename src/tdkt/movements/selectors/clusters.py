"""Reads of a cluster's year: who may act, the scores, the ranking, and the facts for the engine."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import QuerySet

from tdkt.movements.models import Criterion, FlagBallot, Score, ScoreSheet
from tdkt.movements.selectors.base import get_or_404
from tdkt.org.models import Cluster, ClusterRole, Unit, UnitScope
from tdkt.org.selectors import clusters_for
from tdkt.rules.facts import Cluster as ClusterFacts
from tdkt.workflow.access import access_for

TWO_PLACES = Decimal("0.01")


def get_cluster_for_user(user: Any, pk: Any) -> Cluster:
    return get_or_404(clusters_for(user), pk)


def can_manage_cluster(user: Any, cluster: Cluster) -> bool:
    """The organiser's officers and the head unit's define the sheet, open and lock scoring,
    write the pledge and run the vote."""
    access = access_for(user)
    if access.can("edit", cluster.organizer_id):
        return True
    head = cluster.memberships.filter(role=ClusterRole.HEAD).values_list("unit_id", flat=True)
    return any(access.can("edit", u) for u in head)


def acting_units(user: Any, cluster: Cluster) -> list[Unit]:
    """The member units the user may score, sign and vote for: only those the user works for
    (a grant on the unit itself). The organiser's officers open and lock; they do not act for
    the members (they may enter scores for one, which the member then confirms)."""
    from tdkt.workflow.access import acts_for

    access = access_for(user)
    members = [
        m.unit for m in cluster.memberships.select_related("unit").order_by("unit__sort_key")
    ]
    if not access.units_for("edit"):
        return []
    reached = set(
        UnitScope.objects.filter(
            ancestor_id__in=access.units_for("edit"), descendant__in=[u.pk for u in members]
        ).values_list("descendant_id", flat=True)
    )
    return [u for u in members if u.pk in reached and acts_for(user, u.pk, "edit")]


def unconfirmed(sheet: ScoreSheet, scorers: Iterable[Unit] | None = None) -> QuerySet[Score]:
    """Scores entered for a member by the organiser, awaiting that member's confirmation."""
    qs = Score.objects.filter(criterion__sheet=sheet, confirmed_at__isnull=True)
    if scorers is not None:
        qs = qs.filter(scorer__in=[u.pk for u in scorers])
    return qs


@dataclass
class Standing:
    unit: Unit
    role: str
    peer_score: Decimal | None  # the mean of the other members' totals: what ranks
    self_score: Decimal | None  # shown, never counted
    scorers: int
    rank: int | None = None
    tied: bool = False


def sheet_totals(sheet: ScoreSheet) -> dict[tuple[int, int], Decimal]:
    """(scorer, scored) → weighted total, for complete scorings the scorer gave or confirmed."""
    criteria = {c.pk: c for c in sheet.criteria.all()}
    sums: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    seen: Counter[tuple[int, int]] = Counter()
    confirmed = Score.objects.filter(criterion__sheet=sheet, confirmed_at__isnull=False)
    for cid, scorer, scored, points in confirmed.values_list(
        "criterion_id", "scorer_id", "scored_id", "points"
    ):
        sums[(scorer, scored)] += points * criteria[cid].weight
        seen[(scorer, scored)] += 1
    return {k: v for k, v in sums.items() if seen[k] == len(criteria)}


def max_total(sheet: ScoreSheet) -> Decimal:
    return sum((c.max_points * c.weight for c in sheet.criteria.all()), Decimal(0))


def ranking(sheet: ScoreSheet) -> list[Standing]:
    """Members by the mean score the others gave them (their own score excluded); equal scores
    share a rank (1, 2, 2, 4) and are marked as ties; members nobody else scored come last."""
    totals = sheet_totals(sheet)
    out = []
    for m in sheet.cluster.memberships.select_related("unit").order_by("unit__sort_key"):
        peers = [
            v
            for (scorer, scored), v in totals.items()
            if scored == m.unit_id and scorer != m.unit_id
        ]
        mean = (
            (sum(peers, Decimal(0)) / len(peers)).quantize(TWO_PLACES, ROUND_HALF_UP)
            if peers
            else None
        )
        own = totals.get((m.unit_id, m.unit_id))
        out.append(Standing(m.unit, m.role, mean, own, len(peers)))
    scored = sorted(
        (s for s in out if s.peer_score is not None),
        key=lambda s: (-(s.peer_score or 0), s.unit.sort_key),
    )
    counts = Counter(s.peer_score for s in scored)
    first: dict[Decimal | None, int] = {}
    for place, standing in enumerate(scored, start=1):
        standing.rank = first.setdefault(standing.peer_score, place)
        standing.tied = counts[standing.peer_score] > 1
    return scored + [s for s in out if s.peer_score is None]


def score_grid(sheet: ScoreSheet) -> tuple[list[Unit], dict[tuple[int, int], Decimal]]:
    members = [
        m.unit for m in sheet.cluster.memberships.select_related("unit").order_by("unit__sort_key")
    ]
    return members, sheet_totals(sheet)


def scores_of(sheet: ScoreSheet, scorer: Unit, scored: Unit) -> dict[int, Score]:
    return {
        s.criterion_id: s
        for s in Score.objects.filter(criterion__sheet=sheet, scorer=scorer, scored=scored)
    }


def score_history(sheet: ScoreSheet, scored: Unit | None = None) -> QuerySet[Any]:
    from tdkt.movements.models import ScoreChange

    qs = ScoreChange.objects.filter(score__criterion__sheet=sheet).select_related(
        "score__criterion", "score__scorer", "score__scored"
    )
    if scored is not None:
        qs = qs.filter(score__scored=scored)
    return qs.order_by("-at", "-id")


def criteria_of(sheet: ScoreSheet) -> list[Criterion]:
    return list(sheet.criteria.all())


def previous_sheet(cluster: Cluster) -> ScoreSheet | None:
    """Last year's sheet of the cluster with the most members in common (criteria to start from)."""
    members = set(cluster.memberships.values_list("unit_id", flat=True))
    best, overlap = None, 0
    for sheet in ScoreSheet.objects.filter(
        cluster__year=cluster.year - 1, cluster__kind=cluster.kind
    ).select_related("cluster"):
        common = len(members & set(sheet.cluster.memberships.values_list("unit_id", flat=True)))
        if common > overlap:
            best, overlap = sheet, common
    return best


def cluster_facts(year: int, unit_ids: Iterable[int] | None = None) -> dict[int, ClusterFacts]:
    """The engine's `cluster` facts of each member unit for the year: its rank in its cluster's
    scoring (own score excluded), the cluster's size, and the approvals of the closed flag vote in
    which it was the candidate. For `eligibility.loader` (rule co_nganh.cluster_*)."""
    wanted = set(unit_ids) if unit_ids is not None else None
    facts: dict[int, ClusterFacts] = {}
    ballots = {
        (b.cluster_id, b.candidate_id): b.result.get("approvals")
        for b in FlagBallot.objects.filter(cluster__year=year, status="closed")
    }
    for cluster in Cluster.objects.filter(year=year).prefetch_related("memberships"):
        size = len(cluster.memberships.all())
        sheet = ScoreSheet.objects.filter(cluster=cluster).first()
        ranks = {s.unit.pk: s.rank for s in ranking(sheet)} if sheet is not None else {}
        for m in cluster.memberships.all():
            if wanted is not None and m.unit_id not in wanted:
                continue
            facts[m.unit_id] = ClusterFacts(
                rank=ranks.get(m.unit_id),
                size=size,
                approval_votes=ballots.get((cluster.pk, m.unit_id)),
            )
    return facts
