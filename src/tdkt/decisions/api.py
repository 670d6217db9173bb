"""Decisions over REST: draft from a sitting, submit, return, sign (ledger, money, initiatives),
revoke, payments; the documents and the certificates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Router, Schema, Status

from tdkt.council.selectors import get_meeting_for_user
from tdkt.decisions import certificates, documents, selectors, services
from tdkt.decisions.models import Decision
from tdkt.nominations.api import Problem, ReasonIn, VersionIn
from tdkt.nominations.documents import filename
from tdkt.web.actions import file_response
from tdkt.workflow.access import can

router = Router(tags=["Quyết định khen thưởng"])
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BINARY = {"responses": {200: {"description": "Tệp", "content": {"application/octet-stream": {}}}}}


class AwardeeOut(Schema):
    id: int
    candidate_id: int
    person_id: int | None
    unit_id: int | None
    name: str
    award: str
    year: int
    amount: int | None
    coefficient: Decimal | None
    base_salary: int | None
    money_citation: str
    money_status: str | None
    paid_on: dt.date | None
    ledger_entry_id: int | None


class DecisionOut(Schema):
    id: int
    issuer_id: int
    issuer: str
    meeting_id: int | None
    level: str
    year: int
    title: str
    number: str
    symbol: str
    signed_on: dt.date | None
    signer_name: str
    signer_title: str
    status: str
    version: int
    record_id: int | None
    revoked_on: dt.date | None
    revocation_ground: str
    revocation_reason: str
    total: int | None
    awardees: list[AwardeeOut]


class SignIn(VersionIn):
    number: str
    signed_on: dt.date
    signer_name: str
    signer_title: str = ""


class RevokeIn(VersionIn):
    ground: str
    reason: str
    revoked_on: dt.date
    revocation_number: str = ""


class PaidIn(Schema):
    paid_on: dt.date


MONEY_FIELDS = ("amount", "coefficient", "base_salary", "money_status", "paid_on")


def out(d: Decision, money: bool = True) -> dict[str, Any]:
    """The decision as the API gives it; `money` False (a reader outside the paying unit) leaves
    the reward money and its payment out."""
    d.refresh_from_db()
    awardees = list(d.awardees.all())
    result = {
        **{
            f: getattr(d, f)
            for f in (
                "level",
                "year",
                "title",
                "number",
                "symbol",
                "signed_on",
                "signer_name",
                "signer_title",
                "status",
                "version",
                "revoked_on",
                "revocation_ground",
                "revocation_reason",
            )
        },
        "id": d.pk,
        "issuer_id": d.issuer_id,
        "issuer": d.issuer.name,
        "meeting_id": d.meeting_id,
        "record_id": d.record_id,
        "total": sum(a.amount or 0 for a in awardees),
        "awardees": [
            {
                **{
                    f: getattr(a, f)
                    for f in (
                        "candidate_id",
                        "person_id",
                        "unit_id",
                        "name",
                        "award",
                        "year",
                        "amount",
                        "coefficient",
                        "base_salary",
                        "money_citation",
                        "money_status",
                        "paid_on",
                    )
                },
                "id": a.pk,
                "ledger_entry_id": a.entry_id,
            }
            for a in awardees
        ],
    }
    if not money:
        result["total"] = None
        for line in result["awardees"]:
            line.update(dict.fromkeys(MONEY_FIELDS), money_citation="")
    return result


def _as(request: HttpRequest, decision_id: int, role: str) -> Decision:
    decision = selectors.get_decision_for_user(request.user, decision_id)
    if not can(request.user, role, decision.issuer_id):
        raise Http404
    return decision


# What an act on a decision answers: the decision as it now stands, or the problem.
ACTED = {200: DecisionOut, 400: Problem, 409: Problem}


def _act(
    request: HttpRequest, decision_id: int, role: str, service: Callable[..., Any], body: Schema
) -> dict[str, Any]:
    """`service` on the decision, for whoever holds `role` on its issuer; the body's fields are
    the service's own keywords."""
    decision = _as(request, decision_id, role)
    service(actor=request.user, decision=decision, **body.model_dump())
    return out(decision)


@router.get("/decisions", response=list[DecisionOut], url_name="decisions_list")
def decision_list(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        out(d, selectors.sees_money(request.user, d))
        for d in selectors.decisions_for(request.user)[:200]
    ]


@router.get("/decisions/{decision_id}", response=DecisionOut, url_name="decisions_decision")
def decision_detail(request: HttpRequest, decision_id: int) -> dict[str, Any]:
    decision = selectors.get_decision_for_user(request.user, decision_id)
    return out(decision, selectors.sees_money(request.user, decision))


@router.post(
    "/meetings/{meeting_id}/draft",
    response={201: DecisionOut, 400: Problem},
    url_name="decisions_draft",
)
def draft(request: HttpRequest, meeting_id: int) -> Status[Any]:
    """A draft decision with every candidate the sitting passed whose award its level decides."""
    meeting = get_meeting_for_user(request.user, meeting_id)
    if not can(request.user, "decide", meeting.council.unit_id):
        raise Http404
    return Status(201, out(services.draft_decision(actor=request.user, meeting=meeting)))


@router.post("/decisions/{decision_id}/submit", response=ACTED, url_name="decisions_submit")
def submit(request: HttpRequest, decision_id: int, body: VersionIn) -> dict[str, Any]:
    return _act(request, decision_id, "decide", services.submit_for_signature, body)


@router.post("/decisions/{decision_id}/return", response=ACTED, url_name="decisions_return")
def return_(request: HttpRequest, decision_id: int, body: ReasonIn) -> dict[str, Any]:
    return _act(request, decision_id, "sign", services.return_decision, body)


@router.post("/decisions/{decision_id}/sign", response=ACTED, url_name="decisions_sign")
def sign(request: HttpRequest, decision_id: int, body: SignIn) -> dict[str, Any]:
    """Sign: the ledger gets the decision and one line per awardee, the initiatives are marked
    used, each reward is computed on the signing day."""
    return _act(request, decision_id, "sign", services.sign_decision, body)


@router.post("/decisions/{decision_id}/revoke", response=ACTED, url_name="decisions_revoke")
def revoke(request: HttpRequest, decision_id: int, body: RevokeIn) -> dict[str, Any]:
    """Annul (Luật TĐKT 2022, Điều 93): ledger lines marked revoked, paid money to recover."""
    return _act(request, decision_id, "sign", services.revoke_decision, body)


@router.post(
    "/awardees/{awardee_id}/paid",
    response={200: DecisionOut, 400: Problem},
    url_name="decisions_awardee_paid",
)
def paid(request: HttpRequest, awardee_id: int, body: PaidIn) -> dict[str, Any]:
    awardee = selectors.get_awardee_for_user(request.user, awardee_id)
    _as(request, awardee.decision_id, "decide")
    services.record_payment(actor=request.user, awardee=awardee, paid_on=body.paid_on)
    return out(awardee.decision)


@router.get(
    "/decisions/{decision_id}/decision.docx",
    url_name="decisions_decision_docx",
    openapi_extra=BINARY,
)
def decision_docx(request: HttpRequest, decision_id: int) -> HttpResponse:
    d = selectors.get_decision_for_user(request.user, decision_id)
    name = filename("quyet-dinh", d.number_symbol or f"du thao {d.pk}")
    return file_response(documents.decision_docx(d), name, DOCX)


@router.get(
    "/decisions/{decision_id}/list.docx", url_name="decisions_list_docx", openapi_extra=BINARY
)
def list_docx(request: HttpRequest, decision_id: int) -> HttpResponse:
    d = selectors.get_decision_for_user(request.user, decision_id)
    name = filename("danh-sach-khen-thuong", d.number_symbol or f"du thao {d.pk}")
    return file_response(documents.list_docx(d), name, DOCX)


@router.get(
    "/decisions/{decision_id}/list.xlsx", url_name="decisions_list_xlsx", openapi_extra=BINARY
)
def list_xlsx(request: HttpRequest, decision_id: int) -> HttpResponse:
    return documents.list_xlsx(selectors.get_decision_for_user(request.user, decision_id))


@router.get(
    "/decisions/{decision_id}/certificates.pdf",
    url_name="decisions_certificates_pdf",
    openapi_extra=BINARY,
)
def certificates_pdf(request: HttpRequest, decision_id: int) -> HttpResponse:
    """Every certificate of a signed decision, one A4 landscape page each."""
    d = selectors.get_decision_for_user(request.user, decision_id)
    if d.status != "signed":
        raise Http404
    content = certificates.certificates_pdf(d)
    return file_response(
        content, filename("bang-khen", d.number_symbol, "pdf"), certificates.PDF_CONTENT_TYPE
    )


@router.get(
    "/awardees/{awardee_id}/certificate.pdf",
    url_name="decisions_certificate_pdf",
    openapi_extra=BINARY,
)
def certificate_pdf(request: HttpRequest, awardee_id: int) -> HttpResponse:
    awardee = selectors.get_awardee_for_user(request.user, awardee_id)
    d = awardee.decision
    if d.status != "signed":
        raise Http404
    content = certificates.certificates_pdf(d, [awardee])
    name = filename("bang-khen", f"{d.number_symbol} {awardee.name}", "pdf")
    return file_response(content, name, certificates.PDF_CONTENT_TYPE)
