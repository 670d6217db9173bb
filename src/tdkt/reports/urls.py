from tdkt.reports.views import dashboard, documents, ledger

app_name = "reports"
urlpatterns = [*dashboard.urlpatterns, *documents.urlpatterns, *ledger.urlpatterns]
