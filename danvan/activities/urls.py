from django.urls import path

from . import views, views_files, views_supervision

app_name = "activities"

urlpatterns = [
    path("", views.index, name="index"),
    path("giam-sat/", views_supervision.activity_list, name="supervision_list"),
    path("giam-sat/ghi-nhan/", views_supervision.activity_create, name="supervision_create"),
    path("giam-sat/<int:pk>/", views_supervision.activity_detail, name="supervision_detail"),
    path("giam-sat/<int:pk>/kien-nghi/", views_supervision.recommendation_add, name="recommendation_add"),
    path("kien-nghi/<int:pk>/", views_supervision.recommendation_update, name="recommendation_update"),
    path("bo/<slug:code>/", views.data_set_grid, name="data_set"),
    path("bo/<slug:code>/tinh-hinh/", views.completeness, name="completeness"),
    path("bo/<slug:code>/kiem-tra/", views.validation_run, name="validation"),
    path("bo/<slug:code>/nhap-tep/", views_files.import_view, name="import"),
    path("bo/<slug:code>/mau/", views_files.template_view, name="template"),
    path("bo/<slug:code>/<int:unit_id>/<str:period_key>/", views.entry, name="entry"),
    path("bo/<slug:code>/<int:unit_id>/<str:period_key>/<slug:action>/", views.entry_action, name="action"),
]
