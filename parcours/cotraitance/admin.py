from django.contrib import admin

from parcours.cotraitance.models import Envelope, ImportBatch, NationalEnvelope


@admin.register(NationalEnvelope)
class NationalEnvelopeAdmin(admin.ModelAdmin):
    list_display = ["year", "cap", "unit_amount"]


@admin.register(Envelope)
class EnvelopeAdmin(admin.ModelAdmin):
    list_display = ["mission_locale", "year", "target", "paid_target"]
    list_filter = ["year"]
    search_fields = ["mission_locale__name", "mission_locale__code"]
    autocomplete_fields = ["mission_locale"]


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = [
        "file_name",
        "imported_at",
        "imported_by",
        "lines",
        "created",
        "refused",
        "unchanged",
        "new_files",
    ]
    readonly_fields = [f.name for f in ImportBatch._meta.fields]
