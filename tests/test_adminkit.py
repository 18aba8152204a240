from django.contrib import admin

from parcours.employers.models import Agreement, AgreementParty, FollowUpMeeting, RegionalDeclination
from parcours.programmes.models import Phase, Programme
from parcours.referential.models import MissionLocale, Site


def inlines_of(model):
    return [
        (inline.model, inline.extra, inline.__name__, issubclass(inline, admin.StackedInline))
        for inline in admin.site._registry[model].inlines
    ]


def test_inlines_built_by_adminkit_keep_their_settings():
    assert inlines_of(Agreement) == [
        (AgreementParty, 0, "AgreementPartyInline", False),
        (RegionalDeclination, 0, "RegionalDeclinationInline", True),
        (FollowUpMeeting, 0, "FollowUpMeetingInline", False),
    ]
    assert admin.site._registry[Agreement].inlines[0].autocomplete_fields == ["partner"]
    assert inlines_of(MissionLocale) == [(Site, 0, "SiteInline", False)]
    assert inlines_of(Programme) == [(Phase, 0, "PhaseInline", False)]
