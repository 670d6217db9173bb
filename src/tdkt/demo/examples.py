"""The demo's exemplary models (điển hình tiên tiến) and what its public site shows: examples of
the COVID-19 years (the special movement of 2021, whose Bằng khen are in the ledger) and of 2025
(the yearly movement), about people, collectives and working models, with drawn photos, the record
of how they were spread, in every state of their way (most published); and a set of published
award decisions.

Every write goes through the publicity services with the clock set to the day it happened, so the
demo follows the same rules as the screens. Deterministic from the seed; each picture is drawn and
prepared once per build, and stored once (its file name is its hash)."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Q

from tdkt.accounts.models import User
from tdkt.demo import example_texts as T
from tdkt.demo import pictures
from tdkt.demo.cluster_work import at, officer_of
from tdkt.movements.models import Movement
from tdkt.movements.services import movements as mv
from tdkt.movements.services import reviews as rv
from tdkt.org.models import Unit, UnitLevel
from tdkt.people.models import Person
from tdkt.publicity import images
from tdkt.publicity.models import Example
from tdkt.publicity.services import decisions as publishing
from tdkt.publicity.services import examples as services
from tdkt.publicity.services import moves
from tdkt.publicity.services.moves import level_above
from tdkt.records.models import AwardDecision, AwardEntry
from tdkt.rules.codes import award_name

COVID, RECENT = 2021, 2025
# How many examples of each kind per era: (people, collectives, models).
PLAN = {
    "full": {COVID: (6, 3, 3), RECENT: (9, 4, 4)},
    "small": {COVID: (2, 1, 1), RECENT: (3, 1, 2)},
}
PERSON_AWARDS = {COVID: ["BK_NGANH"], RECENT: ["CSTD_NGANH", "BK_NGANH", "CSTDCS"]}
COLLECTIVE_AWARDS = {COVID: ["BK_NGANH"], RECENT: ["CO_NGANH", "TTLDXS"]}
SCENES = {
    (COVID, "person"): ["chong_dich", "trao_thuong"],
    (COVID, "collective"): ["chong_dich", "hoi_nghi", "tru_so"],
    (COVID, "model"): ["chong_dich", "phien_toa"],
    (RECENT, "person"): ["phien_toa", "trao_thuong", "tap_huan"],
    (RECENT, "collective"): ["tru_so", "hoi_nghi", "trao_thuong"],
    (RECENT, "model"): ["tiep_dan", "tap_huan", "phien_toa"],
}
KV1, PROVINCE = "kv-quang-tri-01", "t25-quang-tri"
LAST_SPREAD = dt.date(2026, 9, 30)  # the demo's other records end in the autumn of 2026


@dataclass
class Item:
    """One example to write: its era, kind, owning unit, subject, awards and the state to end in."""

    era: int
    kind: str
    unit: Unit
    person: Person | None = None
    collective: Unit | None = None
    model: tuple[str, str] | None = None
    awards: list[AwardEntry] = field(default_factory=list)
    state: str = "published"


class DemoExamples:
    def __init__(self, *, size: str, seed: int) -> None:
        self.rng = random.Random(f"tdkt-demo-examples-{size}-{seed}")
        self.size = size
        self.users = {u.username: u for u in User.objects.filter(username__startswith="tdkt.")}
        self.root = Unit.objects.get(code="vkstc")
        self.counts: Counter[str] = Counter()
        self.prepared: dict[tuple[str, int], images.Prepared] = {}
        self.movements: dict[int, Movement] = {}
        self.owners: dict[int, Unit] = {}

    def build(self) -> dict[str, int]:
        self.movements = {COVID: self.covid_movement(), RECENT: self.recent_movement()}
        items = self.followed() + self.era(RECENT) + self.era(COVID)
        written = [self.write(item) for item in items]
        self.publish_decisions(written)
        return dict(self.counts)

    # -- the movements the examples belong to ---------------------------------------------------

    def covid_movement(self) -> Movement:
        """The special movement of 2021 (seed 000, 002), closed by its tổng kết in 2022."""
        officer = self.users.get("tdkt.vkstc")
        launched = dt.date(2021, 8, 16)
        movement = mv.create_movement(
            actor=officer,
            issuer=self.root,
            data=mv.MovementData(
                kind="special",
                name=T.COVID_MOVEMENT,
                theme=T.COVID_THEME,
                start_year=2021,
                end_year=2022,
                starts_on=launched,
                ends_on=dt.date(2022, 6, 30),
                purpose=T.COVID_PURPOSE,
                contents=T.COVID_CONTENTS,
                symbol="KH-VKSTC",
                place="Hà Nội",
                signer_title="Viện trưởng",
            ),
            now=at(launched - dt.timedelta(days=6)),
        )
        mv.launch_movement(
            actor=officer,
            movement=movement,
            target_levels=["tinh"],
            number=str(self.rng.randint(150, 190)),
            symbol="KH-VKSTC",
            signed_on=launched,
            now=at(launched),
        )
        mv.start_movement(actor=officer, movement=movement, now=at(launched))
        review = rv.ReviewData(
            kind="final",
            held_on=dt.date(2022, 6, 28),
            period_label="Phong trào thi đua đặc biệt phòng, chống dịch COVID-19",
            summary="Toàn ngành vừa phòng, chống dịch hiệu quả, vừa hoàn thành các chỉ tiêu công "
            "tác; nhiều tập thể, cá nhân được khen thưởng.",
            number=str(self.rng.randint(40, 90)),
            symbol="BC-VKSTC",
            signed_on=dt.date(2022, 6, 28),
            place="Hà Nội",
            signer_title="Viện trưởng",
        )
        rv.record_review(actor=officer, movement=movement, data=review, now=at(review.held_on))
        return movement

    def recent_movement(self) -> Movement:
        return Movement.objects.get(issuer=self.root, start_year=RECENT, kind="regular")

    # -- what to write --------------------------------------------------------------------------

    def followed(self) -> list[Item]:
        """The units the demo accounts work for get one example in each state of the way: Khu
        vực 1 - Quảng Trị drafts, sends, was returned and got one published; the province has
        one approved by VKSND tối cao, waiting to be published."""
        kv1 = Unit.objects.get(code=KV1)
        province = Unit.objects.get(code=PROVINCE)
        people = list(Person.objects.filter(unit=kv1, left_on__isnull=True).order_by("pk")[:4])
        items = [
            Item(RECENT, "person", kv1, person=p, awards=self._held(p, None, RECENT), state=s)
            for p, s in zip(people, ["draft", "submitted", "returned", "published"], strict=False)
        ]
        items.append(Item(RECENT, "model", kv1, model=T.MODELS[0], state="published"))
        items.append(
            Item(
                RECENT,
                "collective",
                province,
                collective=province,
                awards=self._held(None, province, RECENT),
                state="approved",
            )
        )
        return items

    def era(self, year: int) -> list[Item]:
        people, collectives, models = PLAN[self.size][year]
        covid = Q(decision__summary__contains="COVID") if year == COVID else Q()
        taken = {KV1, PROVINCE}
        items: list[Item] = []
        for entry in self._pick(year, PERSON_AWARDS[year], covid, people, taken, person=True):
            unit = self._owner_of(entry.holder_unit_id)
            items.append(Item(year, "person", unit, person=entry.person, awards=[entry]))
        for entry in self._pick(year, COLLECTIVE_AWARDS[year], covid, collectives, taken):
            unit = self._owner_of(entry.unit_id)
            items.append(Item(year, "collective", unit, collective=entry.unit, awards=[entry]))
        for i, unit in enumerate(self._model_units(year, models)):
            names = T.MODELS_COVID if year == COVID else T.MODELS[1:]
            items.append(Item(year, "model", unit, model=names[i % len(names)]))
        if year == COVID and items:
            items[-1].state = "unpublished"
        return items

    def _pick(
        self,
        year: int,
        awards: list[str],
        extra: Q,
        n: int,
        taken: set[str],
        *,
        person: bool = False,
    ) -> list[AwardEntry]:
        """`n` ledger lines of the year and awards, of different owning units, drawn by the seed
        (ids first: the full ledger has thousands of lines a year)."""
        subject = "holder_unit" if person else "unit"
        ids = list(
            AwardEntry.objects.filter(
                Q(person__isnull=False) if person else Q(unit__isnull=False),
                extra,
                year=year,
                award__in=awards,
                revoked_on__isnull=True,
                holder_unit__isnull=False,
            )
            .order_by("pk")
            .values_list("pk", f"{subject}_id")
        )
        self.rng.shuffle(ids)
        chosen: list[int] = []
        for pk, unit_id in ids:
            unit = self._owner_of(unit_id)
            if unit.code in taken or not unit.is_active_on(self._drafted_on(year)):
                continue
            taken.add(unit.code)
            chosen.append(pk)
            if len(chosen) == n:
                break
        return list(
            AwardEntry.objects.filter(pk__in=chosen).select_related("person", "unit").order_by("pk")
        )

    def _owner_of(self, unit_id: int | None) -> Unit:
        """The procuracy that writes about a department's person or the department itself:
        departments have no officers of their own."""
        assert unit_id is not None
        if unit_id not in self.owners:
            unit = Unit.objects.select_related("parent").get(pk=unit_id)
            while unit.level == UnitLevel.PHONG and unit.parent is not None:
                unit = unit.parent
            self.owners[unit_id] = unit
        return self.owners[unit_id]

    def _model_units(self, year: int, n: int) -> list[Unit]:
        day = self._drafted_on(year)
        levels = [UnitLevel.HUYEN, UnitLevel.TINH] if year == COVID else [UnitLevel.KHU_VUC]
        units = [
            u
            for u in Unit.objects.filter(level__in=levels).order_by("code")
            if u.is_active_on(day) and u.code not in (KV1, PROVINCE)
        ]
        return sorted(self.rng.sample(units, min(n, len(units))), key=lambda u: u.code)

    def _held(self, person: Person | None, unit: Unit | None, year: int) -> list[AwardEntry]:
        qs = AwardEntry.objects.filter(year=year, revoked_on__isnull=True)
        qs = qs.filter(person=person) if person is not None else qs.filter(unit=unit)
        return list(qs.order_by("pk")[:2])

    @staticmethod
    def _drafted_on(year: int) -> dt.date:
        return dt.date(2021, 11, 1) if year == COVID else dt.date(2026, 2, 2)

    # -- writing --------------------------------------------------------------------------------

    def write(self, item: Item) -> Example:
        day = self._drafted_on(item.era) + dt.timedelta(days=self.rng.randint(0, 40))
        author = officer_of(self.users, item.unit)
        example = services.create_example(
            actor=author, unit=item.unit, data=self._data(item), now=at(day, 8)
        )
        for i, scene in enumerate(self._scenes(item)):
            services.add_photo(
                actor=author,
                example=example,
                upload=self._picture(scene),
                alt_text=T.PHOTOS[scene][1],
                caption=f"{T.PHOTOS[scene][0]} ({item.unit.short_name or item.unit.name})",
                now=at(day, 9 + i),
            )
        self._walk(example, item, day)
        self.counts["examples"] += 1
        self.counts[f"examples_{example.status}"] += 1
        return example

    def _walk(self, example: Example, item: Item, day: dt.date) -> None:
        """Move the example along its way to the state the item asks for."""
        if item.state == "draft":
            return
        author = officer_of(self.users, item.unit)
        above = officer_of(self.users, Unit.objects.get(pk=level_above(item.unit)))
        day += dt.timedelta(days=self.rng.randint(1, 6))
        moves.submit_example(actor=author, example=example, version=None, now=at(day, 10))
        if item.state == "submitted":
            return
        day += dt.timedelta(days=self.rng.randint(2, 8))
        if item.state == "returned":
            moves.return_example(
                actor=above,
                example=example,
                version=None,
                reason_code="incomplete",
                reason=T.RETURN_REASON,
                now=at(day, 14),
            )
            return
        moves.approve_example(actor=above, example=example, version=None, now=at(day, 14))
        if item.state == "approved":
            return
        day += dt.timedelta(days=self.rng.randint(1, 4))
        moves.publish_example(actor=above, example=example, version=None, now=at(day, 15))
        self._spread(example, item, day)
        if item.state == "unpublished":
            moves.unpublish_example(
                actor=above,
                example=example,
                version=None,
                reason_code="privacy",
                reason=T.UNPUBLISH_REASON,
                now=at(day + dt.timedelta(days=self.rng.randint(20, 60)), 9),
            )

    def _spread(self, example: Example, item: Item, published: dt.date) -> None:
        count = self.rng.choice([0, 1, 1, 2, 3])
        if not count:
            return
        day = published + dt.timedelta(days=self.rng.randint(10, 40))
        last = min(day + dt.timedelta(days=210), LAST_SPREAD)
        siblings = [
            u
            for u in Unit.objects.filter(parent_id=item.unit.parent_id)
            .exclude(pk=item.unit.pk)
            .order_by("code")
            if u.is_active_on(day) and u.is_active_on(last)
        ] or [item.unit]
        for _ in range(count):
            if day > last:
                break
            method = self.rng.choice(list(T.SPREAD_NOTES))
            services.record_spread(
                actor=None,
                example=example,
                unit=self.rng.choice(siblings),
                on=day,
                method=method,
                note=T.SPREAD_NOTES[method],
                result=self.rng.choice(T.SPREAD_RESULTS),
                version=None,
                now=at(day, 16),
            )
            self.counts["spread_records"] += 1
            day += dt.timedelta(days=self.rng.randint(15, 70))

    def _data(self, item: Item) -> services.ExampleData:
        covid = item.era == COVID
        movement = [self.movements[item.era]]
        award = ", ".join(f"{award_name(a.award)} năm {a.year}" for a in item.awards)
        numbers = {
            "n": self.rng.randint(6, 25),
            "m": self.rng.randint(30, 140),
            "p": self.rng.randint(92, 99),
            "year": item.era,
            "unit": item.unit.name,
        }
        if item.kind == "person":
            assert item.person is not None
            name = item.person.full_name
            title = self.rng.choice(T.PERSON_TITLES).format(name=name)
            work = T.PERSON_WORK_COVID if covid else T.PERSON_WORK_2025
            paragraphs = [
                self.rng.choice(T.PERSON_OPENINGS),
                self.rng.choice(work),
                self.rng.choice(T.PERSON_CLOSINGS),
            ]
        elif item.kind == "collective":
            assert item.collective is not None
            name = item.collective.name
            title = T.COLLECTIVE_TITLES[2 if covid else self.rng.randint(0, 1)].format(
                name=name, year=item.era
            )
            stories = T.COLLECTIVE_COVID if covid else self.rng.sample(T.COLLECTIVE_STORIES, 3)
            paragraphs = list(stories)
        else:
            assert item.model is not None
            name, description = item.model
            title = f"Mô hình “{name}”"
            paragraphs = [description, self.rng.choice(T.MODEL_RESULTS)]
        summary = T.SUMMARIES[item.kind].format(
            award=award or "được cấp trên ghi nhận, biểu dương", unit=item.unit.name
        )
        return services.ExampleData(
            kind=item.kind,
            title=title,
            summary=summary,
            story="\n\n".join(p.format(name=name, **numbers) for p in paragraphs),
            year=item.era,
            person=item.person,
            collective=item.collective,
            model_name=name if item.kind == "model" else "",
            movements=movement,
            awards=item.awards,
        )

    def _scenes(self, item: Item) -> list[str]:
        scenes = SCENES[(item.era, item.kind)]
        return scenes[: self.rng.randint(1, len(scenes))]

    def _picture(self, scene: str) -> images.Prepared:
        """Each scene is drawn and prepared once per build (a picture costs ~50 ms)."""
        key = (scene, 0)
        if key not in self.prepared:
            upload = _Upload(pictures.draw(*key), f"{scene}-{key[1]}.jpg")
            self.prepared[key] = images.prepare(upload)
            self.counts["pictures"] += 1
        return self.prepared[key]

    # -- published decisions --------------------------------------------------------------------

    def publish_decisions(self, written: list[Example]) -> None:
        """The COVID-19 decisions, the 2025 decisions of VKSND tối cao and Quảng Trị, those of
        awards shown on published examples, and (full size) a share of the other 2025 ones."""
        linked = AwardDecision.objects.filter(
            entries__in=AwardEntry.objects.filter(
                pk__in=Example.awards.through.objects.filter(
                    example__in=[e for e in written if e.status == "published"]
                ).values("awardentry_id")
            )
        )
        wanted = AwardDecision.objects.filter(
            Q(summary__contains="COVID")
            | Q(signed_on__year=RECENT + 1, issuer__code__in=["vkstc", PROVINCE])
            | Q(pk__in=linked.values("pk"))
        )
        chosen = list(wanted.distinct().order_by("pk"))
        if self.size == "full":
            others = list(
                AwardDecision.objects.filter(signed_on__year=RECENT + 1)
                .exclude(pk__in=[d.pk for d in chosen])
                .order_by("pk")
            )
            chosen += self.rng.sample(others, min(15, len(others)))
        for decision in sorted(chosen, key=lambda d: (d.signed_on, d.pk)):
            day = decision.signed_on + dt.timedelta(days=self.rng.randint(2, 9))
            if not decision.entries.filter(revoked_on__isnull=True).exists():
                continue
            publishing.publish_decision(actor=None, decision=decision, now=at(day, 11))
            self.counts["published_decisions"] += 1


class _Upload:
    """Drawn bytes that the photo service reads like an uploaded file."""

    def __init__(self, content: bytes, name: str) -> None:
        import io

        self._buffer = io.BytesIO(content)
        self.name = name
        self.size = len(content)

    def seek(self, offset: int) -> None:
        self._buffer.seek(offset)

    def read(self, n: int = -1) -> bytes:
        return self._buffer.read(n)


def build_examples(*, size: str, seed: int) -> dict[str, int]:
    return DemoExamples(size=size, seed=seed).build()
