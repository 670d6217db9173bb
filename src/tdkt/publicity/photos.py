"""Serving a photo: the resized picture or its thumbnail, read from storage by the view that
checked who may see it (never a URL under MEDIA_ROOT, which also holds private dossier files).

A photo's files never change (their names are their hashes), so the hash is a strong ETag and a
browser that has the picture gets 304. Public copies may be kept by shared caches for an hour,
which bounds how long a picture taken off the site can still be seen; staff copies stay
private to the browser."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control

from tdkt.publicity import images
from tdkt.publicity.models import Photo

PUBLIC_MAX_AGE = 3600
STAFF_MAX_AGE = 600


def photo_response(
    request: HttpRequest, photo: Photo, *, public: bool, thumbnail: bool = False
) -> HttpResponse:
    etag = f'"{photo.sha256}{"-nho" if thumbnail else ""}"'
    if etag in request.headers.get("If-None-Match", ""):
        response: HttpResponse = HttpResponseNotModified()
    else:
        path = photo.thumbnail.name if thumbnail else photo.image.name
        response = HttpResponse(images.read(path), content_type="image/jpeg")
        response["Content-Disposition"] = "inline"
        response["X-Content-Type-Options"] = "nosniff"
    response["ETag"] = etag
    if public:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    else:
        patch_cache_control(response, private=True, max_age=STAFF_MAX_AGE)
    return response
