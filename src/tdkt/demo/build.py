"""`build_demo`: the whole demo sector, deterministically from a seed, in one transaction."""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction

from tdkt.accounts.models import Role
from tdkt.audit.services import record
from tdkt.dbstats import refresh_statistics
from tdkt.demo import writer
from tdkt.demo.council import build_councils
from tdkt.demo.examples import build_examples
from tdkt.demo.funds import build_funds
from tdkt.demo.inspections import build_inspections
from tdkt.demo.ledger import Ledger
from tdkt.demo.movements import build_movements
from tdkt.demo.nominations import build_nominations
from tdkt.demo.staff import Staffing
from tdkt.demo.structure import Structure
from tdkt.movements.models import Movement
from tdkt.org.models import Unit
from tdkt.org.services import rebuild_scope

DEFAULT_SEED = 20250701
SIZES = ("full", "small")


class DemoDataExists(Exception):
    """The database already holds data and no reset was asked for."""

    def __init__(self, found: dict[str, int]) -> None:
        self.found = found
        super().__init__(found)


def fmt_int(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def fmt_seconds(seconds: float) -> str:
    return f"{seconds:.1f}".replace(".", ",")


@dataclass
class Result:
    size: str
    seed: int
    seconds: float
    counts: dict[str, int]
    awards: dict[str, int]
    accounts: list[writer.Account] = field(default_factory=list)


def build_demo(
    *,
    size: str = "full",
    seed: int = DEFAULT_SEED,
    reset: bool = False,
    say: Callable[[str], None] = print,
) -> Result:
    if size not in SIZES:
        raise ValueError(size)
    started = time.perf_counter()
    rng = random.Random(f"tdkt-demo-{size}-{seed}")
    lap = [started]

    def stage(message: str) -> None:
        now = time.perf_counter()
        say(f"  {message} ({fmt_seconds(now - lap[0])} giây)")
        lap[0] = now

    with transaction.atomic():
        if reset:
            writer.empty_domain_tables()
            stage("Đã xóa dữ liệu cũ")
        else:
            found = writer.existing_data()
            if found:
                raise DemoDataExists(found)
        # Ids start right after the rows present (none), whatever earlier transactions took from
        # PostgreSQL's sequences: the same seed gives the same ids.
        writer.reset_sequences(writer.domain_models())
        structure = Structure(rng, small=size == "small")
        structure.build()
        active = sum(1 for u in structure.units if u.dissolved is None)
        stage(
            f"Cơ cấu tổ chức: {fmt_int(len(structure.units))} đơn vị "
            f"({fmt_int(active)} đang hoạt động), {fmt_int(len(structure.successions))} "
            "quan hệ kế thừa"
        )
        staffing = Staffing(rng, structure)
        staffing.build()
        stage(
            f"Cán bộ: {fmt_int(len(staffing.people))} người, "
            f"{fmt_int(sum(len(s) for s in staffing.segments.values()))} chức vụ, "
            f"{fmt_int(len(staffing.disciplines))} kỷ luật"
        )
        ledger = Ledger(rng, structure, staffing)
        ledger.build()
        stage(
            f"Hồ sơ 2016–2025: {fmt_int(len(ledger.rating) + len(ledger.urating))} xếp loại, "
            f"{fmt_int(len(ledger.entries))} mục khen thưởng, "
            f"{fmt_int(len(ledger.decisions))} quyết định, "
            f"{fmt_int(len(ledger.initiatives))} sáng kiến, đề tài"
        )
        out = writer.Writer(structure, staffing, ledger, say)
        out.write()
        stage("Đã ghi vào cơ sở dữ liệu")
        scope_rows = rebuild_scope()
        stage(f"Phạm vi truy cập: {fmt_int(scope_rows)} dòng")
        accounts = writer.pick_accounts(structure, staffing)
        password_hash = writer.demo_password_hash()
        writer.create_accounts(accounts, structure, password_hash)
        stage(f"Tài khoản: {len(accounts)}")
        emulation = build_movements(size=size, seed=seed)
        stage(
            f"Phong trào thi đua: {fmt_int(emulation.get('movements', 0))} phong trào, "
            f"{fmt_int(emulation.get('registration_lines', 0))} dòng đăng ký, "
            f"{fmt_int(emulation.get('scores', 0))} điểm chấm"
        )
        councils = build_councils(password_hash)
        stage(
            f"Hội đồng Thi đua - Khen thưởng: {fmt_int(councils['councils'])} hội đồng, "
            f"{fmt_int(councils['council_members'])} thành viên, "
            f"{fmt_int(councils['council_accounts'])} tài khoản thành viên mới"
        )
        nominations = build_nominations(size, seed)
        stage(
            f"Hồ sơ đề nghị khen thưởng: {fmt_int(nominations['dossiers'])} hồ sơ, "
            f"{fmt_int(nominations['dossier_candidates'])} người được đề nghị, "
            f"{fmt_int(nominations['comment_periods'])} đợt lấy ý kiến"
        )
        publicity = build_examples(size=size, seed=seed)
        stage(
            f"Điển hình tiên tiến: {fmt_int(publicity.get('examples', 0))} "
            f"({fmt_int(publicity.get('examples_published', 0))} đã công bố), "
            f"{fmt_int(publicity.get('published_decisions', 0))} quyết định công bố"
        )
        inspections = build_inspections(size=size, seed=seed)
        stage(f"Kiểm tra công tác thi đua: {fmt_int(inspections.get('inspections', 0))} cuộc")
        stage(build_funds(size=size, seed=seed))
        counts = {
            **out.counts,
            "unit_scope": scope_rows,
            "users": len(accounts),
            **emulation,
            **councils,
            **nominations,
            **publicity,
            **inspections,
            # The registry adds the 2021 COVID-19 special movement its examples belong to.
            "movements": Movement.objects.count(),
        }
        awards = dict(sorted(Counter(e.award for e in ledger.entries).items()))
        root = Unit.objects.get(code="vkstc")
        record(
            actor=None,
            action="demo.built",
            obj=root,
            after={"size": size, "seed": seed, "counts": counts, "awards": awards},
            unit_id=root.pk,
        )
    refresh_statistics()
    seconds = time.perf_counter() - started
    return Result(size, seed, seconds, counts, awards, accounts)


def summary_lines(result: Result) -> list[str]:
    c = result.counts
    lines = [
        f"Đã dựng dữ liệu mẫu trong {fmt_seconds(result.seconds)} giây "
        f"(cỡ {result.size}, hạt giống {result.seed}).",
        f"  Đơn vị: {fmt_int(c['units'])} (tên theo thời gian: {fmt_int(c['unit_names'])}, "
        f"kế thừa: {fmt_int(c['successions'])})",
        f"  Cán bộ: {fmt_int(c['people'])}; chức vụ: {fmt_int(c['positions'])}; "
        f"thời gian công tác: {fmt_int(c['service_periods'])}",
        f"  Xếp loại: {fmt_int(c['ratings_people'])} cá nhân, {fmt_int(c['ratings_units'])} "
        f"tập thể; kỷ luật: {fmt_int(c['disciplines'])}; nghỉ: {fmt_int(c['leaves'])}",
        f"  Sáng kiến, đề tài: {fmt_int(c['initiatives'])}; quyết định khen thưởng: "
        f"{fmt_int(c['decisions'])}; mục khen thưởng: {fmt_int(c['award_entries'])}",
        "  " + ", ".join(f"{k} {fmt_int(v)}" for k, v in result.awards.items()),
        f"  Cụm, khối thi đua: {fmt_int(c['clusters'])}; phạm vi truy cập: "
        f"{fmt_int(c['unit_scope'])}",
        f"  Phong trào thi đua: {fmt_int(c.get('movements', 0))}; bản đăng ký: "
        f"{fmt_int(c.get('registrations', 0))} ({fmt_int(c.get('registration_lines', 0))} dòng); "
        f"điểm chấm của cụm, khối: {fmt_int(c.get('scores', 0))}",
        f"  Điển hình tiên tiến: {fmt_int(c.get('examples', 0))} "
        f"({fmt_int(c.get('examples_published', 0))} đã công bố); quyết định công bố: "
        f"{fmt_int(c.get('published_decisions', 0))}",
        f"  Hồ sơ đề nghị khen thưởng: {fmt_int(c.get('dossiers', 0))} "
        f"({fmt_int(c.get('dossier_candidates', 0))} người được đề nghị); đang lấy ý kiến: "
        f"{fmt_int(c.get('comment_periods', 0))} đợt; góp ý: "
        f"{fmt_int(c.get('public_comments', 0))}",
        "",
    ]
    return lines + account_lines(result.accounts)


def account_lines(accounts: list[writer.Account]) -> list[str]:
    if not accounts:
        return ["Không có tài khoản dùng thử nào trong cơ sở dữ liệu."]
    lines = [f"Tài khoản dùng thử (mật khẩu ban đầu: {writer.PASSWORD}):"]
    width = max(len("Tên đăng nhập"), *(len(a.username) for a in accounts))
    roles = {a.role: str(Role(a.role).label) for a in accounts}
    rwidth = max(len(r) for r in roles.values())
    lines.append(f"  {'Tên đăng nhập'.ljust(width)}  {'Vai trò'.ljust(rwidth)}  Đơn vị — cán bộ")
    for a in accounts:
        who = "" if a.person_id is None else f" — {a.full_name}"
        if a.person_unit and a.person_unit != a.unit_name:
            who += f" ({a.person_unit})"
        lines.append(
            f"  {a.username.ljust(width)}  {roles[a.role].ljust(rwidth)}  {a.unit_name}{who}"
        )
    return lines
