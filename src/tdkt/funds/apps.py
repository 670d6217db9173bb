from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundsConfig(AppConfig):
    name = "tdkt.funds"
    verbose_name = _("Quỹ thi đua, khen thưởng")

    def ready(self) -> None:
        # The decisions' money events post to the issuing unit's fund, in their own transaction.
        from tdkt.funds import receivers

        receivers.connect()
