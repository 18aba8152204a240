from django.contrib import admin

from parcours import adminkit
from parcours.programmes.models import Cohort, Phase, Programme


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = [
        "label",
        "code",
        "exclusive",
        "max_duration_months",
        "available_from",
        "available_until",
        "is_active",
    ]
    search_fields = ["label", "code"]
    filter_horizontal = ["incompatible_with"]
    inlines = [adminkit.inline(Phase)]


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ["label", "programme", "mission_locale", "start_date"]
    list_filter = ["programme"]
    search_fields = ["label", "mission_locale__name", "mission_locale__code"]
    autocomplete_fields = ["mission_locale"]
