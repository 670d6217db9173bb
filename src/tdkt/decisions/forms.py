from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.council.forms import date_field
from tdkt.decisions.models import CertificateLayout, RevocationGround


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
