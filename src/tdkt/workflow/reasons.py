"""The coded reasons of every return, refusal or reversal (workflows §0.3): a code from one list
and a text of at least `REASON_MIN_LENGTH` characters, so that the unit knows what to fix."""

from __future__ import annotations

import unicodedata

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdkt.errors import InvalidData

REASON_MIN_LENGTH = 20


class ReasonCode(models.TextChoices):
    MISSING_DOCUMENTS = "missing_documents", gettext_lazy("Thiếu hồ sơ")
    WRONG_TEMPLATE = "wrong_template", gettext_lazy("Sai mẫu")
    NOT_QUALIFIED = "not_qualified", gettext_lazy("Không đủ tiêu chuẩn")
    LATE = "late", gettext_lazy("Quá hạn")
    OVER_QUOTA = "over_quota", gettext_lazy("Vượt tỷ lệ")
    OTHER = "other", gettext_lazy("Khác")


def checked_reason(
    code: str, text: str, codes: type[models.TextChoices] = ReasonCode
) -> tuple[str, str]:
    """The code (one of `codes`) and the cleaned text, or InvalidData (`reason_required`) naming
    what is missing."""
    text = clean_text(text)
    if code not in codes.values:
        raise InvalidData(_("Hãy chọn lý do."), code="reason_required")
    if len(text) < REASON_MIN_LENGTH:
        raise InvalidData(
            _("Hãy ghi rõ lý do (ít nhất %(n)s ký tự) để đơn vị biết cần sửa gì.")
            % {"n": REASON_MIN_LENGTH},
            code="reason_required",
        )
    return code, text


def clean_text(value: str | None) -> str:
    """Multi-line text as it is stored: NFC, each line trimmed, no control characters, no run of
    blank lines. (`tdkt.text.clean` is the one-line form.)"""
    if not value:
        return ""
    lines = [
        "".join(ch for ch in line if unicodedata.category(ch) not in {"Cc", "Cf"}).strip()
        for line in unicodedata.normalize("NFC", str(value)).splitlines()
    ]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()
