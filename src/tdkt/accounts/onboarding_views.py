"""The onboarding screen: upload a list, get back either its problems or the passwords workbook.

Synchronous on purpose: the fast one-time hasher makes 400 accounts a matter of seconds, and the
passwords then leave the server once, in this response, without being stored anywhere."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from tdkt.accounts import onboarding
from tdkt.accounts.selectors import may_manage_accounts
from tdkt.documents.xlsx import XLSX_CONTENT_TYPE
from tdkt.web.actions import file_response

PROBLEMS_SHOWN = 500


class OnboardingForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp danh sách tài khoản (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )


@login_required
def onboarding_upload(request: HttpRequest) -> HttpResponse:
    if not may_manage_accounts(request.user):
        raise Http404
    form = OnboardingForm(request.POST or None, request.FILES or None)
    problems: list[dict[str, object]] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            created = onboarding.onboard(
                actor=request.user, stream=upload, name=upload.name or "", size=upload.size or 0
            )
        except onboarding.FileRefused as exc:
            problems = exc.problems
        else:
            content = onboarding.passwords_workbook(created)
            response = file_response(content, onboarding.passwords_filename(), XLSX_CONTENT_TYPE)
            response["Cache-Control"] = "no-store"
            return response
    context = {
        "form": form,
        "problems": problems[:PROBLEMS_SHOWN],
        "problem_count": len(problems),
        "hidden": max(len(problems) - PROBLEMS_SHOWN, 0),
        "max_mb": settings.TDKT_MAX_UPLOAD_BYTES // (1024 * 1024),
        "max_rows": onboarding.MAX_ROWS,
    }
    return render(request, "accounts/onboarding.html", context, status=200)


@login_required
def onboarding_template(request: HttpRequest) -> HttpResponse:
    if not may_manage_accounts(request.user):
        raise Http404
    return file_response(onboarding.template(), onboarding.TEMPLATE_FILENAME, XLSX_CONTENT_TYPE)
