"""Listes « À faire » : les jeunes à voir aujourd'hui et pourquoi, calculées par requêtes.

La liste de toute une mission locale (direction) demande une quinzaine de requêtes sur tous ses jeunes et
quelques centaines de millisecondes : ``kept`` la garde et ne recalcule ensuite que les jeunes écrits depuis
(voir « Listes gardées » plus bas).
"""

import dataclasses
import datetime
import os
import time
import uuid
from collections.abc import Callable

from django.core.cache import cache
from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save

from parcours.accompaniment import jdi
from parcours.accounts.access import visible_mission_locale_ids
from parcours.agenda.alerts import missed_appointments
from parcours.prepared import PreparedQuery
from parcours.programmes.alerts import Alert, programme_alerts
from parcours.programmes.enums import AlertReason
from parcours.young_people import presence
from parcours.young_people.models import YoungPerson

#: Un jeune sort du compte des JDI sans contact tenu dans les 5 mois jusqu'au jour (règle
#: ``accompaniment.jdi``, la même que le tableau de bord) ; on alerte à 90 jours.
JDI_WARNING_DAYS = jdi.WARNING_DAYS


def _jdi_candidates(young_people, latest, earliest):
    """(jeune, dernier contact tenu) des jeunes (QuerySet ou identifiants) dont ce contact est entre les deux dates."""
    if not isinstance(young_people, QuerySet):
        young_people = YoungPerson.objects.filter(pk__in=young_people)
    return (
        young_people.with_last_contact()
        .filter(last_contact_on__lte=latest)
        .filter(last_contact_on__gte=earliest)
        .values_list("pk", "last_contact_on")
    )


_JDI_CANDIDATES = PreparedQuery(_jdi_candidates, ids=True)


def jdi_alerts(young_people, today):
    """Jeunes encore JDI mais sans contact tenu depuis 90 jours ou plus."""
    latest = today - datetime.timedelta(days=JDI_WARNING_DAYS)
    for pk, last in _JDI_CANDIDATES(young_people, latest, jdi.counted_since(today)):
        if jdi.is_jdi(last, today):
            leaves = jdi.exit_date(last)
            last_counted = leaves - datetime.timedelta(days=1)
            yield Alert(
                pk,
                AlertReason.LEAVING_JDI,
                f"Dernier contact tenu le {last:%d/%m/%Y} ({(today - last).days} jours) : sort du compte JDI le "
                f"{leaves:%d/%m/%Y} (il compte encore parmi les JDI au {last_counted:%d/%m/%Y}).",
                last + datetime.timedelta(days=JDI_WARNING_DAYS),
            )


def missed_appointment_alerts(young_people, today):
    """Rendez-vous manqués sans suite (règle de l'agenda, ``agenda.alerts``), avec leur motif « À faire »."""
    for missed in missed_appointments(young_people, today):
        yield Alert(missed.young_person_id, AlertReason.MISSED_APPOINTMENT, missed.detail, missed.due)


@dataclasses.dataclass
class WorklistItem:
    young_person_id: int
    last_name: str
    alerts: list
    young_person: YoungPerson | None = None

    @property
    def first_due(self):
        return min(a.due for a in self.alerts)


def counsellor_scope(user):
    return portfolio_of(user.pk, visible_mission_locale_ids(user))


def portfolio_of(referent_id, mission_locale_ids):
    """Les dossiers ouverts dont ``referent_id`` est le référent, parmi ceux des missions locales données."""
    return YoungPerson.objects.within(mission_locale_ids).active().filter(referent_id=referent_id)


def director_scope(user):
    return YoungPerson.objects.visible_to(user).active()


def list_key(user, whole_ml, today):
    """Nom de la liste gardée de ``user`` (``kept``) : toute sa mission locale ou son portefeuille, ce jour."""
    ml_ids = ",".join(map(str, sorted(visible_mission_locale_ids(user))))
    return f"{ml_ids}:{'ml' if whole_ml else user.pk}:{today}"


def with_alert(young_people, today, reason, key):
    """Les jeunes du QuerySet qui ont aujourd'hui une alerte de motif ``reason``, lus dans la liste gardée
    ``key`` (la même que la page « À faire » : les deux pages comptent les mêmes jeunes)."""
    items, _ = kept(key, young_people, today, reason=reason)
    return young_people.filter(pk__in=[item.young_person_id for item in items])


@dataclasses.dataclass(frozen=True)
class AlertSource:
    """``compute(young_people, today, with_unassigned)`` donne des ``Alert`` ; ``needs`` : la relation inverse du
    jeune (``related_name``) sans laquelle la source n'en donne aucune (un jeune sans inscription n'a pas d'alerte
    de dispositif)."""

    compute: Callable
    needs: str = ""


#: Les sources d'alertes. Les apps plus hautes dans les dépendances (co-traitance) ajoutent la leur au démarrage
#: (``AppConfig.ready``).
ALERT_SOURCES = [
    AlertSource(
        lambda young_people, today, with_unassigned: programme_alerts(young_people, today), "enrolments"
    ),
    AlertSource(lambda young_people, today, with_unassigned: jdi_alerts(young_people, today)),
    AlertSource(lambda young_people, today, with_unassigned: missed_appointment_alerts(young_people, today)),
]


def alerts_by_person(young_people, today, with_unassigned=False):
    """{jeune : (nom, alertes de la plus ancienne échéance à la plus récente)} pour les jeunes donnés : un QuerySet
    (toute une liste), ou quelques identifiants (liste tenue à jour).

    Pour des identifiants, une requête dit lesquels ont chaque relation ``needs`` : une source ne tourne que pour
    eux (le plus souvent, pour aucun), et les requêtes des sources sont préparées (``parcours.prepared``)."""
    present = {}
    if not isinstance(young_people, QuerySet):
        young_people = sorted(young_people)
        needs = sorted({source.needs for source in ALERT_SOURCES if source.needs})
        present = presence.having(YoungPerson, young_people, needs)
    by_person = {}
    for source in ALERT_SOURCES:
        scope = young_people
        if source.needs in present:
            if not present[source.needs]:
                continue
            scope = sorted(present[source.needs])
        for alert in source.compute(scope, today, with_unassigned):
            by_person.setdefault(alert.young_person_id, []).append(alert)
    names = dict(_NAMES(sorted(by_person)))
    return {
        pk: (names[pk], tuple(sorted(alerts, key=lambda a: a.due)))
        for pk, alerts in by_person.items()
        if pk in names
    }


def select(people, reason=None):
    """(éléments triés, les plus en retard d'abord, nombre d'alertes par motif) ; ``reason`` filtre les motifs."""
    counts = dict.fromkeys(AlertReason.values, 0)
    items = []
    for pk, (last_name, alerts) in people.items():
        for alert in alerts:
            counts[alert.reason] += 1
        kept = [a for a in alerts if a.reason == reason] if reason else list(alerts)
        if kept:
            items.append(WorklistItem(pk, last_name, kept))
    items.sort(key=lambda item: (item.first_due, item.last_name, item.young_person_id))
    return items, counts


def for_user(user, today, whole_ml, reason=None):
    """(éléments, nombre par motif) de « À faire » : le portefeuille de l'utilisateur ou toute sa ML (avec les
    jeunes sans référent), liste gardée et tenue à jour (voir « Listes gardées »)."""
    young_people = director_scope(user) if whole_ml else counsellor_scope(user)
    key = list_key(user, whole_ml, today)
    return kept(key, young_people, today, reason=reason, with_unassigned=whole_ml)


def _people(pks):
    return YoungPerson.objects.for_listing().filter(pk__in=pks).order_by()


_NAMES = PreparedQuery(
    lambda pks: YoungPerson.objects.filter(pk__in=pks).values_list("pk", "last_name"), ids=True
)


#: Les jeunes d'une page de « À faire » en requête préparée.
_PAGE_PEOPLE = PreparedQuery(_people, ids=True)


def with_people(items):
    """Les éléments, chacun avec son jeune (et son référent) chargé : à appeler sur la page affichée."""
    pks = sorted({item.young_person_id for item in items})
    people = {person.pk: person for person in _PAGE_PEOPLE(pks)}
    return [
        dataclasses.replace(item, young_person=people[item.young_person_id])
        for item in items
        if item.young_person_id in people
    ]


def build(young_people, today, reason=None, with_unassigned=False):
    """Les jeunes du QuerySet qui demandent une action, avec leurs motifs, les plus en retard d'abord."""
    items, counts = select(alerts_by_person(young_people, today, with_unassigned), reason)
    return with_people(items), counts


# Listes gardées : calculées une fois, puis tenues à jour jeune par jeune.
#
# Une liste gardée retient jusqu'où elle a lu le journal des jeunes écrits (``journal`` : celui de la capture
# des changements de l'entrepôt, rempli par les déclencheurs de la base à toute écriture d'un jeune, d'un
# contact, d'une proposition, d'une situation, d'une inscription ou d'une orientation, quel que soit le
# processus ; l'entrepôt, plus haut dans les dépendances, le branche ici au démarrage). À chaque lecture,
# seuls les jeunes écrits depuis sont recalculés : une alerte disparaît dès que l'action est saisie, sans recalculer les
# milliers de jeunes d'une mission locale. Les écritures que le journal ne voit pas (phases d'inscription,
# indisponibilités, dispositifs, comptes, enveloppes) changent une « époque » qui fait tout recalculer ; la
# purge du journal par l'extraction aussi.
#
# Les numéros du journal sont pris à l'écriture et visibles à la validation : une ligne peut apparaître après
# une ligne de numéro plus grand (deux saisies simultanées). Une liste retient donc ``mark``, le numéro jusqu'où
# toutes les lignes sont lues, et ``applied``, les lignes lues au-delà ; un numéro manquant est attendu
# ``GAP_SECONDS`` secondes (une transaction encore en cours), puis tenu pour perdu (transaction annulée, ou
# transaction plus longue, comme un import : la liste est alors recalculée dans les ``LOST_LINE_SECONDS``).
# La liste entière est recalculée après ``PARCOURS_WORKLIST_CACHE_SECONDS`` secondes (300 par défaut ; 0 : jamais
# gardée). Recalculer la liste d'une
# mission locale prend une à deux centaines de millisecondes : sous charge, un recalcul toutes les 30 secondes
# par liste retenait les requêtes suivantes au-delà de l'attente admise (docs/exploitation.md, septième série).
# Le cache est celui de Django (``CACHES``) : partagé entre les processus s'il l'est (``PARCOURS_CACHE=fichiers``).

CACHE_SECONDS = int(os.environ.get("PARCOURS_WORKLIST_CACHE_SECONDS", "300"))
#: Chiffres gardés par ``cached`` (enveloppe, choix des dispositifs) : recalculés, non tenus à jour.
FIGURES_SECONDS = min(CACHE_SECONDS, 30)
#: Attente d'un numéro manquant du journal avant de le tenir pour perdu (secondes).
GAP_SECONDS = 10
#: Une liste qui a tenu une ligne pour perdue est recalculée dans ce délai (la transaction était peut-être
#: seulement longue, comme un import) : ce que garantissait la durée de vie d'une liste avant la lecture des manques.
LOST_LINE_SECONDS = 30
#: Au-delà de ce nombre de jeunes écrits depuis le calcul, la liste est recalculée entière.
PATCH_LIMIT = 500
#: Lignes lues au plus dans le journal à chaque lecture : assez pour ``PATCH_LIMIT`` lignes déjà appliquées au-delà
#: d'un manque, plus ``PATCH_LIMIT + 1`` nouvelles (un nombre fixe : une seule requête préparée).
JOURNAL_ROWS = 2 * PATCH_LIMIT + 1
EPOCH_KEY = "a-faire:epoque"
#: Modèles dont une écriture peut changer une liste « À faire » sans passer par le journal des modifications.
EPOCH_MODELS = {
    ("accounts", "user"),
    ("programmes", "programme"),
    ("programmes", "phase"),
    ("programmes", "cohort"),
    ("programmes", "enrolmentphase"),
    ("cotraitance", "unavailabilityperiod"),
    ("cotraitance", "envelope"),
    ("cotraitance", "nationalenvelope"),
}
_clock = time.time


@dataclasses.dataclass
class _Kept:
    #: Recalculée entière à partir de cet instant (``_clock``).
    expires_at: float
    #: Toutes les lignes du journal jusqu'à ce numéro sont appliquées (ou tenues pour perdues).
    mark: int
    people: dict
    #: Lignes appliquées au-delà de ``mark`` (une ligne de numéro plus petit n'était pas encore visible).
    applied: frozenset = frozenset()
    #: ``(depuis, jusqu'à)`` : les numéros qui manquent jusqu'à ``jusqu'à`` sont attendus depuis cet instant.
    waiting: tuple | None = None

    @property
    def version(self):
        return (self.expires_at, self.mark, *sorted(self.applied))


#: Le journal des jeunes écrits : ``settled(seconds)`` (le numéro de sa dernière ligne écrite il y a plus de
#: ``seconds`` secondes) et ``since(mark, limit)`` (les ``limit`` premières lignes ``(numéro, jeune)`` après
#: ``mark``). Sans journal, les listes ne sont pas gardées.
journal = None

#: Dans le processus, la dernière liste lue de chaque clé et ses sélections par motif : une lecture dont la
#: version (expiration, lecture du journal) n'a pas changé ne relit ni ne retrie la liste d'une mission locale.
_local = {}
LOCAL_ENTRIES = 200


def _epoch():
    return cache.get(EPOCH_KEY, 0)


def kept(key, young_people, today, reason=None, with_unassigned=False):
    """Comme ``build`` pour la liste nommée ``key`` (périmètre et jour), gardée et tenue à jour ; les jeunes
    ne sont pas chargés (``with_people`` sur la page affichée)."""
    if not CACHE_SECONDS or journal is None:
        return select(alerts_by_person(young_people, today, with_unassigned), reason)
    key = f"a-faire:{_epoch()}:{key}"
    now = _clock()
    entry = _read(key, now)
    if entry is not None:
        before = entry.version
        entry = _brought_up_to_date(entry, young_people, today, with_unassigned, now)
        if entry is not None and entry.version != before:
            _write(key, entry, max(1, int(entry.expires_at - now)))
    if entry is None:
        # Le journal est lu avant le calcul, qui voit donc ses lignes : à partir de la dernière ligne écrite il y a
        # plus de ``GAP_SECONDS`` secondes (toute transaction plus courte est validée), les lignes visibles sont
        # appliquées ; une ligne d'une transaction encore en cours sera reprise à une lecture suivante.
        mark = journal.settled(GAP_SECONDS)
        seen = frozenset(number for number, _ in journal.since(mark, JOURNAL_ROWS))
        people = alerts_by_person(young_people, today, with_unassigned)
        mark, applied, waiting, _ = _advance(mark, seen, None, now)
        entry = _Kept(now + CACHE_SECONDS, mark, people, applied, waiting)
        _write(key, entry, CACHE_SECONDS)
    local = _local.get(key)
    selections = local[1] if local is not None and local[0] is entry else {}
    if reason not in selections:
        selections[reason] = select(entry.people, reason)
    items, counts = selections[reason]
    return list(items), dict(counts)


def _read(key, now):
    """La liste gardée sous ``key`` si elle n'a pas expiré : celle du processus si sa version est la bonne."""
    version = cache.get(f"{key}:version")
    if version is None or now >= version[0]:
        return None
    local = _local.get(key)
    if local is not None and local[0].version == tuple(version):
        return local[0]
    entry = cache.get(key)
    if entry is None or entry.version != tuple(version):
        return None  # écrite par un autre processus entre les deux lectures : recalculée
    _remember(key, entry)
    return entry


def _write(key, entry, seconds):
    cache.set(key, entry, seconds)
    cache.set(f"{key}:version", entry.version, seconds)
    _remember(key, entry)


def _remember(key, entry):
    _local.pop(key, None)
    if len(_local) >= LOCAL_ENTRIES:
        _local.pop(next(iter(_local), None), None)
    _local[key] = (entry, {})


def cached(key, compute):
    """``compute()`` gardé ``FIGURES_SECONDS`` secondes sous ``key`` (chiffres d'une page, comme l'enveloppe)."""
    if not FIGURES_SECONDS:
        return compute()
    return cache.get_or_set(f"a-faire:{_epoch()}:{key}", compute, FIGURES_SECONDS)


def _brought_up_to_date(entry, young_people, today, with_unassigned, now):
    """La liste avec les jeunes écrits depuis recalculés ; ``None`` s'il y en a trop. Une nouvelle liste : celle
    du processus peut être lue au même moment par un autre fil."""
    if len(entry.applied) > PATCH_LIMIT:
        return None
    changes = journal.since(entry.mark, JOURNAL_ROWS)
    new = [(number, young_person_id) for number, young_person_id in changes if number not in entry.applied]
    if len(new) > PATCH_LIMIT:
        return None
    touched = {young_person_id for _, young_person_id in new}
    people = entry.people
    if touched:
        people = {pk: value for pk, value in people.items() if pk not in touched}
        # Les jeunes écrits d'un autre portefeuille ou d'une autre ML (la plupart, sous la charge d'une ML entière)
        # sont écartés en une requête ; les sources d'alertes ne tournent que s'il en reste.
        in_scope = list(young_people.filter(pk__in=touched).values_list("pk", flat=True))
        if in_scope:
            people.update(alerts_by_person(in_scope, today, with_unassigned))
    mark, applied, waiting, lost = _advance(
        entry.mark, entry.applied | {number for number, _ in new}, entry.waiting, now
    )
    expires_at = min(entry.expires_at, now + LOST_LINE_SECONDS) if lost else entry.expires_at
    state = (expires_at, mark, applied, waiting)
    if people is entry.people and state == (entry.expires_at, entry.mark, entry.applied, entry.waiting):
        return entry
    return _Kept(expires_at, mark, people, applied, waiting)


def _advance(mark, applied, waiting, now):
    """(numéro jusqu'où tout est lu ou tenu pour perdu, lignes lues au-delà, attente en cours, une ligne a-t-elle
    été tenue pour perdue ?)."""
    while mark + 1 in applied:
        mark += 1
    beyond = frozenset(number for number in applied if number > mark)
    if not beyond:
        return mark, beyond, None, False
    if waiting is None or mark >= waiting[1]:
        # Des numéros manquent (transactions en cours, sans doute) : attendus à partir de maintenant.
        return mark, beyond, (now, max(beyond)), False
    if now - waiting[0] < GAP_SECONDS:
        return mark, beyond, waiting, False
    # Attendus assez longtemps : tous ceux qui manquaient au début de l'attente sont tenus pour perdus (transaction
    # annulée, ligne purgée, ou transaction plus longue : la liste sera recalculée bientôt).
    mark, applied, waiting, _ = _advance(waiting[1], beyond, None, now)
    return mark, applied, waiting, True


def forget():
    """Tout recalculer à la prochaine lecture, dans tous les processus qui partagent le cache."""
    cache.set(EPOCH_KEY, uuid.uuid4().hex, None)


def _forget_on_write(sender, instance=None, update_fields=None, **kwargs):
    meta = getattr(sender, "_meta", None)
    if meta is None or (meta.app_label, meta.model_name) not in EPOCH_MODELS:
        return
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return  # une connexion ne change aucune liste
    forget()


post_save.connect(_forget_on_write, dispatch_uid="worklist-cache-save")
post_delete.connect(_forget_on_write, dispatch_uid="worklist-cache-delete")

__all__ = [
    "Alert",
    "alerts_by_person",
    "build",
    "cached",
    "counsellor_scope",
    "director_scope",
    "forget",
    "jdi_alerts",
    "kept",
    "list_key",
    "missed_appointment_alerts",
    "select",
    "with_alert",
    "with_people",
]
