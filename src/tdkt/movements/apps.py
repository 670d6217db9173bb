from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MovementsConfig(AppConfig):
    name = "tdkt.movements"
    verbose_name = _("Phong trào thi đua")

    def ready(self) -> None:
        # Cluster ranks and flag votes feed the engine's Cờ thi đua ngành rules.
        from tdkt.eligibility.providers import register_cluster_facts
        from tdkt.movements.selectors.clusters import cluster_facts

        register_cluster_facts(cluster_facts)
