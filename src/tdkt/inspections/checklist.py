"""The default contents of an inspection (nội dung kiểm tra), drawn from the regulations, and the
sections of the inspected unit's self-report. A plan starts with `DEFAULT_ITEMS`; its drafters may
add or drop items while it is a draft.

Citations name the instrument (legal-facts.md §1); the article is given only where the fact sheet
confirms it."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

LAW = "Luật Thi đua, khen thưởng số 06/2022/QH15"
DECREE = "Nghị định số 152/2025/NĐ-CP"
SECTOR = "Thông tư số 02/2024/TT-VKSTC"
FUND = "Thông tư số 28/2025/TT-BTC"

# (code, text, citation)
DEFAULT_ITEMS: tuple[tuple[str, object, str], ...] = (
    (
        "PT",
        _(
            "Tổ chức phát động, hưởng ứng, triển khai các phong trào thi đua; sơ kết, tổng kết "
            "phong trào"
        ),
        f"{LAW}; {SECTOR}",
    ),
    (
        "DK",
        _("Đăng ký thi đua của tập thể, cá nhân: đúng danh hiệu, đúng thời hạn"),
        SECTOR,
    ),
    (
        "BX",
        _("Bình xét, đánh giá thi đua; xếp loại làm căn cứ đề nghị danh hiệu, khen thưởng"),
        f"{LAW}; {SECTOR}",
    ),
    (
        "HS",
        _("Hồ sơ, thủ tục đề nghị khen thưởng và tính kịp thời của việc đề nghị"),
        f"{DECREE}; {SECTOR}",
    ),
    (
        "HD",
        _("Tổ chức, hoạt động và quy trình họp xét của Hội đồng Thi đua - Khen thưởng"),
        SECTOR,
    ),
    (
        "DH",
        _("Phát hiện, bồi dưỡng, tuyên truyền, công khai và nhân rộng điển hình tiên tiến"),
        LAW,
    ),
    (
        "QUY",
        _("Trích lập, quản lý và sử dụng Quỹ thi đua, khen thưởng; chi tiền thưởng"),
        f"{FUND}; {DECREE}",
    ),
)

# The self-report's sections: (key, heading). Figures from the system go with the first five.
SELF_REPORT_SECTIONS: tuple[tuple[str, object], ...] = (
    ("phong_trao", _("Tổ chức, hưởng ứng các phong trào thi đua")),
    ("dang_ky", _("Đăng ký thi đua")),
    ("khen_thuong", _("Bình xét, đề nghị và kết quả khen thưởng")),
    ("dien_hinh", _("Phát hiện, công khai, nhân rộng điển hình tiên tiến")),
    ("quy", _("Quản lý, sử dụng Quỹ thi đua, khen thưởng")),
    ("kien_nghi", _("Khó khăn, vướng mắc và kiến nghị")),
)
SECTION_KEYS = tuple(k for k, _h in SELF_REPORT_SECTIONS)
SECTION_MAX = 10_000

# The rule a violation found by an inspection brings into play: commendation of the unit is
# suspended while it is being dealt with (legal-facts.md §4, "Under review").
HOLD_CITATION = "khoản 4 Điều 4 Nghị định số 152/2025/NĐ-CP"
