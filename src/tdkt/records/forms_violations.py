"""Forms of a unit's violation screens: fields only; the rules live in
`tdkt.records.violations`."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.people.forms import TEXTAREA, ReasonMixin, VersionForm, VnDateField
from tdkt.records.forms_initiatives import _messages
from tdkt.records.models import ViolationBasis, ViolationKind
from tdkt.web.fields import text_field


class ViolationForm(VersionForm):
    year = forms.IntegerField(
        label=_("Năm bị tính vi phạm"),
        min_value=1945,
        max_value=2100,
        error_messages=_messages(_("Năm bị tính vi phạm")),
    )
    kind = forms.ChoiceField(
        label=_("Loại vi phạm"),
        choices=[("", "—"), *ViolationKind.choices],
        error_messages=_messages(_("Loại vi phạm")),
    )
    basis_kind = forms.ChoiceField(
        label=_("Văn bản căn cứ"),
        choices=[("", "—"), *ViolationBasis.choices],
        error_messages=_messages(_("Văn bản căn cứ")),
    )
    basis_number = text_field(_("Số văn bản"), 60, size=24)
    basis_date = VnDateField(_("Ngày văn bản"))
    basis_issuer = text_field(_("Cơ quan ban hành"), 200, required=False, size=60)
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=2000, widget=TEXTAREA)


class ViolationCorrectionForm(ViolationForm, ReasonMixin):
    pass


class ViolationRemovalForm(VersionForm, ReasonMixin):
    pass
