"""The rounds of a sitting's secret ballot: which round is open, the tally of a counted round on
the whole membership, the ranking of an award's candidates against its places, what a round left
undecided, and each candidate's outcome (the one of the last round he or she was in).

The thresholds are ND 98/2023 Art. 30(7) (`tdkt.rules.council.tally`). The places of an award
(`AwardCap`) are entered for the sitting: a cap that counts across candidates (TT 02/2024/TT-VKSTC
Art. 18(2): TTLĐXS ≤ 20 % of TTLĐTT; Cờ thi đua của Chính phủ; CSTĐCS before 2024) or the number
the upper level allots. When more candidates reach the threshold than the places left, those
ranked within them by approvals pass; those tied with the last place, and anyone when nobody
passes, may go to another round at the same sitting (the courts' analog, TT 01/2024/TT-TANDTC,
holds two rounds and then lets the head decide: the council here decides how many to hold)."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from tdkt.council.models import (
    ROUND_TRANSITIONS,
    AgendaItem,
    Choice,
    Meeting,
    MeetingStatus,
    RoundStatus,
    Standing,
    VotingRound,
    VotingRoundTransition,
)
from tdkt.rules.council import tally
from tdkt.workflow.machine import Machine

ROUND_MACHINE = Machine(
    ROUND_TRANSITIONS, RoundStatus, VotingRoundTransition, "round", "vòng bỏ phiếu"
)
LIVE = (RoundStatus.PREPARED, RoundStatus.OPEN)
TALLY_FIELDS = [
    "ballots_approve",
    "ballots_reject",
    "written_approve",
    "written_reject",
    "council_size",
    "approvals",
    "required_share",
    "approve_share",
    "passed",
    "standing",
    "citation",
]

K = TypeVar("K", bound=Hashable)


def open_round(meeting: Meeting) -> VotingRound | None:
    """The round being voted on, if any (at most one per sitting)."""
    return meeting.rounds.filter(status__in=LIVE).first()


def last_round(meeting: Meeting) -> VotingRound | None:
    return meeting.rounds.order_by("-number").first()


def counted_numbers(meeting: Meeting) -> list[int]:
    return list(meeting.rounds.filter(status=RoundStatus.COUNTED).values_list("number", flat=True))


def round_items(meeting: Meeting, number: int) -> QuerySet[AgendaItem]:
    return meeting.items.filter(round_number=number)


def current_number(meeting: Meeting) -> int:
    """The round a ballot paper, a written opinion or the "voted" marks are about: the open one,
    else the last one (an open round is always the last); 1 before the opening."""
    last = last_round(meeting)
    return last.number if last else 1


def current_items(meeting: Meeting) -> QuerySet[AgendaItem]:
    return round_items(meeting, current_number(meeting))


def rank(approvals: Mapping[K, int], places: int) -> dict[K, str]:
    """Candidates who reached the threshold (key → approvals) against the places left: within,
    tied at the boundary (more candidates share the last place's approvals than places remain)
    or beyond it."""
    if len(approvals) <= places:
        return {key: Standing.WITHIN for key in approvals}
    if places <= 0:
        return {key: Standing.BEYOND for key in approvals}
    boundary = sorted(approvals.values(), reverse=True)[places - 1]
    reaching = sum(1 for a in approvals.values() if a >= boundary)
    at_boundary = Standing.WITHIN if reaching <= places else Standing.TIED
    return {
        key: Standing.WITHIN if a > boundary else at_boundary if a == boundary else Standing.BEYOND
        for key, a in approvals.items()
    }


def _places_left(meeting: Meeting, award: str, places: int, number: int) -> int:
    earlier = meeting.items.filter(
        round_number__lt=number, candidate__award=award, passed=True
    ).count()
    return max(places - earlier, 0)


def tally_round(
    meeting: Meeting, number: int, counts: Mapping[int, tuple[int, int]], params: Any
) -> dict[int, bool]:
    """Write each item's tally for round `number` (item id → (approve, reject) from the opened
    ballots), with the written opinions, on the whole membership; then rank each award with
    places. Returns candidate id → passed in this round."""
    size = meeting.council_size or 0
    items = list(round_items(meeting, number).select_related("candidate"))
    for item in items:
        yes, no = counts.get(item.pk, (0, 0))
        written = list(item.written.values_list("choice", flat=True))
        result = tally(
            item.candidate.award,
            meeting.held_on,
            size,
            approve=yes,
            reject=no,
            absent_written=written,
            params=params,
        )
        item.ballots_approve, item.ballots_reject = yes, no
        item.written_approve = written.count(Choice.APPROVE)
        item.written_reject = written.count(Choice.REJECT)
        item.council_size, item.approvals = size, result.approvals
        item.required_share = Decimal(str(result.required_share)).quantize(Decimal("0.001"))
        item.approve_share = Decimal(str(result.approve_share)).quantize(Decimal("0.001"))
        item.passed, item.standing = result.passed, ""
        item.citation = result.citation[:300]
    for cap in meeting.caps.all():
        reached = {
            i: i.approvals or 0 for i in items if i.candidate.award == cap.award and i.passed
        }
        left = _places_left(meeting, cap.award, cap.places, number)
        for item, standing in rank(reached, left).items():
            item.standing, item.passed = standing, standing == Standing.WITHIN
    for item in items:
        item.save(update_fields=TALLY_FIELDS)
    return {item.candidate_id: bool(item.passed) for item in items}


def final_results(meeting: Meeting) -> dict[int, bool]:
    """Candidate id → the sitting's result: that of the last round the candidate was in."""
    results: dict[int, bool] = {}
    for candidate_id, passed in meeting.items.order_by("round_number").values_list(
        "candidate_id", "passed"
    ):
        results[candidate_id] = bool(passed)
    return results


def _names(items: list[AgendaItem]) -> str:
    return ", ".join(i.candidate.name for i in items) or "—"


@dataclass(frozen=True)
class CapLine:
    """One award with places, in one counted round: who passed within the places left, who is
    tied at the boundary, beyond it, or did not reach the threshold; and whether the round left
    it undecided (places remain and candidates tied, or nobody passed)."""

    award: str
    label: str
    places: int
    left: int  # places left when the round began
    basis: str
    passed: list[AgendaItem]
    tied: list[AgendaItem]
    beyond: list[AgendaItem]
    not_reached: list[AgendaItem]
    next_round: list[AgendaItem] = field(default_factory=list)  # who went on to the next round

    @property
    def exceeded(self) -> bool:
        return bool(self.tied or self.beyond)

    @property
    def nobody_passed(self) -> bool:
        return not self.passed

    @property
    def remaining(self) -> list[AgendaItem]:
        return self.tied + self.beyond + self.not_reached

    @property
    def undecided(self) -> bool:
        left_after = self.left - len(self.passed)
        return left_after > 0 and bool(self.tied or self.nobody_passed) and bool(self.remaining)

    @property
    def suggested(self) -> set[int]:
        """The candidates a next round is about unless the secretary picks otherwise."""
        return {i.candidate_id for i in (self.tied or self.remaining)}

    def sentence(self) -> str:
        head = _("%(a)s: tối đa %(p)s") % {"a": self.label, "p": self.places}
        if self.left != self.places:
            head += _(", còn %(l)s") % {"l": self.left}
        if self.nobody_passed and not self.exceeded:
            return head + _("; không ai đạt tỷ lệ đồng ý cần thiết.")
        reached = len(self.passed) + len(self.tied) + len(self.beyond)
        if self.tied:
            return head + _(
                "; %(n)s người, tập thể đạt tỷ lệ, vượt số lượng. Thông qua: %(w)s. Bằng phiếu "
                "tại ranh giới số lượng: %(t)s."
            ) % {"n": reached, "w": _names(self.passed), "t": _names(self.tied)}
        if self.beyond:
            return head + _(
                "; %(n)s người, tập thể đạt tỷ lệ, vượt số lượng. Thông qua theo số phiếu đồng "
                "ý: %(w)s. Ngoài số lượng: %(b)s."
            ) % {"n": reached, "w": _names(self.passed), "b": _names(self.beyond)}
        return head + _("; thông qua: %(w)s.") % {"w": _names(self.passed)}


def cap_lines(meeting: Meeting, number: int) -> list[CapLine]:
    """The awards with places among round `number`'s items, as that round's count left them."""
    items = list(round_items(meeting, number).select_related("candidate"))
    following = list(round_items(meeting, number + 1).select_related("candidate"))
    lines = []
    for cap in meeting.caps.all():
        mine = [i for i in items if i.candidate.award == cap.award]
        if not mine or any(i.passed is None for i in mine):
            continue
        lines.append(
            CapLine(
                award=cap.award,
                label=cap.get_award_display(),
                places=cap.places,
                left=_places_left(meeting, cap.award, cap.places, number),
                basis=cap.basis,
                passed=[i for i in mine if i.passed],
                tied=[i for i in mine if i.standing == Standing.TIED],
                beyond=[i for i in mine if i.standing == Standing.BEYOND],
                not_reached=[i for i in mine if not i.passed and not i.standing],
                next_round=[i for i in following if i.candidate.award == cap.award],
            )
        )
    return lines


def undecided(meeting: Meeting) -> list[CapLine]:
    """While the sitting is open between rounds: the awards its last round left undecided."""
    last = last_round(meeting)
    if meeting.status != MeetingStatus.OPEN or last is None or last.status != RoundStatus.COUNTED:
        return []
    return [line for line in cap_lines(meeting, last.number) if line.undecided]
