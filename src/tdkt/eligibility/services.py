"""Changing the dated parameters: a new circular adds a dated value, a mistake is corrected. Both
are audited with the values before and after, and both check that the key's records still form one
consistent history (no overlap, a citation, a note for P and M) before anything is saved."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tdkt.audit.services import record, snapshot
from tdkt.eligibility.models import Parameter
from tdkt.eligibility.parameters import FIELDS, seed_missing_keys
from tdkt.errors import Conflict, InvalidData
from tdkt.rules.errors import RuleDataError
from tdkt.rules.params import Parameter as ParamRecord
from tdkt.rules.params import ParameterSet, default_parameters
from tdkt.text import clean

ONE_DAY = dt.timedelta(days=1)
AUDITED = [f for f in FIELDS if f != "key"]


def known_keys() -> set[str]:
    return set(default_parameters().names()) | set(
        Parameter.objects.values_list("key", flat=True).distinct()
    )


@transaction.atomic
def add_parameter_value(
    *,
    actor: Any,
    key: str,
    value: Any,
    valid_from: dt.date,
    citation: str,
    confidence: str,
    note: str = "",
    valid_to: dt.date | None = None,
    reason: str = "",
) -> Parameter:
    """A new value of `key` from `valid_from` (a new legal text). The record in force that day
    ends the day before; a later record, if any, bounds the new one."""
    seed_missing_keys()
    if key not in known_keys():
        raise InvalidData(_("Không có tham số '%(k)s'.") % {"k": key})
    rows = list(Parameter.objects.select_for_update().filter(key=key).order_by("valid_from"))
    if any(r.valid_from == valid_from for r in rows):
        raise Conflict(
            _("Tham số '%(k)s' đã có giá trị từ ngày %(d)s; hãy sửa bản ghi đó.")
            % {"k": key, "d": valid_from.strftime("%d/%m/%Y")}
        )
    _check_type(key, value, rows)
    covering = next(
        (
            r
            for r in rows
            if r.valid_from < valid_from and (r.valid_to is None or r.valid_to >= valid_from)
        ),
        None,
    )
    later = next((r for r in rows if r.valid_from > valid_from), None)
    if valid_to is None and later is not None:
        valid_to = later.valid_from - ONE_DAY
    new = Parameter(
        key=key,
        value=value,
        valid_from=valid_from,
        valid_to=valid_to,
        citation=clean(citation),
        confidence=confidence,
        note=(note or "").strip(),
    )
    closed_before = None
    if covering is not None:
        closed_before = snapshot(covering, AUDITED)
        covering.valid_to = valid_from - ONE_DAY
    _check_history(
        key, [r for r in rows if r is not covering] + [new] + ([covering] if covering else [])
    )
    if covering is not None:
        covering.save(update_fields=["valid_to", "updated_at"])
        record(
            actor=actor,
            action="parameter.corrected",
            obj=covering,
            before=closed_before,
            after=snapshot(covering, AUDITED),
            reason=reason
            or _("Kết thúc hiệu lực khi có giá trị mới từ %(d)s")
            % {"d": valid_from.strftime("%d/%m/%Y")},
        )
    new.save()
    record(
        actor=actor,
        action="parameter.added",
        obj=new,
        after={"key": key, **snapshot(new, AUDITED)},
        reason=reason,
    )
    return new


@transaction.atomic
def correct_parameter(
    *,
    actor: Any,
    parameter: Parameter,
    value: Any,
    valid_from: dt.date,
    valid_to: dt.date | None,
    citation: str,
    confidence: str,
    note: str,
    reason: str,
) -> Parameter:
    """Correct one record (a wrong value, date, citation or confidence). Needs a reason."""
    reason = clean(reason)
    if not reason:
        raise InvalidData(_("Cần nêu lý do sửa tham số."))
    parameter = Parameter.objects.select_for_update().get(pk=parameter.pk)
    others = list(Parameter.objects.filter(key=parameter.key).exclude(pk=parameter.pk))
    _check_type(parameter.key, value, others)
    before = snapshot(parameter, AUDITED)
    parameter.value = value
    parameter.valid_from = valid_from
    parameter.valid_to = valid_to
    parameter.citation = clean(citation)
    parameter.confidence = confidence
    parameter.note = (note or "").strip()
    after = snapshot(parameter, AUDITED)
    if after == before:
        return parameter
    _check_history(parameter.key, [*others, parameter])
    parameter.save()
    record(
        actor=actor,
        action="parameter.corrected",
        obj=parameter,
        before=before,
        after=after,
        reason=reason,
    )
    return parameter


def _check_history(key: str, rows: list[Parameter]) -> None:
    """The key's records must make a valid history for the engine (it raises otherwise)."""
    try:
        ParameterSet([ParamRecord.from_record(r.to_record()) for r in rows])
    except RuleDataError as exc:
        raise InvalidData(str(exc)) from exc


def _kind(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    return type(value).__name__


KIND_NAMES = {"bool": "true/false", "number": "số", "str": "chuỗi ký tự"}


def _check_type(key: str, value: Any, rows: list[Parameter]) -> None:
    """A value of the same kind as the key's other values (null aside): a threshold stays a
    number, a rule name stays text."""
    found = {_kind(r.value) for r in rows} | {
        _kind(p.value) for p in default_parameters().history(key)
    }
    kinds = {k for k in found if k is not None}
    mine = _kind(value)
    if mine is not None and kinds and mine not in kinds:
        expected = ", ".join(sorted(KIND_NAMES.get(k, k) for k in kinds))
        raise InvalidData(
            _("Giá trị của tham số '%(k)s' phải là %(t)s.") % {"k": key, "t": expected}
        )
