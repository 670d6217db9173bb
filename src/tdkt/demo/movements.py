"""The demo sector's emulation work, written after the ledger: the yearly movements of 2025 and
2026 launched by VKSND tối cao and answered by most provinces (some launching their own for their
units, as Quảng Bình did in seed 002), indicator results, reviews, registrations for 2025 and 2026
in the numbers seed 003 reports, and the clusters' pledges, scoring sheets, scores and flag votes.

Every write goes through the movement services with the clock set to the day it happened, so the
demo exercises the same rules as the screens. Deterministic from the seed: the same seed gives the
same rows (timestamps come from those days, never from the wall clock)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections import Counter, defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Q

from tdkt.accounts.models import User
from tdkt.demo.cluster_work import DemoClusterWork, at, officer_of
from tdkt.demo.movement_texts import (
    AWARD_FORMS,
    BASIS,
    CONTENTS,
    CRITERIA,
    ORGANISATION,
    PLAN_CONTENTS,
    PLAN_ORGANISATION,
    PLAN_PURPOSE,
    PURPOSE,
    REQUIREMENTS,
    RETURN_REASON,
    SOLUTIONS,
    SUBJECTS,
    THEMES,
)
from tdkt.eligibility.loader import load_facts
from tdkt.eligibility.parameters import current_engine, emulation_period
from tdkt.movements.models import (
    COLLECTIVE_TITLES,
    Answer,
    Movement,
    ReviewKind,
)
from tdkt.movements.services import answers as an
from tdkt.movements.services import movements as mv
from tdkt.movements.services import registrations as rg
from tdkt.movements.services import reviews as rv
from tdkt.movements.services.checks import Checks, add_verdicts
from tdkt.org.models import Unit, UnitLevel
from tdkt.people.models import Position
from tdkt.records.models import AwardEntry, Rating
from tdkt.rules.codes import Award
from tdkt.rules.facts import PersonFacts, UnitFacts

FOLLOWED = ("t-quang-binh", "t-quang-tri", "t25-quang-tri")
TITLES = ["LDTT", "CSTDCS", "CSTD_NGANH", "TTLDTT", "TTLDXS", "CO_NGANH", "CO_CP"]
SIGNER = {"signer_title": "Viện trưởng"}


INDICATORS = [
    mv.IndicatorData("Tỷ lệ giải quyết tố giác, tin báo về tội phạm", "%", Decimal(90)),
    mv.IndicatorData("Tỷ lệ truy tố đúng thời hạn", "%", Decimal(100)),
    mv.IndicatorData("Tỷ lệ kháng nghị phúc thẩm được chấp nhận", "%", Decimal(75)),
    mv.IndicatorData("Số vụ án oan, sai", "vụ", Decimal(0), "at_most", True),
    mv.IndicatorData(
        "Sáng kiến, giải pháp được công nhận", "sáng kiến", Decimal(1), "at_least", True
    ),
]


class DemoMovements:
    def __init__(self, *, size: str, seed: int) -> None:
        self.rng = random.Random(f"tdkt-demo-movements-{size}-{seed}")
        self.small = size == "small"
        self.users = {u.username: u for u in User.objects.filter(username__startswith="tdkt.")}
        self.root = Unit.objects.get(code="vkstc")
        self.counts: Counter[str] = Counter()
        self.registered: set[int] = set()

    def build(self) -> dict[str, int]:
        self.movement(2025, launched=dt.date(2025, 1, 10))
        self.movement(2026, launched=dt.date(2026, 1, 8))
        work = DemoClusterWork(rng=self.rng, users=self.users, counts=self.counts)
        work.year_2025()
        work.year_2026()
        return dict(self.counts)

    # -- movements ------------------------------------------------------------------------------

    def movement(self, year: int, launched: dt.date) -> Movement:
        officer = self.users.get("tdkt.vkstc")
        theme, slogan = THEMES[year]
        head = self._head(self.root, launched)
        movement = mv.create_movement(
            actor=officer,
            issuer=self.root,
            data=mv.MovementData(
                kind="regular",
                name=f"Phong trào thi đua năm {year}",
                theme=theme,
                slogan=slogan,
                start_year=year,
                end_year=year,
                starts_on=dt.date(year, 1, 1),
                ends_on=dt.date(year, 11, 30),
                registration_deadline=dt.date(year, 2, 28),
                answer_deadline=dt.date(year, 1, 31),
                titles=TITLES,
                basis=BASIS.format(year=year),
                purpose=PURPOSE.format(year=year),
                requirements=REQUIREMENTS,
                subjects=SUBJECTS,
                contents=CONTENTS,
                solutions=SOLUTIONS,
                criteria=CRITERIA,
                award_forms=AWARD_FORMS,
                organisation=ORGANISATION,
                symbol="KH-VKSTC",
                place="Hà Nội",
                signer_title="Viện trưởng",
                signer_name=head,
                recipients="Các đồng chí Lãnh đạo VKSND tối cao\nCác đơn vị thuộc VKSND tối cao\n"
                "VKSND cấp tỉnh\nLưu: VT, VP (TĐKT)",
            ),
            indicators=INDICATORS,
            now=at(launched - dt.timedelta(days=20)),
        )
        levels = ["tinh", "don_vi_tc", "cap_cao"] if year == 2025 else ["tinh", "don_vi_tc"]
        mv.launch_movement(
            actor=officer,
            movement=movement,
            target_levels=levels,
            number=f"{self.rng.randint(3, 9):02d}",
            symbol="KH-VKSTC",
            signed_on=launched,
            now=at(launched),
        )
        mv.start_movement(actor=officer, movement=movement, now=at(launched + dt.timedelta(days=5)))
        self.counts["movements"] += 1
        planned = self.answers(movement, launched)
        provinces = [a.unit for a in planned if a.unit.level == UnitLevel.TINH]
        for unit in provinces:
            if unit.code in ("t-quang-binh", "t25-quang-tri"):
                self.cascade(movement, unit, launched)
        self.registered = set()
        # The small sector registers everywhere; the full one in a share of the provinces (and
        # always in Quảng Bình / Quảng Trị, whose accounts the demo signs in with).
        special = [u for u in provinces if u.code in FOLLOWED]
        others = [u for u in provinces if u.code not in FOLLOWED]
        step = 1 if self.small else (6 if year == 2025 else 4)
        for unit in special + others[::step]:
            self.register_subtree(movement, unit, year)
        self.results(movement, dt.date(year, 6, 20))
        rv.record_review(
            actor=officer,
            movement=movement,
            data=self._review(
                ReviewKind.INTERIM, dt.date(year, 7, 15), f"6 tháng đầu năm {year}", head
            ),
            now=at(dt.date(year, 7, 15)),
        )
        if year == 2025:
            self.results(movement, dt.date(2025, 11, 25))
            rv.record_review(
                actor=officer,
                movement=movement,
                data=self._review(ReviewKind.FINAL, dt.date(2026, 1, 15), "năm 2025", head),
                examples=self._examples(year),
                now=at(dt.date(2026, 1, 15)),
            )
        return movement

    def answers(self, movement: Movement, launched: dt.date) -> list[Answer]:
        """Most units answer with a plan within days; some only acknowledge; a few not yet."""
        planned = []
        for answer in movement.answers.select_related("unit").order_by("unit__sort_key", "id"):
            roll = self.rng.random()
            forced = answer.unit.code in FOLLOWED
            actor = officer_of(self.users, answer.unit)
            day = launched + dt.timedelta(days=self.rng.randint(2, 18))
            if forced or roll < 0.7:
                self.plan(answer, day, actor)
                planned.append(answer)
            elif roll < 0.88:
                an.acknowledge_answer(actor=actor, answer=answer, now=at(day))
            self.counts["answers"] += 1
        return planned

    def plan(self, answer: Answer, day: dt.date, actor: Any) -> None:
        unit = answer.unit
        number = "15" if unit.code == "t-quang-binh" else f"{self.rng.randint(2, 40):02d}"
        an.answer_with_plan(
            actor=actor,
            answer=answer,
            plan=an.PlanData(
                purpose=PLAN_PURPOSE.format(unit=unit.name),
                contents=PLAN_CONTENTS,
                solutions=SOLUTIONS.splitlines()[0],
                organisation=PLAN_ORGANISATION,
                number=number,
                symbol=mv.default_symbol(unit, "KH"),
                signed_on=day,
                place=mv.default_place(unit),
                signer_title="Viện trưởng"
                if unit.level != UnitLevel.DON_VI_TRUC_THUOC
                else "Thủ trưởng",
                signer_name=self._head(unit, day),
                recipients=f"{answer.movement.issuer.name} (Văn phòng)\nCác đơn vị trực "
                f"thuộc\nLưu: VT",
            ),
            now=at(day),
        )

    def cascade(self, parent: Movement, unit: Unit, launched: dt.date) -> None:
        """The province launches its own movement to its units (seed 002: three days later)."""
        answer = parent.answers.get(unit=unit)
        actor = officer_of(self.users, unit)
        day = launched + dt.timedelta(days=4)
        child = an.launch_child_movement(actor=actor, answer=answer, now=at(day))
        child.signer_title, child.signer_name = "Viện trưởng", self._head(unit, day)
        child.recipients = "Các phòng thuộc Viện\nViện kiểm sát nhân dân cấp dưới\nLưu: VT"
        child.save(update_fields=["signer_title", "signer_name", "recipients"])
        levels = ["huyen", "phong"] if launched < dt.date(2025, 7, 1) else ["khu_vuc", "phong"]
        mv.launch_movement(
            actor=actor,
            movement=child,
            target_levels=levels,
            number=f"{int(answer.number) + 1:02d}",
            symbol="KH-VKS",
            signed_on=day,
            now=at(day),
        )
        mv.start_movement(actor=actor, movement=child, now=at(day + dt.timedelta(days=1)))
        self.counts["movements"] += 1
        self.answers(child, day)
        if unit.dissolved_on:  # merged mid-year: the province closes its movement before it goes
            closing = unit.dissolved_on - dt.timedelta(days=5)
            review = self._review(
                ReviewKind.FINAL, closing, "6 tháng đầu năm 2025", child.signer_name
            )
            review.symbol, review.place = "BC-VKS", mv.default_place(unit)
            review.recipients = "Viện kiểm sát nhân dân tối cao (Văn phòng)\nLưu: VT"
            rv.record_review(actor=actor, movement=child, data=review, now=at(closing))

    def results(self, movement: Movement, day: dt.date) -> None:
        indicators = list(movement.indicators.all())
        for answer in (
            movement.answers.filter(status="planned").select_related("unit").order_by("id")
        ):
            values = {}
            for ind in indicators:
                if ind.direction == "at_most":
                    actual = Decimal(0 if self.rng.random() < 0.97 else 1)
                elif ind.unit_of_measure == "%":
                    actual = min(Decimal(100), ind.target + Decimal(self.rng.randint(-6, 9)))
                else:
                    actual = Decimal(self.rng.randint(0, 3))
                values[ind.pk] = (actual, "")
            an.report_results(
                actor=officer_of(self.users, answer.unit),
                answer=answer,
                results=values,
                now=at(day),
            )

    # -- registrations --------------------------------------------------------------------------

    def register_subtree(self, movement: Movement, province: Unit, year: int) -> None:
        """The province and its units register themselves and their people (seed 003's mix)."""
        day = dt.date(year, 2, 10) + dt.timedelta(days=self.rng.randint(0, 10))
        units = [province, *self._children(province, day)]
        people = self._people_on(units, day)
        last = self._last_year(people, year - 1)
        lines: dict[int, tuple[list[tuple[int, str]], list[str]]] = {}
        for unit in units:
            chosen = []
            for pid in people[unit.pk]:
                if pid not in self.registered and self.rng.random() < 0.92:
                    self.registered.add(pid)
                    chosen.append((pid, self._title(pid, last)))
            lines[unit.pk] = (chosen, self._unit_titles(unit))
        checks = self.checks(
            province,
            year,
            day,
            {pid: award for chosen, _u in lines.values() for pid, award in chosen},
        )
        top, own = self.users.get("tdkt.vkstc"), officer_of(self.users, province)
        persons = {p.pk: p for p in self._persons(people)}
        for unit in units:
            chosen, titles = lines[unit.pk]
            if not chosen and not titles:
                continue
            actor = officer_of(self.users, unit)
            registration = rg.open_registration(
                actor=actor, movement=movement, unit=unit, year=year, now=at(day)
            )
            rg.add_registration_lines(
                actor=actor,
                registration=registration,
                people=[rg.PersonLine(persons[pid], award) for pid, award in chosen],
                units=[
                    rg.UnitLine(a, "Hoàn thành xuất sắc các chỉ tiêu được giao") for a in titles
                ],
                checks=checks,
                now=at(day),
            )
            self.counts["registrations"] += 1
            self.counts["registration_lines"] += len(chosen) + len(titles)
            self._decide(registration, actor, own if unit != province else top, year, day)

    def _decide(
        self, registration: Any, actor: Any, approver: Any, year: int, day: dt.date
    ) -> None:
        roll = self.rng.random()
        if year == 2026 and roll < 0.08:
            return  # still being drafted
        rg.submit_registration(actor=actor, registration=registration, now=at(day, 10))
        decided = day + dt.timedelta(days=self.rng.randint(3, 12))
        if year == 2026 and roll < 0.2:
            return  # waiting for the level above
        if year == 2026 and roll < 0.26:
            rg.return_registration(
                actor=approver,
                registration=registration,
                reason_code="missing_documents",
                reason=RETURN_REASON,
                now=at(decided),
            )
            return
        rg.approve_registration(actor=approver, registration=registration, now=at(decided))

    def _title(self, person_id: int, last: dict[int, tuple[str, set[str]]]) -> str:
        rating, held = last.get(person_id, ("", set()))
        if "CSTDCS" in held and self.rng.random() < 0.12:
            return "CSTD_NGANH"
        strong = rating == "HTXS" or "CSTDCS" in held
        return "CSTDCS" if self.rng.random() < (0.75 if strong else 0.45) else "LDTT"

    def _unit_titles(self, unit: Unit) -> list[str]:
        if unit.level == UnitLevel.TINH:
            return ["CO_CP", "TTLDXS"] if self.rng.random() < 0.4 else ["CO_NGANH", "TTLDXS"]
        roll = self.rng.random()
        if roll < 0.25:
            return ["TTLDXS", "CO_NGANH"]
        return ["TTLDXS"] if roll < 0.6 else ["TTLDTT"]

    def checks(self, province: Unit, year: int, day: dt.date, chosen: dict[int, str]) -> Checks:
        """The engine's verdicts as the records stood on the registration day: the year's rating,
        titles and later events are not known yet (the demo writes them before its registrations).
        Each person is evaluated for the title he or she registers; each unit of a province still
        standing at the year's end, for the collective titles."""
        engine = current_engine()
        start, end = emulation_period(engine, year, day)
        found: Checks = {}
        facts = load_facts(year=year, start=start, end=end, person_ids=sorted(chosen))
        by_award: dict[str, list[tuple[int, Any]]] = defaultdict(list)
        for pid, f in facts.people.items():
            by_award[chosen[pid]].append((pid, _as_they_stood(f, year, day)))
        for award, rows in sorted(by_award.items()):
            for row in engine.scan(rows, year, day, [Award(award)]):
                add_verdicts(found, "person", row.key, row.verdicts, day)
        if province.is_active_on(end):
            units = load_facts(year=year, start=start, end=end, unit_id=province.pk).units
            candidates = [(u, _as_they_stood(f, year, day)) for u, f in units.items()]
            for row in engine.scan(candidates, year, day, [Award(a) for a in COLLECTIVE_TITLES]):
                add_verdicts(found, "unit", row.key, row.verdicts, day)
        return found

    # -- clusters -------------------------------------------------------------------------------

    def _head(self, unit: Unit, day: dt.date) -> str:
        row = (
            Position.objects.filter(unit=unit, is_unit_head=True, valid_from__lte=day)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
            .select_related("person")
            .order_by("-valid_from", "id")
            .first()
        )
        return row.person.full_name if row else ""

    def _children(self, unit: Unit, day: dt.date) -> list[Unit]:
        return list(
            Unit.objects.filter(parent=unit)
            .filter(Q(established_on__isnull=True) | Q(established_on__lte=day))
            .filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=day))
            .order_by("sort_key", "id")
        )

    def _people_on(self, units: list[Unit], day: dt.date) -> dict[int, list[int]]:
        found: dict[int, list[int]] = defaultdict(list)
        rows = (
            Position.objects.filter(unit__in=units, valid_from__lte=day)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
            .filter(Q(person__left_on__isnull=True) | Q(person__left_on__gte=day))
            .order_by("person__sort_key", "person_id")
            .values_list("unit_id", "person_id")
        )
        for unit_id, person_id in rows:
            if person_id not in found[unit_id]:
                found[unit_id].append(person_id)
        return found

    def _persons(self, people: dict[int, list[int]]) -> Any:
        from tdkt.people.models import Person

        return Person.objects.filter(pk__in=[p for ps in people.values() for p in ps])

    def _last_year(
        self, people: dict[int, list[int]], year: int
    ) -> dict[int, tuple[str, set[str]]]:
        ids = [p for ps in people.values() for p in ps]
        ratings = dict(
            Rating.objects.filter(person__in=ids, year=year).values_list("person_id", "rating")
        )
        held: dict[int, set[str]] = defaultdict(set)
        for pid, award in AwardEntry.objects.filter(
            person__in=ids, year=year, kind="title", revoked_on__isnull=True
        ).values_list("person_id", "award"):
            held[pid].add(award)
        return {p: (ratings.get(p, ""), held.get(p, set())) for p in ids}

    def _review(self, kind: str, day: dt.date, period: str, head: str) -> rv.ReviewData:
        final = kind == ReviewKind.FINAL
        return rv.ReviewData(
            kind=kind,
            held_on=day,
            period_label=period,
            summary=(
                "Phong trào thi đua được triển khai sâu rộng, đồng bộ trong toàn Ngành; các đơn vị "
                "ban hành kế hoạch thực hiện, tổ chức đăng ký thi đua và ký kết giao ước thi đua."
            ),
            achievements=(
                "Các chỉ tiêu nghiệp vụ cơ bản đạt và vượt; nhiều sáng kiến, cách làm hay được "
                "nhân rộng."
            ),
            shortcomings="Một số đơn vị triển khai chậm, báo cáo kết quả chưa đúng thời hạn.",
            lessons="Người đứng đầu trực tiếp chỉ đạo; gắn phong trào với nhiệm vụ chính trị của "
            "đơn vị.",
            directions=(
                "Tổng kết, bình xét thi đua cuối năm; lựa chọn điển hình đề nghị khen thưởng."
                if not final
                else "Triển khai phong trào thi đua năm tiếp theo; nhân rộng các điển hình tiên "
                "tiến."
            ),
            number=str(self.rng.randint(60, 180)),
            symbol="BC-VKSTC",
            signed_on=day,
            place="Hà Nội",
            signer_title="Viện trưởng",
            signer_name=head,
            recipients="Hội đồng Thi đua - Khen thưởng Trung ương\nLãnh đạo VKSND tối cao\nLưu: "
            "VT, VP",
        )

    def _examples(self, year: int) -> list[rv.ExampleData]:
        entries = (
            AwardEntry.objects.filter(year=year, award="CO_NGANH", revoked_on__isnull=True)
            .select_related("unit")
            .order_by("id")[:5]
        )
        return [
            rv.ExampleData(
                "Dẫn đầu cụm, khối thi đua; hoàn thành xuất sắc toàn diện các chỉ tiêu năm",
                unit=e.unit,
                proposed_award="BK_NGANH",
            )
            for e in entries
        ]


def _as_they_stood(facts: Any, year: int, day: dt.date) -> Any:
    """The facts as they were on `day`: nothing of the year itself, nothing decided later."""
    changes: dict[str, Any] = {}
    if facts.ratings is not None:
        changes["ratings"] = {y: r for y, r in facts.ratings.items() if y < year}
    if facts.titles is not None:
        changes["titles"] = tuple(t for t in facts.titles if t.year < year)
    if facts.awards is not None:
        changes["awards"] = tuple(
            a
            for a in facts.awards
            if a.year < year and (a.decided_on is None or a.decided_on <= day)
        )
    if isinstance(facts, PersonFacts):
        if facts.disciplines is not None:
            changes["disciplines"] = tuple(d for d in facts.disciplines if d.decided_on <= day)
        if facts.leaves is not None:
            changes["leaves"] = tuple(x for x in facts.leaves if x.start <= day)
        if facts.initiatives is not None:
            changes["initiatives"] = tuple(i for i in facts.initiatives if i.recognized_on <= day)
        if facts.head_unit_ratings is not None:
            changes["head_unit_ratings"] = {
                y: r for y, r in facts.head_unit_ratings.items() if y < year
            }
    if isinstance(facts, UnitFacts):
        changes["members"] = None
        if facts.unit_violation_years is not None:
            changes["unit_violation_years"] = frozenset(
                y for y in facts.unit_violation_years if y < year
            )
    return dataclasses.replace(facts, **changes)


def build_movements(*, size: str, seed: int) -> dict[str, int]:
    return DemoMovements(size=size, seed=seed).build()
