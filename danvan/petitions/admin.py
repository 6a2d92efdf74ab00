from django.contrib import admin

from danvan.textproc.folding import fold

from .models import LegalLimit, Topic


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ("name", "parent", "code", "sort_order", "is_active")
    list_filter = ("is_active", "parent")
    search_fields = ("search_key", "code")

    def save_model(self, request, obj, form, change):
        obj.search_key = fold(obj.name)
        super().save_model(request, obj, form, change)


@admin.register(LegalLimit)
class LegalLimitAdmin(admin.ModelAdmin):
    list_display = (
        "kind",
        "acceptance_days",
        "resolution_days",
        "resolution_days_complex",
        "remote_resolution_days",
        "max_extensions",
        "extension_days",
        "day_type",
    )
