"""The tổng kết as a workbook: the document's tables, one sheet each, numbers as numbers and
shares as fractions shown in per cent."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.utils.translation import gettext as _

from tdkt.documents.xlsx import Sheet
from tdkt.reports import stats
from tdkt.reports.documents import fmt
from tdkt.reports.documents.review.figures import (
    REGISTRATION_HEADERS,
    ReviewData,
    count_headers,
    total_row,
)


def sheets(data: ReviewData) -> list[Sheet]:
    year = data.year
    heading = "\n".join(
        [
            _("BÁO CÁO TỔNG KẾT CÔNG TÁC THI ĐUA, KHEN THƯỞNG NĂM %(y)s") % {"y": year},
            data.request.scope_name,
        ]
    )
    out: list[Sheet] = []
    title_rows: list[list[Any]] = []
    bold: set[int] = set()
    for subject, rows in data.titles.items():
        label = _("Cá nhân") if subject == stats.INDIVIDUAL else _("Tập thể")
        for r in [*rows, total_row(rows)]:
            title_rows.append([label, r.label, *r.cells, r.total, r.before, r.change])
        bold.add(len(title_rows) - 1)
    out.append(
        Sheet(
            _("Danh hiệu thi đua"),
            [_("Đối tượng"), *count_headers(data, "tier", _("Danh hiệu"))],
            title_rows,
            heading=heading + "\n" + _("Danh hiệu thi đua theo cấp của đơn vị"),
            bold_rows=bold,
        )
    )
    form_rows = [
        [r.label, *r.cells, r.total, r.before, r.change]
        for r in [*data.forms, total_row(data.forms)]
    ]
    out.append(
        Sheet(
            _("Hình thức khen thưởng"),
            count_headers(data, "level", _("Hình thức")),
            form_rows,
            heading=heading + "\n" + _("Hình thức khen thưởng theo cấp ra quyết định"),
            bold_rows={len(form_rows) - 1},
        )
    )
    out.append(
        Sheet(
            _("Tỷ lệ khen thưởng"),
            [
                _("Chỉ tiêu"),
                _("Số lượng"),
                _("Tổng số"),
                _("Tỷ lệ năm %(y)s") % {"y": year},
                _("Tỷ lệ năm %(y)s") % {"y": year - 1},
                _("Tăng, giảm (điểm %)"),
            ],
            [
                [
                    r.label,
                    r.now.part,
                    r.now.whole,
                    _fraction(r.now),
                    _fraction(r.before),
                    round(r.change, 1) if r.change is not None else None,
                ]
                for r in data.shares
            ],
            heading=heading,
            formats={3: "0.0%", 4: "0.0%", 5: "0.0"},
        )
    )
    out.append(
        Sheet(
            _("Đăng ký thi đua"),
            [str(h) for h in REGISTRATION_HEADERS],
            [
                [
                    fmt.award_name(code),
                    n,
                    approved,
                    achieved,
                    rate / 100 if rate is not None else None,
                ]
                for code, n, approved, achieved, rate in data.registered
            ],
            heading=heading,
            formats={4: "0.0%"},
        )
    )
    out.append(
        Sheet(
            _("Phong trào thi đua"),
            [
                _("Tên phong trào"),
                _("Đơn vị phát động"),
                _("Số, ký hiệu"),
                _("Ngày ký"),
                _("Loại"),
                _("Trạng thái"),
            ],
            [
                [
                    m.name,
                    m.issuer.name,
                    f"{m.number}/{m.symbol}" if m.number else "",
                    m.signed_on,
                    m.get_kind_display(),
                    m.get_status_display(),
                ]
                for m in data.movements
            ],
            heading=heading,
        )
    )
    out.append(
        Sheet(
            _("Tiền thưởng"),
            [_("Danh hiệu, hình thức"), _("Số khoản chi"), _("Số tiền (đồng)")],
            [[fmt.award_name(c), n, a] for c, n, a in data.money],
            heading=heading + "\n" + _("Tiền thưởng đã chi trong năm"),
            formats={2: "#,##0"},
        )
    )
    if apps.is_installed("tdkt.publicity"):
        out.append(
            Sheet(
                _("Điển hình tiên tiến"),
                [_("Tiêu đề"), _("Tập thể, cá nhân, mô hình"), _("Đơn vị")],
                [list(e) for e in data.examples],
                heading=heading,
            )
        )
    return out


def _fraction(share: stats.Share) -> float | None:
    return share.part / share.whole if share.whole else None
