"""Le volet « emploi et entreprise » du jeune : mises en relation, recrutements, immersions, parrainage."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from parcours.accounts.access import can_manage_employer_relations, can_work_on_placements
from parcours.employers import services
from parcours.employers.models import Immersion, JobOffer, Sponsor, Sponsorship
from parcours.www.access import ml_staff_required, staff_allowed, visible_young_person
from parcours.www.employers.access import PLACEMENTS_ONLY, employer_manager_required
from parcours.www.employers.forms import RecruitmentForm
from parcours.www.employers.forms_more import (
    ImmersionForm,
    SponsorForm,
    SponsorNoteForm,
    SponsorshipEndForm,
    SponsorshipForm,
)
from parcours.www.forms import add_reasons
from parcours.www.idempotency import idempotent
from parcours.www.pages import form_page, page_url, saved_with
from parcours.young_people.services import record_access

_back = partial(page_url, "employers:young_person")


def _placement_form(request, pk, form_class):
    """Le jeune (qu'il faut voir) et le formulaire d'une saisie de son volet emploi."""
    return visible_young_person(request, pk), form_class(request.POST or None, user=request.user)


@ml_staff_required
def young_person_employment(request, pk):
    young_person = visible_young_person(request, pk)
    open_offers = (
        JobOffer.objects.visible_to(request.user)
        .filter(mission_locale=young_person.mission_locale, status="ouverte")
        .exclude(referrals__young_person=young_person)
        .select_related("partner")[:20]
    )
    context = {
        "young_person": young_person,
        "title": f"Emploi et entreprises – {young_person}",
        "referrals": young_person.offer_referrals.select_related("offer__partner", "counsellor"),
        "recruitments": young_person.recruitments.select_related("partner", "agreement"),
        "immersions": young_person.immersions.select_related("partner"),
        "sponsorships": young_person.sponsorships.select_related("sponsor"),
        "open_offers": open_offers,
    }
    return render(request, "employers/young_person.html", context)


@staff_allowed(can_work_on_placements, PLACEMENTS_ONLY)
@idempotent
def recruitment_create(request, pk):
    young_person, form = _placement_form(request, pk, RecruitmentForm)

    def save():
        data = form.cleaned_data
        services.record_recruitment(
            young_person,
            data["partner"],
            data["contract_type"],
            data["start_date"],
            data["end_date"],
            rome_code=data["rome_code"],
            user=request.user,
            agreement=data["agreement"],
        )
        return "Le recrutement est enregistré ; la situation du jeune est mise à jour.", _back(young_person)

    return form_page(request, form, save, f"Recrutement de {young_person}", _back(young_person))


@staff_allowed(can_work_on_placements, PLACEMENTS_ONLY)
@idempotent
def immersion_create(request, pk):
    young_person, form = _placement_form(request, pk, ImmersionForm)

    def save():
        immersion = form.save(commit=False)
        immersion.young_person = young_person
        services.record_immersion(immersion, user=request.user)
        return "L'immersion est enregistrée ; elle figure dans les situations du jeune.", _back(young_person)

    return form_page(request, form, save, f"Immersion (PMSMP) de {young_person}", _back(young_person))


@staff_allowed(can_work_on_placements, PLACEMENTS_ONLY)
def immersion_edit(request, immersion_pk):
    immersion = get_object_or_404(
        Immersion.objects.visible_to(request.user).select_related("young_person"), pk=immersion_pk
    )
    record_access(request.user, immersion.young_person)
    form = ImmersionForm(request.POST or None, instance=immersion, user=request.user)
    back = _back(immersion.young_person)

    def save():
        if form.save_versioned(services.update_immersion, form.save(commit=False)):
            return "L'immersion est mise à jour.", back

    return form_page(request, form, save, "Immersion : dates et bilan", back)


@ml_staff_required
def sponsor_list(request):
    sponsors = Sponsor.objects.visible_to(request.user).select_related("employer")
    return render(
        request,
        "employers/sponsor_list.html",
        {
            "sponsors": sponsors,
            "title": "Réseau de parrainage",
            "can_manage": can_manage_employer_relations(request.user),
            "open_sponsorships": Sponsorship.objects.visible_to(request.user)
            .filter(ended_on__isnull=True)
            .select_related("young_person", "sponsor"),
        },
    )


@employer_manager_required
@idempotent
def sponsor_create(request):
    form = SponsorForm(request.POST or None, user=request.user)
    back = reverse("employers:sponsor_list")
    done = "{} rejoint le réseau de parrainage.".format
    save = saved_with(form, done, back, mission_locale=request.user.mission_locale)
    return form_page(request, form, save, "Nouveau parrain ou marraine", back)


@staff_allowed(can_work_on_placements, PLACEMENTS_ONLY)
@idempotent
def sponsorship_create(request, pk):
    young_person = visible_young_person(request, pk)
    form = SponsorshipForm(request.POST or None, user=request.user, young_person=young_person)

    def save():
        sponsorship = form.save(commit=False)
        sponsorship.young_person = young_person
        services.start_sponsorship(sponsorship, user=request.user)
        return "Le contrat de parrainage est enregistré.", reverse(
            "employers:sponsorship_detail", kwargs={"sponsorship_pk": sponsorship.pk}
        )

    return form_page(request, form, save, f"Contrat de parrainage de {young_person}", _back(young_person))


@ml_staff_required
def sponsorship_detail(request, sponsorship_pk):
    sponsorship = get_object_or_404(
        Sponsorship.objects.visible_to(request.user).select_related(
            "young_person", "sponsor", "counsellor", "agreement"
        ),
        pk=sponsorship_pk,
    )
    record_access(
        request.user, sponsorship.young_person
    )  # affichage comme envoi refusé qui réaffiche la page
    if request.method == "POST" and not can_work_on_placements(request.user):
        raise PermissionDenied(PLACEMENTS_ONLY)
    is_note = request.method == "POST" and request.POST.get("action") == "note"
    is_end = request.method == "POST" and request.POST.get("action") == "fin"
    note_form = SponsorNoteForm(request.POST if is_note else None, prefix="note")
    end_form = SponsorshipEndForm(request.POST if is_end else None, prefix="fin")
    form = note_form if is_note else end_form if is_end else None
    if form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            if is_note:
                services.add_sponsor_note(sponsorship, data["date"], data["text"], data["duration_minutes"])
            else:
                services.end_sponsorship(sponsorship, data["ended_on"], data["outcome"])
        except services.EmployerRuleError as error:
            add_reasons(form, error)
        else:
            messages.success(request, "La rencontre est notée." if is_note else "Le parrainage est clos.")
            return redirect("employers:sponsorship_detail", sponsorship_pk=sponsorship.pk)
    return render(
        request,
        "employers/sponsorship_detail.html",
        {
            "sponsorship": sponsorship,
            "young_person": sponsorship.young_person,
            "notes": sponsorship.notes.all(),
            "note_form": note_form,
            "end_form": end_form,
            "title": str(sponsorship),
        },
    )
