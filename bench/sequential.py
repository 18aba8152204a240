"""Ce que gunicorn ajoute au coût d'une page : un processus à un fil, une requête à la fois, sans rival.

    .venv/bin/python bench/sequential.py [--chemins /jeunes/mes-jeunes/,/compte/] [--requetes 400]

Même base que ``bench/load.py`` (``LOAD_DATABASE_URL``, qui doit déjà être remplie : lancez d'abord
``bench/pages.py`` ou ``bench/load.py``), réglages de la configuration « réglée ». Affiche le temps processeur du
processus gunicorn par requête (utilisateur et système) et le temps écoulé ; à comparer à la colonne « CPU moy »
de ``bench/pages.py`` pour la même page, mesurée dans le processus sans serveur HTTP. Sous charge, l'écart entre
les deux est ce que coûtent les fils, PostgreSQL et le client se partageant les cœurs.
"""

import argparse
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
PORT = 8031


def parse_args(argv=None):
    from load import DEFAULT_URL

    parser = argparse.ArgumentParser(description="Coût par requête d'un processus gunicorn, une à la fois.")
    parser.add_argument("--chemins", default="/jeunes/mes-jeunes/,/compte/", help="Pages, par des virgules.")
    parser.add_argument(
        "--requetes", type=int, default=400, help="Requêtes mesurées par page (défaut : 400)."
    )
    parser.add_argument("--base", default=os.environ.get("LOAD_DATABASE_URL", DEFAULT_URL))
    return parser.parse_args(argv)


def cpu_ms(pid):
    """(utilisateur, système) consommés par le processus ``pid``, en ms."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    tick = 1000 / os.sysconf("SC_CLK_TCK")
    return int(fields[11]) * tick, int(fields[12]) * tick


def main(argv=None):
    args = parse_args(argv)
    from load import OUT, raw_request, session_cookie
    from pages import measured_counsellor
    from search_and_file import setup_production_django

    setup_production_django(args.base, OUT)
    cookie = f"sessionid={session_cookie(measured_counsellor())}"
    env = {
        **os.environ,
        "DATABASE_URL": args.base,
        "DJANGO_DEBUG": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_STATIC_ROOT": str(OUT / "static"),
        "DJANGO_CONN_MAX_AGE": "60",
        "GUNICORN_BIND": f"127.0.0.1:{PORT}",
        "WEB_CONCURRENCY": "1",
        "GUNICORN_THREADS": "1",
    }
    with open(OUT / "gunicorn-sequentiel.log", "w") as log:
        server = subprocess.Popen(
            [str(Path(sys.executable).with_name("gunicorn")), "-c", "config/gunicorn.conf.py", "config.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=log,
        )
        try:
            measure(server, cookie, args, raw_request)
        finally:
            server.terminate()
            server.wait()


def measure(server, cookie, args, raw_request):
    def get(path):
        with socket.create_connection(("127.0.0.1", PORT)) as sock:
            sock.sendall(raw_request(path, cookie))
            data = b""
            while chunk := sock.recv(65536):
                data += chunk
        return data.split(b"\r\n", 1)[0]

    deadline = time.monotonic() + 60
    while True:
        try:
            if b" 200 " in get("/compte/"):
                break
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise SystemExit("gunicorn n'a pas démarré : voir var/bench-load/gunicorn-sequentiel.log")
        time.sleep(0.3)
    worker = int(subprocess.check_output(["pgrep", "-P", str(server.pid)]).split()[0])
    print(f"{'page':<24} {'CPU ms/req':>10} {'dont système':>13} {'écoulé ms/req':>14}")
    for path in args.chemins.split(","):
        for _ in range(50):  # chauffe
            get(path)
        (user, system), started = cpu_ms(worker), time.perf_counter()
        for _ in range(args.requetes):
            status = get(path)
            if b" 200 " not in status:
                raise SystemExit(f"{path} : {status.decode()}")
        (user_end, system_end), spent = cpu_ms(worker), time.perf_counter() - started
        cpu = (user_end - user + system_end - system) / args.requetes
        print(
            f"{path:<24} {cpu:>10.2f} {(system_end - system) / args.requetes:>13.2f} "
            f"{spent / args.requetes * 1000:>14.2f}"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
