from pathlib import Path

from django.core.management.base import CommandError

from parcours.commands import Command as BaseCommand
from parcours.commands import french_date
from parcours.cotraitance.exporter import milestones_csv
from parcours.cotraitance.models import Referral
from parcours.referential.models import MissionLocale


class Command(BaseCommand):
    help = (
        "Exporte en CSV les jalons attendus par France Travail sur une période : premier entretien, propositions et "
        "entrées en formation ou prestation, mises en relation, périodes d'emploi, sorties (format : docs/cotraitance.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--du", required=True, metavar="JJ/MM/AAAA", help="Début de la période.")
        parser.add_argument("--au", required=True, metavar="JJ/MM/AAAA", help="Fin de la période, incluse.")
        parser.add_argument(
            "--ml",
            action="append",
            metavar="CODE",
            help="Code d'une mission locale (répétable ; toutes par défaut).",
        )
        parser.add_argument(
            "--sortie", metavar="FICHIER.csv", help="Fichier CSV à écrire (sortie standard par défaut)."
        )

    def handle(self, *args, **options):
        start, end = french_date(options["du"]), french_date(options["au"])
        if end < start:
            raise CommandError("La fin de période précède son début.")
        referrals = Referral.objects.all()
        if options["ml"]:
            found = MissionLocale.objects.filter(code__in=options["ml"])
            unknown = set(options["ml"]) - set(found.values_list("code", flat=True))
            if unknown:
                raise CommandError(f"Mission locale inconnue : {', '.join(sorted(unknown))}.")
            referrals = referrals.filter(mission_locale__in=found)
        content = milestones_csv(referrals, start, end, self.progress_bar(options["verbosity"]))
        if options["sortie"]:
            Path(options["sortie"]).write_text(content, encoding="utf-8")
            self.stderr.write(f"{content.count(chr(10)) - 1} jalon(s) écrit(s) dans {options['sortie']}.")
        else:
            self.stdout.write(content, ending="")
