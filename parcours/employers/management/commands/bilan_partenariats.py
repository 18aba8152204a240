from pathlib import Path

from django.core.management.base import CommandError

from parcours.commands import Command as BaseCommand
from parcours.employers.exports import report_headers, report_to_xlsx, report_values
from parcours.employers.models import Agreement
from parcours.employers.queries import GROUP_FIELDS, follow_up_report
from parcours.referential.models import MissionLocale, Region


class Command(BaseCommand):
    help = (
        "Produit le bilan de suivi des partenariats d'une année (mises en relation, recrutements par type de "
        "contrat, parrainages signés, immersions) par accord national, partenaire ou région, pour la France, "
        "une région ou une mission locale ; l'écrit en XLSX ou l'affiche."
    )

    def add_arguments(self, parser):
        parser.add_argument("--annee", type=int, required=True, help="Année du bilan (ex. : 2025).")
        parser.add_argument(
            "--par", choices=sorted(GROUP_FIELDS), default="accord", help="Regroupement (défaut : accord)."
        )
        scope = parser.add_mutually_exclusive_group()
        scope.add_argument("--region", help="Code INSEE de la région (ex. : 32) ; défaut : France entière.")
        scope.add_argument("--ml", help="Code structure de la mission locale (ex. : 59001).")
        parser.add_argument(
            "--accord", help="Code d'un accord national pour n'en garder que l'activité (ex. : anfa)."
        )
        parser.add_argument(
            "--sortie", help="Fichier XLSX à écrire ; sans cette option, le bilan est affiché."
        )

    def handle(self, *args, annee, par, region, ml, accord, sortie, **options):
        ml_ids, label = None, "France entière"
        if region:
            found = Region.objects.filter(code=region).first()
            if found is None:
                raise CommandError(f"Région inconnue : {region}.")
            ml_ids = list(MissionLocale.objects.filter(department__region=found).values_list("pk", flat=True))
            label = found.name
        if ml:
            found = MissionLocale.objects.filter(code=ml).first()
            if found is None:
                raise CommandError(f"Mission locale inconnue : {ml}.")
            ml_ids = list(MissionLocale.objects.absorbed_into(found).values_list("pk", flat=True))
            label = found.name
        agreement = None
        if accord:
            agreement = Agreement.objects.filter(code=accord).first()
            if agreement is None:
                raise CommandError(f"Accord inconnu : {accord}.")
        report = follow_up_report(annee, par, ml_ids, label, agreement=agreement)
        if sortie:
            Path(sortie).write_bytes(report_to_xlsx(report))
            self.stdout.write(self.style.SUCCESS(f"Bilan {annee} ({label}, par {par}) écrit dans {sortie}."))
            return
        self.stdout.write(" ; ".join(report_headers(report)))
        for row in [*report.rows, report.total]:
            self.stdout.write(" ; ".join(str(v) for v in report_values(report, row)))
