"""Les tâches de fond de Parcours (API des tâches de Django 6 par le rétroportage ``django_tasks``).

Elles sont mises en file par le planning (``parcours/jobs/schedule.py``) ou par une page (import déposé), et
exécutées par le travailleur (``manage.py lancer_travailleur``). Les arguments et valeurs de retour sont du
JSON ; une tâche qui lève une exception finit en échec (``FAILED``) avec sa trace, visible dans
l'administration (« Task Results »).
"""

import io

from django.core.management import CommandError, call_command
from django_tasks import task

from parcours.jobs import imports
from parcours.jobs.locks import exclusive

#: Extraction et contrôle écrivent tous deux dans le dossier de l'entrepôt : un seul à la fois.
WAREHOUSE_LOCK = "entrepot"


class VerificationFailed(Exception):
    """Le contrôle nocturne a trouvé des différences : le message les reprend."""


@task()
def nightly_extraction():
    """Extraction incrémentale de l'entrepôt (complète si l'entrepôt est vide)."""
    from parcours.warehouse import extract

    with exclusive(WAREHOUSE_LOCK, "Un travail sur l'entrepôt"):
        summary = extract.run()
    return {
        "extraction": summary["id"],
        "mode": summary["mode"],
        "jeunes": summary["young_people"],
        "lignes": summary["rows_written"],
        "secondes": round(summary["seconds"], 1),
    }


@task()
def nightly_verification():
    """Contrôle de l'entrepôt (``entrepot_verifier --sans-extraction``) : échoue s'il trouve une différence."""
    out = io.StringIO()
    with exclusive(WAREHOUSE_LOCK, "Un travail sur l'entrepôt"):
        try:
            call_command("entrepot_verifier", "--sans-extraction", verbosity=0, stdout=out)
        except CommandError as error:
            raise VerificationFailed(f"{error}\n{out.getvalue()[:10_000]}") from error
    return out.getvalue()[-10_000:] or "Entrepôt conforme à la reconstruction complète."


@task()
def process_referral_import(job_pk):
    """Import d'un fichier d'orientations déposé sur le web."""
    with exclusive(f"import-{job_pk}", "Le traitement de ce fichier"):
        return imports.run_referral_import(job_pk)


@task()
def purge_finished_imports():
    """Rétention : les imports finis depuis plus de ``JOBS_IMPORT_RETENTION_DAYS`` jours sont supprimés, avec
    les résultats de tâches et déclenchements du planning de plus de ce nombre de jours."""
    from django.conf import settings
    from django.utils import timezone

    from parcours.jobs.models import ScheduledRun

    days = settings.JOBS_IMPORT_RETENTION_DAYS
    call_command("prune_db_task_results", "--min-age-days", str(days), "--queue-name", "*", verbosity=0)
    ScheduledRun.objects.filter(enqueued_at__lt=timezone.now() - timezone.timedelta(days=days)).delete()
    return {"imports": imports.purge(days=days)}


@task()
def purge_callback_requests():
    """Rétention annoncée au jeune : ses demandes de rappel sont effacées trois mois après leur traitement (ou
    leur envoi, si elles n'ont pas été traitées)."""
    from parcours.employers import requests

    return {"demandes": requests.purge_handled()}


@task()
def purge_orphan_documents():
    """Rétention : les fichiers de documents qu'aucune ligne ne désigne (dépôt annulé) sont effacés passé un jour."""
    from parcours.documents import services

    return {"fichiers": services.delete_orphan_files()}
