from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkdaysConfig(AppConfig):
    name = "tdkt.workdays"
    verbose_name = _("Lịch ngày làm việc")
