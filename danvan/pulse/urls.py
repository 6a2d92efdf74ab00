from django.urls import path

from . import views

app_name = "pulse"

urlpatterns = [
    path("tuong-tu/", views.similar_box, name="similar_box"),
    path("y-kien/<int:pk>/tuong-tu/", views.petition_similar, name="petition_similar"),
    path("y-kien/<int:pk>/lien-ket/", views.concern_link, name="concern_link"),
    path("y-kien/<int:pk>/tach/", views.concern_unlink, name="concern_unlink"),
]
