"""The law's lists are kept here by administrators; records are shown read-mostly for support."""

from django.contrib import admin

from .models import (
    BoardMember,
    Consultation,
    ConsultationSubject,
    Decision,
    DecisionMatter,
    DisclosureCategory,
    DisclosureForm,
    Posting,
    SupervisionBoard,
)


class LegalItemAdmin(admin.ModelAdmin):
    list_display = ("name", "article", "code", "sort_order", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name", "code", "article")


@admin.register(DisclosureCategory)
class DisclosureCategoryAdmin(LegalItemAdmin):
    list_display = (*LegalItemAdmin.list_display, "recurrence", "min_days", "publish_within_days")


@admin.register(DecisionMatter)
class DecisionMatterAdmin(LegalItemAdmin):
    list_display = (*LegalItemAdmin.list_display, "quorum_percent", "pass_percent", "pass_base")


admin.site.register(DisclosureForm, LegalItemAdmin)
admin.site.register(ConsultationSubject, LegalItemAdmin)


@admin.register(Posting)
class PostingAdmin(admin.ModelAdmin):
    list_display = ("title", "unit", "category", "due_on", "posted_on", "period_end", "on_time")
    list_filter = ("category", "on_time")
    raw_id_fields = ("unit", "hamlet", "created_by")


@admin.register(Consultation)
class ConsultationAdmin(admin.ModelAdmin):
    list_display = ("title", "unit", "opens_on", "closes_on", "concluded_on")
    raw_id_fields = ("unit", "hamlet", "created_by", "result_posting")


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "unit",
        "held_on",
        "households_entitled",
        "households_present",
        "votes_for",
        "passed",
    )
    raw_id_fields = ("unit", "created_by")


class MemberInline(admin.TabularInline):
    model = BoardMember
    extra = 0


@admin.register(SupervisionBoard)
class SupervisionBoardAdmin(admin.ModelAdmin):
    list_display = ("__str__", "term_start", "term_end")
    list_filter = ("kind",)
    raw_id_fields = ("unit", "created_by")
    inlines = [MemberInline]
