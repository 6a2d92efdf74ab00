from django.urls import path

from . import views

app_name = "democracy"

urlpatterns = [
    path("", views.index, name="index"),
    path("cong-khai/them/", views.posting_create, name="posting_create"),
    path("cong-khai/<int:pk>/", views.posting_detail, name="posting"),
    path("cong-khai/<int:pk>/niem-yet/", views.posting_publish, name="posting_publish"),
    path("cong-khai/<int:pk>/go/", views.posting_take_down, name="posting_take_down"),
    path("cong-khai/<int:pk>/tep/", views.posting_attach, name="posting_attach"),
    path("cong-khai/<int:pk>/tep/<int:attachment_pk>/", views.attachment_download, name="attachment"),
    path("lay-y-kien/them/", views.consultation_create, name="consultation_create"),
    path("lay-y-kien/<int:pk>/", views.consultation_detail, name="consultation"),
    path("lay-y-kien/<int:pk>/y-kien/", views.opinion_record, name="opinion_record"),
    path("lay-y-kien/<int:pk>/tong-hop/", views.consultation_conclude, name="consultation_conclude"),
    path("dan-quyet/them/", views.decision_create, name="decision_create"),
    path("dan-quyet/<int:pk>/", views.decision_detail, name="decision"),
    path("dan-quyet/<int:pk>/bien-ban/", views.decision_minutes, name="decision_minutes"),
    path("ban-giam-sat/them/", views.board_create, name="board_create"),
    path("ban-giam-sat/<int:pk>/", views.board_detail, name="board"),
    path("ban-giam-sat/<int:pk>/hoat-dong/", views.board_activity, name="board_activity"),
]
