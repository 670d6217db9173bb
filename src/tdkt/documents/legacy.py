"""Vietnamese typed in the legacy 8-bit font encodings, recognised and brought to Unicode.

Before Unicode (and still in many units' old spreadsheets), Vietnamese was typed with fonts that
draw Vietnamese letters in place of Latin-1 characters: TCVN3 (ABC, the `.VnTime` fonts) with one
byte per letter, and VNI-Windows (the `VNI-Times` fonts) with a base letter followed by a mark.
Read by a program that ignores the font, "Nguyễn Văn An" comes out as "NguyÔn V¨n An" (TCVN3) or
"Nguyeãn Vaên An" (VNI).

A text is converted only when it does not read as Vietnamese and one of the two conversions
does, word by word (letters of the Vietnamese alphabet forming a Vietnamese syllable); a text that
still carries characters only these fonts produce, and that neither conversion makes readable, is
refused rather than stored garbled. No maintained package does this soundly (PyPI has a VNI
*typing-method* encoder and a document loader whose tables are admittedly incomplete), hence the
tables below, from the TCVN 5712:1993 (VN3) and VNI-Windows charts."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

TCVN3 = "TCVN3"
VNI = "VNI"

# TCVN3 (VN3): each Latin-1 character stands for one Vietnamese letter. Upper-case toned letters
# do not exist: a heading in a `.VnTimeH` font uses the lower-case bytes (see `_restore_case`).
_TCVN3_PAIRS = (
    "¡Ă ¢Â £Ê ¤Ô ¥Ơ ¦Ư §Đ ¨ă ©â ªê «ô ¬ơ \xadư ®đ "
    "µà ¶ả ·ã ¸á ¹ạ »ằ ¼ẳ ½ẵ ¾ắ Æặ Çầ Èẩ Éẫ Êấ Ëậ "
    "Ìè Îẻ Ïẽ Ðé Ñẹ Òề Óể Ôễ Õế Öệ ×ì Øỉ Üĩ Ýí Þị "
    "ßò áỏ âõ ãó äọ åồ æổ çỗ èố éộ êờ ëở ìỡ íớ îợ "
    "ïù ñủ òũ óú ôụ õừ öử ÷ữ øứ ùự úỳ ûỷ üỹ ýý þỵ"
)
TCVN3_MAP: dict[str, str] = {pair[0]: pair[1] for pair in _TCVN3_PAIRS.split(" ")}

# VNI-Windows: a base letter and one mark character (lower- or upper-case marks).
_TONES = ("ù", "ø", "û", "õ", "ï")  # sắc, huyền, hỏi, ngã, nặng
_MARKS_UPPER = {"ù": "Ù", "ø": "Ø", "û": "Û", "õ": "Õ", "ï": "Ï", "â": "Â", "ê": "Ê"}
_TONED = {  # base (as VNI writes it) → (untoned letter, its five toned letters)
    "a": ("a", "áàảãạ"),
    "e": ("e", "éèẻẽẹ"),
    "o": ("o", "óòỏõọ"),
    "u": ("u", "úùủũụ"),
    "y": ("y", "ýỳỷỹỵ"),
    "ô": ("ơ", "ớờởỡợ"),  # VNI's "ô" is ơ
    "ö": ("ư", "ứừửữự"),  # and "ö" is ư
}
# â/ê/ô (circumflex) and ă (breve) carry their tone in one combined mark.
_HATTED = {
    ("a", "â"): "â",
    ("a", "á"): "ấ",
    ("a", "à"): "ầ",
    ("a", "å"): "ẩ",
    ("a", "ã"): "ẫ",
    ("a", "ä"): "ậ",
    ("a", "ê"): "ă",
    ("a", "é"): "ắ",
    ("a", "è"): "ằ",
    ("a", "ú"): "ẳ",
    ("a", "ü"): "ẵ",
    ("a", "ë"): "ặ",
    ("e", "â"): "ê",
    ("e", "á"): "ế",
    ("e", "à"): "ề",
    ("e", "å"): "ể",
    ("e", "ã"): "ễ",
    ("e", "ä"): "ệ",
    ("o", "â"): "ô",
    ("o", "á"): "ố",
    ("o", "à"): "ồ",
    ("o", "å"): "ổ",
    ("o", "ã"): "ỗ",
    ("o", "ä"): "ộ",
}
# Letters written as one character: đ, ơ, ư and the toned i (Latin-1 has no bare i to mark).
_VNI_SINGLE = {"ñ": "đ", "ô": "ơ", "ö": "ư", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị"}


def _vni_tables() -> tuple[dict[str, str], dict[str, str]]:
    pairs: dict[str, str] = {}
    for base, (_plain, toned) in _TONED.items():
        for mark, letter in zip(_TONES, toned, strict=True):
            pairs[base + mark] = letter
    for (base, mark), letter in _HATTED.items():
        pairs[base + mark] = letter
    upper_pairs: dict[str, str] = {}
    for seq, letter in pairs.items():
        base, mark = seq[0].upper(), seq[1]
        upper_mark = _MARKS_UPPER.get(mark, mark.upper())
        upper_pairs[base + upper_mark] = letter.upper()
        upper_pairs.setdefault(base + mark, letter.upper())  # "Aù": a capital with a small mark
    singles = dict(_VNI_SINGLE)
    singles.update({k.upper(): v.upper() for k, v in _VNI_SINGLE.items()})
    return {**pairs, **upper_pairs}, singles


VNI_PAIRS, VNI_SINGLES = _vni_tables()

# Vietnamese letters (NFC), and the characters of those fonts that are none: a text still holding
# one after conversion is refused. Quotes, ·, ×, ÷ and fractions are left out: Unicode text uses
# them too.
_VN_LOWER = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
VN_LETTERS = frozenset(_VN_LOWER + _VN_LOWER.upper() + "bcdfghjklmnpqrstvwxzBCDFGHJKLMNPQRSTVWXZ")
_NOT_MARKERS = frozenset("«»·×÷©®°±¶¼½¾")
MARKERS = frozenset(
    ch
    for ch in {*TCVN3_MAP, *"".join(VNI_PAIRS), *VNI_SINGLES}
    if ch not in VN_LETTERS and ch not in _NOT_MARKERS and not ch.isascii()
)

_SPLIT = re.compile(r"[\s,;:()\[\]{}\"“”‘’!?/.…\-–—]+")
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_NUCLEI = (  # vowel groups, longest first (with the glides of "oai", "uyê", "ươi"…)
    *("iêu", "yêu", "oai", "oay", "oao", "oeo", "uây", "uôi", "ươi", "ươu", "uya", "uyê", "uyu"),
    *("ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi"),
    *("ôi", "ơi", "oo", "ua", "uâ", "uê", "ui", "uô", "uơ", "uy", "ưa", "ưi", "ươ", "ưu", "yê"),
    *("a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"),
)
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    rf"(?:{'|'.join(_NUCLEI)})"
    r"(?:ch|ng|nh|[cmnpt])?"
)


class LegacyEncodingError(ValueError):
    """The text is typed in a legacy font encoding that could not be converted."""


@dataclass(frozen=True)
class Converted:
    text: str
    encoding: str | None  # TCVN3, VNI, or None: the text was already Unicode


def from_tcvn3(text: str) -> str:
    return _restore_case("".join(TCVN3_MAP.get(ch, ch) for ch in text))


def from_vni(text: str) -> str:
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        pair = VNI_PAIRS.get(text[i : i + 2])
        if pair is not None:
            out.append(pair)
            i += 2
            continue
        out.append(VNI_SINGLES.get(text[i], text[i]))
        i += 1
    return "".join(out)


def to_unicode(text: str) -> Converted:
    """The text in Unicode: as it is when it reads as Vietnamese (or as anything but a legacy
    encoding), else converted from TCVN3 or VNI. Raises LegacyEncodingError when it carries
    characters only those fonts produce and neither conversion makes it readable."""
    if text.isascii():
        return Converted(text, None)
    text = unicodedata.normalize("NFC", text)
    unread = badness(text)
    if unread == 0:
        return Converted(text, None)
    candidates = [
        (badness(c), name, c) for name, c in ((TCVN3, from_tcvn3(text)), (VNI, from_vni(text)))
    ]
    score, name, best = min(candidates, key=lambda c: c[0])
    if score == 0:
        return Converted(best, name)
    if any(ch in MARKERS for ch in text):
        raise LegacyEncodingError(text)
    return Converted(text, None)


def readable(text: str) -> str:
    """`to_unicode(text).text`, or the text as it is when it cannot be converted."""
    try:
        return to_unicode(text).text
    except LegacyEncodingError:
        return text


def badness(text: str) -> int:
    """How many words of `text` do not read as Vietnamese (ASCII words, codes and numbers read)."""
    return sum(1 for word in _SPLIT.split(text) if word and not _reads(word))


@functools.lru_cache(maxsize=65536)  # a file's names share their words
def _reads(word: str) -> bool:
    if word.isascii():
        return True
    if any(ch not in VN_LETTERS for ch in word):
        return False
    if not (word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())):
        return False
    decomposed = unicodedata.normalize("NFD", word.lower())
    if sum(ch in _TONE_MARKS for ch in decomposed) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    return _SYLLABLE.fullmatch(base) is not None


def _restore_case(text: str) -> str:
    """A word typed in capitals with a `.VnTimeH` font ("NGUYÔN") is in capitals throughout."""
    words = text.split(" ")
    for index, word in enumerate(words):
        letters = [ch for ch in word if ch.isascii() and ch.isalpha()]
        if len(letters) >= 2 and all(ch.isupper() for ch in letters):
            words[index] = word.upper()
    return " ".join(words)
