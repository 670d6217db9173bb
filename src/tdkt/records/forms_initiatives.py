"""Forms of the initiative screens: fields and same-form checks only; the rules (shares summing
to 100, authors in scope, the one-use rule) live in `tdkt.records.initiatives`.

Authors are rows of a person picker and a share; the number of rows grows with the authors
already recorded."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from tdkt.errors import InvalidData
from tdkt.org.models import Unit
from tdkt.people.forms import ReasonMixin, VersionForm, VnDateField
from tdkt.people.models import Person
from tdkt.people.picker import PersonChoiceField, set_people
from tdkt.records.initiatives import parse_share
from tdkt.records.models import SCOPE_CHOICES, InitiativeKind
from tdkt.text import clean
from tdkt.web.fields import field_messages, text_field

AUTHOR_ROWS = 5  # empty rows offered; a form shows at least this many, or the authors + 2


def _messages(label: Any) -> dict[str, Any]:
    years = format_lazy(_("{field}: phải từ 1945 đến 2100."), field=label)
    return {**field_messages(label), "min_value": years, "max_value": years}


class InitiativeForm(VersionForm):
    code = text_field(_("Mã sáng kiến, đề tài"), 40, size=20)
    kind = forms.ChoiceField(
        label=_("Loại"), choices=InitiativeKind.choices, error_messages=_messages(_("Loại"))
    )
    title = text_field(_("Tên sáng kiến, đề tài"), 300, size=80)
    scope = forms.ChoiceField(
        label=_("Phạm vi ảnh hưởng"),
        choices=SCOPE_CHOICES,
        error_messages=_messages(_("Phạm vi ảnh hưởng")),
    )
    year = forms.IntegerField(
        label=_("Năm"), min_value=1945, max_value=2100, error_messages=_messages(_("Năm"))
    )
    recognizing_decision = text_field(_("Số quyết định công nhận"), 100, size=30)
    recognized_on = VnDateField(_("Ngày công nhận"))
    recognizer = forms.TypedChoiceField(
        label=_("Đơn vị công nhận"),
        coerce=int,
        required=False,
        empty_value=None,
        error_messages=_messages(_("Đơn vị công nhận")),
        help_text=_("Đơn vị trong ngành đã ra quyết định công nhận."),
    )
    recognizer_name = text_field(_("Hoặc cơ quan công nhận khác"), 200, required=False, size=60)

    def __init__(
        self,
        *args: Any,
        people: QuerySet[Person],
        recognizers: list[Unit],
        rows: int = AUTHOR_ROWS,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        self.recognizers = {u.pk: u for u in recognizers}
        field = self.fields["recognizer"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "—"), *((u.pk, u.name) for u in recognizers)]
        for i in range(1, rows + 1):
            label = format_lazy(_("Tác giả {n}"), n=i)
            self.fields[f"author_{i}"] = PersonChoiceField(
                label=label, action="edit", required=False
            )
            self.fields[f"share_{i}"] = forms.CharField(
                label=format_lazy(_("Tỷ lệ đóng góp của tác giả {n} (%)"), n=i),
                required=False,
                max_length=10,
                widget=forms.TextInput(attrs={"size": 6, "inputmode": "decimal"}),
            )
        set_people(self, people)

    def author_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"author_{i}"], self[f"share_{i}"]) for i in range(1, self.rows + 1)]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        authors: list[Person] = []
        shares: list[Decimal | None] = []
        for i in range(1, self.rows + 1):
            person, typed = data.get(f"author_{i}"), clean(data.get(f"share_{i}"))
            try:
                share = parse_share(typed)
            except InvalidData as exc:
                self.add_error(f"share_{i}", format_lazy(_("Tác giả {n}: {m}"), n=i, m=exc.message))
                continue
            if person is None:
                if share is not None:
                    self.add_error(
                        f"author_{i}",
                        format_lazy(_("Tác giả {n}: hãy chọn cán bộ cho tỷ lệ đã nhập."), n=i),
                    )
                continue
            if person in authors:
                self.add_error(
                    f"author_{i}",
                    format_lazy(_("Tác giả {n}: cán bộ này đã được chọn ở dòng trên."), n=i),
                )
                continue
            authors.append(person)
            shares.append(share)
        if not authors and "author_1" not in self.errors:
            self.add_error("author_1", _("Tác giả 1: hãy chọn ít nhất một tác giả."))
        data["authors"], data["shares"] = authors, shares
        recognizer = data.get("recognizer")
        data["recognizer_unit"] = self.recognizers.get(recognizer) if recognizer else None
        if not recognizer and not data.get("recognizer_name") and "recognizer" not in self.errors:
            self.add_error(
                "recognizer",
                _("Đơn vị công nhận: hãy chọn đơn vị trong ngành hoặc nhập cơ quan công nhận."),
            )
        return data

    def clean_code(self) -> str:
        return clean(self.cleaned_data.get("code"))


class InitiativeCorrectionForm(InitiativeForm, ReasonMixin):
    pass


class InitiativeRemovalForm(VersionForm, ReasonMixin):
    pass
