from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render

from parcours.accompaniment.models import Contact, Proposal, Situation
from parcours.www.access import ml_staff_required, visible_young_person
from parcours.www.accompaniment.forms import (
    ContactForm,
    NewContactForm,
    NewProposalForm,
    NewSituationForm,
    ProposalForm,
    ProposalStatusForm,
    SituationForm,
)
from parcours.www.idempotency import idempotent


def _save_for(form, young_person, user):
    obj = form.save(commit=False)
    obj.young_person = young_person
    obj.counsellor = obj.counsellor or user
    obj.save()
    return obj


@ml_staff_required
@idempotent
def contact_create(request, pk):
    young_person = visible_young_person(request, pk)
    contact_form = NewContactForm(request.POST or None)
    wants_proposal = request.method == "POST" and request.POST.get("add_proposal") == "on"
    proposal_form = ProposalForm(request.POST or None, prefix="proposition", use_required_attribute=False)
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
            "proposal_form": proposal_form,
            "wants_proposal": wants_proposal,
            "young_person": young_person,
            "title": "Nouveau contact",
        },
    )


@ml_staff_required
def contact_edit(request, pk, contact_pk):
    return _edit(
        request, pk, Contact, contact_pk, ContactForm, "Le contact est mis à jour.", "Modifier le contact"
    )


@ml_staff_required
@idempotent
def proposal_create(request, pk):
    return _create(request, pk, NewProposalForm, "La proposition est enregistrée.", "Nouvelle proposition")


@ml_staff_required
def proposal_status(request, pk, proposal_pk):
    return _edit(
        request,
        pk,
        Proposal,
        proposal_pk,
        ProposalStatusForm,
        "Le statut de la proposition est mis à jour.",
        "Statut de la proposition : {}",
    )


@ml_staff_required
@idempotent
def situation_create(request, pk):
    return _create(request, pk, NewSituationForm, "La situation est enregistrée.", "Nouvelle situation")


@ml_staff_required
def situation_edit(request, pk, situation_pk):
    return _edit(
        request,
        pk,
        Situation,
        situation_pk,
        SituationForm,
        "La situation est mise à jour.",
        "Modifier la situation",
    )


def _create(request, pk, form_class, done, title):
    young_person = visible_young_person(request, pk)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _save_for(form, young_person, request.user)
        messages.success(request, done)
        return redirect("young_people:detail", pk=pk)
    return _form_page(request, form, young_person, title)


def _edit(request, pk, model, record_pk, form_class, done, title):
    """Modifie un enregistrement du jeune ``pk`` ; ``title`` peut nommer l'enregistrement (``{}``)."""
    young_person = visible_young_person(request, pk)
    record = get_object_or_404(
        model.objects.visible_to(request.user), pk=record_pk, young_person=young_person
    )
    form = form_class(request.POST or None, instance=record)
    if request.method == "POST" and form.is_valid() and form.save_versioned():
        messages.success(request, done)
        return redirect("young_people:detail", pk=pk)
    return _form_page(request, form, young_person, title.format(record))


def _form_page(request, form, young_person, title):
    return render(
        request,
        "www/simple_form.html",
        {"form": form, "young_person": young_person, "title": title, "submit": "Enregistrer"},
    )
