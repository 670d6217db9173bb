"""Changing the dated parameters: a new circular adds a dated value, a mistake is corrected. Both
are audited with the values before and after, and both check that the key's records still form one
consistent history (no overlap, a citation, a note for P and M) before anything is saved.

Changing the legal regimes: a regime is closed when its texts cease (with the parameters that cite
them), and a new one is opened when new texts come; both audited, both checked as a whole table."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from tdkt.audit.services import record, snapshot
from tdkt.eligibility import snapshots
from tdkt.eligibility.models import Parameter, Regime, ScanSnapshot
from tdkt.eligibility.parameters import (
    FIELDS,
    current_engine,
    forget_regime_labels,
    seed_missing_keys,
    seed_missing_regimes,
)
from tdkt.eligibility.scan import check_dates
from tdkt.errors import Conflict, InvalidData
from tdkt.rules.errors import RuleDataError
from tdkt.rules.params import Parameter as ParamRecord
from tdkt.rules.params import ParameterSet, default_parameters
from tdkt.rules.regimes import Regime as Rec
from tdkt.rules.regimes import RegimeTable, instrument_numbers
from tdkt.text import clean
from tdkt.workflow.access import ensure_can

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
    new.save(force_insert=True)  # built first, so that the history is checked with it
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
    parameter.save(update_fields=[*AUDITED, "updated_at"])
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


# --- legal regimes ------------------------------------------------------------------------------

REGIME_AUDITED = ["starts_on", "valid_to", "label", "instruments", "confidence", "note", "ceased"]


@transaction.atomic
def close_regime(
    *, actor: Any, code: str, ceases_on: dt.date, ceased: list[str], reason: str
) -> tuple[Regime, list[Parameter]]:
    """Close regime `code`: its texts `ceased` (e.g. "Nghị định 152/2025/NĐ-CP") no longer apply
    from `ceases_on` (vbpl.vn's "ngày hết hiệu lực"), so its last day is the day before. Every
    parameter record still in force that day whose citation names one of those texts ends with it
    (returned, each audited). Until another regime is opened, the engine answers "cần xem xét" for
    the days after, naming the texts that ended. Needs a reason."""
    reason = clean(reason)
    if not reason:
        raise InvalidData(_("Cần nêu lý do, căn cứ kết thúc chế độ pháp lý."))
    names = [clean(c) for c in ceased if clean(c)]
    numbers = set().union(*(instrument_numbers(c) for c in names)) if names else set()
    if not names or any(not instrument_numbers(c) for c in names):
        raise InvalidData(
            _("Cần nêu số hiệu văn bản hết hiệu lực (ví dụ: Nghị định 152/2025/NĐ-CP).")
        )
    seed_missing_regimes()
    seed_missing_keys()  # a key read from the shipped defaults would not be closed otherwise
    regime = Regime.objects.select_for_update().filter(code=code).first()
    if regime is None:
        raise InvalidData(_("Không có chế độ pháp lý '%(c)s'.") % {"c": code})
    last_day = ceases_on - ONE_DAY
    if last_day < regime.starts_on:
        raise InvalidData(_("Ngày hết hiệu lực phải sau ngày chế độ pháp lý bắt đầu áp dụng."))
    if regime.valid_to is not None and regime.valid_to <= last_day:
        raise Conflict(
            _("Chế độ pháp lý này đã kết thúc từ ngày %(d)s.")
            % {"d": (regime.valid_to + ONE_DAY).strftime("%d/%m/%Y")}
        )
    before = snapshot(regime, REGIME_AUDITED)
    regime.valid_to, regime.ceased = last_day, names
    _check_regimes(regime)
    regime.save(update_fields=["valid_to", "ceased", "updated_at"])
    record(
        actor=actor,
        action="regime.closed",
        obj=regime,
        before=before,
        after=snapshot(regime, REGIME_AUDITED),
        reason=reason,
    )
    return regime, _close_parameters(actor, numbers, last_day, reason)


class _DryRun(Exception):
    def __init__(self, closed: list[Parameter]) -> None:
        self.closed = closed


def preview_close_regime(
    *, actor: Any, code: str, ceases_on: dt.date, ceased: list[str], reason: str
) -> list[Parameter]:
    """The parameter records `close_regime` would end (as they would stand after), with the
    same checks, for the administrator to confirm: the closing is run and rolled back, so the
    confirmation can never list other records than the closing ends."""
    try:
        with transaction.atomic():
            _, closed = close_regime(
                actor=actor, code=code, ceases_on=ceases_on, ceased=ceased, reason=reason
            )
            raise _DryRun(closed)
    except _DryRun as done:
        return done.closed


def _close_parameters(
    actor: Any, numbers: set[str], last_day: dt.date, reason: str
) -> list[Parameter]:
    rows = Parameter.objects.select_for_update().filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=last_day), valid_from__lte=last_day
    )
    closed = []
    for row in rows.order_by("key", "valid_from"):
        if not instrument_numbers(row.citation) & numbers:
            continue
        before = snapshot(row, AUDITED)
        row.valid_to = last_day
        row.save(update_fields=["valid_to", "updated_at"])
        record(
            actor=actor,
            action="parameter.corrected",
            obj=row,
            before=before,
            after=snapshot(row, AUDITED),
            reason=reason,
        )
        closed.append(row)
    return closed


@transaction.atomic
def open_regime(
    *,
    actor: Any,
    code: str,
    starts_on: dt.date,
    label: str,
    instruments: list[str],
    confidence: str,
    note: str = "",
    dossier_rule: bool = False,
    reason: str = "",
) -> Regime:
    """A new regime from `starts_on` (a new decree or circular), as data: the rules in force go
    on applying with their latest citations (a rule whose logic changes needs code), and the
    parameters closed with the regime before are entered anew with `add_parameter_value`. An
    open regime before it ends the day before `starts_on`; one closed later than that is an
    overlap and is refused."""
    seed_missing_regimes()
    code = clean(code)
    if not code:
        raise InvalidData(_("Cần nhập mã chế độ pháp lý."))
    if Regime.objects.filter(code=code).exists():
        raise Conflict(_("Đã có chế độ pháp lý mã '%(c)s'.") % {"c": code})
    texts = [clean(i) for i in instruments if clean(i)]
    if not clean(label) or not texts:
        raise InvalidData(_("Cần nhập tên gọi và các văn bản của chế độ pháp lý."))
    if confidence not in {"C", "P", "M"}:
        raise InvalidData(_("Độ tin cậy phải là C, P hoặc M."))
    if confidence != "C" and not (note or "").strip():
        raise InvalidData(_("Độ tin cậy P hoặc M phải có ghi chú nêu điều chưa chắc chắn."))
    regime = Regime(
        code=code,
        starts_on=starts_on,
        label=clean(label),
        instruments=texts,
        confidence=confidence,
        note=(note or "").strip(),
        dossier_rule=dossier_rule,
    )
    _check_regimes(regime)
    regime.save(force_insert=True)
    forget_regime_labels()
    record(
        actor=actor,
        action="regime.opened",
        obj=regime,
        after={"code": code, **snapshot(regime, REGIME_AUDITED)},
        reason=reason,
    )
    return regime


def _check_regimes(changed: Regime) -> None:
    """The regimes with `changed` in place must make a valid table for the engine."""
    rows = [r for r in Regime.objects.select_for_update() if r.code != changed.code]
    try:
        RegimeTable(Rec.from_record(r.to_record()) for r in [*rows, changed])
    except RuleDataError as exc:
        raise InvalidData(str(exc)) from exc


# --- stored verdicts (issue 16) -----------------------------------------------------------------


def recompute(
    *, actor: Any, unit: Any, year: int, as_of: dt.date, default_day: bool
) -> ScanSnapshot:
    """ "Tính lại": a new snapshot of the unit's screen for the year and day, computed at once for
    a small subtree, queued for the worker for a big one (`snapshots.is_small`). The request is
    audited; one already being computed for the same day is returned instead of a second one."""
    ensure_can(
        actor,
        "scan",
        unit.pk,
        _("Bạn không có quyền tính lại kết quả xét điều kiện của đơn vị này."),
    )
    check_dates(current_engine(), year, as_of)
    small = snapshots.is_small(unit)
    with transaction.atomic():
        stored, created = snapshots.start(unit, year, as_of, default_day=default_day, actor=actor)
        if not created:
            return stored
        record(
            actor=actor,
            action="eligibility.recompute",
            obj=stored,
            after={"year": year, "as_of": as_of.isoformat(), "inline": small},
            unit_id=unit.pk,
        )
        if not small:
            snapshots.enqueue(stored)
    if small:
        snapshots.compute(stored.pk)
        stored.refresh_from_db()
    return stored
