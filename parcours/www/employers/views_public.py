"""Page publique des offres (sans connexion) : seuls les champs publiés, aucune donnée personnelle."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from parcours import logs
from parcours.employers import requests
from parcours.employers.models import JobOffer
from parcours.referential.models import Site
from parcours.www import throttle
from parcours.www.employers.forms import JOB_DESCRIPTION
from parcours.www.employers.forms_more import CallbackRequestForm, PublicOfferFilterForm
from parcours.www.forms import add_reasons

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
        if data["q"]:
            qs = qs.with_words(data["q"])
        if data["lieu"]:
            qs = qs.in_place(data["lieu"])
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


#: Refus quand un même visiteur envoie trop de demandes (robot, abus) : il garde un autre moyen d'agir.
TOO_MANY = (
    "Trop de demandes ont été envoyées depuis votre connexion. Réessayez dans une heure, ou appelez la "
    "mission locale à l'un des numéros ci-dessous."
)


@require_http_methods(["GET", "POST"])
def public_offer_detail(request, offer_pk):
    row = get_object_or_404(_public_offers().values(*PUBLIC_FIELDS), pk=offer_pk)
    offer = _present(row)
    form = CallbackRequestForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["website"]:  # champ piège rempli : un robot, rien n'est enregistré
            logs.security_event("demande_rappel_robot", offer_id=offer_pk)
            return _request_sent(request, offer_pk)
        if not throttle.allow(request, "demande-rappel", settings.PUBLIC_REQUESTS_PER_HOUR):
            logs.security_event("demande_rappel_limitee", offer_id=offer_pk, ip=logs.client_ip(request))
            form.add_error(None, TOO_MANY)
            status = 429
        else:
            data = form.cleaned_data
            try:
                requests.receive(
                    offer_pk,
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    phone=data["phone"],
                    email=data["email"],
                    message=data["message"],
                )
            except requests.RequestRefused as error:
                add_reasons(form, error)
            else:
                return _request_sent(request, offer_pk)
    # Où se présenter : les lieux d'accueil de la mission locale (aucune personne n'est nommée).
    sites = Site.objects.filter(mission_locale_id=offer["mission_locale_id"]).values(
        "name", "kind", "address", "postcode", "commune", "phone", "opening_hours"
    )
    return render(
        request,
        "employers/public/offer_detail.html",
        {"offer": offer, "sites": sites, "form": form, "title": offer["title"]},
        status=status,
    )


def _request_sent(request, offer_pk):
    messages.success(
        request,
        "Votre demande est envoyée à la mission locale : un conseiller vous rappellera dans les prochains jours.",
    )
    return redirect("employers:public_offer_detail", offer_pk=offer_pk)
