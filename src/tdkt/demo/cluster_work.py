"""The demo clusters' work: the 2025 pledges, scoring sheets, scores (one corrected, with its
reason) and flag votes; the 2026 clusters with their leaders rotated and their sheets waiting to be
opened. Written through the cluster services, on the days it happened."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from decimal import Decimal
from typing import Any

from django.utils import timezone

from tdkt.demo.movement_texts import PLEDGE
from tdkt.movements.models import Score, ScoreSheet
from tdkt.movements.selectors import ranking
from tdkt.movements.services import clusters as cl
from tdkt.movements.services.movements import default_place
from tdkt.org import services as org
from tdkt.org.models import Cluster, ClusterRole, Unit
from tdkt.records.models import AwardEntry


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def officer_of(users: dict[str, Any], unit: Unit) -> Any:
    """The demo account that acts for the unit, if there is one (else the system)."""
    codes = {
        "vkstc": "tdkt.vkstc",
        "t25-quang-tri": "tdkt.quangtri",
        "kv-quang-tri-01": "tdkt.kv1quangtri",
    }
    return users.get(codes.get(unit.code, ""))


class DemoClusterWork:
    def __init__(self, *, rng: random.Random, users: dict[str, Any], counts: Counter[str]) -> None:
        self.rng, self.users, self.counts = rng, users, counts

    def year_2025(self) -> None:
        officer = self.users.get("tdkt.vkstc")
        flags = set(
            AwardEntry.objects.filter(
                year=2025, award="CO_NGANH", revoked_on__isnull=True
            ).values_list("unit_id", flat=True)
        )
        for cluster in Cluster.objects.filter(year=2025).order_by("id"):
            members = self._members(cluster)
            head = next((u for u, role in members if role == ClusterRole.HEAD), members[0][0])
            units = [u for u, _r in members]
            self._pledge(cluster, units, dt.date(2025, 1, 20), head, sign_all=True)
            sheet = cl.define_sheet(
                actor=officer,
                cluster=cluster,
                criteria=list(cl.DEFAULT_CRITERIA),
                note="Chấm theo minh chứng; điểm tự chấm không tính vào xếp hạng.",
                now=at(dt.date(2025, 1, 20)),
            )
            cl.open_scoring(
                actor=officer,
                sheet=sheet,
                deadline=dt.date(2025, 11, 30),
                now=at(dt.date(2025, 1, 21)),
            )
            quality = {
                u.pk: self.rng.uniform(0.78, 0.9) + (0.07 if u.pk in flags else 0) for u in units
            }
            leaders = [u for u, r in members if r != ClusterRole.MEMBER]
            scorers = units if len(units) <= 12 else list(dict.fromkeys(leaders + units[:2]))
            for scorer in scorers:
                for scored in units:
                    self._score(
                        sheet,
                        scorer,
                        scored,
                        quality[scored.pk] + (0.04 if scorer == scored else 0),
                    )
            self._rescore(sheet, scorers[0], units[-1])
            cl.lock_sheet(actor=officer, sheet=sheet, now=at(dt.date(2025, 12, 5)))
            leader = ranking(sheet)[0].unit
            ballot = cl.open_ballot(
                actor=officer, cluster=cluster, candidate=leader, now=at(dt.date(2025, 12, 8))
            )
            for voter in units:
                approve = self.rng.random() < 0.93
                cl.cast_vote(
                    actor=None,
                    ballot=ballot,
                    voter=voter,
                    approve=approve,
                    now=at(dt.date(2025, 12, 9)),
                )
            cl.close_ballot(actor=officer, ballot=ballot, now=at(dt.date(2025, 12, 10)))

    def year_2026(self) -> None:
        """The clusters go on into 2026 with the same members; leaders rotate (only a unit with a
        2025 title may lead); the sheet is copied from 2025 and waits to be opened."""
        officer = self.users.get("tdkt.vkstc")
        day = dt.date(2026, 1, 15)
        for old in Cluster.objects.filter(year=2025).order_by("id"):
            members = self._members(old)
            units = [u for u, _r in members if u.is_active_on(day)]
            if len(units) < 2:
                continue
            cluster = org.create_cluster(
                actor=officer,
                year=2026,
                kind=old.kind,
                name=old.name.replace("năm 2025", "năm 2026"),
                organizer=old.organizer,
                members=units,
            )
            order = sorted(units, key=lambda u: u.sort_key)
            was = next((u for u, r in members if r == ClusterRole.HEAD), order[0])
            start = order.index(was) + 1 if was in order else 0
            rotation = [u for u in order[start:] + order[:start] if cl.recognised_in(u, 2025)]
            if rotation:
                cl.appoint_cluster_leaders(
                    actor=officer,
                    cluster=cluster,
                    head=rotation[0],
                    deputy=rotation[1] if len(rotation) > 1 else None,
                )
            sheet = ScoreSheet.objects.filter(cluster=old).first()
            criteria = (
                [
                    cl.CriterionData(c.name, c.max_points, c.weight, c.group)
                    for c in sheet.criteria.all()
                ]
                if sheet
                else list(cl.DEFAULT_CRITERIA)
            )
            cl.define_sheet(actor=officer, cluster=cluster, criteria=criteria, now=at(day))
            self._pledge(
                cluster,
                units,
                dt.date(2026, 1, 22),
                rotation[0] if rotation else units[0],
                sign_all=False,
            )
            self.counts["clusters_2026"] += 1

    def _pledge(
        self, cluster: Cluster, units: list[Unit], day: dt.date, host: Unit, sign_all: bool
    ) -> None:
        pledge = cl.save_pledge(
            actor=self.users.get("tdkt.vkstc"),
            cluster=cluster,
            title=f"Giao ước thi đua năm {cluster.year}",
            content=PLEDGE.format(cluster=cluster.name, year=cluster.year),
            signed_on=day,
            place=default_place(host),
            now=at(day),
        )
        for unit in units:
            if sign_all or self.rng.random() < 0.5:
                cl.sign_pledge(
                    actor=officer_of(self.users, unit), pledge=pledge, unit=unit, now=at(day, 10)
                )

    def _score(self, sheet: ScoreSheet, scorer: Unit, scored: Unit, quality: float) -> None:
        points = {}
        for c in sheet.criteria.all():
            share = min(1.0, max(0.4, quality + self.rng.uniform(-0.05, 0.05)))
            points[c.pk] = (c.max_points * Decimal(str(round(share * 2, 1))) / 2).quantize(
                Decimal("0.5")
            )
        cl.submit_scores(
            actor=officer_of(self.users, scorer),
            sheet=sheet,
            scorer=scorer,
            scored=scored,
            points=points,
            now=at(dt.date(2025, 11, 20)),
        )
        self.counts["scores"] += len(points)

    def _rescore(self, sheet: ScoreSheet, scorer: Unit, scored: Unit) -> None:
        """One member corrects a score after new evidence: the history keeps both values."""
        points = {
            s.criterion_id: s.points
            for s in Score.objects.filter(criterion__sheet=sheet, scorer=scorer, scored=scored)
        }
        first = sheet.criteria.first()
        if first is None or first.pk not in points:
            return
        points[first.pk] = min(first.max_points, points[first.pk] + Decimal(1))
        cl.submit_scores(
            actor=officer_of(self.users, scorer),
            sheet=sheet,
            scorer=scorer,
            scored=scored,
            points=points,
            reason="Bổ sung minh chứng về kết quả giải quyết án được cấp trên xác nhận",
            now=at(dt.date(2025, 11, 28)),
        )

    # -- small reads ----------------------------------------------------------------------------

    def _members(self, cluster: Cluster) -> list[tuple[Unit, str]]:
        return [
            (m.unit, m.role)
            for m in cluster.memberships.select_related("unit").order_by("unit__sort_key", "id")
        ]
