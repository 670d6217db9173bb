"""The secret ballot, as the database holds it.

A vote writes a `Participation` (member, item, time) and a `Ballot` (item, choice, random UUID)
that share no key. At the close `seal` rewrites each item's ballots in a random order with new
UUIDs in one transaction, so that afterwards no row order, insertion id or writing transaction
links a ballot to a participation. A cast vote is never updated (there is no such function, and
`Participation` is unique per member and item). The audit trail records that a member voted on
which items, never how; `verify` proves the ballots counted again equal the members who voted."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.audit.services import record
from tdkt.council.models import (
    AgendaItem,
    Ballot,
    Choice,
    Meeting,
    MeetingStatus,
    Membership,
    Participation,
)
from tdkt.council.selectors import membership_of
from tdkt.errors import Conflict, InvalidData, TransitionNotAllowed
from tdkt.nominations.services.common import NotAllowed

_rng = random.SystemRandom()


def voting_status(meeting: Meeting, membership: Membership | None) -> dict[int, bool]:
    """For one member: agenda item id → whether he or she has voted on it."""
    if membership is None:
        return {}
    voted = set(
        Participation.objects.filter(item__meeting=meeting, membership=membership).values_list(
            "item_id", flat=True
        )
    )
    return {item.pk: item.pk in voted for item in meeting.items.all()}


@transaction.atomic
def cast_votes(
    *, actor: Any, meeting: Meeting, choices: Mapping[int, str], now: dt.datetime | None = None
) -> int:
    """The signed-in member's secret ballot on one or more agenda items (item id → choice).
    Each item once; nothing here or elsewhere changes a cast vote."""
    moment = now or timezone.now()
    locked = Meeting.objects.select_for_update().only("status").get(pk=meeting.pk)
    if locked.status != MeetingStatus.OPEN:
        raise TransitionNotAllowed(_("Phiên họp không trong thời gian bỏ phiếu."), code="not_open")
    membership = membership_of(actor, meeting)
    if membership is None:
        raise NotAllowed(_("Bạn không phải thành viên Hội đồng vào ngày họp."))
    if not meeting.attendance.filter(membership=membership, present=True).exists():
        raise NotAllowed(
            _("Bạn được ghi nhận vắng mặt; thành viên vắng mặt gửi ý kiến bằng văn bản.")
        )
    items = {i.pk: i for i in meeting.items.all()}
    if not choices:
        raise InvalidData(_("Phiếu chưa có lựa chọn nào."))
    for item_id, choice in choices.items():
        if item_id not in items or choice not in Choice.values:
            raise InvalidData(_("Phiếu bầu không hợp lệ."))
    try:
        with transaction.atomic():
            for item_id in sorted(choices):
                Participation.objects.create(item_id=item_id, membership=membership, cast_at=moment)
            # The ballots go in a random order, apart from the participations' order.
            papers = [Ballot(item_id=i, choice=choices[i]) for i in choices]
            _rng.shuffle(papers)
            Ballot.objects.bulk_create(papers)
    except IntegrityError as exc:
        raise Conflict(
            _("Bạn đã bỏ phiếu cho người, tập thể này; phiếu đã bỏ không thay đổi được."),
            code="already_voted",
        ) from exc
    record(
        actor=actor,
        action="meeting.ballot_cast",
        obj=meeting,
        after={"items": sorted(choices)},  # which items, never the choices
        unit_id=meeting.council.unit_id,
    )
    return len(choices)


def seal(item: AgendaItem) -> None:
    """Rewrite the item's ballots in a random order under new random keys, in one transaction:
    afterwards neither their order nor their writing transaction says when each was cast."""
    papers = list(Ballot.objects.filter(item=item).values_list("choice", flat=True))
    Ballot.objects.filter(item=item).delete()
    _rng.shuffle(papers)
    Ballot.objects.bulk_create([Ballot(item=item, choice=c) for c in papers])


@dataclass(frozen=True)
class Verification:
    item: AgendaItem
    participations: int
    ballots: int
    approve: int
    reject: int
    matches_tally: bool

    @property
    def consistent(self) -> bool:
        return self.participations == self.ballots and self.matches_tally


def verify(meeting: Meeting) -> list[Verification]:
    """Per item: ballots counted again equal the members who took part, and the stored tally."""
    out = []
    counts = {
        row["item_id"]: row
        for row in Ballot.objects.filter(item__meeting=meeting)
        .values("item_id")
        .annotate(
            n=Count("id"),
            yes=Count("id", filter=Q(choice=Choice.APPROVE)),
            no=Count("id", filter=Q(choice=Choice.REJECT)),
        )
    }
    took_part = dict(
        Participation.objects.filter(item__meeting=meeting)
        .values("item_id")
        .annotate(n=Count("id"))
        .values_list("item_id", "n")
    )
    for item in meeting.items.select_related("candidate"):
        row = counts.get(item.pk, {"n": 0, "yes": 0, "no": 0})
        stored = item.ballots_approve is None or (
            item.ballots_approve == row["yes"] and item.ballots_reject == row["no"]
        )
        out.append(
            Verification(item, took_part.get(item.pk, 0), row["n"], row["yes"], row["no"], stored)
        )
    return out
