from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tdkt.accounts.models import User
from tdkt.org.forms import UnitChoiceField, set_units
from tdkt.org.models import Unit
from tdkt.people.models import Person
from tdkt.text import clean, search_terms

REASON_HELP = _("Ghi rõ lý do (ít nhất 10 ký tự); lý do được lưu vào nhật ký.")


class LoginForm(AuthenticationForm):
    username = forms.CharField(label=_("Tên đăng nhập"), max_length=150)
    password = forms.CharField(label=_("Mật khẩu"), strip=False, widget=forms.PasswordInput)
    error_messages = {
        "invalid_login": _("Tên đăng nhập hoặc mật khẩu không đúng."),
        "inactive": _("Tài khoản này đã bị khóa."),
        "expired": _(
            "Mật khẩu dùng một lần đã hết hạn. Hãy đề nghị cán bộ quản trị cấp lại mật khẩu."
        ),
    }

    def confirm_login_allowed(self, user: Any) -> None:
        super().confirm_login_allowed(user)
        if getattr(user, "one_time_password_expired", False):
            raise forms.ValidationError(self.error_messages["expired"], code="expired")


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(
        label=_("Mật khẩu hiện tại"),
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    new_password = forms.CharField(
        label=_("Mật khẩu mới"),
        strip=False,
        max_length=128,
        help_text=_(
            "Ít nhất 10 ký tự, không chỉ gồm chữ số, không phải mật khẩu phổ biến, không giống tên "
            "đăng nhập hoặc họ tên."
        ),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    new_password2 = forms.CharField(
        label=_("Nhập lại mật khẩu mới"),
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class PersonLookupForm(forms.Form):
    """Finds one person among `people` (the actor's scope) by CCCD, or by name and birth date."""

    citizen_id = forms.CharField(label=_("Số CCCD của cán bộ"), max_length=12, required=False)
    person_name = forms.CharField(label=_("hoặc họ và tên cán bộ"), max_length=150, required=False)
    birth_date = forms.DateField(
        label=_("và ngày sinh (dd/mm/yyyy)"),
        required=False,
        input_formats=["%d/%m/%Y"],
        error_messages={"invalid": _("Ngày sinh phải theo dạng dd/mm/yyyy.")},
    )
    person_required = True

    def __init__(self, *args: Any, people: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = people
        self.person: Person | None = None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        citizen_id = clean(data.get("citizen_id"))
        name = clean(data.get("person_name"))
        birth_date = data.get("birth_date")
        if citizen_id:
            if not (citizen_id.isdigit() and len(citizen_id) == 12):
                self.add_error("citizen_id", _("Số CCCD gồm đúng 12 chữ số."))
                return data
            found = list(self.people.filter(citizen_id=citizen_id)[:2])
            field = "citizen_id"
        elif name or birth_date:
            if not (name and birth_date):
                self.add_error(
                    "person_name" if not name else "birth_date",
                    _("Tìm theo họ tên cần cả họ tên và ngày sinh."),
                )
                return data
            qs = self.people.filter(birth_date=birth_date)
            for term in search_terms(name):
                qs = qs.filter(search_text__contains=term)
            found = list(qs[:2])
            field = "person_name"
        else:
            if self.person_required:
                self.add_error("citizen_id", _("Hãy nhập số CCCD, hoặc họ tên và ngày sinh."))
            return data
        if not found:
            self.add_error(field, _("Không tìm thấy cán bộ này trong phạm vi của bạn."))
        elif len(found) > 1:
            self.add_error(
                field, _("Có nhiều cán bộ trùng họ tên và ngày sinh; hãy tìm theo số CCCD.")
            )
        else:
            self.person = found[0]
        return data


class AccountCreateForm(PersonLookupForm):
    username = forms.CharField(
        label=_("Tên đăng nhập"),
        max_length=150,
        help_text=_("3–150 ký tự: chữ thường không dấu, chữ số và các dấu . _ -"),
    )
    full_name = forms.CharField(
        label=_("Họ và tên"),
        max_length=150,
        required=False,
        help_text=_("Bỏ trống để lấy họ tên trong hồ sơ cán bộ."),
    )
    role = forms.ChoiceField(label=_("Vai trò ban đầu"), required=False)
    unit = UnitChoiceField(label=_("trên đơn vị"), action="edit", active=True, required=False)
    reason = forms.CharField(
        label=_("Lý do, căn cứ"), max_length=1000, required=False, widget=forms.Textarea
    )
    person_required = False
    field_order = [
        "username",
        "full_name",
        "citizen_id",
        "person_name",
        "birth_date",
        "role",
        "unit",
        "reason",
    ]

    def __init__(
        self,
        *args: Any,
        roles: list[tuple[str, Any]],
        units: QuerySet[Unit],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        role_field = self.fields["role"]
        assert isinstance(role_field, forms.ChoiceField)
        role_field.choices = [("", _("— Không cấp —")), *roles]
        set_units(self, units)


class GrantForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    role = forms.ChoiceField(label=_("Vai trò"))
    unit = UnitChoiceField(label=_("Đơn vị"), action="edit", active=True)
    reason = forms.CharField(
        label=_("Lý do, căn cứ"),
        min_length=10,
        max_length=1000,
        help_text=REASON_HELP,
        widget=forms.Textarea,
        error_messages={"min_length": _("Lý do cần ít nhất 10 ký tự.")},
    )

    def __init__(
        self, *args: Any, roles: list[tuple[str, Any]], units: QuerySet[Unit], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        role_field = self.fields["role"]
        assert isinstance(role_field, forms.ChoiceField)
        role_field.choices = roles
        set_units(self, units)


class LinkPersonForm(PersonLookupForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


def version_of(user: User) -> dict[str, int]:
    return {"version": user.version}
