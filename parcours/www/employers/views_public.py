"""Page publique des offres (sans connexion) : seuls les champs publiés, aucune donnée personnelle."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from parcours.employers.models import JobOffer
from parcours.referential.models import Site
from parcours.www.employers.forms import JOB_DESCRIPTION
from parcours.www.employers.forms_more import PublicOfferFilterForm

PAGE_SIZE = 20
PUBLIC_FIELDS = [
    "pk",
    "title",
    *JOB_DESCRIPTION,
    "department__code",
    "department__name",
    "mission_locale_id",
    "mission_locale__name",
    "published_on",
    "closes_on",
    "show_employer",
    "partner__name",
]


def _public_offers():
    return JobOffer.objects.public(timezone.localdate())


def _present(row):
    """Ne garde que ce qui est publié : le nom de l'employeur seulement s'il l'a accepté."""
    row = dict(row)
    if not row.pop("show_employer"):
        row["partner__name"] = ""
    row["contract_label"] = JobOffer(contract_type=row["contract_type"]).get_contract_type_display()
    return row


@require_GET
def public_offers(request):
    form = PublicOfferFilterForm(request.GET or None)
    qs = _public_offers()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["department"]:
            qs = qs.filter(department=data["department"])
        if data["commune"]:
            qs = qs.filter(commune__icontains=data["commune"].strip())
        if data["rome"]:
            qs = qs.filter(rome_code__startswith=data["rome"])
        if data["contract"]:
            qs = qs.filter(contract_type=data["contract"])
    elif form.is_bound:
        qs = qs.none()
    page = Paginator(qs.order_by("-published_on", "-pk").values(*PUBLIC_FIELDS), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    offers = [_present(row) for row in page]
    return render(
        request,
        "employers/public/offer_list.html",
        {"form": form, "page": page, "offers": offers, "title": "Offres d'emploi des missions locales"},
    )


@require_GET
def public_offer_detail(request, offer_pk):
    row = get_object_or_404(_public_offers().values(*PUBLIC_FIELDS), pk=offer_pk)
    offer = _present(row)
    # Où se présenter : les lieux d'accueil de la mission locale (aucune personne n'est nommée).
    sites = Site.objects.filter(mission_locale_id=offer["mission_locale_id"]).values(
        "name", "postcode", "commune"
    )
    return render(
        request,
        "employers/public/offer_detail.html",
        {"offer": offer, "sites": sites, "title": offer["title"]},
    )
