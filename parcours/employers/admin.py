"""Administration des données de référence des partenariats (aucune donnée de jeune n'y figure)."""

from django.contrib import admin

from parcours import adminkit
from parcours.employers.models import (
    Agreement,
    AgreementParty,
    Event,
    FollowUpMeeting,
    Partner,
    RegionalDeclination,
)


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "siret", "commune"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "siret"]


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "signed_on", "signed_on_precision", "national_rollout_on"]
    list_filter = ["status"]
    search_fields = ["title", "code"]
    filter_horizontal = ["pilot_regions"]
    inlines = [
        adminkit.inline(AgreementParty, autocomplete_fields=["partner"]),
        adminkit.inline(RegionalDeclination, admin.StackedInline),
        adminkit.inline(FollowUpMeeting),
    ]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    """Les opérations nationales (sans mission locale) se saisissent ici ; celles des ML, dans l'application."""

    list_display = ["title", "date", "kind", "mission_locale", "visitors", "interviews", "hires"]
    list_filter = ["kind"]
    search_fields = ["title"]
    autocomplete_fields = ["mission_locale", "agreement", "partners"]
