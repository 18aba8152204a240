"""Agenda : « Mon agenda » (jour, semaine), agenda d'un site pour l'accueil, semaine de l'équipe, rendez-vous."""

import datetime
from functools import partial

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe

from parcours import links
from parcours.accompaniment.enums import AttendanceStatus
from parcours.accompaniment.models import Contact
from parcours.accounts.access import (
    agenda_holders,
    appointment_rights,
    can_open_site_agenda,
    can_see_team_agenda,
    can_write_appointments,
    has_own_agenda,
    visible_sites,
)
from parcours.agenda import queries, rules, services
from parcours.errors import RuleError
from parcours.versioning import ConcurrentEditError
from parcours.www.access import allowed_young_person, staff_allowed
from parcours.www.agenda.forms import BookingForm, MoveForm, PickYoungPersonForm
from parcours.www.agenda.rows import appointment_item
from parcours.www.idempotency import idempotent
from parcours.www.numbers import whole_number
from parcours.www.pages import form_page
from parcours.young_people.models import YoungPerson

OWN_AGENDA_ONLY = "« Mon agenda » est celui des conseillers et de la direction."
SITE_AGENDA_ONLY = "L'agenda des sites est tenu par l'accueil, les conseillers et la direction."
TEAM_ONLY = "La semaine de l'équipe est réservée à la direction."
APPOINTMENTS_ONLY = "Les rendez-vous sont pris par l'accueil, les conseillers et la direction."
DAY = datetime.timedelta(days=1)
WEEK = datetime.timedelta(days=7)
#: Actions des boutons d'un rendez-vous : le service qui l'écrit (rendez-vous, version lue) et le message.
ACTIONS = {
    "arrive": (services.mark_arrived, "Arrivée notée."),
    "present": (
        partial(services.mark, status=AttendanceStatus.PRESENT),
        "Rendez-vous tenu : il compte comme contact.",
    ),
    "absent": (partial(services.mark, status=AttendanceStatus.ABSENT), "Absence notée."),
    "excuse": (partial(services.mark, status=AttendanceStatus.EXCUSED), "Absence excusée notée."),
    "annule": (services.cancel, "Rendez-vous annulé."),
}


STATUS_LABELS = dict(AttendanceStatus.choices)
#: Couleur DSFR du badge de statut.
BADGES = {
    AttendanceStatus.PLANNED: "fr-badge--info",
    AttendanceStatus.PRESENT: "fr-badge--success",
    AttendanceStatus.ABSENT: "fr-badge--error",
    AttendanceStatus.EXCUSED: "fr-badge--warning",
}


def _day(request):
    """Le jour demandé (``?jour=AAAA-MM-JJ``), aujourd'hui à défaut, si la date est illisible ou hors de
    l'agenda (``rules.shown_day``)."""
    today = timezone.localdate()
    try:
        return rules.shown_day(datetime.date.fromisoformat(request.GET.get("jour", "")), today)
    except ValueError:
        return today


def label(contacts):
    """Ce que toute liste de rendez-vous affiche : badge et libellé du statut, heures déjà écrites (le filtre ``time``
    coûte autant que le reste de la ligne, et un agenda de site en a des centaines)."""
    for contact in contacts:
        contact.badge = BADGES.get(contact.status, "")
        contact.status_label = STATUS_LABELS.get(contact.status, contact.status)
        contact.hours = f"{contact.time:%H:%M}–{contact.end_time:%H:%M}" if contact.time else ""
    return contacts


def decorate(user, contacts):
    """Ce que l'utilisateur peut lire (objet) et faire (boutons) sur chaque rendez-vous affiché."""
    today = timezone.localdate()
    for contact, (can_write, show_themes) in zip(
        label(contacts), appointment_rights(user, contacts), strict=True
    ):
        contact.show_themes, contact.can_write = show_themes, can_write
        contact.is_open = contact.status == AttendanceStatus.PLANNED
        contact.can_mark_arrival = contact.is_open and contact.date == today and not contact.arrived_at
        contact.can_mark_held = contact.is_open and contact.date <= today
    return contacts


def _nav(url_name, day, step, **kwargs):
    base = reverse(url_name, kwargs=kwargs)
    return {
        "previous_url": f"{base}?jour={day - step:%Y-%m-%d}",
        "next_url": f"{base}?jour={day + step:%Y-%m-%d}",
        "today_url": base,
    }


@staff_allowed(has_own_agenda, OWN_AGENDA_ONLY)
def day(request):
    shown = _day(request)
    agenda = queries.counsellor_day(request.user, request.user, shown)
    decorate(request.user, agenda.appointments)
    context = {
        "title": "Mon agenda",
        "agenda": agenda,
        "counsellor": request.user,
        "week_url": f"{reverse('agenda:week')}?jour={shown:%Y-%m-%d}",
        **_nav("agenda:day", shown, DAY),
    }
    return render(request, "agenda/day.html", context)


@staff_allowed(has_own_agenda, OWN_AGENDA_ONLY)
def week(request):
    shown = _day(request)
    days = queries.counsellor_week(request.user, request.user, shown)
    for each in days:
        decorate(request.user, each.appointments)
    context = {
        "title": "Mon agenda : la semaine",
        "days": days,
        "counsellor": request.user,
        "day_url": reverse("agenda:day"),
        **_nav("agenda:week", shown, WEEK),
    }
    return render(request, "agenda/week.html", context)


@staff_allowed(can_open_site_agenda, SITE_AGENDA_ONLY)
def site_pick(request):
    sites = visible_sites(request.user).select_related("mission_locale")
    chosen = whole_number(request.GET.get("site"))
    if chosen is not None and sites.filter(pk=chosen).exists():
        return redirect("agenda:site", site_pk=chosen)
    return render(request, "agenda/site_pick.html", {"title": "Agenda d'un site", "sites": sites})


@staff_allowed(can_open_site_agenda, SITE_AGENDA_ONLY)
def site(request, site_pk):
    place = get_object_or_404(visible_sites(request.user).select_related("mission_locale"), pk=site_pk)
    shown = _day(request)
    counsellors = list(agenda_holders(request.user).filter(mission_locale=place.mission_locale))
    columns = queries.site_columns(request.user, counsellors, shown)
    create_url = reverse("agenda:appointment_create")
    for counsellor, agenda in columns:
        booking_url = f"{create_url}?conseiller={counsellor.pk}&site={place.pk}&jour={shown:%Y-%m-%d}"
        agenda.html = _column(counsellor, agenda, place, booking_url)
    expected = decorate(request.user, queries.expected_at(request.user, place, shown))
    context = {
        "title": f"Agenda : {place.name}",
        "site": place,
        "sites": visible_sites(request.user),
        "shown": shown,
        "is_today": shown == timezone.localdate(),
        "columns": columns,
        "expected": expected,
        **_nav("agenda:site", shown, DAY, site_pk=place.pk),
    }
    return render(request, "agenda/site.html", context)


@staff_allowed(can_see_team_agenda, TEAM_ONLY)
def team(request):
    shown = _day(request)
    counsellors = list(agenda_holders(request.user))
    days, rows = queries.team_week(request.user, counsellors, shown)
    cells = [(counsellor, [_week_cell(slots) for slots in per_day]) for counsellor, per_day in rows]
    context = {
        "title": "Semaine de l'équipe",
        "days": days,
        "rows": rows,
        "cells": cells,
        **_nav("agenda:team", shown, WEEK),
    }
    return render(request, "agenda/team.html", context)


def _column(counsellor, agenda, place, booking_url):
    """La colonne d'un conseiller dans l'agenda d'un site, écrite en un passage (trente colonnes et trois cents
    rendez-vous dans une grosse mission locale) : séances, rendez-vous, heures libres, prise de rendez-vous."""
    sessions = format_html_join(
        "",
        '<p class="fr-mb-1w"><strong>{}–{}</strong> <a href="{}">{}</a> <span class="fr-text--xs">({}, {} inscrit{})'
        "</span></p>",
        (
            (
                f"{s.time:%H:%M}",
                f"{s.end_time:%H:%M}",
                links.path("agenda:session_detail", s.pk),
                s.title,
                s.get_kind_display(),
                s.registered,
                "s" if s.registered > 1 else "",
            )
            for s in agenda.sessions
        ),
    )
    rows = (
        format_html('<ul class="parcours-agenda">{}</ul>', _column_rows(agenda.appointments, place))
        if agenda.appointments
        else mark_safe('<p class="fr-text--sm">Aucun rendez-vous.</p>')
    )
    free = format_html_join(
        ", ",
        '<a href="{}&amp;heure={}">{}</a>',
        ((booking_url, f"{slot:%H:%M}", f"{slot:%H:%M}") for slot in agenda.free_slots[:6]),
    )
    return format_html(
        '<h3 class="fr-h6" id="conseiller-{}">{}</h3>{}{}{}<p><a class="fr-btn fr-btn--sm fr-btn--secondary '
        'fr-icon-add-line fr-btn--icon-left" href="{}">Rendez-vous avec {}</a></p>',
        counsellor.pk,
        counsellor,
        sessions,
        rows,
        format_html('<p class="fr-text--sm">Libre à : {}</p>', free) if agenda.free_slots else "",
        booking_url,
        counsellor,
    )


def _column_rows(appointments, place):
    """Les lignes de la colonne d'un conseiller dans l'agenda d'un site (heure, jeune, statut, lieu s'il est
    ailleurs ; ni objet ni boutons), rendues en un passage : deux cents à trois cents par page dans une grosse mission
    locale, le tiers du temps de la page avec une boucle de gabarit."""
    return format_html_join(
        "",
        '<li class="fr-mb-1w"><strong>{}</strong> {} <span class="fr-badge fr-badge--sm {}">{}</span>{}</li>',
        (
            (
                a.hours or "—",
                a.person,
                BADGES.get(a.status, ""),
                STATUS_LABELS.get(a.status, a.status),
                format_html(' <span class="fr-text--xs">({})</span>', a.site_name)
                if a.site_id and a.site_id != place.pk
                else "",
            )
            for a in appointments
        ),
    )


def _week_cell(slots):
    """Les badges d'une case de la semaine de l'équipe (heure, statut en titre), rendus en un passage : une équipe
    en a un millier par semaine, qu'une boucle de gabarit par badge rend dix fois plus lentement."""
    if not slots:
        return "—"
    return format_html_join(
        " ",
        '<span class="fr-badge fr-badge--sm {}" title="{}">{}</span>',
        (
            (BADGES.get(s.status, ""), STATUS_LABELS[s.status], f"{s.time:%H:%M}" if s.time else "—")
            for s in slots
        ),
    )


def _initial(request):
    """Valeurs proposées par les liens (créneau libre, colonne d'un conseiller) : ?conseiller=&jour=&heure=&site=."""
    initial = {}
    for param, field in (("conseiller", "counsellor"), ("site", "site")):
        value = whole_number(request.GET.get(param))
        if value is not None:
            initial[field] = value
    try:
        initial["date"] = datetime.date.fromisoformat(request.GET.get("jour", ""))
    except ValueError:
        pass
    try:
        initial["time"] = datetime.time.fromisoformat(request.GET.get("heure", ""))
    except ValueError:
        pass
    if "counsellor" not in initial and has_own_agenda(request.user):
        initial["counsellor"] = request.user.pk
    return initial


def _after_booking(request, appointment):
    if appointment.counsellor_id == request.user.pk:
        return f"{reverse('agenda:day')}?jour={appointment.date:%Y-%m-%d}"
    if appointment.site_id:
        return f"{reverse('agenda:site', kwargs={'site_pk': appointment.site_id})}?jour={appointment.date:%Y-%m-%d}"
    return reverse("young_people:detail", kwargs={"pk": appointment.young_person_id})


@staff_allowed(can_open_site_agenda, SITE_AGENDA_ONLY)
@idempotent
def appointment_create(request):
    """Prendre un rendez-vous : le jeune est choisi par la recherche, puis le créneau et le conseiller."""
    pk = whole_number(request.GET.get("jeune"))
    if pk is None:
        return _pick_young_person(request)
    young_person = allowed_young_person(request, pk, can_write_appointments, APPOINTMENTS_ONLY)
    form = BookingForm(
        request.POST or None,
        initial=_initial(request),
        user=request.user,
        mission_locale_id=young_person.mission_locale_id,
    )

    def save():
        data = form.cleaned_data
        appointment = services.book(
            young_person=young_person,
            mode=data["mode"],
            themes=data["themes"],
            confirm_overlap=data["confirm_overlap"],
            **form.slot(),
        )
        booked = (
            f"Rendez-vous pris pour {young_person} le {appointment.date:%d/%m/%Y} à {appointment.time:%H:%M} "
            f"avec {appointment.counsellor}."
        )
        return booked, _after_booking(request, appointment)

    title = f"Rendez-vous pour {young_person}"
    return form_page(request, form, save, title, submit="Prendre le rendez-vous", young_person=young_person)


def _pick_young_person(request):
    form = PickYoungPersonForm(request.GET or None)
    results = None
    if form.is_valid() and form.cleaned_data["q"]:
        results = (
            YoungPerson.objects.visible_to(request.user)
            .active()
            .search(form.cleaned_data["q"])
            .select_related("referent")
            .order_by("last_name", "first_name", "pk")[:20]
        )
    params = request.GET.copy()
    params.pop("q", None)
    params.pop("jeune", None)
    return render(
        request,
        "agenda/pick_young_person.html",
        {"title": "Prendre un rendez-vous", "form": form, "results": results, "params": params.urlencode()},
    )


def _appointment(request, appointment_pk):
    """Le rendez-vous visible ``appointment_pk`` que l'utilisateur peut modifier (404 hors de sa ML, 403 sinon)."""
    appointment = get_object_or_404(
        Contact.objects.visible_to(request.user).select_related("young_person", "counsellor", "site"),
        pk=appointment_pk,
    )
    allowed_young_person(request, appointment.young_person_id, can_write_appointments, APPOINTMENTS_ONLY)
    return appointment


@staff_allowed(can_open_site_agenda, SITE_AGENDA_ONLY)
def appointment_edit(request, appointment_pk):
    """Déplacer un rendez-vous planifié (jour, heure, durée, lieu, conseiller)."""
    appointment = _appointment(request, appointment_pk)
    young_person = appointment.young_person
    form = MoveForm(
        request.POST or None,
        initial={
            "counsellor": appointment.counsellor_id,
            "date": appointment.date,
            "time": appointment.time,
            "duration": appointment.minutes,
            "site": appointment.site_id,
            "version": appointment.version,
        },
        user=request.user,
        mission_locale_id=young_person.mission_locale_id,
    )

    def save():
        data = form.cleaned_data
        services.move(appointment, data["version"], confirm_overlap=data["confirm_overlap"], **form.slot())
        return "Le rendez-vous est déplacé.", _after_booking(request, appointment)

    title = f"Déplacer le rendez-vous de {young_person}"
    return form_page(request, form, save, title, submit="Déplacer", young_person=young_person)


@staff_allowed(can_open_site_agenda, SITE_AGENDA_ONLY)
def appointment_status(request, appointment_pk):
    """Arrivée, tenu, absent, excusé, annulé : bouton d'une liste de l'agenda (htmx : la ligne seule revient)."""
    appointment = _appointment(request, appointment_pk)
    message, error = "", ""
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            version = int(request.POST.get("version", ""))
            if action not in ACTIONS:
                raise Http404("Action inconnue.")
            write, message = ACTIONS[action]
            write(appointment, version)
        except ValueError:
            error = "Le formulaire est incomplet ou périmé : rechargez la page."
        except ConcurrentEditError as conflict:
            error = str(conflict)
            appointment = _appointment(request, appointment_pk)
        except RuleError as refusal:
            error = str(refusal)
        if error:
            message = ""
        if not request.htmx:
            if error:
                messages.error(request, error)
            else:
                messages.success(request, message)
            target = request.POST.get("suite", "")
            if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
                target = reverse("agenda:appointment_status", kwargs={"appointment_pk": appointment.pk})
            return redirect(target)
    decorate(request.user, [appointment])
    context = {"a": appointment, "message": message, "error": error, "suite": request.get_full_path()}
    if request.htmx:
        return HttpResponse(
            appointment_item(
                appointment,
                csrf_token=get_token(request),
                suite=context["suite"],
                message=message,
                error=error,
            )
        )
    context["title"] = f"Rendez-vous de {appointment.young_person}"
    return render(request, "agenda/appointment.html", context)
