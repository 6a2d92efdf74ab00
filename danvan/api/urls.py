"""Included at the site root: the REST API, the Open311 face and the token pages."""

from django.urls import path, re_path

from . import views
from .open311 import views as open311
from .v1 import api

app_name = "api"

FORMAT = r"\.(?P<fmt>xml|json)$"

urlpatterns = [
    path("api/v1/", api.urls),
    path("tai-khoan/api-token/", views.tokens, name="tokens"),
    path("tai-khoan/api-token/<int:pk>/thu-hoi/", views.token_revoke, name="token_revoke"),
    re_path(r"^open311/v2/discovery" + FORMAT, open311.discovery, name="open311_discovery"),
    re_path(r"^open311/v2/services" + FORMAT, open311.services, name="open311_services"),
    re_path(
        r"^open311/v2/services/(?P<code>[-\w]{1,60})" + FORMAT,
        open311.service_definition,
        name="open311_service",
    ),
    re_path(r"^open311/v2/requests" + FORMAT, open311.requests, name="open311_requests"),
    re_path(
        r"^open311/v2/requests/(?P<request_id>[-\w]{1,40})" + FORMAT,
        open311.service_request,
        name="open311_request",
    ),
]
