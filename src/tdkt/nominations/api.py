"""Dossiers over REST: create, candidates, components, every move up and down the levels, public
comment. Scoped like the screens (what the user may not see answers 404); each write calls the
same service as the screen, with the version the caller read (a stale one answers 409)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile

from tdkt.movements.models import Movement
from tdkt.nominations import documents, selectors
from tdkt.nominations.models import Candidate, CommentPeriod, Dossier
from tdkt.nominations.services import components, dossiers, moves, publicity
from tdkt.records.models import Initiative
from tdkt.web.actions import file_response
from tdkt.workflow.access import can, get_person_for_user, get_unit_for_user

router = Router(tags=["Hồ sơ đề nghị khen thưởng"])
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
BINARY = {"responses": {200: {"description": "Tệp", "content": {"application/octet-stream": {}}}}}


class Problem(Schema):
    detail: str
    code: str | None = None


class CandidateOut(Schema):
    id: int
    name: str
    person_id: int | None
    unit_id: int | None
    award: str
    award_name: str
    position: str
    unit_name: str
    achievement: str
    act_on: dt.date | None
    justification: str
    verdict_status: str
    verdict_regime: str
    verdict_as_of: dt.date | None
    verdict: dict[str, Any] | None
    council_result: str
    state_result: str


class TransitionOut(Schema):
    from_status: str
    to_status: str
    at: dt.datetime
    actor_name: str
    reason_code: str
    reason: str


class ChecklistOut(Schema):
    kind: str
    label: str
    candidate_id: int | None
    satisfied: bool
    source: str
    evidence: str


class ComponentOut(Schema):
    id: int
    kind: str
    candidate_id: int | None
    original_name: str
    content_type: str
    size: int
    sha256: str
    uploaded_at: dt.datetime


class PeriodOut(Schema):
    token: str
    starts_on: dt.date
    ends_on: dt.date
    working_days: int
    public_url: str


class DossierOut(Schema):
    id: int
    code: str
    kind: str
    year: int
    title: str
    unit_id: int
    unit: str
    receiver_id: int | None
    receiver: str
    status: str
    status_label: str
    version: int
    submitted_on: dt.date | None
    state_sent_on: dt.date | None


class DossierDetail(DossierOut):
    candidates: list[CandidateOut]
    checklist: list[ChecklistOut]
    components: list[ComponentOut]
    transitions: list[TransitionOut]
    comment_periods: list[PeriodOut]


class DossierIn(Schema):
    unit_id: int
    kind: str
    year: int
    title: str = ""
    movement_id: int | None = None


class CandidateIn(Schema):
    version: int | None = None
    award: str
    person_id: int | None = None
    unit_id: int | None = None
    achievement: str = ""
    act_on: dt.date | None = None  # a sudden dossier: the day of the act `achievement` describes
    initiative_ids: list[int] = []


class CandidatePatch(Schema):
    version: int | None = None
    achievement: str | None = None
    justification: str | None = None
    position: str | None = None
    act_on: dt.date | None = None


class VersionIn(Schema):
    version: int | None = None


class ReasonIn(VersionIn):
    reason_code: str
    reason: str


class PublishIn(VersionIn):
    working_days: int | None = None
    channels: str = ""


def _dossier(d: Dossier) -> dict[str, Any]:
    return {
        "id": d.pk,
        "code": d.code,
        "kind": d.kind,
        "year": d.year,
        "title": d.title,
        "unit_id": d.unit_id,
        "unit": d.unit.name,
        "receiver_id": d.receiver_id,
        "receiver": d.receiver.name if d.receiver else "",
        "status": d.status,
        "status_label": str(d.get_status_display()),
        "version": d.version,
        "submitted_on": d.submitted_on,
        "state_sent_on": d.state_sent_on,
    }


def _candidate(c: Candidate) -> dict[str, Any]:
    return {
        "id": c.pk,
        "name": c.name,
        "person_id": c.person_id,
        "unit_id": c.unit_id,
        "award": c.award,
        "award_name": str(c.get_award_display()),
        "position": c.position,
        "unit_name": c.unit_name,
        "achievement": c.achievement,
        "act_on": c.act_on,
        "justification": c.justification,
        "verdict_status": c.verdict_status,
        "verdict_regime": c.verdict_regime,
        "verdict_as_of": c.verdict_as_of,
        "verdict": c.verdict,
        "council_result": c.council_result,
        "state_result": c.state_result,
    }


def _period(p: CommentPeriod) -> dict[str, Any]:
    return {
        "token": str(p.token),
        "starts_on": p.starts_on,
        "ends_on": p.ends_on,
        "working_days": p.working_days,
        "public_url": f"/ho-so/cong-khai/{p.token}/",
    }


def detail(d: Dossier) -> dict[str, Any]:
    d.refresh_from_db()
    return {
        **_dossier(d),
        "candidates": [_candidate(c) for c in d.candidates.all()],
        "checklist": [
            {
                "kind": line.kind,
                "label": line.label,
                "candidate_id": line.candidate.pk if line.candidate else None,
                "satisfied": line.satisfied,
                "source": line.source,
                "evidence": line.evidence,
            }
            for line in components.checklist(d)
        ],
        "components": list(
            d.components.values(
                "id",
                "kind",
                "candidate_id",
                "original_name",
                "content_type",
                "size",
                "sha256",
                "uploaded_at",
            )
        ),
        "transitions": list(
            d.transitions.values(
                "from_status", "to_status", "at", "actor_name", "reason_code", "reason"
            )
        ),
        "comment_periods": [_period(p) for p in d.comment_periods.all()],
    }


def _author(request: HttpRequest, dossier_id: int) -> Dossier:
    dossier = selectors.get_dossier_for_user(request.user, dossier_id)
    if not can(request.user, "nominate", dossier.unit_id):
        raise Http404
    return dossier


def _holder(request: HttpRequest, dossier_id: int) -> Dossier:
    dossier = selectors.get_dossier_for_user(request.user, dossier_id)
    if dossier.receiver_id is None or not can(request.user, "receive", dossier.receiver_id):
        raise Http404
    return dossier


@router.get("/dossiers", response=list[DossierOut], url_name="nominations_dossier_list")
def dossier_list(
    request: HttpRequest,
    status: str = "",
    year: Annotated[int | None, Query(None, ge=1945, le=2100)] = None,
    waiting_for: int | None = None,
) -> list[dict[str, Any]]:
    """The dossiers the caller may see: of the units in scope and sent to them."""
    filters = selectors.DossierFilters(status=status, year=year, waiting_for=waiting_for)
    return [_dossier(d) for d in selectors.dossiers_for(request.user, filters)[:500]]


@router.post(
    "/dossiers", response={201: DossierDetail, 400: Problem}, url_name="nominations_dossier_create"
)
def dossier_create(request: HttpRequest, body: DossierIn) -> Status[Any]:
    unit = get_unit_for_user(request.user, body.unit_id, action="nominate")
    movement = Movement.objects.filter(pk=body.movement_id).first() if body.movement_id else None
    if body.movement_id and movement is None:
        raise Http404
    dossier = dossiers.create_dossier(
        actor=request.user,
        unit=unit,
        kind=body.kind,
        year=body.year,
        title=body.title,
        movement=movement,
    )
    return Status(201, detail(dossier))


@router.get("/dossiers/{dossier_id}", response=DossierDetail, url_name="nominations_dossier")
def dossier_detail(request: HttpRequest, dossier_id: int) -> dict[str, Any]:
    return detail(selectors.get_dossier_for_user(request.user, dossier_id))


@router.post(
    "/dossiers/{dossier_id}/candidates",
    response={201: CandidateOut, 400: Problem, 409: Problem},
    url_name="nominations_candidate_add",
)
def candidate_add(request: HttpRequest, dossier_id: int, body: CandidateIn) -> Status[Any]:
    """Add a person or a unit with the award asked; the engine's verdict comes back with it."""
    dossier = _author(request, dossier_id)
    person = get_person_for_user(request.user, body.person_id) if body.person_id else None
    unit = get_unit_for_user(request.user, body.unit_id) if body.unit_id else None
    initiatives = Initiative.objects.filter(pk__in=body.initiative_ids)
    candidate = dossiers.add_candidate(
        actor=request.user,
        dossier=dossier,
        version=body.version,
        award=body.award,
        person=person,
        unit=unit,
        achievement=body.achievement,
        initiatives=list(initiatives),
        act_on=body.act_on,
    )
    return Status(201, _candidate(candidate))


@router.patch(
    "/candidates/{candidate_id}",
    response={200: CandidateOut, 400: Problem, 409: Problem},
    url_name="nominations_candidate_update",
)
def candidate_update(
    request: HttpRequest, candidate_id: int, body: CandidatePatch
) -> dict[str, Any]:
    candidate = selectors.get_candidate_for_user(request.user, candidate_id)
    _author(request, candidate.dossier_id)
    dossiers.update_candidate(
        actor=request.user,
        candidate=candidate,
        version=body.version,
        achievement=body.achievement,
        justification=body.justification,
        position=body.position,
        act_on=body.act_on,
    )
    return _candidate(candidate)


@router.post(
    "/dossiers/{dossier_id}/components",
    response={201: ComponentOut, 400: Problem},
    url_name="nominations_component_upload",
)
def component_upload(
    request: HttpRequest,
    dossier_id: int,
    kind: Form[str],
    file: File[UploadedFile],
    candidate_id: Form[int | None] = None,
    note: Form[str] = "",
) -> Status[Any]:
    """A signed tờ trình, the minutes with the vote, proof of initiatives or ratings (PDF, Word,
    Excel, JPEG, PNG), checked by content and size and stored with its SHA-256."""
    dossier = selectors.get_dossier_for_user(request.user, dossier_id)
    candidate = dossier.candidates.filter(pk=candidate_id).first() if candidate_id else None
    component = components.upload_component(
        actor=request.user, dossier=dossier, kind=kind, upload=file, candidate=candidate, note=note
    )
    return Status(201, component)


@router.get(
    "/components/{component_id}/file", url_name="nominations_component_file", openapi_extra=BINARY
)
def component_file(request: HttpRequest, component_id: int) -> HttpResponse:
    component = selectors.get_component_for_user(request.user, component_id)
    with component.file.open("rb") as handle:
        content = handle.read()
    response = file_response(content, component.original_name, component.content_type)
    response["X-Checksum-SHA256"] = component.sha256
    return response


@router.get(
    "/dossiers/{dossier_id}/proposal.docx",
    url_name="nominations_proposal_docx",
    openapi_extra=BINARY,
)
def proposal_docx(request: HttpRequest, dossier_id: int) -> HttpResponse:
    """The tờ trình generated from the data (an uploaded signed copy is under components)."""
    dossier = selectors.get_dossier_for_user(request.user, dossier_id)
    return file_response(
        documents.proposal_docx(dossier), documents.filename("to-trinh", dossier.title), DOCX
    )


@router.get(
    "/candidates/{candidate_id}/report.docx",
    url_name="nominations_report_docx",
    openapi_extra=BINARY,
)
def report_docx(request: HttpRequest, candidate_id: int) -> HttpResponse:
    candidate = selectors.get_candidate_for_user(request.user, candidate_id)
    return file_response(
        documents.report_docx(candidate),
        documents.filename("bao-cao-thanh-tich", candidate.name),
        DOCX,
    )


def _move(url: str, name: str, side: str, doc: str, body_type: type = VersionIn) -> Any:
    def decorator(action: Any) -> Any:
        def endpoint(request: HttpRequest, dossier_id: int, body: Any) -> dict[str, Any]:
            dossier = (_author if side == "author" else _holder)(request, dossier_id)
            action(request, dossier, body)
            return detail(dossier)

        endpoint.__doc__ = doc
        endpoint.__name__ = action.__name__
        endpoint.__annotations__ = {
            "request": HttpRequest,
            "dossier_id": int,
            "body": body_type,
            "return": dict,
        }
        return router.post(
            url, response={200: DossierDetail, 400: Problem, 409: Problem}, url_name=name
        )(endpoint)

    return decorator


@_move(
    "/dossiers/{dossier_id}/submit",
    "nominations_submit",
    "author",
    "Gửi hồ sơ lên cấp trên: lưu kết quả xét điều kiện, kiểm tra giải trình, tỷ lệ, thành phần.",
)
def submit(request: HttpRequest, dossier: Dossier, body: VersionIn) -> None:
    moves.submit_dossier(actor=request.user, dossier=dossier, version=body.version)


@_move(
    "/dossiers/{dossier_id}/withdraw",
    "nominations_withdraw",
    "author",
    "Rút hồ sơ (cần lý do).",
    ReasonIn,
)
def withdraw(request: HttpRequest, dossier: Dossier, body: ReasonIn) -> None:
    moves.withdraw_dossier(
        actor=request.user,
        dossier=dossier,
        version=body.version,
        reason_code=body.reason_code,
        reason=body.reason,
    )


@_move("/dossiers/{dossier_id}/receive", "nominations_receive", "holder", "Tiếp nhận hồ sơ.")
def receive(request: HttpRequest, dossier: Dossier, body: VersionIn) -> None:
    moves.receive_dossier(actor=request.user, dossier=dossier, version=body.version)


@_move(
    "/dossiers/{dossier_id}/return",
    "nominations_return",
    "holder",
    "Trả lại cho đơn vị đề nghị (mã lý do và nội dung ít nhất 20 ký tự).",
    ReasonIn,
)
def return_(request: HttpRequest, dossier: Dossier, body: ReasonIn) -> None:
    moves.return_dossier(
        actor=request.user,
        dossier=dossier,
        version=body.version,
        reason_code=body.reason_code,
        reason=body.reason,
    )


@_move("/dossiers/{dossier_id}/forward", "nominations_forward", "holder", "Chuyển lên cấp trên.")
def forward(request: HttpRequest, dossier: Dossier, body: VersionIn) -> None:
    moves.forward_dossier(actor=request.user, dossier=dossier, version=body.version)


@_move(
    "/dossiers/{dossier_id}/publish",
    "nominations_publish",
    "holder",
    "Công khai danh sách để lấy ý kiến trong số ngày làm việc cho trước.",
    PublishIn,
)
def publish(request: HttpRequest, dossier: Dossier, body: PublishIn) -> None:
    publicity.publish_for_comment(
        actor=request.user,
        dossier=dossier,
        version=body.version,
        working_days=body.working_days,
        channels=body.channels,
    )


@_move(
    "/dossiers/{dossier_id}/council",
    "nominations_to_council",
    "holder",
    "Đưa ra Hội đồng (bị từ chối khi chưa hết thời hạn lấy ý kiến).",
)
def to_council(request: HttpRequest, dossier: Dossier, body: VersionIn) -> None:
    moves.send_to_council(actor=request.user, dossier=dossier, version=body.version)
