"""Objets des travaux de fond pour la matrice des permissions : un import déposé par le référent du jeune
(son rapport cite le nom du jeune : seul le déposant doit le voir), et /sante/ publique."""

from django.utils import timezone

from parcours.jobs.enums import ImportStatus
from parcours.jobs.models import ImportJob, WorkerHeartbeat

PUBLIC_URL_NAMES = ["health"]


def permission_matrix_objects(young_person):
    # Un travailleur qui bat : /sante/ répond 200 (l'entrepôt est construit par tests/warehouse/matrix.py).
    WorkerHeartbeat.objects.get_or_create(
        worker_id="matrice", defaults={"hostname": "test", "pid": 1, "beat_at": timezone.now()}
    )
    job = ImportJob.objects.create(
        requested_by=young_person.referent,
        mission_locale=young_person.mission_locale,
        file_name="orientations.csv",
        status=ImportStatus.REFUSED,
        finished_at=timezone.now(),
        report={
            "ok": False,
            "summary": "Fichier refusé : 1 erreur(s) sur 1 ligne(s).",
            "error_count": 1,
            "errors": [[2, "nom", f"même jeune que la ligne 1 ({young_person.last_name})."]],
        },
    )
    return {"import_pk": job.pk}
