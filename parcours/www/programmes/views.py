from functools import partial

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from parcours.accounts.access import (
    can_see_envelope,
    can_see_files_without_referent,
    can_write_follow_up,
    opens_worklist_on_whole_ml,
    visible_mission_locale_ids,
)
from parcours.cotraitance import services as cotraitance_services
from parcours.prepared import PreparedQuery
from parcours.programmes import services
from parcours.programmes import worklist as worklists
from parcours.programmes.models import Enrolment
from parcours.www.access import FOLLOW_UP_ONLY, allowed_young_person, ml_staff_required, visible_young_person
from parcours.www.forms import add_reasons
from parcours.www.idempotency import idempotent
from parcours.www.pages import form_page, page_url
from parcours.www.programmes.forms import EnrolForm, ExitForm, PhaseForm, WorklistFilterForm
from parcours.young_people.models import YoungPerson

PAGE_SIZE = 50


#: Les dossiers sans référent de la mission locale, comptés sur « À faire » de la direction (requête préparée).
_WITHOUT_REFERENT = PreparedQuery(lambda ml_ids: YoungPerson.objects.within(ml_ids).without_referent())


@ml_staff_required
def worklist(request):
    """« À faire » : les jeunes à voir aujourd'hui et pourquoi ; toute la ML et l'enveloppe pour la direction."""
    today = timezone.localdate()
    default_scope = "ml" if opens_worklist_on_whole_ml(request.user) else "moi"
    form = WorklistFilterForm(request.GET or None, initial={"perimetre": default_scope})
    reason, scope = "", default_scope
    if form.is_valid():
        reason = form.cleaned_data["motif"]
        scope = form.cleaned_data["perimetre"] or default_scope
    whole_ml = scope == "ml"
    items, counts = worklists.for_user(request.user, today, whole_ml, reason=reason or None)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = worklists.with_people(page.object_list)
    context = {
        "form": form,
        "page": page,
        "total": len(items),
        "counts": [(value, label, counts[value]) for value, label in form.fields["motif"].choices if value],
        "whole_ml": whole_ml,
        "today": today,
        "title": "À faire",
    }
    if can_see_envelope(request.user):
        context["envelope"], context["national"] = worklists.cached(
            f"enveloppe:{worklists.list_key(request.user, True, today)}",
            lambda: (
                cotraitance_services.envelope_position(
                    visible_mission_locale_ids(request.user), today.year, today
                ),
                cotraitance_services.national_position(today.year, today),
            ),
        )
        context["envelope_year"] = today.year
    if can_see_files_without_referent(request.user):
        context["without_referent"] = _WITHOUT_REFERENT.count(visible_mission_locale_ids(request.user))
    return render(request, "programmes/worklist.html", context)


@ml_staff_required
def young_person_programmes(request, pk):
    young_person = visible_young_person(request, pk)
    today = timezone.localdate()
    enrolments = list(
        young_person.enrolments.select_related("programme", "cohort").prefetch_related("phases__phase")
    )
    for enrolment in enrolments:
        enrolment.can_change_phase = enrolment.is_open and bool(services.next_phases(enrolment))
    items, _ = worklists.build(
        worklists.director_scope(request.user).filter(pk=young_person.pk), today, with_unassigned=True
    )
    return render(
        request,
        "programmes/young_person.html",
        {
            "young_person": young_person,
            "enrolments": enrolments,
            "referrals": young_person.referrals.with_first_interview().prefetch_related("unavailabilities"),
            "alerts": items[0].alerts if items else [],
            "title": f"Dispositifs – {young_person}",
        },
    )


@ml_staff_required
@idempotent
def enrol(request, pk):
    young_person = allowed_young_person(request, pk, can_write_follow_up, FOLLOW_UP_ONLY)
    form = EnrolForm(request.POST or None, young_person=young_person)

    def save():
        data = form.cleaned_data
        enrolment = services.enrol(
            young_person,
            data["programme"],
            data["entry_date"],
            by=request.user,
            today=timezone.localdate(),
            cohort=data["cohort"],
            objectives=data["objectives"],
        )
        return f"{young_person} est entré(e) en {enrolment.programme.label}.", _programmes_url(young_person)

    title = "Entrée dans un dispositif"
    return form_page(request, form, save, title, submit="Valider l'entrée", young_person=young_person)


_programmes_url = partial(page_url, "programmes:young_person")


def _followed_enrolment(request, pk, enrolment_pk):
    """Le jeune dont l'utilisateur écrit le suivi et l'une de ses inscriptions qu'il voit."""
    young_person = allowed_young_person(request, pk, can_write_follow_up, FOLLOW_UP_ONLY)
    enrolment = get_object_or_404(
        Enrolment.objects.visible_to(request.user).select_related("programme"),
        pk=enrolment_pk,
        young_person=young_person,
    )
    return young_person, enrolment


@ml_staff_required
@idempotent
def change_phase(request, pk, enrolment_pk):
    young_person, enrolment = _followed_enrolment(request, pk, enrolment_pk)
    phases = services.next_phases(enrolment) if enrolment.is_open else []
    if not phases:
        messages.warning(request, "Aucune phase ne peut suivre pour cette inscription.")
        return redirect("programmes:young_person", pk=pk)
    form = PhaseForm(request.POST or None, phases=phases, programme=enrolment.programme)

    def save():
        data = form.cleaned_data
        services.change_phase(
            enrolment,
            data["phase"],
            data["start_date"],
            today=timezone.localdate(),
            objectives=data["objectives"],
            review=data["review"],
        )
        return f"Nouvelle phase : {data['phase'].label}.", _programmes_url(young_person)

    title = f"{enrolment.programme.label} : changer de phase"
    return form_page(request, form, save, title, young_person=young_person)


@ml_staff_required
def exit_programme(request, pk, enrolment_pk):
    young_person, enrolment = _followed_enrolment(request, pk, enrolment_pk)
    form = ExitForm(request.POST or None, latest=enrolment.planned_end_date)

    def save():
        data = form.cleaned_data
        try:
            services.exit_programme(
                enrolment,
                data["exit_date"],
                data["outcome"],
                today=timezone.localdate(),
                notes=data["notes"],
                confirmed=data["confirm_outcome"],
            )
        except services.ExitOutcomeWarning as warning:
            form.ask_confirmation()  # avertissement explicite : le conseiller coche la case pour confirmer
            add_reasons(form, warning, "confirm_outcome")
            return None
        return f"Sortie de {enrolment.programme.label} enregistrée.", _programmes_url(young_person)

    title = f"Sortie de {enrolment.programme.label}"
    return form_page(request, form, save, title, submit="Enregistrer la sortie", young_person=young_person)
