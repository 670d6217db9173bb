"""Quỹ thi đua, khen thưởng: the funds in the user's scope, one fund's year (sources, commitments,
payments, the reserved share apart, the balance month by month, the entries), the forms finance
fills in, and the yearly report (.xlsx, .docx). Readers: the unit's leaders, TĐKT and finance
officers and the levels above (`fund.view`); writers: finance (`fund.manage`). Outside: 404."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tdkt.documents.docx import DOCX_CONTENT_TYPE
from tdkt.documents.xlsx import XLSX_CONTENT_TYPE
from tdkt.funds import documents, ledger, selectors, services
from tdkt.funds.forms import (
    AllocationForm,
    ContributionForm,
    OpenForm,
    ReversalForm,
    SpendingForm,
)
from tdkt.funds.models import REVERSIBLE_KINDS, Fund
from tdkt.nominations.documents import filename
from tdkt.web.actions import file_response, submit_form
from tdkt.web.http import query_int
from tdkt.web.pagination import paginate
from tdkt.web.picker import picker_search
from tdkt.workflow import clock
from tdkt.workflow.access import can, require

# The service's refusals, shown on the field they concern.
ERROR_FIELDS = {"voucher_required": "voucher", "over_balance": "amount", "over_reserved": "amount"}


@login_required
def fund_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "fund.view")
    year = query_int(request, "nam", None, services.FIRST_YEAR, services.LAST_YEAR)
    funds = selectors.funds_for(request.user).order_by("-year", "unit__name")
    if year is not None:
        funds = funds.filter(year=year)
    page = paginate(request, funds)
    figures = ledger.figures_for(page.object_list)
    rows = [(fund, figures[fund.pk]) for fund in page.object_list]
    context = {
        "page": page,
        "rows": rows,
        "year": year,
        "manages": can_manage_any(request.user),
    }
    return render(request, "funds/fund_list.html", context)


def can_manage_any(user: Any) -> bool:
    return selectors.managed_units(user).exists()


@login_required
def unit_search(request: HttpRequest) -> HttpResponse:
    """The unit picker's answer on the opening form: units that keep a fund, which the user
    keeps (`fund.manage`), found without diacritics."""
    require(request.user, "fund.manage")
    return picker_search(
        request,
        selectors.pick_fund_units,
        actions=("fund.manage", "view"),  # "view": a request naming none; answers the same
        field="unit",
        invalid=_("Yêu cầu tìm đơn vị không hợp lệ."),
        template="org/_unit_results.html",
        found_name="units",
    )


@login_required
def fund_open(request: HttpRequest) -> HttpResponse:
    require(request.user, "fund.manage")
    units = selectors.managed_units(request.user)
    form = OpenForm(request.POST or None, units=units, initial={"year": clock.today().year})
    opened: list[Fund] = []

    def call(data: dict[str, Any]) -> None:
        opened.append(
            services.open_fund_year(actor=request.user, unit=data["unit"], year=data["year"])
        )

    if submit_form(
        request, form, call, _("Đã mở sổ quỹ của năm."), error_fields={"fund_exists": "year"}
    ):
        return redirect("funds:fund_detail", opened[0].pk)
    return _form_page(request, form, None, _("Mở sổ quỹ thi đua, khen thưởng của năm"))


@login_required
def fund_detail(request: HttpRequest, pk: int) -> HttpResponse:
    fund = selectors.get_fund_for_user(request.user, pk)
    f = ledger.figures(fund)
    points = selectors.by_month(fund)
    labels = {
        "general": _("Số dư chung"),
        "reserved": _("Số dư phần dành riêng"),
        "outstanding": _("Tiền thưởng chờ chi"),
    }
    context = {
        "fund": fund,
        "f": f,
        "points": points,
        "chart": selectors.chart_spec(points, labels),
        "page": paginate(request, selectors.entries(fund)),
        "reversed": selectors.reversed_ids(fund),
        "reversible": REVERSIBLE_KINDS,
        "manage": can(request.user, "fund.manage", fund.unit_id),
        "carry_now": selectors.previous_carry(fund),
    }
    return render(request, "funds/fund_detail.html", context)


def _fund_form(
    request: HttpRequest,
    pk: int,
    form_class: type[Form],
    call: Callable[[Fund, dict[str, Any]], Any],
    success: str,
    title: str,
) -> HttpResponse:
    fund = selectors.get_fund_for_user(request.user, pk, "fund.manage")
    form = form_class(request.POST or None, initial={"entry_date": clock.today()})
    if submit_form(
        request, form, lambda data: call(fund, data), success, error_fields=ERROR_FIELDS
    ):
        return redirect("funds:fund_detail", fund.pk)
    return _form_page(request, form, fund, title)


def _form_page(request: HttpRequest, form: Form, fund: Fund | None, title: str) -> HttpResponse:
    """The form again: 200 when first shown, 400 when what was posted was refused."""
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "fund": fund, "title": title}
    return render(request, "funds/entry_form.html", context, status=status)


@login_required
def allocation_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _fund_form(
        request,
        pk,
        AllocationForm,
        lambda fund, data: services.record_allocation(actor=request.user, fund=fund, **data),
        _("Đã ghi nhận kinh phí trích lập."),
        _("Kinh phí trích lập từ ngân sách"),
    )


@login_required
def contribution_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _fund_form(
        request,
        pk,
        ContributionForm,
        lambda fund, data: services.record_contribution(actor=request.user, fund=fund, **data),
        _("Đã ghi nhận khoản đóng góp."),
        _("Đóng góp, nguồn hợp pháp khác"),
    )


@login_required
def spending_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _fund_form(
        request,
        pk,
        SpendingForm,
        lambda fund, data: services.record_spending(actor=request.user, fund=fund, **data),
        _("Đã ghi nhận khoản chi."),
        _("Chi khác từ quỹ"),
    )


@login_required
def entry_reverse(request: HttpRequest, pk: int) -> HttpResponse:
    entry = selectors.get_entry_for_user(request.user, pk, "fund.manage")
    form = ReversalForm(request.POST or None)

    def call(data: dict[str, Any]) -> None:
        services.reverse_entry(actor=request.user, entry=entry, reason=data["reason"])

    if submit_form(request, form, call, _("Đã đảo bút toán.")):
        return redirect("funds:fund_detail", entry.fund_id)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "fund": entry.fund, "entry": entry, "title": _("Đảo bút toán")}
    return render(request, "funds/entry_form.html", context, status=status)


@login_required
def fund_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    fund = selectors.get_fund_for_user(request.user, pk)
    name = filename("quy-thi-dua-khen-thuong", f"{fund.unit.code}-{fund.year}", "xlsx")
    return file_response(documents.fund_xlsx(fund), name, XLSX_CONTENT_TYPE)


@login_required
def fund_docx(request: HttpRequest, pk: int) -> HttpResponse:
    fund = selectors.get_fund_for_user(request.user, pk)
    name = filename("bao-cao-quy-thi-dua-khen-thuong", f"{fund.unit.code}-{fund.year}")
    return file_response(documents.fund_docx(fund), name, DOCX_CONTENT_TYPE)
