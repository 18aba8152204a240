"""Ce que l'entrepôt lit des rappels : par mission locale et par mois du rendez-vous, les rappels partis,
remis et en échec (aucune coordonnée, aucun texte)."""

from django.db.models import Count, DateField, F, Q
from django.db.models.functions import TruncMonth

from parcours.reminders.enums import MessageStatus
from parcours.reminders.models import ReminderMessage

#: Un rappel envoyé : remis au serveur de messagerie ou au prestataire SMS (« envoyé »), confirmé remis par
#: l'opérateur (« remis ») ou abandonné (« échec »). Ni les rappels à envoyer, ni ceux devenus sans objet.
ATTEMPTED = (MessageStatus.SENT, MessageStatus.DELIVERED, MessageStatus.FAILED)
DELIVERED = (MessageStatus.SENT, MessageStatus.DELIVERED)


def warehouse_monthly_figures():
    """[{mission_locale_id, month, attempted, delivered, failed}], le mois du rendez-vous à l'heure locale."""
    return (
        ReminderMessage.objects.filter(status__in=ATTEMPTED)
        .annotate(month=TruncMonth("starts_at", output_field=DateField()))
        .values("month", mission_locale_id=F("appointment__young_person__mission_locale_id"))
        .annotate(
            attempted=Count("pk"),
            delivered=Count("pk", filter=Q(status__in=DELIVERED)),
            failed=Count("pk", filter=Q(status=MessageStatus.FAILED)),
        )
        .order_by()
    )
