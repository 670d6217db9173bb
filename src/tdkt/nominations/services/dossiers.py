"""A dossier while its author holds it: created, its tờ trình header edited, its candidates added
(each with the engine's verdict), changed or removed. The moves up the levels are in `moves`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tdkt.audit.services import record
from tdkt.errors import Conflict, InvalidData, TransitionNotAllowed
from tdkt.nominations import policy
from tdkt.nominations.models import (
    EDITABLE,
    Candidate,
    Dossier,
    DossierKind,
    DossierStatus,
)
from tdkt.nominations.services.sudden import check_act
from tdkt.nominations.services.verdicts import evaluate
from tdkt.org.models import Unit, UnitScope
from tdkt.people.models import Person
from tdkt.records.models import AwardEntry, Initiative
from tdkt.rules import codes
from tdkt.rules.codes import Award, Subject
from tdkt.text import clean
from tdkt.workflow import clock
from tdkt.workflow.access import ensure_can
from tdkt.workflow.locking import bump_version
from tdkt.workflow.machine import user_or_none
from tdkt.workflow.reasons import clean_text

S = DossierStatus


def default_title(kind: str, year: int, unit: Unit) -> str:
    what = {
        DossierKind.YEARLY: _("khen thưởng công trạng năm %(y)s"),
        DossierKind.MOVEMENT: _("khen thưởng phong trào thi đua năm %(y)s"),
        DossierKind.SUDDEN: _("khen thưởng đột xuất năm %(y)s"),
        DossierKind.CONTRIBUTION: _("khen thưởng quá trình cống hiến năm %(y)s"),
        DossierKind.COMMEMORATIVE: _("tặng Kỷ niệm chương năm %(y)s"),
    }[DossierKind(kind)] % {"y": year}
    return _("Đề nghị %(what)s của %(unit)s") % {"what": what, "unit": unit.name}


@transaction.atomic
def create_dossier(
    *,
    actor: Any,
    unit: Unit,
    kind: str,
    year: int,
    title: str = "",
    summary: str = "",
    movement: Any = None,
) -> Dossier:
    ensure_can(actor, "nominate", unit.pk)
    if kind not in DossierKind.values:
        raise InvalidData(_("Loại hình khen thưởng không hợp lệ."))
    if not 1945 <= int(year) <= 2100:
        raise InvalidData(_("Năm thành tích không hợp lệ."))
    if movement is not None and kind != DossierKind.MOVEMENT:
        raise InvalidData(_("Chỉ hồ sơ khen thưởng theo phong trào mới gắn với phong trào."))
    above = UnitScope.objects.filter(descendant=unit, ancestor_id=getattr(movement, "issuer_id", 0))
    if movement is not None and not above.exists():
        raise InvalidData(_("Phong trào này không do đơn vị hoặc cấp trên của đơn vị phát động."))
    if unit.dissolved_on is not None:
        raise InvalidData(_("Đơn vị đã kết thúc hoạt động, không thể lập hồ sơ."))
    if unit.reports_to() is None:
        raise InvalidData(_("Đơn vị cấp cao nhất không có nơi gửi hồ sơ đề nghị."))
    dossier = Dossier.objects.create(
        kind=kind,
        year=year,
        title=clean(title)[:300] or default_title(kind, year, unit),
        summary=clean_text(summary),
        unit=unit,
        movement=movement,
        created_by=user_or_none(actor),
    )
    record(
        actor=actor,
        action="dossier.created",
        obj=dossier,
        after={"kind": kind, "year": year, "title": dossier.title},
        unit_id=unit.pk,
    )
    return dossier


_HEADER_FIELDS = ("title", "summary", "number", "symbol", "signer_name", "signer_title")


@transaction.atomic
def update_dossier(*, actor: Any, dossier: Dossier, version: int | None, **changes: str) -> Dossier:
    """The tờ trình's header fields; only while the author holds the dossier."""
    ensure_can(actor, "nominate", dossier.unit_id)
    _require_editable(dossier)
    unknown = set(changes) - set(_HEADER_FIELDS)
    if unknown:
        raise InvalidData(_("Trường không sửa được: %(f)s") % {"f": ", ".join(sorted(unknown))})
    before = {k: getattr(dossier, k) for k in changes}
    for key, value in changes.items():
        text = clean_text(value) if key == "summary" else clean(value)
        if key == "title" and not text:
            raise InvalidData(_("Trích yếu không được để trống."))
        setattr(dossier, key, text)
    bump_version(dossier, version)
    dossier.save(update_fields=list(changes))
    record(
        actor=actor,
        action="dossier.updated",
        obj=dossier,
        before=before,
        after={k: getattr(dossier, k) for k in changes},
        unit_id=dossier.unit_id,
    )
    return dossier


def _require_editable(dossier: Dossier) -> None:
    if dossier.status not in EDITABLE:
        raise TransitionNotAllowed(
            _("Hồ sơ đang ở trạng thái «%(s)s»: chỉ sửa được khi là dự thảo hoặc bị trả lại.")
            % {"s": dossier.get_status_display()},
            code="not_editable",
        )


# --- candidates ----------------------------------------------------------------------------------


@transaction.atomic
def add_candidate(
    *,
    actor: Any,
    dossier: Dossier,
    version: int | None,
    award: str,
    person: Person | None = None,
    unit: Unit | None = None,
    achievement: str = "",
    position: str = "",
    initiatives: Iterable[Initiative] = (),
    act_on: dt.date | None = None,
    now: dt.datetime | None = None,
) -> Candidate:
    """`act_on`: in a sudden dossier, the day of the act that `achievement` describes."""
    ensure_can(actor, "nominate", dossier.unit_id)
    _require_editable(dossier)
    code = _award_for(dossier, award, person, unit)
    check_act(dossier, act_on, clock.today(now))
    subject_unit = person.unit_id if person is not None else unit.pk  # type: ignore[union-attr]
    if not UnitScope.objects.filter(ancestor=dossier.unit, descendant_id=subject_unit).exists():
        raise InvalidData(_("Chỉ đề nghị cho cá nhân, tập thể thuộc đơn vị lập hồ sơ."))
    _refuse_duplicates(dossier, code, person, unit)
    bump_version(dossier, version)
    if person is not None:
        name, post = person.full_name, clean(position) or person.post
        where = person.unit.name if person.unit else ""
    else:
        assert unit is not None
        name, post, where = unit.name, "", unit.parent.name if unit.parent else ""
    candidate = Candidate.objects.create(
        dossier=dossier,
        person=person,
        unit=unit,
        award=code,
        name=name,
        position=post,
        unit_name=where,
        achievement=clean_text(achievement),
        act_on=act_on,
        order=dossier.candidates.count() + 1,
    )
    _set_initiatives(candidate, initiatives)
    evaluate([candidate], dossier.year, clock.today(now))
    record(
        actor=actor,
        action="dossier.candidate_added",
        obj=dossier,
        after={"candidate": name, "award": str(code), "verdict": candidate.verdict_status},
        unit_id=dossier.unit_id,
    )
    return candidate


def _award_for(dossier: Dossier, award: str, person: Person | None, unit: Unit | None) -> Award:
    if (person is None) == (unit is None):
        raise InvalidData(_("Phải chọn đúng một cá nhân hoặc một tập thể."))
    try:
        code = Award(award)
    except ValueError as exc:
        raise InvalidData(_("Danh hiệu, hình thức không hợp lệ: %(a)s") % {"a": award}) from exc
    subject = Subject.INDIVIDUAL if person is not None else Subject.COLLECTIVE
    if not codes.award_fits(code, subject):
        raise InvalidData(
            _("%(a)s không xét cho %(s)s.")
            % {"a": codes.award_name(code), "s": _("cá nhân") if person else _("tập thể")}
        )
    if code not in policy.KIND_AWARDS[dossier.kind]:
        raise InvalidData(
            _("Hồ sơ «%(k)s» không đề nghị %(a)s.")
            % {"k": dossier.get_kind_display(), "a": codes.award_name(code)}
        )
    return code


def _refuse_duplicates(
    dossier: Dossier, code: Award, person: Person | None, unit: Unit | None
) -> None:
    subject = {"person": person} if person is not None else {"unit": unit}
    other = (
        Candidate.objects.filter(award=code, dossier__year=dossier.year, **subject)
        .exclude(dossier__status=S.WITHDRAWN)
        .select_related("dossier")
        .first()
    )
    if other is not None:
        raise Conflict(
            _("%(n)s đã được đề nghị %(a)s năm %(y)s trong hồ sơ %(c)s «%(t)s».")
            % {
                "n": other.name,
                "a": codes.award_name(code),
                "y": dossier.year,
                "c": other.dossier.code,
                "t": other.dossier.title,
            },
            code="duplicate",
        )
    if AwardEntry.objects.filter(
        award=code, year=dossier.year, revoked_on__isnull=True, **subject
    ).exists():
        raise Conflict(
            _("%(a)s năm %(y)s đã có trong sổ khen thưởng.")
            % {"a": codes.award_name(code), "y": dossier.year},
            code="duplicate",
        )


def _set_initiatives(candidate: Candidate, initiatives: Iterable[Initiative]) -> None:
    chosen = list(initiatives)
    if not chosen:
        candidate.initiatives.clear()
        return
    if candidate.person_id is None:
        raise InvalidData(_("Sáng kiến chỉ làm căn cứ cho cá nhân."))
    for item in chosen:
        if not item.authors.filter(pk=candidate.person_id).exists():
            # Named by the id the caller sent, never by its title: it may belong to a unit
            # outside the caller's scope.
            raise InvalidData(
                _("Sáng kiến số %(id)s không phải sáng kiến của %(n)s.")
                % {"id": item.pk, "n": candidate.name}
            )
        used = item.used_for
        if used is not None and used.revoked_on is None:
            raise Conflict(
                _("Sáng kiến «%(t)s» đã được dùng làm căn cứ khen thưởng (%(a)s năm %(y)s).")
                % {"t": item.title, "a": used.get_award_display(), "y": used.year},
                code="initiative_used",
            )
    candidate.initiatives.set(chosen)


@transaction.atomic
def update_candidate(
    *,
    actor: Any,
    candidate: Candidate,
    version: int | None,
    achievement: str | None = None,
    justification: str | None = None,
    position: str | None = None,
    initiatives: Iterable[Initiative] | None = None,
    act_on: dt.date | None = None,
    now: dt.datetime | None = None,
) -> Candidate:
    """Fields given as None stay as they are. A sudden candidate whose act changed is judged
    again at once."""
    dossier = candidate.dossier
    ensure_can(actor, "nominate", dossier.unit_id)
    _require_editable(dossier)
    check_act(dossier, act_on, clock.today(now))
    bump_version(dossier, version)
    fields = []
    if achievement is not None:
        candidate.achievement = clean_text(achievement)
        fields.append("achievement")
    if justification is not None:
        candidate.justification = clean_text(justification)
        fields.append("justification")
    if position is not None:
        candidate.position = clean(position)
        fields.append("position")
    if act_on is not None:
        candidate.act_on = act_on
        fields.append("act_on")
    if fields:
        candidate.save(update_fields=fields)
    if dossier.kind == DossierKind.SUDDEN and {"achievement", "act_on"} & set(fields):
        evaluate([candidate], dossier.year, clock.today(now))
    if initiatives is not None:
        _set_initiatives(candidate, initiatives)
    record(
        actor=actor,
        action="dossier.candidate_updated",
        obj=dossier,
        after={"candidate": candidate.name, "fields": fields},
        unit_id=dossier.unit_id,
    )
    return candidate


@transaction.atomic
def remove_candidate(*, actor: Any, candidate: Candidate, version: int | None) -> Dossier:
    dossier = candidate.dossier
    ensure_can(actor, "nominate", dossier.unit_id)
    _require_editable(dossier)
    if candidate.components.exists():
        raise InvalidData(
            _("%(n)s đã có tệp đính kèm trong hồ sơ; tệp không bị xóa nên không bỏ được dòng này.")
            % {"n": candidate.name}
        )
    bump_version(dossier, version)
    name, award = candidate.name, candidate.award
    candidate.delete()
    record(
        actor=actor,
        action="dossier.candidate_removed",
        obj=dossier,
        before={"candidate": name, "award": award},
        unit_id=dossier.unit_id,
    )
    return dossier


@transaction.atomic
def refresh_verdicts(
    *, actor: Any, dossier: Dossier, version: int | None, now: dt.datetime | None = None
) -> Dossier:
    ensure_can(actor, "nominate", dossier.unit_id)
    _require_editable(dossier)
    bump_version(dossier, version)
    evaluate(list(dossier.candidates.all()), dossier.year, clock.today(now))
    return dossier
