"""The public site (no login): the home page, exemplary models with their photos, and published
award decisions. Everything comes through `publicity.public`, which lets out only what is
published; anything else answers 404, exactly like what does not exist."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from tdkt.nominations.selectors import open_periods
from tdkt.org.models import Unit
from tdkt.publicity import public, selectors
from tdkt.publicity.models import ExampleKind
from tdkt.publicity.photos import photo_response
from tdkt.web.http import bounded_int
from tdkt.web.pagination import paginate

EXAMPLES_PER_PAGE = 12
DECISIONS_PER_PAGE = 20
RECIPIENTS_PER_PAGE = 100


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    context = {
        "examples": public.published_examples()[:6],
        "decisions": public.published_decisions()[:5],
        "periods": open_periods(timezone.localdate())[:5],
    }
    return render(request, "publicity/public/home.html", context)


@require_safe
def example_list(request: HttpRequest) -> HttpResponse:
    filters = selectors.filters_from(request.GET, statuses=False)
    units = list(public.unit_choices())
    chosen = next((u for u in units if u.pk == filters.unit_id), None)
    if filters.unit_id and chosen is None:
        # A unit reached by a link (an example's page) that is not among the usual choices.
        chosen = Unit.objects.filter(pk=filters.unit_id).first()
        if chosen is not None:
            units.append(chosen)
    context = {
        "page": paginate(request, public.published_examples(filters), EXAMPLES_PER_PAGE),
        "filters": filters,
        "units": units,
        "years": public.year_choices(),
        "movements": public.movement_choices(),
        "kinds": ExampleKind.choices,
    }
    return render(request, "publicity/public/example_list.html", context)


@require_safe
def example_detail(request: HttpRequest, pk: int) -> HttpResponse:
    example = public.get_published_example(pk)
    return render(request, "publicity/public/example_detail.html", {"example": example})


@require_safe
def photo(request: HttpRequest, pk: int) -> HttpResponse:
    return photo_response(request, public.get_public_photo(pk), public=True)


@require_safe
def photo_thumb(request: HttpRequest, pk: int) -> HttpResponse:
    return photo_response(request, public.get_public_photo(pk), public=True, thumbnail=True)


@require_safe
def decision_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:60]
    year = request.GET.get("nam", "")
    issuer = request.GET.get("co_quan", "")[:200]
    decisions = public.published_decisions(query, bounded_int(year, None, 1945, 2100), issuer)
    context = {
        "page": paginate(request, decisions, DECISIONS_PER_PAGE),
        "query": query,
        "year": year,
        "issuer": issuer,
        "years": public.decision_year_choices(),
        "issuers": public.issuer_choices(),
    }
    return render(request, "publicity/public/decision_list.html", context)


@require_safe
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    decision = public.get_published_decision(pk)
    rows = public.recipients(decision)
    page = Paginator(rows, RECIPIENTS_PER_PAGE).get_page(request.GET.get("trang"))
    context = {
        "decision": decision,
        "page": page,
        "offset": page.start_index() - 1,
        "revocation": public.revocation(decision),
    }
    return render(request, "publicity/public/decision_detail.html", context)
