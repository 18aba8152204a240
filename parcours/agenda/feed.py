"""Calendrier privé d'un conseiller (iCalendar, RFC 5545) : ses rendez-vous, lus par l'outil d'agenda qu'il utilise.

Le fichier sort de Parcours et vit dans un autre outil (téléphone, messagerie) : il n'en dit que le minimum.
Chaque évènement porte l'heure, la durée, le lieu (site) ou la modalité (téléphone, visio), le prénom et
l'initiale du nom du jeune, le numéro du dossier et le statut ; jamais les thèmes, le compte rendu ni rien de
sensible. Une séance collective qu'il anime est un seul évènement (son intitulé, le nombre d'inscrits, aucun
nom). Un rendez-vous annulé, reporté ou excusé reste dans le fichier en ``STATUS:CANCELLED`` (l'outil le
retire ou le barre) ; son ``UID`` ne change jamais, sa ``SEQUENCE`` suit la version de l'enregistrement.
"""

import datetime

from django.utils import timezone
from icalendar import Calendar, Event

from parcours.accompaniment.enums import AttendanceStatus, ContactKind, ContactMode
from parcours.accompaniment.models import Contact
from parcours.agenda.models import GroupSession
from parcours.young_people.models import FileAccess
from parcours.young_people.services import record_accesses

#: Période couverte : les 30 derniers jours et les 90 à venir.
DAYS_BEFORE = 30
DAYS_AFTER = 90
#: Fréquence de relecture conseillée aux outils d'agenda (RFC 7986 et l'en-tête propre à Outlook).
REFRESH = datetime.timedelta(minutes=30)
PRODID = "-//Parcours//Agenda des missions locales//FR"
CALENDAR_NAME = "Parcours : mes rendez-vous"
#: Domaine des identifiants d'évènement : fixe, pour qu'un évènement garde son UID quel que soit l'hôte servi.
UID_DOMAIN = "agenda.parcours"
#: Statuts d'un rendez-vous qui ne tient plus la place : l'évènement est annulé dans l'outil d'agenda.
CANCELLED = {AttendanceStatus.CANCELLED, AttendanceStatus.POSTPONED, AttendanceStatus.EXCUSED}


def window(today):
    return today - datetime.timedelta(days=DAYS_BEFORE), today + datetime.timedelta(days=DAYS_AFTER)


def appointments(user, today):
    """Les rendez-vous (contacts à une heure donnée) de ``user`` dans la période, parmi les dossiers qu'il voit ;
    les inscriptions aux séances collectives sont montrées par séance (``sessions``)."""
    first, last = window(today)
    return list(
        Contact.objects.visible_to(user)
        .filter(
            counsellor=user, date__range=(first, last), time__isnull=False, group_registration__isnull=True
        )
        .select_related("young_person", "site")
        .order_by("date", "time", "pk")
    )


def sessions(user, today):
    """Les séances collectives que ``user`` anime dans la période, annulées comprises (retirées de l'agenda)."""
    first, last = window(today)
    return list(
        GroupSession.objects.visible_to(user)
        .filter(counsellor=user, date__range=(first, last))
        .with_registered()
        .select_related("site")
        .order_by("date", "time", "pk")
    )


def summary(contact):
    """« RDV — Élise N. » : le prénom et l'initiale du nom, le statut s'il n'est plus planifié."""
    person = contact.young_person
    initial = f" {person.last_name.strip()[:1].upper()}." if person.last_name.strip() else ""
    prefix = "RDV" if contact.kind == ContactKind.INDIVIDUAL else ContactKind(contact.kind).label
    text = f"{prefix} — {person.first_name.strip()}{initial}"
    if contact.status != AttendanceStatus.PLANNED:
        text += f" ({AttendanceStatus(contact.status).label.lower()})"
    return text


def location(contact):
    parts = [contact.site.name] if contact.site_id else []
    if contact.mode != ContactMode.ON_SITE:
        parts.append(ContactMode(contact.mode).label)
    return " · ".join(parts)


def uid(contact):
    return f"rdv-{contact.pk}@{UID_DOMAIN}"


def _utc(day, time):
    local = timezone.make_aware(datetime.datetime.combine(day, time))
    return local.astimezone(datetime.UTC)


def _event(record, identifier, stamp, minutes, *, title, description, cancelled):
    """L'évènement d'un rendez-vous ou d'une séance collective : ce que l'outil d'agenda lit des deux."""
    start = _utc(record.date, record.time)
    item = Event()
    item.add("uid", identifier)
    item.add("dtstamp", stamp)
    item.add("created", record.created_at.astimezone(datetime.UTC))
    item.add("sequence", record.version)
    item.add("dtstart", start)
    item.add("dtend", start + datetime.timedelta(minutes=minutes))
    item.add("summary", title)
    where = location(record)
    if where:
        item.add("location", where)
    item.add("description", description)
    item.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    item.add("transp", "TRANSPARENT" if cancelled else "OPAQUE")
    item.add("class", "PRIVATE")
    return item


def event(contact, stamp, link=None):
    item = _event(
        contact,
        uid(contact),
        stamp,
        contact.minutes,
        title=summary(contact),
        description=f"Dossier n° {contact.young_person_id} · {AttendanceStatus(contact.status).label}",
        cancelled=contact.status in CANCELLED,
    )
    if link:
        item.add("url", link(contact))
    return item


def session_event(session, stamp):
    registered = f"{session.registered} inscrit{'s' if session.registered > 1 else ''}"
    return _event(
        session,
        f"seance-{session.pk}@{UID_DOMAIN}",
        stamp,
        session.duration,
        title=f"{ContactKind(session.kind).label} — {session.title} ({registered})",
        description=f"Séance collective · {registered} sur {session.capacity} places",
        cancelled=session.cancelled_at is not None,
    )


def calendar(contacts, *, sessions=(), now=None, link=None):
    """Le fichier iCalendar (octets) des ``contacts`` et des ``sessions`` ; ``link(contact)`` donne l'adresse du
    dossier, s'il y a lieu."""
    stamp = (now or timezone.now()).astimezone(datetime.UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", CALENDAR_NAME)
    cal.add("x-wr-calname", CALENDAR_NAME)
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", REFRESH)
    for contact in contacts:
        cal.add_component(event(contact, stamp, link))
    for session in sessions:
        cal.add_component(session_event(session, stamp))
    return cal.to_ical()


def record_reads(user, contacts, now=None):
    """Journalise la lecture du calendrier dans l'historique de chaque dossier qu'il nomme (canal
    « calendrier »), une fois par dossier et par jour : l'outil d'agenda relit le fichier toutes les
    demi-heures, l'historique dit « lu par le calendrier de X ce jour », pas chaque relecture."""
    now = now or timezone.now()
    midnight = timezone.make_aware(datetime.datetime.combine(timezone.localdate(now), datetime.time()))
    named = dict.fromkeys(c.young_person_id for c in contacts)
    already = set(
        FileAccess.objects.filter(
            user=user, channel=FileAccess.CALENDAR, at__gte=midnight, young_person_id__in=named
        ).values_list("young_person_id", flat=True)
    )
    fresh = [pk for pk in named if pk not in already]
    if fresh:
        record_accesses(user, fresh, FileAccess.CALENDAR)
    return len(fresh)
