from django.urls import path

from . import views, views_democracy, views_similar

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("gui-y-kien/", views.submit, name="submit"),
    path("gui-y-kien/da-gui/", views.submitted, name="submitted"),
    path("tra-cuu/", views.track, name="track"),
    path("tra-cuu/<str:code>/danh-gia/", views.rate, name="rate"),
    path("tra-cuu/<str:code>/xem-xet-lai/", views.reopen, name="reopen"),
    path("da-tra-loi/", views.answered, name="answered"),
    path("da-tra-loi/<int:pk>/", views_similar.answered_detail, name="answered_detail"),
    path("gui-y-kien/tuong-tu/", views_similar.similar, name="similar"),
    path("gui-y-kien/goi-y-linh-vuc/", views_similar.topic_suggest, name="topic_suggest"),
    path("don-vi/xa/", views.communes, name="communes"),
    path("don-vi/thon/", views.hamlets, name="hamlets"),
    path("dan-chu/", views_democracy.board_index, name="democracy"),
    path("dan-chu/xa/<int:pk>/", views_democracy.board, name="democracy_board"),
    path("dan-chu/xa/<int:pk>.json", views_democracy.board_json_view, name="democracy_board_json"),
    path("dan-chu/tep/<int:pk>/<int:attachment_pk>/", views_democracy.attachment, name="democracy_file"),
    path("dan-chu/lay-y-kien/<int:pk>/", views_democracy.consultation, name="democracy_consultation"),
]
