"""The search-as-you-type picker every app uses to choose one object of the user's scope (a unit,
a person), never a <select> of the whole sector: the user types, the app's search view answers at
most PICKER_LIMIT matches found without diacritics, and the chosen one is posted as a radio value.
The field's queryset (restricted by the view) is what validation accepts, so a posted id out of
scope is refused with the field named and never has its name shown back.

An app specialises the three parts in a few lines: the widget (its template and the name the
current choice has there), the field (its model and its two messages) and the search view (its
selector and its results template).

A form whose choice is narrower than the user's scope (a council's members: people of the
council's unit and below) restricts the field with `restrict_pickers(..., within=unit_id)`: the
search then offers only that unit's subtree (still within the user's scope), and validation keeps
to the field's queryset whatever is posted."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, ClassVar

from django import forms
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.text import format_lazy

from tdkt.web.http import bounded_int

PICKER_LIMIT = 20
FIELD_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]{0,59}$")
QUERY_LENGTH = 100


class PickerWidget(forms.Widget):
    """Renders `template_name` with the current choice (if any) as `current_name`, and the
    search box."""

    current_name: ClassVar[str]
    related: ClassVar[tuple[str, ...]] = ()  # what the current choice's label shows besides it

    def __init__(
        self, action: str = "view", active: bool = False, attrs: dict[str, Any] | None = None
    ) -> None:
        super().__init__(attrs)
        self.action = action
        self.active = active
        self.within: int | None = None  # the search offers only this unit's subtree
        self.empty_label: Any = None  # what choosing none means, if not "— Không chọn —"
        self.choices: Any = []

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"].update(
            {
                "action": self.action,
                "active": self.active,
                "within": self.within,
                "empty_label": self.empty_label,
                self.current_name: self._current(value),
            }
        )
        return context

    def _current(self, value: Any) -> Model | None:
        """Only a choice the field accepts is shown as chosen."""
        if isinstance(value, Model):
            value = value.pk
        pk = bounded_int(value)
        queryset = getattr(self.choices, "queryset", None)
        if pk is None or queryset is None:
            return None
        found: Model | None = queryset.select_related(*self.related).filter(pk=pk).first()
        return found

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        return data.get(name)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data


class PickerChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """One object among `queryset` (restricted by the view to what the user may act on), chosen
    with the picker; `action` and `active` say what the search offers."""

    model: ClassVar[type[Model]]
    picker_widget: ClassVar[type[PickerWidget]]
    required_message: ClassVar[Promise]  # "{field}: …"
    invalid_message: ClassVar[Promise]  # "{field}: …", an id outside the queryset

    def __init__(
        self,
        queryset: QuerySet[Any] | None = None,
        *,
        label: Any,
        action: str = "view",
        active: bool = False,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("widget", self.picker_widget(action=action, active=active))
        kwargs.setdefault(
            "error_messages",
            {
                "required": format_lazy(self.required_message, field=label),
                "invalid_choice": format_lazy(self.invalid_message, field=label),
            },
        )
        if queryset is None:
            queryset = self.model._default_manager.none()
        super().__init__(queryset, label=label, **kwargs)


def restrict_pickers(
    form: forms.Form,
    kind: type[PickerChoiceField],
    queryset: QuerySet[Any],
    names: tuple[str, ...],
    *,
    within: int | None = None,
) -> None:
    """Restrict the pickers of `kind` in `form` (those named, or all of them) to `queryset`;
    `within`: a unit id whose subtree alone the search offers (the queryset's own bound)."""
    for name, field in form.fields.items():
        if isinstance(field, kind) and (not names or name in names):
            field.queryset = queryset
            if within is not None:
                assert isinstance(field.widget, PickerWidget)
                field.widget.within = within


def picker_search(
    request: HttpRequest,
    pick: Callable[..., QuerySet[Any]],
    *,
    actions: tuple[str, ...],
    field: str,
    invalid: str,
    template: str,
    found_name: str,
) -> HttpResponse:
    """The picker's answer, after the view's own check: at most PICKER_LIMIT of what
    `pick(user, query=…, action=…, active=…, within=…)` finds, as `found_name` in `template`; an
    action, a field name or a `within` the picker never sends is refused with `invalid`."""
    action = request.GET.get("action", "view")
    field = request.GET.get("field", field)
    raw_within = request.GET.get("within", "")
    within = bounded_int(raw_within) if raw_within else None
    if action not in actions or not FIELD_NAME.match(field) or (raw_within and within is None):
        return HttpResponseBadRequest(invalid.encode())
    found = pick(
        request.user,
        query=request.GET.get("q", "")[:QUERY_LENGTH],
        action=action,
        active=request.GET.get("active") == "1",
        within=within,
    )
    rows = list(found[: PICKER_LIMIT + 1])
    context = {
        found_name: rows[:PICKER_LIMIT],
        "more": len(rows) > PICKER_LIMIT,
        "limit": PICKER_LIMIT,
        "field": field,
    }
    return render(request, template, context)
