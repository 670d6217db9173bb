"""The one form every stored name takes (tdkt.text.clean)."""

from __future__ import annotations

import unicodedata

import pytest

from tdkt.text import clean


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("  Nguyễn   Văn An ", "Nguyễn Văn An"),
        ("Kiểm sát\x03 viên", "Kiểm sát viên"),
        ("Trần\u200bThị Bình", "TrầnThị Bình"),
        ("Phó\tViện\ntrưởng\r\n", "Phó Viện trưởng"),
        ("\ufeffVăn phòng\x7f", "Văn phòng"),
        ("Lê\u00a0Văn\u00adCường", "Lê VănCường"),
    ],
)
def test_clean_drops_control_and_invisible_characters_and_collapses_spaces(
    typed: str, stored: str
) -> None:
    assert clean(typed) == stored


def test_clean_composes_decomposed_vietnamese() -> None:
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hường")
    assert decomposed != "Nguyễn Thị Hường"
    assert clean(decomposed) == "Nguyễn Thị Hường"


def test_clean_of_nothing_is_empty() -> None:
    assert clean(None) == ""
    assert clean("\x00\x01 ") == ""
