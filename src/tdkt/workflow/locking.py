"""Row locks and optimistic versions: an edit made on a copy someone else has changed since is
refused, never written over the newer data."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from tdkt.errors import Conflict

STALE_MESSAGE = (
    "Dữ liệu đã được người khác thay đổi sau khi bạn mở trang; thay đổi của bạn chưa được lưu. "
    "Hãy tải lại trang để xem bản mới nhất rồi thực hiện lại."
)


def lock(obj: Any, version: int | None = None) -> Any:
    """The object's row, locked for the transaction; `version` (the one the user edited) must
    still be current, else another person saved first and nothing is written."""
    fields = [f for f in ("status", "version") if hasattr(obj, f)]
    locked = type(obj).objects.select_for_update().only(*fields).get(pk=obj.pk)
    if version is not None and locked.version != version:
        raise Conflict(_(STALE_MESSAGE), code="stale_version")
    return locked


def bump_version(obj: Any, version: int | None) -> None:
    """For plain edits: check the version as `lock` does and advance it (saved by the caller)."""
    locked = lock(obj, version)
    obj.version = locked.version + 1
    obj.save(update_fields=["version"])
