from django.urls import path

from . import views

app_name = "petitions"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("xuat-excel/", views.inbox_export, name="export"),
    path("ghi-nhan/", views.petition_create, name="create"),
    path("ghi-nhan/goi-y-linh-vuc/", views.topic_suggest, name="topic_suggest"),
    path("<int:pk>/", views.petition_detail, name="detail"),
    path("<int:pk>/tep/<int:attachment_pk>/", views.attachment_download, name="attachment"),
    path("<int:pk>/<slug:action>/", views.petition_action, name="action"),
]
