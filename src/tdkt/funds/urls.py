"""Quỹ thi đua, khen thưởng."""

from django.urls import path

from tdkt.funds import views

app_name = "funds"
urlpatterns = [
    path("", views.fund_list, name="fund_list"),
    path("mo-so/", views.fund_open, name="fund_open"),
    path("tim-don-vi/", views.unit_search, name="unit_search"),
    path("<int:pk>/", views.fund_detail, name="fund_detail"),
    path("<int:pk>/trich-lap/", views.allocation_add, name="allocation_add"),
    path("<int:pk>/dong-gop/", views.contribution_add, name="contribution_add"),
    path("<int:pk>/chi/", views.spending_add, name="spending_add"),
    path("but-toan/<int:pk>/dao/", views.entry_reverse, name="entry_reverse"),
    path("<int:pk>/bao-cao.xlsx", views.fund_xlsx, name="fund_xlsx"),
    path("<int:pk>/bao-cao.docx", views.fund_docx, name="fund_docx"),
]
