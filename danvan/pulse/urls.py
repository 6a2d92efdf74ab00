from django.urls import path

from . import views, views_hotspots

app_name = "pulse"

urlpatterns = [
    path("tuong-tu/", views.similar_box, name="similar_box"),
    path("y-kien/<int:pk>/tuong-tu/", views.petition_similar, name="petition_similar"),
    path("y-kien/<int:pk>/lien-ket/", views.concern_link, name="concern_link"),
    path("y-kien/<int:pk>/tach/", views.concern_unlink, name="concern_unlink"),
    path("", views_hotspots.pulse_page, name="pulse"),
    path("ban-do.json", views_hotspots.pulse_map, name="pulse_map"),
    path("diem-nong/", views_hotspots.hotspot_list, name="hotspot_list"),
    path("diem-nong/<int:pk>/", views_hotspots.hotspot_detail, name="hotspot_detail"),
    path("diem-nong/<int:pk>/<slug:action>/", views_hotspots.hotspot_action, name="hotspot_action"),
]
