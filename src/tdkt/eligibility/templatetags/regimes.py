"""`{% load regimes %}`: a stored verdict's regime code shown by its label:
`{{ candidate.verdict_regime|regime_label }}`."""

from __future__ import annotations

from django import template

from tdkt.eligibility.present import regime_label as label_of

register = template.Library()


@register.filter
def regime_label(code: str) -> str:
    return label_of(code or "")
