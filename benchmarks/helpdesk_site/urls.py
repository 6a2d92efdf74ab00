"""URLs of the django-helpdesk benchmark site: the helpdesk at the root, nothing else."""

from django.urls import include, path

urlpatterns = [path("", include("helpdesk.urls", namespace="helpdesk"))]
