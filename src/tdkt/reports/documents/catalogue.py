"""The periodic reports, registered by kind: which formats each one writes and how it is built.
`make` builds any of them, in the request (small scopes) or in a background job (the sector)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tdkt.reports.documents import awardees, records, review, summary
from tdkt.reports.documents.base import Output, Progress, ReportRequest, no_progress
from tdkt.reports.models import ReportFormat, ReportKind

DOCX, XLSX = str(ReportFormat.DOCX), str(ReportFormat.XLSX)
# A list of more lines than this is written in the background.
LIST_LINES_IN_REQUEST = 3000


@dataclass(frozen=True)
class Report:
    kind: str
    formats: tuple[str, ...]
    build: Callable[[ReportRequest, Progress], Output]


REPORTS: dict[str, Report] = {
    r.kind: r
    for r in (
        Report(ReportKind.REVIEW, (DOCX, XLSX), review.build),
        Report(ReportKind.AWARDEES, (XLSX, DOCX), awardees.build),
        Report(ReportKind.SUMMARY, (XLSX, DOCX), summary.build),
        Report(ReportKind.UNIT_RECORD, (DOCX,), records.build_unit),
        Report(ReportKind.PERSON_RECORD, (DOCX,), records.build_person),
    )
}


def make(request: ReportRequest, progress: Progress = no_progress) -> Output:
    report = REPORTS[request.kind]
    if request.fmt not in report.formats:
        raise ValueError(request.fmt)
    output = report.build(request, progress)
    progress(100, "")
    return output


def in_background(request: ReportRequest) -> bool:
    """Sector-wide reports and long lists are made by the background worker; a unit's review,
    a list of a few thousand lines and the records are made while the user waits."""
    if request.kind == ReportKind.SUMMARY or request.sector:
        return True
    if request.kind == ReportKind.AWARDEES:
        return awardees.count(request) > LIST_LINES_IN_REQUEST
    return False
