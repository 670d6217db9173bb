"""Facts owned by later stages of the cycle reach the loader through registered providers.

Cluster scoring and the flag vote live in `tdkt.movements`, which comes after eligibility in the
flow of data; rather than importing it here, the movements app registers its provider when it
starts (`MovementsConfig.ready`), and the loader asks whoever is registered."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from tdkt.rules.facts import Cluster

ClusterFactsProvider = Callable[[int, Iterable[int]], Mapping[int, Cluster]]

_cluster_providers: list[ClusterFactsProvider] = []


def register_cluster_facts(provider: ClusterFactsProvider) -> None:
    if provider not in _cluster_providers:
        _cluster_providers.append(provider)


def cluster_facts(year: int, unit_ids: Iterable[int]) -> dict[int, Cluster]:
    """Each unit's rank, cluster size and flag approvals for the year, where some app knows them."""
    wanted = list(unit_ids)
    found: dict[int, Cluster] = {}
    for provider in _cluster_providers:
        found.update(provider(year, wanted))
    return found
