from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from danvan.units.choices import Level

from .models import DataElement, DataSet, ImportBatch, Option, OptionSet, ValidationRule


class OptionInline(admin.TabularInline):
    model = Option
    extra = 1


@admin.register(OptionSet)
class OptionSetAdmin(admin.ModelAdmin):
    list_display = ("name", "code")
    search_fields = ("name", "code")
    inlines = [OptionInline]


class DataSetForm(forms.ModelForm):
    levels = forms.MultipleChoiceField(
        label=_("Cấp báo cáo"), choices=Level.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = DataSet
        fields = (
            "code",
            "name",
            "description",
            "period_type",
            "levels",
            "days_to_submit",
            "uses_cutoff",
            "sort_order",
            "is_active",
        )


class DataElementInline(admin.TabularInline):
    model = DataElement
    extra = 0
    fields = (
        "sort_order",
        "code",
        "name",
        "short_name",
        "value_type",
        "breakdown",
        "option_set",
        "min_value",
        "max_value",
        "is_required",
        "source",
        "help_text",
    )


class ValidationRuleInline(admin.StackedInline):
    model = ValidationRule
    extra = 0
    fields = (
        ("name", "sort_order", "is_active"),
        ("left", "operator", "right"),
        ("importance", "per_option", "missing_value_strategy"),
        "message",
    )


@admin.register(DataSet)
class DataSetAdmin(admin.ModelAdmin):
    form = DataSetForm
    list_display = ("name", "code", "period_type", "days_to_submit", "uses_cutoff", "is_active", "sort_order")
    list_filter = ("period_type", "is_active")
    search_fields = ("name", "code")
    inlines = [DataElementInline, ValidationRuleInline]


@admin.register(DataElement)
class DataElementAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "data_set", "value_type", "breakdown", "is_required", "source")
    list_filter = ("data_set", "value_type")
    search_fields = ("name", "code")


@admin.register(ValidationRule)
class ValidationRuleAdmin(admin.ModelAdmin):
    list_display = ("name", "data_set", "left", "operator", "right", "importance", "per_option", "is_active")
    list_filter = ("data_set", "importance", "is_active")
    search_fields = ("name", "message", "left", "right")


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = (
        "file_name",
        "data_set",
        "actor",
        "at",
        "rows",
        "values_written",
        "submissions_touched",
        "seconds",
    )
    list_filter = ("data_set",)
    readonly_fields = [f.name for f in ImportBatch._meta.fields]

    def has_add_permission(self, request):
        return False
