from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import views

admin.site.site_header = _("Quản trị danvan")
admin.site.site_title = _("Quản trị danvan")
admin.site.index_title = _("Cấu hình hệ thống")

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("tai-khoan/", include("danvan.accounts.urls")),
    path("don-vi/", include("danvan.units.urls")),
    path("y-kien/", include("danvan.petitions.urls")),
    path("hoi-nghi/", include("danvan.meetings.urls")),
    path("bao-cao/", include("danvan.reports.urls")),
    path("dan-van-kheo/", include("danvan.emulation.urls")),
    path("so-lieu/", include("danvan.activities.urls")),
    path("dan-chu/", include("danvan.democracy.urls")),
    path("nhip-du-luan/", include("danvan.pulse.urls")),
    path("cong-dan/", include("danvan.portal.urls")),
    path("", include("danvan.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("quan-tri/", admin.site.urls),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
