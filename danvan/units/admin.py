from django.contrib import admin

from danvan.textproc.folding import fold

from .models import Organisation, Unit, UnitSuccession


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "level", "tree", "valid_from", "valid_to")
    list_filter = ("tree", "level")
    search_fields = ("search_key", "code")
    raw_id_fields = ("parent",)
    readonly_fields = ("path",)

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, fold(search_term))


@admin.register(UnitSuccession)
class UnitSuccessionAdmin(admin.ModelAdmin):
    list_display = ("predecessor", "successor", "share", "is_primary", "effective_date")
    raw_id_fields = ("predecessor", "successor")
    search_fields = ("predecessor__search_key", "successor__search_key")


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "unit", "is_active")
    list_filter = ("kind", "is_active")
    raw_id_fields = ("unit",)
    search_fields = ("search_key",)

    def save_model(self, request, obj, form, change):
        obj.search_key = fold(obj.name)
        super().save_model(request, obj, form, change)
