from django.urls import include, path

from tdkt.records.views_home import home

urlpatterns = [
    path("", home, name="home"),
    path("", include("tdkt.ops.urls")),
    path("tai-khoan/", include("tdkt.accounts.urls")),
    path("quan-tri/tai-khoan/", include("tdkt.accounts.admin_urls")),
    path("quan-tri/lich-lam-viec/", include("tdkt.workdays.urls")),
    path("don-vi/", include("tdkt.org.urls")),
    path("can-bo/", include("tdkt.people.urls")),
    path("khen-thuong/", include("tdkt.records.urls")),
    path("nhap-du-lieu/", include("tdkt.imports.urls")),
    path("nhat-ky/", include("tdkt.audit.urls")),
    path("xet-dieu-kien/", include("tdkt.eligibility.urls")),
    path("phong-trao/", include("tdkt.movements.urls")),
    path("ho-so/", include("tdkt.nominations.urls")),
    path("hoi-dong/", include("tdkt.council.urls")),
    path("quyet-dinh/", include("tdkt.decisions.urls")),
    path("thong-bao/", include("tdkt.notifications.urls")),
    path("dien-hinh/", include("tdkt.publicity.urls")),
    path("cong-khai/", include("tdkt.publicity.public_urls")),
    path("kiem-tra/", include("tdkt.inspections.urls")),
    path("quy-thi-dua/", include("tdkt.funds.urls")),
    path("bao-cao/", include("tdkt.reports.urls")),
    path("api/", include("tdkt.api")),
]
