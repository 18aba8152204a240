"""Vérifications de /sante/ (répartiteur de charge) : base, entrepôt, travailleur. Peu coûteuses, sans donnée
personnelle ni détail d'infrastructure (ni chemin, ni nom de machine, ni texte d'exception)."""

import datetime

from django.conf import settings
from django.db import connection
from django.db.models import Max
from django.utils import timezone

from parcours.jobs.models import WorkerHeartbeat


def _iso(moment):
    return moment.astimezone(datetime.UTC).isoformat(timespec="seconds") if moment else None


def database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return {"ok": False, "message": "Base de données injoignable."}
    return {"ok": True}


def warehouse(now):
    from parcours.warehouse import store

    if not store.exists():
        return {"ok": False, "message": "Entrepôt absent : aucune extraction n'a encore eu lieu."}
    try:
        with store.connect(read_only=True, wait_seconds=1) as con:
            last = store.last_extraction(con)
    except Exception:
        return {"ok": False, "message": "Entrepôt illisible."}
    if last is None:
        return {"ok": False, "message": "Entrepôt vide : aucune extraction enregistrée."}
    finished = last["finished_at"]
    if finished.tzinfo is None:
        finished = finished.replace(tzinfo=datetime.UTC)
    age_hours = round((now - finished).total_seconds() / 3600, 1)
    result = {"ok": True, "derniere_extraction": _iso(finished), "age_heures": age_hours}
    if age_hours > settings.HEALTH_EXTRACTION_MAX_HOURS:
        result.update(
            ok=False,
            message=f"Dernière extraction plus vieille que {settings.HEALTH_EXTRACTION_MAX_HOURS} h.",
        )
    return result


def worker(now):
    try:
        last = WorkerHeartbeat.objects.aggregate(last=Max("beat_at"))["last"]
    except Exception:
        return {"ok": False, "message": "Battement du travailleur illisible."}
    if last is None:
        return {
            "ok": False,
            "message": "Aucun travailleur n'a battu : lancez « manage.py lancer_travailleur ».",
        }
    age = round((now - last).total_seconds())
    result = {"ok": True, "dernier_battement": _iso(last), "age_secondes": age}
    if age > settings.HEALTH_WORKER_MAX_SECONDS:
        result.update(
            ok=False, message=f"Travailleur muet depuis plus de {settings.HEALTH_WORKER_MAX_SECONDS} s."
        )
    return result


def report(now=None):
    """(tout va bien, {vérification: résultat})."""
    now = now or timezone.now()
    checks = {"base": database()}
    checks["entrepot"] = warehouse(now)
    checks["travailleur"] = (
        worker(now) if checks["base"]["ok"] else {"ok": False, "message": "Base injoignable."}
    )
    return all(c["ok"] for c in checks.values()), checks
