from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.council.forms import date_field
from tdkt.decisions.models import CertificateLayout, MoneyPayer, RevocationGround, StateSigner
from tdkt.decisions.state_awards import SIGNER_AWARDS
from tdkt.nominations.models import Candidate
from tdkt.nominations.services.state import awaiting_state


class DecisionHeaderForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(
        label=_("Trích yếu"), max_length=300, widget=forms.TextInput(attrs={"size": 80})
    )
    symbol = forms.CharField(label=_("Ký hiệu"), max_length=30)
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=150, required=False)


class SignForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    number = forms.CharField(label=_("Số quyết định"), max_length=30)
    signed_on = date_field(_("Ngày ký"))
    signer_name = forms.CharField(label=_("Người ký"), max_length=150)
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=150, required=False)


class RevokeForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    ground = forms.ChoiceField(
        label=_("Căn cứ hủy bỏ (Luật TĐKT, Điều 93 khoản 2)"), choices=RevocationGround.choices
    )
    reason = forms.CharField(
        label=_("Lý do (ít nhất 20 ký tự)"), min_length=20, widget=forms.Textarea(attrs={"rows": 3})
    )
    revoked_on = date_field(_("Ngày hủy bỏ"))
    revocation_number = forms.CharField(
        label=_("Số quyết định hủy bỏ"), max_length=60, required=False
    )


class PaymentForm(forms.Form):
    paid_on = date_field(_("Ngày chi"))


class LayoutForm(forms.ModelForm):
    class Meta:
        model = CertificateLayout
        fields = [
            "preprinted",
            "margin_top_mm",
            "margin_left_mm",
            "margin_right_mm",
            "name_top_mm",
            "body_top_mm",
            "signature_top_mm",
            "name_size_pt",
        ]


class AwaitingChoice(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Candidate) -> str:  # type: ignore[override]
        return f"{obj.name} — {obj.get_award_display()}"


class StateDecisionForm(forms.Form):
    """The decision of the Prime Minister or the President as it arrived: the candidates it names
    are among those of the dossier still waiting; the day is not before the dossier was sent."""

    number = forms.CharField(
        label=_("Số quyết định (kèm ký hiệu, ví dụ 123/QĐ-TTg)"), max_length=60
    )
    decided_on = date_field(_("Ngày quyết định"))
    signer = forms.ChoiceField(label=_("Người quyết định"), choices=StateSigner.choices)
    signer_name = forms.CharField(label=_("Họ tên người ký"), max_length=150)
    signer_title = forms.CharField(
        label=_("Chức vụ người ký (để trống: theo người quyết định)"),
        max_length=150,
        required=False,
    )
    issuer_name = forms.CharField(
        label=_("Cơ quan ban hành (để trống: theo người quyết định)"),
        max_length=200,
        required=False,
    )
    payer = forms.ChoiceField(label=_("Nguồn chi tiền thưởng"), choices=MoneyPayer.choices)
    awarded = AwaitingChoice(
        label=_("Người, tập thể được khen thưởng (không chọn: quyết định không khen thưởng ai)"),
        queryset=Candidate.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, dossier: Any, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.dossier, self.today = dossier, today
        field = self.fields["awarded"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = awaiting_state(dossier)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day, sent = data.get("decided_on"), self.dossier.state_sent_on
        if day is not None and sent is not None and day < sent:
            self.add_error(
                "decided_on",
                _("Ngày quyết định không thể trước ngày trình cấp Nhà nước (%(d)s).")
                % {"d": sent.strftime("%d/%m/%Y")},
            )
        elif day is not None and day > self.today:
            self.add_error("decided_on", _("Ngày quyết định không được sau hôm nay."))
        signer = data.get("signer")
        decided = {str(a) for a in SIGNER_AWARDS.get(signer or "", frozenset())}
        other = [c for c in data.get("awarded") or () if c.award not in decided]
        if signer and other:
            self.add_error(
                "awarded",
                _("%(n)s được đề nghị hình thức không do %(s)s quyết định.")
                % {"n": ", ".join(c.name for c in other), "s": StateSigner(signer).label},
            )
        return data
