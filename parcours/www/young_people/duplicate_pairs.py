"""« Doublons probables » : les paires de dossiers de la mission locale qui désignent sans doute le même jeune
(``young_people.duplicates``), chacune liée aux deux dossiers et à la fusion, ou déclarée « pas un doublon »."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render

from parcours.accounts.access import can_review_duplicates
from parcours.www.access import staff_allowed
from parcours.young_people import duplicates, services
from parcours.young_people.models import DuplicateDismissal, FileAccess, YoungPerson

PAGE_SIZE = 25
DIRECTION_ONLY = "La liste des doublons probables est tenue par la direction de la mission locale."


@staff_allowed(can_review_duplicates, DIRECTION_ONLY)
def duplicate_pairs(request):
    visible = YoungPerson.objects.visible_to(request.user)
    dismissed = DuplicateDismissal.objects.visible_to(request.user).pairs()
    page = Paginator(duplicates.probable_pairs(visible, dismissed), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    files = visible.select_related("referent").in_bulk(
        {pk for first, second, _ in page for pk in (first, second)}
    )
    services.record_accesses(request.user, list(files), FileAccess.WEB_LIST)
    return render(
        request,
        "young_people/duplicates.html",
        {
            "page": page,
            "pairs": [((files[first], files[second]), ", ".join(why)) for first, second, why in page],
            "total": page.paginator.count,
            "title": "Doublons probables",
        },
    )


@staff_allowed(can_review_duplicates, DIRECTION_ONLY)
def dismiss_pair(request):
    """« Pas un doublon » (envoi du formulaire de la liste) : la paire quitte la liste."""
    if request.method == "POST":
        visible = YoungPerson.objects.visible_to(request.user)
        first = get_object_or_404(visible, pk=_int(request.POST.get("premier")))
        second = get_object_or_404(visible, pk=_int(request.POST.get("second")))
        try:
            services.dismiss_duplicate_pair(first, second, dismissed_by=request.user)
        except services.MergeError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{first} et {second} ne sont plus proposés comme doublons.")
    return redirect("young_people:duplicate_pairs")


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
