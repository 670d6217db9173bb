"""Registering for titles: the unit's register, its lines checked by the engine at that moment,
the deadline, the level above's decision, and the totals rolled up the tree as in seed 003."""

from __future__ import annotations

import datetime as dt

import pytest

from tdkt.errors import Conflict, InvalidData, TransitionNotAllowed
from tdkt.movements import selectors
from tdkt.movements.models import CheckStatus, RegistrationStatus
from tdkt.movements.services import movements as movement_services
from tdkt.movements.services import registrations as services
from tdkt.movements.services.registrations import PersonLine, UnitLine
from tdkt.records import services as records
from tests.movements.conftest import LATER, NOW, add_person, data

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(sector):
    """Two more people in Khu vực 1 and one in the province itself."""
    return {
        "cuong": add_person("Lê Văn Cường", sector.kv1),
        "dung": add_person("Phạm Thị Dung", sector.kv1, gender="female"),
        "em": add_person("Hoàng Văn Em", sector.quang_tri),
    }


@pytest.fixture
def kv1_register(sector, launched, kv1_officer):
    return services.open_registration(
        actor=kv1_officer, movement=launched, unit=sector.kv1, year=2026, now=NOW
    )


def add(registration, actor, people=(), units=(), **kw):
    return services.add_registration_lines(
        actor=actor,
        registration=registration,
        people=[PersonLine(p, award) for p, award in people],
        units=[UnitLine(award) for award in units],
        now=kw.pop("now", NOW),
        **kw,
    )


class TestOpening:
    def test_one_register_per_unit_movement_and_year(
        self, sector, launched, kv1_officer, kv1_register
    ):
        again = services.open_registration(
            actor=kv1_officer, movement=launched, unit=sector.kv1, year=2026, now=NOW
        )
        assert again == kv1_register and kv1_register.status == RegistrationStatus.DRAFT

    def test_after_the_deadline_it_is_refused(self, sector, launched, kv1_officer):
        with pytest.raises(InvalidData) as exc:
            services.open_registration(
                actor=kv1_officer, movement=launched, unit=sector.kv1, year=2026, now=LATER
            )
        assert exc.value.code == "deadline_passed"

    def test_a_year_outside_the_movement_is_refused(self, sector, launched, kv1_officer):
        with pytest.raises(InvalidData):
            services.open_registration(
                actor=kv1_officer, movement=launched, unit=sector.kv1, year=2027, now=NOW
            )

    def test_a_draft_movement_takes_no_registration(self, sector, draft, kv1_officer):
        with pytest.raises(TransitionNotAllowed) as exc:
            services.open_registration(
                actor=kv1_officer, movement=draft, unit=sector.kv1, year=2026, now=NOW
            )
        assert exc.value.code == "invalid_transition"

    def test_a_unit_outside_the_issuers_tree_is_refused(self, sector, officer, vkstc_officer):
        province_movement = movement_services.create_movement(
            actor=officer, issuer=sector.quang_tri, data=data(symbol="KH-VKS"), now=NOW
        )
        movement_services.launch_movement(
            actor=officer,
            movement=province_movement,
            target_levels=["khu_vuc"],
            number="3",
            symbol="KH-VKS",
            signed_on=dt.date(2026, 1, 10),
            now=NOW,
        )
        with pytest.raises(InvalidData):  # even for an officer who may act for Bến Tre
            services.open_registration(
                actor=vkstc_officer,
                movement=province_movement,
                unit=sector.ben_tre,
                year=2026,
                now=NOW,
            )

    def test_a_dissolved_unit_cannot_register(self, sector, launched, vkstc_officer):
        with pytest.raises(InvalidData):
            services.open_registration(
                actor=vkstc_officer, movement=launched, unit=sector.quang_binh, year=2026, now=NOW
            )


class TestLines:
    def test_people_and_the_unit_register_and_the_engine_checks_each_line(
        self, sector, staff, kv1_register, kv1_officer
    ):
        lines = add(
            kv1_register,
            kv1_officer,
            people=[(sector.an, "LDTT"), (staff["cuong"], "CSTDCS")],
            units=["TTLDXS"],
        )
        assert len(lines) == 3
        for line in lines:
            assert line.check_status in CheckStatus.values
            assert line.check_as_of == dt.date(2026, 1, 10)
            assert line.check_reasons
        # Early in the year the year's rating is not known yet: nobody is flagged for that.
        assert not [line for line in lines if line.flagged]

    def test_a_line_already_out_of_reach_is_flagged_with_its_reason(
        self, sector, staff, kv1_register, kv1_officer
    ):
        records.record_discipline(
            actor=None,
            person=staff["dung"],
            level="khien_trach",
            decided_on=dt.date(2026, 1, 5),
            decision_number="01/QĐ-VKS",
            reason="Vi phạm quy chế nghiệp vụ",
        )
        lines = add(
            kv1_register,
            kv1_officer,
            people=[(staff["dung"], "LDTT"), (sector.an, "CSTD_NGANH")],
        )
        by_person = {line.person_id: line for line in lines}
        dung, an = by_person[staff["dung"].pk], by_person[sector.an.pk]
        assert dung.flagged and dung.check_status == CheckStatus.INELIGIBLE
        assert any("kỷ luật" in r["message"].lower() for r in dung.failed_reasons)
        assert an.flagged  # no three consecutive CSTĐCS: CSTĐ ngành is out of reach
        assert an.check_regime
        assert (
            selectors.lines_for(kv1_officer, selectors.RegistrationFilters(flagged=True)).count()
            == 2
        )

    def test_a_person_of_another_unit_is_refused(self, sector, staff, kv1_register, kv1_officer):
        with pytest.raises(InvalidData) as exc:
            add(kv1_register, kv1_officer, people=[(staff["em"], "LDTT")])
        assert exc.value.code == "not_in_unit"

    def test_a_person_registers_once_per_movement_and_year(self, sector, kv1_register, kv1_officer):
        add(kv1_register, kv1_officer, people=[(sector.an, "LDTT")])
        with pytest.raises(Conflict) as exc:
            add(kv1_register, kv1_officer, people=[(sector.an, "CSTDCS")])
        assert exc.value.code == "already_registered"

    def test_a_unit_title_is_registered_once_a_year(self, kv1_register, kv1_officer):
        add(kv1_register, kv1_officer, units=["TTLDXS", "CO_NGANH"])
        with pytest.raises(Conflict):
            add(kv1_register, kv1_officer, units=["TTLDXS"])

    def test_an_individual_title_for_the_unit_is_refused(self, kv1_register, kv1_officer):
        with pytest.raises(InvalidData):
            add(kv1_register, kv1_officer, units=["LDTT"])

    def test_lines_after_the_deadline_are_refused(self, sector, kv1_register, kv1_officer):
        with pytest.raises(InvalidData) as exc:
            add(kv1_register, kv1_officer, people=[(sector.an, "LDTT")], now=LATER)
        assert exc.value.code == "deadline_passed"

    def test_a_stale_copy_is_refused(self, sector, staff, kv1_register, kv1_officer):
        add(kv1_register, kv1_officer, people=[(sector.an, "LDTT")], version=1)
        with pytest.raises(Conflict) as exc:
            add(kv1_register, kv1_officer, people=[(staff["cuong"], "LDTT")], version=1)
        assert exc.value.code == "stale_version"

    def test_removing_a_line_while_drafting(self, sector, kv1_register, kv1_officer):
        [line] = add(kv1_register, kv1_officer, people=[(sector.an, "LDTT")])
        services.remove_registration_line(actor=kv1_officer, line=line, now=NOW)
        assert not kv1_register.lines.exists()


class TestDecision:
    def submitted(self, sector, register, actor):
        add(register, actor, people=[(sector.an, "LDTT")], units=["TTLDXS"])
        return services.submit_registration(actor=actor, registration=register, now=NOW)

    def test_an_empty_register_is_not_sent(self, kv1_register, kv1_officer):
        with pytest.raises(InvalidData):
            services.submit_registration(actor=kv1_officer, registration=kv1_register, now=NOW)

    def test_the_first_sending_is_refused_after_the_deadline(
        self, sector, kv1_register, kv1_officer
    ):
        add(kv1_register, kv1_officer, people=[(sector.an, "LDTT")])
        with pytest.raises(InvalidData) as exc:
            services.submit_registration(actor=kv1_officer, registration=kv1_register, now=LATER)
        assert exc.value.code == "deadline_passed"

    def test_approve(self, sector, kv1_register, kv1_officer, officer):
        self.submitted(sector, kv1_register, kv1_officer)
        services.approve_registration(actor=officer, registration=kv1_register, now=NOW)
        kv1_register.refresh_from_db()
        assert kv1_register.status == RegistrationStatus.APPROVED
        assert [t.to_status for t in kv1_register.transitions.all()] == ["submitted", "approved"]
        with pytest.raises(TransitionNotAllowed) as exc:
            services.return_registration(
                actor=officer,
                registration=kv1_register,
                reason_code="other",
                reason="Cần bổ sung cam kết của tập thể đơn vị",
                now=NOW,
            )
        assert exc.value.code == "final_state"
        with pytest.raises(TransitionNotAllowed):
            services.remove_registration_line(
                actor=kv1_officer, line=kv1_register.lines.first(), now=NOW
            )

    def test_approving_a_draft_is_an_invalid_transition(self, kv1_register, officer):
        with pytest.raises(TransitionNotAllowed) as exc:
            services.approve_registration(actor=officer, registration=kv1_register, now=NOW)
        assert exc.value.code == "invalid_transition"

    @pytest.mark.parametrize(
        ("code", "text"),
        [
            ("", "Thiếu bản cam kết của tập thể đơn vị"),
            ("missing_documents", "Thiếu cam kết"),
            ("x", "Thiếu bản cam kết của tập thể đơn vị"),
        ],
    )
    def test_a_return_needs_a_code_and_20_characters(
        self, sector, kv1_register, kv1_officer, officer, code, text
    ):
        self.submitted(sector, kv1_register, kv1_officer)
        with pytest.raises(InvalidData) as exc:
            services.return_registration(
                actor=officer, registration=kv1_register, reason_code=code, reason=text, now=NOW
            )
        assert exc.value.code == "reason_required"

    def test_a_returned_register_is_corrected_and_sent_again_after_the_deadline(
        self, sector, staff, kv1_register, kv1_officer, officer
    ):
        self.submitted(sector, kv1_register, kv1_officer)
        services.return_registration(
            actor=officer,
            registration=kv1_register,
            reason_code="missing_documents",
            reason="Thiếu bản cam kết của tập thể đơn vị",
            now=NOW,
        )
        row = kv1_register.transitions.last()
        assert (row.to_status, row.reason_code) == ("returned", "missing_documents")
        line = kv1_register.lines.get(unit__isnull=False)
        services.remove_registration_line(actor=kv1_officer, line=line, now=LATER)
        services.submit_registration(actor=kv1_officer, registration=kv1_register, now=LATER)
        assert kv1_register.status == RegistrationStatus.SUBMITTED

    def test_the_level_above_approves_not_the_unit_itself(
        self, sector, launched, officer, vkstc_officer, kv1_register
    ):
        province = services.open_registration(
            actor=officer, movement=launched, unit=sector.quang_tri, year=2026, now=NOW
        )
        add(province, officer, units=["CO_CP"])
        services.submit_registration(actor=officer, registration=province, now=NOW)
        assert not selectors.may_approve(officer, province)
        assert selectors.may_approve(vkstc_officer, province)
        assert selectors.may_approve(officer, kv1_register)
        assert list(selectors.awaiting_approval(vkstc_officer)) == [province]
        assert list(selectors.awaiting_approval(officer)) == []


class TestRollup:
    def test_totals_roll_up_the_tree_like_seed_003(
        self, sector, staff, launched, kv1_register, kv1_officer, officer, vkstc_officer
    ):
        add(
            kv1_register,
            kv1_officer,
            people=[(sector.an, "LDTT"), (staff["cuong"], "CSTDCS"), (staff["dung"], "CSTDCS")],
            units=["TTLDXS", "CO_NGANH"],
        )
        services.submit_registration(actor=kv1_officer, registration=kv1_register, now=NOW)
        services.approve_registration(actor=officer, registration=kv1_register, now=NOW)
        province = services.open_registration(
            actor=officer, movement=launched, unit=sector.quang_tri, year=2026, now=NOW
        )
        add(province, officer, people=[(staff["em"], "LDTT")], units=["CO_CP"])

        data = selectors.rollup(sector.quang_tri, 2026)
        assert data.own.counts == {"LDTT": 1, "CO_CP": 1}
        [kv1] = [r for r in data.rows if r.unit == sector.kv1]
        assert kv1.counts == {"LDTT": 1, "CSTDCS": 2, "TTLDXS": 1, "CO_NGANH": 1}
        assert kv1.approved_total == 5 and kv1.registers == {"approved": 1}
        assert data.total.counts == {"LDTT": 2, "CSTDCS": 2, "TTLDXS": 1, "CO_NGANH": 1, "CO_CP": 1}
        levels = {code: counts for code, _label, counts in data.by_level}
        assert levels["khu_vuc"]["CSTDCS"] == 2 and levels["tinh"]["CO_CP"] == 1
        assert data.sentence == (
            "Viện kiểm sát nhân dân tỉnh Quảng Trị đăng ký danh hiệu «Cờ thi đua của Chính phủ»; "
            "1 đơn vị đăng ký danh hiệu «Tập thể lao động xuất sắc»; "
            "1 đơn vị đăng ký danh hiệu «Cờ thi đua ngành Kiểm sát nhân dân»; "
            "2 đồng chí đăng ký danh hiệu «Lao động tiên tiến»; "
            "2 đồng chí đăng ký danh hiệu «Chiến sĩ thi đua cơ sở»."
        )
        # One level up, the province is one row carrying its whole subtree.
        top = selectors.rollup(sector.vkstc, 2026)
        [qt] = [r for r in top.rows if r.unit == sector.quang_tri]
        assert qt.total == 7
        assert not [r for r in top.rows if r.unit == sector.ben_tre]
