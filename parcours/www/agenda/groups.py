"""Séances collectives : la liste des séances de la ML, une séance et ses participants, l'inscription de plusieurs
jeunes d'un coup, l'appel de tous les participants sur un seul écran."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from parcours.accompaniment.enums import AttendanceStatus
from parcours.accounts.access import (
    can_register_to_group_sessions,
    can_run_group_sessions,
    can_see_group_sessions,
    has_own_agenda,
)
from parcours.agenda import group_services
from parcours.agenda.models import GroupSession, Registration
from parcours.errors import RuleError
from parcours.versioning import ConcurrentEditError
from parcours.www import pickers
from parcours.www.access import staff_allowed
from parcours.www.agenda.group_forms import (
    STATUS_BADGES,
    AttendanceForm,
    RegisterForm,
    SessionCreateForm,
    SessionEditForm,
)
from parcours.www.forms import add_reasons
from parcours.www.idempotency import idempotent
from parcours.www.pages import form_page
from parcours.young_people.models import YoungPerson

SESSIONS_ONLY = "Les séances collectives sont tenues par l'accueil, les conseillers et la direction."
RUN_ONLY = "Prévoir une séance collective et en faire l'appel revient aux conseillers et à la direction."


def _session(request, session_pk):
    """La séance ``session_pk`` d'une mission locale visible de l'utilisateur (404 sinon)."""
    return get_object_or_404(
        GroupSession.objects.visible_to(request.user).select_related("site", "counsellor", "mission_locale"),
        pk=session_pk,
    )


def _detail_url(session):
    return reverse("agenda:session_detail", kwargs={"session_pk": session.pk})


@staff_allowed(can_see_group_sessions, SESSIONS_ONLY)
def sessions(request):
    today = timezone.localdate()
    visible = GroupSession.objects.visible_to(request.user).select_related("site", "counsellor")
    to_call = visible.awaiting_roll_call(today).with_registered().order_by("-date", "-time")
    context = {
        "title": "Séances collectives",
        "upcoming": list(visible.upcoming(today)[:100]),
        "to_call": list(to_call) if can_run_group_sessions(request.user) else [],
        "can_run": can_run_group_sessions(request.user),
    }
    return render(request, "agenda/group_list.html", context)


@staff_allowed(can_run_group_sessions, RUN_ONLY)
@idempotent
def session_create(request):
    mission_locale = request.user.mission_locale
    initial = {"counsellor": request.user.pk} if has_own_agenda(request.user) else {}
    form = SessionCreateForm(
        request.POST or None, initial=initial, user=request.user, mission_locale_id=mission_locale.pk
    )

    def save():
        session = group_services.create_session(
            mission_locale=mission_locale,
            confirm_overlap=form.cleaned_data["confirm_overlap"],
            **form.session(),
        )
        return f"Séance prévue : {session}. Inscrivez-y les jeunes.", _detail_url(session)

    title = "Nouvelle séance collective"
    return form_page(request, form, save, title, reverse("agenda:sessions"), submit="Prévoir la séance")


@staff_allowed(can_see_group_sessions, SESSIONS_ONLY)
def session_detail(request, session_pk):
    session = _session(request, session_pk)
    today = timezone.localdate()
    registrations = list(session.registrations.for_roll())
    is_open = not session.is_cancelled and session.date >= today
    can_register = can_register_to_group_sessions(request.user)
    for registration in registrations:
        registration.badge = STATUS_BADGES.get(registration.contact.status, "")
        registration.can_cancel = (
            is_open and can_register and registration.contact.status == AttendanceStatus.PLANNED
        )
    can_run = can_run_group_sessions(request.user)
    active = [r for r in registrations if not r.is_cancelled]
    left = session.capacity - len(active)
    context = {
        "title": session.title,
        "session": session,
        "registrations": registrations,
        "active": active,
        "places_left": group_services.remaining(left),
        "can_register": is_open and can_register and left > 0,
        "can_edit": is_open and can_run,
        "can_take_attendance": can_run and not session.is_cancelled and session.date <= today,
    }
    return render(request, "agenda/group_detail.html", context)


@staff_allowed(can_run_group_sessions, RUN_ONLY)
def session_edit(request, session_pk):
    session = _session(request, session_pk)
    initial = {name: getattr(session, name) for name in ("kind", "title", "date", "time", "duration", "mode")}
    initial.update(
        counsellor=session.counsellor_id,
        site=session.site_id,
        capacity=session.capacity,
        themes=session.themes,
        version=session.version,
    )
    form = SessionEditForm(
        request.POST or None, initial=initial, user=request.user, mission_locale_id=session.mission_locale_id
    )

    def save():
        data = form.cleaned_data
        group_services.edit_session(
            session, data["version"], confirm_overlap=data["confirm_overlap"], **form.session()
        )
        return "La séance est modifiée ; le rendez-vous de chaque inscrit suit.", _detail_url(session)

    return form_page(
        request, form, save, f"Modifier : {session.title}", _detail_url(session), submit="Enregistrer"
    )


@staff_allowed(can_run_group_sessions, RUN_ONLY)
def session_cancel(request, session_pk):
    session = _session(request, session_pk)
    error = ""
    if request.method == "POST":
        try:
            group_services.cancel_session(session, int(request.POST.get("version", "0")))
        except ValueError:
            error = "Le formulaire est incomplet ou périmé : rechargez la page."
        except ConcurrentEditError as conflict:
            error = str(conflict)
        except RuleError as refusal:
            error = str(refusal)
        else:
            messages.success(request, "Séance annulée : le rendez-vous de chaque inscrit est annulé.")
            return redirect(_detail_url(session))
    context = {"title": f"Annuler : {session.title}", "session": session, "error": error}
    return render(request, "agenda/group_cancel.html", context)


def _candidates(request):
    """Les jeunes que l'utilisateur peut inscrire : dossiers actifs de ses ML (le service refuse ceux d'une autre
    ML que celle de la séance, avec un message)."""
    return YoungPerson.objects.visible_to(request.user).active().order_by("last_name", "first_name", "pk")


@staff_allowed(can_register_to_group_sessions, SESSIONS_ONLY)
@idempotent
def session_register(request, session_pk):
    session = _session(request, session_pk)
    form = RegisterForm(
        request.POST or None,
        candidates=_candidates(request),
        url=reverse("agenda:session_candidates", kwargs={"session_pk": session.pk}),
    )
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["young_people"]
        if not all(can_register_to_group_sessions(request.user, yp) for yp in chosen):
            raise PermissionDenied(SESSIONS_ONLY)
        try:
            done = group_services.register(session, chosen, by=request.user)
        except RuleError as error:
            add_reasons(form, error, "young_people")
        else:
            count = len(done)
            messages.success(
                request,
                f"{group_services.young_people_count(count)} inscrit{'s' if count > 1 else ''} à la séance.",
            )
            return redirect(_detail_url(session))
    context = {
        "title": f"Inscrire des jeunes : {session.title}",
        "session": session,
        "form": form,
        "places_left": group_services.remaining(
            session.capacity - session.registrations.taking_place().count()
        ),
        "back_url": _detail_url(session),
    }
    return render(request, "agenda/group_register.html", context)


@staff_allowed(can_register_to_group_sessions, SESSIONS_ONLY)
def session_candidates(request, session_pk):
    """Propositions du choix des jeunes (fragment htmx)."""
    _session(request, session_pk)
    return pickers.options(request, _candidates(request))


@staff_allowed(can_run_group_sessions, RUN_ONLY)
def session_attendance(request, session_pk):
    """L'appel : tous les participants sur un écran, présent, absent ou excusé, un seul envoi."""
    session = _session(request, session_pk)
    registrations = list(session.registrations.for_roll().exclude(contact__status=AttendanceStatus.CANCELLED))
    form = AttendanceForm(request.POST or None, registrations=registrations)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            changed = group_services.take_attendance(session, form.marks())
        except ConcurrentEditError as conflict:
            error = f"{conflict} Rien n'a été noté : rechargez la page et refaites l'appel."
        except RuleError as refusal:
            error = str(refusal)
        else:
            messages.success(
                request, f"Appel enregistré : {group_services.participants(len(changed))} mis à jour."
            )
            return redirect(_detail_url(session))
    context = {"title": f"Appel : {session.title}", "session": session, "form": form, "error": error}
    return render(request, "agenda/group_attendance.html", context)


@staff_allowed(can_register_to_group_sessions, SESSIONS_ONLY)
def registration_cancel(request, session_pk, registration_pk):
    """Désinscrire un jeune (POST) ; le contact planifié est annulé et la place libérée."""
    session = _session(request, session_pk)
    registration = get_object_or_404(
        Registration.objects.visible_to(request.user)
        .filter(session=session)
        .select_related("contact", "young_person"),
        pk=registration_pk,
    )
    if not can_register_to_group_sessions(request.user, registration.young_person):
        raise PermissionDenied(SESSIONS_ONLY)
    if request.method == "POST":
        try:
            group_services.unregister(registration, int(request.POST.get("version", "0")))
        except ValueError:
            messages.error(request, "Le formulaire est incomplet ou périmé : rechargez la page.")
        except ConcurrentEditError as conflict:
            messages.error(request, str(conflict))
        except RuleError as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, f"{registration.young_person} est désinscrit·e ; sa place est libérée.")
    return redirect(_detail_url(session))
