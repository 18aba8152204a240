"""Charge en boucle ouverte contre gunicorn et PostgreSQL : configuration livrée et configuration réglée.

    .venv/bin/python bench/load.py [--debits 30,50,100,150,200] [--duree 20] [--delai 2]

La base (``LOAD_DATABASE_URL``, défaut ``postgres://postgres@127.0.0.1:5432/parcours_load``) est remplie
comme celle de ``bench/search_and_file.py`` (``generer_donnees``, 100 000 jeunes, graine 1) et réutilisée si
elle l'est déjà. Pour chaque configuration, le banc démarre gunicorn sur 127.0.0.1 (``--port``), puis envoie
les requêtes à débit fixé (arrivées de Poisson, indépendantes des réponses : un serveur lent ne ralentit pas
les clients, comme de vrais conseillers), chaque palier ``--duree`` secondes :

- « Mes jeunes » d'un conseiller (25 %), recherche d'un fragment de nom (25 %), page dossier (25 %) ;
- saisie d'un contact, POST avec jeton d'envoi (10 %) ;
- « À faire » d'un conseiller (10 %) et de la direction, toute la mission locale (5 %).

Sessions : une quinzaine de conseillers et un directeur par mission locale mesurée, connectés par cookie.
Chaque configuration est d'abord chauffée (``WARM_UP`` : 20 req/s pendant 10 s, non comptées). Un client
abandonne après ``--delai`` secondes (délai dépassé). Le débit utile compte les réponses réussies
(200 pour une page, 302 vers le dossier pour un contact) arrivées dans le délai ; les latences (p50, p95,
p99) se mesurent depuis l'heure d'arrivée prévue, sur les réponses réussies.

Écritures vérifiées en base après chaque configuration : un contact par POST réussi, aucun pour un 503,
les contacts enregistrés pour des POST abandonnés par le client ; puis chaque POST sans réponse réussie est
renvoyé une fois avec le même jeton : il ne doit exister aucun doublon.

Configurations (même code, même base, même lancement) :
- « livrée » : 4 travailleurs sync, file du noyau de 2 048, ``CONN_MAX_AGE=0``, « À faire » sans cache,
  ramasse-miettes de Python non réglé ;
- « origine » (facultative) : la configuration livrée servant le code d'un autre dossier (``--code-origine``,
  par exemple ``git archive <commit> | tar -x -C /tmp/origine``) : le code d'avant ces réglages ;
- « avant » (facultative) : la configuration réglée servant le code de ``--code-origine`` : ce que gagne le code
  seul, réglages égaux ;
- « réglée » : réglages par défaut de config/gunicorn.conf.py (travailleur à refus rapide), connexions
  PostgreSQL persistantes (``DJANGO_CONN_MAX_AGE=60``), listes « À faire » gardées
  (``PARCOURS_WORKLIST_CACHE_SECONDS``, 300 s par défaut).
"""

import argparse
import asyncio
import collections
import datetime
import os
import random
import resource
import statistics
import subprocess
import sys
import time
import urllib.parse
import uuid
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/parcours_load"
OUT = ROOT / "var" / "bench-load"
MIX = [
    ("portefeuille", 25),
    ("recherche", 25),
    ("dossier", 25),
    ("contact", 10),
    ("a_faire", 10),
    ("a_faire_direction", 5),
]
#: Chauffe de chaque configuration avant le premier palier : (req/s, secondes).
WARM_UP = (20, 10)
CONFIGURATIONS = {
    "livree": {
        "GUNICORN_WORKER_CLASS": "sync",
        "WEB_CONCURRENCY": "4",
        "GUNICORN_THREADS": "1",
        "GUNICORN_BACKLOG": "2048",
        "DJANGO_CONN_MAX_AGE": "0",
        "PARCOURS_WORKLIST_CACHE_SECONDS": "0",
        "PARCOURS_CACHE": "memoire",
        "PARCOURS_QUEUE_TIMEOUT_MS": "0",
        "DJANGO_PG_PREPARE_THRESHOLD": "aucun",
        "PARCOURS_GC_THRESHOLD": "0",
    },
    "reglee": {"DJANGO_CONN_MAX_AGE": "60"},
}
CONFIGURATIONS["origine"] = CONFIGURATIONS["livree"]
CONFIGURATIONS["avant"] = CONFIGURATIONS["reglee"]
#: Configurations servies par le code de ``--code-origine``.
FROM_ORIGIN = ("origine", "avant")
LABELS = {"origine": "origine", "avant": "avant", "livree": "livrée", "reglee": "réglée"}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description="Charge en boucle ouverte : configuration livrée et réglée.")
    parser.add_argument("--debits", default="30,50,100,150,200", help="Paliers en requêtes par seconde.")
    parser.add_argument("--duree", type=float, default=20, help="Secondes par palier (défaut : 20).")
    parser.add_argument("--delai", type=float, default=2.0, help="Délai du client en secondes (défaut : 2).")
    parser.add_argument(
        "--configurations",
        default="livree,reglee",
        help="origine, avant, livree, reglee (défaut : livree,reglee). « origine » : la configuration livrée sur le "
        "code d'un autre dossier (--code-origine), par exemple le commit d'avant ces réglages extrait par git archive ; "
        "« avant » : la configuration réglée sur ce code.",
    )
    parser.add_argument("--code-origine", help="Dossier du code servi pour « origine » et « avant ».")
    parser.add_argument("--port", type=int, default=8020)
    parser.add_argument("--conseillers", type=int, default=15, help="Sessions de conseillers (défaut : 15).")
    parser.add_argument("--jeunes", type=int, default=100_000)
    parser.add_argument("--graine", type=int, default=1)
    parser.add_argument("--base", default=os.environ.get("LOAD_DATABASE_URL", DEFAULT_URL))
    return parser.parse_args(argv)


# --- Données de la charge -----------------------------------------------------------------------------


def session_cookie(user):
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def build_sessions(count, rng):
    """Conseillers ayant un portefeuille dans les plus grosses missions locales, et leurs directeurs."""
    from django.db.models import Count
    from django.middleware.csrf import _get_new_csrf_string, _mask_cipher_secret
    from search_and_file import fragments

    from parcours.accounts.enums import Role
    from parcours.accounts.models import User
    from parcours.young_people.models import YoungPerson

    referents = (
        YoungPerson.objects.active()
        .filter(referent__role=Role.COUNSELLOR)
        .values_list("referent_id", "mission_locale_id")
        .order_by()
        .annotate(n=Count("id"))
    )
    by_ml = collections.defaultdict(list)
    for referent_id, ml_id, n in referents:
        by_ml[ml_id].append((n, referent_id))
    mls = sorted(by_ml, key=lambda ml: -sum(n for n, _ in by_ml[ml]))[:3]
    counsellor_ids = [pk for ml in mls for _, pk in sorted(by_ml[ml], reverse=True)[: max(1, count // 3)]]
    sessions = []
    for user in User.objects.filter(pk__in=counsellor_ids[:count]).select_related("mission_locale"):
        ml_id = user.mission_locale_id
        director = User.objects.filter(mission_locale_id=ml_id, role=Role.DIRECTOR).first()
        if director is None:
            director = User.objects.create_user(
                username=f"charge.direction.{ml_id}", role=Role.DIRECTOR, mission_locale_id=ml_id
            )
        mine = list(
            YoungPerson.objects.filter(referent=user)
            .active()
            .order_by("?")
            .values_list("pk", flat=True)[:200]
        )
        names = list(
            YoungPerson.objects.filter(mission_locale_id=ml_id).values_list("last_name", flat=True)[:3000]
        )
        secret = _get_new_csrf_string()
        sessions.append(
            {
                "user": user.username,
                "cookie": f"sessionid={session_cookie(user)}; csrftoken={secret}",
                "director_cookie": f"sessionid={session_cookie(director)}",
                "csrf": _mask_cipher_secret(secret),
                "files": mine,
                "fragments": fragments(rng, names, 100),
            }
        )
    return sessions


def plan_step(rate, seconds, sessions, rng, run_id, today):
    """Arrivées de Poisson au débit donné : (instant, type, requête HTTP brute, jeton du contact ou None)."""
    kinds, weights = zip(*MIX, strict=True)
    arrivals, at = [], 0.0
    while True:
        at += rng.expovariate(rate)
        if at >= seconds:
            return arrivals
        kind = rng.choices(kinds, weights)[0]
        session = rng.choice(sessions)
        key = None
        cookie = session["cookie"]
        body = b""
        if kind == "portefeuille":
            path = "/jeunes/mes-jeunes/"
        elif kind == "recherche":
            path = "/jeunes/?" + urllib.parse.urlencode({"q": rng.choice(session["fragments"])})
        elif kind == "dossier":
            path = f"/jeunes/{rng.choice(session['files'])}/"
        elif kind == "a_faire":
            path = "/dispositifs/a-faire/"
        elif kind == "a_faire_direction":
            path, cookie = "/dispositifs/a-faire/", session["director_cookie"]
        else:
            key = str(uuid.uuid4())
            path = f"/jeunes/{rng.choice(session['files'])}/contacts/nouveau/"
            body = contact_body(session, key, run_id, today)
        arrivals.append((at, kind, raw_request(path, cookie, body), key, session))


def contact_body(session, key, run_id, today):
    return urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": session["csrf"],
            "jeton_envoi": key,
            "date": today.isoformat(),
            "kind": "entretien_individuel",
            "mode": "sur_site",
            "status": "present",
            "notes": f"charge {run_id} {key}",
        }
    ).encode()


def raw_request(path, cookie, body=b""):
    method = "POST" if body else "GET"
    head = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", f"Cookie: {cookie}", "Connection: close"]
    if body:
        head += ["Content-Type: application/x-www-form-urlencoded", f"Content-Length: {len(body)}"]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


# --- Client HTTP en boucle ouverte ---------------------------------------------------------------------


async def send(port, request, timeout):
    """Statut HTTP (int), « délai » ou « erreur » ; la connexion est fermée par le serveur après la réponse."""

    async def exchange():
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            writer.write(request)
            await writer.drain()
            data = await reader.read()
        finally:
            writer.close()
        line = data.split(b"\r\n", 1)[0].split()
        return int(line[1]) if len(line) > 1 else "erreur"

    try:
        return await asyncio.wait_for(exchange(), timeout)
    except TimeoutError:
        return "délai"
    except OSError:
        return "erreur"


def success(kind, status):
    return status == 302 if kind == "contact" else status == 200


async def run_step(port, arrivals, timeout):
    """Envoie chaque requête à son heure d'arrivée ; résultats dans l'ordre des arrivées."""
    loop = asyncio.get_running_loop()
    start = loop.time() + 0.2
    results = [None] * len(arrivals)

    async def one(index, at, kind, request, key):
        budget = max(0.01, timeout - (loop.time() - (start + at)))
        status = await send(port, request, budget)
        results[index] = (kind, status, loop.time() - (start + at), key)

    tasks = []
    for index, (at, kind, request, key, _) in enumerate(arrivals):
        delay = start + at - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(index, at, kind, request, key)))
    await asyncio.gather(*tasks)
    return results


def summarise(results, seconds):
    ok = [latency * 1000 for kind, status, latency, _ in results if success(kind, status)]
    statuses = collections.Counter(status for _, status, _, _ in results)
    failed = sum(1 for kind, status, _, _ in results if not success(kind, status))
    cuts = statistics.quantiles(ok, n=100, method="inclusive") if len(ok) > 1 else [float("nan")] * 99
    by_kind = {}
    for name, _ in MIX:
        times = sorted(
            latency * 1000 for kind, status, latency, _ in results if kind == name and success(kind, status)
        )
        if times:
            by_kind[name] = (times[len(times) // 2], times[int(len(times) * 0.95)], len(times))
    return {
        "par_type": by_kind,
        "envoyees": len(results),
        "debit_utile": len(ok) / seconds,
        "p50": cuts[49],
        "p95": cuts[94],
        "p99": cuts[98],
        "503": statuses.get(503, 0),
        "delai": statuses.get("délai", 0),
        "autres": failed - statuses.get(503, 0) - statuses.get("délai", 0),
        "statuts": dict(statuses),
    }


# --- Serveur -----------------------------------------------------------------------------------------


def start_server(name, args):
    OUT.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DATABASE_URL": args.base,
        "DJANGO_DEBUG": "0",
        "DJANGO_STATIC_ROOT": str(OUT / "static"),
        "GUNICORN_BIND": f"127.0.0.1:{args.port}",
        **CONFIGURATIONS[name],
    }
    log = open(OUT / f"gunicorn-{name}.log", "w")  # noqa: SIM115 — fermé avec le serveur
    code = Path(args.code_origine) if name in FROM_ORIGIN else ROOT
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "-c",
            str(code / "config/gunicorn.conf.py"),
            "config.wsgi",
        ],
        cwd=code,
        env=env,
        stdout=log,
        stderr=log,
    )
    server.log = log
    deadline = time.monotonic() + 60
    while asyncio.run(send(args.port, raw_request("/connexion/", ""), 2)) != 200:
        if time.monotonic() > deadline or server.poll() is not None:
            stop_server(server)
            raise SystemExit(f"gunicorn ({name}) n'a pas démarré : voir {OUT / f'gunicorn-{name}.log'}")
        time.sleep(0.3)
    return server


def stop_server(server):
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
    server.log.close()


def drain(port, seconds=60):
    """Attend que le serveur réponde vite de nouveau (file vidée) avant le palier suivant."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        started = time.monotonic()
        if (
            asyncio.run(send(port, raw_request("/connexion/", ""), 2)) == 200
            and time.monotonic() - started < 0.2
        ):
            return
        time.sleep(0.5)


# --- Vérification des écritures ----------------------------------------------------------------------


def contacts_by_key(run_id):
    from parcours.accompaniment.models import Contact

    counts = collections.Counter()
    for notes in Contact.objects.filter(notes__startswith=f"charge {run_id} ").values_list(
        "notes", flat=True
    ):
        counts[notes.rsplit(" ", 1)[1]] += 1
    return counts


def verify_writes(run_id, outcomes, resend, port, timeout):
    """Compare les contacts en base aux réponses reçues, renvoie une fois les POST sans succès, recompte."""
    time.sleep(2)  # requêtes abandonnées encore en cours côté serveur
    counts = contacts_by_key(run_id)
    succeeded = [key for key, status in outcomes.items() if status == 302]
    refused = [key for key, status in outcomes.items() if status == 503]
    abandoned = [key for key, status in outcomes.items() if status == "délai"]
    report = {
        "post": len(outcomes),
        "reussis": len(succeeded),
        "contacts": sum(counts.values()),
        "reussis_sans_contact": sum(1 for key in succeeded if counts[key] != 1),
        "refuses_avec_contact": sum(1 for key in refused if counts[key]),
        "abandonnes": len(abandoned),
        "abandonnes_enregistres": sum(1 for key in abandoned if counts[key]),
    }

    async def resend_all():
        statuses = []
        for key in [k for k, status in outcomes.items() if status != 302]:
            statuses.append(await send(port, resend[key], timeout * 5))
        return statuses

    statuses = asyncio.run(resend_all())
    counts = contacts_by_key(run_id)
    report["renvoyes"] = len(statuses)
    report["renvois_reussis"] = sum(1 for status in statuses if status == 302)
    report["doublons"] = sum(n - 1 for n in counts.values() if n > 1)
    report["contacts_apres_renvoi"] = sum(counts.values())
    return report


# --- Lancement ---------------------------------------------------------------------------------------


def load():
    return "/".join(f"{value:.1f}" for value in os.getloadavg())


def cpu_seconds(server_pid):
    """Temps processeur cumulé (s) de gunicorn (maître, processus, processus finis), de PostgreSQL (processus
    vivants et connexions finies, comptées par le postmaster) et du client de charge (ce processus)."""
    tick = os.sysconf("SC_CLK_TCK")
    processes = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                head, rest = (entry / "stat").read_text().rsplit(")", 1)
            except OSError:  # processus fini entre-temps
                continue
            fields = rest.split()
            own, children = (
                (int(fields[11]) + int(fields[12])) / tick,
                (int(fields[13]) + int(fields[14])) / tick,
            )
            processes[int(entry.name)] = (head.split("(", 1)[1], int(fields[1]), own, children)
    gunicorn = sum(
        own + (children if pid == server_pid else 0)
        for pid, (_, parent, own, children) in processes.items()
        if server_pid in (pid, parent)
    )
    postgres = sum(
        own + (children if processes.get(parent, ("",))[0] != "postgres" else 0)
        for _, (name, parent, own, children) in processes.items()
        if name == "postgres"
    )
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {"gunicorn": gunicorn, "postgresql": postgres, "client": usage.ru_utime + usage.ru_stime}


def main(argv=None):
    args = parse_args(argv)
    unknown = set(args.configurations.split(",")) - set(CONFIGURATIONS)
    if unknown:
        raise SystemExit(f"Configurations inconnues : {', '.join(sorted(unknown))} (voir --help).")
    if set(args.configurations.split(",")) & set(FROM_ORIGIN) and not args.code_origine:
        raise SystemExit(
            "« origine » et « avant » servent le code d'un autre dossier : donnez --code-origine."
        )
    os.environ["DATABASE_URL"] = args.base
    os.environ["DJANGO_STATIC_ROOT"] = str(OUT / "static")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 65536), hard))
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone
    from search_and_file import fill_database, prepare_database

    from parcours.synthetic.runner import GENERATOR_VERSION

    if prepare_database(args.base, args.jeunes, args.graine, GENERATOR_VERSION):
        print(
            f"Base {urlsplit(args.base).path.lstrip('/')} réutilisée ({args.jeunes} jeunes, graine {args.graine})."
        )
    else:
        print(
            f"Génération de {args.jeunes} jeunes : {fill_database(args.jeunes, args.graine, GENERATOR_VERSION):.0f} s."
        )
    call_command("migrate", verbosity=0)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env={**os.environ, "DJANGO_DEBUG": "0"},
        check=True,
    )
    rng = random.Random(args.graine)
    sessions = build_sessions(args.conseillers, rng)
    today = timezone.localdate()
    rates = [float(rate) for rate in args.debits.split(",")]
    print(
        f"{len(sessions)} conseillers ({len({s['director_cookie'] for s in sessions})} directions), "
        f"paliers {args.debits} req/s de {args.duree:g} s, délai client {args.delai:g} s, {os.cpu_count()} cœurs."
    )
    rows, checks = [], {}
    for name in args.configurations.split(","):
        run_id = f"{datetime.datetime.now():%H%M%S}-{name}"
        server = start_server(name, args)
        outcomes, resend = {}, {}
        try:
            # Chauffe, non comptée : gabarits compilés, requêtes préparées sur chaque connexion, listes
            # « À faire » de chaque session calculées ; sans elle, le premier palier mesure le démarrage.
            asyncio.run(run_step(args.port, plan_step(*WARM_UP, sessions, rng, "chauffe", today), args.delai))
            drain(args.port)
            for rate in rates:
                arrivals = plan_step(rate, args.duree, sessions, rng, run_id, today)
                before, cpu_before = load(), cpu_seconds(server.pid)
                results = asyncio.run(run_step(args.port, arrivals, args.delai))
                cpu = {k: v - cpu_before[k] for k, v in cpu_seconds(server.pid).items()}
                for (_, kind, request, key, _), (_, status, _, _) in zip(arrivals, results, strict=True):
                    if kind == "contact":
                        outcomes[key], resend[key] = status, request
                row = summarise(results, args.duree)
                row.update(configuration=LABELS[name], offert=rate, charge=f"{before} → {load()}")
                row["cpu_ms"] = {k: v * 1000 / max(1, row["envoyees"]) for k, v in cpu.items()}
                rows.append(row)
                print_row(row)
                drain(args.port)
            checks[name] = verify_writes(run_id, outcomes, resend, args.port, args.delai)
        finally:
            stop_server(server)
        print_checks(LABELS[name], checks[name])
    print_table(rows)
    for name, report in checks.items():
        print_checks(LABELS[name], report)
    return rows, checks


HEADER = (
    f"{'config.':<8} {'offert':>7} {'envoyées':>8} {'utile/s':>8} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} "
    f"{'503':>5} {'délai':>6} {'autres':>6}  {'CPU ms/req (gunicorn/PG/client)':<31}  charge 1 min (avant → après)"
)


def print_row(row):
    print(
        f"{row['configuration']:<8} {row['offert']:>7.0f} {row['envoyees']:>8} {row['debit_utile']:>8.1f} "
        f"{row['p50']:>7.0f} {row['p95']:>7.0f} {row['p99']:>7.0f} {row['503']:>5} {row['delai']:>6} "
        f"{row['autres']:>6}  {'/'.join(f'{v:.1f}' for v in row['cpu_ms'].values()):<31}  {row['charge']}",
        flush=True,
    )
    if os.environ.get("LOAD_DETAIL"):
        print(
            "         "
            + " ; ".join(f"{k} {v[0]:.0f}/{v[1]:.0f} ms ({v[2]})" for k, v in row["par_type"].items())
        )


def print_table(rows):
    print("\n" + HEADER)
    print("-" * len(HEADER))
    for row in rows:
        print_row(row)
    print(
        "utile/s : réponses réussies dans le délai par seconde ; p50/p95/p99 sur ces réponses, depuis l'arrivée ;\n"
        "CPU ms/req : temps processeur du palier divisé par les requêtes envoyées (gunicorn, PostgreSQL, client)."
    )


def print_checks(label, report):
    print(
        f"Écritures ({label}) : {report['post']} POST, {report['reussis']} réussis, {report['contacts']} contacts en "
        f"base ; réussis sans exactement un contact : {report['reussis_sans_contact']} ; 503 avec contact : "
        f"{report['refuses_avec_contact']} ; abandonnés par le client : {report['abandonnes']} dont "
        f"{report['abandonnes_enregistres']} enregistrés quand même ; renvoi du même jeton : {report['renvoyes']} "
        f"({report['renvois_reussis']} réussis) → {report['contacts_apres_renvoi']} contacts, "
        f"{report['doublons']} doublon(s)."
    )


if __name__ == "__main__":
    main()
