"""Báo cáo tổng kết công tác thi đua, khen thưởng năm Y, of a unit or of the whole sector.

The sections follow the sector's own tổng kết (seeds 001 and 003): how the movements were
launched and answered and what was registered; the results in figures (titles by tier, forms by
the level that decided them, the year before side by side, the shares seed 001 asks to raise,
reward money, exemplary models); a general assessment written from the figures; and the
directions for the next year, a standard text the officer edits.

Every award figure comes from `tdkt.reports.stats` (one grouped query for the two years), so
the document, the workbook and the dashboards agree."""

from __future__ import annotations

from django.utils.translation import gettext as _

from tdkt.documents.docx import render
from tdkt.documents.xlsx import workbook_bytes
from tdkt.reports.documents.base import Output, Progress, ReportRequest, no_progress, output
from tdkt.reports.documents.review.document import assessment, directions, document
from tdkt.reports.documents.review.figures import ReviewData, collect
from tdkt.reports.documents.review.workbook import sheets

__all__ = ["ReviewData", "assessment", "build", "collect", "directions", "document", "sheets"]


def build(request: ReportRequest, progress: Progress = no_progress) -> Output:
    data = collect(request, progress)
    progress(80, _("Đang soạn văn bản"))
    if request.fmt == "xlsx":
        return output(request, workbook_bytes(sheets(data)))
    return output(request, render(document(data)))
