from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from parcours.accounts.access import can_manage_employer_relations, can_work_on_placements
from parcours.employers import services
from parcours.employers.enums import ContractType, OfferStatus, ReferralStatus
from parcours.employers.models import JobOffer, Referral
from parcours.www import pickers
from parcours.www.access import ml_staff_required, staff_allowed
from parcours.www.employers.access import PLACEMENTS_ONLY, employer_manager_required
from parcours.www.employers.forms import (
    HiringForm,
    JobOfferForm,
    ReferralForm,
    ReferralUpdateForm,
    referral_candidates,
)
from parcours.www.forms import TextSearchForm
from parcours.www.idempotency import idempotent
from parcours.www.numbers import whole_number
from parcours.www.pages import form_page, page_url
from parcours.young_people.models import FileAccess
from parcours.young_people.services import record_access, record_accesses

PAGE_SIZE = 25


def _visible_offer(request, offer_pk):
    return get_object_or_404(
        JobOffer.objects.visible_to(request.user).select_related(
            "partner", "agreement", "counsellor", "department"
        ),
        pk=offer_pk,
    )


@ml_staff_required
def offer_list(request):
    status = request.GET.get("etat", OfferStatus.OPEN)
    qs = JobOffer.objects.visible_to(request.user).select_related("partner", "counsellor")
    if status in OfferStatus.values:
        qs = qs.filter(status=status)
    search = TextSearchForm(request.GET)
    text = search.text()
    if text:
        qs = qs.filter(
            Q(title__icontains=text) | Q(partner__name__icontains=text) | Q(rome_code__istartswith=text)
        )
    qs = qs.annotate(referral_count=Count("referrals")).order_by("-received_on", "-pk")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "employers/offer_list.html",
        {
            "page": page,
            "status": status,
            "statuses": OfferStatus.choices,
            "q": search.shown(),
            "q_error": search.error_text(),
            "title": "Offres d'emploi",
            "can_manage": can_manage_employer_relations(request.user),
            "today": timezone.localdate(),
        },
    )


@employer_manager_required
@idempotent
def offer_create(request):
    partner = whole_number(request.GET.get("partenaire"))
    initial = {"partner": partner} if partner is not None else {}
    form = JobOfferForm(request.POST or None, user=request.user, initial=initial)

    def save():
        offer = services.save_offer(form.save(commit=False), request.user)
        published = " et publiée sur la page publique." if offer.published else "."
        return f"L'offre est enregistrée{published}", page_url("employers:offer_detail", offer)

    return form_page(request, form, save, "Nouvelle offre d'emploi", reverse("employers:offer_list"))


@employer_manager_required
def offer_edit(request, offer_pk):
    offer = _visible_offer(request, offer_pk)
    form = JobOfferForm(request.POST or None, instance=offer, user=request.user)
    back = page_url("employers:offer_detail", offer)

    def save():
        if form.save_versioned(services.save_offer, form.save(commit=False), request.user):
            return "L'offre est mise à jour.", back

    return form_page(request, form, save, "Modifier l'offre", back)


@ml_staff_required
def offer_detail(request, offer_pk):
    offer = _visible_offer(request, offer_pk)
    referrals = list(offer.referrals.select_related("young_person", "counsellor", "recruitment"))
    record_accesses(request.user, [r.young_person_id for r in referrals], FileAccess.WEB_LIST)
    return render(
        request,
        "employers/offer_detail.html",
        {
            "offer": offer,
            "title": offer.title,
            "referrals": referrals,
            "is_public": JobOffer.objects.public(timezone.localdate()).filter(pk=offer.pk).exists(),
            "can_manage": can_manage_employer_relations(request.user),
        },
    )


@staff_allowed(can_work_on_placements, PLACEMENTS_ONLY)
@idempotent
def referral_create(request, offer_pk):
    offer = _visible_offer(request, offer_pk)
    back = page_url("employers:offer_detail", offer)
    if offer.status != OfferStatus.OPEN:
        messages.error(request, "Cette offre n'est plus ouverte : on ne peut plus y positionner de jeune.")
        return redirect(back)
    young_person = whole_number(request.GET.get("jeune"))
    initial = {"young_person": young_person} if young_person is not None else {}
    form = ReferralForm(request.POST or None, user=request.user, offer=offer, initial=initial)

    def save():
        data = form.cleaned_data
        referral = services.put_forward(
            offer, data["young_person"], request.user, date=data["date"], notes=data["notes"]
        )
        return f"{referral.young_person} est positionné sur l'offre.", back

    return form_page(request, form, save, f"Positionner un jeune : {offer.title}", back, submit="Positionner")


@staff_allowed(can_work_on_placements, PLACEMENTS_ONLY)
def referral_candidates_options(request, offer_pk):
    """Propositions du choix du jeune à positionner (fragment htmx) : les mêmes jeunes que le formulaire."""
    offer = _visible_offer(request, offer_pk)
    return pickers.options(request, referral_candidates(request.user, offer))


@staff_allowed(can_work_on_placements, PLACEMENTS_ONLY)
def referral_update(request, placement_pk):
    referral = get_object_or_404(
        Referral.objects.visible_to(request.user).select_related("offer__partner", "young_person"),
        pk=placement_pk,
    )
    record_access(request.user, referral.young_person)
    back = page_url("employers:offer_detail", referral.offer_id)
    form = ReferralUpdateForm(request.POST or None, instance=referral)
    hired = request.method == "POST" and request.POST.get("status") == ReferralStatus.HIRED
    hiring = HiringForm(
        request.POST if hired else None,  # le contrat n'est lu (et contrôlé) que pour un jeune retenu
        prefix="contrat",
        use_required_attribute=False,
        initial={
            "contract_type": referral.offer.contract_type or ContractType.CDD,
            "start_date": timezone.localdate(),
        },
    )
    if request.method == "POST" and form.is_valid() and (not hired or hiring.is_valid()):
        data = form.cleaned_data

        def save():
            if hired:
                services.record_recruitment(
                    referral.young_person,
                    referral.offer.partner,
                    hiring.cleaned_data["contract_type"],
                    hiring.cleaned_data["start_date"],
                    hiring.cleaned_data["end_date"],
                    user=request.user,
                    referral=referral,
                )
            else:
                services.update_referral(referral, data["status"], data["result_on"], data["notes"])

        if form.save_versioned(save):
            messages.success(
                request, "Le recrutement est enregistré." if hired else "La mise en relation est mise à jour."
            )
            return redirect(back)
    return render(
        request,
        "employers/referral_form.html",
        {
            "form": form,
            "hiring": hiring,
            "referral": referral,
            "back_url": back,
            "title": "Suivre la mise en relation",
        },
    )
