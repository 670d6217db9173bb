"""Units of the demo sector, with their dated names and links, successions and staff moves."""

from __future__ import annotations

import datetime as dt
import random
import re

from unidecode import unidecode

from tdkt.demo import geo
from tdkt.demo.model import ONE_DAY, DUnit, Move, Succ

BIG_CITIES = {"ha-noi", "ho-chi-minh"}
CITIES = {"ha-noi", "ho-chi-minh", "hai-phong", "da-nang", "can-tho"}


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", unidecode(text).lower()).strip("-")


def prov_label(name: str, kind: str) -> str:
    return f"{kind} {name}"


def prov_short(name: str, kind: str) -> str:
    return f"VKSND {'TP' if kind.lower() == 'thành phố' else 'tỉnh'} {name}"


class Structure:
    def __init__(self, rng: random.Random, small: bool) -> None:
        self.rng = rng
        self.small = small
        self.units: list[DUnit] = []
        self.by_code: dict[str, DUnit] = {}
        self.successions: list[Succ] = []
        self.moves: list[Move] = []
        self.old_prov: dict[str, int] = {}  # old province slug → unit id
        self.new_prov: dict[str, int] = {}  # new province slug → unit id (unchanged: same unit)
        self.districts: dict[tuple[str, str], int] = {}  # (province slug, label) → unit id
        self.offices: dict[tuple[int, str], int] = {}  # (province unit id, office slug) → unit id
        self.depts: dict[str, int] = {}
        self.highs: list[int] = []
        self.new_highs: list[int] = []
        self.regionals: dict[str, list[int]] = {}  # new province slug → regional unit ids
        self.provinces = [p for p in geo.PROVINCES if not small or p.slug in geo.SMALL_PROVINCES]
        self.included = {p.slug for p in self.provinces}

    # -- helpers ---------------------------------------------------------------------------

    def unit(self, unit_id: int) -> DUnit:
        return self.units[unit_id - 1]

    def add(
        self,
        code: str,
        level: str,
        kind: str,
        name: str,
        short: str,
        *,
        parent: int | None,
        established: dt.date | None = None,
        **extra,
    ) -> DUnit:
        if code in self.by_code or len(code) > 40:
            raise ValueError(f"bad unit code {code!r}")
        unit = DUnit(id=len(self.units) + 1, code=code, level=level, kind=kind, **extra)
        unit.names.append([name, short, established, None])
        if parent is not None:
            unit.links.append([parent, established, None])
        unit.established = established
        unit.quality = self.rng.gauss(0, 1)
        self.units.append(unit)
        self.by_code[code] = unit
        return unit

    def dissolve(self, unit: DUnit, day: dt.date) -> None:
        unit.dissolved = day - ONE_DAY
        unit.names[-1][3] = unit.dissolved
        if unit.links:
            unit.links[-1][2] = unit.dissolved

    def rename(self, unit: DUnit, day: dt.date, name: str, short: str) -> None:
        unit.names[-1][3] = day - ONE_DAY
        unit.names.append([name, short, day, None])

    def succeed(
        self,
        preds: list[DUnit],
        succs: list[DUnit],
        day: dt.date,
        kind: str,
        basis: str,
        *,
        new_succ: bool = True,
    ) -> None:
        for old in preds:
            self.dissolve(old, day)
            for new in succs:
                self.successions.append(Succ(old.id, new.id, day, kind, basis))
                old.successors.append(new.id)
        self.moves.append(Move(day, [u.id for u in preds], [u.id for u in succs], new_succ))

    def live(self, unit_id: int, day: dt.date) -> int:
        """The unit that carries `unit_id` on `day` (following successions)."""
        unit = self.unit(unit_id)
        while unit.dissolved is not None and day > unit.dissolved and unit.successors:
            unit = self.unit(unit.successors[0])
        return unit.id

    def scale(self, full: int, small: int) -> int:
        return small if self.small else full

    # -- building ----------------------------------------------------------------------------

    def build(self) -> None:
        root = self.add(
            "vkstc",
            "toi_cao",
            "root",
            "Viện kiểm sát nhân dân tối cao",
            "VKSND tối cao",
            parent=None,
            established=dt.date(1960, 7, 26),
            staff=self.scale(6, 3),
            head_post="Viện trưởng",
            deputy_post="Phó Viện trưởng",
            profile="ksv",
            ksv_rank="cao cấp",
            abbr="VKSTC",
        )
        self.root = root.id
        self._departments()
        self._high()
        for p in self.provinces:
            self._old_province(p)
        self._district_events()
        self._reorganisation()

    def _departments(self) -> None:
        for d in geo.DEPARTMENTS:
            if self.small and d.slug not in geo.SMALL_DEPARTMENTS:
                continue
            profile = {
                "vp": "admin",
                "tccb": "admin",
                "tdkt": "admin",
                "htqt": "admin",
                "phap-che": "admin",
                "cuc-thong-ke": "admin",
                "cuc-khtc": "admin",
                "dhks": "school",
                "truong-hcm": "school",
                "vien-khoa-hoc": "school",
                "tap-chi": "press",
                "bao-bvpl": "press",
                "cqdt": "investig",
            }.get(d.slug, "ksv")
            unit = self.add(
                f"vkstc-{d.slug}",
                d.level,
                "dept",
                d.name,
                d.short,
                parent=self.root,
                staff=self.scale(d.staff, 4 if d.slug in ("vp", "tdkt") else 3),
                head_kind="vien_truong" if d.head_is_vien_truong else "vu_truong",
                head_post=d.head,
                deputy_post=d.deputy,
                deputy_kind="pho_vien_truong" if d.head_is_vien_truong else "pho_vu_truong",
                profile=profile,
                ksv_rank="cao cấp",
                abbr=d.abbr,
                province="",
            )
            self.depts[d.slug] = unit.id
        for slug, (day, name, short) in geo.DEPARTMENT_RENAMES.items():
            if slug in self.depts:
                self.rename(self.unit(self.depts[slug]), day, name, short)

    def _high(self) -> None:
        for h in geo.HIGH_PROCURACIES:
            unit = self.add(
                f"vkscc-{h.slug}",
                "cap_cao",
                "high",
                f"Viện kiểm sát nhân dân cấp cao tại {h.place}",
                f"VKSND cấp cao tại {h.place}",
                parent=self.root,
                established=geo.HIGH_ESTABLISHED,
                staff=self.scale(h.staff, 5),
                ksv_rank="cao cấp",
                abbr=h.abbr,
            )
            self.highs.append(unit.id)

    def _old_province(self, p: geo.Province) -> None:
        label = prov_label(p.name, p.kind)
        n_districts = len(geo.parse_districts(p.districts))
        big = p.slug in BIG_CITIES
        prov = self.add(
            f"t-{p.slug}",
            "tinh",
            "prov",
            f"Viện kiểm sát nhân dân {label}",
            prov_short(p.name, p.kind),
            parent=self.root,
            staff=self.scale(6 if big else 4, 2),
            province=p.slug,
            region=p.region,
            cccd=p.cccd,
            ksv_rank="trung cấp",
            abbr="VKS",
            vp_suffix=p.vp_suffix,
        )
        prov.prov_id = prov.id
        self.old_prov[p.slug] = prov.id
        office_total = 30 + 1.6 * n_districts * (1.4 if big else 1.0)
        weights = sum(w for *_x, w in geo.OFFICES)
        for slug, name, short, weight in geo.OFFICES:
            self._office(
                prov,
                slug,
                name,
                short,
                max(3, round(office_total * weight / weights)),
                p.name,
                p.kind,
                code_prefix=f"t-{p.slug}",
            )
        for label_, word, short_word, name in geo.parse_districts(p.districts):
            self._district(p, prov, label_, word, short_word, name)

    def _office(
        self,
        prov: DUnit,
        slug: str,
        name: str,
        short: str,
        staff: int,
        pname: str,
        pkind: str,
        *,
        code_prefix: str,
        established: dt.date | None = None,
    ) -> DUnit:
        full = _office_name(slug, name, pname, pkind)
        vp = slug == "vp"
        short_name = f"{short} - {prov_short(pname, pkind)}"
        unit = self.add(
            f"{code_prefix}-{slug}",
            "phong",
            "office",
            full,
            short_name,
            parent=prov.id,
            established=established,
            staff=self.scale(staff, 3 if vp else 2),
            province=prov.province,
            prov_id=prov.id,
            region=prov.region,
            cccd=prov.cccd,
            head_kind="truong_phong",
            head_post="Chánh Văn phòng" if vp else "Trưởng phòng",
            deputy_kind="pho_truong_phong",
            deputy_post="Phó Chánh Văn phòng" if vp else "Phó Trưởng phòng",
            profile="admin" if slug in ("vp", "p7") else "ksv",
            ksv_rank="trung cấp",
            office=slug,
        )
        self.offices[(prov.id, slug)] = unit.id
        return unit

    def _district(
        self,
        p: geo.Province,
        prov: DUnit,
        label: str,
        word: str,
        short_word: str,
        name: str,
        *,
        established: dt.date | None = None,
        pname: str | None = None,
        pkind: str | None = None,
    ) -> DUnit:
        pname, pkind = pname or p.name, pkind or p.kind
        urban = short_word in ("TP", "quận", "Quận")
        staff = self.rng.randint(12, 16) + (3 if urban else 0)
        if p.slug in CITIES:
            staff += 4 if p.slug in BIG_CITIES else 2
        tcode = {"huyện": "h", "thị xã": "tx", "TP": "tp", "quận": "q", "Quận": "q"}[short_word]
        unit = self.add(
            f"{p.slug}-{tcode}-{slugify(name)}",
            "huyen",
            "district",
            f"Viện kiểm sát nhân dân {word} {name}, {pkind} {pname}",
            f"VKSND {short_word} {name} ({pname})",
            parent=prov.id,
            established=established,
            staff=self.scale(staff, self.rng.randint(3, 4)),
            province=p.slug,
            prov_id=prov.id,
            region=p.region,
            cccd=p.cccd,
            ksv_rank="sơ cấp",
        )
        self.districts[(p.slug, label)] = unit.id
        return unit

    def _district_events(self) -> None:
        for event in geo.DISTRICT_EVENTS:
            if event.province not in self.included:
                continue
            p = geo.PROVINCE_BY_SLUG[event.province]
            prov = self.unit(self.old_prov[p.slug])
            preds = [self.unit(self.districts[(p.slug, label)]) for label in event.predecessors]
            pname, pkind = geo.NEW_NAME_OVERRIDES.get(p.slug, (p.name, p.kind))
            if event.day < geo.HUE_DAY:
                pname, pkind = p.name, p.kind
            succs = []
            for label, word, short_word, name in geo.parse_districts("|".join(event.successors)):
                unit = self._district(
                    p,
                    prov,
                    label,
                    word,
                    short_word,
                    name,
                    established=event.day,
                    pname=pname,
                    pkind=pkind,
                )
                unit.staff = 0
                succs.append(unit)
            self.succeed(preds, succs, event.day, event.kind, event.legal_basis)
        if "thua-thien-hue" in self.included:
            self._hue_renames()

    def _hue_renames(self) -> None:
        """Thừa Thiên Huế became the centrally-run thành phố Huế on 2025-01-01."""
        day = geo.HUE_DAY
        prov = self.unit(self.old_prov["thua-thien-hue"])
        self.rename(prov, day, "Viện kiểm sát nhân dân thành phố Huế", "VKSND TP Huế")
        old_full, new_full = "tỉnh Thừa Thiên Huế", "thành phố Huế"
        for unit in self.units:
            if unit.prov_id != prov.id or unit.id == prov.id or not unit.active_on(day):
                continue
            if unit.established == day:
                continue
            name = unit.name.replace(old_full, new_full)
            short = unit.short.replace("VKSND tỉnh Thừa Thiên Huế", "VKSND TP Huế").replace(
                "(Thừa Thiên Huế)", "(Huế)"
            )
            self.rename(unit, day, name, short)

    def _reorganisation(self) -> None:
        day = geo.REORG_DAY
        # VKSND tối cao: cấp cao → Viện Công tố và KSXX phúc thẩm; Vụ TĐKT → Văn phòng.
        for high_id, h in zip(self.highs, geo.HIGH_PROCURACIES, strict=True):
            high = self.unit(high_id)
            new = self.add(
                f"vctpt-{h.slug}",
                "don_vi_tc",
                "newhigh",
                f"Viện Công tố và Kiểm sát xét xử phúc thẩm tại {h.place}",
                f"Viện CT và KSXX phúc thẩm tại {h.place}",
                parent=self.root,
                established=day,
                ksv_rank="cao cấp",
                abbr=h.abbr,
            )
            self.new_highs.append(new.id)
            self.succeed([high], [new], day, "transfer", geo.CENTRAL_REORG_BASIS)
        for old_slug, new_slug in geo.DEPARTMENT_TRANSFERS.items():
            if old_slug in self.depts and new_slug in self.depts:
                self.succeed(
                    [self.unit(self.depts[old_slug])],
                    [self.unit(self.depts[new_slug])],
                    day,
                    "transfer",
                    geo.CENTRAL_REORG_BASIS,
                    new_succ=False,
                )
        apportion = geo.apportion()
        for n in geo.NEW_PROVINCES:
            sources = [s for s in n.sources if s in self.included]
            if not sources:
                continue
            pname, pkind = geo.NEW_NAME_OVERRIDES.get(n.slug, (n.name, n.kind))
            if n.slug in geo.UNCHANGED:
                prov = self.unit(self.old_prov[n.slug])
            else:
                prov = self.add(
                    f"t25-{n.slug}",
                    "tinh",
                    "prov",
                    f"Viện kiểm sát nhân dân {prov_label(pname, pkind)}",
                    prov_short(pname, pkind),
                    parent=self.root,
                    established=day,
                    province=n.slug,
                    region=geo.PROVINCE_BY_SLUG[sources[0]].region,
                    cccd=geo.PROVINCE_BY_SLUG[sources[0]].cccd,
                    ksv_rank="trung cấp",
                    abbr="VKS",
                    vp_suffix=geo.PROVINCE_BY_SLUG[sources[0]].vp_suffix,
                )
                prov.prov_id = prov.id
                olds = [self.unit(self.old_prov[s]) for s in sources]
                self.succeed(olds, [prov], day, "merger", geo.REORG_BASIS)
                for slug, name, short, _w in geo.OFFICES:
                    office = self._office(
                        prov,
                        slug,
                        name,
                        short,
                        0,
                        pname,
                        pkind,
                        code_prefix=f"t25-{n.slug}",
                        established=day,
                    )
                    office.staff = 0
                    old_offices = [self.unit(self.offices[(o.id, slug)]) for o in olds]
                    self.succeed(old_offices, [office], day, "merger", geo.REORG_BASIS)
            self.new_prov[n.slug] = prov.id
            self._regionals(n, prov, sources, apportion.per_old, pname)

    def _regionals(
        self,
        n: geo.NewProvince,
        prov: DUnit,
        sources: list[str],
        per_old: dict[str, int],
        pname: str,
    ) -> None:
        day = geo.REORG_DAY
        number = 0
        pname = geo.REGIONAL_SUFFIX.get(n.slug, pname)
        regionals = self.regionals.setdefault(n.slug, [])
        for slug in n.sources:
            count = per_old[slug]
            if slug not in sources:
                number += count  # keep the full-size numbering in `--size small`
                continue
            labels = geo.districts_on_reorg_day(slug)
            chunks = _chunks(labels, count)
            for chunk in chunks:
                number += 1
                unit = self.add(
                    f"kv-{n.slug}-{number:02d}",
                    "khu_vuc",
                    "regional",
                    f"Viện kiểm sát nhân dân khu vực {number} - {pname}",
                    f"VKSND khu vực {number} - {pname}",
                    parent=prov.id,
                    established=day,
                    province=n.slug,
                    prov_id=prov.id,
                    region=prov.region,
                    cccd=prov.cccd,
                    ksv_rank="sơ cấp",
                )
                regionals.append(unit.id)
                preds = [self.unit(self.districts[(slug, label)]) for label in chunk]
                self.succeed(preds, [unit], day, "merger", geo.REORG_BASIS)


def _office_name(slug: str, name: str, pname: str, pkind: str) -> str:
    procuracy = f"Viện kiểm sát nhân dân {prov_label(pname, pkind)}"
    return f"Văn phòng {procuracy}" if slug == "vp" else f"{name}, {procuracy}"


def _chunks(items: list[str], count: int) -> list[list[str]]:
    """`count` consecutive groups of nearly equal size (larger ones first)."""
    size, extra = divmod(len(items), count)
    out, start = [], 0
    for i in range(count):
        stop = start + size + (1 if i < extra else 0)
        out.append(items[start:stop])
        start = stop
    return out
