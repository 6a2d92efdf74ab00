from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("ghi-nhan/", views.meeting_create, name="create"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/y-kien/", views.opinion_add, name="opinion_add"),
    path("<int:pk>/bien-ban/", views.minutes_download, name="minutes"),
    path("goi-y-linh-vuc/", views.topic_suggest, name="topic_suggest"),
    path("tuan-thu/", views.compliance_view, name="compliance"),
    path("ke-hoach/", views.plan_list, name="plans"),
    path("lich/<int:unit_pk>/", views.public_calendar, name="public_calendar"),
    path("lich/<int:unit_pk>.ics", views.public_calendar_ics, name="public_calendar_ics"),
]
