from django.contrib import admin

from .models import Meeting, MeetingChair, MeetingType, Opinion, Plan, PlanRequirement


@admin.register(MeetingType)
class MeetingTypeAdmin(admin.ModelAdmin):
    list_display = ("name", "category", "code", "sort_order", "is_active")
    list_filter = ("category", "is_active")


class PlanRequirementInline(admin.TabularInline):
    model = PlanRequirement
    extra = 0


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ("number", "unit", "issued_on", "title")
    raw_id_fields = ("unit", "pilot_units", "created_by")
    inlines = [PlanRequirementInline]


class ChairInline(admin.TabularInline):
    model = MeetingChair
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("meeting_type", "host_unit", "starts_at", "status", "attendance")
    list_filter = ("status", "meeting_type", "level")
    raw_id_fields = ("host_unit", "venue_unit", "created_by")
    inlines = [ChairInline]


@admin.register(Opinion)
class OpinionAdmin(admin.ModelAdmin):
    list_display = ("meeting", "position", "outcome", "topic")
    raw_id_fields = ("meeting", "petition")
