"""Attestation de suivi d'un jeune, en PDF : depuis quand la mission locale l'accompagne, dans quel dispositif."""

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from parcours.accounts.access import can_issue_attestation
from parcours.www.access import ml_staff_required, visible_young_person
from parcours.www.pdf import pdf_response


@ml_staff_required
def attestation(request, pk):
    young_person = visible_young_person(request, pk)  # lecture du dossier : journalisée
    if not can_issue_attestation(request.user, young_person):
        raise PermissionDenied(
            "L'attestation de suivi est délivrée par l'accueil, les conseillers et la direction."
        )
    today = timezone.localdate()
    context = {
        "young_person": young_person,
        "mission_locale": young_person.mission_locale,
        "site": young_person.mission_locale.sites.order_by("kind", "name").first(),
        "enrolments": young_person.enrolments.select_related("programme").order_by("-entry_date"),
        "issued_by": request.user,
        "today": today,
    }
    filename = f"attestation-de-suivi-{young_person.pk}-{today:%Y%m%d}.pdf"
    return pdf_response("young_people/attestation.html", context, filename)
