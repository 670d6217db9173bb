"""Vietnamese personal names for the demo, with realistic frequencies.

Family names: the well-known national shares (Nguyễn ≈ 38 %, Trần ≈ 11 %, Lê ≈ 9.5 %, Phạm ≈ 7 % …),
with the regional spellings Hoàng/Huỳnh and Vũ/Võ, a few names common in the northern mountains
(Nông, Lò, Hà, Lường, Quàng) and among Khmer families of the Mekong delta (Thạch, Sơn, Danh, Kim).
Middle names are gendered (Văn, Đức, Hữu… / Thị, Thu, Ngọc…) and "Văn"/"Thị" are commoner for the
older generations. Given names are ranked lists drawn with Zipf-like weights. All DEMO DATA."""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Sequence

# fmt: off
FAMILY: list[tuple[str, float]] = [
    ("Nguyễn", 38.4), ("Trần", 11.0), ("Lê", 9.5), ("Phạm", 7.0), ("Hoàng", 5.1),
    ("Phan", 4.5), ("Vũ", 3.9), ("Đặng", 2.1), ("Bùi", 2.0), ("Đỗ", 1.4), ("Hồ", 1.3),
    ("Ngô", 1.3), ("Dương", 1.0), ("Lý", 0.5), ("Đinh", 0.6), ("Trịnh", 0.5), ("Đoàn", 0.5),
    ("Lương", 0.4), ("Mai", 0.4), ("Cao", 0.4), ("Lưu", 0.3), ("Tạ", 0.2), ("Hà", 0.3),
    ("Thái", 0.2), ("Chu", 0.2), ("Lâm", 0.2), ("Tô", 0.2), ("Châu", 0.15), ("Quách", 0.1),
    ("Kiều", 0.1), ("Triệu", 0.1), ("Vương", 0.1), ("Khúc", 0.05), ("La", 0.05), ("Văn", 0.1),
    ("Tăng", 0.05), ("Nghiêm", 0.05), ("Âu", 0.05),
]
NORTH_MOUNTAIN_EXTRA = [("Nông", 1.5), ("Lò", 0.8), ("Hà", 1.0), ("Lường", 0.5), ("Quàng", 0.3),
                        ("Hoàng", 1.5), ("Ma", 0.3), ("Giàng", 0.2)]
KHMER_EXTRA = [("Thạch", 2.0), ("Sơn", 1.2), ("Danh", 0.8), ("Kim", 0.6), ("Lâm", 0.5)]

MALE_MIDDLE_OLD = [("Văn", 40), ("Đức", 8), ("Hữu", 7), ("Minh", 6), ("Quang", 6), ("Xuân", 5),
                   ("Công", 5), ("Đình", 5), ("Ngọc", 4), ("Thanh", 4), ("Mạnh", 3), ("Trọng", 3),
                   ("Bá", 2), ("Viết", 2), ("Khắc", 2), ("Hồng", 2), ("Quốc", 3), ("Tiến", 2)]
MALE_MIDDLE_YOUNG = [("Văn", 18), ("Minh", 10), ("Đức", 9), ("Quang", 7), ("Hoàng", 6),
                     ("Tuấn", 5), ("Anh", 5), ("Quốc", 5), ("Thành", 4), ("Duy", 5), ("Hữu", 4),
                     ("Trung", 4), ("Ngọc", 3), ("Thanh", 3), ("Việt", 3), ("Gia", 2), ("Huy", 2),
                     ("Mạnh", 3), ("Xuân", 3), ("Công", 3)]
FEMALE_MIDDLE_OLD = [("Thị", 60), ("Thu", 6), ("Thanh", 5), ("Ngọc", 5), ("Minh", 3),
                     ("Hồng", 4), ("Kim", 4), ("Thúy", 2), ("Bích", 2), ("Phương", 2),
                     ("Thị Thu", 4), ("Thị Thanh", 3), ("Thị Ngọc", 3), ("Thị Hồng", 2)]
FEMALE_MIDDLE_YOUNG = [("Thị", 30), ("Thu", 7), ("Thanh", 6), ("Ngọc", 7), ("Minh", 5),
                       ("Thùy", 5), ("Phương", 5), ("Hồng", 3), ("Khánh", 3), ("Mỹ", 3),
                       ("Hoài", 3), ("Diệu", 2), ("Bảo", 2), ("Quỳnh", 2), ("Kim", 3),
                       ("Thị Thu", 3), ("Thị Ngọc", 3), ("Thị Thanh", 2), ("Thị Mỹ", 2)]

# fmt: on


def _words(text: str) -> list[str]:
    return text.split()


MALE_GIVEN = _words(
    "Hùng Dũng Tuấn Minh Hải Nam Sơn Thắng Cường Long Quân Trung Hiếu Đức Tùng Phong Bình Huy "
    "Hưng Khánh Thành Toàn Vinh Việt Hoàng Anh Duy Đạt Tâm Tiến Lâm Hòa Thịnh Phúc Lợi Thanh Tú "
    "Kiên Thái Chiến Hậu Nghĩa Quang Trí Khoa Bảo Nhân Tài Luân Tân Tuyên Thọ Định Lực Quyết "
    "Hiệp Đông Sang Thuận Hạnh Lộc Phương Cảnh Chung Giang Kỳ Lân Mạnh Nguyên Tuệ Hoan Dương"
)
FEMALE_GIVEN = _words(
    "Hương Lan Hoa Hằng Linh Trang Thảo Hà Nga Huyền Mai Phương Thủy Yến Ngọc Anh Loan Dung Oanh "
    "Nhung Vân Hạnh Thu Hiền Liên Tâm Thúy Quyên Trinh Uyên Vy Nhi My Chi Giang Duyên Hồng Lệ "
    "Diệp Ly Nhàn Tuyết Thư Hậu Hòa Bình Xuân Quỳnh Trâm Ngân Thanh Hạnh Loan Thoa Tuyền Diễm"
)


class Picker:
    """Weighted choice with a precomputed cumulative table (fast, deterministic)."""

    def __init__(self, pairs: Sequence[tuple[str, float]]) -> None:
        self.items = [p[0] for p in pairs]
        self.cum = list(itertools.accumulate(p[1] for p in pairs))

    def __call__(self, rng: random.Random) -> str:
        return self.items[bisect.bisect(self.cum, rng.random() * self.cum[-1])]


def _zipf(names: list[str], s: float = 0.55) -> list[tuple[str, float]]:
    seen: dict[str, float] = {}
    for rank, name in enumerate(names, start=1):
        seen.setdefault(name, 1.0 / rank**s)
    return list(seen.items())


def _regional(pairs: list[tuple[str, float]], region: str) -> list[tuple[str, float]]:
    out: dict[str, float] = {}
    for name, weight in pairs:
        if region.startswith("S") or region.startswith("C"):
            south = 0.8 if region.startswith("S") else 0.5
            if name == "Hoàng":
                out["Huỳnh"] = out.get("Huỳnh", 0) + weight * south
                weight *= 1 - south
            elif name == "Vũ":
                out["Võ"] = out.get("Võ", 0) + weight * (south + 0.1)
                weight *= 0.9 - south
        out[name] = out.get(name, 0) + weight
    extra = NORTH_MOUNTAIN_EXTRA if region.endswith("mn") else []
    extra = KHMER_EXTRA if region.endswith("km") else extra
    for name, weight in extra:
        out[name] = out.get(name, 0) + weight
    return list(out.items())


class NameMaker:
    def __init__(self) -> None:
        self._family: dict[str, Picker] = {}
        self.male_middle = (Picker(MALE_MIDDLE_OLD), Picker(MALE_MIDDLE_YOUNG))
        self.female_middle = (Picker(FEMALE_MIDDLE_OLD), Picker(FEMALE_MIDDLE_YOUNG))
        self.male_given = Picker(_zipf(MALE_GIVEN))
        self.female_given = Picker(_zipf(FEMALE_GIVEN))

    def family(self, rng: random.Random, region: str) -> str:
        picker = self._family.get(region)
        if picker is None:
            picker = self._family[region] = Picker(_regional(FAMILY, region))
        return picker(rng)

    def full_name(self, rng: random.Random, *, female: bool, birth_year: int, region: str) -> str:
        young = 1 if birth_year >= 1985 else 0
        middle = (self.female_middle if female else self.male_middle)[young](rng)
        given_picker = self.female_given if female else self.male_given
        given = given_picker(rng)
        while given in middle.split():
            given = given_picker(rng)
        return f"{self.family(rng, region)} {middle} {given}"
