"""People of the demo sector: identities, careers (dated posts and units), moves at each
reorganisation, disciplines, retirements, leaves and periods of service."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from tdkt.demo import geo
from tdkt.demo.model import (
    HORIZON,
    ONE_DAY,
    YEARS,
    DDiscipline,
    DPerson,
    DUnit,
    Post,
    add_months,
    add_years,
    rand_day,
)
from tdkt.demo.names import NameMaker
from tdkt.demo.structure import Structure

REORG = geo.REORG_DAY
DEPUTY_KINDS = {"pho_vien_truong", "pho_vu_truong"}
LEADER_KINDS = {
    "vien_truong",
    "pho_vien_truong",
    "vu_truong",
    "pho_vu_truong",
    "truong_phong",
    "pho_truong_phong",
}

STAFF_MIX = {  # role → weight, per unit profile
    "ksv": {"ksv": 60, "ktv": 15, "cv": 13, "nv": 12},
    "admin": {"cv": 60, "ksv": 10, "ktv": 5, "nv": 25},
    "school": {"cv": 75, "ksv": 10, "nv": 15},
    "press": {"cv": 80, "nv": 20},
    "investig": {"cv": 75, "ksv": 10, "nv": 15},
}
CV_TITLES = {
    "ksv": ["Chuyên viên", "Kế toán viên", "Chuyên viên"],
    "admin": ["Chuyên viên", "Chuyên viên", "Kế toán viên", "Văn thư"],
    "school": ["Giảng viên", "Giảng viên", "Chuyên viên"],
    "press": ["Phóng viên", "Biên tập viên", "Phóng viên"],
    "investig": ["Điều tra viên sơ cấp", "Điều tra viên trung cấp"],
}
NV_TITLES = {
    False: ["Nhân viên lái xe", "Nhân viên lái xe", "Nhân viên bảo vệ", "Nhân viên kỹ thuật"],
    True: ["Nhân viên văn thư", "Nhân viên phục vụ", "Thủ quỹ", "Nhân viên lưu trữ"],
}
DISTRICT_BODIES = [
    "Tòa án nhân dân {d}",
    "Công an {d}",
    "Chi cục Thi hành án dân sự {d}",
    "Phòng Tư pháp {d}",
]
PROVINCE_BODIES = [
    "Tòa án nhân dân {p}",
    "Công an {p}",
    "Sở Tư pháp {p}",
    "Cục Thi hành án dân sự {p}",
]
DISCIPLINE_REASONS = [
    "Vi phạm quy định về thời hạn giải quyết tin báo, tố giác tội phạm và kiến nghị khởi tố",
    "Vi phạm quy chế nghiệp vụ trong kiểm sát điều tra vụ án hình sự",
    "Thiếu trách nhiệm trong kiểm sát việc giải quyết vụ án dân sự, để án bị hủy",
    "Vi phạm quy định về đạo đức công vụ, văn hóa công sở",
    "Để quá hạn kháng nghị phúc thẩm do thiếu trách nhiệm",
    "Vi phạm quy định về sử dụng rượu, bia trong giờ làm việc",
    "Vi phạm quy định về quản lý hồ sơ nghiệp vụ",
]
LEADER_REASON = (
    "Thiếu trách nhiệm trong quản lý, điều hành để xảy ra vi phạm nghiêm trọng tại đơn vị"
)
DISMISS_REASON = "Vi phạm đặc biệt nghiêm trọng, bị kết án phạt tù không được hưởng án treo"


class Staffing:
    def __init__(self, rng: random.Random, structure: Structure) -> None:
        self.rng = rng
        self.s = structure
        self.names = NameMaker()
        self.people: list[DPerson] = []
        self.disciplines: list[DDiscipline] = []
        self.cccds: set[str] = set()
        self.base_heads: set[int] = set()
        self.service: list[tuple[int, str, str, dt.date, dt.date | None]] = []
        self.heads: dict[int, list[tuple[dt.date, dt.date | None, int]]] = defaultdict(list)
        self.segments: dict[int, list[tuple[dt.date, dt.date | None, int, Post]]] = {}

    # -- people ------------------------------------------------------------------------------

    def build(self) -> None:
        for unit in self.s.units:
            if unit.staff > 0:
                self._staff_unit(unit)
        plan = self._plan_disciplines()
        self._process_events(plan)
        self._finish()
        self._leaves()
        self._service_periods()

    def _staff_unit(self, unit: DUnit) -> None:
        n = unit.staff
        small = self.s.small
        roles: list[str] = ["head"]
        if unit.kind in ("root", "prov"):
            roles += ["deputy"] * (n - 1)
        elif unit.kind == "dept":
            roles += ["deputy"] * (1 if small else (2 if n < 30 else 3))
            if not small:
                roles += ["tp", "ptp"] * (n // 15)
        elif unit.kind == "high":
            roles += ["deputy"] * (1 if small else 4)
            if not small:
                roles += ["tp", "ptp"] * 6
        elif unit.kind == "office":
            roles += [] if small else ["deputy"] * (1 if n < 8 else 2)
        elif unit.kind == "district":
            roles += ["deputy"] * (1 if n < 14 else 2)
        mix = STAFF_MIX[unit.profile]
        kinds, weights = list(mix), list(mix.values())
        if small and unit.kind in ("district", "office"):
            roles += ["ksv"] * (n - len(roles))
        while len(roles) < n:
            roles.append(self.rng.choices(kinds, weights)[0])
        for role in roles[: max(n, 1)]:
            self._new_person(unit, role)

    def _new_person(self, unit: DUnit, role: str) -> DPerson:
        rng = self.rng
        leader = role in ("head", "deputy", "tp", "ptp")
        female = rng.random() < (0.3 if role == "head" else 0.4 if leader else 0.47)
        while True:
            if role == "head":
                year = rng.randint(1971 if female else 1966, 1977)
            elif role == "deputy":
                year = rng.randint(1966, 1982)
            elif leader:
                year = rng.randint(1968, 1986)
            else:
                year = int(rng.triangular(1966, 2002, 1986))
            birth = rand_day(rng, dt.date(year, 1, 1), dt.date(year, 12, 28))
            age = rng.randint(23, 27) if leader else int(rng.triangular(22, 31, 24))
            recruited = rand_day(rng, add_years(birth, age), add_years(birth, age + 1))
            recruited = max(recruited, dt.date(1988, 8, 1))
            if recruited <= HORIZON - dt.timedelta(days=30):
                break
        region, home = unit.region, unit.cccd
        if unit.kind in ("root", "dept", "high"):
            origin = rng.choice(geo.PROVINCES)
            region, home = origin.region, origin.cccd
        elif rng.random() < 0.2:
            home = rng.choice(geo.PROVINCES).cccd
        full_name = self.names.full_name(rng, female=female, birth_year=year, region=region)
        person = DPerson(
            id=len(self.people) + 1,
            full_name=full_name,
            female=female,
            birth=birth,
            cccd=None,
            recruited=recruited,
            quality=rng.gauss(0, 1) + (0.5 if leader else 0.0),
            home_cccd=home,
        )
        if rng.random() >= 0.10:
            person.cccd = self._cccd(home, birth, female)
        self.people.append(person)
        home_unit = self.s.live(unit.id, recruited)
        person.add_unit(recruited, home_unit)
        self._career(person, self.s.unit(home_unit), role)
        if rng.random() < 0.15:
            self._prior_service(person, unit)
        self._retirement(person, role)
        return person

    def _cccd(self, home: str, birth: dt.date, female: bool) -> str:
        century = (0 if birth.year < 2000 else 2) + (1 if female else 0)
        while True:
            value = f"{home}{century}{birth.year % 100:02d}{self.rng.randint(0, 999999):06d}"
            if value not in self.cccds:
                self.cccds.add(value)
                return value

    def _ksv_post(self, unit: DUnit, recruited: dt.date) -> Post:
        rank = unit.ksv_rank
        senior = recruited.year <= 2002
        if rank == "sơ cấp" and senior and self.rng.random() < 0.5:
            rank = "trung cấp"
        elif rank == "trung cấp" and senior and self.rng.random() < 0.3:
            rank = "cao cấp"
        elif rank == "cao cấp" and not senior and self.rng.random() < 0.6:
            rank = "trung cấp"
        return Post("kiem_sat_vien", f"Kiểm sát viên {rank}")

    def _career(self, p: DPerson, unit: DUnit, role: str) -> None:
        rng = self.rng
        start = p.recruited
        if role == "nv":
            p.add_post(start, Post("nhan_vien", rng.choice(NV_TITLES[p.female])))
            return
        if role == "cv":
            title = rng.choice(CV_TITLES[unit.profile])
            if start.year <= 2005 and title in ("Chuyên viên", "Giảng viên"):
                title += " chính"
            p.add_post(start, Post("chuyen_vien", title))
            return
        if role == "ktv":
            title = "Kiểm tra viên chính" if start.year <= 2005 else "Kiểm tra viên"
            p.add_post(start, Post("kiem_tra_vien", title))
            return
        track = unit.profile == "ksv" or role == "ksv"
        first = (
            Post("kiem_tra_vien", "Kiểm tra viên") if track else Post("chuyen_vien", "Chuyên viên")
        )
        p.add_post(start, first)
        promoted = rand_day(rng, add_years(start, 3), add_years(start, 7))
        if track and promoted <= HORIZON:
            p.add_post(promoted, self._ksv_post(unit, start))
        if role == "ksv":
            return
        if role == "head":
            low = max(add_years(start, 8), dt.date(2005, 1, 1))
            day = rand_day(rng, low, max(low, dt.date(2015, 12, 31)))
            p.add_post(day, Post(unit.head_kind, unit.head_post, True))
            self.base_heads.add(p.id)
            return
        low = max(add_years(start, 6), dt.date(2006, 1, 1), promoted + ONE_DAY)
        late = dt.date(2015, 12, 31) if rng.random() < 0.6 else dt.date(2023, 12, 31)
        day = rand_day(rng, low, max(low, late))
        if day > HORIZON:
            return
        if role == "deputy":
            p.add_post(day, Post(unit.deputy_kind, unit.deputy_post))
        elif role == "tp":
            p.add_post(day, Post("truong_phong", "Trưởng phòng"))
        else:
            p.add_post(day, Post("pho_truong_phong", "Phó Trưởng phòng"))

    def _prior_service(self, p: DPerson, unit: DUnit) -> None:
        years = self.rng.randint(2, 8)
        start = add_years(p.recruited, -years)
        earliest = add_years(p.birth, 22)
        if start < earliest:
            start = earliest
        end = p.recruited - ONE_DAY
        if (end - start).days < 365:
            return
        place = self.s.unit(p.units[0][1])
        if place.kind == "district" and self.rng.random() < 0.7:
            district = place.name.split(",")[0].replace("Viện kiểm sát nhân dân ", "")
            org = self.rng.choice(DISTRICT_BODIES).format(d=district)
        else:
            slug = place.province if place.province in geo.PROVINCE_BY_SLUG else ""
            prov = geo.PROVINCE_BY_SLUG.get(slug) or self.rng.choice(geo.PROVINCES)
            org = self.rng.choice(PROVINCE_BODIES).format(p=prov.full)
        p.prior = (start, end, org)

    def _retirement(self, p: DPerson, role: str) -> None:
        """Women born 1966-1969 reach the rising retirement age before mid-2026 (Bộ luật Lao động
        2019: 55 years 4 months in 2021, four more months each year); a few others leave."""
        if role == "head":
            return
        if p.female and p.birth.year <= 1969:
            months = 660 + 4 * (p.birth.year - 1964)
            day = add_months(p.birth, months)
            p.left = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1) - ONE_DAY
            p.left_reason = "retired"
        elif self.rng.random() < 0.02:
            low = max(add_years(p.recruited, 1), dt.date(2016, 1, 1))
            if low < dt.date(2026, 3, 31):
                p.left = rand_day(self.rng, low, dt.date(2026, 3, 31))
                p.left_reason = "transfer"
        if p.left is not None and p.left <= p.recruited:
            p.left, p.left_reason = None, ""

    # -- history -----------------------------------------------------------------------------

    def _plan_disciplines(self) -> list[tuple[dt.date, int]]:
        plan = []
        for year in YEARS:
            pool = [
                p
                for p in self.people
                if p.id not in self.base_heads and p.active_on(dt.date(year, 6, 30))
            ]
            count = max(1, round(len(pool) * 0.007))
            for p in self.rng.sample(pool, min(count, len(pool))):
                day = rand_day(self.rng, dt.date(year, 2, 1), dt.date(year, 12, 20))
                plan.append((day, p.id))
        plan.sort()
        return plan

    def _process_events(self, plan: list[tuple[dt.date, int]]) -> None:
        by_day: dict[dt.date, list] = defaultdict(list)
        for move in self.s.moves:
            by_day[move.day].append(move)
        events: list[tuple[dt.date, int, int]] = [(d, 0, 0) for d in sorted(by_day)]
        events += [(d, 1, pid) for d, pid in plan]
        events.sort()
        for day, kind, pid in events:
            if kind == 0:
                self._apply_moves(day, by_day[day])
            else:
                self._apply_discipline(self.people[pid - 1], day)

    def _apply_moves(self, day: dt.date, moves: list) -> None:
        before = day - ONE_DAY
        pred_move = {pred: m for m in moves for pred in m.preds}
        moving: dict[int, list[DPerson]] = defaultdict(list)
        for p in self.people:
            if not p.active_on(day) or p.recruited >= day:
                continue
            unit = p.unit_on(before)
            if unit in pred_move:
                moving[id(pred_move[unit])].append(p)
        for move in moves:
            people = moving.get(id(move), [])
            succs = [self.s.unit(u) for u in move.succs]
            seat = move.preds[0]
            placed: dict[int, list[tuple[DPerson, Post]]] = defaultdict(list)
            for p in people:
                post = p.post_on(before)
                if len(succs) == 1 or post.head:
                    target = succs[0]
                else:
                    target = succs[self.rng.randrange(len(succs))]
                new = self._remap(post, target, p.unit_on(before) == seat, move.new_succ)
                if new.kind == "truong_phong" and any(
                    x.kind == "truong_phong" for _p, x in placed[target.id]
                ):
                    new = Post("pho_truong_phong", f"Phó {new.text}")
                p.add_unit(day, target.id)
                if new != post:
                    p.add_post(day, new)
                placed[target.id].append((p, new))
            if not move.new_succ:
                continue
            for target in succs:
                group = placed.get(target.id, [])
                if group and not any(post.head for _p, post in group):
                    ranked = sorted(
                        group,
                        key=lambda x: (x[1].kind not in DEPUTY_KINDS, x[0].recruited, x[0].id),
                    )
                    chosen = ranked[0][0]
                    chosen.add_post(day, Post(target.head_kind, target.head_post, True))

    def _remap(self, post: Post, target: DUnit, seat: bool, new_succ: bool) -> Post:
        if post.head:
            if new_succ and seat:
                return Post(target.head_kind, target.head_post, True)
            if target.kind == "office":
                return Post("pho_truong_phong", target.deputy_post)
            return Post(target.deputy_kind, target.deputy_post)
        if post.kind in DEPUTY_KINDS:
            if target.kind == "dept" and not new_succ:
                return Post("truong_phong", "Trưởng phòng Thi đua - Khen thưởng")
            return Post(target.deputy_kind, target.deputy_post)
        if post.kind == "truong_phong" and target.kind == "dept" and not new_succ:
            return Post("pho_truong_phong", "Phó Trưởng phòng Thi đua - Khen thưởng")
        return post

    def _apply_discipline(self, p: DPerson, day: dt.date) -> None:
        if not p.active_on(day):
            return
        rng = self.rng
        post = p.post_on(day)
        if post.head:
            return
        leader = post.kind in LEADER_KINDS
        if day < REORG:
            levels = [
                "khien_trach",
                "canh_cao",
                "ha_bac_luong",
                "giang_chuc",
                "cach_chuc",
                "buoc_thoi_viec",
            ]
            level = rng.choices(levels, [52, 32, 5, 3, 4, 4])[0]
            if level in ("giang_chuc", "cach_chuc") and not leader:
                level = rng.choice(["khien_trach", "canh_cao"])
        else:
            levels = ["khien_trach", "canh_cao", "cach_chuc", "buoc_thoi_viec"]
            level = rng.choices(levels, [55, 32, 8, 5])[0]
            if level == "cach_chuc" and not leader:
                level = "canh_cao"
        reason = rng.choice(DISCIPLINE_REASONS)
        ends: dt.date | None = add_months(day, 12) - ONE_DAY
        if level in ("giang_chuc", "cach_chuc"):
            ends = add_months(day, 18) - ONE_DAY
            reason = LEADER_REASON
            unit = self.s.unit(p.unit_on(day))
            p.add_post(
                day,
                self._ksv_post(unit, p.recruited)
                if unit.profile == "ksv"
                else Post("chuyen_vien", "Chuyên viên"),
            )
        elif level == "buoc_thoi_viec":
            ends = None
            reason = DISMISS_REASON
            p.left = day + dt.timedelta(days=rng.randint(5, 30))
            p.left_reason = "dismissed"
        unit = self.s.unit(p.unit_on(day))
        issuer = self.s.unit(unit.prov_id) if unit.prov_id else self.s.unit(self.s.root)
        suffix = "QĐ-VKSTC" if issuer.kind == "root" else "QĐ-VKS"
        number = f"{rng.randint(5, 300)}/{suffix}"
        self.disciplines.append(DDiscipline(p.id, level, day, ends, number, reason))

    def _finish(self) -> None:
        for p in self.people:
            if p.left is not None:
                p.units = [(d, u) for d, u in p.units if d <= p.left]
                keep = [i for i, d in enumerate(p.post_days) if d <= p.left]
                p.post_days = [p.post_days[i] for i in keep]
                p.post_vals = [p.post_vals[i] for i in keep]
            segs = p.segments()
            self.segments[p.id] = segs
            for start, stop, unit, post in segs:
                if post.head:
                    self.heads[unit].append((start, stop, p.id))

    def head_on(self, unit_id: int, day: dt.date) -> int | None:
        for start, stop, pid in self.heads.get(unit_id, []):
            if start <= day and (stop is None or day <= stop):
                return pid
        return None

    # -- leaves and service ------------------------------------------------------------------

    def _leaves(self) -> None:
        rng = self.rng
        for p in self.people:
            taken: list[tuple[dt.date, dt.date]] = []
            births = 0
            for year in YEARS:
                if not p.active_on(dt.date(year, 6, 30)):
                    continue
                age = year - p.birth.year
                draws = []
                if p.female and 23 <= age <= 40 and births < 2 and rng.random() < 0.06:
                    draws.append(("thai_san", 183))
                if rng.random() < 0.02:
                    draws.append(("om", rng.randint(20, 150)))
                if rng.random() < 0.01:
                    draws.append(("hoc_tap", rng.randint(60, 300)))
                if rng.random() < 0.003:
                    draws.append(("khong_luong", rng.randint(30, 180)))
                if rng.random() < 0.002:
                    draws.append(("biet_phai", rng.randint(180, 720)))
                if rng.random() < 0.0005:
                    draws.append(("dieu_tri_thuong", rng.randint(30, 120)))
                for kind, days in draws:
                    start = rand_day(rng, dt.date(year, 1, 2), dt.date(year, 11, 15))
                    start = max(start, p.recruited + ONE_DAY)
                    end = start + dt.timedelta(days=days - 1)
                    limit = p.left or HORIZON
                    if end > limit:
                        end = limit
                    if end < start or any(a <= end and start <= b for a, b in taken):
                        continue
                    taken.append((start, end))
                    p.leaves.append((kind, start, end))
                    births += kind == "thai_san"
            p.leaves.sort(key=lambda x: x[1])

    def _service_periods(self) -> None:
        for p in self.people:
            if p.prior is not None:
                start, end, org = p.prior
                self.service.append((p.id, "other_legal", org, start, end))
            self.service.append((p.id, "procuracy", "Ngành Kiểm sát nhân dân", p.recruited, p.left))
