"""The one function that writes the audit trail, and the sentences that describe each action."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models, transaction
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from tdkt.audit.context import current_request_id
from tdkt.audit.models import AuditEntry
from tdkt.workflow.machine import Machine, move
from tdkt.workflow.notices import Notice
from tdkt.workflow.reasons import clean_text

# Every action code the system writes, with the sentence the timeline shows for it.
ACTIONS: dict[str, Any] = {
    "unit.created": _("Tạo đơn vị"),
    "unit.renamed": _("Đổi tên đơn vị"),
    "unit.moved": _("Chuyển đơn vị trực thuộc"),
    "unit.dissolved": _("Giải thể / sáp nhập đơn vị"),
    "unit.succession_recorded": _("Ghi nhận đơn vị kế thừa"),
    "cluster.created": _("Lập cụm, khối thi đua"),
    "cluster.member_set": _("Cập nhật thành viên cụm, khối"),
    "person.created": _("Thêm cán bộ"),
    "person.updated": _("Cập nhật thông tin cán bộ"),
    "position.assigned": _("Bổ nhiệm / điều động"),
    "position.ended": _("Kết thúc chức vụ"),
    "service.recorded": _("Ghi nhận thời gian công tác"),
    "rating.recorded": _("Ghi nhận xếp loại"),
    "discipline.recorded": _("Ghi nhận kỷ luật"),
    "leave.recorded": _("Ghi nhận thời gian nghỉ"),
    "initiative.recorded": _("Ghi nhận sáng kiến, đề tài"),
    "award.recorded": _("Ghi vào sổ khen thưởng"),
    "award.revoked": _("Thu hồi khen thưởng"),
    "decision.recorded": _("Ghi nhận quyết định khen thưởng"),
    "demo.built": _("Dựng dữ liệu mẫu"),
    "import.applied": _("Nhập dữ liệu từ tệp Excel"),
    "import.rejected": _("Từ chối tệp nhập"),
    "import.submitted": _("Gửi tệp nhập dữ liệu"),
    "import.resolved": _("Xác định cán bộ trùng khớp khi nhập dữ liệu"),
    "import.cancelled": _("Hủy lần nhập dữ liệu"),
    "import.failed": _("Nhập dữ liệu gặp lỗi hệ thống"),
    "user.created": _("Tạo tài khoản"),
    "role.granted": _("Cấp quyền"),
    "role.revoked": _("Thu hồi quyền"),
    "unit_violation.recorded": _("Ghi nhận vi phạm của đơn vị"),
    "inspection.created": _("Lập kế hoạch kiểm tra công tác thi đua, khen thưởng"),
    "inspection.updated": _("Sửa kế hoạch kiểm tra công tác thi đua, khen thưởng"),
    "inspection.approved": _("Duyệt kế hoạch kiểm tra"),
    "inspection.returned": _("Trả lại kế hoạch kiểm tra để sửa"),
    "inspection.started": _("Bắt đầu kiểm tra"),
    "inspection.concluded": _("Ban hành kết luận kiểm tra"),
    "inspection.closed": _("Kết thúc theo dõi thực hiện kết luận kiểm tra"),
    "inspection.self_report_saved": _("Lưu báo cáo tự kiểm tra"),
    "inspection.self_report_submitted": _("Gửi báo cáo tự kiểm tra"),
    "inspection.evidence_added": _("Tải lên tài liệu minh chứng kiểm tra"),
    "inspection.evidence_withdrawn": _("Rút tài liệu minh chứng kiểm tra"),
    "inspection.findings_recorded": _("Ghi nhận kết quả kiểm tra theo nội dung"),
    "inspection.recommendation_added": _("Thêm kiến nghị sau kiểm tra"),
    "inspection.recommendation_reported": _("Báo cáo kết quả khắc phục kiến nghị"),
    "inspection.recommendation_accepted": _("Chấp nhận kết quả khắc phục kiến nghị"),
    "inspection.recommendation_reopened": _("Yêu cầu tiếp tục khắc phục kiến nghị"),
    "inspection.violation_recorded": _(
        "Chuyển vi phạm phát hiện qua kiểm tra thành vi phạm của đơn vị"
    ),
    "parameter.added": _("Thêm giá trị tham số xét điều kiện"),
    "parameter.corrected": _("Sửa tham số xét điều kiện"),
    "regime.closed": _("Kết thúc chế độ pháp lý (văn bản hết hiệu lực)"),
    "regime.opened": _("Thêm chế độ pháp lý mới"),
    "eligibility.recompute": _("Tính lại kết quả xét điều kiện của đơn vị"),
    "workday.added": _("Thêm ngày nghỉ, ngày làm việc bù theo quyết định"),
    "workday.removed": _("Xóa ngày nghỉ, ngày làm việc bù nhập nhầm"),
    "api_token.issued": _("Cấp khoá truy cập API"),
    "api_token.revoked": _("Thu hồi khoá truy cập API"),
    "movement.created": _("Lập dự thảo phong trào thi đua"),
    "movement.updated": _("Sửa dự thảo phong trào thi đua"),
    "movement.launched": _("Phát động phong trào thi đua"),
    "movement.started": _("Bắt đầu triển khai phong trào thi đua"),
    "movement.reviewed": _("Sơ kết phong trào thi đua"),
    "movement.closed": _("Tổng kết phong trào thi đua"),
    "movement.cancelled": _("Hủy dự thảo phong trào thi đua"),
    "answer.acknowledged": _("Tiếp nhận phong trào thi đua"),
    "answer.planned": _("Ban hành kế hoạch triển khai phong trào"),
    "answer.updated": _("Sửa kế hoạch triển khai phong trào"),
    "indicator.reported": _("Báo cáo kết quả chỉ tiêu thi đua"),
    "registration.created": _("Lập bản đăng ký thi đua"),
    "registration.lines_added": _("Thêm đăng ký danh hiệu thi đua"),
    "registration.line_removed": _("Bỏ một dòng đăng ký thi đua"),
    "registration.submitted": _("Gửi bản đăng ký thi đua lên cấp trên"),
    "registration.approved": _("Duyệt bản đăng ký thi đua"),
    "registration.returned": _("Trả lại bản đăng ký thi đua"),
    "cluster.leaders_set": _("Phân công cụm trưởng, cụm phó"),
    "pledge.saved": _("Lập giao ước thi đua"),
    "pledge.signed": _("Ký giao ước thi đua"),
    "score_sheet.defined": _("Xây dựng bảng chấm điểm thi đua"),
    "score_sheet.opened": _("Mở chấm điểm thi đua"),
    "score_sheet.locked": _("Khóa bảng chấm điểm thi đua"),
    "scores.submitted": _("Chấm điểm thi đua"),
    "flag_ballot.opened": _("Mở bỏ phiếu suy tôn Cờ thi đua"),
    "flag_ballot.voted": _("Bỏ phiếu suy tôn Cờ thi đua"),
    "flag_ballot.closed": _("Kết thúc bỏ phiếu suy tôn Cờ thi đua"),
    "dossier.created": _("Lập hồ sơ đề nghị khen thưởng"),
    "dossier.updated": _("Sửa hồ sơ đề nghị khen thưởng"),
    "dossier.candidate_added": _("Thêm người, tập thể vào hồ sơ đề nghị"),
    "dossier.candidate_updated": _("Sửa thông tin người, tập thể được đề nghị"),
    "dossier.candidate_removed": _("Bỏ người, tập thể khỏi hồ sơ đề nghị"),
    "dossier.component_uploaded": _("Tải lên thành phần hồ sơ"),
    "dossier.submitted": _("Gửi hồ sơ đề nghị khen thưởng"),
    "dossier.withdrawn": _("Rút hồ sơ đề nghị khen thưởng"),
    "dossier.received": _("Tiếp nhận hồ sơ đề nghị khen thưởng"),
    "dossier.returned": _("Trả lại hồ sơ đề nghị khen thưởng"),
    "dossier.forwarded": _("Chuyển hồ sơ đề nghị lên cấp trên"),
    "dossier.published": _("Công khai danh sách lấy ý kiến"),
    "dossier.comment_received": _("Nhận ý kiến góp ý về danh sách đề nghị"),
    "dossier.council_review": _("Đưa hồ sơ ra Hội đồng Thi đua - Khen thưởng"),
    "dossier.decided": _("Hồ sơ đề nghị đã có kết quả"),
    "dossier.sent_to_state": _("Trình hồ sơ lên Thủ tướng Chính phủ, Chủ tịch nước"),
    "state_decision.recorded": _("Ghi nhận quyết định khen thưởng của cấp Nhà nước"),
    "council.created": _("Thành lập Hội đồng Thi đua - Khen thưởng"),
    "council.member_added": _("Bổ sung thành viên Hội đồng"),
    "council.member_ended": _("Kết thúc nhiệm kỳ thành viên Hội đồng"),
    "meeting.scheduled": _("Triệu tập phiên họp Hội đồng"),
    "meeting.agenda_set": _("Đưa hồ sơ vào chương trình phiên họp"),
    "meeting.attendance_recorded": _("Ghi nhận thành viên có mặt, vắng mặt"),
    "meeting.written_opinion": _("Ghi nhận ý kiến bằng văn bản của thành viên vắng mặt"),
    "meeting.opened": _("Khai mạc phiên họp, mở bỏ phiếu kín"),
    "meeting.postponed": _("Hoãn phiên họp Hội đồng"),
    "meeting.ballot_cast": _("Thành viên Hội đồng đã bỏ phiếu kín"),
    "meeting.closed": _("Kết thúc bỏ phiếu, kiểm phiếu"),
    "meeting.minutes_issued": _("Ban hành biên bản họp Hội đồng"),
    "meeting.vote_restarted": _("Mở lại phiên bỏ phiếu kín, hủy các phiếu đã bỏ"),
    "meeting.cap_set": _("Đặt số lượng tối đa được thông qua của phiên họp"),
    "meeting.round_opened": _("Mở bỏ phiếu kín một vòng"),
    "meeting.round_counted": _("Kiểm phiếu một vòng bỏ phiếu kín"),
    "decision.drafted": _("Dự thảo quyết định khen thưởng"),
    "decision.updated": _("Sửa dự thảo quyết định khen thưởng"),
    "decision.submitted": _("Trình ký quyết định khen thưởng"),
    "decision.returned": _("Trả lại dự thảo quyết định để điều chỉnh"),
    "decision.signed": _("Ký ban hành quyết định khen thưởng"),
    "decision.revoked": _("Hủy bỏ quyết định khen thưởng"),
    "awardee.paid": _("Ghi nhận đã chi tiền thưởng"),
    "awardee.recovered": _("Ghi nhận đã thu hồi tiền thưởng"),
    "fund.opened": _("Mở sổ quỹ thi đua, khen thưởng của năm"),
    "fund.allocated": _("Ghi nhận kinh phí trích lập quỹ thi đua, khen thưởng"),
    "fund.contributed": _("Ghi nhận đóng góp vào quỹ thi đua, khen thưởng"),
    "fund.spent": _("Ghi nhận khoản chi khác từ quỹ thi đua, khen thưởng"),
    "fund.reversed": _("Đảo bút toán quỹ thi đua, khen thưởng"),
    "fund.posted": _("Ghi sổ quỹ thi đua, khen thưởng theo quyết định khen thưởng"),
    "fund.backfilled": _("Ghi bổ sung sổ quỹ từ các quyết định đã ký"),
    "initiative.used": _("Ghi nhận sáng kiến đã dùng làm căn cứ khen thưởng"),
    "certificate.layout_saved": _("Lưu căn chỉnh in Bằng khen, Giấy khen"),
    "certificate.printed": _("In Bằng khen, Giấy khen"),
    "example.created": _("Lập điển hình tiên tiến"),
    "example.updated": _("Sửa điển hình tiên tiến"),
    "example.photo_added": _("Thêm ảnh điển hình tiên tiến"),
    "example.photo_removed": _("Bỏ ảnh điển hình tiên tiến"),
    "example.spread_recorded": _("Ghi nhận việc nhân rộng điển hình tiên tiến"),
    "example.submitted": _("Gửi điển hình tiên tiến lên cấp trên"),
    "example.approved": _("Duyệt điển hình tiên tiến"),
    "example.returned": _("Trả lại điển hình tiên tiến"),
    "example.published": _("Công bố điển hình tiên tiến trên trang công khai"),
    "example.unpublished": _("Gỡ điển hình tiên tiến khỏi trang công khai"),
    "award_decision.published": _("Công bố quyết định khen thưởng trên trang công khai"),
    "award_decision.unpublished": _("Gỡ quyết định khen thưởng khỏi trang công khai"),
    "report.requested": _("Yêu cầu lập báo cáo định kỳ"),
    "unit.split": _("Chia tách đơn vị"),
    "cluster.member_added": _("Thêm đơn vị vào cụm, khối thi đua"),
    "cluster.member_removed": _("Bỏ đơn vị khỏi cụm, khối thi đua"),
    "cluster.copied": _("Sao chép cụm, khối thi đua sang năm mới"),
    "user.deactivated": _("Khoá tài khoản"),
    "user.reactivated": _("Mở khoá tài khoản"),
    "user.password_reset": _("Cấp lại mật khẩu dùng một lần"),
    "user.password_changed": _("Đổi mật khẩu"),
    "user.person_linked": _("Gắn tài khoản với hồ sơ cán bộ"),
    "person.left": _("Ghi nhận cán bộ thôi công tác"),
    "person.leaving_undone": _("Hủy ghi nhận thôi công tác (sửa sai)"),
    "service.corrected": _("Sửa thời gian công tác ghi sai"),
    "service.removed": _("Xóa thời gian công tác ghi nhầm"),
    "system.restored": _("Khôi phục dữ liệu từ bản sao lưu"),
    "initiative.corrected": _("Sửa sáng kiến, đề tài ghi sai"),
    "initiative.removed": _("Xóa sáng kiến, đề tài ghi nhầm"),
    "unit_violation.corrected": _("Sửa vi phạm của đơn vị ghi sai"),
    "unit_violation.removed": _("Xóa vi phạm của đơn vị ghi nhầm"),
    "user.login_unlocked": _("Mở khoá đăng nhập bị chặn do đăng nhập sai nhiều lần"),
    "rating.corrected": _("Sửa xếp loại"),
    "rating.cleared": _("Bỏ xếp loại ghi nhầm"),
    "discipline.corrected": _("Sửa kỷ luật ghi sai"),
    "discipline.removed": _("Xóa kỷ luật ghi nhầm"),
    "leave.corrected": _("Sửa thời gian nghỉ ghi sai"),
    "leave.removed": _("Xóa thời gian nghỉ ghi nhầm"),
    "scores.entered_for_member": _("Nhập điểm thi đua thay đơn vị thành viên (chờ xác nhận)"),
    "scores.confirmed": _("Đơn vị thành viên xác nhận điểm được nhập thay"),
    "awardee.revoked": _("Hủy bỏ khen thưởng của một người, tập thể trong quyết định"),
    "dossier.council_results": _("Kết quả bỏ phiếu của Hội đồng về hồ sơ"),
}


def describe(action: str) -> str:
    return str(ACTIONS.get(action, action))


def snapshot(obj: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """A JSON-safe dict of a model's concrete field values (foreign keys as ids)."""
    names = fields or [f.attname for f in obj._meta.concrete_fields]
    return {name: _json_safe(getattr(obj, name)) for name in names}


def _json_safe(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | Promise):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    return value


def entry(
    *,
    actor: Any,
    action: str,
    obj: models.Model,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    reason: str = "",
    unit_id: int | None = None,
) -> AuditEntry:
    """An unsaved audit entry, for services that write thousands of rows with `bulk_create`.

    Like `record`, it must be built inside the caller's transaction."""
    if action not in ACTIONS:
        raise ValueError(f"Unknown audit action {action!r}: add it to ACTIONS")
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit entries must be written inside the service's transaction")
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    row = AuditEntry(
        actor=actor if is_user else None,
        actor_name=_actor_name(actor),
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        unit_id=unit_id,
        before=_json_safe(dict(before)) if before is not None else None,
        after=_json_safe(dict(after)) if after is not None else None,
        reason=reason,
        request_id=current_request_id.get(),
    )
    row.fill_keys()
    return row


def record(
    *,
    actor: Any,
    action: str,
    obj: models.Model,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    reason: str = "",
    unit_id: int | None = None,
) -> AuditEntry:
    """Write one audit entry. Must run inside the caller's transaction (services are atomic)."""
    row = entry(
        actor=actor,
        action=action,
        obj=obj,
        before=before,
        after=after,
        reason=reason,
        unit_id=unit_id,
    )
    row.save(force_insert=True)
    return row


def record_move(
    machine: Machine,
    obj: models.Model,
    to: str,
    *,
    actor: Any,
    action: str,
    unit_id: int | None,
    now: dt.datetime | None = None,
    version: int | None = None,
    reason_code: str = "",
    reason: str = "",
    fields: dict[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    notice: Notice | None = None,
) -> str:
    """Move `obj` through the kernel and write the move's audit entry in the same transaction:
    before `{"status": <old>}`, after `{"status": to, **after}`, the reason as
    "<code>: <cleaned text>" when a coded reason was given. Returns the old status."""
    before = move(
        machine,
        obj,
        to,
        actor=actor,
        now=now,
        reason_code=reason_code,
        reason=reason,
        version=version,
        fields=fields,
        notice=notice,
    )
    record(
        actor=actor,
        action=action,
        obj=obj,
        before={"status": before},
        after={"status": to, **(after or {})},
        reason=f"{reason_code}: {clean_text(reason)}" if reason_code else "",
        unit_id=unit_id,
    )
    return before


def _actor_name(actor: Any) -> str:
    if actor is None:
        return str(_("Hệ thống"))
    if isinstance(actor, str):
        return actor
    full = getattr(actor, "get_full_name", lambda: "")()
    return full or getattr(actor, "username", str(actor))
