"""Uploads (type from the content, size, SHA-256, never lost), the checklist of each award, and the
generated tờ trình and báo cáo thành tích."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from tdkt.documents.docx import plain_text
from tdkt.errors import InvalidData, NotAllowed, TransitionNotAllowed
from tdkt.nominations import documents
from tdkt.nominations.models import Component
from tdkt.nominations.services import components, dossiers, moves
from tdkt.workflow.clock import at_noon
from tests.nominations.builders import DAY, docx_upload, new_dossier, pdf_bytes, pdf_upload

pytestmark = pytest.mark.django_db


def test_an_upload_is_stored_with_its_checksum_and_verified(world):
    dossier = new_dossier(world, awards={world.s.an: "LDTT"}, minutes=False)
    content = pdf_bytes("Biên bản bình xét năm 2025")
    component = components.upload_component(
        actor=world.kv1_officer,
        dossier=dossier,
        kind="bien_ban",
        upload=SimpleUploadedFile("biên bản.pdf", content),
    )
    assert component.sha256 == hashlib.sha256(content).hexdigest()
    assert component.size == len(content) and component.content_type == "application/pdf"
    assert component.original_name == "biên bản.pdf"
    with default_storage.open(component.file.name, "rb") as handle:
        assert handle.read() == content
    assert components.verify(component)
    with default_storage.open(component.file.name, "wb") as handle:
        handle.write(b"%PDF-1.4 altered")
    assert not components.verify(component)


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("bien-ban.pdf", b"MZ\x90\x00 an executable renamed", "file_type"),
        ("bien-ban.exe", b"%PDF-1.4 a pdf with a wrong name", "file_type"),
        ("bien-ban.docx", b"PK\x03\x04 not really a zip", "file_type"),
        ("anh.png", b"\xff\xd8\xff a jpeg named png", "file_type"),
        ("rong.pdf", b"", "empty_file"),
    ],
)
def test_uploads_are_checked_by_their_content(world, name, content, code):
    dossier = new_dossier(world, awards={world.s.an: "LDTT"}, minutes=False)
    with pytest.raises(InvalidData) as refused:
        components.upload_component(
            actor=world.kv1_officer,
            dossier=dossier,
            kind="bien_ban",
            upload=SimpleUploadedFile(name, content),
        )
    assert refused.value.code == code
    assert not Component.objects.filter(dossier=dossier).exists()


def test_an_oversized_upload_is_refused(world, settings):
    settings.TDKT_MAX_UPLOAD_BYTES = 1024
    dossier = new_dossier(world, awards={world.s.an: "LDTT"}, minutes=False)
    with pytest.raises(InvalidData, match="vượt giới hạn") as refused:
        components.upload_component(
            actor=world.kv1_officer,
            dossier=dossier,
            kind="bien_ban",
            upload=SimpleUploadedFile("lon.pdf", b"%PDF-1.4\n" + b"x" * 2000),
        )
    assert refused.value.code == "file_too_large"


def test_word_excel_and_images_are_accepted(world):
    dossier = new_dossier(world, awards={world.s.an: "LDTT"}, minutes=False)
    signed = components.upload_component(
        actor=world.kv1_officer, dossier=dossier, kind="to_trinh", upload=docx_upload()
    )
    assert signed.content_type.endswith("wordprocessingml.document")
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
    image = components.upload_component(
        actor=world.kv1_officer,
        dossier=dossier,
        kind="khac",
        upload=SimpleUploadedFile("anh.png", png),
    )
    assert image.content_type == "image/png"


def test_nothing_is_ever_lost(world):
    """A second upload of the same kind replaces the first for reading; both stay stored; a
    failure inside the transaction removes only the file it had just written."""
    dossier = new_dossier(world, awards={world.s.an: "LDTT"}, minutes=False)
    first = components.upload_component(
        actor=world.kv1_officer,
        dossier=dossier,
        kind="bien_ban",
        upload=pdf_upload("v1.pdf", "Bản 1"),
    )
    second = components.upload_component(
        actor=world.kv1_officer,
        dossier=dossier,
        kind="bien_ban",
        upload=pdf_upload("v2.pdf", "Bản 2"),
    )
    assert components.latest(dossier, "bien_ban") == second
    assert set(dossier.components.values_list("pk", flat=True)) == {first.pk, second.pk}
    assert default_storage.exists(first.file.name) and default_storage.exists(second.file.name)
    assert not hasattr(components, "delete_component")
    candidate = dossier.candidates.get()
    components.upload_component(
        actor=world.kv1_officer,
        dossier=dossier,
        kind="bao_cao",
        candidate=candidate,
        upload=pdf_upload("bao-cao.pdf"),
    )
    with pytest.raises(InvalidData, match="tệp đính kèm"):
        dossiers.remove_candidate(
            actor=world.kv1_officer, candidate=candidate, version=dossier.version
        )


def test_a_failed_transaction_leaves_no_orphan_file(world, monkeypatch):
    dossier = new_dossier(world, awards={world.s.an: "LDTT"}, minutes=False)
    written: list[str] = []
    from tdkt.nominations import uploads

    original = uploads.store

    def store(upload, checked, folder):
        path = original(upload, checked, folder)
        written.append(path)
        return path

    monkeypatch.setattr(uploads, "store", store)
    monkeypatch.setattr(
        "tdkt.nominations.services.components.record",
        lambda **kw: (_ for _ in ()).throw(RuntimeError("audit down")),
    )
    with pytest.raises(RuntimeError):
        components.upload_component(
            actor=world.kv1_officer, dossier=dossier, kind="bien_ban", upload=pdf_upload()
        )
    assert written and not default_storage.exists(written[0])
    assert not Component.objects.filter(dossier=dossier).exists()


def test_uploads_follow_who_holds_the_dossier(world, outsider):
    dossier = new_dossier(world, awards={world.s.an: "LDTT"})
    with pytest.raises(NotAllowed):
        components.upload_component(
            actor=outsider, dossier=dossier, kind="khac", upload=pdf_upload()
        )
    moves.submit_dossier(
        actor=world.kv1_officer, dossier=dossier, version=dossier.version, now=at_noon(DAY)
    )
    with pytest.raises(TransitionNotAllowed):
        components.upload_component(
            actor=world.kv1_officer, dossier=dossier, kind="khac", upload=pdf_upload()
        )
    moves.receive_dossier(actor=world.qt_officer, dossier=dossier, version=dossier.version)
    components.upload_component(
        actor=world.qt_officer, dossier=dossier, kind="khac", upload=pdf_upload("tham-dinh.pdf")
    )


def test_the_checklist_of_each_award(world):
    s = world.s
    dossier = new_dossier(world, awards={s.an: "CSTD_NGANH", world.cuc: "CSTDCS"}, minutes=False)
    lines = {
        (line.kind, line.candidate.name if line.candidate else ""): line
        for line in components.checklist(dossier)
    }
    assert lines[("to_trinh", "")].source == "generated"
    assert lines[("bao_cao", "Nguyễn Văn An")].source == "generated"
    assert lines[("bien_ban", "")].source == ""  # missing: the unit's minutes with the vote
    assert lines[("sang_kien", "Nguyễn Văn An")].source == "uploaded"
    # CSTĐCS: an HTXS rating of the year in the records stands in for an initiative.
    cuc = lines[("sang_kien", "Lê Thị Cúc")]
    assert cuc.satisfied and cuc.source == "records" and "xuất sắc" in cuc.evidence
    assert components.missing_components(dossier) == ["Biên bản họp xét (kèm kết quả bỏ phiếu)"]


def test_the_sudden_procedure_needs_no_report_nor_minutes(world):
    dossier = dossiers.create_dossier(
        actor=world.kv1_officer, unit=world.s.kv1, kind="dot_xuat", year=2025
    )
    dossiers.add_candidate(
        actor=world.kv1_officer,
        dossier=dossier,
        version=None,
        award="GIAY_KHEN",
        person=world.s.an,
        now=at_noon(DAY),
    )
    kinds = {line.kind for line in components.checklist(dossier)}
    assert kinds == {"to_trinh", "thanh_tich"}


def test_the_generated_documents_read_from_the_data(world):
    dossier = new_dossier(world, awards={world.s.an: "LDTT", world.cuc: "CSTDCS"})
    dossiers.update_dossier(
        actor=world.kv1_officer,
        dossier=dossier,
        version=dossier.version,
        number="12",
        signer_name="Hồ Văn Ký",
        signer_title="Viện trưởng",
    )
    moves.submit_dossier(
        actor=world.kv1_officer, dossier=dossier, version=dossier.version, now=at_noon(DAY)
    )
    text = plain_text(documents.proposal_docx(dossier))
    assert "TỜ TRÌNH" in text and "Số: 12/TTr-VKS" in text
    assert "Quảng Trị, ngày 12 tháng 01 năm 2026" in text
    assert "Kính gửi: Viện kiểm sát nhân dân tỉnh Quảng Trị." in text
    assert "Nguyễn Văn An" in text and "Chiến sĩ thi đua cơ sở" in text and "Hồ Văn Ký" in text
    report = plain_text(documents.report_docx(dossier.candidates.get(person=world.cuc)))
    assert "BÁO CÁO THÀNH TÍCH" in report and "Lê Thị Cúc" in report
    assert "Sinh ngày: 09/06/1988" in report and "Hoàn thành xuất sắc nhiệm vụ năm 2025" in report
    assert documents.place_of(world.s.vkstc) == "Hà Nội"
