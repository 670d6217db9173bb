"""The eligibility questions over REST: the contract's four JSON shapes, and verdicts, due lists
and caps read from the database for a person or a unit, scoped like the screens."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from tdkt.eligibility import selectors
from tdkt.eligibility.parameters import current_engine
from tdkt.eligibility.scan import Outcome, ScanResult, default_as_of
from tdkt.rules.contract import answer
from tdkt.rules.jsonread import parse_json
from tdkt.workflow.access import get_person_for_user, get_unit_for_user

router = Router(tags=["Xét điều kiện"])
# A year asked in the query string: bounded, so a hostile value answers 422, not a 500.
Year = Annotated[int | None, Query(None, ge=1945, le=2100)]

# The documented example of one case; the API tests post it too.
EXAMPLE_CASE = {
    "year": 2025,
    "as_of": "2025-12-15",
    "awards": ["LDTT", "CSTDCS"],
    "candidate": {
        "kind": "individual",
        "recruited_on": "2010-09-01",
        "is_unit_head": False,
        "ratings": {"2025": "HTXS"},
        "titles": [],
        "awards": [],
        "initiatives": [],
        "disciplines": [],
        "leaves": [],
    },
}
CHECK_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "description": (
                        "Một trong bốn dạng của hợp đồng: một hồ sơ ('candidate'), một lô "
                        "('cases'), kết quả biểu quyết ('council_size') hoặc câu hỏi tiền "
                        "thưởng ('decided_on' + 'subject')."
                    ),
                },
                "examples": {
                    "case": {"summary": "Một hồ sơ cá nhân", "value": EXAMPLE_CASE},
                    "tally": {
                        "summary": "Biểu quyết của Hội đồng",
                        "value": {
                            "award": "CSTD_NGANH",
                            "as_of": "2025-12-15",
                            "council_size": 11,
                            "approve": 10,
                            "reject": 1,
                        },
                    },
                    "money": {
                        "summary": "Tiền thưởng",
                        "value": {
                            "award": "LDTT",
                            "subject": "individual",
                            "decided_on": "2025-03-01",
                        },
                    },
                },
            }
        },
    }
}


class Problem(Schema):
    detail: str


class ReasonOut(Schema):
    rule: str
    passed: bool | None
    message: str
    citation: str


class VerdictOut(Schema):
    award: str
    status: str
    regime: str
    reasons: list[ReasonOut]


class DueOut(Schema):
    award: str
    step: str
    text: str
    quantity: int


class CandidateOut(Schema):
    id: int
    name: str
    code: str
    unit_id: int | None
    unit: str
    verdicts: list[VerdictOut]


class CapOut(Schema):
    award: str
    limit: int
    basis: int
    eligible_before_cap: int
    citation: str


class Evaluation(Schema):
    year: int
    as_of: dt.date
    regime: str
    regime_label: str


class PersonVerdicts(Evaluation):
    person: CandidateOut | None
    due: list[DueOut]


class UnitVerdicts(Evaluation):
    unit_id: int
    people: list[CandidateOut]
    units: list[CandidateOut]
    caps: list[CapOut]
    totals: dict[str, Any]


class DueItemOut(Schema):
    subject: str
    id: int
    name: str
    unit: str
    award: str
    step: str
    text: str
    quantity: int


class DueList(Evaluation):
    unit_id: int
    due: list[DueItemOut]


@router.post(
    "/check",
    response={200: dict[str, Any], 400: Problem},
    url_name="eligibility_check",
    summary="Trả lời một câu hỏi JSON theo hợp đồng",
    openapi_extra=CHECK_BODY,
)
def check(request: HttpRequest) -> dict[str, Any]:
    """Như `tdkt eligibility check`: một hồ sơ, một lô, một kết quả biểu quyết hoặc một câu hỏi
    tiền thưởng; nội dung sai hợp đồng trả 400 với thông báo nêu khoá sai."""
    text = request.body.decode("utf-8", errors="replace")
    return answer(parse_json(text), engine=current_engine())


def _when(year: int | None, as_of: dt.date | None) -> tuple[int, dt.date]:
    year = year or selectors.latest_year()
    return year, as_of or default_as_of(year)


def _evaluation(result: ScanResult) -> dict[str, Any]:
    return {
        "year": result.year,
        "as_of": result.as_of,
        "regime": result.regime.id,
        "regime_label": result.regime.label,
    }


def _candidate(o: Outcome) -> dict[str, Any]:
    return {
        "id": o.id,
        "name": o.name,
        "code": o.code,
        "unit_id": o.unit_id,
        "unit": o.unit_name,
        "verdicts": [v.to_json() for v in o.verdicts],
    }


@router.get(
    "/people/{person_id}/verdicts",
    response={200: PersonVerdicts, 400: Problem, 404: Problem},
    url_name="eligibility_person",
    summary="Kết quả xét điều kiện của một cán bộ",
)
def person_verdicts(
    request: HttpRequest, person_id: int, year: Year = None, as_of: dt.date | None = None
) -> dict[str, Any]:
    """Mọi danh hiệu, hình thức cá nhân cho năm `year` (mặc định: năm đang xét), xét vào ngày
    `as_of` (mặc định: hôm nay, hoặc 31/12 của năm xét nếu đã qua); kèm bước còn thiếu."""
    person = get_person_for_user(request.user, person_id)
    year, as_of = _when(year, as_of)
    result = selectors.scan_person(person, year, as_of)
    outcome = next(iter(result.people), None)
    due = [i for i in result.due() if outcome is not None and i.outcome is outcome]
    return {
        **_evaluation(result),
        "person": _candidate(outcome) if outcome else None,
        "due": [
            {
                "award": str(i.award),
                "step": i.gap.step,
                "text": i.gap.text,
                "quantity": i.gap.quantity,
            }
            for i in due
        ],
    }


@router.get(
    "/units/{unit_id}/verdicts",
    response={200: UnitVerdicts, 400: Problem, 404: Problem},
    url_name="eligibility_unit",
    summary="Kết quả xét điều kiện của cán bộ và tập thể một đơn vị",
)
def unit_verdicts(
    request: HttpRequest, unit_id: int, year: Year = None, as_of: dt.date | None = None
) -> dict[str, Any]:
    """Cán bộ của đơn vị và các đơn vị trực thuộc (theo đơn vị công tác trong năm), các tập thể
    còn hoạt động cuối năm, các giới hạn tỷ lệ và số liệu tổng hợp."""
    unit = get_unit_for_user(request.user, unit_id)
    year, as_of = _when(year, as_of)
    result = selectors.scan_unit(unit, year, as_of)
    return {
        **_evaluation(result),
        "unit_id": unit.pk,
        "people": [_candidate(o) for o in result.people],
        "units": [_candidate(o) for o in result.units],
        "caps": [c.to_json() for c in result.caps],
        "totals": result.totals(),
    }


@router.get(
    "/units/{unit_id}/due",
    response={200: DueList, 400: Problem, 404: Problem},
    url_name="eligibility_due",
    summary="Danh sách sắp đủ điều kiện của một đơn vị",
)
def unit_due(
    request: HttpRequest, unit_id: int, year: Year = None, as_of: dt.date | None = None
) -> dict[str, Any]:
    """Ai (cá nhân, tập thể) chỉ còn thiếu một bước để đạt danh hiệu, hình thức, và bước đó."""
    unit = get_unit_for_user(request.user, unit_id)
    year, as_of = _when(year, as_of)
    result = selectors.scan_unit(unit, year, as_of)
    return {
        **_evaluation(result),
        "unit_id": unit.pk,
        "due": [
            {
                "subject": str(line.outcome.subject),
                "id": line.outcome.id,
                "name": line.outcome.name,
                "unit": line.outcome.unit_name,
                "award": str(line.award),
                "step": line.step,
                "text": line.text,
                "quantity": line.quantity,
            }
            for line in selectors.due_lines(result)
        ],
    }
