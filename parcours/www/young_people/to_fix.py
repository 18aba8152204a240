"""Les dossiers à corriger que compte un contrôle du rapport de qualité (``warehouse.files_to_fix``)."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from parcours.accounts.access import can_fix_data_quality, opens_worklist_on_whole_ml
from parcours.warehouse.files_to_fix import FILE_CHECKS
from parcours.www.access import staff_allowed
from parcours.young_people import services
from parcours.young_people.models import FileAccess, YoungPerson

PAGE_SIZE = 25
WHOLE_ML = "ml"
CHECK = "controle"


@staff_allowed(
    can_fix_data_quality, "Les dossiers à corriger sont tenus par les conseillers et la direction."
)
def files_to_fix(request):
    """Chaque dossier compté par le contrôle ``?controle=`` (le premier à défaut), lié pour être corrigé : ceux de l'utilisateur (toute la
    mission locale pour la direction, ou sur demande) ; la page nomme des jeunes, elle est journalisée."""
    file_check = FILE_CHECKS.get(request.GET.get(CHECK, next(iter(FILE_CHECKS))))
    if file_check is None:
        raise Http404("Contrôle inconnu.")
    whole_ml = opens_worklist_on_whole_ml(request.user) or request.GET.get("perimetre") == WHOLE_ML
    young_people = YoungPerson.objects.visible_to(request.user)
    if not whole_ml:
        young_people = young_people.filter(referent=request.user)
    files = (
        file_check.files(young_people, timezone.localdate())
        .for_listing()
        .order_by("last_name", "first_name", "pk")
    )
    page = Paginator(files, PAGE_SIZE).get_page(request.GET.get("page"))
    services.record_accesses(request.user, [young_person.pk for young_person in page], FileAccess.WEB_LIST)
    return render(
        request,
        "young_people/to_fix.html",
        {
            "check": file_check,
            "checks": FILE_CHECKS.values(),
            "page": page,
            "total": page.paginator.count,
            "whole_ml": whole_ml,
            "can_narrow": not opens_worklist_on_whole_ml(request.user),
            "title": f"À corriger : {file_check.label}",
        },
    )
