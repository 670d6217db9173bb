"""Decision screens: draft from a sitting, submit, return, sign, revoke; the documents (.docx of
the decision and of the list, .xlsx of the list), the certificates (PDF) and their layout; the
money of each line (paid, to recover)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.council.selectors import get_meeting_for_user
from tdkt.decisions import certificates, documents, layouts, selectors, services
from tdkt.decisions.forms import DecisionHeaderForm, LayoutForm, PaymentForm, RevokeForm, SignForm
from tdkt.decisions.models import DECISION_REASONS, DecisionStatus, MoneyStatus
from tdkt.errors import DomainError, InvalidData
from tdkt.nominations.documents import filename
from tdkt.nominations.forms import ReasonForm
from tdkt.web.actions import file_response, post_only, posted_version, run
from tdkt.web.pagination import paginate
from tdkt.workflow.access import can, get_unit_for_user, require

S = DecisionStatus
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@login_required
def decision_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "view")
    page = paginate(request, selectors.decisions_for(request.user))
    return render(request, "decisions/decision_list.html", {"page": page})


@login_required
def decision_draft(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, meeting_pk)
    if not can(request.user, "decide", meeting.council.unit_id):
        raise Http404
    if (refused := post_only(request)) is not None:
        return refused
    try:
        decision = services.draft_decision(actor=request.user, meeting=meeting)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("council:meeting_detail", meeting.pk)
    messages.success(request, _("Đã dự thảo quyết định từ kết quả của Hội đồng."))
    return redirect("decisions:decision_detail", decision.pk)


@login_required
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    decision = selectors.get_decision_for_user(request.user, pk)
    decide = can(request.user, "decide", decision.issuer_id)
    sign = can(request.user, "sign", decision.issuer_id)
    awardees = list(decision.awardees.select_related("entry", "person"))
    money = selectors.sees_money(request.user, decision)
    today = timezone.localdate()
    if sign and decision.status == S.SIGNED:
        for a in awardees:
            a.revoke_form = RevokeForm(  # type: ignore[attr-defined]
                prefix=f"kt{a.pk}", initial={"version": decision.version, "revoked_on": today}
            )
    context: dict[str, Any] = {
        "decision": decision,
        "awardees": awardees,
        "total": sum(a.amount or 0 for a in awardees) if money else None,
        "sees_money": money,
        "transitions": decision.transitions.all(),
        "status_labels": dict(S.choices),
        "reason_labels": dict(DECISION_REASONS),
        "decide": decide,
        "sign": sign,
        "header_form": DecisionHeaderForm(
            initial={
                "version": decision.version,
                "title": decision.title,
                "symbol": decision.symbol,
                "signer_title": decision.signer_title,
            }
        ),
        "sign_form": SignForm(
            initial={
                "version": decision.version,
                "signed_on": today,
                "signer_title": decision.signer_title,
                "signer_name": request.user.get_full_name(),  # type: ignore[union-attr]
            }
        ),
        "return_form": ReasonForm(initial={"version": decision.version}),
        "revoke_form": RevokeForm(initial={"version": decision.version, "revoked_on": today}),
        "payment_form": PaymentForm(initial={"paid_on": today}),
        "money": MoneyStatus,
    }
    return render(request, "decisions/decision_detail.html", context)


def _action(request: HttpRequest, pk: int, role: str, action: Any, success: str) -> HttpResponse:
    decision = selectors.get_decision_for_user(request.user, pk)
    if not can(request.user, role, decision.issuer_id):
        raise Http404
    if (refused := post_only(request)) is not None:
        return refused
    return run(request, lambda: action(decision), success, "decisions:decision_detail", pk)


@login_required
def decision_edit(request: HttpRequest, pk: int) -> HttpResponse:
    form = DecisionHeaderForm(request.POST or None)

    def save(decision: Any) -> Any:
        if not form.is_valid():
            raise InvalidData(_("Thông tin dự thảo chưa hợp lệ."))
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        return services.update_decision(
            actor=request.user, decision=decision, version=form.cleaned_data["version"], **data
        )

    return _action(request, pk, "decide", save, _("Đã lưu dự thảo."))


@login_required
def decision_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        "decide",
        lambda d: services.submit_for_signature(
            actor=request.user, decision=d, version=posted_version(request)
        ),
        _("Đã trình ký quyết định."),
    )


@login_required
def decision_return(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        "sign",
        lambda d: services.return_decision(
            actor=request.user,
            decision=d,
            version=posted_version(request),
            reason_code=request.POST.get("reason_code", ""),
            reason=request.POST.get("reason", ""),
        ),
        _("Đã trả lại dự thảo để điều chỉnh."),
    )


@login_required
def decision_sign(request: HttpRequest, pk: int) -> HttpResponse:
    form = SignForm(request.POST or None)

    def sign(decision: Any) -> Any:
        if not form.is_valid():
            raise InvalidData(_("Hãy nhập số, ngày ký (dd/mm/yyyy) và người ký."))
        data = form.cleaned_data
        return services.sign_decision(
            actor=request.user,
            decision=decision,
            version=data["version"],
            number=data["number"],
            signed_on=data["signed_on"],
            signer_name=data["signer_name"],
            signer_title=data["signer_title"],
        )

    return _action(
        request, pk, "sign", sign, _("Đã ký ban hành; các khen thưởng đã vào sổ khen thưởng.")
    )


@login_required
def decision_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    form = RevokeForm(request.POST or None)

    def revoke(decision: Any) -> Any:
        if not form.is_valid():
            raise InvalidData(_("Hãy chọn căn cứ, ghi lý do (ít nhất 20 ký tự) và ngày hủy bỏ."))
        data = form.cleaned_data
        return services.revoke_decision(
            actor=request.user,
            decision=decision,
            version=data["version"],
            ground=data["ground"],
            reason=data["reason"],
            revoked_on=data["revoked_on"],
            revocation_number=data["revocation_number"],
        )

    return _action(
        request,
        pk,
        "sign",
        revoke,
        _("Đã hủy bỏ quyết định; tiền thưởng đã chi được đánh dấu phải thu hồi."),
    )


def _awardee_action(request: HttpRequest, pk: int, action: Any, success: str) -> HttpResponse:
    awardee = selectors.get_awardee_for_user(request.user, pk)
    if not can(request.user, "decide", awardee.decision.issuer_id):
        raise Http404
    if (refused := post_only(request)) is not None:
        return refused
    return run(
        request, lambda: action(awardee), success, "decisions:decision_detail", awardee.decision_id
    )


@login_required
def awardee_paid(request: HttpRequest, pk: int) -> HttpResponse:
    form = PaymentForm(request.POST or None)
    return _awardee_action(
        request,
        pk,
        lambda a: services.record_payment(
            actor=request.user,
            awardee=a,
            paid_on=form.cleaned_data["paid_on"] if form.is_valid() else timezone.localdate(),
        ),
        _("Đã ghi nhận đã chi tiền thưởng."),
    )


@login_required
def awardee_recovered(request: HttpRequest, pk: int) -> HttpResponse:
    return _awardee_action(
        request,
        pk,
        lambda a: services.record_recovery(actor=request.user, awardee=a),
        _("Đã ghi nhận đã thu hồi tiền thưởng."),
    )


@login_required
def awardee_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Annul one line of a signed decision; the rest of the decision stands."""
    awardee = selectors.get_awardee_for_user(request.user, pk)
    if not can(request.user, "sign", awardee.decision.issuer_id):
        raise Http404
    if (refused := post_only(request)) is not None:
        return refused
    form = RevokeForm(request.POST, prefix=f"kt{awardee.pk}")
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            text = " ".join(str(e) for e in errors)
            messages.error(request, f"{label}: {text}" if label else text)
        return redirect("decisions:decision_detail", awardee.decision_id)
    data = form.cleaned_data
    return run(
        request,
        lambda: services.revoke_awardee(
            actor=request.user,
            awardee=awardee,
            version=data["version"],
            ground=data["ground"],
            reason=data["reason"],
            revoked_on=data["revoked_on"],
            revocation_number=data["revocation_number"],
        ),
        _("Đã hủy bỏ khen thưởng của %(n)s; các khen thưởng khác của quyết định vẫn giữ nguyên.")
        % {"n": awardee.name},
        "decisions:decision_detail",
        awardee.decision_id,
    )


# --- documents -----------------------------------------------------------------------------------


@login_required
def decision_docx(request: HttpRequest, pk: int) -> HttpResponse:
    decision = selectors.get_decision_for_user(request.user, pk)
    name = filename("quyet-dinh", decision.number_symbol or f"du thao {decision.pk}")
    return file_response(documents.decision_docx(decision), name, DOCX)


@login_required
def list_docx(request: HttpRequest, pk: int) -> HttpResponse:
    decision = selectors.get_decision_for_user(request.user, pk)
    name = filename("danh-sach-khen-thuong", decision.number_symbol or f"du thao {decision.pk}")
    return file_response(documents.list_docx(decision), name, DOCX)


@login_required
def list_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    decision = selectors.get_decision_for_user(request.user, pk)
    return documents.list_xlsx(decision, selectors.sees_money(request.user, decision))


def _certificates(
    request: HttpRequest, decision: Any, awardees: list[Any], name: str
) -> HttpResponse:
    if decision.status != S.SIGNED:
        messages.error(
            request, _("Chỉ in Bằng khen, Giấy khen của quyết định đã ký, còn hiệu lực.")
        )
        return redirect("decisions:decision_detail", decision.pk)
    awardees = [a for a in awardees if a.entry is None or a.entry.revoked_on is None]
    if not awardees:
        messages.error(request, _("Khen thưởng đã bị hủy bỏ: không in Bằng khen, Giấy khen."))
        return redirect("decisions:decision_detail", decision.pk)
    content = certificates.certificates_pdf(decision, awardees)
    if can(request.user, "decide", decision.issuer_id):
        services.mark_printed(actor=request.user, decision=decision, awardees=awardees)
    return file_response(content, name, certificates.PDF_CONTENT_TYPE, inline=True)


@login_required
def certificates_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    decision = selectors.get_decision_for_user(request.user, pk)
    awardees = list(decision.awardees.select_related("person", "entry"))
    return _certificates(
        request, decision, awardees, filename("bang-khen", decision.number_symbol, "pdf")
    )


@login_required
def certificate_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    awardee = selectors.get_awardee_for_user(request.user, pk)
    decision = awardee.decision
    return _certificates(
        request,
        decision,
        [awardee],
        filename("bang-khen", f"{decision.number_symbol} {awardee.name}", "pdf"),
    )


@login_required
def layout_edit(request: HttpRequest, unit_pk: int) -> HttpResponse:
    """The issuer's certificate layout: margins and line positions to fit its pre-printed blanks."""
    issuer = get_unit_for_user(request.user, unit_pk, action="decide")
    layout = layouts.layout_for(issuer)
    form = LayoutForm(request.POST or None, instance=layout)
    if request.method == "POST" and form.is_valid():
        try:
            layouts.save_layout(actor=request.user, issuer=issuer, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã lưu căn chỉnh in."))
            return redirect("decisions:layout_edit", issuer.pk)
    sample = selectors.decisions_for(request.user).filter(issuer=issuer, status=S.SIGNED).first()
    return render(
        request, "decisions/layout_form.html", {"form": form, "issuer": issuer, "sample": sample}
    )
