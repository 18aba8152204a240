"""Fiche de synthèse du dossier, en PDF : ce qu'un conseiller imprime pour un entretien, un passage de relais
ou une commission. Elle suit les règles de l'écran : données sensibles pour le référent et la direction
seulement, thèmes et comptes rendus selon ``can_see_record_content``."""

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from parcours.accompaniment.enums import ProposalStatus
from parcours.accounts.access import can_print_file_summary, can_see_record_content, can_see_sensitive
from parcours.www.access import ml_staff_required, visible_young_person
from parcours.www.pdf import pdf_response

#: Nombre de contacts repris, du plus récent au plus ancien.
LAST_CONTACTS = 12


@ml_staff_required
def file_summary(request, pk):
    young_person = visible_young_person(request, pk)  # lecture du dossier : journalisée
    user = request.user
    if not can_print_file_summary(user, young_person):
        raise PermissionDenied("La fiche de synthèse est imprimée par les conseillers et la direction.")
    today = timezone.localdate()
    contacts = [
        (contact, can_see_record_content(user, young_person, contact))
        for contact in young_person.contacts.exclude(date__gt=today).order_by("-date", "-time")[
            :LAST_CONTACTS
        ]
    ]
    proposals = [
        (proposal, can_see_record_content(user, young_person, proposal))
        for proposal in young_person.proposals.filter(status=ProposalStatus.PRESCRIBED).order_by("-date")
    ]
    context = {
        "young_person": young_person,
        "age": young_person.age(),
        "show_sensitive": can_see_sensitive(user, young_person),
        "situations": young_person.situations.current(),
        "enrolments": young_person.enrolments.select_related("programme").order_by("-entry_date"),
        "contacts": contacts,
        "proposals": proposals,
        "appointments": young_person.contacts.upcoming(today).select_related("counsellor", "site")[:5],
        "printed_by": user,
        "now": timezone.localtime(),
    }
    filename = f"synthese-dossier-{young_person.pk}-{today:%Y%m%d}.pdf"
    return pdf_response("young_people/summary.html", context, filename)
