"""Django's password validators with Vietnamese messages (the project has no .po catalogue)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import password_validation as django_validators
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class MinimumLengthValidator(django_validators.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return _("Mật khẩu quá ngắn: cần ít nhất %(min_length)d ký tự.")

    def get_help_text(self) -> str:
        return _("Mật khẩu phải có ít nhất %(min_length)d ký tự.") % {"min_length": self.min_length}


class CommonPasswordValidator(django_validators.CommonPasswordValidator):
    def get_error_message(self) -> str:
        return _("Mật khẩu này quá phổ biến, dễ bị đoán ra.")

    def get_help_text(self) -> str:
        return _("Không dùng mật khẩu phổ biến.")


class NumericPasswordValidator(django_validators.NumericPasswordValidator):
    def get_error_message(self) -> str:
        return _("Mật khẩu không được chỉ gồm chữ số.")

    def get_help_text(self) -> str:
        return _("Mật khẩu không được chỉ gồm chữ số.")


class UserAttributeSimilarityValidator(django_validators.UserAttributeSimilarityValidator):
    DEFAULT_USER_ATTRIBUTES = ("username", "full_name", "first_name", "last_name", "email")

    def __init__(
        self,
        user_attributes: tuple[str, ...] = DEFAULT_USER_ATTRIBUTES,
        max_similarity: float = 0.7,
    ) -> None:
        super().__init__(user_attributes, max_similarity)

    def validate(self, password: str, user: Any = None) -> None:
        try:
            super().validate(password, user)
        except ValidationError as exc:
            # Django names the attribute by its (English) verbose name: say it plainly instead.
            raise ValidationError(self.get_error_message(), code="password_too_similar") from exc

    def get_error_message(self) -> str:
        return _("Mật khẩu quá giống tên đăng nhập, họ tên hoặc thư điện tử của tài khoản.")

    def get_help_text(self) -> str:
        return _("Mật khẩu không được giống tên đăng nhập hoặc họ tên.")
