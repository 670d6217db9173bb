from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "tdkt.decisions"
    verbose_name = _("Quyết định khen thưởng")
