"""Vietnamese typed in the legacy TCVN3 (.VnTime, ABC) and VNI-Windows fonts is recognised and
converted to Unicode, or refused: never stored garbled."""

from __future__ import annotations

import pytest

from tdkt.documents.legacy import TCVN3, VNI, LegacyEncodingError, from_tcvn3, from_vni, to_unicode

TCVN3_PAIRS = [
    ("NguyÔn V¨n An", "Nguyễn Văn An"),
    ("TrÇn ThÞ H»ng", "Trần Thị Hằng"),
    ("Lª Hoµng §¹t", "Lê Hoàng Đạt"),
    ("Ph¹m Quang Vò", "Phạm Quang Vũ"),
    ("Bïi ThÞ Hång Nhung", "Bùi Thị Hồng Nhung"),
    ("§ç Ng« Ph­¬ng", "Đỗ Ngô Phương"),  # ư is the soft hyphen byte 0xAD
    ("Tr\xadêng", "Trường"),
    ("Hå ChÝ Minh", "Hồ Chí Minh"),
    ("Hoµn thµnh tèt nhiÖm vô", "Hoàn thành tốt nhiệm vụ"),
    ("HOµNG V¡N", "HOÀNG VĂN"),  # a heading in a .VnTimeH font
]
VNI_PAIRS = [
    ("Nguyeãn Vaên An", "Nguyễn Văn An"),
    ("Phaïm Thò Ñaøo", "Phạm Thị Đào"),
    ("Tröôøng", "Trường"),
    ("Leâ Hoaøng Ñaït", "Lê Hoàng Đạt"),
    ("Hoaøn thaønh xuaát saéc nhieäm vuï", "Hoàn thành xuất sắc nhiệm vụ"),
    ("NGUYEÃN VAÊN AN", "NGUYỄN VĂN AN"),
    ("Ñoã Thò Kim Lieân", "Đỗ Thị Kim Liên"),
    ("Vuõ Quoác Khaùnh", "Vũ Quốc Khánh"),
]


@pytest.mark.parametrize(("legacy", "unicode"), TCVN3_PAIRS)
def test_a_tcvn3_text_is_recognised_and_converted(legacy, unicode):
    assert from_tcvn3(legacy) == unicode
    assert to_unicode(legacy).text == unicode
    assert to_unicode(legacy).encoding == TCVN3


@pytest.mark.parametrize(("legacy", "unicode"), VNI_PAIRS)
def test_a_vni_text_is_recognised_and_converted(legacy, unicode):
    assert from_vni(legacy) == unicode
    assert to_unicode(legacy).text == unicode
    assert to_unicode(legacy).encoding == VNI


@pytest.mark.parametrize(
    "text",
    [
        "Nguyễn Văn An",
        "Đặng Thị Thuỷ",
        "Giàng A Páo",
        "Ksor H'Nga",
        "Hoàng Thị Ngọc Quyên",
        "Theo «Kết luận» số 5 ngày 01/02/2025",
        "Nguyễn Thị Ánh",
        "KV-HT-01",
        "Lò Văn Pủa",
        "Y Blốk Êban",
    ],
)
def test_unicode_vietnamese_is_left_as_it_is(text):
    converted = to_unicode(text)
    assert converted.text == text
    assert converted.encoding is None


def test_a_legacy_text_that_cannot_be_converted_is_refused():
    with pytest.raises(LegacyEncodingError):
        to_unicode("V¨n µµ¸¸ ¹¹")
