"""The codes of shared/domain/eligibility-contract.md, as enums.

Pure Python: the Django apps build their model choices from these, so that the database, the engine
and the JSON contract spell every code the same way.
"""

from __future__ import annotations

from enum import StrEnum


class Rating(StrEnum):
    HTXS = "HTXS"
    HTT = "HTT"
    HT = "HT"
    KHT = "KHT"


RATING_NAMES: dict[Rating, str] = {
    Rating.HTXS: "Hoàn thành xuất sắc nhiệm vụ",
    Rating.HTT: "Hoàn thành tốt nhiệm vụ",
    Rating.HT: "Hoàn thành nhiệm vụ",
    Rating.KHT: "Không hoàn thành nhiệm vụ",
}

# Higher is better; lets rules say "HTT trở lên" as RATING_RANK[r] >= RATING_RANK[Rating.HTT].
RATING_RANK: dict[Rating, int] = {Rating.KHT: 0, Rating.HT: 1, Rating.HTT: 2, Rating.HTXS: 3}


class Discipline(StrEnum):
    """Mildest first. HA_BAC_LUONG and GIANG_CHUC exist only for decisions before 2025-07-01."""

    KHIEN_TRACH = "khien_trach"
    CANH_CAO = "canh_cao"
    HA_BAC_LUONG = "ha_bac_luong"
    GIANG_CHUC = "giang_chuc"
    CACH_CHUC = "cach_chuc"
    BUOC_THOI_VIEC = "buoc_thoi_viec"


DISCIPLINE_NAMES: dict[Discipline, str] = {
    Discipline.KHIEN_TRACH: "Khiển trách",
    Discipline.CANH_CAO: "Cảnh cáo",
    Discipline.HA_BAC_LUONG: "Hạ bậc lương",
    Discipline.GIANG_CHUC: "Giáng chức",
    Discipline.CACH_CHUC: "Cách chức",
    Discipline.BUOC_THOI_VIEC: "Buộc thôi việc",
}

DISCIPLINE_SEVERITY: dict[Discipline, int] = {d: i for i, d in enumerate(Discipline)}


class AwardKind(StrEnum):
    TITLE = "title"  # danh hiệu thi đua
    FORM = "form"  # hình thức khen thưởng


class Subject(StrEnum):
    INDIVIDUAL = "individual"
    COLLECTIVE = "collective"
    BOTH = "both"


class Award(StrEnum):
    LDTT = "LDTT"
    CSTDCS = "CSTDCS"
    CSTD_NGANH = "CSTD_NGANH"
    CSTD_TQ = "CSTD_TQ"
    TTLDTT = "TTLDTT"
    TTLDXS = "TTLDXS"
    CO_NGANH = "CO_NGANH"
    CO_CP = "CO_CP"
    GIAY_KHEN = "GIAY_KHEN"
    BK_NGANH = "BK_NGANH"
    BK_TTG = "BK_TTG"
    HCLD_3 = "HCLD_3"
    HCLD_2 = "HCLD_2"
    HCLD_1 = "HCLD_1"
    KNC_VSNKS = "KNC_VSNKS"


# code → (kind, subject, Vietnamese name)
AWARDS: dict[Award, tuple[AwardKind, Subject, str]] = {
    Award.LDTT: (AwardKind.TITLE, Subject.INDIVIDUAL, "Lao động tiên tiến"),
    Award.CSTDCS: (AwardKind.TITLE, Subject.INDIVIDUAL, "Chiến sĩ thi đua cơ sở"),
    Award.CSTD_NGANH: (
        AwardKind.TITLE,
        Subject.INDIVIDUAL,
        "Chiến sĩ thi đua ngành Kiểm sát nhân dân",
    ),
    Award.CSTD_TQ: (AwardKind.TITLE, Subject.INDIVIDUAL, "Chiến sĩ thi đua toàn quốc"),
    Award.TTLDTT: (AwardKind.TITLE, Subject.COLLECTIVE, "Tập thể lao động tiên tiến"),
    Award.TTLDXS: (AwardKind.TITLE, Subject.COLLECTIVE, "Tập thể lao động xuất sắc"),
    Award.CO_NGANH: (AwardKind.TITLE, Subject.COLLECTIVE, "Cờ thi đua ngành Kiểm sát nhân dân"),
    Award.CO_CP: (AwardKind.TITLE, Subject.COLLECTIVE, "Cờ thi đua của Chính phủ"),
    Award.GIAY_KHEN: (AwardKind.FORM, Subject.BOTH, "Giấy khen"),
    Award.BK_NGANH: (
        AwardKind.FORM,
        Subject.BOTH,
        "Bằng khen của Viện trưởng Viện kiểm sát nhân dân tối cao",
    ),
    Award.BK_TTG: (AwardKind.FORM, Subject.BOTH, "Bằng khen của Thủ tướng Chính phủ"),
    Award.HCLD_3: (AwardKind.FORM, Subject.BOTH, "Huân chương Lao động hạng Ba"),
    Award.HCLD_2: (AwardKind.FORM, Subject.BOTH, "Huân chương Lao động hạng Nhì"),
    Award.HCLD_1: (AwardKind.FORM, Subject.BOTH, "Huân chương Lao động hạng Nhất"),
    Award.KNC_VSNKS: (
        AwardKind.FORM,
        Subject.INDIVIDUAL,
        'Kỷ niệm chương "Vì sự nghiệp Kiểm sát"',
    ),
}


def award_kind(code: Award | str) -> AwardKind:
    return AWARDS[Award(code)][0]


def award_subject(code: Award | str) -> Subject:
    return AWARDS[Award(code)][1]


def award_name(code: Award | str) -> str:
    return AWARDS[Award(code)][2]


def award_fits(code: Award | str, subject: Subject) -> bool:
    """Whether the award is given to that subject (an individual or a collective)."""
    given_to = AWARDS[Award(code)][1]
    return given_to is Subject.BOTH or given_to is subject


def awards_for(subject: Subject) -> list[Award]:
    """The awards a person (INDIVIDUAL) or a unit (COLLECTIVE) can hold."""
    return [code for code, (_, s, _) in AWARDS.items() if s in (subject, Subject.BOTH)]


class InitiativeScope(StrEnum):
    CO_SO = "co_so"
    NGANH = "nganh"
    TOAN_QUOC = "toan_quoc"


INITIATIVE_SCOPE_NAMES: dict[InitiativeScope, str] = {
    InitiativeScope.CO_SO: "Cấp cơ sở",
    InitiativeScope.NGANH: "Cấp ngành",
    InitiativeScope.TOAN_QUOC: "Toàn quốc",
}


class LeaveKind(StrEnum):
    THAI_SAN = "thai_san"
    OM = "om"
    KHONG_LUONG = "khong_luong"
    DIEU_TRI_THUONG = "dieu_tri_thuong"
    HOC_TAP = "hoc_tap"
    BIET_PHAI = "biet_phai"


LEAVE_NAMES: dict[LeaveKind, str] = {
    LeaveKind.THAI_SAN: "Nghỉ thai sản",
    LeaveKind.OM: "Nghỉ ốm",
    LeaveKind.KHONG_LUONG: "Nghỉ không lương",
    LeaveKind.DIEU_TRI_THUONG: "Điều trị thương (chiến đấu, cứu hộ)",
    LeaveKind.HOC_TAP: "Đi học",
    LeaveKind.BIET_PHAI: "Biệt phái",
}
