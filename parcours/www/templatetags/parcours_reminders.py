"""Le volet « Rappels » du dossier : accord du jeune, canal, rappels envoyés pour ses rendez-vous."""

from django import template

from parcours.accounts.access import can_record_reminder_consent, can_set_reminders
from parcours.prepared import PreparedQuery
from parcours.reminders import services
from parcours.reminders.models import ReminderMessage

register = template.Library()

#: Rappels montrés sur le dossier, les plus récents d'abord.
SHOWN = 10
SHOWN_FIELDS = ("starts_at", "channel", "status", "sent_at", "attempts")


# Les seules colonnes que le volet montre, en requête préparée : la page du dossier est la plus lue.
_SHOWN = PreparedQuery(
    lambda pk: (
        ReminderMessage.objects.for_young_person(pk).only(*SHOWN_FIELDS).order_by("-starts_at", "-pk")[:SHOWN]
    )
)


@register.inclusion_tag("reminders/_file_panel.html", takes_context=True)
def rappels_dossier(context, young_person):
    user = context["request"].user
    return {
        "young_person": young_person,
        "consent": services.consent_of(young_person),
        "can_edit": can_record_reminder_consent(user, young_person),
        "can_set": can_set_reminders(user),
        "delay_hours": services.settings_of(young_person.mission_locale).delay_hours,
        "messages": _SHOWN(young_person.pk),
    }
