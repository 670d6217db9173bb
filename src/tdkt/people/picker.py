"""The person picker every screen uses to choose a person of the user's scope (an initiative's
authors, say): the user types, `people:person_search` answers at most PICKER_LIMIT people of the
units he may act on, found without diacritics, each with the unit beside the name; the chosen one
is posted as a radio value. The field's queryset (restricted by the view) is what validation
accepts, so a posted id out of scope is refused with the field named."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdkt.accounts.access import require, restrict_people
from tdkt.people.models import Person
from tdkt.text import search_terms
from tdkt.web.http import bounded_int

PICKER_LIMIT = 20
PICKER_ACTIONS = ("view", "edit")
FIELD_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]{0,59}$")


def pick_people(
    user: Any, *, query: str = "", action: str = "view", active: bool = False
) -> QuerySet[Person]:
    """People of the units the user may act on (`action`) whose name or citizen id contain every
    word of `query`, diacritics ignored; `active`: only those still serving."""
    qs = restrict_people(user, action=action).select_related("unit", "unit__parent")
    for term in search_terms(query):
        qs = qs.filter(search_text__contains=term)
    if active:
        qs = qs.filter(left_on__isnull=True)
    return qs.order_by("sort_key", "id")


@login_required
def person_search(request: HttpRequest) -> HttpResponse:
    """The picker's answer: at most PICKER_LIMIT people, each with his or her unit."""
    require(request.user, "view")
    action = request.GET.get("action", "view")
    field = request.GET.get("field", "person")
    if action not in PICKER_ACTIONS or not FIELD_NAME.match(field):
        return HttpResponseBadRequest(_("Yêu cầu tìm cán bộ không hợp lệ.").encode())
    found = pick_people(
        request.user,
        query=request.GET.get("q", "")[:100],
        action=action,
        active=request.GET.get("active") == "1",
    )[: PICKER_LIMIT + 1]
    rows = list(found)
    context = {
        "people": rows[:PICKER_LIMIT],
        "more": len(rows) > PICKER_LIMIT,
        "limit": PICKER_LIMIT,
        "field": field,
    }
    return render(request, "people/_person_results.html", context)


class PersonPickerWidget(forms.Widget):
    """Renders `people/_person_picker.html`: the current person (if any) and a search box."""

    template_name = "people/widgets/person_picker.html"

    def __init__(
        self, action: str = "view", active: bool = False, attrs: dict[str, Any] | None = None
    ) -> None:
        super().__init__(attrs)
        self.action = action
        self.active = active
        self.choices: Any = []

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"].update(
            action=self.action, active=self.active, person=self._current(value)
        )
        return context

    def _current(self, value: Any) -> Person | None:
        """The person shown as chosen: only one the field accepts, so a posted id of someone
        out of scope never has his or her name shown back."""
        if isinstance(value, Person):
            value = value.pk
        pk = bounded_int(value)
        queryset = getattr(self.choices, "queryset", None)
        if pk is None or queryset is None:
            return None
        return queryset.select_related("unit").filter(pk=pk).first()

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        return data.get(name)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data


class PersonChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A person among `queryset` (restricted by the view, e.g. `restrict_people(user, action=
    "edit")`), chosen with the search-as-you-type picker."""

    widget = PersonPickerWidget

    def __init__(
        self,
        queryset: QuerySet[Person] | None = None,
        *,
        label: Any,
        action: str = "view",
        active: bool = False,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("widget", PersonPickerWidget(action=action, active=active))
        kwargs.setdefault(
            "error_messages",
            {
                "required": format_lazy(gettext_lazy("{field}: hãy chọn một cán bộ."), field=label),
                "invalid_choice": format_lazy(
                    gettext_lazy(
                        "{field}: cán bộ đã chọn không có hoặc nằm ngoài phạm vi của bạn."
                    ),
                    field=label,
                ),
            },
        )
        super().__init__(
            queryset if queryset is not None else Person.objects.none(), label=label, **kwargs
        )


def set_people(form: forms.Form, queryset: QuerySet[Person], *names: str) -> None:
    """Restrict the person pickers of `form` (those named, or all of them) to `queryset`."""
    for name, field in form.fields.items():
        if isinstance(field, PersonChoiceField) and (not names or name in names):
            field.queryset = queryset
