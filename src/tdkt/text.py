"""Vietnamese text: normalisation, diacritic-free search keys and collation keys."""

from __future__ import annotations

import functools
import re
import unicodedata

import icu
from unidecode import unidecode

_SPACES = re.compile(r"\s+")
_INVISIBLE = frozenset({"Cc", "Cf"})


def clean(value: str | None) -> str:
    """NFC, single spaces, no control or invisible format characters, trimmed: the one form every
    stored name takes.

    Decomposed (NFD) input would break uniqueness, search and PDF rendering; a control character
    (a `\x03` pasted from another program) breaks the .docx and .xlsx files that carry it, and a
    zero-width space makes two equal names differ."""
    if not value:
        return ""
    text = _SPACES.sub(" ", unicodedata.normalize("NFC", str(value)))
    if text.isprintable():  # the common case, checked in C
        return text.strip()
    return "".join(ch for ch in text if unicodedata.category(ch) not in _INVISIBLE).strip()


def search_key(*parts: str | None) -> str:
    """Lower-case ASCII with diacritics (and đ) removed, so that "nguyen van an" finds
    "Nguyễn Văn An"."""
    return " ".join(unidecode(clean(p)).lower() for p in parts if p)


def search_terms(query: str) -> list[str]:
    return [t for t in search_key(query).split(" ") if t]


def name_key(full_name: str) -> str:
    """A person's name as two lists compare it: cleaned and case-folded, diacritics kept."""
    return clean(full_name).casefold()


@functools.cache
def _collator() -> icu.Collator:
    return icu.Collator.createInstance(icu.Locale("vi_VN"))


def collation_key(value: str) -> str:
    """ICU's Vietnamese sort key as hex, so that the database orders rows as a Vietnamese reader
    expects (a < ă < â, d < đ, tones after letters) with a plain ORDER BY."""
    return _collator().getSortKey(clean(value)).hex()


def person_sort_key(family_name: str, middle_name: str, given_name: str) -> str:
    """People are listed by given name, then family and middle names (tên, họ, đệm)."""
    # Two keys side by side: ICU keys end in a 00 byte found nowhere else, so the given name
    # decides first and the family and middle names break ties.
    return collation_key(given_name) + collation_key(f"{family_name} {middle_name}")


def split_full_name(full_name: str) -> tuple[str, str, str]:
    """'Nguyễn Thị Minh Anh' → ('Nguyễn', 'Thị Minh', 'Anh')."""
    parts = clean(full_name).split(" ")
    if len(parts) == 1:
        return "", "", parts[0]
    return parts[0], " ".join(parts[1:-1]), parts[-1]
