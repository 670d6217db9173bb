from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MovementsConfig(AppConfig):
    name = "tdkt.movements"
    verbose_name = _("Phong trào thi đua")
