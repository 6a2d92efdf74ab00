from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Hotspot, HotspotEvent, HotspotSettings


@admin.register(HotspotSettings)
class HotspotSettingsAdmin(admin.ModelAdmin):
    """The rules' thresholds: the row without a unit is the default, a row per unit overrides it."""

    list_display = (
        "__str__",
        "surge_window_days",
        "surge_min_count",
        "surge_p_value",
        "repeat_min_records",
        "repeat_days",
        "crowd_min_people",
        "stalled_min_records",
    )
    autocomplete_fields = ("unit",)
    fieldsets = (
        (None, {"fields": ("unit",)}),
        (
            _("Tăng đột biến"),
            {"fields": ("surge_window_days", "surge_baseline_windows", "surge_min_count", "surge_p_value")},
        ),
        (
            _("Lặp lại, kéo dài"),
            {"fields": ("repeat_min_records", "repeat_days", "repeat_low_rating", "repeat_good_rating")},
        ),
        (
            _("Vượt cấp, đông người, tồn đọng"),
            {"fields": ("skipped_level_days", "crowd_min_people", "crowd_days", "stalled_min_records")},
        ),
    )


class EventInline(admin.TabularInline):
    model = HotspotEvent
    extra = 0
    can_delete = False
    readonly_fields = ("kind", "at", "actor", "text", "severity")
    fields = readonly_fields


@admin.register(Hotspot)
class HotspotAdmin(admin.ModelAdmin):
    list_display = ("title", "rule", "unit", "topic", "severity", "status", "last_detected_on")
    list_filter = ("rule", "status", "severity")
    readonly_fields = (
        "key",
        "rule",
        "unit",
        "topic",
        "concern",
        "figures",
        "first_detected_on",
        "last_detected_on",
    )
    raw_id_fields = ("owner",)
    inlines = [EventInline]
