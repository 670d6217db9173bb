"""The yearly inspection plan: drafted by the inspecting unit (a superior unit, or the leading
unit of a cluster or block), with the units to inspect and their dates, the checklist and the
team; approved by its leaders (or returned to the drafters with a reason), then carried out."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tdkt.audit.services import record
from tdkt.errors import InvalidData
from tdkt.inspections.checklist import DEFAULT_ITEMS
from tdkt.inspections.models import (
    ChecklistItem,
    Inspection,
    InspectionStatus,
    Target,
    TeamMember,
    TeamRole,
)
from tdkt.inspections.services.common import (
    ensure_approve,
    ensure_plan,
    move_inspection,
    require_status,
)
from tdkt.org.models import Cluster, ClusterRole, Unit, UnitLevel, UnitScope
from tdkt.people.models import Person
from tdkt.text import clean, search_key
from tdkt.workflow import clock
from tdkt.workflow.access import ensure_can
from tdkt.workflow.locking import bump_version
from tdkt.workflow.machine import user_or_none
from tdkt.workflow.reasons import clean_text

S = InspectionStatus
TITLE_MIN = 10
TEXT_MAX = 10_000
NOT_DRAFT = "Kế hoạch kiểm tra đã được duyệt: chỉ sửa được khi còn là dự thảo."


@dataclass
class PlanData:
    """What the drafters write about a plan (everything but its units, checklist and team)."""

    title: str
    year: int
    starts_on: dt.date
    ends_on: dt.date
    basis: str = ""
    purpose: str = ""
    method: str = ""
    number: str = ""
    symbol: str = "KH-VKS"
    place: str = ""
    signed_on: dt.date | None = None
    signer_title: str = ""
    signer_name: str = ""


def cluster_head(cluster: Cluster) -> Unit | None:
    """The leading unit (cụm trưởng, khối trưởng) of the cluster's year."""
    member = cluster.memberships.filter(role=ClusterRole.HEAD).select_related("unit").first()
    return member.unit if member is not None else None


@transaction.atomic
def create_plan(
    *,
    actor: Any,
    inspector: Unit | None = None,
    cluster: Cluster | None = None,
    data: PlanData,
    now: dt.datetime | None = None,
) -> Inspection:
    """A draft plan of `inspector` — or, for a cluster or block, of its leading unit (or of the
    unit organising it, when it inspects the leading unit itself) — with the default checklist."""
    if cluster is not None:
        head = cluster_head(cluster)
        if inspector is None:
            inspector = head
        if inspector is None or inspector.pk not in (cluster.organizer_id, getattr(head, "pk", 0)):
            raise InvalidData(
                _(
                    "Kiểm tra của %(c)s do cụm trưởng, khối trưởng hoặc đơn vị tổ chức cụm, "
                    "khối chủ trì."
                )
                % {"c": cluster.name},
                code="no_cluster_head",
            )
    if inspector is None:
        raise InvalidData(_("Hãy chọn đơn vị kiểm tra."), code="no_inspector")
    ensure_can(actor, "inspection.plan", inspector.pk)
    now = clock.now(now)
    values = _validated(data)
    inspection = Inspection.objects.create(
        inspector=inspector,
        cluster=cluster,
        created_by=user_or_none(actor),
        created_at=now,
        updated_at=now,
        **values,
    )
    ChecklistItem.objects.bulk_create(
        ChecklistItem(inspection=inspection, order=i, code=code, text=str(text), citation=cite)
        for i, (code, text, cite) in enumerate(DEFAULT_ITEMS, start=1)
    )
    _refresh_search(inspection)
    record(
        actor=actor,
        action="inspection.created",
        obj=inspection,
        after=_facts(inspection),
        unit_id=inspector.pk,
    )
    return inspection


@transaction.atomic
def update_plan(
    *,
    actor: Any,
    inspection: Inspection,
    data: PlanData,
    version: int | None,
    now: dt.datetime | None = None,
) -> Inspection:
    ensure_plan(actor, inspection)
    values = _validated(data)
    bump_version(inspection, version)
    inspection.refresh_from_db(fields=["status"])
    require_status(inspection, S.DRAFT, message=_(NOT_DRAFT))
    before = _facts(inspection)
    for name, value in values.items():
        setattr(inspection, name, value)
    inspection.updated_at = clock.now(now)
    inspection.save(update_fields=[*values, "updated_at"])
    _refresh_search(inspection)
    record(
        actor=actor,
        action="inspection.updated",
        obj=inspection,
        before=before,
        after=_facts(inspection),
        unit_id=inspection.inspector_id,
    )
    return inspection


def candidate_units(inspection: Inspection) -> list[Unit]:
    """The units the plan may inspect: the cluster's other members, or the units under the
    inspecting unit (still active)."""
    if inspection.cluster_id is not None:
        qs = Unit.objects.filter(cluster_memberships__cluster_id=inspection.cluster_id).exclude(
            pk=inspection.inspector_id
        )
    else:
        below = UnitScope.objects.filter(ancestor_id=inspection.inspector_id).values(
            "descendant_id"
        )
        qs = Unit.objects.filter(pk__in=below).exclude(pk=inspection.inspector_id)
        qs = qs.exclude(level=UnitLevel.PHONG)  # departments are inspected with their unit
    return list(qs.filter(dissolved_on__isnull=True).order_by("sort_key"))


@transaction.atomic
def add_target(
    *,
    actor: Any,
    inspection: Inspection,
    unit: Unit,
    scheduled_on: dt.date | None,
    version: int | None,
) -> Target:
    ensure_plan(actor, inspection)
    _editable(inspection, version)
    if unit.pk not in {u.pk for u in candidate_units(inspection)}:
        raise InvalidData(
            _("%(u)s không thuộc phạm vi kiểm tra của kế hoạch này.") % {"u": unit.name},
            code="unit_out_of_scope",
        )
    if inspection.targets.filter(unit=unit).exists():
        raise InvalidData(
            _("%(u)s đã có trong kế hoạch.") % {"u": unit.name}, code="target_duplicate"
        )
    if scheduled_on is not None and not dt.date(1945, 1, 1) <= scheduled_on <= dt.date(2100, 1, 1):
        raise InvalidData(_("Ngày kiểm tra không hợp lệ."), code="bad_date")
    target = Target.objects.create(inspection=inspection, unit=unit, scheduled_on=scheduled_on)
    _refresh_search(inspection)
    _audit_update(actor, inspection, {"target_added": unit.pk, "scheduled_on": scheduled_on})
    return target


@transaction.atomic
def remove_target(*, actor: Any, target: Target, version: int | None) -> None:
    inspection = target.inspection
    ensure_plan(actor, inspection)
    _editable(inspection, version)
    unit_id = target.unit_id
    target.delete()
    _refresh_search(inspection)
    _audit_update(actor, inspection, {"target_removed": unit_id})


@transaction.atomic
def add_member(
    *, actor: Any, inspection: Inspection, person: Person, role: str, version: int | None
) -> TeamMember:
    ensure_plan(actor, inspection)
    _editable(inspection, version)
    if role not in TeamRole.values:
        raise InvalidData(_("Vai trò trong đoàn không hợp lệ."), code="bad_role")
    if inspection.team.filter(person=person).exists():
        raise InvalidData(
            _("%(p)s đã có trong đoàn kiểm tra.") % {"p": person.full_name},
            code="member_duplicate",
        )
    if role == TeamRole.HEAD and inspection.team.filter(role=TeamRole.HEAD).exists():
        raise InvalidData(_("Đoàn kiểm tra đã có trưởng đoàn."), code="one_head")
    post = ", ".join(p for p in (person.post, str(person.unit or "")) if p)[:300]
    member = TeamMember.objects.create(inspection=inspection, person=person, role=role, post=post)
    _audit_update(actor, inspection, {"member_added": person.pk, "role": role})
    return member


@transaction.atomic
def remove_member(*, actor: Any, member: TeamMember, version: int | None) -> None:
    inspection = member.inspection
    ensure_plan(actor, inspection)
    _editable(inspection, version)
    person_id = member.person_id
    member.delete()
    _audit_update(actor, inspection, {"member_removed": person_id})


@transaction.atomic
def add_item(
    *, actor: Any, inspection: Inspection, code: str, text: str, citation: str, version: int | None
) -> ChecklistItem:
    ensure_plan(actor, inspection)
    _editable(inspection, version)
    code, text, citation = clean(code).upper(), clean(text), clean(citation)
    if not code or len(code) > 20:
        raise InvalidData(_("Mã nội dung kiểm tra: 1 đến 20 ký tự."), code="bad_code")
    if len(text) < 10 or len(text) > 500:
        raise InvalidData(_("Nội dung kiểm tra: từ 10 đến 500 ký tự."), code="bad_text")
    if len(citation) > 300:
        raise InvalidData(_("Căn cứ quy định dài quá 300 ký tự."), code="bad_citation")
    if inspection.items.filter(code=code).exists():
        raise InvalidData(_("Mã %(c)s đã có.") % {"c": code}, code="item_duplicate")
    order = (inspection.items.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    item = ChecklistItem.objects.create(
        inspection=inspection, order=order, code=code, text=text, citation=citation
    )
    _audit_update(actor, inspection, {"item_added": code})
    return item


@transaction.atomic
def remove_item(*, actor: Any, item: ChecklistItem, version: int | None) -> None:
    inspection = item.inspection
    ensure_plan(actor, inspection)
    _editable(inspection, version)
    code = item.code
    item.delete()
    _audit_update(actor, inspection, {"item_removed": code})


# --- moves ---------------------------------------------------------------------------------------


@transaction.atomic
def approve_plan(
    *, actor: Any, inspection: Inspection, version: int | None, now: dt.datetime | None = None
) -> Inspection:
    """The leaders approve a complete plan: units to inspect, contents, a team with its head."""
    ensure_approve(actor, inspection)
    missing = []
    if not inspection.targets.exists():
        missing.append(_("đơn vị được kiểm tra"))
    if not inspection.items.exists():
        missing.append(_("nội dung kiểm tra"))
    if not inspection.team.filter(role=TeamRole.HEAD).exists():
        missing.append(_("trưởng đoàn kiểm tra"))
    if missing and inspection.status == S.DRAFT:
        raise InvalidData(
            _("Kế hoạch còn thiếu: %(m)s.") % {"m": ", ".join(str(m) for m in missing)},
            code="plan_incomplete",
        )
    return move_inspection(actor, inspection, S.APPROVED, "inspection.approved", version, now)


@transaction.atomic
def return_plan(
    *,
    actor: Any,
    inspection: Inspection,
    reason_code: str,
    reason: str,
    version: int | None,
    now: dt.datetime | None = None,
) -> Inspection:
    ensure_approve(actor, inspection)
    return move_inspection(
        actor, inspection, S.DRAFT, "inspection.returned", version, now, reason_code, reason
    )


@transaction.atomic
def start_inspection(
    *, actor: Any, inspection: Inspection, version: int | None, now: dt.datetime | None = None
) -> Inspection:
    ensure_plan(actor, inspection)
    return move_inspection(actor, inspection, S.INSPECTING, "inspection.started", version, now)


# --- helpers -------------------------------------------------------------------------------------


def _editable(inspection: Inspection, version: int | None) -> None:
    """The plan's row locked, its version checked and advanced, while it is a draft."""
    bump_version(inspection, version)
    inspection.refresh_from_db(fields=["status"])
    require_status(inspection, S.DRAFT, message=_(NOT_DRAFT))


def _validated(data: PlanData) -> dict[str, Any]:
    title = clean(data.title)
    if not TITLE_MIN <= len(title) <= 300:
        raise InvalidData(
            _("Trích yếu kế hoạch: từ %(a)s đến 300 ký tự.") % {"a": TITLE_MIN}, code="bad_title"
        )
    if not isinstance(data.year, int) or not 1945 <= data.year <= 2100:
        raise InvalidData(_("Năm không hợp lệ: %(y)s") % {"y": data.year}, code="bad_year")
    if data.starts_on is None or data.ends_on is None:
        raise InvalidData(_("Hãy nhập kỳ kiểm tra (từ ngày, đến ngày)."), code="bad_period")
    if data.ends_on < data.starts_on:
        raise InvalidData(_("Kỳ kiểm tra: ngày kết thúc phải sau ngày bắt đầu."), code="bad_period")
    if (data.ends_on - data.starts_on).days > 5 * 366:
        raise InvalidData(_("Kỳ kiểm tra dài quá 5 năm."), code="bad_period")
    if not dt.date(1945, 1, 1) <= data.starts_on <= dt.date(2100, 12, 31):
        raise InvalidData(_("Kỳ kiểm tra không hợp lệ."), code="bad_period")
    texts = {k: clean_text(getattr(data, k)) for k in ("basis", "purpose", "method")}
    if any(len(v) > TEXT_MAX for v in texts.values()):
        raise InvalidData(_("Nội dung dài quá %(n)s ký tự.") % {"n": TEXT_MAX}, code="too_long")
    lines = {
        "number": (clean(data.number), 20),
        "symbol": (clean(data.symbol) or "KH-VKS", 40),
        "place": (clean(data.place), 80),
        "signer_title": (clean(data.signer_title), 120),
        "signer_name": (clean(data.signer_name), 150),
    }
    for _name, (value, limit) in lines.items():
        if len(value) > limit:
            raise InvalidData(_("«%(v)s» dài quá %(n)s ký tự.") % {"v": value, "n": limit})
    return {
        "title": title,
        "year": data.year,
        "starts_on": data.starts_on,
        "ends_on": data.ends_on,
        "signed_on": data.signed_on,
        **texts,
        **{k: v for k, (v, _n) in lines.items()},
    }


def _refresh_search(inspection: Inspection) -> None:
    names = list(inspection.targets.values_list("unit__name", flat=True))
    cluster = inspection.cluster.name if inspection.cluster is not None else ""
    inspection.search_text = search_key(
        inspection.title, inspection.inspector.name, cluster, *names
    )
    inspection.save(update_fields=["search_text"])


def _facts(inspection: Inspection) -> dict[str, Any]:
    return {
        "inspector_id": inspection.inspector_id,
        "cluster_id": inspection.cluster_id,
        **{k: v for k, v in asdict(_data_of(inspection)).items()},
    }


def _data_of(inspection: Inspection) -> PlanData:
    return PlanData(
        title=inspection.title,
        year=inspection.year,
        starts_on=inspection.starts_on,
        ends_on=inspection.ends_on,
        basis=inspection.basis,
        purpose=inspection.purpose,
        method=inspection.method,
        number=inspection.number,
        symbol=inspection.symbol,
        place=inspection.place,
        signed_on=inspection.signed_on,
        signer_title=inspection.signer_title,
        signer_name=inspection.signer_name,
    )


def _audit_update(actor: Any, inspection: Inspection, after: dict[str, Any]) -> None:
    record(
        actor=actor,
        action="inspection.updated",
        obj=inspection,
        after=after,
        unit_id=inspection.inspector_id,
    )
