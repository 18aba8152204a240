"""Débit du travailleur des rappels (issue 10) : 10 000 rappels dus à la fois, sur PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/parcours_banc .venv/bin/python bench/reminders.py \
        [--rappels 10000] [--lots 100,500] [--courriel smtp|locmem] [--tour 250] [--sans-processus]

Crée une base de test jetable (``test_<nom de la base>``, comme pytest) et la détruit à la fin : la base de
travail n'est pas touchée. Met ``--rappels`` jeunes d'accord pour les rappels (un sur deux par courriel, l'autre
par SMS), répartis sur quelques missions locales et conseillers, chacun avec un rendez-vous planifié dans
~24 h (donc dû : délai de 48 h), plus un contact passé et un rendez-vous dans une semaine (pas dû), le tout par
``bulk_create``, suivi d'un ``VACUUM ANALYZE``. Puis, dans le même passage, chaque mesure repartant de zéro
(messages effacés, table nettoyée par ``VACUUM``, ``CHECKPOINT`` pour que les écritures d'une mesure ne
retombent pas sur la suivante) :

1. **planification** : ``sending.plan_due(now)`` pour les 10 000 (chronométrée à chaque nouvelle file), puis
   la minute suivante, quand tout est déjà planifié (ce que le travailleur refait chaque minute) ;
2. **envoi de la file entière** par le vrai code (``sending.send_due``) avec la taille de lot du travailleur
   (``sending.DEFAULT_BATCH_SIZE``, celle de la tâche ``send_due_reminders``) : le chiffre « rappels par
   seconde avec 10 000 dus à la fois » ;
3. **comparaison à tour de rôle** sur une nouvelle file de 10 000 : chaque façon d'envoyer prend ``--tour``
   messages (250) à son tour jusqu'à ce que la file soit vide — la machine est partagée et sa charge varie
   d'une minute à l'autre ; à tour de rôle, toutes la subissent pareil. Les façons : les tailles de lot de
   ``--lots`` (défaut : celle du travailleur et 500), et deux références : ``batch_size=1`` (une prise par
   message : ce que le lot fait gagner) et une boucle naïve (une transaction par message, ``SELECT … FOR
   UPDATE`` sans ``SKIP LOCKED``, envoi puis « envoyé » dans la même transaction : un seul commit par message,
   mais deux travailleurs s'attendraient, et un arrêt entre la remise au prestataire et le commit ne laisse
   aucune trace « en cours ») : ce que coûte la garantie « jamais perdu, jamais deux fois » ;
4. **processus** : un puis deux ``manage.py envoyer_rappels --sans-planification`` lancés en même temps
   (``SKIP LOCKED`` : les deux se partagent la file sans se gêner) ; leur durée va du premier au dernier
   « envoyé » en base (``sent_at``) : le démarrage de Django (mesuré à part, processus sans rien à envoyer) n'y
   est pas, le débit « démarrage compris » est donné à côté.

Courriels : ``--courriel smtp`` (défaut) par le vrai ``EmailBackend`` SMTP de Django vers un serveur aiosmtpd
local lancé par le banc (un autre processus : l'aller-retour SMTP compte, comme en production) ;
``--courriel locmem`` par le backend en mémoire de Django (le travailleur seul). SMS : un prestataire en mémoire
qui implémente ``send(number, text, key)`` (dans les processus ``envoyer_rappels`` : une ligne par SMS dans un
fichier). Après chaque mesure, le banc vérifie que chaque message a été remis **exactement une fois** (clés
d'idempotence reçues par le serveur SMTP / le prestataire SMS, comparées aux lignes « envoyé » en base).

Temps par message : écart entre deux remises successives au prestataire dans un travailleur (médiane, p95,
pire) : deux commits et la composition du texte ; la prise et la lecture d'un lot tombent dans le pire. Pour
les processus, écart entre deux ``sent_at`` d'un même travailleur. « SQL/msg » : requêtes par message ;
« CPU ms/msg » : temps processeur du travailleur, du processus PostgreSQL de sa connexion et du serveur SMTP,
par message — moins sensible à la charge que le temps écoulé (mesures dans le processus du banc seulement).
Le reste du temps écoulé est surtout l'attente des commits (écriture du journal de PostgreSQL sur disque).
"""

import argparse
import collections
import datetime
import email.parser
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

#: Fichier où les prestataires des processus ``envoyer_rappels`` et le serveur SMTP notent chaque clé reçue.
LOG_VARIABLE = "PARCOURS_BANC_JOURNAL"


# --- Prestataires (importés aussi par les processus ``envoyer_rappels`` et par aiosmtpd : ``bench.reminders``) ---


def _log_key(kind, key):
    # O_APPEND : une ligne courte écrite d'un coup, deux processus ne se mélangent pas.
    with open(os.environ[LOG_VARIABLE], "a", encoding="utf-8") as out:
        out.write(f"{kind} {key}\n")


class KeyLogSms:
    """Prestataire SMS des processus ``envoyer_rappels`` : note la clé de chaque SMS reçu."""

    def send(self, number, text, idempotency_key):
        _log_key("sms", idempotency_key)
        return f"banc-{idempotency_key}"


class KeyLogInbox:
    """Gestionnaire aiosmtpd : note le Message-ID de chaque courriel reçu (``-c bench.reminders.KeyLogInbox``)."""

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (nom imposé par aiosmtpd)
        headers = email.parser.BytesHeaderParser().parsebytes(envelope.content)
        _log_key("courriel", _key_of(headers["Message-ID"]))
        return "250 Message accepted for delivery"


def _key_of(message_id):
    return str(message_id).strip().strip("<>").split("@")[0]


# --- Prestataires du processus du banc : en mémoire, avec l'heure de chaque remise ---


class Deliveries:
    keys = []
    times = []
    every = 1000
    started = 0.0
    total = 0

    @classmethod
    def reset(cls, total):
        cls.keys, cls.times, cls.total, cls.started = [], [], total, time.perf_counter()

    @classmethod
    def record(cls, kind, key):
        now = time.perf_counter()
        cls.keys.append((kind, str(key)))
        cls.times.append(now)
        if len(cls.keys) % cls.every == 0:
            print(f"    … {len(cls.keys)}/{cls.total} en {now - cls.started:.1f} s", flush=True)


class MemorySms:
    def send(self, number, text, idempotency_key):
        Deliveries.record("sms", idempotency_key)
        return f"memoire-{idempotency_key}"


def _timed(base):
    class Timed(base):
        def send_messages(self, messages):
            sent = super().send_messages(messages)
            for message in messages[:sent]:
                Deliveries.record("courriel", _key_of(message.extra_headers["Message-ID"]))
            return sent

    return Timed


def _email_backend(kind):
    from django.core.mail.backends import locmem, smtp

    return _timed(smtp.EmailBackend if kind == "smtp" else locmem.EmailBackend)


# --- Le banc ---


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        usage="%(prog)s [options]",
        description="Débit du travailleur des rappels : N rappels dus à la fois, sur PostgreSQL.",
        add_help=False,
    )
    parser.add_argument("-h", "--help", action="help", help="Afficher cette aide et quitter.")
    parser.add_argument(
        "--rappels", metavar="N", type=int, default=10_000, help="Rappels dus à la fois (défaut : 10 000)."
    )
    parser.add_argument(
        "--missions-locales", metavar="N", type=int, default=4, help="Missions locales (défaut : 4)."
    )
    parser.add_argument(
        "--conseillers", metavar="N", type=int, default=6, help="Conseillers par mission locale (défaut : 6)."
    )
    parser.add_argument(
        "--lots",
        metavar="TAILLES",
        default="",
        help="Tailles de lot mesurées, séparées par des virgules (défaut : celle du travailleur, puis 500).",
    )
    parser.add_argument(
        "--courriel",
        choices=("smtp", "locmem"),
        default="smtp",
        help="smtp : serveur aiosmtpd local (aller-retour SMTP compris, défaut) ; locmem : en mémoire.",
    )
    parser.add_argument(
        "--sans-processus", action="store_true", help="Ne pas lancer les processus manage.py envoyer_rappels."
    )
    parser.add_argument(
        "--tour",
        metavar="N",
        type=int,
        default=250,
        help="Messages par tour dans la comparaison à tour de rôle (défaut : 250).",
    )
    parser.add_argument(
        "--port-smtp",
        metavar="PORT",
        type=int,
        default=0,
        help="Port du serveur SMTP local (défaut : libre).",
    )
    return parser.parse_args(argv)


def load_average():
    return Path("/proc/loadavg").read_text().split()[:3]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def populate(args, now):
    """Missions locales, sites, conseillers, jeunes d'accord et leurs rendez-vous (``bulk_create``)."""
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from parcours.accompaniment.enums import AttendanceStatus, ContactKind, ContactMode, Theme
    from parcours.accompaniment.models import Contact
    from parcours.accounts.enums import Role
    from parcours.accounts.models import User
    from parcours.referential.models import MissionLocale, Site
    from parcours.reminders.enums import Channel
    from parcours.reminders.models import ReminderConsent, ReminderSettings
    from parcours.young_people.models import YoungPerson

    mls = list(MissionLocale.objects.active().order_by("code")[: args.missions_locales])
    if len(mls) < args.missions_locales:
        raise SystemExit(f"Le référentiel n'a que {len(mls)} missions locales.")
    sites = {
        ml.pk: Site.objects.create(
            mission_locale=ml,
            name=f"Antenne du banc {ml.code}",
            kind="antenne",
            address="12 rue de la Gare",
            commune="Lille",
            postcode="59000",
            phone="03 20 00 00 00",
        )
        for ml in mls
    }
    for ml in mls[1:]:  # la première garde le délai par défaut (48 h), sans réglage
        ReminderSettings.objects.create(
            mission_locale=ml, delay_hours=48, cancel_contact="appelez l'accueil au 03 20 00 00 00"
        )
    password = make_password(None)
    counsellors = User.objects.bulk_create(
        [
            User(
                username=f"banc.rappels.{ml.code}.{n}",
                role=Role.COUNSELLOR,
                mission_locale=ml,
                first_name="Conseiller",
                last_name=f"Banc {n}",
                password=password,
            )
            for ml in mls
            for n in range(args.conseillers)
        ]
    )
    by_ml = collections.defaultdict(list)
    for user in counsellors:
        by_ml[user.mission_locale_id].append(user)
    names = ["Inès", "Lucas", "Léa", "Hugo", "Chloé", "Nathan", "Manon", "Moussa", "Jade", "Yanis"]
    people = []
    for n in range(args.rappels):
        ml = mls[n % len(mls)]
        first = names[n % len(names)]
        last = f"Banc{n:06d}"
        people.append(
            YoungPerson(
                mission_locale=ml,
                referent=by_ml[ml.pk][(n // len(mls)) % args.conseillers],
                last_name=last,
                first_name=first,
                birth_date=datetime.date(2004, 1, 1) + datetime.timedelta(days=n % 2500),
                sex="F" if n % 3 else "H",
                education_level="V",
                first_reception_date=datetime.date(2025, 9, 1),
                search_name=YoungPerson.build_search_name(last, first),
                email=f"jeune{n}@example.org",
                phone=f"06{n:08d}",
            )
        )
    people = YoungPerson.objects.bulk_create(people, batch_size=2000)
    ReminderConsent.objects.bulk_create(
        [
            ReminderConsent(
                young_person=person,
                consent=True,
                channel=Channel.EMAIL if n % 2 == 0 else Channel.SMS,
                recorded_by=person.referent,
                recorded_at=now,
            )
            for n, person in enumerate(people)
        ],
        batch_size=2000,
    )
    contacts = []
    for n, person in enumerate(people):
        # Rendez-vous dans 24 h à 26 h (par pas de 15 minutes) : dû, le délai étant de 48 h.
        start = datetime.timedelta(hours=24, minutes=15 * (n % 9))
        start_local = timezone.localtime(now + start)
        start_local = start_local.replace(minute=start_local.minute // 15 * 15, second=0, microsecond=0)
        common = {"young_person": person, "counsellor": person.referent, "kind": ContactKind.INDIVIDUAL}
        contacts.append(
            Contact(
                **common,
                date=start_local.date(),
                time=start_local.time(),
                duration=30,
                site=sites[person.mission_locale_id],
                mode=ContactMode.ON_SITE,
                status=AttendanceStatus.PLANNED,
                themes=[Theme.EMPLOYMENT],
            )
        )
        later = start_local + datetime.timedelta(days=7)
        contacts.append(  # dans une semaine : pas encore dû
            Contact(
                **common,
                date=later.date(),
                time=later.time(),
                duration=30,
                site=sites[person.mission_locale_id],
                status=AttendanceStatus.PLANNED,
                themes=[Theme.TRAINING],
            )
        )
        contacts.append(  # le mois dernier : tenu
            Contact(
                **common, date=start_local.date() - datetime.timedelta(days=30), themes=[Theme.EMPLOYMENT]
            )
        )
    Contact.objects.bulk_create(contacts, batch_size=3000)
    return len(people)


def reset_messages():
    """Efface les rappels et nettoie la table : chaque mesure part d'une file vide et d'une table propre."""
    from django.db import connection

    from parcours.reminders.models import ReminderMessage

    ReminderMessage.objects.all().delete()
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {ReminderMessage._meta.db_table}")
    checkpoint()


def checkpoint():
    """Écrit les pages modifiées maintenant (superutilisateur) : un point de contrôle déclenché par les écritures
    d'une mesure précédente ne ralentit pas les commits de la suivante."""
    from django.db import DatabaseError, connection

    try:
        with connection.cursor() as cursor:
            cursor.execute("CHECKPOINT")
    except DatabaseError:
        print("    (CHECKPOINT refusé : l'utilisateur PostgreSQL n'est pas superutilisateur)")


def plan(now):
    from parcours.reminders import sending

    reset_messages()
    started = time.perf_counter()
    planned = sending.plan_due(now)
    return planned, time.perf_counter() - started


def expected_keys():
    from parcours.reminders.enums import MessageStatus
    from parcours.reminders.models import ReminderMessage

    rows = ReminderMessage.objects.values_list("idempotency_key", "status")
    statuses = collections.Counter(status for _, status in rows)
    sent = {str(key) for key, status in rows if status == MessageStatus.SENT}
    return sent, statuses


def check_exactly_once(label, received, total_expected):
    """Chaque message « envoyé » en base reçu exactement une fois par le prestataire, et rien d'autre."""
    sent, statuses = expected_keys()
    counts = collections.Counter(received)
    twice = sum(1 for c in counts.values() if c > 1)
    missing = len(sent - set(counts))
    unknown = len(set(counts) - sent)
    ok = not twice and not missing and not unknown and len(sent) == total_expected
    state = ", ".join(f"{s} {c}" for s, c in sorted(statuses.items()))
    print(
        f"    vérification {label} : {len(counts)} clés reçues, {len(sent)} « envoyé » en base ({state}) ; "
        f"deux fois : {twice}, manquants : {missing}, inconnus : {unknown} → {'OK' if ok else 'ÉCHEC'}"
    )
    return ok


def summary(gaps):
    """Médiane, p95 et pire des écarts (ms) entre deux remises d'un même travailleur."""
    gaps = sorted(gaps)
    if len(gaps) < 2:
        return None
    return statistics.median(gaps), gaps[int(0.95 * (len(gaps) - 1))], gaps[-1]


def backend_cpu_ms(pid):
    """Temps processeur consommé par un processus (PostgreSQL de la connexion, serveur SMTP), en ms."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


class Tally:
    """Ce qu'une façon d'envoyer a fait, additionné sur ses tours."""

    def __init__(self, label):
        self.label, self.sent, self.seconds, self.gaps, self.queries, self.cpu = label, 0, 0.0, [], 0, 0.0

    def row(self, ok):
        return {
            "mesure": self.label,
            "rappels": self.sent,
            "secondes": self.seconds,
            "debit": self.sent / self.seconds if self.seconds else 0,
            "temps": summary(self.gaps),
            "sql": self.queries / self.sent if self.sent else 0,
            "cpu": self.cpu / self.sent if self.sent else 0,
            "ok": ok,
        }


def turn(tally, run, total, other_pids):
    """Un tour de ``run()`` (qui envoie) dans ce processus, ajouté à ``tally`` ; renvoie les clés remises."""
    from django.db import connection

    Deliveries.reset(total)
    counter = QueryCounter()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pids = [cursor.fetchone()[0], *other_pids]
    cpu_before = time.process_time() * 1000 + sum(backend_cpu_ms(pid) for pid in pids)
    with connection.execute_wrapper(counter):
        started = time.perf_counter()
        run()
        elapsed = time.perf_counter() - started
    tally.cpu += time.process_time() * 1000 + sum(backend_cpu_ms(pid) for pid in pids) - cpu_before
    tally.sent += len(Deliveries.keys)
    tally.seconds += elapsed
    tally.queries += counter.count
    tally.gaps += [(b - a) * 1000 for a, b in zip(Deliveries.times, Deliveries.times[1:], strict=False)]
    return list(Deliveries.keys)


def check_in_process(label, delivered, smtp, log_path):
    """Clés remises vues par le travailleur ; avec SMTP, aussi ce que le serveur a vraiment reçu."""
    ok = check_exactly_once(
        label + ", remises vues par le travailleur", [k for _, k in delivered], len(delivered)
    )
    if smtp:
        received = read_log(log_path) + [k for kind, k in delivered if kind == "sms"]
        ok = (
            check_exactly_once(
                label + ", reçus par le serveur SMTP et le prestataire SMS", received, len(delivered)
            )
            and ok
        )
    return ok


def naive_loop(limit):
    """Référence naïve : une transaction par message, verrou sans SKIP LOCKED, envoi dans la transaction."""
    from django.core import mail
    from django.db import transaction
    from django.utils import timezone

    from parcours.reminders import sending
    from parcours.reminders.enums import MessageStatus
    from parcours.reminders.models import ReminderMessage, ReminderSettings

    settings_by_ml = {s.mission_locale_id: s for s in ReminderSettings.objects.all()}
    pending = ReminderMessage.objects.filter(status=MessageStatus.PENDING, due_at__lte=timezone.now())
    ids = list(pending.order_by("due_at", "pk").values_list("pk", flat=True)[:limit])
    connection = mail.get_connection()
    sms = MemorySms()
    try:
        for pk in ids:
            with transaction.atomic():
                message = (
                    ReminderMessage.objects.select_for_update(of=("self",))
                    .select_related(
                        "appointment__young_person__mission_locale",
                        "appointment__young_person__reminder_consent",
                        "appointment__site",
                    )
                    .get(pk=pk, status=MessageStatus.PENDING)
                )
                ml_id = message.appointment.young_person.mission_locale_id
                message.subject, message.body = sending.compose(
                    message, settings_by_ml.get(ml_id) or ReminderSettings()
                )
                provider_id = sending._send(message, connection, sms)  # noqa: SLF001 (même remise que le travailleur)
                now = timezone.now()
                ReminderMessage.objects.filter(pk=pk).update(
                    status=MessageStatus.SENT,
                    subject=message.subject,
                    body=message.body,
                    attempts=1,
                    provider_id=provider_id[:120],
                    sent_at=now,
                    updated_at=now,
                )
    finally:
        connection.close()


def read_log(path):
    if not path.exists():
        return []
    return [line.split()[1] for line in path.read_text().splitlines() if line.strip()]


def worker_env(args, db_url, log_path, smtp_port):
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": db_url,
            "DJANGO_DEBUG": "0",
            "PARCOURS_LOG_LEVEL": "WARNING",
            "PARCOURS_SMS_BACKEND": "bench.reminders.KeyLogSms",
            LOG_VARIABLE: str(log_path),
            "PYTHONPATH": str(ROOT),
        }
    )
    if args.courriel == "smtp":
        env.update(
            {
                "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "DJANGO_EMAIL_HOST": "127.0.0.1",
                "DJANGO_EMAIL_PORT": str(smtp_port),
            }
        )
    else:  # pas de mémoire partagée entre processus : le courriel est noté dans le fichier du banc
        env["DJANGO_EMAIL_BACKEND"] = "bench.reminders.KeyLogEmail"
    return env


class KeyLogEmail:
    """Backend de courriel des processus ``envoyer_rappels`` en mode ``--courriel locmem`` : note chaque clé."""

    def __init__(self, *args, **kwargs):
        pass

    def open(self):
        return False

    def close(self):
        pass

    def send_messages(self, messages):
        for message in messages:
            _log_key("courriel", _key_of(message.extra_headers["Message-ID"]))
        return len(messages)


def sent_span():
    """Pour les processus : durée du premier au dernier « envoyé » (``sent_at``, donc sans le démarrage de
    Django), écarts entre deux envois d'un même travailleur (``claimed_by``) et nombre d'envois par travailleur."""
    from parcours.reminders.models import ReminderMessage

    by_worker = collections.defaultdict(list)
    for worker, sent_at in ReminderMessage.objects.filter(sent_at__isnull=False).values_list(
        "claimed_by", "sent_at"
    ):
        by_worker[worker].append(sent_at.timestamp())
    stamps = sorted(t for times in by_worker.values() for t in times)
    gaps = sorted(
        (b - a) * 1000
        for times in by_worker.values()
        for a, b in zip(sorted(times), sorted(times)[1:], strict=False)
    )
    summary = (
        (statistics.median(gaps), gaps[int(0.95 * (len(gaps) - 1))], gaps[-1]) if len(gaps) > 1 else None
    )
    return max(stamps[-1] - stamps[0], 1e-6), summary, sorted(len(t) for t in by_worker.values())


def run_workers(count, args, env, log_path, batch, total):
    """``count`` processus ``manage.py envoyer_rappels`` lancés ensemble ; renvoie leur temps écoulé."""
    from parcours.reminders.enums import MessageStatus
    from parcours.reminders.models import ReminderMessage

    command = [
        sys.executable,
        str(ROOT / "manage.py"),
        "envoyer_rappels",
        "--sans-planification",
        "--lot",
        batch,
    ]
    started = time.perf_counter()
    workers = [
        subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(count)
    ]
    shown = started
    while any(w.poll() is None for w in workers):
        time.sleep(0.05)
        if total and time.perf_counter() - shown >= 5:
            shown = time.perf_counter()
            done = ReminderMessage.objects.filter(status=MessageStatus.SENT).count()
            print(f"    … {done}/{total} en {shown - started:.1f} s", flush=True)
    elapsed = time.perf_counter() - started
    for worker in workers:
        out, err = worker.communicate()
        if worker.returncode:
            raise SystemExit(f"envoyer_rappels a échoué ({worker.returncode}) :\n{err[-2000:]}")
        if total:
            print(f"    {out.strip()}")
    return elapsed


def main(argv=None):
    args = parse_args(argv)
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ.setdefault("PARCOURS_LOG_LEVEL", "WARNING")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases
    from django.utils import timezone

    from parcours.reminders import sending

    if connection.vendor != "postgresql":
        raise SystemExit("Ce banc mesure PostgreSQL : donnez DATABASE_URL=postgres://…")
    batches = [int(b) for b in args.lots.split(",") if b] or [sending.DEFAULT_BATCH_SIZE, 500]
    load_before = load_average()
    print(f"Charge de la machine avant (1, 5, 15 min) : {' '.join(load_before)} ; {os.cpu_count()} cœurs")
    smtp_server = None
    log_path = ROOT / "var" / "bench-rappels" / "recus.txt"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    os.environ[LOG_VARIABLE] = str(log_path)
    if args.courriel == "smtp":
        port = args.port_smtp or free_port()
        smtp_server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                f"127.0.0.1:{port}",
                "-c",
                "bench.reminders.KeyLogInbox",
            ],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        for _ in range(50):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        print(f"Courriels : EmailBackend SMTP de Django → aiosmtpd local (127.0.0.1:{port}, autre processus)")
    else:
        port = None
        print("Courriels : backend locmem de Django (en mémoire, sans aller-retour SMTP)")
    settings.EMAIL_BACKEND = "__main__.TimedBackend"
    globals()["TimedBackend"] = _email_backend(args.courriel)

    started = time.perf_counter()
    old_config = setup_databases(verbosity=0, interactive=False)
    db_name = connection.settings_dict["NAME"]
    print(f"Base jetable {db_name} créée et migrée en {time.perf_counter() - started:.0f} s")
    rows, plans = [], []
    try:
        now = timezone.now()
        started = time.perf_counter()
        created = populate(args, now)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        print(
            f"Jeux de données : {created} jeunes d'accord (courriel/SMS), {3 * created} contacts dont {created} "
            f"rendez-vous dus, {args.missions_locales} missions locales, en {time.perf_counter() - started:.1f} s"
        )

        def planned():
            count, seconds = plan(timezone.now())
            plans.append(seconds)
            if count != created:
                raise SystemExit(f"plan_due a créé {count} rappels au lieu de {created}.")
            return count

        sms = MemorySms()
        smtp = args.courriel == "smtp"
        other_pids = [smtp_server.pid] if smtp_server else []
        worker_batch = sending.DEFAULT_BATCH_SIZE

        # 1. et 2. La file entière, vidée par le vrai code avec la taille de lot du travailleur.
        total = planned()
        print(f"  planification (plan_due) : {total} rappels en {plans[-1]:.2f} s")
        # La minute suivante (le travailleur planifie chaque minute) : tout est déjà planifié.
        started = time.perf_counter()
        again = sending.plan_due(timezone.now())
        print(
            f"  replanification la minute suivante, {total} déjà planifiés : {again} rappel créé en "
            f"{time.perf_counter() - started:.2f} s"
        )
        label = f"send_due, lot de {worker_batch} (travailleur), file entière"
        print(f"  {label} …", flush=True)
        log_path.unlink(missing_ok=True)
        tally = Tally(label)
        delivered = turn(
            tally, lambda: sending.send_due(batch_size=worker_batch, sms_backend=sms), total, other_pids
        )
        rows.append(tally.row(check_in_process(label, delivered, smtp, log_path)))

        # 3. Comparaison à tour de rôle sur une nouvelle file de 10 000 : chaque façon d'envoyer prend à son
        # tour ``--tour`` messages, jusqu'à ce que la file soit vide ; la charge de la machine (partagée) varie,
        # mais pareil pour toutes.
        variants = [
            (
                f"send_due, lot de {b}" + (" (travailleur)" if b == worker_batch else ""),
                lambda n, b=b: sending.send_due(batch_size=b, limit=n, sms_backend=sms),
            )
            for b in batches
        ]
        variants += [
            (
                "référence : send_due, lot de 1",
                lambda n: sending.send_due(batch_size=1, limit=n, sms_backend=sms),
            ),
            ("référence : boucle naïve, 1 commit/msg", naive_loop),
        ]
        total = planned()
        print(f"  à tour de rôle ({len(variants)} façons, {args.tour} messages par tour) …", flush=True)
        log_path.unlink(missing_ok=True)
        tallies = [Tally(label) for label, _ in variants]
        delivered, rounds = [], 0
        while len(delivered) < total:
            rounds += 1
            for tally, (_, run) in zip(tallies, variants, strict=True):
                delivered += turn(tally, lambda r=run: r(args.tour), total, other_pids)
            print(f"    … tour {rounds} : {len(delivered)}/{total}", flush=True)
        ok = check_in_process("à tour de rôle, toutes façons", delivered, smtp, log_path)
        rows += [tally.row(ok) for tally in tallies]

        if not args.sans_processus:
            user = settings.DATABASES["default"].get("USER") or "postgres"
            host = settings.DATABASES["default"].get("HOST") or "127.0.0.1"
            db_port = settings.DATABASES["default"].get("PORT") or 5432
            db_url = f"postgres://{user}@{host}:{db_port}/{db_name}"
            env = worker_env(args, db_url, log_path, port)
            batch = str(sending.DEFAULT_BATCH_SIZE)
            # Démarrage et arrêt de Django seuls (rien à envoyer), pour le débit net.
            log_path.unlink(missing_ok=True)
            reset_messages()
            startup = run_workers(1, args, env, log_path, batch, 0)
            print(f"  démarrage et arrêt d'un processus envoyer_rappels (rien à envoyer) : {startup:.2f} s")
            for count in (1, 2):
                total = planned()
                log_path.unlink(missing_ok=True)
                label = f"{count} processus envoyer_rappels, lot de {batch}"
                print(f"  {label} …", flush=True)
                elapsed = run_workers(count, args, env, log_path, batch, total)
                received = read_log(log_path)
                ok = check_exactly_once(label, received, total)
                span, gaps, per_worker = sent_span()
                print(
                    f"    envois par processus : {per_worker} ; du premier au dernier « envoyé » : {span:.1f} s "
                    f"(démarrage compris : {elapsed:.1f} s)"
                )
                rows.append(
                    {
                        "mesure": label,
                        "rappels": len(received),
                        "secondes": span,
                        "debit": len(received) / span,
                        "brut": len(received) / elapsed,
                        "temps": gaps,
                        "sql": None,
                        "ok": ok,
                    }
                )
    finally:
        teardown_databases(old_config, verbosity=0)
        if smtp_server is not None:
            smtp_server.terminate()
            smtp_server.wait(timeout=10)
        log_path.unlink(missing_ok=True)
        print(f"Base jetable {db_name} détruite.")

    print()
    print(
        f"Planification (plan_due, {created} rappels) : {min(plans):.2f} s au mieux, {statistics.median(plans):.2f} s "
        f"en médiane sur {len(plans)} ({created / min(plans):.0f} rappels/s)"
    )
    print(
        f"Envoi ({'SMTP local' if args.courriel == 'smtp' else 'locmem'} pour les courriels, SMS en mémoire) :"
    )
    head = (
        f"{'mesure':<50} {'rappels':>7} {'s':>6} {'rappels/s':>9} {'p50 ms':>7} {'p95 ms':>7} {'pire ms':>7} "
        f"{'SQL/msg':>7} {'CPU ms/msg':>10}  1 fois"
    )
    print(head)
    for row in rows:
        temps = row["temps"]
        cells = f"{temps[0]:>7.1f} {temps[1]:>7.1f} {temps[2]:>7.0f}" if temps else f"{'':>7} {'':>7} {'':>7}"
        sql = f"{row['sql']:>7.1f}" if row.get("sql") is not None else f"{'':>7}"
        cpu = f"{row['cpu']:>10.2f}" if row.get("cpu") is not None else f"{'':>10}"
        extra = f"  (démarrage de Django compris : {row['brut']:.0f}/s)" if "brut" in row else ""
        print(
            f"{row['mesure']:<50} {row['rappels']:>7} {row['secondes']:>6.1f} {row['debit']:>9.0f} {cells} {sql} "
            f"{cpu}  {'oui' if row['ok'] else 'NON'}{extra}"
        )
    print(f"Charge de la machine : avant {' '.join(load_before)}, après {' '.join(load_average())}")
    if not all(row["ok"] for row in rows):
        raise SystemExit("Un message manque ou est parti deux fois.")
    return rows


if __name__ == "__main__":
    main(sys.argv[1:])
