"""The contract's candidate objects (a person or a unit) read into `facts.py` dataclasses.

Keys left out become `None` (unknown facts); unknown keys, bad dates and unknown codes raise
`ContractError` naming the key path.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from tdkt.rules.codes import (
    Award,
    AwardKind,
    Discipline,
    InitiativeScope,
    LeaveKind,
    Rating,
    Subject,
    award_fits,
    award_kind,
)
from tdkt.rules.errors import ContractError
from tdkt.rules.facts import (
    AwardRecord,
    Cluster,
    DisciplineRecord,
    Facts,
    Initiative,
    Leave,
    Members,
    Period,
    PersonFacts,
    TitleRecord,
    UnitFacts,
)
from tdkt.rules.jsonread import (
    as_bool,
    as_choice,
    as_code,
    as_date,
    as_int,
    as_list,
    as_object,
    as_str,
    check_keys,
    optional,
    year_key,
)

PERSON_KEYS = frozenset(
    {
        "kind",
        "gender",
        "birth_date",
        "recruited_on",
        "procuracy_service",
        "other_legal_service",
        "is_unit_head",
        "ratings",
        "titles",
        "awards",
        "initiatives",
        "disciplines",
        "leaves",
        "unit_violation_years",
        "head_unit_ratings",
    }
)
UNIT_KEYS = frozenset(
    {"kind", "ratings", "titles", "awards", "unit_violation_years", "members", "cluster"}
)
GENDERS = ("male", "female")
# Disciplines abolished for decisions from this day (Luật 80/2025/QH15, Điều 36).
OLD_ONLY_DISCIPLINES = frozenset({Discipline.HA_BAC_LUONG, Discipline.GIANG_CHUC})
OLD_DISCIPLINES_END = date(2025, 7, 1)
HEAD_UNIT_RESULTS = frozenset({*(r.value for r in Rating), "TTLDTT", "TTLDXS", "CO_NGANH", "CO_CP"})


def parse_candidate(value: Any, path: str) -> Facts:
    obj = as_object(value, path)
    kind = as_code(Subject, obj.get("kind"), f"{path}.kind", allowed=("individual", "collective"))
    if kind is Subject.INDIVIDUAL:
        return _person(obj, path)
    return _unit(obj, path)


def _person(obj: dict[str, Any], path: str) -> PersonFacts:
    check_keys(obj, path, PERSON_KEYS, {"kind"})
    subject = Subject.INDIVIDUAL

    def get(key: str, parse: Callable[[Any, str], Any]) -> Any:
        return optional(obj.get(key), f"{path}.{key}", parse)

    return PersonFacts(
        gender=get("gender", lambda v, p: as_choice(v, p, GENDERS)),
        birth_date=get("birth_date", as_date),
        recruited_on=get("recruited_on", as_date),
        procuracy_service=get("procuracy_service", _periods),
        other_legal_service=get("other_legal_service", _periods),
        is_unit_head=get("is_unit_head", as_bool),
        ratings=get("ratings", _ratings),
        titles=get("titles", lambda v, p: _titles(v, p, subject)),
        awards=get("awards", lambda v, p: _award_records(v, p, subject)),
        initiatives=get("initiatives", _initiatives),
        disciplines=get("disciplines", _disciplines),
        leaves=get("leaves", _leaves),
        unit_violation_years=get("unit_violation_years", _years),
        head_unit_ratings=get("head_unit_ratings", _head_unit_ratings),
    )


def _unit(obj: dict[str, Any], path: str) -> UnitFacts:
    check_keys(obj, path, UNIT_KEYS, {"kind"})
    subject = Subject.COLLECTIVE

    def get(key: str, parse: Callable[[Any, str], Any]) -> Any:
        return optional(obj.get(key), f"{path}.{key}", parse)

    return UnitFacts(
        ratings=get("ratings", _ratings),
        titles=get("titles", lambda v, p: _titles(v, p, subject)),
        awards=get("awards", lambda v, p: _award_records(v, p, subject)),
        unit_violation_years=get("unit_violation_years", _years),
        members=get("members", _members),
        cluster=get("cluster", _cluster),
    )


def _ratings(value: Any, path: str) -> dict[int, Rating]:
    obj = as_object(value, path)
    return {year_key(k, f"{path}.{k}"): as_code(Rating, v, f"{path}.{k}") for k, v in obj.items()}


def _head_unit_ratings(value: Any, path: str) -> dict[int, str]:
    obj = as_object(value, path)
    return {
        year_key(k, f"{path}.{k}"): as_choice(v, f"{path}.{k}", sorted(HEAD_UNIT_RESULTS))
        for k, v in obj.items()
    }


def _titles(value: Any, path: str, subject: Subject) -> tuple[TitleRecord, ...]:
    out = []
    for i, raw in enumerate(as_list(value, path)):
        p = f"{path}[{i}]"
        item = as_object(raw, p)
        check_keys(item, p, {"code", "year"}, {"code", "year"})
        code = as_code(Award, item["code"], f"{p}.code")
        if award_kind(code) is not AwardKind.TITLE:
            raise ContractError(
                f"'{code}' ở '{p}.code' là hình thức khen thưởng, không phải danh hiệu thi đua "
                "(ghi vào 'awards')"
            )
        fits(code, subject, f"{p}.code")
        out.append(TitleRecord(code, as_int(item["year"], f"{p}.year", minimum=1900)))
    return tuple(out)


def _award_records(value: Any, path: str, subject: Subject) -> tuple[AwardRecord, ...]:
    out = []
    for i, raw in enumerate(as_list(value, path)):
        p = f"{path}[{i}]"
        item = as_object(raw, p)
        check_keys(item, p, {"code", "year", "decided_on", "sudden"}, {"code", "year"})
        code = as_code(Award, item["code"], f"{p}.code")
        if award_kind(code) is not AwardKind.FORM:
            raise ContractError(
                f"'{code}' ở '{p}.code' là danh hiệu thi đua, không phải hình thức khen thưởng "
                "(ghi vào 'titles')"
            )
        fits(code, subject, f"{p}.code")
        out.append(
            AwardRecord(
                code,
                as_int(item["year"], f"{p}.year", minimum=1900),
                optional(item.get("decided_on"), f"{p}.decided_on", as_date),
                as_bool(item.get("sudden", False), f"{p}.sudden"),
            )
        )
    return tuple(out)


def _initiatives(value: Any, path: str) -> tuple[Initiative, ...]:
    out = []
    for i, raw in enumerate(as_list(value, path)):
        p = f"{path}[{i}]"
        item = as_object(raw, p)
        check_keys(
            item, p, {"id", "scope", "recognized_on", "used_for"}, {"id", "scope", "recognized_on"}
        )
        out.append(
            Initiative(
                id=as_str(item["id"], f"{p}.id"),
                scope=as_code(InitiativeScope, item["scope"], f"{p}.scope"),
                recognized_on=as_date(item["recognized_on"], f"{p}.recognized_on"),
                used_for=optional(item.get("used_for"), f"{p}.used_for", as_str),
            )
        )
    return tuple(out)


def _disciplines(value: Any, path: str) -> tuple[DisciplineRecord, ...]:
    out = []
    for i, raw in enumerate(as_list(value, path)):
        p = f"{path}[{i}]"
        item = as_object(raw, p)
        check_keys(item, p, {"level", "decided_on", "ends_on"}, {"level", "decided_on"})
        level = as_code(Discipline, item["level"], f"{p}.level")
        decided = as_date(item["decided_on"], f"{p}.decided_on")
        if level in OLD_ONLY_DISCIPLINES and decided >= OLD_DISCIPLINES_END:
            raise ContractError(
                f"Hình thức kỷ luật '{level}' ở '{p}.level' không còn áp dụng cho quyết định từ "
                f"{OLD_DISCIPLINES_END.isoformat()}"
            )
        ends = optional(item.get("ends_on"), f"{p}.ends_on", as_date)
        if ends is not None and ends < decided:
            raise ContractError(f"'{p}.ends_on' trước '{p}.decided_on'")
        out.append(DisciplineRecord(level, decided, ends))
    return tuple(out)


def _leaves(value: Any, path: str) -> tuple[Leave, ...]:
    out = []
    for i, raw in enumerate(as_list(value, path)):
        p = f"{path}[{i}]"
        item = as_object(raw, p)
        check_keys(item, p, {"kind", "from", "to"}, {"kind", "from"})
        start, end = _span(item, p)
        out.append(Leave(as_code(LeaveKind, item["kind"], f"{p}.kind"), start, end))
    return tuple(out)


def _periods(value: Any, path: str) -> tuple[Period, ...]:
    out = []
    for i, raw in enumerate(as_list(value, path)):
        p = f"{path}[{i}]"
        item = as_object(raw, p)
        check_keys(item, p, {"from", "to"}, {"from"})
        start, end = _span(item, p)
        out.append(Period(start, end))
    return tuple(out)


def _span(item: dict[str, Any], path: str) -> tuple[date, date | None]:
    start = as_date(item["from"], f"{path}.from")
    end = optional(item.get("to"), f"{path}.to", as_date)
    if end is not None and end < start:
        raise ContractError(f"'{path}.to' ({end.isoformat()}) trước '{path}.from'")
    return start, end


def _years(value: Any, path: str) -> frozenset[int]:
    return frozenset(
        as_int(v, f"{path}[{i}]", minimum=1900) for i, v in enumerate(as_list(value, path))
    )


def _members(value: Any, path: str) -> Members:
    obj = as_object(value, path)
    check_keys(obj, path, {"total", "completed_tasks", "ldtt", "cstdcs", "disciplined"}, {"total"})
    total = as_int(obj["total"], f"{path}.total", minimum=0)

    def count(key: str) -> int | None:
        n = optional(obj.get(key), f"{path}.{key}", lambda v, p: as_int(v, p, minimum=0))
        if n is not None and n > total:
            raise ContractError(f"'{path}.{key}' ({n}) lớn hơn '{path}.total' ({total})")
        return n

    disciplined = optional(obj.get("disciplined"), f"{path}.disciplined", _member_disciplines)
    return Members(total, count("completed_tasks"), count("ldtt"), count("cstdcs"), disciplined)


def _member_disciplines(value: Any, path: str) -> tuple[Discipline, ...]:
    out = []
    for i, raw in enumerate(as_list(value, path)):
        p = f"{path}[{i}]"
        item = as_object(raw, p)
        check_keys(item, p, {"level"}, {"level"})
        out.append(as_code(Discipline, item["level"], f"{p}.level"))
    return tuple(out)


def _cluster(value: Any, path: str) -> Cluster:
    obj = as_object(value, path)
    check_keys(obj, path, {"rank", "size", "approval_votes"}, set())

    def num(key: str, minimum: int) -> int | None:
        return optional(obj.get(key), f"{path}.{key}", lambda v, p: as_int(v, p, minimum=minimum))

    rank, size, votes = num("rank", 1), num("size", 1), num("approval_votes", 0)
    if size is not None:
        for key, n in (("rank", rank), ("approval_votes", votes)):
            if n is not None and n > size:
                raise ContractError(f"'{path}.{key}' ({n}) lớn hơn '{path}.size' ({size})")
    return Cluster(rank, size, votes)


def fits(award: Award, subject: Subject, path: str, strict: bool = True) -> bool:
    """Whether `award` is given to `subject`; when `strict`, a mismatch is a contract error."""
    if award_fits(award, subject):
        return True
    if strict:
        who = "cá nhân" if subject is Subject.INDIVIDUAL else "tập thể"
        raise ContractError(f"'{award}' ở '{path}' không xét cho {who}")
    return False
