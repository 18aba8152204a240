"""LE planning des travaux de Parcours : tout ce qui tourne à heure fixe est déclaré ici (``SCHEDULE``), ou par
une app d'un niveau supérieur, qui ne peut pas être importée d'ici, avec ``register`` dans son ``ready()``.

Chaque ligne : un nom, la tâche mise en file, son horaire au format cron (réglage ``JOBS_SCHEDULE``, lu
dans l'environnement, heure de ``TIME_ZONE`` — Europe/Paris, changements d'heure compris). Le travailleur
(``manage.py lancer_travailleur``) met chaque travail en file à son heure ; un déclenchement est enregistré
une seule fois (``ScheduledRun``), même si deux travailleurs tournent. Un travailleur arrêté à l'heure prévue
ne rattrape pas le déclenchement manqué : le travail repart le lendemain (ou se lance à la main).

``django-crontask`` (le déclencheur prévu, sur APScheduler) exige Python 3.12 ; Parcours est en 3.11. Le même
moteur (``CronTrigger`` d'APScheduler) sert ici ; ``@cron(...)`` de crontask le remplacera tel quel.
"""

import dataclasses
import re
import zoneinfo

from apscheduler.triggers.cron import CronTrigger
from django.conf import settings

from parcours.jobs import tasks
from parcours.reminders import tasks as reminders


@dataclasses.dataclass(frozen=True)
class Entry:
    name: str
    task: object
    label: str

    @property
    def cron(self):
        return settings.JOBS_SCHEDULE[self.name]

    def trigger(self):
        return CronTrigger.from_crontab(
            standard_days(self.cron), timezone=zoneinfo.ZoneInfo(settings.TIME_ZONE)
        )


DAY_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def standard_days(expression):
    """Les jours de la semaine du cron standard (0 ou 7 = dimanche, 1 = lundi) : APScheduler 3 compte à partir
    du lundi (0 = lundi) ; on lui passe des noms de jours, sans ambiguïté."""
    fields = expression.split()
    if len(fields) == 5:
        fields[4] = re.sub(
            r"\d+", lambda m: DAY_NAMES[int(m.group())] if int(m.group()) < 8 else m.group(), fields[4]
        )
    return " ".join(fields)


SCHEDULE = [
    Entry("extraction_nocturne", tasks.nightly_extraction, "Extraction incrémentale de l'entrepôt"),
    Entry(
        "verification_nocturne",
        tasks.nightly_verification,
        "Contrôle de l'entrepôt contre une reconstruction complète (entrepot_verifier)",
    ),
    Entry("purge_imports", tasks.purge_finished_imports, "Suppression des rapports d'import anciens"),
    Entry(
        "envoi_rappels",
        reminders.send_due_reminders,
        "Rappels des rendez-vous (courriel, SMS) arrivés à échéance",
    ),
    Entry(
        "oubli_rappels",
        reminders.forget_old_reminders,
        "Effacement des coordonnées et du texte des rappels de plus de trois mois",
    ),
    Entry(
        "documents_orphelins",
        tasks.purge_orphan_documents,
        "Effacement des fichiers de documents sans dossier (dépôt annulé)",
    ),
    Entry(
        "purge_demandes_rappel",
        tasks.purge_callback_requests,
        "Effacement des demandes de rappel traitées depuis plus de trois mois",
    ),
]


def register(entry):
    """Ajoute au planning le travail d'une app qui dépend de celle-ci (l'interface web, par exemple)."""
    if entry.name not in {existing.name for existing in SCHEDULE}:
        SCHEDULE.append(entry)


def invalid_entries():
    """Les horaires illisibles, en français (le travailleur refuse de démarrer)."""
    problems = []
    for entry in SCHEDULE:
        try:
            entry.trigger()
        except (KeyError, ValueError) as error:
            problems.append(
                f"{entry.name} : horaire « {settings.JOBS_SCHEDULE.get(entry.name)} » invalide ({error})."
            )
    return problems
