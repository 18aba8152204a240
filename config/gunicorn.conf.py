"""Réglages de gunicorn pour Parcours, lus dans l'environnement (``make serve``, conteneur).

    gunicorn -c config/gunicorn.conf.py config.wsgi

Variables (défaut entre parenthèses) :
- ``GUNICORN_BIND`` (``127.0.0.1:8000``) : adresse d'écoute ;
- ``WEB_CONCURRENCY`` (nombre de cœurs) : processus ;
- ``GUNICORN_THREADS`` (2) : fils par processus (un fil calcule pendant que l'autre attend PostgreSQL ; au-delà,
  les requêtes se partagent le verrou de Python et chacune dure plus longtemps) ;
- ``GUNICORN_TIMEOUT`` (30) : secondes avant qu'un processus bloqué soit tué et remplacé ;
- ``GUNICORN_BACKLOG`` (64) : connexions en attente dans le noyau au-delà desquelles il les refuse ;
- ``GUNICORN_WORKER_CONNECTIONS`` (deux par fil) : connexions qu'un processus accepte à la fois ;
- ``GUNICORN_WORKER_CLASS`` (``config.gunicorn_worker.SheddingThreadWorker``) : ``sync`` pour la
  configuration d'origine ;
- ``PARCOURS_QUEUE_TIMEOUT_MS`` (150) et ``PARCOURS_RETRY_AFTER`` (2) : voir config/gunicorn_worker.py ;
- ``PARCOURS_CACHE`` (``fichiers``) : le cache partagé par les processus (config/settings.py) ;
- ``PARCOURS_GC_THRESHOLD`` (10000) : seuil de la première génération du ramasse-miettes de Python dans les
  processus (``when_ready``) ; 0 garde le réglage de Python (700) et ne gèle rien.
"""

import gc
import os

# Plusieurs processus : le cache (listes « À faire », débits de l'API) doit être commun (avant le chargement).
os.environ.setdefault("PARCOURS_CACHE", "fichiers")

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", str(os.cpu_count() or 2)))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "config.gunicorn_worker.SheddingThreadWorker")
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = timeout
backlog = int(os.environ.get("GUNICORN_BACKLOG", "64"))
# Un processus prend au plus deux connexions par fil : les suivantes restent dans la file du noyau, où le processus
# libre les prend (sans cette limite, un processus occupé en accepte des dizaines pendant que l'autre attend) ;
# leur attente là-bas compte dans PARCOURS_QUEUE_TIMEOUT_MS (config/gunicorn_worker.py, ``waited_in_kernel``).
worker_connections = int(os.environ.get("GUNICORN_WORKER_CONNECTIONS", str(2 * threads)))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Le code est chargé une fois dans le maître puis partagé par les processus (démarrage, mémoire).
preload_app = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")


# Les connexions PostgreSQL ne se partagent pas entre processus : chaque processus ouvre les siennes.
def post_fork(server, worker):
    from django.db import connections

    connections.close_all()


#: Seuil de la première génération du ramasse-miettes (voir ``when_ready``).
GC_THRESHOLD = int(os.environ.get("PARCOURS_GC_THRESHOLD", "10000"))


def when_ready(server):
    """Ramasse-miettes réglé pour des pauses courtes, avant que les processus ne soient créés (ils en héritent).

    Avec le réglage de Python, chaque processus passait toute sa mémoire en revue (génération 2, 200 000 objets,
    80 à 120 ms, toutes les 8 à 10 s sous 150 req/s) : pendant ce temps, aucun fil ne sert, et les requêtes en
    file dépassaient l'attente admise (``PARCOURS_QUEUE_TIMEOUT_MS``). Les objets chargés au démarrage (code,
    réglages, gabarits) sont gelés, hors des passages ; une première génération plus grande (10 000 allocations
    au lieu de 700) laisse mourir les objets d'une requête avant qu'ils ne soient promus vers les générations
    suivantes. Mesures : docs/exploitation.md, « Huitième série »."""
    if not GC_THRESHOLD:
        return
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])
