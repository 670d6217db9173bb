from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running TĐKT in production: backup and restore, the worker's heartbeat, /healthz."""

    name = "tdkt.ops"
    label = "ops"
    verbose_name = _("Vận hành")
