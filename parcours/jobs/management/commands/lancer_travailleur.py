import signal

from django.core.management import CommandError, call_command

from parcours.commands import Command as BaseCommand
from parcours.jobs import schedule, worker


class Command(BaseCommand):
    help = (
        "Lance le travailleur des tâches de fond (un seul suffit) : il exécute une à une les tâches mises en "
        "file (imports déposés sur le web, travaux de nuit), met en file les travaux du planning à leur heure "
        "(parcours/jobs/schedule.py) et écrit son battement en base (vérifié par /sante/). Une tâche "
        "interrompue par l'arrêt brutal d'un travailleur est reprise, jusqu'à PARCOURS_TRAVAILLEUR_ESSAIS "
        "fois. Ctrl-C (ou SIGTERM) : la tâche en cours se termine, puis le travailleur s'arrête."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--lot",
            action="store_true",
            help="Exécuter les tâches déjà en file puis s'arrêter (sans planning).",
        )
        parser.add_argument(
            "--sans-planning", action="store_true", help="Ne pas mettre en file les travaux du planning."
        )
        parser.add_argument(
            "--intervalle",
            type=float,
            default=1.0,
            help="Secondes d'attente entre deux consultations de la file vide (défaut : 1).",
        )
        parser.add_argument(
            "--max-taches", type=int, default=None, help="S'arrêter après ce nombre de tâches."
        )

    def handle(self, *args, lot, sans_planning, intervalle, max_taches, **options):
        problems = schedule.invalid_entries()
        if problems:
            raise CommandError("Planning invalide : " + " ".join(problems))
        if intervalle < 0 or (max_taches is not None and max_taches <= 0):
            raise CommandError("--intervalle doit être positif, --max-taches supérieur à zéro.")
        worker_id = worker.new_worker_id()
        worker.beat(worker_id)
        retried, failed = worker.recover_orphans()
        if retried or failed:
            self.stderr.write(f"{retried} tâche(s) interrompue(s) remise(s) en file, {failed} abandonnée(s).")
        scheduler = None if lot or sans_planning else worker.Scheduler(schedule.SCHEDULE)
        housekeeper = worker.Housekeeper(worker_id, scheduler)
        if options["verbosity"] and scheduler:
            for entry in schedule.SCHEDULE:
                when = scheduler.next_run[entry.name]
                self.stdout.write(
                    f"Planning : {entry.label} ({entry.cron}), prochaine le {when:%d/%m/%Y à %H:%M}."
                )
        handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
        if not lot:
            housekeeper.start()
        try:
            call_command(
                "db_worker",
                worker_id=worker_id,
                batch=lot,
                interval=intervalle,
                max_tasks=max_taches,
                reload=False,
                startup_delay=False,
                verbosity=options["verbosity"],
                stdout=self.stdout,
                stderr=self.stderr,
            )
        except SystemExit as exit_:  # Ctrl-C du travailleur de django-tasks-db pendant l'attente
            if exit_.code not in (0, None):
                raise
        finally:
            for sig, handler in handlers.items():
                signal.signal(sig, handler)
            if housekeeper.is_alive():
                housekeeper.stop()
            worker.stop(worker_id)
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS("Travailleur arrêté."))
