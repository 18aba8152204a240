"""Écritures de l'agenda : prendre, déplacer, annuler un rendez-vous, noter l'arrivée et la présence.

Un rendez-vous est le contact planifié (``accompaniment.Contact``, statut « planifié ») : noter le jeune
présent en fait le contact tenu, la même ligne, qui compte aussitôt dans chaque indicateur (rien n'est
ressaisi). Un rendez-vous manqué (absent) reste au fil du parcours. Chaque modification part de la version
lue (``parcours.versioning``) : rien n'écrase en silence ce qu'une autre personne a enregistré entre-temps.
"""

import contextlib

from django.db import transaction
from django.utils import timezone

from parcours import versioning
from parcours.accompaniment.enums import AttendanceStatus, ContactKind, ContactMode, Theme
from parcours.accompaniment.models import Contact
from parcours.agenda import rules
from parcours.agenda.models import GroupSession
from parcours.errors import RuleError


class OverlapError(RuleError):
    """Le conseiller est déjà pris sur ce créneau ; ``clashes`` nomme ce qui l'occupe (rendez-vous, séances
    collectives qu'il anime). Rien n'est enregistré. ``heading`` et ``appointment`` : les mots du refus, que la
    séance collective dit à sa façon (``group_services.AnimatorBusyError``)."""

    heading = "Ce créneau chevauche un autre rendez-vous du conseiller"
    appointment = "avec"

    def __init__(self, clashes):
        self.clashes = list(clashes)
        super().__init__(
            [
                f"{self.heading} : "
                + " ; ".join(self.described(c) for c in self.clashes)
                + ". Cochez « confirmer malgré le chevauchement » pour l'enregistrer quand même."
            ]
        )

    def described(self, item):
        """Un rendez-vous (« 10:00–10:30 avec NOM Prénom ») ou une séance collective (« 14:00–16:00 : Atelier CV »)."""
        hours = f"{item.time:%H:%M}–{item.end_time:%H:%M}"
        if isinstance(item, GroupSession):
            return f"{hours} : {item.title}"
        return f"{hours} {self.appointment} {item.young_person}"


class AppointmentError(RuleError):
    """Changement de statut ou rendez-vous refusé par une règle ; rien n'est enregistré."""


#: Statuts qu'on note sur un rendez-vous, avec ce qu'ils exigent de la date.
MARKABLE = {
    AttendanceStatus.PRESENT: "past",
    AttendanceStatus.ABSENT: "past",
    AttendanceStatus.EXCUSED: "any",
    AttendanceStatus.CANCELLED: "any",
    AttendanceStatus.POSTPONED: "any",
    AttendanceStatus.PLANNED: "future",
}


def overlapping(counsellor, date, start, duration, exclude=None):
    """Rendez-vous du conseiller qui occupent une partie du créneau ``start`` + ``duration`` minutes le ``date``
    (sans les participants des séances collectives : voir ``overlapping_sessions``)."""
    if counsellor is None or start is None:
        return []
    wanted = rules.interval(start, duration)
    same_day = (
        Contact.objects.occupying()
        .filter(counsellor=counsellor, date=date, group_registration__isnull=True)
        .select_related("young_person")
    )
    if exclude is not None:
        same_day = same_day.exclude(pk=exclude.pk)
    return [c for c in same_day if rules.overlaps(wanted, rules.interval(c.time, c.minutes))]


def overlapping_sessions(counsellor, date, start, duration, exclude=None):
    """Séances collectives (non annulées) que le conseiller anime sur une partie du créneau."""
    if counsellor is None or start is None:
        return []
    wanted = rules.interval(start, duration)
    sessions = GroupSession.objects.held_or_planned().filter(counsellor=counsellor, date=date)
    if exclude is not None:
        sessions = sessions.exclude(pk=exclude.pk)
    return [s for s in sessions if rules.overlaps(wanted, rules.interval(s.time, s.duration))]


def check_free(
    counsellor,
    date,
    start,
    duration,
    *,
    confirm_overlap,
    appointment=None,
    session=None,
    refusal=OverlapError,
):
    """Refuse (``refusal(clashes)``), sauf confirmation, un créneau où le conseiller est déjà pris : ses rendez-vous
    individuels, puis les séances collectives qu'il anime. ``appointment`` ou ``session`` : le rendez-vous ou la
    séance qu'on modifie, qui ne se gêne pas lui-même."""
    clashes = overlapping(counsellor, date, start, duration, appointment)
    clashes += overlapping_sessions(counsellor, date, start, duration, session)
    if clashes and not confirm_overlap:
        raise refusal(clashes)


@contextlib.contextmanager
def taking_slot(counsellor, date, start, duration, *, confirm_overlap, refusal=OverlapError):
    """La transaction qui prend un créneau du conseiller (rendez-vous ou séance, écrit dans le bloc) : deux prises
    simultanées pour le même conseiller, la seconde attend la première, puis voit le créneau pris."""
    with transaction.atomic():
        type(counsellor).objects.select_for_update().filter(pk=counsellor.pk).first()
        check_free(counsellor, date, start, duration, confirm_overlap=confirm_overlap, refusal=refusal)
        yield


def _check_start(start):
    if start is None:
        raise AppointmentError("Un rendez-vous a une heure de début.")


def _check_slot(counsellor, date, start, duration, confirm_overlap, exclude=None):
    _check_start(start)
    check_free(counsellor, date, start, duration, confirm_overlap=confirm_overlap, appointment=exclude)


def _check_themes(themes):
    unknown = set(themes) - set(Theme.values)
    if unknown:
        raise AppointmentError(f"Thème inconnu : {', '.join(sorted(unknown))}.")


def book(
    *,
    counsellor,
    young_person,
    date,
    time,
    duration=rules.DEFAULT_DURATION,
    site=None,
    mode=ContactMode.ON_SITE,
    themes=(),
    kind=ContactKind.INDIVIDUAL,
    confirm_overlap=False,
    today=None,
):
    """Prend un rendez-vous (contact planifié) ; refuse une date passée et, sauf confirmation, un chevauchement."""
    today = today or timezone.localdate()
    if date < today:
        raise AppointmentError("Un rendez-vous se prend pour aujourd'hui ou un jour à venir.")
    if rules.beyond_horizon(date, today):
        raise AppointmentError(f"Un rendez-vous se prend {rules.HORIZON_TEXT}.")
    if counsellor is None or counsellor.mission_locale_id is None:
        raise AppointmentError("Choisissez le conseiller qui reçoit le jeune.")
    if site is not None and site.mission_locale_id != young_person.mission_locale_id:
        raise AppointmentError("Le lieu doit être un site de la mission locale du jeune.")
    themes = [str(t) for t in themes]
    _check_themes(themes)
    _check_start(time)
    with taking_slot(counsellor, date, time, duration, confirm_overlap=confirm_overlap):
        return Contact.objects.create(
            young_person=young_person,
            counsellor=counsellor,
            date=date,
            time=time,
            duration=duration,
            site=site,
            mode=mode,
            kind=kind,
            themes=themes,
            status=AttendanceStatus.PLANNED,
        )


def move(
    appointment,
    expected_version,
    *,
    date,
    time,
    duration,
    site=None,
    counsellor=None,
    confirm_overlap=False,
    today=None,
):
    """Déplace un rendez-vous planifié (jour, heure, durée, lieu, conseiller), à partir de la version lue."""
    today = today or timezone.localdate()
    if appointment.status != AttendanceStatus.PLANNED:
        raise AppointmentError("Seul un rendez-vous planifié se déplace.")
    if date < today:
        raise AppointmentError("Un rendez-vous se déplace vers aujourd'hui ou un jour à venir.")
    if rules.beyond_horizon(date, today):
        raise AppointmentError(f"Un rendez-vous se déplace {rules.HORIZON_TEXT}.")
    counsellor = counsellor or appointment.counsellor
    with versioning.editing(appointment, expected_version):
        _check_slot(counsellor, date, time, duration, confirm_overlap, exclude=appointment)
        appointment.date, appointment.time, appointment.duration = date, time, duration
        appointment.site, appointment.counsellor = site, counsellor
        appointment.arrived_at = None
        appointment.save()
    return appointment


def mark(appointment, expected_version, status, *, today=None):
    """Note le statut du rendez-vous : présent (il devient le contact tenu), absent, excusé, annulé, reporté."""
    today = today or timezone.localdate()
    status = AttendanceStatus(status)
    when = MARKABLE[status]
    if when == "past" and appointment.date > today:
        raise AppointmentError(
            f"Un rendez-vous à venir ne peut pas être noté « {status.label.lower()} » : il est encore planifié."
        )
    if when == "future" and appointment.date < today:
        raise AppointmentError("Un rendez-vous passé ne redevient pas planifié : notez ce qui a eu lieu.")
    with versioning.editing(appointment, expected_version):
        if status == AttendanceStatus.PLANNED:
            _check_slot(appointment.counsellor, appointment.date, appointment.time, appointment.minutes, True)
        appointment.status = status
        if status != AttendanceStatus.PRESENT and status != AttendanceStatus.PLANNED:
            appointment.arrived_at = None
        appointment.save()
    return appointment


def cancel(appointment, expected_version, *, today=None):
    if appointment.status != AttendanceStatus.PLANNED:
        raise AppointmentError("Seul un rendez-vous planifié s'annule.")
    return mark(appointment, expected_version, AttendanceStatus.CANCELLED, today=today)


def mark_arrived(appointment, expected_version, *, now=None):
    """Le jeune est arrivé (noté par l'accueil) ; le rendez-vous reste planifié jusqu'à ce qu'il soit tenu."""
    now = now or timezone.now()
    if appointment.status != AttendanceStatus.PLANNED:
        raise AppointmentError("L'arrivée se note sur un rendez-vous planifié.")
    if appointment.date != timezone.localdate(now):
        raise AppointmentError("L'arrivée se note le jour du rendez-vous.")
    with versioning.editing(appointment, expected_version):
        appointment.arrived_at = now
        appointment.save()
    return appointment
