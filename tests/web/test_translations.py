"""The Vietnamese catalogue (src/tdkt/locale): compiled by the build, loaded before Django's own."""

from __future__ import annotations

import gettext
import io
import subprocess
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation

PO = Path(settings.LOCALE_PATHS[0]) / "vi" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def test_a_nul_in_a_text_field_is_refused_in_vietnamese() -> None:
    # Django's Vietnamese catalogue leaves this message in English; the project's translates it.
    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        forms.CharField().clean("Nguyễn\x00Văn An")
    assert refused.value.messages == ["Không được có ký tự rỗng (NUL)."]


def test_the_build_compiled_the_catalogue_as_it_stands() -> None:
    assert MO.exists(), "the build compiles the catalogue: make install"
    fresh = subprocess.run(
        ["msgfmt", "--check-format", "-o", "-", str(PO)], capture_output=True, check=True
    ).stdout
    assert _catalogue(MO.read_bytes()) == _catalogue(fresh), "stale .mo: make install"


def test_no_translation_is_left_fuzzy() -> None:
    # A fuzzy entry is msgmerge's unreviewed guess, which the compiled catalogue silently omits.
    assert "#, fuzzy" not in PO.read_text(encoding="utf-8")


def _catalogue(compiled: bytes) -> dict[object, str]:
    return dict(gettext.GNUTranslations(io.BytesIO(compiled))._catalog)  # type: ignore[attr-defined]
