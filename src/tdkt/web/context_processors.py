from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from tdkt.workflow.access import access_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    """What the menu may offer this user; every target view checks again."""
    access = access_for(request.user)
    return {
        "nav": {
            "view": access.can("view"),
            "import": access.can("import"),
            "audit": access.can("audit"),
            "accounts": access.can("accounts"),
            "fund": access.can("fund.view"),
            "staff_only": bool(access.person_id) and not access.can("view"),
            "person_id": access.person_id,
        }
    }
