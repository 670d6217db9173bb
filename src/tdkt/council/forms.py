from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.council.models import Choice, MemberRole
from tdkt.people.picker import PersonChoiceField, set_people

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"size": 10, "placeholder": "dd/mm/yyyy"})


def date_field(label: Any, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DATE_WIDGET)


class CouncilForm(forms.Form):
    name = forms.CharField(
        label=_("Tên Hội đồng"), max_length=200, widget=forms.TextInput(attrs={"size": 70})
    )
    established_on = date_field(_("Ngày thành lập"))
    decision_ref = forms.CharField(label=_("Quyết định thành lập"), max_length=150, required=False)


class MemberForm(forms.Form):
    person = PersonChoiceField(label=_("Thành viên"), action="council", active=True)
    role = forms.ChoiceField(label=_("Vai trò"), choices=MemberRole.choices)
    title = forms.CharField(label=_("Chức vụ"), max_length=200, required=False)
    valid_from = date_field(_("Từ ngày"))
    create_account = forms.BooleanField(
        label=_("Tạo tài khoản"),
        required=False,
        help_text=_(
            "Nếu thành viên chưa có tài khoản: mở tài khoản để bỏ phiếu; mật khẩu dùng một lần "
            "hiện một lần ngay sau khi bổ sung."
        ),
    )
    username = forms.CharField(
        label=_("Tên đăng nhập"),
        max_length=150,
        required=False,
        help_text=_("Để trống để đặt theo họ tên, ví dụ nguyen.van.an."),
    )

    def __init__(self, *args: Any, people: Any, within: int | None = None, **kwargs: Any) -> None:
        """`people`: those who may join (of the council's unit and below, still serving);
        `within`: the council's unit, whose subtree the person picker searches."""
        super().__init__(*args, **kwargs)
        set_people(self, people, within=within)


class MemberEndForm(forms.Form):
    membership = forms.IntegerField(widget=forms.HiddenInput)
    valid_to = date_field(_("Kết thúc ngày"))


class MeetingForm(forms.Form):
    number = forms.CharField(label=_("Phiên số"), max_length=30)
    held_on = date_field(_("Ngày họp"))
    place = forms.CharField(label=_("Địa điểm"), max_length=200, required=False)


class WrittenOpinionForm(forms.Form):
    membership = forms.IntegerField(label=_("Thành viên vắng mặt"))
    item = forms.IntegerField(label=_("Người, tập thể"))
    choice = forms.ChoiceField(label=_("Ý kiến"), choices=Choice.choices)


class AwardCapForm(forms.Form):
    award = forms.ChoiceField(label=_("Danh hiệu, hình thức"), choices=[])
    places = forms.IntegerField(
        label=_("Số lượng tối đa"),
        min_value=0,
        max_value=999,
        required=False,
        help_text=_("Để trống hoặc 0 để bỏ giới hạn."),
    )
    basis = forms.CharField(
        label=_("Căn cứ"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"size": 50}),
        help_text=_("Ví dụ: không quá 20% số tập thể đạt Tập thể lao động tiên tiến."),
    )

    def __init__(self, *args: Any, awards: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["award"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = awards
