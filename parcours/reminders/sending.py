"""Planifier et envoyer les rappels dus — dans le travailleur seulement (tâche ``send_due_reminders``, commande
``envoyer_rappels``), jamais pendant une requête web.

Deux temps :

1. ``plan_due(now)`` crée une ligne « à envoyer » par rendez-vous planifié dont l'heure du rappel est venue,
   dont le jeune a donné son accord et dont le canal est joignable. La contrainte d'unicité (rendez-vous,
   canal, heure du rendez-vous) fait qu'un rendez-vous n'a jamais deux rappels pour la même heure, même si deux
   travailleurs planifient en même temps.
2. ``send_due(batch_size=...)`` envoie les lignes à envoyer, par lots :

   - **prise** : un lot est réservé au travailleur (``claimed_by``, bail ``claimed_until``) par
     ``SELECT … FOR UPDATE SKIP LOCKED`` : deux travailleurs ne prennent jamais le même message ;
   - le lot est lu d'une requête (rendez-vous, jeune, accord, lieu) ; rendez-vous annulé, passé, déplacé, accord
     retiré ou canal changé → « sans objet » ;
   - **avant l'envoi**, le message passe « envoi en cours » (essai + 1) par un ``UPDATE`` conditionnel (même
     travailleur, même essai), validé aussitôt ;
   - **envoi** au prestataire avec la clé d'idempotence du message (en-tête ``Idempotency-Key`` d'un SMS,
     ``Message-ID`` d'un courriel) ;
   - **après l'envoi**, « envoyé » par un ``UPDATE`` conditionnel (statut « en cours » et même travailleur).

   Un travailleur tué en plein lot laisse ses messages non commencés « à envoyer » et au plus un message
   « en cours » par travailleur ; à l'expiration du bail, le lot suivant les reprend, le message en cours avec
   la même clé (le prestataire SMS ne le renvoie pas ; un courriel garde son Message-ID, voir docs/rappels.md).
   Une erreur du prestataire remet le message en file jusqu'à ``rules.MAX_ATTEMPTS`` essais, puis « échec ».
"""

import datetime
import logging
import os
import socket

from django.conf import settings
from django.core import mail
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.crypto import get_random_string

from parcours.accompaniment.enums import AttendanceStatus
from parcours.accompaniment.models import Contact
from parcours.reminders import rules, sms
from parcours.reminders.enums import OPEN_STATUSES, SENDING_CHANNELS, Channel, MessageStatus
from parcours.reminders.models import DEFAULT_DELAY_HOURS, ReminderMessage, ReminderSettings

logger = logging.getLogger("parcours.reminders")

DEFAULT_BATCH_SIZE = 100


class DeliveryError(Exception):
    """Le prestataire n'a pas pris le message (son texte ne contient aucune donnée personnelle)."""


def new_worker_id():
    return f"{socket.gethostname()[:30]}-{os.getpid()}-{get_random_string(8)}"[:64]


def delays_by_ml():
    return dict(ReminderSettings.objects.values_list("mission_locale_id", "delay_hours"))


def _candidates(now, longest_delay):
    """Rendez-vous planifiés de la fenêtre des rappels, d'un jeune d'accord, qui n'ont pas encore de rappel pour
    leur jour, leur heure et le canal choisi : le travailleur planifie chaque minute, et ce qu'il a déjà
    planifié n'est pas relu (un rendez-vous déplacé, ou un canal changé, redevient candidat)."""
    today = timezone.localdate(now)
    last_day = (
        (now + datetime.timedelta(hours=longest_delay)).astimezone(timezone.get_current_timezone()).date()
    )
    planned = ReminderMessage.objects.filter(
        appointment_id=OuterRef("pk"),
        channel=OuterRef("young_person__reminder_consent__channel"),
        starts_at__date=OuterRef("date"),  # jour et heure de Paris (TIME_ZONE), comme rules.starts_at
        starts_at__time=OuterRef("time"),
    ).exclude(status=MessageStatus.CANCELLED)
    return (
        Contact.objects.filter(
            status=AttendanceStatus.PLANNED,
            time__isnull=False,
            date__range=(today, last_day),
            young_person__archived_at__isnull=True,
            young_person__reminder_consent__consent=True,
        )
        .exclude(Exists(planned))
        .select_related("young_person__reminder_consent")
        .only(
            "pk",
            "date",
            "time",
            "young_person__mission_locale_id",
            "young_person__email",
            "young_person__phone",
            "young_person__reminder_consent__channel",
        )
    )


def plan_due(now=None):
    """Crée les rappels dus à ``now`` (rien pour un rappel déjà créé) ; renvoie le nombre de lignes créées."""
    now = now or timezone.now()
    delays = delays_by_ml()
    longest = max([DEFAULT_DELAY_HOURS, *delays.values()])
    wanted = []
    for appointment in _candidates(now, longest).iterator(chunk_size=2000):
        young_person = appointment.young_person
        start = rules.starts_at(appointment.date, appointment.time)
        delay = delays.get(young_person.mission_locale_id, DEFAULT_DELAY_HOURS)
        channel = young_person.reminder_consent.channel
        to = rules.recipient(channel, young_person.email, young_person.phone)
        if channel in SENDING_CHANNELS and to and rules.is_due(start, delay, now):
            wanted.append(
                ReminderMessage(
                    appointment_id=appointment.pk,
                    channel=channel,
                    starts_at=start,
                    due_at=rules.due_at(start, delay),
                    recipient=to,
                    created_at=now,
                )
            )
    # Un autre travailleur a pu planifier entre-temps : la contrainte d'unicité écarte le doublon.
    ReminderMessage.objects.bulk_create(wanted, ignore_conflicts=True, batch_size=1000)
    return len(wanted)


def claim(worker_id, batch_size, now):
    """Réserve au plus ``batch_size`` messages à traiter (à envoyer, ou en cours d'un travailleur disparu dont
    le bail a expiré) ; renvoie leurs identifiants."""
    lease = datetime.timedelta(seconds=settings.REMINDERS_LEASE_SECONDS)
    free = Q(claimed_until__isnull=True) | Q(claimed_until__lte=now)
    with transaction.atomic():
        ids = list(
            ReminderMessage.objects.filter(free, status__in=OPEN_STATUSES, due_at__lte=now)
            .order_by("due_at", "pk")
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:batch_size]
        )
        ReminderMessage.objects.filter(pk__in=ids).update(claimed_by=worker_id, claimed_until=now + lease)
    return ids


def _stale_reason(message, consent):
    appointment = message.appointment
    if appointment.status != AttendanceStatus.PLANNED:
        return "rendez-vous annulé ou passé"
    if appointment.time is None or rules.starts_at(appointment.date, appointment.time) != message.starts_at:
        return "rendez-vous déplacé"
    if consent is None or not consent.consent or consent.channel != message.channel:
        return "accord retiré ou canal changé"
    if appointment.young_person.archived_at is not None:
        return "dossier archivé"
    return ""


def compose(message, ml_settings=None):
    """Objet et texte du rappel de ``message`` (relus sur le rendez-vous au moment de l'envoi) ; ``ml_settings`` :
    les réglages de la ML du jeune s'ils sont déjà lus."""
    appointment = message.appointment
    young_person = appointment.young_person
    ml_name = young_person.mission_locale.name
    if ml_settings is None:
        ml_settings = ReminderSettings.objects.filter(
            mission_locale_id=young_person.mission_locale_id
        ).first()
    details = {
        "mission_locale_name": ml_name,
        "start": message.starts_at,
        "mode": appointment.mode,
        "site": appointment.site,
        "cancel_contact": ml_settings.cancel_contact if ml_settings else "",
    }
    if message.channel == Channel.EMAIL:
        return rules.subject(ml_name, message.starts_at), rules.email_text(
            first_name=young_person.first_name, **details
        )
    return "", rules.sms_text(**details)


def _load(ids, worker_id):
    """Les messages ``ids`` réservés au travailleur, avec rendez-vous, jeune, accord et lieu : une requête par lot."""
    messages = ReminderMessage.objects.filter(pk__in=ids, claimed_by=worker_id, status__in=OPEN_STATUSES)
    related = messages.select_related(
        "appointment__young_person__mission_locale",
        "appointment__young_person__reminder_consent",
        "appointment__site",
    )
    found = {m.pk: m for m in related}
    return [found[pk] for pk in ids if pk in found]


def _begin(message, worker_id, now, ml_settings):
    """Passe le message « en cours » (``UPDATE`` conditionnel, validé avant l'envoi) ; renvoie vrai s'il est à
    envoyer, faux s'il n'y a rien à envoyer (sans objet, essais épuisés, pris entre-temps par un autre)."""
    young_person = message.appointment.young_person
    consent = getattr(young_person, "reminder_consent", None)
    reason = _stale_reason(message, consent)
    recipient = rules.recipient(message.channel, young_person.email, young_person.phone)
    if not reason and not recipient:
        reason = "plus d'adresse pour ce canal"
    if not reason and now >= message.starts_at - rules.MIN_LEAD:
        reason = "trop tard : le rendez-vous commence bientôt"
    # Chaque passage vérifie que le message est toujours à ce travailleur et au même essai.
    mine = ReminderMessage.objects.filter(
        pk=message.pk, claimed_by=worker_id, status__in=OPEN_STATUSES, attempts=message.attempts
    )
    if reason:
        mine.update(status=MessageStatus.CANCELLED, last_error=reason, claimed_until=None, updated_at=now)
        return False
    if message.attempts >= rules.MAX_ATTEMPTS:
        error = (message.last_error or "envoi interrompu")[:200] + " ; essais épuisés"
        mine.update(status=MessageStatus.FAILED, last_error=error, claimed_until=None, updated_at=now)
        return False
    ml_id = young_person.mission_locale_id
    if ml_id not in ml_settings:  # lus une fois par lot
        ml_settings[ml_id] = ReminderSettings.objects.filter(mission_locale_id=ml_id).first() or False
    message.subject, message.body = compose(message, ml_settings[ml_id] or ReminderSettings())
    message.recipient = recipient
    message.status = MessageStatus.SENDING
    message.attempts += 1
    # Le bail repart pour ce message : un lot long ne le laisse pas reprendre par un autre en plein envoi.
    message.claimed_until = now + datetime.timedelta(seconds=settings.REMINDERS_LEASE_SECONDS)
    return bool(
        mine.update(
            subject=message.subject,
            body=message.body,
            recipient=recipient,
            status=MessageStatus.SENDING,
            attempts=message.attempts,
            claimed_until=message.claimed_until,
            updated_at=now,
        )
    )


def _send(message, connection, sms_backend):
    """Remet le message au prestataire ; renvoie son identifiant chez lui."""
    if message.channel == Channel.EMAIL:
        connection.open()  # sans effet si la connexion du lot est déjà ouverte
        email = mail.EmailMessage(
            message.subject,
            message.body,
            to=[message.recipient],
            connection=connection,
            headers={"Message-ID": f"<{message.idempotency_key}@rappels.parcours>"},
        )
        if email.send() != 1:
            raise DeliveryError("Le serveur de courriel n'a pas accepté le message.")
        return f"<{message.idempotency_key}@rappels.parcours>"
    return sms_backend.send(message.recipient, message.body, message.idempotency_key)


def _finish(message, worker_id, now, provider_id=None, error=None):
    mine = ReminderMessage.objects.filter(pk=message.pk, status=MessageStatus.SENDING, claimed_by=worker_id)
    if error is None:
        mine.update(
            updated_at=now,
            status=MessageStatus.SENT,
            provider_id=provider_id[:120],
            sent_at=now,
            claimed_until=None,
            last_error="",
        )
        return True
    failed = message.attempts >= rules.MAX_ATTEMPTS
    # Réessayé après le bail (``claimed_until`` reste posé), ou échec après le dernier essai.
    mine.update(
        updated_at=now,
        status=MessageStatus.FAILED if failed else MessageStatus.PENDING,
        last_error=str(error)[:250],
        claimed_until=None if failed else now + datetime.timedelta(seconds=settings.REMINDERS_RETRY_SECONDS),
    )
    return False


def send_due(now=None, batch_size=DEFAULT_BATCH_SIZE, limit=None, worker_id=None, sms_backend=None):
    """Envoie les rappels à envoyer, par lots de ``batch_size`` (au plus ``limit`` messages) ; renvoie
    ``{"envoyes", "echecs", "sans_objet"}``. ``now`` figé sert aux tests ; sinon l'heure de chaque lot."""
    worker_id = worker_id or new_worker_id()
    sms_backend = sms_backend or sms.get_backend()
    counts = {"envoyes": 0, "echecs": 0, "sans_objet": 0}
    handled = 0
    while limit is None or handled < limit:
        at = now or timezone.now()
        size = batch_size if limit is None else min(batch_size, limit - handled)
        ids = claim(worker_id, size, at)
        if not ids:
            break
        handled += len(ids)
        connection = mail.get_connection()  # une connexion SMTP par lot, ouverte au premier courriel
        ml_settings = {}
        try:
            for message in _load(ids, worker_id):
                if not _begin(message, worker_id, now or timezone.now(), ml_settings):
                    counts["sans_objet"] += 1
                    continue
                try:
                    provider_id = _send(message, connection, sms_backend)
                except Exception as error:  # prestataire : message remis en file, jamais perdu
                    logger.warning(
                        "Rappel %s non envoyé (%s), essai %d.",
                        message.pk,
                        type(error).__name__,
                        message.attempts,
                    )
                    _finish(message, worker_id, now or timezone.now(), error=_error_text(error))
                    _close_quietly(connection)  # le courriel suivant rouvre une connexion neuve
                    counts["echecs"] += 1
                else:
                    _finish(message, worker_id, now or timezone.now(), provider_id=provider_id)
                    counts["envoyes"] += 1
        finally:
            _close_quietly(connection)
    return counts


def _close_quietly(connection):
    try:
        connection.close()
    except Exception:  # noqa: BLE001 (connexion déjà rompue : rien à fermer)
        logger.debug("Connexion SMTP déjà fermée.")


def _error_text(error):
    """L'erreur, sans donnée personnelle (ni adresse, ni numéro) : sa classe et le message de nos exceptions."""
    if isinstance(error, (sms.SmsError, DeliveryError)):
        return str(error)
    return f"Erreur d'envoi ({type(error).__name__})."


def run(now=None, batch_size=DEFAULT_BATCH_SIZE, limit=None):
    """Planifie puis envoie : ce que fait la tâche du planning et la commande ``envoyer_rappels``."""
    planned = plan_due(now)
    return {"planifies": planned, **send_due(now, batch_size=batch_size, limit=limit)}


#: Les coordonnées et le texte d'un rappel servent à l'envoyer et à répondre à une question sur l'envoi ;
#: passé ce délai après le rendez-vous, ils sont effacés (la ligne reste, pour le taux de rappels remis).
RETENTION = datetime.timedelta(days=90)


def forget_old(now=None):
    """Efface destinataire et texte des rappels des rendez-vous passés depuis plus de ``RETENTION`` ; renvoie le
    nombre de rappels concernés."""
    limit = (now or timezone.now()) - RETENTION
    return (
        ReminderMessage.objects.filter(starts_at__lt=limit)
        .exclude(recipient="", body="")
        .update(recipient="", body="")
    )
