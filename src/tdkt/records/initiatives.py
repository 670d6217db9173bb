"""Initiatives and research works (sáng kiến, đề tài) kept by the units that own them: record,
correct, remove; atomic and audited. `tdkt.records.services` re-exports these functions.

An initiative is recognised by a decision (number, date, the unit or body that took it); its
authors are people of the actor's subtree, each with a share in per cent (all shares given and
summing to 100, or none given: equal shares). Once it is the basis of an award in force
(`used_for`), its authors, scope and recognition date no longer change and it cannot be removed
(Công văn 5007/BNV-TĐKT: one initiative, one use)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any, NotRequired, TypedDict, Unpack

from django.db import transaction
from django.utils.translation import gettext as _

from tdkt.audit.services import record, snapshot
from tdkt.errors import Conflict, DomainError, InvalidData
from tdkt.org.models import Unit
from tdkt.people.models import Person
from tdkt.records.models import Initiative, InitiativeAuthor, InitiativeKind
from tdkt.rules import codes
from tdkt.text import clean, search_key
from tdkt.workflow.access import access_for, restrict_people
from tdkt.workflow.locking import bump_version

FIELDS = [
    "code",
    "kind",
    "title",
    "scope",
    "year",
    "recognized_on",
    "recognizing_decision",
    "recognizer_id",
    "recognizer_name",
    "unit_id",
]
# What may not change once the initiative is the basis of an award in force.
SPENT_FIELDS = ("scope", "recognized_on")
MIN_REASON_LENGTH = 10
HUNDRED = Decimal(100)


class NotAllowed(DomainError):
    code = "not_allowed"


class InitiativeFields(TypedDict):
    """What a user states about an initiative, besides its authors and the bodies it names."""

    code: str
    kind: str
    title: str
    scope: str
    year: int
    recognized_on: dt.date
    recognizing_decision: NotRequired[str]
    recognizer_name: NotRequired[str]


@transaction.atomic
def record_initiative(
    *,
    actor: Any,
    authors: Sequence[Person],
    shares: Sequence[Decimal | None] | None = None,
    recognizer: Unit | None = None,
    unit: Unit | None = None,
    **fields: Unpack[InitiativeFields],
) -> Initiative:
    """Record a recognised initiative of `unit` (default: the first author's unit).

    `shares[i]` is the share in per cent of `authors[i]`; None or all None means equal shares.
    `recognizer` is a unit of the sector, `recognizer_name` any other body (or both empty)."""
    authors = list(authors)
    owner = unit if unit is not None else (authors[0].unit if authors else None)
    _check_actor(actor, owner)
    data = _checked(fields)
    pairs = _checked_authors(actor, authors, shares)
    if Initiative.objects.filter(code__iexact=data["code"]).exists():
        raise Conflict(_("Mã sáng kiến %(c)s đã tồn tại.") % {"c": data["code"]})
    obj = Initiative.objects.create(
        **data,
        recognizer=recognizer,
        unit=owner,
        search_text=search_key(data["code"], data["title"]),
    )
    _set_authors(obj, pairs)
    record(
        actor=actor,
        action="initiative.recorded",
        obj=obj,
        after=_state(obj, _ids(pairs)),
        unit_id=owner.pk if owner is not None else None,
    )
    return obj


@transaction.atomic
def correct_initiative(
    *,
    actor: Any,
    initiative: Initiative,
    version: int | None,
    reason: str,
    authors: Sequence[Person],
    shares: Sequence[Decimal | None] | None = None,
    recognizer: Unit | None = None,
    **fields: Unpack[InitiativeFields],
) -> Initiative:
    """Correct what was entered wrongly; audited with the state before and after and the
    reason. `version` (the one the user edited) must still be current."""
    _check_actor(actor, _owner(initiative))
    reason = _check_reason(reason)
    data = _checked(fields)
    pairs = _checked_authors(actor, list(authors), shares, keep=_author_ids(initiative))
    clash = Initiative.objects.filter(code__iexact=data["code"]).exclude(pk=initiative.pk)
    if clash.exists():
        raise Conflict(_("Mã sáng kiến %(c)s đã tồn tại.") % {"c": data["code"]})
    bump_version(initiative, version)
    before_pairs = _pairs_ids(initiative)
    before = _state(initiative, before_pairs)
    if _spent(initiative):
        changed = [f for f in SPENT_FIELDS if getattr(initiative, f) != data[f]]
        if changed or [p.pk for p, _s in pairs] != [pk for pk, _s in before_pairs]:
            raise Conflict(_used_message(initiative))
    for name, value in data.items():
        setattr(initiative, name, value)
    initiative.recognizer = recognizer
    initiative.search_text = search_key(initiative.code, initiative.title)
    initiative.save(update_fields=[*data, "recognizer", "search_text"])
    _set_authors(initiative, pairs)
    record(
        actor=actor,
        action="initiative.corrected",
        obj=initiative,
        before=before,
        after=_state(initiative, _ids(pairs)),
        reason=reason,
        unit_id=_owner_id(initiative),
    )
    return initiative


@transaction.atomic
def remove_initiative(
    *, actor: Any, initiative: Initiative, version: int | None, reason: str
) -> None:
    """Remove an initiative recorded by mistake: never one that is the basis of an award in force
    or proposed in a dossier. What it said stays in the audit trail."""
    _check_actor(actor, _owner(initiative))
    reason = _check_reason(reason)
    bump_version(initiative, version)
    if _spent(initiative):
        raise Conflict(_used_message(initiative))
    if initiative.candidacies.exists():
        raise Conflict(
            _("Sáng kiến «%(t)s» đang được nêu trong hồ sơ đề nghị khen thưởng; không thể xóa.")
            % {"t": initiative.title}
        )
    record(
        actor=actor,
        action="initiative.removed",
        obj=initiative,
        before=_state(initiative, _pairs_ids(initiative)),
        reason=reason,
        unit_id=_owner_id(initiative),
    )
    initiative.delete()


def parse_share(value: Any) -> Decimal | None:
    """A share typed by a user ("60", "33,5", "33.34"), or None when empty."""
    text = clean(str(value or "")).replace(",", ".").rstrip("%").strip()
    if not text:
        return None
    try:
        share = Decimal(text)
    except InvalidOperation as exc:
        raise InvalidData(_("Tỷ lệ đóng góp phải là một số phần trăm, vd: 60.")) from exc
    if not share.is_finite():
        raise InvalidData(_("Tỷ lệ đóng góp phải là một số phần trăm, vd: 60."))
    return share


def may_edit(actor: Any, initiative: Initiative) -> bool:
    owner = _owner_id(initiative)
    return actor is None or (owner is not None and access_for(actor).can("edit", owner))


# --- guards ------------------------------------------------------------------------------------


def _check_actor(actor: Any, unit: Unit | None) -> None:
    if actor is None:
        return
    if unit is None or not access_for(actor).can("edit", unit.pk):
        raise NotAllowed(_("Bạn không có quyền cập nhật sáng kiến, đề tài của đơn vị này."))


def _checked(fields: InitiativeFields) -> dict[str, Any]:
    code, title = clean(fields["code"]), clean(fields["title"])
    kind, scope, year = fields["kind"], fields["scope"], fields["year"]
    recognized_on = fields["recognized_on"]
    if not code:
        raise InvalidData(_("Mã sáng kiến không được để trống."))
    if len(code) > 40:
        raise InvalidData(_("Mã sáng kiến dài quá 40 ký tự."))
    if not title:
        raise InvalidData(_("Tên sáng kiến, đề tài không được để trống."))
    if len(title) > 300:
        raise InvalidData(_("Tên sáng kiến, đề tài dài quá 300 ký tự."))
    if kind not in InitiativeKind.values:
        raise InvalidData(_("Loại không hợp lệ: %(k)s") % {"k": kind})
    if scope not in {s.value for s in codes.InitiativeScope}:
        raise InvalidData(_("Phạm vi ảnh hưởng không hợp lệ: %(s)s") % {"s": scope})
    if not isinstance(year, int) or not 1945 <= year <= 2100:
        raise InvalidData(_("Năm không hợp lệ: %(y)s") % {"y": year})
    if not dt.date(1945, 1, 1) <= recognized_on <= dt.date(2100, 12, 31):
        raise InvalidData(_("Ngày công nhận không hợp lệ."))
    number = clean(fields.get("recognizing_decision", ""))
    body = clean(fields.get("recognizer_name", ""))
    if len(number) > 100:
        raise InvalidData(_("Số quyết định công nhận dài quá 100 ký tự."))
    if len(body) > 200:
        raise InvalidData(_("Tên cơ quan công nhận dài quá 200 ký tự."))
    return {
        "code": code,
        "kind": kind,
        "title": title,
        "scope": scope,
        "year": year,
        "recognized_on": recognized_on,
        "recognizing_decision": number,
        "recognizer_name": body,
    }


def _checked_authors(
    actor: Any,
    authors: list[Person],
    shares: Sequence[Decimal | None] | None,
    keep: frozenset[int] = frozenset(),
) -> list[tuple[Person, Decimal | None]]:
    """Authors with their shares, checked; `keep` are authors already recorded, who stay even
    when they have since moved out of the actor's subtree."""
    if not authors:
        raise InvalidData(_("Sáng kiến phải có ít nhất một tác giả."))
    if len({p.pk for p in authors}) != len(authors):
        raise InvalidData(_("Một người được chọn làm tác giả hai lần."))
    given = list(shares) if shares is not None else [None] * len(authors)
    if len(given) != len(authors):
        raise InvalidData(_("Số tỷ lệ đóng góp không khớp với số tác giả."))
    if actor is not None:
        new = [p.pk for p in authors if p.pk not in keep]
        reachable = set(
            restrict_people(actor, action="edit").filter(pk__in=new).values_list("pk", flat=True)
        )
        if len(reachable) != len(new):
            raise NotAllowed(_("Tác giả phải là cán bộ thuộc đơn vị trong phạm vi của bạn."))
    if any(s is not None for s in given):
        if any(s is None for s in given):
            raise InvalidData(
                _("Hãy nhập tỷ lệ đóng góp cho mọi tác giả, hoặc để trống tất cả (chia đều).")
            )
        if any(s is not None and not Decimal(0) < s <= HUNDRED for s in given):
            raise InvalidData(_("Tỷ lệ đóng góp của mỗi tác giả phải lớn hơn 0 và tối đa 100."))
        if any(s is not None and s != s.quantize(Decimal("0.01")) for s in given):
            raise InvalidData(_("Tỷ lệ đóng góp chỉ lấy đến hai chữ số thập phân."))
        total = sum((s for s in given if s is not None), Decimal(0))
        if total != HUNDRED:
            raise InvalidData(
                _("Tổng tỷ lệ đóng góp của các tác giả phải bằng 100%% (đang là %(t)s%%).")
                % {"t": f"{total.normalize():f}".replace(".", ",")}
            )
    cents = [None if s is None else s.quantize(Decimal("0.01")) for s in given]
    return list(zip(authors, cents, strict=True))


def _check_reason(reason: str) -> str:
    reason = clean(reason)
    if len(reason) < MIN_REASON_LENGTH:
        raise InvalidData(
            _("Lý do phải có ít nhất %(n)d ký tự để người sau hiểu vì sao sửa.")
            % {"n": MIN_REASON_LENGTH}
        )
    return reason


# --- helpers -----------------------------------------------------------------------------------


def _set_authors(obj: Initiative, pairs: list[tuple[Person, Decimal | None]]) -> None:
    InitiativeAuthor.objects.filter(initiative=obj).delete()
    InitiativeAuthor.objects.bulk_create(
        InitiativeAuthor(initiative=obj, person=p, share=s, order=i)
        for i, (p, s) in enumerate(pairs)
    )


def _pairs_ids(obj: Initiative) -> list[tuple[int, Decimal | None]]:
    return list(
        InitiativeAuthor.objects.filter(initiative=obj)
        .order_by("order", "id")
        .values_list("person_id", "share")
    )


def _ids(pairs: list[tuple[Person, Decimal | None]]) -> list[tuple[int, Decimal | None]]:
    return [(p.pk, s) for p, s in pairs]


def _author_ids(obj: Initiative) -> frozenset[int]:
    return frozenset(
        InitiativeAuthor.objects.filter(initiative=obj).values_list("person_id", flat=True)
    )


def _state(obj: Initiative, pairs: list[tuple[int, Decimal | None]]) -> dict[str, Any]:
    """The audited state: the fields, and the authors as [person id, share or None]."""
    return {
        **snapshot(obj, FIELDS),
        "authors": [[pk, None if s is None else str(s)] for pk, s in pairs],
    }


def _owner(obj: Initiative) -> Unit | None:
    if obj.unit_id is not None:
        return obj.unit
    first = obj.authorships.select_related("person__unit").order_by("order", "id").first()
    return first.person.unit if first is not None else None


def _owner_id(obj: Initiative) -> int | None:
    owner = _owner(obj)
    return owner.pk if owner is not None else None


def _spent(obj: Initiative) -> bool:
    used = obj.used_for
    return used is not None and used.revoked_on is None


def _used_message(obj: Initiative) -> str:
    used = obj.used_for
    assert used is not None
    return _(
        "Sáng kiến «%(t)s» đã được dùng làm căn cứ cho %(a)s năm %(y)s; không thể xóa hoặc sửa "
        "tác giả, phạm vi ảnh hưởng, ngày công nhận."
    ) % {"t": obj.title, "a": used.get_award_display(), "y": used.year}
