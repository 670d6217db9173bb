"""The councils (Hội đồng Thi đua - Khen thưởng) with their dated membership, their sittings, the
agenda of candidates, attendance, written opinions of absent members, and the secret ballot.

The secret ballot (threat model in this app's README.md): `Participation` says who voted on which
agenda item, and when. While the vote is open each choice exists only as a `SealedBallot`, a
libsodium sealed box to the sitting's public key whose private key is stored only wrapped by a
passphrase (`BallotKey`). At the count the passphrase unwraps the key in memory, the boxes are
opened, written again as `Ballot` rows (item and choice, random key) in a random order, and the
sealed boxes and the wrapped key are deleted (`council.ballot.count_ballots`).

The vote runs in rounds (`VotingRound`, numbered 1, 2, 3… in a sitting): the opening starts round
1 on the whole agenda; when an award with a number of places (`AwardCap`) is left undecided (more
candidates reach the threshold than the places, tied at the boundary, or nobody does), another
round is held on candidates the secretary picks among the rest. Each round has its own agenda items
(`AgendaItem.round_number`) and so its own participations, sealed ballots, key and tally."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tdkt.records.models import AWARD_CHOICES
from tdkt.workflow.rows import TransitionRow


class Council(models.Model):
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="councils"
    )
    name = models.CharField(_("tên Hội đồng"), max_length=200)
    established_on = models.DateField(_("ngày thành lập"))
    dissolved_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    decision_ref = models.CharField(_("quyết định thành lập"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("Hội đồng Thi đua - Khen thưởng")
        verbose_name_plural = _("Hội đồng Thi đua - Khen thưởng")
        ordering = ["unit__sort_key", "name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="council_unique_name"),
            models.CheckConstraint(
                condition=Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=F("established_on")),
                name="council_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class MemberRole(models.TextChoices):
    CHAIR = "chu_tich", _("Chủ tịch Hội đồng")
    VICE_CHAIR = "pho_chu_tich", _("Phó Chủ tịch Hội đồng")
    MEMBER = "uy_vien", _("Ủy viên")
    SECRETARY = "thu_ky", _("Ủy viên kiêm Thư ký")


class Membership(models.Model):
    """A person sits on the council from `valid_from` to `valid_to` (inclusive; open if null).
    Thresholds count on the whole membership on the day of the sitting."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="memberships")
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("thành viên"),
        on_delete=models.PROTECT,
        related_name="council_memberships",
    )
    role = models.CharField(_("vai trò"), max_length=14, choices=MemberRole.choices)
    title = models.CharField(_("chức vụ"), max_length=200, blank=True)
    valid_from = models.DateField(_("từ ngày"))
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("thành viên Hội đồng")
        verbose_name_plural = _("thành viên Hội đồng")
        ordering = ["council", "valid_from", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="membership_dates_ordered",
            ),
            models.UniqueConstraint(
                fields=["council", "person"],
                condition=Q(valid_to__isnull=True),
                name="membership_one_open_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()}"


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Dự kiến")
    OPEN = "open", _("Đang họp, bỏ phiếu")
    CLOSED = "closed", _("Đã kiểm phiếu")
    MINUTES_ISSUED = "minutes_issued", _("Đã ban hành biên bản")
    POSTPONED = "postponed", _("Hoãn")


M = MeetingStatus
MEETING_TRANSITIONS: dict[str, frozenset[str]] = {
    M.PLANNED: frozenset({M.OPEN, M.POSTPONED}),
    M.OPEN: frozenset({M.CLOSED}),
    M.CLOSED: frozenset({M.MINUTES_ISSUED}),
    M.MINUTES_ISSUED: frozenset(),
    M.POSTPONED: frozenset(),
}
MEETING_NEEDS_REASON = frozenset({(M.PLANNED, M.POSTPONED)})


class Meeting(models.Model):
    """A sitting (phiên họp) of a council that decides on the candidates of its agenda."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="meetings")
    number = models.CharField(_("phiên số"), max_length=30)
    held_on = models.DateField(_("ngày họp"))
    place = models.CharField(_("địa điểm"), max_length=200, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=MeetingStatus.choices, default=M.PLANNED
    )
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    council_size = models.PositiveSmallIntegerField(_("tổng số thành viên"), null=True, blank=True)
    minutes_number = models.CharField(_("số biên bản"), max_length=30, blank=True)
    notes = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(_("mở bỏ phiếu lúc"), null=True, blank=True)
    closed_at = models.DateTimeField(_("kết thúc bỏ phiếu lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("phiên họp Hội đồng")
        verbose_name_plural = _("phiên họp Hội đồng")
        ordering = ["-held_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["council", "number"], name="meeting_unique_number"),
            models.CheckConstraint(condition=Q(version__gte=1), name="meeting_version_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.council} – phiên {self.number} ({self.held_on:%d/%m/%Y})"


class MeetingTransition(TransitionRow):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionRow.Meta):
        verbose_name = _("chuyển trạng thái phiên họp")
        verbose_name_plural = _("chuyển trạng thái phiên họp")


class RoundStatus(models.TextChoices):
    PREPARED = "prepared", _("Chuẩn bị")
    OPEN = "open", _("Đang bỏ phiếu")
    COUNTED = "counted", _("Đã kiểm phiếu")


ROUND_TRANSITIONS: dict[str, frozenset[str]] = {
    RoundStatus.PREPARED: frozenset({RoundStatus.OPEN}),
    RoundStatus.OPEN: frozenset({RoundStatus.COUNTED}),
    RoundStatus.COUNTED: frozenset(),
}


class VotingRound(models.Model):
    """A round of the secret ballot at a sitting (vòng bỏ phiếu), on the agenda items that carry
    its number. At most one round of a sitting is being prepared or voted on at a time."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField(_("vòng"))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.PREPARED
    )
    opened_at = models.DateTimeField(_("mở bỏ phiếu lúc"), null=True, blank=True)
    counted_at = models.DateTimeField(_("kiểm phiếu lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("vòng bỏ phiếu")
        verbose_name_plural = _("vòng bỏ phiếu")
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="round_unique_number"),
            models.UniqueConstraint(
                fields=["meeting"],
                condition=Q(status__in=[RoundStatus.PREPARED, RoundStatus.OPEN]),
                name="round_one_open_per_meeting",
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="round_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} – vòng {self.number}"


class VotingRoundTransition(TransitionRow):
    round = models.ForeignKey(VotingRound, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionRow.Meta):
        verbose_name = _("chuyển trạng thái vòng bỏ phiếu")
        verbose_name_plural = _("chuyển trạng thái vòng bỏ phiếu")


class AwardCap(models.Model):
    """How many candidates for one award the sitting may pass at most (số lượng tối đa: a share
    of a basis such as TTLĐXS ≤ 20 % of TTLĐTT, or the places the upper level allots), set before
    the vote. Candidates who reach the threshold beyond it are ranked by approvals."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="caps")
    award = models.CharField(_("danh hiệu, hình thức"), max_length=12, choices=AWARD_CHOICES)
    places = models.PositiveSmallIntegerField(_("số lượng tối đa"))
    basis = models.CharField(_("căn cứ"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("số lượng tối đa được thông qua")
        verbose_name_plural = _("số lượng tối đa được thông qua")
        ordering = ["meeting", "award"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "award"], name="cap_once_per_award"),
            models.CheckConstraint(condition=Q(places__gte=1), name="cap_places_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_award_display()}: {self.places}"


class Standing(models.TextChoices):
    """Where a candidate who reached the threshold stands against the places left for the award;
    blank when the award has no places set or the threshold was not reached."""

    WITHIN = "within", _("Trong số lượng")
    TIED = "tied", _("Bằng phiếu tại ranh giới số lượng")
    BEYOND = "beyond", _("Ngoài số lượng")


class AgendaItem(models.Model):
    """One candidate before the council in one round, with the tally once that round is counted.
    `passed` is the round's result, places included; a candidate's outcome at the sitting is the
    one of the last round he or she was in."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    candidate = models.ForeignKey(
        "nominations.Candidate", on_delete=models.PROTECT, related_name="agenda_items"
    )
    round_number = models.PositiveSmallIntegerField(_("vòng bỏ phiếu"), default=1)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    ballots_approve = models.PositiveSmallIntegerField(_("phiếu đồng ý"), null=True, blank=True)
    ballots_reject = models.PositiveSmallIntegerField(
        _("phiếu không đồng ý"), null=True, blank=True
    )
    written_approve = models.PositiveSmallIntegerField(_("ý kiến bằng văn bản đồng ý"), default=0)
    written_reject = models.PositiveSmallIntegerField(
        _("ý kiến bằng văn bản không đồng ý"), default=0
    )
    council_size = models.PositiveSmallIntegerField(_("tổng số thành viên"), null=True, blank=True)
    approvals = models.PositiveSmallIntegerField(_("tổng số đồng ý"), null=True, blank=True)
    required_share = models.DecimalField(
        _("tỷ lệ cần đạt"), max_digits=4, decimal_places=3, null=True, blank=True
    )
    approve_share = models.DecimalField(
        _("tỷ lệ đạt"), max_digits=4, decimal_places=3, null=True, blank=True
    )
    passed = models.BooleanField(_("thông qua"), null=True, blank=True)
    standing = models.CharField(
        _("so với số lượng tối đa"), max_length=8, choices=Standing.choices, blank=True
    )
    citation = models.CharField(_("căn cứ"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("người, tập thể được đưa ra xét")
        verbose_name_plural = _("chương trình phiên họp")
        ordering = ["meeting", "round_number", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "candidate", "round_number"], name="agenda_once_per_round"
            ),
            models.CheckConstraint(
                condition=Q(approvals__isnull=True) | Q(approvals__lte=F("council_size")),
                name="agenda_approvals_bounded",
            ),
        ]

    def __str__(self) -> str:
        return str(self.candidate)


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    present = models.BooleanField(_("có mặt"))

    class Meta:
        verbose_name = _("điểm danh")
        verbose_name_plural = _("điểm danh")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "membership"], name="attendance_once_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.membership} – {'có mặt' if self.present else 'vắng'}"


class Choice(models.TextChoices):
    APPROVE = "approve", _("Đồng ý")
    REJECT = "reject", _("Không đồng ý")


class WrittenOpinion(models.Model):
    """An absent member's written opinion (ý kiến bằng văn bản): signed, so not secret; it goes
    into the minutes with the member's name and counts in the tally (ND 98/2023 Art. 30(7))."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="written")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(_("ý kiến"), max_length=8, choices=Choice.choices)
    recorded_at = models.DateTimeField(_("ghi nhận lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("ý kiến bằng văn bản")
        verbose_name_plural = _("ý kiến bằng văn bản")
        constraints = [
            models.UniqueConstraint(fields=["item", "membership"], name="written_once_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.membership}: {self.get_choice_display()}"


class Participation(models.Model):
    """That a member voted on an agenda item, and when: never how. One per member and item (a
    cast vote cannot be cast again or changed)."""

    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="participations")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    cast_at = models.DateTimeField(_("bỏ phiếu lúc"))

    class Meta:
        verbose_name = _("lượt bỏ phiếu")
        verbose_name_plural = _("lượt bỏ phiếu")
        constraints = [
            models.UniqueConstraint(fields=["item", "membership"], name="participation_once")
        ]

    def __str__(self) -> str:
        return f"{self.membership} đã bỏ phiếu"


class BallotKey(models.Model):
    """The ballot key of the sitting's open round: the public key the choices are sealed to, and
    the private key encrypted (XSalsa20-Poly1305) under a key derived with argon2id from a
    passphrase that is never stored. Deleted at the round's count, made anew for the next round;
    without the passphrase nobody, the administrator with the database and the server's secret
    key included, opens a sealed box."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="ballot_key")
    public_key = models.BinaryField(_("khóa công khai"), max_length=32)
    wrapped_private_key = models.BinaryField(_("khóa bí mật đã mã hóa"), max_length=128)
    salt = models.BinaryField(_("muối argon2id"), max_length=16)
    opslimit = models.PositiveIntegerField(_("argon2id: số lượt"))
    memlimit = models.PositiveBigIntegerField(_("argon2id: bộ nhớ (byte)"))

    class Meta:
        verbose_name = _("khóa phiếu kín của phiên họp")
        verbose_name_plural = _("khóa phiếu kín của phiên họp")

    def __str__(self) -> str:
        return f"{self.meeting}"


class SealedBallot(models.Model):
    """One vote on one item while the vote is open: a sealed box (fixed length whatever the
    choice) that only the sitting's private key opens. No member, no time; a random key."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="sealed_ballots")
    box = models.BinaryField(_("phiếu đã niêm phong"), max_length=128)

    class Meta:
        verbose_name = _("phiếu bầu đã niêm phong")
        verbose_name_plural = _("phiếu bầu đã niêm phong")

    def __str__(self) -> str:
        return str(self.pk)


class Ballot(models.Model):
    """How one vote went, written at the count in a random order: the item and the choice. No
    member, no time, no sequence; a random UUID as its key. Its count per item must equal the
    count of participations."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="ballots")
    choice = models.CharField(_("phiếu"), max_length=8, choices=Choice.choices)

    class Meta:
        verbose_name = _("phiếu bầu")
        verbose_name_plural = _("phiếu bầu")

    def __str__(self) -> str:
        return self.get_choice_display()
