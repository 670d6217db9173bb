from django.urls import path

from tdkt.records import views_facts, views_initiatives, views_violations

app_name = "records"
urlpatterns = [
    # The year's facts of a unit's staff (views_facts.py).
    path("don-vi/<int:pk>/so-lieu-nam/", views_facts.facts_grid_view, name="facts_grid"),
    path(
        "don-vi/<int:pk>/so-lieu-nam/<int:year>/can-bo/<int:person_pk>/",
        views_facts.facts_row,
        name="facts_row",
    ),
    path(
        "don-vi/<int:pk>/so-lieu-nam/<int:year>/xep-loai-don-vi/",
        views_facts.facts_unit_rating,
        name="facts_unit_rating",
    ),
    # Initiatives and a unit's violations (views_initiatives.py, views_violations.py).
    path(
        "don-vi/<int:unit_pk>/sang-kien/",
        views_initiatives.initiative_list,
        name="initiative_list",
    ),
    path(
        "don-vi/<int:unit_pk>/sang-kien/them/",
        views_initiatives.initiative_create,
        name="initiative_create",
    ),
    path("sang-kien/<int:pk>/", views_initiatives.initiative_detail, name="initiative_detail"),
    path("sang-kien/<int:pk>/sua/", views_initiatives.initiative_edit, name="initiative_edit"),
    path("sang-kien/<int:pk>/xoa/", views_initiatives.initiative_remove, name="initiative_remove"),
    path("don-vi/<int:unit_pk>/vi-pham/", views_violations.violation_list, name="violation_list"),
    path(
        "don-vi/<int:unit_pk>/vi-pham/them/",
        views_violations.violation_create,
        name="violation_create",
    ),
    path("vi-pham/<int:pk>/sua/", views_violations.violation_edit, name="violation_edit"),
    path("vi-pham/<int:pk>/xoa/", views_violations.violation_remove, name="violation_remove"),
]
