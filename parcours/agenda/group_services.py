"""Écritures des séances collectives : créer, modifier, annuler une séance ; inscrire plusieurs jeunes d'un coup ;
désinscrire ; faire l'appel de tous les participants en une fois.

Chaque inscription est le contact du jeune pour la séance (``accompaniment.Contact`` planifié, animé par le
conseiller de la séance) : l'appel passe par ``agenda.services.mark``, comme un rendez-vous individuel, si bien
que le jeune noté présent a son contact tenu au fil de son dossier. Les places sont comptées sous verrou de la
séance (``select_for_update``) et la base refuse d'en compter plus que de places (``taken <= capacity``).
"""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone

from parcours import versioning
from parcours.accompaniment.enums import SENSITIVE_THEMES, AttendanceStatus, ContactMode, Theme
from parcours.accompaniment.models import Contact
from parcours.agenda import rules, services
from parcours.agenda.models import GROUP_KINDS, MAX_CAPACITY, GroupSession, Registration
from parcours.errors import RuleError

#: Statuts que l'appel peut noter pour un participant.
ROLL_STATUSES = (AttendanceStatus.PRESENT, AttendanceStatus.ABSENT, AttendanceStatus.EXCUSED)


class GroupSessionError(RuleError):
    """Séance, inscription ou appel refusé par une règle ; rien n'est enregistré."""


class AnimatorBusyError(services.OverlapError, GroupSessionError):
    """L'animateur est déjà pris sur le créneau de la séance (rendez-vous, autre séance) ; rien n'est enregistré."""

    heading = "Ce créneau chevauche l'agenda de l'animateur"
    appointment = ": rendez-vous avec"


def remaining(count):
    """« il reste 1 place », « il reste 3 places », « il ne reste aucune place »."""
    if count <= 0:
        return "il ne reste aucune place"
    return f"il reste {count} place{'s' if count > 1 else ''}"


def young_people_count(count):
    return f"{count} jeune{'s' if count > 1 else ''}"


def participants(count):
    """« 1 participant », « 3 participants » ; « aucun participant »."""
    if count <= 0:
        return "aucun participant"
    return f"{count} participant{'s' if count > 1 else ''}"


def _check_fields(*, mission_locale, counsellor, kind, date, site, themes, capacity, today):
    reasons = []
    if date < today:
        reasons.append("Une séance se prévoit pour aujourd'hui ou un jour à venir.")
    if rules.beyond_horizon(date, today):
        reasons.append(f"Une séance se prévoit {rules.HORIZON_TEXT}.")
    if kind not in [k.value for k in GROUP_KINDS]:
        reasons.append("Une séance collective est une information collective ou un atelier.")
    if counsellor is None or counsellor.mission_locale_id != mission_locale.pk:
        reasons.append("Choisissez le conseiller de la mission locale qui anime la séance.")
    if site is not None and site.mission_locale_id != mission_locale.pk:
        reasons.append("Le lieu doit être un site de la mission locale.")
    unknown = set(themes) - set(Theme.values)
    if unknown:
        reasons.append(f"Thème inconnu : {', '.join(sorted(unknown))}.")
    if SENSITIVE_THEMES.intersection(themes):
        reasons.append(
            "Une séance collective ne porte pas de thème sensible (santé) : sa liste de participants le "
            "révélerait à tout le personnel qui l'ouvre."
        )
    if not 1 <= capacity <= MAX_CAPACITY:
        reasons.append(f"Une séance compte de 1 à {MAX_CAPACITY} places.")
    if reasons:
        raise GroupSessionError(reasons)


def create_session(
    *,
    mission_locale,
    counsellor,
    title,
    date,
    time,
    capacity,
    kind=GROUP_KINDS[0],
    duration=120,
    site=None,
    mode=ContactMode.ON_SITE,
    themes=(),
    confirm_overlap=False,
    today=None,
):
    """Prévoit une séance ; refuse une date passée, un lieu ou un animateur d'une autre ML et, sauf
    confirmation, un créneau où l'animateur est déjà pris."""
    today = today or timezone.localdate()
    themes = [str(t) for t in themes]
    _check_fields(
        mission_locale=mission_locale,
        counsellor=counsellor,
        kind=str(kind),
        date=date,
        site=site,
        themes=themes,
        capacity=capacity,
        today=today,
    )
    with services.taking_slot(
        counsellor, date, time, duration, confirm_overlap=confirm_overlap, refusal=AnimatorBusyError
    ):
        return GroupSession.objects.create(
            mission_locale=mission_locale,
            counsellor=counsellor,
            kind=str(kind),
            title=title.strip(),
            date=date,
            time=time,
            duration=duration,
            site=site,
            mode=mode,
            themes=themes,
            capacity=capacity,
        )


def _contact_fields(session):
    """Ce que le contact d'un participant reprend de la séance."""
    return {
        "counsellor": session.counsellor,
        "date": session.date,
        "time": session.time,
        "duration": session.duration,
        "site": session.site,
        "mode": session.mode,
        "kind": session.kind,
        "themes": list(session.themes),
    }


def _open_for_changes(session, today, verb):
    if session.is_cancelled:
        raise GroupSessionError("Cette séance est annulée.")
    if session.date < today:
        raise GroupSessionError(f"Cette séance a déjà eu lieu : elle ne se {verb} plus.")


def edit_session(session, expected_version, *, confirm_overlap=False, today=None, **changes):
    """Modifie une séance à venir (intitulé, jour, heure, durée, lieu, animateur, thèmes, places) ; le contact de
    chaque inscrit suit (même jour, même heure, même lieu)."""
    today = today or timezone.localdate()
    _open_for_changes(session, today, "modifie")
    for name, value in changes.items():
        setattr(session, name, value)
    session.themes = [str(t) for t in session.themes]
    _check_fields(
        mission_locale=session.mission_locale,
        counsellor=session.counsellor,
        kind=session.kind,
        date=session.date,
        site=session.site,
        themes=session.themes,
        capacity=session.capacity,
        today=today,
    )
    with versioning.editing(session, expected_version):
        taken = session.registrations.taking_place().count()
        if session.capacity < taken:
            raise GroupSessionError(
                f"{young_people_count(taken)} y sont inscrits : la séance ne peut pas compter moins de places."
            )
        services.check_free(
            session.counsellor,
            session.date,
            session.time,
            session.duration,
            confirm_overlap=confirm_overlap,
            session=session,
            refusal=AnimatorBusyError,
        )
        session.taken = taken  # sous le verrou de la version : le compte lu est celui de la base
        session.title = session.title.strip()
        session.save()
        Contact.objects.filter(group_registration__session=session).update(
            **_contact_fields(session), version=F("version") + 1
        )
    return session


def cancel_session(session, expected_version, *, today=None):
    """Annule une séance à venir : le contact planifié de chaque inscrit est annulé (il reste au fil du dossier)."""
    today = today or timezone.localdate()
    _open_for_changes(session, today, "annule")
    with versioning.editing(session, expected_version):
        session.cancelled_at = timezone.now()
        session.taken = 0
        session.save()
        Contact.objects.filter(group_registration__session=session, status=AttendanceStatus.PLANNED).update(
            status=AttendanceStatus.CANCELLED, arrived_at=None, version=F("version") + 1
        )
    return session


def register(session, young_people, *, by=None, today=None):
    """Inscrit ``young_people`` à la séance, tous ou aucun : un jeune d'une autre mission locale, déjà inscrit,
    ou plus de jeunes que de places restantes, et rien n'est enregistré. Une inscription annulée est reprise.
    Renvoie les inscriptions."""
    today = today or timezone.localdate()
    chosen = list({yp.pk: yp for yp in young_people}.values())
    if not chosen:
        raise GroupSessionError("Choisissez au moins un jeune à inscrire.")
    with transaction.atomic():
        # Deux inscriptions simultanées à la même séance : la seconde attend la première et voit ses places prises.
        session = GroupSession.objects.select_for_update().get(pk=session.pk)
        _open_for_changes(session, today, "remplit")
        reasons = []
        if any(yp.mission_locale_id != session.mission_locale_id for yp in chosen):
            reasons.append("Un des jeunes choisis n'est pas suivi par la mission locale de la séance.")
        existing = {r.young_person_id: r for r in session.registrations.select_related("contact")}
        for yp in chosen:
            if yp.pk in existing and not existing[yp.pk].is_cancelled:
                reasons.append(f"{yp} est déjà inscrit·e à cette séance.")
        taken = session.registrations.taking_place().count()
        left = session.capacity - taken
        if not reasons and len(chosen) > left:
            reasons.append(
                f"{remaining(left).capitalize()} à cette séance : vous inscrivez {young_people_count(len(chosen))}. "
                "Personne n'a été inscrit."
            )
        if reasons:
            raise GroupSessionError(reasons)
        registrations = []
        for yp in chosen:
            if yp.pk in existing:
                registration = existing[yp.pk]
                Contact.objects.filter(pk=registration.contact_id).update(
                    **_contact_fields(session),
                    status=AttendanceStatus.PLANNED,
                    arrived_at=None,
                    version=F("version") + 1,
                )
            else:
                contact = Contact.objects.create(
                    young_person=yp, status=AttendanceStatus.PLANNED, **_contact_fields(session)
                )
                registration = Registration.objects.create(
                    session=session, young_person=yp, contact=contact, registered_by=by
                )
            registrations.append(registration)
        _take_places(session, taken, len(chosen))
    return registrations


def _take_places(session, live, count):
    """Ajoute ``count`` places prises, par incrément en base : deux écritures qui passeraient sans le verrou de la
    séance ne s'écrasent pas, et la seconde bute sur la contrainte ``taken <= capacity``. Un compteur qui ne suit
    plus les inscriptions (contact annulé depuis une autre page) est d'abord recalé sur ``live``, le compte lu
    sous verrou."""
    sessions = GroupSession.objects.filter(pk=session.pk)
    if session.taken != live:
        sessions.update(taken=live)
    try:
        with transaction.atomic():
            sessions.update(taken=F("taken") + count)
    except IntegrityError as full:
        raise GroupSessionError("La séance vient d'être complétée : personne n'a été inscrit.") from full


def unregister(registration, expected_version, *, today=None):
    """Désinscrit le jeune d'une séance à venir : son contact est annulé (il reste au fil) et sa place libérée.
    ``expected_version`` est la version lue du contact."""
    today = today or timezone.localdate()
    with transaction.atomic():
        session = GroupSession.objects.select_for_update().get(pk=registration.session_id)
        _open_for_changes(session, today, "modifie")
        contact = registration.contact
        if contact.status != AttendanceStatus.PLANNED:
            raise GroupSessionError("Seule une inscription planifiée s'annule.")
        services.mark(contact, expected_version, AttendanceStatus.CANCELLED, today=today)
        GroupSession.objects.filter(pk=session.pk).update(taken=Greatest(F("taken") - 1, 0))
    return registration


def take_attendance(session, marks, *, today=None):
    """L'appel : ``marks`` donne pour des inscriptions de la séance ``(inscription, version lue du contact,
    statut)`` — présent, absent ou excusé. Tout est noté ou rien (une ligne modifiée entre-temps par une autre
    personne, et l'appel entier est refusé). Le participant présent a son contact tenu au fil de son dossier."""
    today = today or timezone.localdate()
    if session.is_cancelled:
        raise GroupSessionError("Cette séance est annulée : il n'y a pas d'appel à faire.")
    if session.date > today:
        raise GroupSessionError("L'appel se fait le jour de la séance ou après.")
    changed = []
    with transaction.atomic():
        for registration, version, status in marks:
            if registration.session_id != session.pk:
                raise GroupSessionError("Une des inscriptions n'est pas de cette séance.")
            status = AttendanceStatus(status)
            if status not in ROLL_STATUSES:
                raise GroupSessionError(f"L'appel note présent, absent ou excusé, pas « {status.label} ».")
            contact = registration.contact
            if contact.status == AttendanceStatus.CANCELLED:
                raise GroupSessionError(f"L'inscription de {registration.young_person} est annulée.")
            if contact.status == status:
                continue
            services.mark(contact, version, status, today=today)
            changed.append(registration)
    return changed
