from django.contrib import admin

from .models import (
    AnnualRating,
    Assessment,
    CriteriaGroup,
    CriteriaSet,
    Criterion,
    EmulationModel,
    Evidence,
    GradeBand,
    ModelEvent,
    QuarterReport,
    RecognitionDecision,
    Score,
)


class CriteriaGroupInline(admin.TabularInline):
    model = CriteriaGroup
    extra = 0
    show_change_link = True


class GradeBandInline(admin.TabularInline):
    model = GradeBand
    extra = 0


@admin.register(CriteriaSet)
class CriteriaSetAdmin(admin.ModelAdmin):
    list_display = ("name", "subject", "unit", "version", "status", "frozen_at", "published_at")
    list_filter = ("subject", "status")
    search_fields = ("name", "unit__name")
    raw_id_fields = ("unit", "based_on")
    readonly_fields = ("frozen_at", "published_by", "created_by", "created_at")
    inlines = [CriteriaGroupInline, GradeBandInline]

    def has_change_permission(self, request, obj=None):
        # A set scored on is frozen: the page's "new version" keeps past scores meaningful.
        return super().has_change_permission(request, obj) and not (obj and obj.is_frozen)


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(CriteriaGroup)
class CriteriaGroupAdmin(admin.ModelAdmin):
    list_display = ("__str__", "criteria_set", "order")
    list_filter = ("criteria_set__subject",)
    inlines = [CriterionInline]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj and obj.criteria_set.is_frozen)


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    fields = ("original_name", "content_type", "size", "caption", "is_public", "uploaded_at")
    readonly_fields = ("original_name", "content_type", "size", "uploaded_at")


class ModelEventInline(admin.TabularInline):
    model = ModelEvent
    extra = 0
    can_delete = False
    readonly_fields = ("kind", "at", "actor", "text")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(EmulationModel)
class EmulationModelAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "field", "unit", "year", "status", "recognition_level", "decision_date")
    list_filter = ("status", "field", "kind", "recognition_level", "year")
    search_fields = ("search_key", "name", "owner_name", "decision_number")
    raw_id_fields = ("unit", "owner_organisation", "criteria_set", "decision", "replicated_from")
    readonly_fields = (
        "status", "self_score", "appraisal_score", "grade", "province_code", "district_code", "commune_code",
        "version", "created_by", "decided_by",
    )  # fmt: skip
    inlines = [EvidenceInline, ModelEventInline]


@admin.register(RecognitionDecision)
class RecognitionDecisionAdmin(admin.ModelAdmin):
    list_display = ("number", "date", "level", "unit", "issuer_name", "award")
    list_filter = ("level", "issuer_kind", "award")
    search_fields = ("number", "issuer_name", "unit__name")
    raw_id_fields = ("unit",)
    date_hierarchy = "date"


class ScoreInline(admin.TabularInline):
    model = Score
    extra = 0
    raw_id_fields = ("criterion",)


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ("__str__", "kind", "model", "rating", "total", "grade", "submitted_at")
    list_filter = ("kind",)
    raw_id_fields = ("model", "rating", "criteria_set", "assessor")
    inlines = [ScoreInline]


@admin.register(AnnualRating)
class AnnualRatingAdmin(admin.ModelAdmin):
    list_display = ("name", "unit", "year", "subject", "status", "appraisal_score", "grade")
    list_filter = ("year", "subject", "status")
    search_fields = ("name", "unit__name")
    raw_id_fields = ("unit", "organisation", "criteria_set")


@admin.register(QuarterReport)
class QuarterReportAdmin(admin.ModelAdmin):
    list_display = ("model", "year", "quarter", "submitted_at")
    list_filter = ("year", "quarter")
    raw_id_fields = ("model",)
