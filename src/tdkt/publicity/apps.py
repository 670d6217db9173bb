from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicityConfig(AppConfig):
    name = "tdkt.publicity"
    verbose_name = _("Điển hình tiên tiến và trang công khai")
