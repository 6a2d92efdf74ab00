from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.report_view, name="report"),
    path("kiem-tra-so-lieu/", views.figure_check, name="figure_check"),
]
