from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from tdkt.documents.xlsx import xlsx_response
from tdkt.errors import DomainError
from tdkt.org import forms as forms_
from tdkt.org import selectors, services
from tdkt.org.forms import PICKER_ACTIONS, set_units
from tdkt.org.models import Cluster, Unit, UnitLevel
from tdkt.org.services import lineage
from tdkt.web.actions import post_only, run
from tdkt.web.http import HtmxHttpRequest, bounded_int, query_int
from tdkt.web.pagination import paginate
from tdkt.web.picker import picker_search
from tdkt.workflow.access import access_for, get_unit_for_user, require, restrict_units

F = TypeVar("F", bound=forms.Form)


@login_required
def unit_list(request: HtmxHttpRequest) -> HttpResponse:
    require(request.user, "view")
    query = request.GET.get("q", "")
    level = request.GET.get("cap", "")
    status = request.GET.get("trang_thai", "active")
    units = selectors.search_units(request.user, query=query, level=level, status=status)
    if request.GET.get("xuat") == "xlsx":
        return xlsx_response(
            "danh-sach-don-vi.xlsx",
            "Đơn vị",
            ["Mã", "Tên đơn vị", "Cấp", "Đơn vị cấp trên", "Thành lập", "Kết thúc", "Số cán bộ"],
            (
                [
                    u.code,
                    u.name,
                    u.get_level_display(),
                    u.parent.name if u.parent else "",
                    u.established_on,
                    u.dissolved_on,
                    u.staff_count,  # type: ignore[attr-defined]  # annotate()d in search_units
                ]
                for u in units.iterator(chunk_size=2000)
            ),
        )
    context = {
        "page": paginate(request, units),
        "query": query,
        "level": level,
        "status": status,
        "levels": UnitLevel.choices,
        "can_admin": access_for(request.user).can("admin"),
    }
    template = "org/_unit_table.html" if request.htmx else "org/unit_list.html"
    return render(request, template, context)


@login_required
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, pk)
    history = lineage(unit)
    context = {
        "unit": unit,
        "names": unit.names.order_by("valid_from"),
        "links": unit.parent_links.select_related("parent").order_by("valid_from"),
        "predecessors": selectors.predecessors(unit),
        "successors": [u for u in selectors.successors(unit) if _visible(request, u.pk)],
        "came_from": unit.predecessions.select_related("predecessor").order_by(
            "effective_on", "id"
        ),
        "went_to": [
            s
            for s in unit.successions.select_related("successor").order_by("effective_on", "id")
            if _visible(request, s.successor_id)
        ],
        "can_admin": access_for(request.user).can("admin", unit.pk),
        "children": _children(request, unit),
        "history": history,  # the records panels (records' `unit_ledger` tag) count these
        "history_units": [u for u in history if u.pk != unit.pk],
    }
    return render(request, "org/unit_detail.html", context)


def _children(request: HttpRequest, unit: Unit) -> dict[str, list[Unit]]:
    """Units directly under this one, those still active first."""
    rows = (
        restrict_units(request.user, unit.children.all())
        .annotate(staff_count=Count("people", filter=Q(people__left_on__isnull=True)))
        .order_by("sort_key", "id")
    )
    return {
        "active": [u for u in rows if u.dissolved_on is None],
        "dissolved": [u for u in rows if u.dissolved_on is not None],
    }


def _visible(request: HttpRequest, unit_id: int) -> bool:
    return restrict_units(request.user).filter(pk=unit_id).exists()


@login_required
def cluster_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "view")
    year = request.GET.get("nam", "")
    chosen = bounded_int(year, None, 1945, 2100)
    clusters = selectors.clusters_for(request.user, chosen)
    years = sorted(set(Cluster.objects.values_list("year", flat=True)), reverse=True)
    context = {
        "page": paginate(request, clusters),
        "year": year,
        "years": years,
        "can_admin": access_for(request.user).can("admin"),
    }
    return render(request, "org/cluster_list.html", context)


@login_required
def cluster_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        cluster = selectors.clusters_for(request.user).get(pk=pk)
    except Cluster.DoesNotExist as exc:
        raise Http404 from exc
    members = list(cluster.memberships.select_related("unit").order_by("role", "unit__sort_key"))
    context: dict[str, Any] = {"cluster": cluster, "members": members}
    if access_for(request.user).can("admin", cluster.organizer_id):
        context["member_form"] = set_units_form(request, forms_.MemberForm())
    return render(request, "org/cluster_detail.html", context)


def set_units_form(request: HttpRequest, form: F) -> F:
    set_units(form, _admin_units(request))
    return form


@login_required
def unit_search(request: HttpRequest) -> HttpResponse:
    """The picker's answer: at most PICKER_LIMIT units the user may act on, found without
    diacritics, each with its parent's short name so that homonyms are told apart."""
    require(request.user, "view")
    return picker_search(
        request,
        selectors.pick_units,
        actions=PICKER_ACTIONS,
        field="unit",
        invalid=_("Yêu cầu tìm đơn vị không hợp lệ."),
        template="org/_unit_results.html",
        found_name="units",
    )


# --- the administrators' screens: one form, one service call ---------------------------------


def _admin_units(request: HttpRequest) -> QuerySet[Unit]:
    return restrict_units(request.user, action="admin").filter(dissolved_on__isnull=True)


def _admin_unit(request: HttpRequest, pk: int) -> Unit:
    """The unit an administrator acts on; to anyone else it does not exist."""
    return get_unit_for_user(request.user, pk, action="admin")


def _form(request: HttpRequest, form_class: type[F], **kwargs: Any) -> F:
    form = form_class(request.POST if request.method == "POST" else None, **kwargs)
    set_units(form, _admin_units(request))
    return form


def _save(
    request: HttpRequest, form: forms.Form, call: Callable[[dict[str, Any]], Any], success: str
) -> Any:
    """Run the service on a valid POST; its refusal (stale version included) becomes the form's
    error and nothing is written. Returns what the service returned, or None."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = call(form.cleaned_data)
    except DomainError as exc:
        form.add_error(None, exc.message)
        return None
    messages.success(request, success)
    return result if result is not None else True


def _page(request: HttpRequest, form: forms.Form, title: str, back: str, **extra: Any) -> Any:
    context = {"form": form, "title": title, "back": back, **extra}
    return render(request, "org/unit_form.html", context)


@login_required
def unit_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "admin")
    initial = {}
    if (parent := query_int(request, "cap_tren")) is not None:
        initial["parent"] = parent
    form = _form(request, forms_.UnitCreateForm, initial=initial)
    unit = _save(
        request,
        form,
        lambda d: services.create_unit(actor=request.user, **d),
        _("Đã tạo đơn vị."),
    )
    if unit:
        return redirect("org:unit_detail", unit.pk)
    return _page(request, form, _("Thêm đơn vị"), reverse("org:unit_list"))


@login_required
def unit_rename(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _admin_unit(request, pk)
    form = _form(
        request,
        forms_.UnitRenameForm,
        initial={"version": unit.version, "name": unit.name, "short_name": unit.short_name},
    )
    done = _save(
        request,
        form,
        lambda d: services.rename_unit(actor=request.user, unit=unit, **d),
        _("Đã đổi tên đơn vị."),
    )
    return _after(request, done, unit, form, _("Đổi tên đơn vị"))


@login_required
def unit_move(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _admin_unit(request, pk)
    form = _form(request, forms_.UnitMoveForm, initial={"version": unit.version})
    done = _save(
        request,
        form,
        lambda d: services.move_unit(actor=request.user, unit=unit, **d),
        _("Đã chuyển đơn vị sang đơn vị cấp trên mới."),
    )
    return _after(request, done, unit, form, _("Chuyển đơn vị trực thuộc"))


@login_required
def unit_dissolve(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _admin_unit(request, pk)
    form = _form(request, forms_.UnitDissolveForm, initial={"version": unit.version})
    done = _save(
        request,
        form,
        lambda d: services.dissolve_unit(actor=request.user, unit=unit, **d),
        _("Đã ghi nhận giải thể đơn vị."),
    )
    return _after(request, done, unit, form, _("Giải thể đơn vị (không có đơn vị kế thừa)"))


@login_required
def unit_merge(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _admin_unit(request, pk)
    form = _form(request, forms_.UnitMergeForm, initial={"version": unit.version})

    def merge(d: dict[str, Any]) -> Unit:
        new = None
        if d["new_name"] or d["new_code"]:
            new = services.UnitData(
                code=d["new_code"],
                name=d["new_name"],
                short_name=d["new_short_name"],
                level=d["new_level"],
                parent=d["new_parent"],
            )
        successor, _rows = services.merge_units(
            actor=request.user,
            predecessors=[unit, *form.others()],  # type: ignore[attr-defined]
            successor=d["successor"],
            new_successor=new,
            effective_on=d["effective_on"],
            legal_basis=d["legal_basis"],
            version=d["version"],
        )
        return successor

    successor = _save(request, form, merge, _("Đã ghi nhận sáp nhập đơn vị."))
    if successor:
        return redirect("org:unit_detail", successor.pk)
    return _page(
        request,
        form,
        _("Sáp nhập, hợp nhất đơn vị"),
        reverse("org:unit_detail", args=[unit.pk]),
        unit=unit,
    )


@login_required
def unit_split(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _admin_unit(request, pk)
    form = _form(request, forms_.UnitSplitForm, initial={"version": unit.version})
    done = _save(
        request,
        form,
        lambda d: services.split_unit(
            actor=request.user,
            predecessor=unit,
            successors=form.successors(),  # type: ignore[attr-defined]
            effective_on=d["effective_on"],
            legal_basis=d["legal_basis"],
            version=d["version"],
        ),
        _("Đã ghi nhận chia tách đơn vị."),
    )
    return _after(request, done, unit, form, _("Chia tách đơn vị"))


def _after(request: HttpRequest, done: Any, unit: Unit, form: forms.Form, title: str) -> Any:
    if done:
        return redirect("org:unit_detail", unit.pk)
    return _page(request, form, title, reverse("org:unit_detail", args=[unit.pk]), unit=unit)


# --- clusters and blocks ----------------------------------------------------------------------


def _admin_cluster(request: HttpRequest, pk: int) -> Cluster:
    require(request.user, "admin")
    try:
        cluster = selectors.clusters_for(request.user).get(pk=pk)
    except Cluster.DoesNotExist as exc:
        raise Http404 from exc
    if not access_for(request.user).can("admin", cluster.organizer_id):
        raise Http404
    return cluster


@login_required
def cluster_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "admin")
    form = _form(request, forms_.ClusterForm)
    cluster = _save(
        request,
        form,
        lambda d: services.create_cluster(actor=request.user, members=[], **d),
        _("Đã lập cụm, khối thi đua. Hãy thêm các đơn vị thành viên."),
    )
    if cluster:
        return redirect("org:cluster_detail", cluster.pk)
    return _page(request, form, _("Lập cụm, khối thi đua"), reverse("org:cluster_list"))


@login_required
def cluster_copy(request: HttpRequest) -> HttpResponse:
    require(request.user, "admin")
    form = _form(request, forms_.ClusterCopyForm)
    copies = _save(
        request,
        form,
        lambda d: services.copy_clusters(actor=request.user, year=d["year"]),
        _("Đã sao chép cụm, khối thi đua sang năm mới."),
    )
    if copies:
        return redirect(f"{reverse('org:cluster_list')}?nam={form.cleaned_data['year']}")
    return _page(request, form, _("Sao chép cụm, khối của năm trước"), reverse("org:cluster_list"))


@login_required
def cluster_member_add(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = _admin_cluster(request, pk)
    if (refused := post_only(request)) is not None:
        return refused
    form = _form(request, forms_.MemberForm)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(str(e) for e in errors))
        return redirect("org:cluster_detail", cluster.pk)
    unit = form.cleaned_data["unit"]
    return run(
        request,
        lambda: services.add_cluster_member(actor=request.user, cluster=cluster, unit=unit),
        _("Đã thêm %(unit)s vào cụm, khối.") % {"unit": unit.name},
        "org:cluster_detail",
        cluster.pk,
    )


@login_required
def cluster_member_remove(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    cluster = _admin_cluster(request, pk)
    if (refused := post_only(request)) is not None:
        return refused
    member = cluster.memberships.select_related("unit").filter(unit_id=unit_pk).first()
    if member is None:
        raise Http404
    return run(
        request,
        lambda: services.remove_cluster_member(
            actor=request.user, cluster=cluster, unit=member.unit
        ),
        _("Đã bỏ %(unit)s khỏi cụm, khối.") % {"unit": member.unit.name},
        "org:cluster_detail",
        cluster.pk,
    )
