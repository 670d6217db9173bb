"""The demo's councils (Hội đồng Thi đua - Khen thưởng): the sector council at VKSND tối cao with
eleven members, and the council of every provincial procuracy active today with nine, each made of
the unit's own people in their current posts (the head chairs, deputies are vice-chairs, heads of
departments are members, one sits as secretary). The demo accounts `thuky.hd` (secretary) and
`uyvien.hd` (member) sit on the sector council. Every other member gets an account too (username
from the name, e.g. nguyen.van.an; password demo12345, not to be changed first; Role.COUNCIL_MEMBER
on the council's unit), so that every council can reach its voting thresholds.

Written through the council services, deterministically: the people are taken in a fixed order
(post, then the person's id) and the dates come from the units, never from the clock."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from tdkt.accounts.models import Role, RoleGrant, User
from tdkt.accounts.onboarding import propose_username
from tdkt.council import services
from tdkt.council.models import MemberRole, Membership
from tdkt.org.models import Unit, UnitLevel
from tdkt.people.models import Position

# Councils are shown as constituted under Thông tư 02/2024/TT-VKSTC (in force 01/10/2024).
SINCE = dt.date(2024, 10, 1)
SECTOR_SIZE = 11
PROVINCE_SIZE = 9
SECTOR_NAME = "Hội đồng Thi đua - Khen thưởng ngành Kiểm sát nhân dân"


def _current(units: list[int]) -> list[Position]:
    return list(
        Position.objects.filter(unit_id__in=units, valid_to__isnull=True)
        .filter(Q(person__left_on__isnull=True))
        .select_related("person", "unit")
        .order_by("person_id")
    )


def _pick(
    positions: list[Position], root: int, size: int, fixed: list[tuple[int, str]]
) -> list[tuple[Position | int, str]]:
    """The unit's head → chair, up to three of its deputies → vice-chairs, heads of its
    departments (then their deputies) → members; `fixed` people (person id, role) are placed
    first among the members."""
    head = [p for p in positions if p.unit_id == root and p.is_unit_head]
    deputies = [p for p in positions if p.unit_id == root and p.post_kind == "pho_vien_truong"]
    chiefs = [p for p in positions if p.unit_id != root and p.is_unit_head]
    chiefs += [
        p
        for p in positions
        if p.unit_id != root
        and not p.is_unit_head
        and p.post_kind in ("pho_vu_truong", "pho_truong_phong")
    ]
    taken: set[int] = {pid for pid, _r in fixed}
    chosen: list[tuple[Position | int, str]] = []
    for group, role, limit in ((head, MemberRole.CHAIR, 1), (deputies, MemberRole.VICE_CHAIR, 3)):
        for p in group[:limit]:
            if p.person_id not in taken:
                chosen.append((p, role))
                taken.add(p.person_id)
    chosen += [(pid, role) for pid, role in fixed]
    for p in chiefs:
        if len(chosen) >= size:
            break
        if p.person_id not in taken:
            chosen.append((p, MemberRole.MEMBER))
            taken.add(p.person_id)
    if not any(role == MemberRole.SECRETARY for _p, role in chosen) and len(chosen) > 1:
        last, _role = chosen[-1]
        chosen[-1] = (last, MemberRole.SECRETARY)
    return chosen[:size]


def _constitute(unit: Unit, name: str, members: list[tuple[Position | int, str]]) -> int:
    since = max(SINCE, unit.established_on or SINCE)
    council = services.create_council(
        actor=None,
        unit=unit,
        name=name,
        established_on=since,
        decision_ref=f"Quyết định thành lập Hội đồng, {since:%d/%m/%Y}",
    )
    from tdkt.people.models import Person

    for who, role in members:
        person = who.person if isinstance(who, Position) else Person.objects.get(pk=who)
        title = (
            (who.post or who.get_post_kind_display()) if isinstance(who, Position) else person.post
        )
        services.add_member(
            actor=None,
            council=council,
            person=person,
            role=role,
            title=f"{title}, {person.unit.name}" if person.unit else title,
            valid_from=since,
        )
    return len(members)


def _member_accounts(password_hash: str) -> int:
    """An account for every current member without one, in membership order (deterministic).
    Members who had an account were given their role by `add_member` already."""
    members = (
        Membership.objects.filter(valid_to__isnull=True)
        .select_related("council", "person")
        .order_by("pk")
    )
    had = set(User.objects.filter(person__isnull=False).values_list("person_id", flat=True))
    taken = {u.lower() for u in User.objects.values_list("username", flat=True)}
    opened: dict[int, User] = {}
    grants: dict[tuple[int, int], RoleGrant] = {}
    for membership in members:
        person = membership.person
        if person.pk in had:
            continue
        if person.pk not in opened:
            username = propose_username(person.full_name, taken)
            taken.add(username)
            user = User.objects.create(
                username=username, password=password_hash, full_name=person.full_name, person=person
            )
            opened[person.pk] = user
        unit_id = membership.council.unit_id
        grants.setdefault(
            (person.pk, unit_id),
            RoleGrant(
                user=opened[person.pk],
                role=Role.COUNCIL_MEMBER,
                unit_id=unit_id,
                grant_reason=f"Thành viên {membership.council.name}",
            ),
        )
    RoleGrant.objects.bulk_create(grants.values())
    return len(opened)


def build_councils(password_hash: str) -> dict[str, int]:
    root = Unit.objects.get(code="vkstc")
    departments = list(
        Unit.objects.filter(parent=root, dissolved_on__isnull=True).values_list("pk", flat=True)
    )
    fixed: list[tuple[int, str]] = []
    for username, role in (("uyvien.hd", MemberRole.MEMBER), ("thuky.hd", MemberRole.SECRETARY)):
        user = User.objects.filter(username=username).first()
        if user is not None and user.person_id:
            fixed.append((user.person_id, role))
    sector = _pick(_current([root.pk, *departments]), root.pk, SECTOR_SIZE, fixed)
    # The secretary sits last, as the minutes list him or her.
    sector.sort(key=lambda m: m[1] == MemberRole.SECRETARY)
    count = _constitute(root, SECTOR_NAME, sector)
    councils = 1
    provinces = Unit.objects.filter(level=UnitLevel.TINH, dissolved_on__isnull=True).order_by(
        "code"
    )
    for province in provinces:
        parts = list(
            Unit.objects.filter(parent=province, level=UnitLevel.PHONG).values_list("pk", flat=True)
        )
        members = _pick(_current([province.pk, *parts]), province.pk, PROVINCE_SIZE, [])
        if len(members) < 3:
            continue
        members.sort(key=lambda m: m[1] == MemberRole.SECRETARY)
        short = province.name.removeprefix("Viện kiểm sát nhân dân ")
        count += _constitute(
            province, f"Hội đồng Thi đua - Khen thưởng Viện kiểm sát nhân dân {short}", members
        )
        councils += 1
    accounts = _member_accounts(password_hash)
    return {"councils": councils, "council_members": count, "council_accounts": accounts}
