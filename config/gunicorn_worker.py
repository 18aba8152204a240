"""Travailleur gunicorn qui refuse vite (503 + ``Retry-After``) les requêtes restées trop longtemps en file.

Un travailleur ``sync`` n'accepte une connexion que lorsqu'il est libre : sous surcharge, les requêtes
attendent dans la file du noyau (``backlog``), sans horodatage, et sont servies après que le client a
abandonné — travail perdu, écritures faites pour personne, débit utile qui s'effondre. Ce travailleur, un
``gthread`` de gunicorn, accepte les connexions aussitôt et les met en file pour ses fils d'exécution ; il
note l'heure de mise en file, et un fil qui prend une requête ayant attendu plus de
``PARCOURS_QUEUE_TIMEOUT_MS`` millisecondes y répond ``503 Service Unavailable`` avec ``Retry-After`` sans
appeler Django (moins d'une milliseconde) : le client est prévenu tout de suite et le processeur reste aux
requêtes qui ont encore un client. 0 désactive le refus.
"""

import os
import socket
import struct
import time

from gunicorn.workers.gthread import ThreadWorker

#: Attente en file au-delà de laquelle la requête est refusée (0 : jamais).
QUEUE_TIMEOUT_MS = int(os.environ.get("PARCOURS_QUEUE_TIMEOUT_MS", "150"))
#: Secondes annoncées au client dans ``Retry-After``.
RETRY_AFTER_SECONDS = int(os.environ.get("PARCOURS_RETRY_AFTER", "2"))
BODY = "Parcours est momentanément saturé : réessayez dans quelques secondes.\n".encode()


def overload_response(retry_after):
    head = (
        "HTTP/1.1 503 Service Unavailable\r\n"
        f"Retry-After: {retry_after}\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n"
        f"Content-Length: {len(BODY)}\r\n"
        "Cache-Control: no-store\r\n"
        "Connection: close\r\n\r\n"
    )
    return head.encode("ascii") + BODY


#: ``struct tcp_info`` de Linux : ``tcpi_last_data_recv`` (ms depuis les dernières données reçues) à l'octet 52.
TCP_INFO_LAST_DATA_RECV = struct.Struct("=52xI")


def waited_in_kernel(sock):
    """Secondes depuis l'arrivée de la requête dans la file du noyau (Linux, ``TCP_INFO``) ; 0 ailleurs.

    Un processus qui a assez de connexions n'en accepte plus (``worker_connections``) : les suivantes attendent
    dans la file du noyau, où l'autre processus les prend dès qu'il est libre. Ce temps-là compte dans l'attente."""
    try:
        info = sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, TCP_INFO_LAST_DATA_RECV.size)
        return TCP_INFO_LAST_DATA_RECV.unpack(info)[0] / 1000
    except (AttributeError, OSError, struct.error):
        return 0.0


class SheddingThreadWorker(ThreadWorker):
    """``gthread`` avec refus rapide des requêtes trop attendues (réglages dans config/gunicorn.conf.py)."""

    def enqueue_req(self, conn):
        conn.queued_at = time.monotonic() - waited_in_kernel(conn.sock)
        super().enqueue_req(conn)

    def handle_request(self, req, conn):
        waited_ms = (time.monotonic() - getattr(conn, "queued_at", time.monotonic())) * 1000
        if QUEUE_TIMEOUT_MS and waited_ms > QUEUE_TIMEOUT_MS:
            self.nr += 1
            self.log.warning(
                "Requête refusée (503) après %.0f ms en file : %s %s", waited_ms, req.method, req.path
            )
            conn.sock.sendall(overload_response(RETRY_AFTER_SECONDS))
            return False  # gunicorn ferme la connexion proprement (lit le reste de la requête)
        return super().handle_request(req, conn)
