"""Business events of a cluster's year: its leaders (with the rotation rule), the pledge and its
signatures, the scoring sheet, the scores, and the vote on the unit proposed for the flag."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from tdkt.audit.services import record, record_move
from tdkt.eligibility.parameters import current_parameters
from tdkt.errors import Conflict, InvalidData, TransitionNotAllowed
from tdkt.movements.machines import BALLOT, SHEET
from tdkt.movements.models import (
    BallotStatus,
    Criterion,
    FlagBallot,
    FlagVote,
    Pledge,
    PledgeSignature,
    Score,
    ScoreChange,
    ScoreSheet,
    SheetStatus,
)
from tdkt.movements.selectors.clusters import acting_units, can_manage_cluster
from tdkt.notifications.services import users_who_can
from tdkt.org import services as org
from tdkt.org.models import Cluster, Unit
from tdkt.org.services import lineage
from tdkt.records.models import AwardEntry
from tdkt.text import clean
from tdkt.workflow import clock, notices
from tdkt.workflow.access import ensure
from tdkt.workflow.locking import bump_version, lock
from tdkt.workflow.machine import actor_name, move, user_or_none
from tdkt.workflow.reasons import clean_text

VOTE_SHARE_KEY = "co_nganh.min_cluster_vote_share"


@dataclass
class CriterionData:
    name: str
    max_points: Decimal
    weight: Decimal = Decimal(1)
    group: str = ""


# A cluster's first sheet starts from these (later years start from the year before's sheet).
DEFAULT_CRITERIA = (
    CriterionData(
        "Thực hiện các chỉ tiêu, nhiệm vụ công tác kiểm sát theo Nghị quyết của Quốc hội "
        "và Chỉ thị công tác của ngành",
        Decimal(40),
        group="Nhiệm vụ chuyên môn",
    ),
    CriterionData(
        "Chống oan, sai, bỏ lọt tội phạm; chất lượng kháng nghị, kiến nghị",
        Decimal(15),
        group="Nhiệm vụ chuyên môn",
    ),
    CriterionData(
        "Xây dựng Đảng, xây dựng ngành, kỷ cương, kỷ luật nghiệp vụ",
        Decimal(15),
        group="Xây dựng ngành",
    ),
    CriterionData(
        "Tổ chức phong trào thi đua; phát hiện, nhân rộng điển hình tiên tiến",
        Decimal(10),
        group="Phong trào thi đua",
    ),
    CriterionData(
        "Sáng kiến, ứng dụng công nghệ thông tin và chuyển đổi số",
        Decimal(10),
        group="Phong trào thi đua",
    ),
    CriterionData(
        "Thực hiện giao ước thi đua của cụm, chế độ thông tin, báo cáo",
        Decimal(10),
        group="Hoạt động của cụm, khối",
    ),
)


@dataclass(frozen=True)
class BallotResult:
    approvals: int
    against: int
    cast: int
    size: int
    share: Fraction
    threshold: Fraction
    citation: str
    passed: bool

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["share"] = str(self.share)
        data["threshold"] = str(self.threshold)
        return data


# --- leaders -------------------------------------------------------------------------------------


def recognised_in(unit: Unit, year: int) -> bool:
    """Whether the unit (or a unit it succeeded) holds an emulation title for `year`."""
    ids = [u.pk for u in lineage(unit)]
    return AwardEntry.objects.filter(
        unit_id__in=ids, year=year, kind="title", revoked_on__isnull=True
    ).exists()


@transaction.atomic
def appoint_cluster_leaders(
    *, actor: Any, cluster: Cluster, head: Unit | None, deputy: Unit | None
) -> Cluster:
    """Heads and deputies rotate yearly; a unit not recognised in emulation the year before may
    not lead (legal-facts §8)."""
    require_manager(actor, cluster)
    for unit in (head, deputy):
        if unit is not None and not recognised_in(unit, cluster.year - 1):
            raise InvalidData(
                _(
                    "%(unit)s không được công nhận danh hiệu thi đua năm %(y)s nên không được "
                    "làm cụm trưởng, cụm phó năm %(n)s."
                )
                % {"unit": unit.name, "y": cluster.year - 1, "n": cluster.year},
                code="not_recognised",
            )
    return org.set_cluster_leaders(actor=actor, cluster=cluster, head=head, deputy=deputy)


# --- pledge --------------------------------------------------------------------------------------


@transaction.atomic
def save_pledge(
    *,
    actor: Any,
    cluster: Cluster,
    title: str,
    content: str,
    signed_on: dt.date | None = None,
    place: str = "",
    version: int | None = None,
    now: dt.datetime | None = None,
) -> Pledge:
    """Write the pledge; it is fixed once a member has signed it."""
    require_manager(actor, cluster)
    now = clock.now(now)
    title, content = clean(title), clean_text(content)
    if not title or not content:
        raise InvalidData(_("Giao ước cần tiêu đề và nội dung."))
    pledge = Pledge.objects.filter(cluster=cluster).first()
    if pledge is None:
        pledge = Pledge.objects.create(
            cluster=cluster,
            title=title,
            content=content,
            signed_on=signed_on,
            place=clean(place),
            created_by=user_or_none(actor),
            created_at=now,
        )
    else:
        bump_version(pledge, version)
        if pledge.signatures.exists():
            raise Conflict(_("Giao ước đã có đơn vị ký: không sửa được."), code="pledge_signed")
        pledge.title, pledge.content = title, content
        pledge.signed_on, pledge.place = signed_on, clean(place)
        pledge.save(update_fields=["title", "content", "signed_on", "place", "version"])
    record(
        actor=actor,
        action="pledge.saved",
        obj=pledge,
        after={"title": title, "signed_on": signed_on},
        unit_id=cluster.organizer_id,
    )
    return pledge


@transaction.atomic
def sign_pledge(
    *, actor: Any, pledge: Pledge, unit: Unit, now: dt.datetime | None = None
) -> PledgeSignature:
    now = clock.now(now)
    _require_member(pledge.cluster, unit)
    require_acting(actor, pledge.cluster, unit)
    if pledge.signatures.filter(unit=unit).exists():
        raise Conflict(_("%(unit)s đã ký giao ước.") % {"unit": unit.name}, code="already_signed")
    signature = PledgeSignature.objects.create(
        pledge=pledge,
        unit=unit,
        signed_at=now,
        signed_by=user_or_none(actor),
        signer_name=actor_name(actor),
    )
    record(
        actor=actor, action="pledge.signed", obj=pledge, after={"unit": unit.pk}, unit_id=unit.pk
    )
    return signature


# --- scoring sheet -------------------------------------------------------------------------------


@transaction.atomic
def define_sheet(
    *,
    actor: Any,
    cluster: Cluster,
    criteria: Sequence[CriterionData],
    note: str = "",
    version: int | None = None,
    now: dt.datetime | None = None,
) -> ScoreSheet:
    """The cluster's criteria for the year, with maximum points and weights (while in draft)."""
    require_manager(actor, cluster)
    now = clock.now(now)
    sheet = ScoreSheet.objects.filter(cluster=cluster).first()
    if sheet is None:
        sheet = ScoreSheet.objects.create(
            cluster=cluster,
            created_by=user_or_none(actor),
            created_at=now,
        )
    else:
        locked = _sheet_in(
            sheet,
            SheetStatus.DRAFT,
            _("Bảng chấm điểm đã mở chấm: không sửa tiêu chí được."),
            version,
        )
        sheet.version = locked.version + 1
    rows = _criteria(sheet, criteria)
    sheet.criteria.all().delete()
    Criterion.objects.bulk_create(rows)
    sheet.note = clean_text(note)
    sheet.save(update_fields=["note", "version"])
    record(
        actor=actor,
        action="score_sheet.defined",
        obj=sheet,
        after={
            "criteria": [[c.name, str(c.max_points), str(c.weight)] for c in rows],
            "max_total": str(sum((c.max_points * c.weight for c in rows), Decimal(0))),
        },
        unit_id=cluster.organizer_id,
    )
    return sheet


@transaction.atomic
def open_scoring(
    *,
    actor: Any,
    sheet: ScoreSheet,
    deadline: dt.date,
    version: int | None = None,
    now: dt.datetime | None = None,
) -> ScoreSheet:
    require_manager(actor, sheet.cluster)
    now = clock.now(now)
    if not sheet.criteria.exists():
        raise InvalidData(_("Bảng chấm điểm chưa có tiêu chí nào."), code="empty")
    if deadline is None or deadline < clock.today(now):
        raise InvalidData(_("Hạn chấm điểm phải từ hôm nay trở đi."), code="deadline_passed")
    record_move(
        SHEET,
        sheet,
        SheetStatus.OPEN,
        actor=actor,
        action="score_sheet.opened",
        unit_id=sheet.cluster.organizer_id,
        now=now,
        version=version,
        fields={"deadline": deadline},
        after={"deadline": deadline},
    )
    return sheet


@transaction.atomic
def lock_sheet(
    *, actor: Any, sheet: ScoreSheet, version: int | None = None, now: dt.datetime | None = None
) -> ScoreSheet:
    require_manager(actor, sheet.cluster)
    now = clock.now(now)
    record_move(
        SHEET,
        sheet,
        SheetStatus.LOCKED,
        actor=actor,
        action="score_sheet.locked",
        unit_id=sheet.cluster.organizer_id,
        now=now,
        version=version,
    )
    return sheet


@transaction.atomic
def submit_scores(
    *,
    actor: Any,
    sheet: ScoreSheet,
    scorer: Unit,
    scored: Unit,
    points: Mapping[int, Decimal],
    explanations: Mapping[int, str] | None = None,
    reason: str = "",
    now: dt.datetime | None = None,
) -> list[Score]:
    """`scorer` scores `scored` (itself or another member) on every criterion at once. A changed
    score needs a reason; every value, the first included, is kept in the score's history.
    A member scores in its own name only; the organiser may enter a member's scores for it (from
    its signed sheet), and they count once the member has confirmed them (`confirm_scores`)."""
    now = clock.now(now)
    own = may_act(actor, sheet.cluster, scorer)
    ensure(
        own or may_manage(actor, sheet.cluster),
        _("Chỉ %(u)s chấm điểm với tư cách của mình.") % {"u": scorer.name},
    )
    _sheet_in(sheet, SheetStatus.OPEN, _("Bảng chấm điểm không mở để chấm."))
    if sheet.deadline is not None and clock.today(now) > sheet.deadline:
        raise InvalidData(
            _("Đã quá hạn chấm điểm (%(d)s): bảng điểm đã khóa.")
            % {"d": sheet.deadline.strftime("%d/%m/%Y")},
            code="deadline_passed",
        )
    _require_member(sheet.cluster, scorer, scored)
    criteria = {c.pk: c for c in sheet.criteria.all()}
    if set(points) != set(criteria):
        raise InvalidData(
            _("Phải chấm đủ tất cả các tiêu chí trước khi gửi."), code="incomplete_scoring"
        )
    for cid, value in points.items():
        if value is None or value < 0 or value > criteria[cid].max_points:
            raise InvalidData(
                _("Điểm của tiêu chí «%(c)s» phải từ 0 đến %(m)s.")
                % {"c": criteria[cid].name, "m": criteria[cid].max_points},
                code="out_of_range",
            )
    existing = {
        s.criterion_id: s
        for s in Score.objects.select_for_update().filter(
            criterion__sheet=sheet, scorer=scorer, scored=scored
        )
    }
    changed = [cid for cid, s in existing.items() if s.points != points[cid]]
    reason = clean_text(reason)
    if changed and not reason:
        raise InvalidData(_("Hãy ghi lý do thay đổi điểm đã chấm."), code="reason_required")
    notes = explanations or {}
    user = user_or_none(actor)
    saved, history, touched = [], [], False
    for cid, value in points.items():
        score = existing.get(cid)
        old = score.points if score else None
        if score is None:
            score = Score(criterion_id=cid, scorer=scorer, scored=scored, points=value)
        elif old == value and clean(notes.get(cid, score.explanation)) == score.explanation:
            saved.append(score)
            continue
        touched = True
        score.points, score.updated_at = value, now
        score.explanation = clean(notes.get(cid, score.explanation))[:500]
        # A new score is inserted whole; an existing one updates what was scored.
        score.save(update_fields=["points", "updated_at", "explanation"] if score.pk else None)
        saved.append(score)
        if old != value:
            history.append(
                ScoreChange(
                    score=score,
                    old_points=old,
                    new_points=value,
                    reason=reason if old is not None else "",
                    at=now,
                    actor=user,
                    actor_name=actor_name(actor),
                )
            )
    ScoreChange.objects.bulk_create(history)
    # The scorer's own sending confirms the whole scoring; the organiser's changes unconfirm it.
    confirmed_at = now if own else None
    if own or touched:
        Score.objects.filter(pk__in=[x.pk for x in saved]).update(confirmed_at=confirmed_at)
        for x in saved:
            x.confirmed_at = confirmed_at
    record(
        actor=actor,
        action="scores.submitted" if own else "scores.entered_for_member",
        obj=sheet,
        after={
            "scorer": scorer.pk,
            "scored": scored.pk,
            "points": {str(k): str(v) for k, v in sorted(points.items())},
            "changed": len(changed),
        },
        reason=reason,
        unit_id=scorer.pk,
    )
    if not own and touched:
        notices.send(
            notices.Notice(
                users_acting_for(sheet.cluster, scorer),
                "scores.entered_for_member",
                _("%(a)s đã nhập điểm %(u)s chấm %(b)s: hãy kiểm tra và xác nhận.")
                % {"a": actor_name(actor), "u": scorer.name, "b": scored.name},
                reverse("movements:cluster_work", args=[sheet.cluster_id]),
            ),
            actor=actor,
        )
    return saved


@transaction.atomic
def confirm_scores(
    *, actor: Any, sheet: ScoreSheet, scorer: Unit, now: dt.datetime | None = None
) -> int:
    """The member confirms the scores the organiser entered in its name; from then they count.
    Returns how many scores were confirmed."""
    now = clock.now(now)
    _require_member(sheet.cluster, scorer)
    require_acting(actor, sheet.cluster, scorer)
    _sheet_in(sheet, SheetStatus.OPEN, _("Bảng chấm điểm không mở: không xác nhận điểm được."))
    pending = Score.objects.filter(criterion__sheet=sheet, scorer=scorer, confirmed_at__isnull=True)
    scored = sorted(set(pending.values_list("scored_id", flat=True)))
    count = pending.update(confirmed_at=now)
    if not count:
        raise InvalidData(_("Không có điểm nào chờ %(u)s xác nhận.") % {"u": scorer.name})
    record(
        actor=actor,
        action="scores.confirmed",
        obj=sheet,
        after={"scorer": scorer.pk, "scored": scored, "scores": count},
        unit_id=scorer.pk,
    )
    return count


# --- flag vote -----------------------------------------------------------------------------------


@transaction.atomic
def open_ballot(
    *, actor: Any, cluster: Cluster, candidate: Unit, now: dt.datetime | None = None
) -> FlagBallot:
    require_manager(actor, cluster)
    now = clock.now(now)
    _require_member(cluster, candidate)
    if FlagBallot.objects.filter(cluster=cluster, status=BallotStatus.OPEN).exists():
        raise Conflict(_("Cụm, khối đang có một cuộc bỏ phiếu chưa kết thúc."), code="ballot_open")
    if FlagBallot.objects.filter(cluster=cluster, candidate=candidate).exists():
        raise Conflict(
            _("%(unit)s đã được đưa ra bỏ phiếu trong năm.") % {"unit": candidate.name},
            code="already_voted",
        )
    ballot = FlagBallot.objects.create(cluster=cluster, candidate=candidate, opened_at=now)
    record(
        actor=actor,
        action="flag_ballot.opened",
        obj=ballot,
        after={"candidate": candidate.pk},
        unit_id=cluster.organizer_id,
    )
    return ballot


@transaction.atomic
def cast_vote(
    *,
    actor: Any,
    ballot: FlagBallot,
    voter: Unit,
    approve: bool,
    now: dt.datetime | None = None,
) -> FlagVote:
    """Each member unit votes once."""
    now = clock.now(now)
    _require_member(ballot.cluster, voter)
    require_acting(actor, ballot.cluster, voter)
    locked = lock(ballot)
    if locked.status != BallotStatus.OPEN:
        raise TransitionNotAllowed(_("Cuộc bỏ phiếu đã kết thúc."), code="final_state")
    if FlagVote.objects.filter(ballot=ballot, voter=voter).exists():
        raise Conflict(_("%(unit)s đã bỏ phiếu.") % {"unit": voter.name}, code="already_voted")
    vote = FlagVote.objects.create(
        ballot=ballot,
        voter=voter,
        approve=approve,
        voted_at=now,
        voted_by=user_or_none(actor),
    )
    record(
        actor=actor,
        action="flag_ballot.voted",
        obj=ballot,
        after={"voter": voter.pk, "approve": approve},
        unit_id=voter.pk,
    )
    return vote


@transaction.atomic
def close_ballot(*, actor: Any, ballot: FlagBallot, now: dt.datetime | None = None) -> FlagBallot:
    """Count the approvals against the members and the dated threshold; keep the result."""
    require_manager(actor, ballot.cluster)
    now = clock.now(now)
    result = ballot_result(ballot, clock.today(now))
    move(
        BALLOT,
        ballot,
        BallotStatus.CLOSED,
        actor=actor,
        now=now,
        fields={"closed_at": now, "result": result.as_json()},
    )
    record(
        actor=actor,
        action="flag_ballot.closed",
        obj=ballot,
        after=result.as_json(),
        unit_id=ballot.cluster.organizer_id,
    )
    return ballot


def ballot_result(ballot: FlagBallot, on: dt.date) -> BallotResult:
    votes = list(ballot.votes.values_list("approve", flat=True))
    approvals = sum(1 for v in votes if v)
    size = ballot.cluster.memberships.count()
    params = current_parameters()
    threshold = Fraction(str(params.get(VOTE_SHARE_KEY, on)))
    share = Fraction(approvals, size) if size else Fraction(0)
    return BallotResult(
        approvals=approvals,
        against=len(votes) - approvals,
        cast=len(votes),
        size=size,
        share=share,
        threshold=threshold,
        citation=params.record(VOTE_SHARE_KEY, on).citation,
        passed=size > 0 and share >= threshold,
    )


def _criteria(sheet: ScoreSheet, items: Sequence[CriterionData]) -> list[Criterion]:
    if not items:
        raise InvalidData(_("Bảng chấm điểm cần ít nhất một tiêu chí."), code="empty")
    names = [clean(i.name) for i in items]
    if len(set(names)) != len(names) or not all(names):
        raise InvalidData(_("Mỗi tiêu chí cần một tên riêng."))
    rows = []
    for order, (name, item) in enumerate(zip(names, items, strict=True), start=1):
        if item.max_points is None or item.max_points <= 0:
            raise InvalidData(_("Điểm tối đa của «%(c)s» phải lớn hơn 0.") % {"c": name})
        if item.weight is None or item.weight <= 0:
            raise InvalidData(_("Hệ số của «%(c)s» phải lớn hơn 0.") % {"c": name})
        rows.append(
            Criterion(
                sheet=sheet,
                order=order,
                group=clean(item.group),
                name=name,
                max_points=item.max_points,
                weight=item.weight,
            )
        )
    return rows


def may_manage(actor: Any, cluster: Cluster) -> bool:
    return actor is None or can_manage_cluster(actor, cluster)


def may_act(actor: Any, cluster: Cluster, unit: Unit) -> bool:
    return actor is None or unit.pk in {u.pk for u in acting_units(actor, cluster)}


def require_manager(actor: Any, cluster: Cluster) -> None:
    """The organiser's officers (and the head unit's) run the cluster's year."""
    ensure(
        may_manage(actor, cluster),
        _("Chỉ đơn vị tổ chức, cụm trưởng của %(c)s làm được việc này.") % {"c": cluster.name},
    )


def require_acting(actor: Any, cluster: Cluster, unit: Unit) -> None:
    """A member signs, scores, confirms and votes in its own name only."""
    ensure(
        may_act(actor, cluster, unit),
        _("Chỉ %(u)s làm việc này với tư cách của mình; đơn vị khác không làm thay được.")
        % {"u": unit.name},
    )


def users_acting_for(cluster: Cluster, unit: Unit) -> list[Any]:
    return [u for u in users_who_can("edit", unit.pk) if may_act(u, cluster, unit)]


def _sheet_in(sheet: ScoreSheet, status: str, message: str, version: int | None = None) -> Any:
    """The sheet's row, locked, if it is in `status`; else nothing is done, with `message`."""
    locked = lock(sheet, version)
    if locked.status != status:
        final = locked.status == SheetStatus.LOCKED
        raise TransitionNotAllowed(message, code="final_state" if final else "invalid_transition")
    return locked


def _require_member(cluster: Cluster, *units: Unit) -> None:
    members = set(cluster.memberships.values_list("unit_id", flat=True))
    for unit in units:
        if unit.pk not in members:
            raise InvalidData(
                _("%(unit)s không phải thành viên của %(cluster)s.")
                % {"unit": unit.name, "cluster": cluster.name},
                code="not_member",
            )
