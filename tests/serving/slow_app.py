"""Application WSGI minimale pour tester le travailleur gunicorn : chaque requête occupe le fil 300 ms."""

import time


def application(environ, start_response):
    time.sleep(0.3)
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
    return [b"ok"]
