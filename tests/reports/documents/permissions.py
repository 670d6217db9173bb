"""The periodic reports' views for the project's permission registry (tests/test_permissions.py).

The objects are the insiders' (the new VKSND tỉnh Quảng Trị): a report made in the background for
the province, done and stored; the records of Nguyễn Văn An and of Khu vực 1."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def qt_report_job(s: Any) -> Any:
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from tdkt.accounts.models import User
    from tdkt.reports.models import ReportJob

    found = ReportJob.objects.filter(unit=s.quang_tri, title="Báo cáo kiểm tra quyền").first()
    if found:
        return found
    owner = User.objects.get_or_create(username="nguoi.lap.bao.cao")[0]
    stored = "reports/kiem-tra-quyen.xlsx"  # one file, whichever test makes the job first
    if not default_storage.exists(stored):
        stored = default_storage.save(stored, ContentFile(b"PK-test"))
    return ReportJob.objects.create(
        kind="tong_ket",
        fmt="xlsx",
        unit=s.quang_tri,
        params={"year": 2025},
        title="Báo cáo kiểm tra quyền",
        status="done",
        progress=100,
        file=stored,
        filename="bao-cao.xlsx",
        created_by=owner,
    )


REPORT_VIEWS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "reports:documents": lambda s: {},
    "reports:report_jobs": lambda s: {},
    "reports:report_download": lambda s: {"pk": qt_report_job(s).pk},
    "reports:person_record": lambda s: {"pk": s.an.pk},
    "reports:unit_record": lambda s: {"pk": s.kv1.pk},
}
# The reports screen and the list of one's own reports: an outsider sees only his own units.
REPORT_LISTS = {"reports:documents", "reports:report_jobs"}
# A staff member prints his own record, as he reads it.
REPORT_OWN_RECORD = {"reports:person_record"}
