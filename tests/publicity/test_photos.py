"""Photos: accepted only if Pillow reads a JPEG, PNG or WebP (whatever the name), re-encoded into a
resized copy and a thumbnail without the upload's metadata, stored once under their hash; only
while the example may be edited; with a description for readers who cannot see it."""

from __future__ import annotations

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tdkt.errors import InvalidData, TransitionNotAllowed
from tdkt.publicity import images
from tdkt.publicity.services import examples
from tests.publicity.builders import draft, jpeg_bytes, jpeg_upload, submitted

pytestmark = pytest.mark.django_db


def add(world, example, upload, alt="Ảnh đồng chí An tại phiên tòa"):
    return examples.add_photo(
        actor=world.kv1_officer,
        example=example,
        upload=upload,
        alt_text=alt,
        version=example.version,
    )


def test_a_large_photo_is_resized_with_a_thumbnail_and_loses_its_gps_tags(world):
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (17.0, 28.0, 0.0)}  # GPSInfo
    exif[0x010F] = "Máy ảnh của người dân"
    upload = SimpleUploadedFile("IMG_2031.JPG", jpeg_bytes((3000, 2000), exif=exif))
    photo = add(world, draft(world), upload)
    assert (photo.width, photo.height) == (1600, 1067)
    with default_storage.open(photo.image.name) as handle:
        stored = Image.open(io.BytesIO(handle.read()))
    assert stored.format == "JPEG" and stored.size == (1600, 1067)
    assert not stored.getexif()
    with default_storage.open(photo.thumbnail.name) as handle:
        assert Image.open(io.BytesIO(handle.read())).size == images.THUMB_SIZE
    assert photo.image.name == f"dien-hinh/{photo.sha256[:2]}/{photo.sha256}.jpg"
    assert photo.original_name == "IMG_2031.JPG"


def test_a_png_with_transparency_is_accepted_and_put_on_white(world):
    picture = Image.new("RGBA", (400, 300), (0, 0, 0, 0))
    out = io.BytesIO()
    picture.save(out, "PNG")
    photo = add(world, draft(world), SimpleUploadedFile("logo.png", out.getvalue()))
    with default_storage.open(photo.image.name) as handle:
        assert Image.open(io.BytesIO(handle.read())).getpixel((10, 10)) == (255, 255, 255)


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("anh.jpg", b"Day khong phai la anh, chi la van ban."),
        SimpleUploadedFile("anh.png", b"%PDF-1.4\n% mot tep PDF doi ten\n%%EOF\n"),
        SimpleUploadedFile("anh.jpg", jpeg_bytes()[:300]),  # cut short
    ],
    ids=["text", "pdf", "truncated"],
)
def test_a_file_that_is_not_an_image_is_refused_in_vietnamese(world, upload):
    example = draft(world)
    with pytest.raises(InvalidData, match="không phải là ảnh") as refused:
        add(world, example, upload)
    assert refused.value.code == "file_type"
    assert not example.photos.exists()


def test_too_big_too_small_and_undescribed_photos_are_refused(world, settings):
    example = draft(world)
    settings.TDKT_MAX_UPLOAD_BYTES = 20_000
    with pytest.raises(InvalidData, match="vượt giới hạn"):
        add(world, example, jpeg_upload(size=(1200, 900)))
    settings.TDKT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
    with pytest.raises(InvalidData, match="quá nhỏ"):
        add(world, example, jpeg_upload(size=(120, 90)))
    with pytest.raises(InvalidData, match="mô tả"):
        add(world, example, jpeg_upload(), alt="   ")


def test_the_same_picture_is_stored_once(world):
    example = draft(world)
    first = add(world, example, jpeg_upload())
    second = add(world, example, jpeg_upload(name="ban-sao.jpg"))
    assert first.image.name == second.image.name and first.pk != second.pk
    assert [p.order for p in example.photos.all()] == [0, 1]


def test_photos_change_only_while_the_example_may_be_edited(world):
    example = submitted(world)
    with pytest.raises(TransitionNotAllowed):
        add(world, example, jpeg_upload())
    editable = draft(world)
    photo = add(world, editable, jpeg_upload())
    examples.remove_photo(actor=world.kv1_officer, photo=photo, version=editable.version)
    assert not editable.photos.exists()
    assert default_storage.exists(photo.image.name)  # files are never deleted
