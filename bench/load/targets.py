"""What the load test clicks on, read from the database by the project's own environment.

Run with the project's interpreter (`.venv/bin/python bench/load/targets.py`), never with the load
test's: it prints, as JSON, the demo accounts of each persona and the ids of the pages they open
(the sector and a province, people, movements, a council sitting), each one visible to the
persona that opens it. `--prepare` first creates the PostgreSQL database if it is missing,
migrates it and builds the full demo sector into it once (`tdkt demo --keep-existing`).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "demo12345"  # the demo's one password (tdkt.demo.writer.PASSWORD), `tdkt demo` prints it
# Who clicks: the sector's administrator and officer; a province's officer and its head.
SECTOR_ACCOUNTS = ["quantri", "tdkt.vkstc"]
PROVINCE_ACCOUNTS = ["tdkt.quangtri", "lanhdao.quangtri"]
SAMPLE = 40


def create_database(url: str) -> None:
    """CREATE DATABASE when the one DATABASE_URL names does not exist (PostgreSQL only)."""
    import dj_database_url
    import psycopg
    from psycopg import sql

    conf = dj_database_url.parse(url)
    if "postgresql" not in conf["ENGINE"]:
        return
    params = {
        "host": conf["HOST"] or None,
        "port": conf["PORT"] or None,
        "user": conf["USER"] or None,
        "password": conf["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [conf["NAME"]])
        if found.fetchone() is None:
            print(f"creating database {conf['NAME']}", file=sys.stderr)
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(conf["NAME"])))


def prepare() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("demo", "--size", "full", "--keep-existing", stdout=sys.stderr)


def _ids(qs: Any, n: int = SAMPLE, step: int = 1) -> list[int]:
    return list(qs.order_by("pk").values_list("pk", flat=True)[: n * step : step])


def targets() -> dict[str, Any]:
    from tdkt.accounts.models import User
    from tdkt.council.selectors import councils_for, meetings_for
    from tdkt.movements.selectors import movements_for
    from tdkt.org.models import Unit
    from tdkt.people.models import Person
    from tdkt.workflow.access import can, restrict_people, restrict_units

    def account(username: str) -> dict[str, Any]:
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            sys.exit(f"demo account {username} missing (build the demo: tdkt demo --size full)")
        unit = user.grants.order_by("pk").values_list("unit_id", flat=True).first()
        # A council sitting's page; a council's own page where the demo held no sitting yet.
        council = [f"/hoi-dong/phien-hop/{pk}/" for pk in _ids(meetings_for(user), 10)]
        council = council or [f"/hoi-dong/{pk}/" for pk in _ids(councils_for(user), 10)]
        return {
            "username": username,
            "unit": unit,
            "edits": can(user, "edit", unit),  # the year's facts grid is for those who edit
            # Unit pages of the user's subtree, not the sector's root: its page (the whole
            # sector's ledger panel) takes minutes: it would jam every worker model alike.
            "units": _ids(restrict_units(user, Unit.objects.exclude(parent=None)), 20, step=13),
            "people": _ids(restrict_people(user, Person.objects.all()), step=7),
            "movements": _ids(movements_for(user), 10),
            "council": council,
        }

    return {
        "password": PASSWORD,
        "sector": [account(n) for n in SECTOR_ACCOUNTS],
        "province": [account(n) for n in PROVINCE_ACCOUNTS],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--prepare", action="store_true", help="create, migrate, build the demo")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt.settings")
    if args.prepare:
        create_database(os.environ.get("DATABASE_URL", ""))
    import django

    django.setup()
    if args.prepare:
        prepare()
    print(json.dumps(targets()))


if __name__ == "__main__":
    main()
