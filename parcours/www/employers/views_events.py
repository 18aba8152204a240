from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from parcours.accounts.access import can_manage_employer_relations
from parcours.employers.models import Event, LocalAction
from parcours.www import pickers
from parcours.www.access import ml_staff_required
from parcours.www.employers.access import employer_manager_required
from parcours.www.employers.forms import partners_for
from parcours.www.employers.forms_more import EventForm, LocalActionForm
from parcours.www.idempotency import idempotent
from parcours.www.pages import form_page, saved_versioned, saved_with


def _list_url():
    return reverse("employers:event_list")


@ml_staff_required
def event_list(request):
    user = request.user
    events = Event.objects.visible_to(user).select_related("mission_locale", "agreement")
    return render(
        request,
        "employers/event_list.html",
        {
            "page": Paginator(events, 25).get_page(request.GET.get("page")),
            "actions": LocalAction.objects.visible_to(user).select_related("agreement")[:50],
            "title": "Évènements et actions de proximité",
            "can_manage": can_manage_employer_relations(user),
            "today": timezone.localdate(),
        },
    )


@employer_manager_required
@idempotent
def event_create(request):
    form = EventForm(request.POST or None, user=request.user)
    save = saved_with(
        form, "L'évènement est enregistré.", _list_url(), mission_locale=request.user.mission_locale
    )
    return form_page(request, form, save, "Nouvel évènement emploi", _list_url())


@employer_manager_required
def event_edit(request, event_pk):
    # Les opérations nationales (sans mission locale) se modifient dans l'administration.
    event = get_object_or_404(
        Event.objects.visible_to(request.user).filter(mission_locale__isnull=False), pk=event_pk
    )
    form = EventForm(request.POST or None, instance=event, user=request.user)
    return form_page(
        request,
        form,
        saved_versioned(form, "Le bilan de l'évènement est mis à jour.", _list_url()),
        f"Bilan : {event}",
        _list_url(),
    )


@employer_manager_required
@idempotent
def action_create(request):
    form = LocalActionForm(request.POST or None)
    done = "L'action de proximité est enregistrée."
    save = saved_with(form, done, _list_url(), mission_locale=request.user.mission_locale)
    return form_page(request, form, save, "Nouvelle action de proximité", _list_url())


@employer_manager_required
def action_edit(request, action_pk):
    action = get_object_or_404(LocalAction.objects.visible_to(request.user), pk=action_pk)
    form = LocalActionForm(request.POST or None, instance=action)
    save = saved_versioned(form, "Le bilan de l'action est mis à jour.", _list_url())
    return form_page(request, form, save, f"Bilan : {action}", _list_url())


@employer_manager_required
def partner_options(request):
    """Les propositions de la saisie des partenaires d'un évènement (htmx)."""
    return pickers.partner_options(request, partners_for(request.user))
