"""Violations counted against a unit for a year (the contract's `unit_violation_years`), with the
document they rest on: record, correct, remove; atomic and audited. `tdkt.records.services`
re-exports these functions.

A violation bars the unit's TTLĐXS and emulation flags for the year, and its head's titles above
LĐTT; the verdicts name it with its basis (`UnitViolation.description`)."""

from __future__ import annotations

import datetime as dt
from typing import Any, NotRequired, TypedDict, Unpack

from django.db import transaction
from django.utils.translation import gettext as _

from tdkt.audit.services import record, snapshot
from tdkt.errors import DomainError, InvalidData
from tdkt.org.models import Unit
from tdkt.records.models import UnitViolation, ViolationBasis, ViolationKind
from tdkt.text import clean
from tdkt.workflow.access import access_for
from tdkt.workflow.locking import bump_version

FIELDS = [
    "unit_id",
    "year",
    "kind",
    "note",
    "basis_kind",
    "basis_number",
    "basis_date",
    "basis_issuer",
]
MIN_REASON_LENGTH = 10


class NotAllowed(DomainError):
    code = "not_allowed"


class ViolationFields(TypedDict):
    """What a user states about a violation, besides its unit."""

    year: int
    kind: str
    basis_kind: str
    basis_number: str
    basis_date: dt.date | None
    basis_issuer: NotRequired[str]
    note: NotRequired[str]


@transaction.atomic
def record_unit_violation(
    *,
    actor: Any,
    unit: Unit,
    **fields: Unpack[ViolationFields],
) -> UnitViolation:
    """A violation counted against `unit` for `year`, established by a judgment, an inspection's
    conclusion or a decision (`basis_kind`) of `basis_number` and `basis_date`."""
    _check_actor(actor, unit)
    data = _checked(fields)
    obj = UnitViolation.objects.create(unit=unit, **data)
    record(
        actor=actor,
        action="unit_violation.recorded",
        obj=obj,
        after=snapshot(obj, FIELDS),
        unit_id=unit.pk,
    )
    return obj


@transaction.atomic
def correct_unit_violation(
    *,
    actor: Any,
    violation: UnitViolation,
    version: int | None,
    reason: str,
    **fields: Unpack[ViolationFields],
) -> UnitViolation:
    """Correct what was entered wrongly (the unit stays); audited before and after, with the
    reason. `version` (the one the user edited) must still be current."""
    _check_actor(actor, violation.unit)
    reason = _check_reason(reason)
    data = _checked(fields)
    bump_version(violation, version)
    before = snapshot(violation, FIELDS)
    for name, value in data.items():
        setattr(violation, name, value)
    violation.save(update_fields=list(data))
    record(
        actor=actor,
        action="unit_violation.corrected",
        obj=violation,
        before=before,
        after=snapshot(violation, FIELDS),
        reason=reason,
        unit_id=violation.unit_id,
    )
    return violation


@transaction.atomic
def remove_unit_violation(
    *, actor: Any, violation: UnitViolation, version: int | None, reason: str
) -> None:
    """Remove a violation recorded by mistake (or annulled); what it said stays in the audit
    trail, with the reason."""
    _check_actor(actor, violation.unit)
    reason = _check_reason(reason)
    bump_version(violation, version)
    record(
        actor=actor,
        action="unit_violation.removed",
        obj=violation,
        before=snapshot(violation, FIELDS),
        reason=reason,
        unit_id=violation.unit_id,
    )
    violation.delete()


def may_edit(actor: Any, unit_id: int) -> bool:
    return actor is None or access_for(actor).can("edit", unit_id)


def _check_actor(actor: Any, unit: Unit) -> None:
    if not may_edit(actor, unit.pk):
        raise NotAllowed(_("Bạn không có quyền cập nhật vi phạm của đơn vị này."))


def _checked(fields: ViolationFields) -> dict[str, Any]:
    year, kind, basis_kind = fields["year"], fields["kind"], fields["basis_kind"]
    basis_date = fields["basis_date"]
    if kind not in ViolationKind.values:
        raise InvalidData(_("Loại vi phạm không hợp lệ: %(k)s") % {"k": kind})
    if not isinstance(year, int) or not 1945 <= year <= 2100:
        raise InvalidData(_("Năm không hợp lệ: %(y)s") % {"y": year})
    if basis_kind not in ViolationBasis.values:
        raise InvalidData(
            _("Hãy chọn văn bản căn cứ: bản án, kết luận thanh tra, kiểm tra hoặc quyết định.")
        )
    number, issuer = clean(fields["basis_number"]), clean(fields.get("basis_issuer", ""))
    if not number:
        raise InvalidData(_("Thiếu số văn bản căn cứ."))
    if len(number) > 60:
        raise InvalidData(_("Số văn bản căn cứ dài quá 60 ký tự."))
    if len(issuer) > 200:
        raise InvalidData(_("Tên cơ quan ban hành dài quá 200 ký tự."))
    if basis_date is None:
        raise InvalidData(_("Thiếu ngày của văn bản căn cứ."))
    if not dt.date(1945, 1, 1) <= basis_date <= dt.date(2100, 12, 31):
        raise InvalidData(_("Ngày của văn bản căn cứ không hợp lệ."))
    return {
        "year": year,
        "kind": kind,
        "basis_kind": basis_kind,
        "basis_number": number,
        "basis_date": basis_date,
        "basis_issuer": issuer,
        "note": clean(fields.get("note", "")),
    }


def _check_reason(reason: str) -> str:
    reason = clean(reason)
    if len(reason) < MIN_REASON_LENGTH:
        raise InvalidData(
            _("Lý do phải có ít nhất %(n)d ký tự để người sau hiểu vì sao sửa, xóa.")
            % {"n": MIN_REASON_LENGTH}
        )
    return reason
