"""Form fields whose error messages name the field ("Tên đơn vị: không được để trống."), so that a
message listed above a long form still says where to look."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _


def field_messages(label: Any) -> dict[str, Any]:
    return {
        "required": format_lazy(_("{field}: không được để trống."), field=label),
        "invalid": format_lazy(_("{field}: giá trị không hợp lệ."), field=label),
        "max_length": format_lazy(_("{field}: dài quá %(limit_value)d ký tự."), field=label),
        "invalid_choice": format_lazy(_("{field}: lựa chọn không hợp lệ."), field=label),
    }


def text_field(
    label: Any, max_length: int, required: bool = True, size: int = 60
) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        error_messages=field_messages(label),
        widget=forms.TextInput(attrs={"size": size}),
    )
