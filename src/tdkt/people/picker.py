"""The person picker every screen uses to choose a person of the user's scope (an initiative's
authors, say), a `tdkt.web.picker`: the user types, `people:person_search` answers the people of
the units he may act on, each with the unit beside the name."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdkt.org.models import UnitScope
from tdkt.people.models import Person
from tdkt.text import search_terms
from tdkt.web.picker import PickerChoiceField, PickerWidget, picker_search, restrict_pickers
from tdkt.workflow.access import require, restrict_people

# What a form may choose people for; the search offers the user's scope for that action.
PICKER_ACTIONS = ("view", "edit", "nominate", "council", "accounts")


def pick_people(
    user: Any,
    *,
    query: str = "",
    action: str = "view",
    active: bool = False,
    within: int | None = None,
) -> QuerySet[Person]:
    """People of the units the user may act on (`action`) whose name or citizen id contain every
    word of `query`, diacritics ignored; `active`: only those still serving; `within`: only
    people of that unit and the units under it."""
    qs = restrict_people(user, action=action).select_related("unit", "unit__parent")
    if within is not None:
        reach = UnitScope.objects.filter(ancestor_id=within).values("descendant_id")
        qs = qs.filter(unit__in=reach)
    for term in search_terms(query):
        qs = qs.filter(search_text__contains=term)
    if active:
        qs = qs.filter(left_on__isnull=True)
    return qs.order_by("sort_key", "id")


@login_required
def person_search(request: HttpRequest) -> HttpResponse:
    """The picker's answer: at most PICKER_LIMIT people, each with his or her unit."""
    require(request.user, "view")
    return picker_search(
        request,
        pick_people,
        actions=PICKER_ACTIONS,
        field="person",
        invalid=_("Yêu cầu tìm cán bộ không hợp lệ."),
        template="people/_person_results.html",
        found_name="people",
    )


class PersonPickerWidget(PickerWidget):
    """Renders `people/_person_picker.html`: the current person (if any) and a search box."""

    template_name = "people/widgets/person_picker.html"
    current_name = "person"
    related = ("unit",)


class PersonChoiceField(PickerChoiceField):
    """A person among `queryset` (restricted by the view, e.g. `restrict_people(user, action=
    "edit")`), chosen with the search-as-you-type picker."""

    model = Person
    picker_widget = PersonPickerWidget
    required_message = gettext_lazy("{field}: hãy chọn một cán bộ.")
    invalid_message = gettext_lazy(
        "{field}: cán bộ đã chọn không có hoặc nằm ngoài phạm vi của bạn."
    )


def set_people(
    form: forms.Form, queryset: QuerySet[Person], *names: str, within: int | None = None
) -> None:
    """Restrict the person pickers of `form` (those named, or all of them) to `queryset`;
    `within`: the unit whose subtree the search offers, when the queryset keeps to one."""
    restrict_pickers(form, PersonChoiceField, queryset, names, within=within)
