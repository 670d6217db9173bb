"""A URL map for the kernel's tests: one view that lets a service's refusal escape."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from tdkt.errors import NotAllowed


def refusing_view(request: HttpRequest) -> HttpResponse:
    raise NotAllowed("Chỉ cấp trên mới được duyệt.")


urlpatterns = [path("tu-choi/", refusing_view), path("", include("tdkt.urls"))]
