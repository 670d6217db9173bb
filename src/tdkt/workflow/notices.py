"""The notification hook: a move (or any service) hands a `Notice` to `send`, which passes it to
the sink `settings.TDKT_NOTIFIER` names (the notifications app writes it to the recipients'
inboxes and mails a copy after the commit). The actor is never notified of his or her own act."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Notice:
    recipients: Iterable[Any]
    action: str  # the audit action it follows ("dossier.returned")
    text: str
    link: str = ""


def send(notice: Notice, *, actor: Any = None) -> int:
    actor_pk = getattr(actor, "pk", None)
    recipients = [u for u in notice.recipients if u is not None and u.pk != actor_pk]
    return _sink()(recipients=recipients, action=notice.action, text=notice.text, link=notice.link)


@functools.cache
def _sink() -> Callable[..., int]:
    return import_string(settings.TDKT_NOTIFIER)  # type: ignore[no-any-return]
