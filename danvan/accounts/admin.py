from django.contrib import admin

from .models import Membership


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "unit", "role", "organisation", "is_active", "created_at")
    list_filter = ("role", "is_active")
    raw_id_fields = ("user", "unit", "organisation", "created_by")
    search_fields = ("user__username", "unit__search_key")
