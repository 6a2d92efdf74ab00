from django.urls import path

from . import views

app_name = "units"

urlpatterns = [
    path("", views.unit_tree, name="tree"),
    path("<int:pk>/", views.unit_detail, name="detail"),
    path("<int:pk>/them-thon/", views.hamlet_add, name="hamlet_add"),
]
