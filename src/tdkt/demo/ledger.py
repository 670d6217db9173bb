"""Ten years of records: ratings, initiatives, the award ledger and its decisions, clusters.

The draws follow the rules of legal-facts.md closely enough that an eligibility engine finds a
realistic mix: LĐTT needs HTT or better, no discipline, six (before 2024: ten) months of service
and no long non-exempt leave; CSTĐCS needs LĐTT and HTXS, and before 2024 also an initiative; a
unit head's CSTĐCS needs the unit rated HTXS; CSTĐ ngành follows three consecutive CSTĐCS not
already used, with a sector-wide initiative; TTLĐTT needs 50 % (from 2024: 70 %) of members LĐTT
and no member disciplined at cảnh cáo or above; TTLĐXS is capped at 20 % of the TTLĐTT units of
each proposing level; Cờ thi đua ngành goes to the best TTLĐXS unit of a cluster; Bằng khen of the
Prime Minister follows a Bằng khen ngành and five good years with three CSTĐCS; the commemorative
medal comes once, after 15 years of service (at least 5 in the procuracy)."""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import defaultdict

from tdkt.demo import geo
from tdkt.demo.model import (
    HORIZON,
    YEARS,
    DCluster,
    DDecision,
    DEntry,
    DInitiative,
    rand_day,
    year_end,
)
from tdkt.demo.staff import LEADER_KINDS, Staffing
from tdkt.demo.structure import Structure

RANK = {"KHT": 0, "HT": 1, "HTT": 2, "HTXS": 3}
SEVERITY = {
    "khien_trach": 0,
    "canh_cao": 1,
    "ha_bac_luong": 2,
    "giang_chuc": 3,
    "cach_chuc": 4,
    "buoc_thoi_viec": 5,
}
TITLES = {"LDTT", "CSTDCS", "CSTD_NGANH", "CSTD_TQ", "TTLDTT", "TTLDXS", "CO_NGANH", "CO_CP"}
COLLECTIVE_KINDS = ("office", "district", "regional", "prov", "dept", "high", "newhigh")
STATE_PM = "Thủ tướng Chính phủ"
STATE_PRESIDENT = "Chủ tịch nước"

SUMMARIES = {
    "LDTT": 'Về việc công nhận danh hiệu "Lao động tiên tiến" năm {y}',
    "CSTDCS": 'Về việc công nhận danh hiệu "Chiến sĩ thi đua cơ sở" năm {y}',
    "CSTD_NGANH": 'Về việc tặng danh hiệu "Chiến sĩ thi đua ngành Kiểm sát nhân dân" năm {y}',
    "CSTD_TQ": 'Về việc tặng danh hiệu "Chiến sĩ thi đua toàn quốc"',
    "TTLDTT": 'Về việc công nhận danh hiệu "Tập thể lao động tiên tiến" năm {y}',
    "TTLDXS": 'Về việc tặng danh hiệu "Tập thể lao động xuất sắc" năm {y}',
    "CO_NGANH": "Về việc tặng Cờ thi đua của ngành Kiểm sát nhân dân năm {y}",
    "CO_CP": "Về việc tặng Cờ thi đua của Chính phủ năm {y}",
    "GIAY_KHEN": "Về việc tặng Giấy khen cho tập thể, cá nhân có thành tích xuất sắc năm {y}",
    "BK_NGANH": "Về việc tặng Bằng khen của Viện trưởng Viện kiểm sát nhân dân tối cao cho tập "
    "thể, cá nhân có thành tích xuất sắc năm {y}",
    "BK_TTG": "Về việc tặng Bằng khen của Thủ tướng Chính phủ",
    "HCLD_3": "Về việc tặng thưởng Huân chương Lao động",
    "KNC_VSNKS": 'Về việc tặng Kỷ niệm chương "Vì sự nghiệp Kiểm sát" năm {y}',
}
COVID_SUMMARY = (
    "Về việc tặng Bằng khen cho tập thể, cá nhân có thành tích xuất sắc trong phong trào thi đua "
    '"Cả nước đoàn kết, chung sức, đồng lòng thi đua phòng, chống và chiến thắng đại dịch COVID-19"'
)
REVOCATION_REASON = (
    "Vi phạm xảy ra trong năm {y} được phát hiện và xử lý kỷ luật sau khi đã được công nhận; "
    "cá nhân không đủ tiêu chuẩn danh hiệu tại thời điểm xét"
)
INITIATIVE_TOPICS = [
    "Giải pháp nâng cao chất lượng tranh tụng của Kiểm sát viên tại phiên tòa hình sự",
    "Nâng cao chất lượng kiểm sát việc tiếp nhận, giải quyết nguồn tin về tội phạm",
    "Ứng dụng công nghệ thông tin trong quản lý, theo dõi án hình sự",
    "Kỹ năng xây dựng đề cương xét hỏi tại phiên tòa sơ thẩm",
    "Nâng cao hiệu quả kiểm sát việc tạm giữ, tạm giam và thi hành án hình sự",
    "Giải pháp hạn chế án hình sự bị hủy, sửa do lỗi chủ quan",
    "Số hóa hồ sơ kiểm sát và lưu trữ điện tử",
    "Nâng cao chất lượng kiểm sát giải quyết vụ việc dân sự, hôn nhân và gia đình",
    "Nâng cao chất lượng kháng nghị phúc thẩm án hình sự",
    "Kỹ năng kiểm sát thi hành án dân sự",
    "Phối hợp liên ngành trong giải quyết án ma túy",
    "Nâng cao chất lượng xây dựng báo cáo án, kiến nghị phòng ngừa vi phạm",
    "Kỹ năng kiểm sát hoạt động hỏi cung bị can có ghi âm, ghi hình",
    "Mô hình phiên tòa rút kinh nghiệm trực tuyến",
    "Giải pháp giải quyết đơn khiếu nại, tố cáo trong hoạt động tư pháp đúng hạn",
]
RESEARCH_TOPICS = [
    "Thực tiễn áp dụng thủ tục rút gọn trong tố tụng hình sự và giải pháp",
    "Kiểm sát việc giải quyết các vụ án hành chính: thực trạng và giải pháp",
    "Nâng cao chất lượng thực hành quyền công tố đối với tội phạm sử dụng công nghệ cao",
    "Chuyển đổi số trong hoạt động của Viện kiểm sát nhân dân",
    "Trách nhiệm hình sự của pháp nhân thương mại: thực tiễn và kiến nghị",
]


class Ledger:
    def __init__(self, rng: random.Random, structure: Structure, staffing: Staffing) -> None:
        self.rng = rng
        self.s = structure
        self.st = staffing
        self.people = staffing.people
        self.rating: dict[tuple[int, int], str] = {}
        self.score: dict[tuple[int, int], float] = {}
        self.urating: dict[tuple[int, int], str] = {}
        self.uscore: dict[tuple[int, int], float] = {}
        self.members: dict[int, dict[int, list[int]]] = {}  # year → unit → person ids
        self.punit: dict[int, dict[int, int]] = {}  # year → person → unit
        self.collectives: dict[int, list[int]] = {}  # year → units evaluated as collectives
        self.disc_year: dict[tuple[int, int], int] = {}  # (person, year) → max severity
        self.decisions: list[DDecision] = []
        self.decision_by_key: dict[tuple, DDecision] = {}
        self.entries: list[DEntry] = []
        self.held: dict[tuple[str, int, int], DEntry] = {}  # (award, person, year)
        self.uheld: dict[tuple[str, int, int], DEntry] = {}  # (award, unit, year)
        self.initiatives: list[DInitiative] = []
        self.clusters: list[DCluster] = []
        self.cluster_members: dict[int, list[tuple[str, list[int]]]] = {}

    # -- helpers -----------------------------------------------------------------------------

    def group_of(self, unit_id: int) -> int:
        """The unit whose head decides the titles of this unit's staff."""
        unit = self.s.unit(unit_id)
        if unit.kind in ("office", "district", "regional", "prov"):
            return unit.prov_id  # type: ignore[return-value]
        return unit.id

    def decision(self, issuer: int | str, award: str, year: int, tag: str = "") -> DDecision:
        key = (issuer, award, year, tag)
        found = self.decision_by_key.get(key)
        if found is None:
            found = DDecision(id=len(self.decisions) + 1, key=key)
            self.decisions.append(found)
            self.decision_by_key[key] = found
        return found

    def award(
        self,
        award: str,
        year: int,
        issuer: int | str,
        *,
        person: int | None = None,
        unit: int | None = None,
        tag: str = "",
    ) -> DEntry:
        decision = self.decision(issuer, award, year, tag)
        entry = DEntry(
            id=len(self.entries) + 1,
            award=award,
            kind="title" if award in TITLES else "form",
            person=person,
            unit=unit,
            year=year,
            decision=decision.id,
        )
        self.entries.append(entry)
        if person is not None:
            assert (award, person, year) not in self.held, (award, person, year)
            self.held[(award, person, year)] = entry
        else:
            assert (award, unit, year) not in self.uheld, (award, unit, year)
            self.uheld[(award, unit, year)] = entry  # type: ignore[index]
        return entry

    def has(self, award: str, person: int, year: int) -> bool:
        return (award, person, year) in self.held

    def uhas(self, award: str, unit: int, year: int) -> bool:
        return (award, unit, year) in self.uheld

    def initiative(
        self,
        year: int,
        authors: list[int],
        scope: str,
        *,
        kind: str = "sang_kien",
        used_for: int | None = None,
        issuer: str = "",
    ) -> DInitiative:
        rng = self.rng
        first = self.people[authors[0] - 1]
        unit = self.s.unit(self.punit[year].get(first.id) or first.units[0][1])
        if kind == "de_tai":
            title = rng.choice(RESEARCH_TOPICS)
            code = f"DT-{year}-{len(self.initiatives) + 1:05d}"
        else:
            title = f"{rng.choice(INITIATIVE_TOPICS)} tại {unit.name_on(year_end(year))[1]}"
            code = f"SK-{year}-{len(self.initiatives) + 1:05d}"
        if scope == "nganh":
            title = f"{title.split(' tại ')[0]} trong ngành Kiểm sát nhân dân"
        elif scope == "toan_quoc":
            title = f"{title.split(' tại ')[0]} (áp dụng toàn quốc)"
        if not issuer:
            group = self.s.unit(self.group_of(unit.id))
            issuer = f"QĐ-{group.abbr or 'VKS'}"
        item = DInitiative(
            id=len(self.initiatives) + 1,
            code=code,
            kind=kind,
            title=title[:300],
            scope=scope,
            year=year,
            recognized=rand_day(rng, dt.date(year, 9, 15), dt.date(year, 11, 25)),
            decision=f"{rng.randint(20, 400)}/{issuer}",
            authors=authors,
            used_for=used_for,
        )
        self.initiatives.append(item)
        return item

    # -- build -------------------------------------------------------------------------------

    def build(self) -> None:
        self._memberships()
        self._ratings()
        self._unit_ratings()
        self._cluster_members()
        self.spare: dict[int, list[DInitiative]] = defaultdict(list)  # unused, per author
        for year in YEARS:
            self._individual_titles(year)
            self._individual_forms(year)
            self._collectives(year)
        self._knc()
        self._clusters()
        self._revocations()
        self._finalise_decisions()

    def _memberships(self) -> None:
        for d in self.st.disciplines:
            key = (d.person, d.decided.year)
            self.disc_year[key] = max(self.disc_year.get(key, -1), SEVERITY[d.level])
        for year in YEARS:
            day = year_end(year)
            members: dict[int, list[int]] = defaultdict(list)
            punit: dict[int, int] = {}
            for p in self.people:
                if p.active_on(day):
                    unit = p.unit_on(day)
                    members[unit].append(p.id)
                    punit[p.id] = unit
            self.members[year] = members
            self.punit[year] = punit
            dec31 = dt.date(year, 12, 31)
            self.collectives[year] = [
                u.id
                for u in self.s.units
                if u.kind in COLLECTIVE_KINDS and u.active_on(dec31) and u.active_on(day)
            ]

    def unit_members(self, unit_id: int, year: int) -> list[int]:
        unit = self.s.unit(unit_id)
        direct = list(self.members[year].get(unit_id, []))
        if unit.kind == "prov":
            for (prov, _slug), office in self.s.offices.items():
                if prov == unit_id:
                    direct += self.members[year].get(office, [])
        return direct

    def _ratings(self) -> None:
        rng = self.rng
        for year in YEARS:
            for pid in sorted(self.punit[year]):
                p = self.people[pid - 1]
                score = 0.8 * p.quality + 0.6 * rng.gauss(0, 1)
                self.score[(pid, year)] = score
                if (pid, year) in self.disc_year:
                    code = "KHT"
                elif score > 0.95:
                    code = "HTXS"
                elif score > -0.98:
                    code = "HTT"
                elif score > -2.25:
                    code = "HT"
                else:
                    code = "KHT"
                if p.recruited.year == year and code == "HTXS":
                    code = "HTT"
                self.rating[(pid, year)] = code

    def _unit_ratings(self) -> None:
        rng = self.rng
        for year in YEARS:
            scored = []
            for uid in self.collectives[year]:
                unit = self.s.unit(uid)
                members = self.unit_members(uid, year)
                mean = sum(self.score[(m, year)] for m in members) / len(members) if members else 0
                score = 0.6 * mean + 0.5 * unit.quality + 0.4 * rng.gauss(0, 1)
                self.uscore[(uid, year)] = score
                scored.append((score, uid))
            scored.sort(key=lambda x: (-x[0], x[1]))
            n = len(scored)
            for i, (_score, uid) in enumerate(scored):
                share = (i + 0.5) / n
                code = (
                    "HTXS"
                    if share < 0.30
                    else "HTT"
                    if share < 0.90
                    else ("HT" if share < 0.99 else "KHT")
                )
                members = self.unit_members(uid, year)
                if code == "HTXS" and any(self.disc_year.get((m, year), -1) >= 1 for m in members):
                    code = "HTT"
                self.urating[(uid, year)] = code

    def _cluster_members(self) -> None:
        """Members of each cluster and block, per year (before the heads are chosen)."""
        for year in YEARS:
            specs = geo.CLUSTERS_2025 if year == 2025 else geo.CLUSTERS_BEFORE_2025
            provs = self.s.new_prov if year == 2025 else self.s.old_prov
            groups: list[tuple[str, list[int]]] = []
            orphans: list[tuple[str, list[int]]] = []
            for spec in specs:
                ids = [provs[m] for m in spec.members if m in provs]
                (groups if len(ids) >= 2 else orphans).append((spec.name, ids))
            loose = [i for _n, ids in orphans for i in ids]
            if loose:
                if groups:
                    groups[0][1].extend(loose)
                elif len(loose) >= 2:
                    groups.append((next(n for n, ids in orphans if ids), loose))
            dec31 = dt.date(year, 12, 31)
            depts = [
                u
                for u in self.s.depts.values()
                if self.s.unit(u).active_on(dec31) and self.s.unit(u).level != "quan_su"
            ]
            if year == 2025:
                depts += self.s.new_highs
            else:
                groups.append((geo.KHOI_HIGH, list(self.s.highs)))
            groups.append((geo.KHOI_DEPARTMENTS, depts))
            self.cluster_members[year] = groups

    # -- individual titles -------------------------------------------------------------------

    def _ldtt_eligible(self, pid: int, year: int) -> bool:
        if RANK[self.rating[(pid, year)]] < RANK["HTT"] or (pid, year) in self.disc_year:
            return False
        p = self.people[pid - 1]
        needed = dt.date(year, 5, 31) if year >= 2024 else dt.date(year, 1, 31)
        if p.recruited > needed:
            return False
        start, stop = dt.date(year, 1, 1), dt.date(year, 12, 31)
        off = 0
        for kind, a, b in p.leaves:
            if kind in ("om", "khong_luong") and a <= stop and b >= start:
                off += (min(b, stop) - max(a, start)).days + 1
        return off < 90

    def _individual_titles(self, year: int) -> None:
        rng = self.rng
        punit = self.punit[year]
        ldtt: dict[int, list[int]] = defaultdict(list)  # group → person ids
        for uid, members in sorted(self.members[year].items()):
            eligible = [m for m in members if self._ldtt_eligible(m, year)]
            chosen = [m for m in eligible if rng.random() < 0.6]
            target = math.ceil(0.7 * len(members))
            urating = self.urating.get((uid, year), "HT")
            aims = urating == "HTXS" or (urating == "HTT" and rng.random() < 0.75)
            if aims and len(chosen) < target:
                rest = [m for m in eligible if m not in chosen]
                rng.shuffle(rest)
                chosen += rest[: target - len(chosen)]
            for m in sorted(chosen):
                self.award("LDTT", year, self.group_of(uid), person=m)
                ldtt[self.group_of(uid)].append(m)
        # CSTĐCS: HTXS holders of LĐTT, about 13.5 % of each proposing level's LĐTT.
        for group, holders in sorted(ldtt.items()):
            pool = []
            for pid in holders:
                if self.rating[(pid, year)] != "HTXS":
                    continue
                p = self.people[pid - 1]
                post = p.post_on(year_end(year))
                if post.head and self.urating.get((punit[pid], year)) != "HTXS":
                    continue
                weight = self.score[(pid, year)] + rng.gauss(0, 0.3)
                weight += 1.2 * self.has("CSTDCS", pid, year - 1)
                weight += 0.6 * self.has("CSTDCS", pid, year - 2)
                pool.append((weight, pid))
            pool.sort(key=lambda x: (-x[0], x[1]))
            for _w, pid in pool[: round(0.135 * len(holders))]:
                entry = self.award("CSTDCS", year, group, person=pid)
                if year <= 2023:
                    self.initiative(year, self._coauthors(pid, year), "co_so", used_for=entry.id)
                elif rng.random() < 0.4:
                    item = self.initiative(year, self._coauthors(pid, year), "co_so")
                    self.spare[pid].append(item)
        # Research works of nationwide scope from the sector's institute and university.
        research = [self.s.depts[d] for d in ("vien-khoa-hoc", "dhks") if d in self.s.depts]
        authors = [
            m
            for u in research
            for m in self.members[year].get(u, [])
            if self.rating[(m, year)] == "HTXS"
        ]
        if authors and rng.random() < 0.6:
            self.initiative(
                year, [rng.choice(sorted(authors))], "toan_quoc", kind="de_tai", issuer="QĐ-VKSTC"
            )
        # Spare initiatives of other staff, later the basis of some Bằng khen.
        for pid in sorted(punit):
            spare = self.has("LDTT", pid, year) and not self.has("CSTDCS", pid, year)
            if spare and rng.random() < 0.03:
                self.spare[pid].append(self.initiative(year, [pid], "co_so"))
        self._cstd_nganh(year)

    def _coauthors(self, pid: int, year: int) -> list[int]:
        if self.rng.random() < 0.8:
            return [pid]
        mates = [m for m in self.members[year].get(self.punit[year][pid], []) if m != pid]
        extra = self.rng.sample(mates, min(len(mates), self.rng.randint(1, 2)))
        return [pid, *sorted(extra)]

    def _cstd_nganh(self, year: int) -> None:
        if year < 2018:
            return
        rng = self.rng
        pool = []
        for (award, pid, y), _e in list(self.held.items()):
            if award != "CSTDCS" or y != year:
                continue
            if not (self.has("CSTDCS", pid, year - 1) and self.has("CSTDCS", pid, year - 2)):
                continue
            if any(self.has("CSTD_NGANH", pid, y2) for y2 in range(year - 2, year)):
                continue
            pool.append(pid)
        for pid in sorted(pool):
            if rng.random() >= 0.12:
                continue
            entry = self.award("CSTD_NGANH", year, self.s.root, person=pid)
            kind = "de_tai" if rng.random() < 0.4 else "sang_kien"
            self.initiative(year, [pid], "nganh", kind=kind, used_for=entry.id, issuer="QĐ-VKSTC")
            if self.has("CSTD_NGANH", pid, year - 3) and rng.random() < 0.3:
                tq = self.award("CSTD_TQ", year, STATE_PM, person=pid)
                self.initiative(
                    year, [pid], "toan_quoc", kind=kind, used_for=tq.id, issuer="QĐ-VKSTC"
                )

    # -- individual forms --------------------------------------------------------------------

    def _individual_forms(self, year: int) -> None:
        rng = self.rng
        punit = self.punit[year]
        if year == 2021:  # the COVID-19 special movement (seed 000/002), decided in October 2021
            for pid in sorted(punit):
                if RANK[self.rating[(pid, year)]] >= 2 and rng.random() < 0.008:
                    self.award("BK_NGANH", year, self.s.root, person=pid, tag="covid")
        for pid in sorted(punit):
            rating = self.rating[(pid, year)]
            if RANK[rating] < RANK["HTT"] or (pid, year) in self.disc_year:
                continue
            group = self.group_of(punit[pid])
            # Bằng khen ngành: two consecutive years HTXS, not every year, with spare initiatives.
            if (
                year >= 2017
                and rating == "HTXS"
                and self.rating.get((pid, year - 1)) == "HTXS"
                and not self.has("BK_NGANH", pid, year)
                and not self.has("BK_NGANH", pid, year - 1)
                and not self.has("BK_NGANH", pid, year - 2)
                and rng.random() < 0.16
            ):
                entry = self.award("BK_NGANH", year, self.s.root, person=pid)
                spare = [
                    i
                    for i in self.spare.get(pid, [])
                    if i.used_for is None and year - 1 <= i.year <= year
                ]
                for item in spare[:2]:
                    item.used_for = entry.id
            elif rng.random() < (0.10 if rating == "HTXS" else 0.03):
                self.award("GIAY_KHEN", year, group, person=pid)
            # Bằng khen của Thủ tướng: a Bằng khen ngành, then five good years with 3 CSTĐCS.
            if year >= 2021 and rng.random() < 0.12:
                self._bk_ttg(pid, year)
        self._hcld_people(year)

    def _bk_ttg(self, pid: int, year: int) -> None:
        bases = [
            b
            for b in range(2016, year - 4)
            if self.has("BK_NGANH", pid, b)
            and self.decisions[self.held[("BK_NGANH", pid, b)].decision - 1].key[3] == ""
        ]
        if not bases:
            return
        base = max(bases)
        window = range(base + 1, year + 1)
        if any(self.has("BK_TTG", pid, y) for y in range(base, year)):
            return
        if any(RANK[self.rating.get((pid, y), "KHT")] < 2 for y in window):
            return
        if sum(self.has("CSTDCS", pid, y) for y in window) < 3:
            return
        self.award("BK_TTG", year, STATE_PM, person=pid)

    def _hcld_people(self, year: int) -> None:
        """Huân chương Lao động hạng Ba for long-serving leaders on retirement (cống hiến)."""
        for p in self.people:
            if p.left_reason != "retired" or p.left is None or p.left.year != year:
                continue
            led = sum(
                ((stop or p.left) - start).days
                for start, stop, _u, post in self.st.segments[p.id]
                if post.kind in LEADER_KINDS
            )
            if led >= 10 * 365 and self.rng.random() < 0.2:
                self.award("HCLD_3", year, STATE_PRESIDENT, person=p.id)

    # -- collectives -------------------------------------------------------------------------

    def _collectives(self, year: int) -> None:
        rng = self.rng
        share_needed = 0.7 if year >= 2024 else 0.5
        advanced: dict[int | str, list[int]] = defaultdict(list)  # scope → TTLĐTT units
        if year == 2021:
            for uid in self.collectives[year]:
                if rng.random() < 0.03:
                    self.award("BK_NGANH", year, self.s.root, unit=uid, tag="covid")
        for uid in self.collectives[year]:
            unit = self.s.unit(uid)
            members = self.unit_members(uid, year)
            if not members or RANK[self.urating[(uid, year)]] < RANK["HTT"]:
                continue
            ldtt = sum(self.has("LDTT", m, year) for m in members)
            if ldtt < share_needed * len(members):
                continue
            if any(self.disc_year.get((m, year), -1) >= SEVERITY["canh_cao"] for m in members):
                continue
            if rng.random() >= 0.96:
                continue
            # Offices, districts and regionals always belong to a province (prov_id is set).
            prov = unit.prov_id if unit.kind in ("office", "district", "regional") else None
            self.award("TTLDTT", year, self.s.root if prov is None else prov, unit=uid)
            advanced["central" if prov is None else prov].append(uid)
        leaders = set()  # the best qualified unit of each cluster is proposed first
        for _name, members in self.cluster_members[year]:
            best = sorted((-self.uscore[(u, year)], u) for u in members if self._excellent(u, year))
            if best:
                leaders.add(best[0][1])
        for _scope, units in sorted(advanced.items(), key=lambda x: str(x[0])):
            pool = sorted(
                (u not in leaders, -self.uscore[(u, year)], u)
                for u in units
                if self._excellent(u, year)
            )
            for *_s, uid in pool[: int(0.2 * len(units))]:
                self.award("TTLDXS", year, self.s.root, unit=uid)
        # Cờ thi đua ngành: the best TTLĐXS unit of each cluster; a third of them the Cờ của CP.
        flags = []
        for _name, members in self.cluster_members[year]:
            best = [(-self.uscore[(u, year)], u) for u in members if self.uhas("TTLDXS", u, year)]
            if best:
                winner = min(best)[1]
                self.award("CO_NGANH", year, self.s.root, unit=winner)
                flags.append((min(best)[0], winner))
        for _score, uid in sorted(flags)[: math.ceil(len(flags) / 3)]:
            self.award("CO_CP", year, STATE_PM, unit=uid)
        for uid in self.collectives[year]:
            unit = self.s.unit(uid)
            good = self.uhas("TTLDXS", uid, year) or self.urating.get((uid, year)) == "HTXS"
            before = self.uhas("TTLDXS", uid, year - 1) or self.urating.get((uid, year - 1)) == (
                "HTXS"
            )
            if (
                year >= 2017
                and good
                and before
                and not self.uhas("BK_NGANH", uid, year)
                and rng.random() < 0.3
            ):
                self.award("BK_NGANH", year, self.s.root, unit=uid)
            elif (
                unit.kind in ("office", "district", "regional")
                and self.uhas("TTLDTT", uid, year)
                and rng.random() < 0.08
            ):
                self.award("GIAY_KHEN", year, unit.prov_id, unit=uid)  # type: ignore[arg-type]
            three = all(self.uhas("TTLDXS", uid, y) for y in (year - 2, year - 1, year))
            if (
                year >= 2018
                and three
                and any(self.uhas("BK_NGANH", uid, y) for y in range(2016, year))
                and not any(self.uhas("BK_TTG", uid, y) for y in range(2016, year))
                and rng.random() < 0.25
            ):
                self.award("BK_TTG", year, STATE_PM, unit=uid)
            if (
                unit.kind in ("prov", "dept", "high")
                and year >= 2020
                and sum(self.uhas("TTLDXS", uid, y) for y in range(year - 4, year + 1)) >= 4
                and any(self.uhas("CO_NGANH", uid, y) for y in range(year - 4, year + 1))
                and not any(self.uhas("HCLD_3", uid, y) for y in range(2016, year))
                and rng.random() < 0.3
            ):
                self.award("HCLD_3", year, STATE_PRESIDENT, unit=uid)

    def _excellent(self, uid: int, year: int) -> bool:
        """Meets the TTLĐXS standard (Luật TĐKT 2022 Art. 27; TT 02/2024 Art. 18)."""
        if not self.uhas("TTLDTT", uid, year) or self.urating[(uid, year)] != "HTXS":
            return False
        members = self.unit_members(uid, year)
        if any(self.rating[(m, year)] == "KHT" for m in members):
            return False
        if sum(self.has("LDTT", m, year) for m in members) < 0.7 * len(members):
            return False
        return any(self.has("CSTDCS", m, year) for m in members)

    # -- the commemorative medal -------------------------------------------------------------

    def _knc(self) -> None:
        rng = self.rng
        for p in self.people:
            prior_days = (p.prior[1] - p.prior[0]).days + 1 if p.prior else 0
            need = max(15 * 365 + 4 - prior_days, 5 * 365 + 1)
            qualified = p.recruited + dt.timedelta(days=need)
            roll = rng.random()
            if roll >= 0.95:
                continue
            year = qualified.year + (1 if roll >= 0.85 else 0)
            if year >= 2016 and (p.id, year) in self.disc_year:
                year += 1
            july = dt.date(year, 7, 20)
            if year > 2025 or year < 2003 or not p.active_on(july) or july < qualified:
                continue
            if year >= 2016 and RANK[self.rating.get((p.id, year - 1), "HTT")] < RANK["HT"]:
                continue
            self.award("KNC_VSNKS", year, self.s.root, person=p.id)

    # -- clusters ----------------------------------------------------------------------------

    def _recognised(self, unit_id: int, year: int) -> bool:
        ids = [unit_id]
        unit = self.s.unit(unit_id)
        if unit.established and unit.established.year > year:
            ids = [s.predecessor for s in self.s.successions if s.successor == unit_id]
        return any(self.uhas(code, u, year) for u in ids for code in ("TTLDTT", "TTLDXS"))

    def _clusters(self) -> None:
        for year in YEARS:
            for name, members in self.cluster_members[year]:
                if len(members) < 2:
                    continue
                kind = "khoi" if name.startswith("Khối") else "cum"
                n = len(members)
                start = (year - 2016) % n
                order = members[start:] + members[:start]
                eligible = [u for u in order if year == 2016 or self._recognised(u, year - 1)]
                head = eligible[0] if eligible else None
                deputy = eligible[1] if len(eligible) > 1 else None
                self.clusters.append(
                    DCluster(
                        id=len(self.clusters) + 1,
                        year=year,
                        kind=kind,
                        name=f"{name} năm {year}" if "năm" not in name else name,
                        organizer=self.s.root,
                        members=list(members),
                        head=head,
                        deputy=deputy,
                    )
                )

    # -- revocations -------------------------------------------------------------------------

    def _revocations(self) -> None:
        rng = self.rng
        wanted = max(1, round(0.0004 * len(self.people)))
        candidates = []
        for d in self.st.disciplines:
            year = d.decided.year - 1
            if year < 2016 or d.decided.month > 6 or not self.has("LDTT", d.person, year):
                continue
            candidates.append(d)
        for d in rng.sample(candidates, min(wanted, len(candidates))):
            year = d.decided.year - 1
            day = d.decided + dt.timedelta(days=rng.randint(15, 45))
            for code in ("LDTT", "CSTDCS", "GIAY_KHEN"):
                entry = self.held.get((code, d.person, year))
                if entry is None:
                    continue
                issuer = self.decisions[entry.decision - 1].key[0]
                unit = self.s.unit(issuer) if isinstance(issuer, int) else None
                suffix = f"QĐ-{unit.abbr}" if unit and unit.abbr else "QĐ-VKS"
                if unit and unit.kind == "root":
                    suffix = "QĐ-VKSTC"
                entry.revoked_on = day
                entry.revocation_reason = REVOCATION_REASON.format(y=year)
                entry.revocation_decision = f"{rng.randint(30, 400)}/{suffix}"

    # -- decisions ---------------------------------------------------------------------------

    def _signing_window(self, decision: DDecision) -> tuple[dt.date, dt.date]:
        issuer, award, year, tag = decision.key
        nxt = year + 1
        if tag == "covid":
            return dt.date(2021, 10, 1), dt.date(2021, 10, 20)
        if award == "KNC_VSNKS":
            return dt.date(year, 7, 1), dt.date(year, 7, 20)
        if issuer in (STATE_PM, STATE_PRESIDENT):
            start = dt.date(nxt, 4, 1) if award != "CO_CP" else dt.date(nxt, 5, 1)
            return start, min(dt.date(nxt, 6, 20), HORIZON)
        if issuer == self.s.root:
            order = [
                "LDTT",
                "CSTDCS",
                "TTLDTT",
                "GIAY_KHEN",
                "TTLDXS",
                "CO_NGANH",
                "BK_NGANH",
                "CSTD_NGANH",
            ]
            i = order.index(award) if award in order else 0
            start = dt.date(nxt, 1, 10) + dt.timedelta(days=7 * i)
            return start, start + dt.timedelta(days=10)
        order = ["LDTT", "TTLDTT", "CSTDCS", "GIAY_KHEN"]
        i = order.index(award) if award in order else 0
        start = dt.date(nxt, 1, 5) + dt.timedelta(days=4 * i)
        return start, start + dt.timedelta(days=8)

    def _finalise_decisions(self) -> None:
        rng = self.rng
        for decision in self.decisions:
            start, stop = self._signing_window(decision)
            decision.signed = rand_day(rng, start, stop)
            issuer, award, year, tag = decision.key
            decision.summary = (COVID_SUMMARY if tag == "covid" else SUMMARIES[award]).format(
                y=year
            )
            if isinstance(issuer, str):
                decision.issuer = None
                decision.issuer_name = issuer
                decision.level = "nha_nuoc"
                decision.signer_title = issuer
                continue
            unit = self.s.unit(self.s.live(issuer, decision.signed))
            decision.issuer = unit.id
            decision.issuer_name = unit.name_on(decision.signed)[0]
            decision.level = {"root": "nganh", "dept": "co_so", "newhigh": "co_so"}.get(
                unit.kind, "tinh"
            )
            head = self.st.head_on(unit.id, decision.signed)
            if head is not None:
                decision.signer_name = self.people[head - 1].full_name
            if unit.kind == "root":
                decision.signer_title = "Viện trưởng Viện kiểm sát nhân dân tối cao"
            elif unit.kind == "dept":
                decision.signer_title = unit.head_post
            else:
                decision.signer_title = f"Viện trưởng {unit.name_on(decision.signed)[1]}"
        # Numbers run per issuer and calendar year, in signing order.
        by_issuer: dict[tuple[str, int], list[DDecision]] = defaultdict(list)
        for decision in self.decisions:
            by_issuer[(decision.issuer_name, decision.signed.year)].append(decision)
        for (name, _y), items in sorted(by_issuer.items()):
            items.sort(key=lambda d: (d.signed, d.id))
            state = name in (STATE_PM, STATE_PRESIDENT)
            number = rng.randint(80, 300) if state else rng.randint(3, 40)
            for decision in items:
                suffix = self._suffix(decision)
                decision.number = f"{number}/{suffix}"
                number += rng.randint(20, 90) if state else rng.randint(1, 12)
                if decision.signed.month >= 7 and not state:
                    number += rng.randint(20, 60)

    def _suffix(self, decision: DDecision) -> str:
        if decision.issuer is None:
            return "QĐ-TTg" if decision.issuer_name == STATE_PM else "QĐ-CTN"
        unit = self.s.unit(decision.issuer)
        if unit.kind == "root":
            return "QĐ-VKSTC"
        if unit.kind == "prov":
            return "QĐ-VKS-VP" if unit.vp_suffix else "QĐ-VKS"
        return f"QĐ-{unit.abbr}"
