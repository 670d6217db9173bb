"""Units' names shortened inside another unit's page (tdkt.org.short_names): what tells the rows
apart stays, the parent's name repeated in every row goes, and two names never read alike."""

from __future__ import annotations

import pytest

from tdkt.org.short_names import shorten, shorten_all, strip_context_tail, strip_shared_start

QUANG_TRI = ["Viện kiểm sát nhân dân tỉnh Quảng Trị", "VKSND tỉnh Quảng Trị"]
TOI_CAO = ["Viện kiểm sát nhân dân tối cao", "VKSNDTC"]


@pytest.mark.parametrize(
    ("name", "short"),
    [
        # the regional units of the demo sector, by their stored abbreviation or full name
        ("VKSND khu vực 1 - Quảng Trị", "Khu vực 1"),
        ("Viện kiểm sát nhân dân khu vực 12 - Quảng Trị", "Khu vực 12"),
        # a department: its abbreviation, or its full name ending with the procuracy's
        ("Phòng THQCT-KSĐT - VKSND tỉnh Quảng Trị", "Phòng THQCT-KSĐT"),
        (
            "Phòng Kiểm sát việc tạm giữ, tạm giam và thi hành án hình sự, "
            "Viện kiểm sát nhân dân tỉnh Quảng Trị",
            "Phòng Kiểm sát việc tạm giữ, tạm giam và thi hành án hình sự",
        ),
        ("Văn phòng Viện kiểm sát nhân dân tỉnh Quảng Trị", "Văn phòng"),
        # a former district: ", tỉnh Quảng Trị" and "(Quảng Trị)" name the parent too
        ("Viện kiểm sát nhân dân huyện Cam Lộ, tỉnh Quảng Trị", "Huyện Cam Lộ"),
        ("VKSND huyện Cam Lộ (Quảng Trị)", "Huyện Cam Lộ"),
        # a predecessor province keeps the word before its place name
        ("VKSND tỉnh Quảng Bình", "Tỉnh Quảng Bình"),
        ("VKSND Thành phố Hồ Chí Minh", "Thành phố Hồ Chí Minh"),
    ],
)
def test_a_name_inside_quang_tris_page_keeps_only_what_tells_it_apart(
    name: str, short: str
) -> None:
    assert shorten(name, QUANG_TRI) == short


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("Văn phòng VKSNDTC", "Văn phòng"),
        ("Viện kiểm sát nhân dân cấp cao tại Hà Nội", "Cấp cao tại Hà Nội"),
        ("Vụ Thực hành quyền công tố và kiểm sát điều tra án hình sự", None),
    ],
)
def test_inside_the_supreme_procuracys_page_its_own_name_goes(name: str, short: str | None) -> None:
    assert shorten(name, TOI_CAO) == (short or name)


@pytest.mark.parametrize(
    "name",
    [
        "Viện kiểm sát nhân dân tỉnh Quảng Trị",  # the context itself: nothing would be left
        "VKSND tỉnh Quảng Trị",
        "Quảng Trị",
        "Viện kiểm sát nhân dân tỉnh Quảng Ngãi",  # one place word left is not enough
    ],
)
def test_a_name_is_never_shortened_to_nothing_or_to_a_lone_word(name: str) -> None:
    short = shorten(name, QUANG_TRI)
    assert short.strip()
    assert short == name or len(short.split()) >= 2


def test_a_number_is_never_left_alone() -> None:
    assert shorten("Phòng 1", ["Phòng Tổ chức cán bộ"]) == "Phòng 1"


def test_a_tail_is_removed_only_when_it_ends_a_name_of_the_context() -> None:
    # "- Huế" is not Quảng Trị's: the row belongs elsewhere and says so
    assert strip_context_tail("VKSND khu vực 1 - Huế", QUANG_TRI) == "VKSND khu vực 1 - Huế"
    # a word that merely ends both names, without a separator, is no tail
    assert strip_context_tail("Viện kiểm sát nhân dân cấp cao", TOI_CAO) == (
        "Viện kiểm sát nhân dân cấp cao"
    )


def test_a_shared_start_is_compared_case_aside_and_the_rest_capitalised() -> None:
    assert strip_shared_start("vksnd khu vực 3", ["VKSND tỉnh Quảng Trị"]) == "Khu vực 3"


def test_without_a_context_the_name_is_unchanged() -> None:
    assert shorten("VKSND khu vực 1 - Quảng Trị", []) == "VKSND khu vực 1 - Quảng Trị"
    assert shorten("VKSND khu vực 1 - Quảng Trị", ["", ""]) == "VKSND khu vực 1 - Quảng Trị"


def test_a_list_of_regional_units_reads_khu_vuc_1_to_n() -> None:
    names = [f"VKSND khu vực {n} - Quảng Trị" for n in range(1, 13)]
    assert shorten_all(names, QUANG_TRI) == [f"Khu vực {n}" for n in range(1, 13)]


def test_two_names_that_would_read_alike_keep_enough_to_stay_distinct() -> None:
    names = [
        "Văn phòng",  # a unit whose stored name is already short
        "Văn phòng Viện kiểm sát nhân dân tỉnh Quảng Trị",
        "VKSND khu vực 1 - Quảng Trị",
    ]
    shortened = shorten_all(names, QUANG_TRI)
    assert len({s.casefold() for s in shortened}) == 3
    assert shortened[0] == "Văn phòng"
    assert shortened[1] == "Văn phòng Viện kiểm sát nhân dân tỉnh Quảng Trị"
    assert shortened[2] == "Khu vực 1"  # not dragged along by the others' clash


def test_a_clash_left_after_the_first_step_falls_back_to_the_names_as_given() -> None:
    # both lose their tail to the same "VKSND khu vực 1", then read "Khu vực 1"
    names = ["VKSND khu vực 1 - Quảng Trị", "VKSND khu vực 1 (Quảng Trị)"]
    assert shorten_all(names, QUANG_TRI) == names


def test_the_same_name_twice_is_no_clash() -> None:
    names = ["VKSND khu vực 2 - Quảng Trị", "VKSND khu vực 2 - Quảng Trị"]
    assert shorten_all(names, QUANG_TRI) == ["Khu vực 2", "Khu vực 2"]


def test_every_shortened_name_is_non_empty_and_distinct_for_distinct_names() -> None:
    names = [
        *(f"Viện kiểm sát nhân dân khu vực {n} - Quảng Trị" for n in range(1, 10)),
        "Phòng Tổ chức cán bộ - VKSND tỉnh Quảng Trị",
        "Phòng Tổ chức cán bộ",
        "Văn phòng - VKSND tỉnh Quảng Trị",
        "Viện kiểm sát nhân dân tỉnh Quảng Trị",
        "Quảng Trị",
        "Khu vực 1",
    ]
    shortened = shorten_all(names, QUANG_TRI)
    assert all(s.strip() for s in shortened)
    assert len({s.casefold() for s in shortened}) == len(set(names))
