"""The secret ballot, as the database holds it (threat model: this app's README.md).

Opening the vote makes a key pair for the sitting (`new_key`): the public key is stored, the
private key only encrypted under a key that argon2id derives from the passphrase the chair or the
secretary sets; the passphrase is never stored, logged or derived from the server's secret key. A
vote writes a `Participation` (member, item, time: who voted, never how) and, for each item, a
`SealedBallot`: a libsodium sealed box of fixed length to the public key, holding the meeting,
the item and a one-byte choice code. Nothing in plain text says what was chosen until the count.

At the count (`count_ballots`) the passphrase unwraps the private key in memory, every box is
opened and checked, the choices are written again as `Ballot` rows in a random order under new
random keys, and the boxes and the wrapped key are deleted in the same transaction. Old row
versions, the write-ahead log and backups may keep the boxes in casting order and the wrapped key:
they stay unreadable to whoever does not know the passphrase. A lost passphrase means the open
round is run again (`discard_ballots` then `new_key`). `verify` (the recount: ballots = members
who took part, per item) answers only for rounds already counted.

Every round of the sitting (`council.rounds`) goes through the same steps with a key pair of its
own: the key of a round is made when the round opens and destroyed at its count, and its agenda
items are its own, so a box or a participation of one round neither opens nor counts in another."""

from __future__ import annotations

import random
import struct
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables
from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox
from nacl.pwhash import argon2id
from nacl.secret import SecretBox
from nacl.utils import random as random_bytes

from tdkt.audit.services import record
from tdkt.council.models import (
    AgendaItem,
    Ballot,
    BallotKey,
    Choice,
    Meeting,
    MeetingStatus,
    Membership,
    Participation,
    RoundStatus,
    SealedBallot,
)
from tdkt.council.rounds import current_items, open_round
from tdkt.council.selectors import membership_of
from tdkt.errors import Conflict, InvalidData, NotAllowed, TransitionNotAllowed
from tdkt.text import clean

_rng = random.SystemRandom()

# What a sealed box holds: a marker, the meeting id, the item id and the choice code. Fixed length,
# so the box's length says nothing about the choice.
PAPER = struct.Struct(">4sQQB")
MARKER = b"TDKB"
CODES: dict[str, int] = {Choice.APPROVE: 1, Choice.REJECT: 2}
CHOICE_OF: dict[int, str] = {code: choice for choice, code in CODES.items()}

PASSPHRASE_MIN_LENGTH = 12
# argon2id cost of unwrapping the sitting's key: what a thief of the database pays per guess.
KDF_LIMITS: dict[str, tuple[int, int]] = {
    "interactive": (argon2id.OPSLIMIT_INTERACTIVE, argon2id.MEMLIMIT_INTERACTIVE),
    "moderate": (argon2id.OPSLIMIT_MODERATE, argon2id.MEMLIMIT_MODERATE),
    "sensitive": (argon2id.OPSLIMIT_SENSITIVE, argon2id.MEMLIMIT_SENSITIVE),
}


def kdf_limits() -> tuple[int, int]:
    """argon2id (opslimit, memlimit): `settings.TDKT_BALLOT_KDF`, "moderate" by default (0.5 s
    and 256 MiB per try); the tests set a (opslimit, memlimit) pair of their own."""
    value = getattr(settings, "TDKT_BALLOT_KDF", "moderate")
    if isinstance(value, tuple):
        return value
    return KDF_LIMITS[value]


@sensitive_variables("passphrase", "again")
def checked_passphrase(passphrase: str, again: str | None = None) -> str:
    """The passphrase in its one stored-nowhere form (NFC, single spaces); a new one must be long
    enough and, when confirmed, typed the same twice."""
    text = clean(passphrase)
    if len(text) < PASSPHRASE_MIN_LENGTH:
        raise InvalidData(
            _("Cụm mật khẩu kiểm phiếu phải có ít nhất %(n)s ký tự.")
            % {"n": PASSPHRASE_MIN_LENGTH},
            code="passphrase",
        )
    if again is not None and clean(again) != text:
        raise InvalidData(
            _("Hai lần nhập cụm mật khẩu kiểm phiếu không giống nhau."), code="passphrase"
        )
    return text


@sensitive_variables("passphrase")
def _wrapping_key(passphrase: str, salt: bytes, opslimit: int, memlimit: int) -> bytes:
    return argon2id.kdf(
        SecretBox.KEY_SIZE,
        passphrase.encode("utf-8"),
        salt,
        opslimit=opslimit,
        memlimit=memlimit,
    )


@sensitive_variables("passphrase", "private")
def new_key(meeting: Meeting, passphrase: str) -> BallotKey:
    """A fresh key pair for the sitting's vote; the private key leaves memory only encrypted under
    the passphrase (already checked by `checked_passphrase`)."""
    private = PrivateKey.generate()
    opslimit, memlimit = kdf_limits()
    salt = random_bytes(argon2id.SALTBYTES)
    wrapped = SecretBox(_wrapping_key(passphrase, salt, opslimit, memlimit)).encrypt(bytes(private))
    BallotKey.objects.filter(meeting=meeting).delete()
    return BallotKey.objects.create(
        meeting=meeting,
        public_key=bytes(private.public_key),
        wrapped_private_key=bytes(wrapped),
        salt=salt,
        opslimit=opslimit,
        memlimit=memlimit,
    )


@sensitive_variables("passphrase")
def _unwrap(key: BallotKey, passphrase: str) -> PrivateKey:
    box = SecretBox(_wrapping_key(passphrase, bytes(key.salt), key.opslimit, key.memlimit))
    try:
        return PrivateKey(box.decrypt(bytes(key.wrapped_private_key)))
    except CryptoError as exc:
        raise InvalidData(
            _("Cụm mật khẩu kiểm phiếu không đúng; chưa kiểm phiếu, không có gì thay đổi."),
            code="wrong_passphrase",
        ) from exc


def _key_of(meeting: Meeting) -> BallotKey:
    key = BallotKey.objects.filter(meeting=meeting).first()
    if key is None:
        raise Conflict(
            _(
                "Phiên bỏ phiếu không có khóa phiếu kín; Chủ tịch hoặc Thư ký Hội đồng cần mở lại "
                "phiên bỏ phiếu."
            ),
            code="no_ballot_key",
        )
    return key


def voting_status(meeting: Meeting, membership: Membership | None) -> dict[int, bool]:
    """For one member: agenda item id → whether he or she has voted on it, for the items of the
    open round (else of the last one)."""
    if membership is None:
        return {}
    items = list(current_items(meeting).values_list("pk", flat=True))
    voted = set(
        Participation.objects.filter(item_id__in=items, membership=membership).values_list(
            "item_id", flat=True
        )
    )
    return {pk: pk in voted for pk in items}


@sensitive_variables("choices", "papers")
@transaction.atomic
def cast_votes(*, actor: Any, meeting: Meeting, choices: Mapping[int, str]) -> int:
    """The signed-in member's secret ballot on one or more agenda items of the open round (item
    id → choice), each sealed at once to the round's public key. Each item once; nothing changes a
    cast vote."""
    locked = Meeting.objects.select_for_update().only("status").get(pk=meeting.pk)
    live = open_round(meeting)
    if locked.status != MeetingStatus.OPEN or live is None or live.status != RoundStatus.OPEN:
        raise TransitionNotAllowed(_("Phiên họp không trong thời gian bỏ phiếu."), code="not_open")
    membership = membership_of(actor, meeting)
    if membership is None:
        raise NotAllowed(_("Bạn không phải thành viên Hội đồng vào ngày họp."))
    if not meeting.attendance.filter(membership=membership, present=True).exists():
        raise NotAllowed(
            _("Bạn được ghi nhận vắng mặt; thành viên vắng mặt gửi ý kiến bằng văn bản.")
        )
    items = set(meeting.items.filter(round_number=live.number).values_list("pk", flat=True))
    if not choices:
        raise InvalidData(_("Phiếu chưa có lựa chọn nào."))
    if any(i not in items or c not in CODES for i, c in choices.items()):
        raise InvalidData(_("Phiếu bầu không hợp lệ."))
    sealer = SealedBox(PublicKey(bytes(_key_of(meeting).public_key)))
    papers = [
        SealedBallot(item_id=i, box=sealer.encrypt(PAPER.pack(MARKER, meeting.pk, i, CODES[c])))
        for i, c in choices.items()
    ]
    _rng.shuffle(papers)
    moment = timezone.now()
    try:
        with transaction.atomic():
            for item_id in sorted(choices):
                Participation.objects.create(item_id=item_id, membership=membership, cast_at=moment)
            SealedBallot.objects.bulk_create(papers)
    except IntegrityError as exc:
        raise Conflict(
            _("Bạn đã bỏ phiếu cho người, tập thể này; phiếu đã bỏ không thay đổi được."),
            code="already_voted",
        ) from exc
    record(
        actor=actor,
        action="meeting.ballot_cast",
        obj=meeting,
        after={"round": live.number, "items": sorted(choices)},  # never the choices
        unit_id=meeting.council.unit_id,
    )
    return len(choices)


def _tampered() -> Conflict:
    return Conflict(
        _("Có phiếu không mở được bằng khóa của phiên họp: dữ liệu phiếu đã bị can thiệp."),
        code="tampered",
    )


@sensitive_variables("passphrase", "private", "papers")
def count_ballots(*, meeting: Meeting, passphrase: str) -> dict[int, tuple[int, int]]:
    """Open the open round's sealed ballots with the passphrase: item id → (approve, reject).

    Runs inside the counting transaction. Every box of the sitting must open with the round's key
    for its own item (only the open round has boxes: a box left or moved from another round stops
    the count). The opened choices are written as `Ballot` rows in a random order under new
    random keys; the sealed boxes and the wrapped key are deleted. A wrong passphrase or a box
    that does not open raises, and the caller's transaction writes nothing."""
    key = _key_of(meeting)
    opener = SealedBox(_unwrap(key, passphrase))
    papers: list[Ballot] = []
    sealed = SealedBallot.objects.filter(item__meeting=meeting)
    for item_id, box in sealed.values_list("item_id", "box"):
        try:
            marker, meeting_id, inner_item, code = PAPER.unpack(opener.decrypt(bytes(box)))
        except (CryptoError, struct.error) as exc:
            raise _tampered() from exc
        if (marker, meeting_id, inner_item) != (MARKER, meeting.pk, item_id):
            raise _tampered()
        if code not in CHOICE_OF:
            raise _tampered()
        papers.append(Ballot(item_id=item_id, choice=CHOICE_OF[code]))
    _rng.shuffle(papers)
    sealed.delete()
    key.delete()
    Ballot.objects.bulk_create(papers)
    counts: dict[int, tuple[int, int]] = {}
    for paper in papers:
        yes, no = counts.get(paper.item_id, (0, 0))
        counts[paper.item_id] = (yes + 1, no) if paper.choice == Choice.APPROVE else (yes, no + 1)
    return counts


def discard_ballots(meeting: Meeting, number: int) -> int:
    """Every vote cast in round `number`, sealed or not, and who cast it: gone (a restarted
    vote); the rounds already counted keep theirs. Returns how many member-and-item votes were
    discarded."""
    items = meeting.items.filter(round_number=number)
    participations = Participation.objects.filter(item__in=items)
    discarded = participations.count()
    SealedBallot.objects.filter(item__meeting=meeting).delete()
    Ballot.objects.filter(item__in=items).delete()
    participations.delete()
    return discarded


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
    """Per item of the rounds already counted: ballots counted again equal the members who took
    part, and the stored tally. Refused before the first count: while a round is open nothing
    counts its choices."""
    counted = list(
        meeting.rounds.filter(status=RoundStatus.COUNTED).values_list("number", flat=True)
    )
    if not counted:
        raise Conflict(
            _("Chưa kết thúc bỏ phiếu: chỉ kiểm tra phiếu được sau khi kiểm phiếu."),
            code="vote_not_counted",
        )
    items = meeting.items.filter(round_number__in=counted)
    out = []
    counts = {
        row["item_id"]: row
        for row in Ballot.objects.filter(item__in=items)
        .values("item_id")
        .annotate(
            n=Count("id"),
            yes=Count("id", filter=Q(choice=Choice.APPROVE)),
            no=Count("id", filter=Q(choice=Choice.REJECT)),
        )
    }
    took_part = dict(
        Participation.objects.filter(item__in=items)
        .values("item_id")
        .annotate(n=Count("id"))
        .values_list("item_id", "n")
    )
    for item in items.select_related("candidate"):
        row = counts.get(item.pk, {"n": 0, "yes": 0, "no": 0})
        stored = item.ballots_approve is None or (
            item.ballots_approve == row["yes"] and item.ballots_reject == row["no"]
        )
        out.append(
            Verification(item, took_part.get(item.pk, 0), row["n"], row["yes"], row["no"], stored)
        )
    return out
