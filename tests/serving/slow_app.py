"""Application WSGI minimale pour tester le travailleur gunicorn : chaque requête occupe le fil 300 ms.

``/ramasse-miettes`` répond aussitôt le seuil de la première génération du ramasse-miettes du processus et le
nombre d'objets gelés."""

import gc
import time


def application(environ, start_response):
    if environ["PATH_INFO"] == "/ramasse-miettes":
        body = f"{gc.get_threshold()[0]} {gc.get_freeze_count()}".encode()
        start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
        return [body]
    time.sleep(0.3)
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
    return [b"ok"]
