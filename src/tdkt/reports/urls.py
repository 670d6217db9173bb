from tdkt.reports.views import dashboard, documents

app_name = "reports"
urlpatterns = [*dashboard.urlpatterns, *documents.urlpatterns]
