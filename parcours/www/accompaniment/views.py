from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render

from parcours.accompaniment import services as situations
from parcours.accompaniment.models import Contact, Proposal, Situation
from parcours.accounts.access import (
    can_see_record_content,
    can_write_appointments,
    can_write_follow_up,
)
from parcours.www.access import FOLLOW_UP_ONLY, allowed_young_person, ml_staff_required
from parcours.www.accompaniment.forms import (
    PROPOSAL_NOT_TICKED,
    ContactForm,
    NewContactForm,
    NewProposalForm,
    NewSituationForm,
    ProposalForm,
    ProposalStatusForm,
    SituationForm,
    shown_unchecked,
    typed_in,
)
from parcours.www.idempotency import idempotent
from parcours.www.pages import form_page, page_url, save_with, saved_versioned


def _save_for(form, young_person, user):
    """Enregistre l'acte du jeune ; à défaut de conseiller choisi, c'est l'utilisateur."""
    return save_with(form, young_person=young_person, counsellor=form.instance.counsellor or user)


APPOINTMENTS_ONLY = "Les contacts sont saisis par l'accueil, les conseillers et la direction."


def _contact_form_options(user, young_person, contact=None):
    return {
        "show_content": can_see_record_content(user, young_person, contact),
        "can_propose": can_write_follow_up(user, young_person),
    }


@ml_staff_required
@idempotent
def contact_create(request, pk):
    young_person = allowed_young_person(request, pk, can_write_appointments, APPOINTMENTS_ONLY)
    options = _contact_form_options(request.user, young_person)
    contact_form = NewContactForm(request.POST or None, **options)
    wants_proposal = (
        options["can_propose"] and request.method == "POST" and request.POST.get("add_proposal") == "on"
    )
    proposal_form = ProposalForm(request.POST or None, prefix="proposition", use_required_attribute=False)
    unchecked = request.method == "POST" and options["can_propose"] and not wants_proposal
    if unchecked and typed_in(proposal_form):  # une proposition saisie n'est jamais perdue en silence
        contact_form.add_error(None, PROPOSAL_NOT_TICKED)
    if (
        request.method == "POST"
        and contact_form.is_valid()
        and (not wants_proposal or proposal_form.is_valid())
    ):
        with transaction.atomic():
            contact = _save_for(contact_form, young_person, request.user)
            if wants_proposal:
                proposal = proposal_form.save(commit=False)
                proposal.contact = contact
                _save_for(proposal_form, young_person, request.user)
        messages.success(
            request, "Le contact est enregistré." + (" La proposition aussi." if wants_proposal else "")
        )
        return redirect("young_people:detail", pk=pk)
    return render(
        request,
        "accompaniment/contact_form.html",
        {
            "form": contact_form,
            # Bloc non coché : ce qui y a été saisi, réaffiché sans être validé.
            "proposal_form": shown_unchecked(proposal_form) if unchecked else proposal_form,
            "wants_proposal": wants_proposal,
            "young_person": young_person,
            "title": "Nouveau contact",
        },
    )


@ml_staff_required
def contact_edit(request, pk, contact_pk):
    return _edit(
        request,
        (pk, Contact, contact_pk),
        ContactForm,
        "Le contact est mis à jour.",
        "Modifier le contact",
        allowed=(can_write_appointments, APPOINTMENTS_ONLY),
        options=_contact_form_options,
    )


def _follow_up_pages(model, create, edit):
    """Les pages de saisie et de modification d'un acte du suivi du jeune (``model`` : proposition, situation),
    réservées à qui écrit son suivi : ``create`` et ``edit`` = (formulaire, message de succès, titre) ; la page
    de modification reçoit l'acte en ``<modèle>_pk``."""
    record_pk = f"{model._meta.model_name}_pk"

    @ml_staff_required
    @idempotent
    def create_view(request, pk):
        return _create(request, pk, *create)

    @ml_staff_required
    def edit_view(request, pk, **record):
        return _edit(request, (pk, model, record[record_pk]), *edit)

    return create_view, edit_view


def _create(request, pk, form_class, done, title):
    young_person = allowed_young_person(request, pk, can_write_follow_up, FOLLOW_UP_ONLY)
    form = form_class(request.POST or None)

    def save():
        _save_for(form, young_person, request.user)
        return done, page_url("young_people:detail", young_person)

    return form_page(request, form, save, title, young_person=young_person)


def _edit(
    request, target, form_class, done, title, allowed=(can_write_follow_up, FOLLOW_UP_ONLY), options=None
):
    """Modifie l'enregistrement ``target`` = (dossier, modèle, identifiant) du jeune, si ``allowed`` = (règle,
    message de refus) le permet ; ``options(user, jeune, enregistrement)`` complète le formulaire ; ``title``
    peut nommer l'enregistrement (``{}``)."""
    pk, model, record_pk = target
    young_person = allowed_young_person(request, pk, *allowed)
    record = get_object_or_404(
        model.objects.visible_to(request.user), pk=record_pk, young_person=young_person
    )
    form_options = options(request.user, young_person, record) if options else {}
    form = form_class(request.POST or None, instance=record, **form_options)
    save = saved_versioned(form, done, page_url("young_people:detail", young_person))
    return form_page(request, form, save, title.format(record), young_person=young_person)


proposal_create, proposal_status = _follow_up_pages(
    Proposal,
    (NewProposalForm, "La proposition est enregistrée.", "Nouvelle proposition"),
    (ProposalStatusForm, "Le statut de la proposition est mis à jour.", "Statut de la proposition : {}"),
)
_, situation_edit = _follow_up_pages(
    Situation,
    (NewSituationForm, "La situation est enregistrée.", "Nouvelle situation"),
    (SituationForm, "La situation est mise à jour.", "Modifier la situation"),
)


@ml_staff_required
@idempotent
def situation_create(request, pk):
    """Nouvelle situation : le service clôt les situations incompatibles en cours, que le formulaire a montrées
    et fait confirmer (``NewSituationForm``)."""
    young_person = allowed_young_person(request, pk, can_write_follow_up, FOLLOW_UP_ONLY)
    form = NewSituationForm(request.POST or None, young_person=young_person)

    def save():
        situation = form.save(commit=False)
        situation.young_person = young_person
        _, closings = situations.record_situation(situation, request.user, form.confirmed_plan)
        done = "La situation est enregistrée."
        if closings:
            done += " Situation close : " + " ; ".join(closing.label for closing in closings) + "."
        return done, page_url("young_people:detail", young_person)

    return form_page(request, form, save, "Nouvelle situation", young_person=young_person)
