"""`tdkt api_token USERNAME [--name TEXT]` issues a REST API token; `--revoke PREFIX` revokes."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tdkt.accounts.models import ApiToken, User
from tdkt.accounts.tokens import issue_token, revoke_token
from tdkt.errors import DomainError


class Command(BaseCommand):
    help = (
        "Cấp khoá truy cập REST API cho một tài khoản (khoá dùng đúng quyền của tài khoản đó); "
        "--revoke TIỀN_TỐ để thu hồi."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="Tên đăng nhập của tài khoản.")
        parser.add_argument("--name", default="", help="Tên gợi nhớ của khoá.")
        parser.add_argument("--revoke", metavar="TIEN_TO", help="Thu hồi khoá có tiền tố này.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user = User.objects.get(username=options["username"])
        except User.DoesNotExist as exc:
            raise CommandError(f"Không có tài khoản '{options['username']}'.") from exc
        try:
            if options["revoke"]:
                token = ApiToken.objects.filter(
                    user=user, prefix=options["revoke"], revoked_at__isnull=True
                ).first()
                if token is None:
                    raise CommandError(
                        f"Không có khoá đang dùng với tiền tố '{options['revoke']}'."
                    )
                revoke_token(actor="tdkt api_token", token=token)
                self.stdout.write(f"Đã thu hồi khoá {token.prefix}… của {user.username}.")
                return
            issued = issue_token(actor="tdkt api_token", user=user, name=options["name"])
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(issued.secret)
        self.stderr.write(
            f"Khoá truy cập API của {user.username} (chỉ hiện một lần; gửi kèm tiêu đề "
            "'Authorization: Bearer <khoá>')."
        )
