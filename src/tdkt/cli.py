"""`tdkt`: the one entry point. Our own commands (serve, demo, import, eligibility) are Django
management commands, so `tdkt <command>` is exactly `manage.py <command>`."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    execute_from_command_line(["tdkt", *(args or ["help"])])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
