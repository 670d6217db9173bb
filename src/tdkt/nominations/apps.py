from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NominationsConfig(AppConfig):
    name = "tdkt.nominations"
    verbose_name = _("Hồ sơ đề nghị khen thưởng")
