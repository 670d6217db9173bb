"""`tdkt funds backfill [--unit CODE] [--ledger-year YEAR]` — post to the funds what the signed
decisions have not posted yet (decisions signed before the fund was kept, or written without the
services): commitments, payments, cancellations, recoveries. Idempotent: a second run posts
nothing. Runs as the system. With `--ledger-year` (and `--unit`), the award ledger's decisions the
unit signed that year without the workflow (imported) are priced and posted too
(`services.backfill_ledger`)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tdkt.errors import DomainError
from tdkt.funds.services import backfill, backfill_ledger
from tdkt.org.models import Unit


class Command(BaseCommand):
    help = "Quỹ thi đua, khen thưởng: ghi bổ sung sổ quỹ từ các quyết định khen thưởng đã ký."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, title="lệnh")
        fill = sub.add_parser("backfill", help="Ghi bổ sung sổ quỹ từ các quyết định đã ký.")
        fill.add_argument("--unit", help="Mã đơn vị ban hành (mặc định: mọi đơn vị).")
        fill.add_argument(
            "--ledger-year",
            type=int,
            help="Cả các quyết định trong sổ khen thưởng (nhập từ trước) ký năm này (cần --unit).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        unit = None
        if options.get("unit"):
            unit = Unit.objects.filter(code=options["unit"]).first()
            if unit is None:
                raise CommandError(f"Không có đơn vị mã '{options['unit']}'.")
        if options.get("ledger_year") is not None:
            if unit is None:
                raise CommandError("--ledger-year cần --unit.")
            try:
                found = backfill_ledger(actor=None, unit=unit, year=options["ledger_year"])
            except DomainError as exc:
                raise CommandError(exc.message) from exc
            self.stdout.write(
                "Sổ khen thưởng: {committed} dòng ghi chờ chi, {paid} khoản đã chi, {refused} "
                "khoản vượt số dư chưa chi, {skipped} dòng không tính được tiền thưởng.".format(
                    **found
                )
            )
        counts = backfill(actor=None, unit=unit)
        self.stdout.write(
            "Đã ghi sổ quỹ: {committed} dòng tiền thưởng chờ chi, {paid} khoản đã chi, "
            "{cancelled} khoản không chi, {recovered} khoản thu hồi; {refused} khoản chi vượt số "
            "dư không ghi được.".format(**counts)
        )
