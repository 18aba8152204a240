"""Listes « À faire » : les jeunes à voir aujourd'hui et pourquoi, calculées par requêtes.

La liste de toute une mission locale (direction) demande une quinzaine de requêtes sur tous ses jeunes et
quelques centaines de millisecondes : ``cached`` garde le résultat dans le processus
``PARCOURS_WORKLIST_CACHE_SECONDS`` secondes (30 par défaut, 0 : jamais). Toute écriture d'un jeune, d'un
contact, d'une inscription, d'une orientation… faite dans ce processus l'efface aussitôt ; une écriture faite
par un autre processus gunicorn se voit au plus tard à l'expiration.
"""

import dataclasses
import datetime
import os
import threading
import time

from django.db.models.signals import post_delete, post_save

from parcours.accompaniment import jdi
from parcours.programmes.alerts import Alert, programme_alerts
from parcours.programmes.enums import AlertReason
from parcours.young_people.models import YoungPerson

#: Un jeune sort du compte des JDI sans contact tenu dans les 5 mois jusqu'au jour (règle
#: ``accompaniment.jdi``, la même que le tableau de bord) ; on alerte à 90 jours.
JDI_WARNING_DAYS = 90


def jdi_alerts(young_people, today):
    """Jeunes encore JDI mais sans contact tenu depuis 90 jours ou plus."""
    candidates = (
        young_people.with_last_contact()
        .filter(last_contact_on__lte=today - datetime.timedelta(days=JDI_WARNING_DAYS))
        .filter(last_contact_on__gte=jdi.counted_since(today))
        .values_list("pk", "last_contact_on")
    )
    for pk, last in candidates:
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


@dataclasses.dataclass
class WorklistItem:
    young_person: YoungPerson
    alerts: list

    @property
    def first_due(self):
        return min(a.due for a in self.alerts)


def counsellor_scope(user):
    return YoungPerson.objects.visible_to(user).active().filter(referent=user)


def director_scope(user):
    return YoungPerson.objects.visible_to(user).active()


def build(young_people, today, reason=None, with_unassigned=False):
    """Les jeunes du QuerySet qui demandent une action, avec leurs motifs, les plus en retard d'abord."""
    from parcours.cotraitance.alerts import cotraitance_alerts

    alerts = [
        *programme_alerts(young_people, today),
        *cotraitance_alerts(young_people, today, with_unassigned=with_unassigned),
        *jdi_alerts(young_people, today),
    ]
    counts = {choice: 0 for choice in AlertReason.values}
    for alert in alerts:
        counts[alert.reason] += 1
    if reason:
        alerts = [a for a in alerts if a.reason == reason]
    by_person = {}
    for alert in alerts:
        by_person.setdefault(alert.young_person_id, []).append(alert)
    people = YoungPerson.objects.filter(pk__in=by_person).select_related("referent").in_bulk()
    items = [
        WorklistItem(people[pk], sorted(person_alerts, key=lambda a: a.due))
        for pk, person_alerts in by_person.items()
        if pk in people
    ]
    items.sort(key=lambda item: (item.first_due, item.young_person.last_name, item.young_person.pk))
    return items, counts


CACHE_SECONDS = int(os.environ.get("PARCOURS_WORKLIST_CACHE_SECONDS", "30"))
CACHE_ENTRIES = 200
#: Applications dont une écriture peut changer une liste « À faire ».
WATCHED_APPS = {"accounts", "young_people", "accompaniment", "programmes", "cotraitance"}
_clock = time.monotonic
_cache = {}
_lock = threading.Lock()


def cached(key, compute):
    """``compute()`` gardé CACHE_SECONDS secondes sous ``key`` (qui nomme l'utilisateur, le périmètre, le jour)."""
    if not CACHE_SECONDS:
        return compute()
    now = _clock()
    hit = _cache.get(key)
    if hit is not None and hit[0] > now:
        return hit[1]
    generation = _generation[0]
    value = compute()
    with _lock:
        if generation == _generation[0]:  # pas d'écriture pendant le calcul
            if len(_cache) >= CACHE_ENTRIES:
                _cache.pop(min(_cache, key=lambda k: _cache[k][0]))
            _cache[key] = (now + CACHE_SECONDS, value)
    return value


_generation = [0]


def forget():
    with _lock:
        _generation[0] += 1
        _cache.clear()


def _forget_on_write(sender, **kwargs):
    meta = getattr(sender, "_meta", None)
    if meta is not None and meta.app_label in WATCHED_APPS and meta.model_name != "fileaccess":
        forget()


post_save.connect(_forget_on_write, dispatch_uid="worklist-cache-save")
post_delete.connect(_forget_on_write, dispatch_uid="worklist-cache-delete")

__all__ = ["Alert", "build", "cached", "counsellor_scope", "director_scope", "forget", "jdi_alerts"]
