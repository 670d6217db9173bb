"""Units' names shortened inside a page about another unit (pure Python, no Django).

In Quảng Trị's page every regional unit is "VKSND khu vực N - Quảng Trị": the parent's name
repeated in every row says nothing and pushes the figures off the screen. Shortened against the
context unit's names, the rows read "Khu vực 1", "Khu vực 2", …; the full name stays in the
page (the `unit_short` filter puts it in a `title`).

Two steps, each kept only if it leaves something:
1. the tail that names the context goes: " - Quảng Trị", ", tỉnh Quảng Trị", " (Quảng Trị)"
   when it ends one of the context's names, or the context's whole name at the end
   ("Văn phòng Viện kiểm sát nhân dân tỉnh Quảng Trị" → "Văn phòng");
2. the words the name shares at its start with one of the context's names go
   ("Viện kiểm sát nhân dân", "VKSND"), as long as two words at least remain, starting with a
   letter ("Phòng 1" under "Phòng Tổ chức" stays "Phòng 1", never "1"), and a place keeps the
   word before it ("Tỉnh Quảng Bình" beside "VKSND tỉnh Quảng Trị", not "Quảng Bình").

Names of one list that would read alike once shortened keep more: first only step 1, then their
name as given."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

SEPARATORS = (" - ", " – ", " — ", ", ")
# The sector's names written out and abbreviated: a context named one way matches a name written
# the other ("VKSND khu vực 2" inside "Viện kiểm sát nhân dân tỉnh Quảng Trị").
ABBREVIATIONS = (("Viện kiểm sát nhân dân", "VKSND"), ("Viện kiểm sát quân sự", "VKSQS"))
_PARENTHESISED_TAIL = re.compile(r"(?P<head>.+?)\s*\((?P<tail>[^()]+)\)\s*")
MIN_WORDS_LEFT = 2


def _fold(words: Sequence[str]) -> list[str]:
    return [w.casefold() for w in words]


def _ends(context: str, tail: str) -> bool:
    """`tail` is the last word or words of `context` (case aside)."""
    tail_words, context_words = tail.split(), context.split()
    n = len(tail_words)
    return 0 < n <= len(context_words) and _fold(context_words[-n:]) == _fold(tail_words)


def _without_tail(name: str, context: str) -> str:
    match = _PARENTHESISED_TAIL.fullmatch(name)
    if match and _ends(context, match["tail"]):
        return match["head"].strip()
    for separator in SEPARATORS:
        head, found, tail = name.rpartition(separator)
        if found and head.strip() and _ends(context, tail):
            return head.strip()
    words, context_words = name.split(), context.split()
    n = len(context_words)
    if 0 < n < len(words) and _fold(words[-n:]) == _fold(context_words):
        return " ".join(words[:-n])
    return name


def strip_context_tail(name: str, contexts: Iterable[str]) -> str:
    """`name` without the tail that names the context (the shortest such result)."""
    best = name
    for context in contexts:
        if context and len(candidate := _without_tail(name, context)) < len(best):
            best = candidate
    return best


def _may_cut(words: list[str], at: int) -> bool:
    """Whether `words[at:]` may stand alone: two words at least, starting with a letter, and not a
    proper name cut from the common noun before it ("tỉnh | Quảng Bình" keeps "tỉnh")."""
    rest = words[at:]
    if len(rest) < MIN_WORDS_LEFT or not rest[0][:1].isalpha():
        return False
    return not (rest[0][:1].isupper() and words[at - 1][:1].islower())


def strip_shared_start(name: str, contexts: Iterable[str]) -> str:
    """`name` without the words it starts with in common with a context name, capitalised."""
    words = name.split()
    best = name
    for context in contexts:
        shared = 0
        for mine, theirs in zip(_fold(words), _fold(context.split()), strict=False):
            if mine != theirs:
                break
            shared += 1
        at = next((k for k in range(shared, 0, -1) if _may_cut(words, k)), 0)
        if at and len(candidate := " ".join(words[at:])) < len(best):
            best = candidate[:1].upper() + candidate[1:]
    return best


def _spellings(contexts: Iterable[str]) -> list[str]:
    """The context's names, each also with the sector's words abbreviated and written out."""
    out: list[str] = []
    for context in contexts:
        if not context:
            continue
        out.append(context)
        for full, short in ABBREVIATIONS:
            for a, b in ((full, short), (short, full)):
                pattern = re.compile(rf"(?<!\w){re.escape(a)}(?!\w)", re.IGNORECASE)
                if (other := pattern.sub(b, context)) != context and other not in out:
                    out.append(other)
    return out


def shorten(name: str, contexts: Iterable[str]) -> str:
    """One name shortened against the context's names (never empty: `name` if nothing is left)."""
    contexts = _spellings(contexts)
    return strip_shared_start(strip_context_tail(name, contexts), contexts) or name


def shorten_all(names: Sequence[str], contexts: Iterable[str]) -> list[str]:
    """The names of one list shortened, those that would read alike keeping more (step 1 only,
    then the name as given) so that two different names never read the same."""
    contexts = _spellings(contexts)
    forms = [
        [shorten(n, contexts), strip_context_tail(n, contexts), n] for n in names
    ]  # each name's readings, shortest first
    level = [0] * len(names)
    while True:
        owners: dict[str, set[str]] = {}
        for name, reading, at in zip(names, forms, level, strict=True):
            owners.setdefault(reading[at].casefold(), set()).add(name.casefold())
        clashing = [
            i
            for i, (reading, at) in enumerate(zip(forms, level, strict=True))
            if len(owners[reading[at].casefold()]) > 1 and at < len(reading) - 1
        ]
        if not clashing:
            return [reading[at] for reading, at in zip(forms, level, strict=True)]
        for i in clashing:
            level[i] += 1
