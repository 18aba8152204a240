from django.core.management.base import CommandError

from parcours.commands import Command as BaseCommand
from parcours.commands import parse_date
from parcours.warehouse import exports, periods, presentation, store
from parcours.warehouse.indicators import engine


class Command(BaseCommand):
    help = (
        "Affiche les indicateurs du tableau de bord (les mêmes chiffres que la page) pour une période "
        "de mois entiers comparée à la même période un an plus tôt, sur la nation, une région ou une "
        "mission locale, en JSON ou en CSV. Le secret statistique (effectifs de 1 à 4 masqués) "
        "s'applique comme pour un utilisateur extérieur à la mission locale, sauf --sans-secret."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--debut", required=True, help="Premier jour de la période (AAAA-MM-JJ, un 1er du mois)."
        )
        parser.add_argument(
            "--fin", required=True, help="Dernier jour de la période (AAAA-MM-JJ, fin de mois)."
        )
        parser.add_argument(
            "--perimetre", default="national", help="national, region:CODE ou ml:CODE (défaut : national)."
        )
        parser.add_argument(
            "--format",
            dest="output_format",
            choices=["json", "csv"],
            default="json",
            help="json (défaut) ou csv.",
        )
        parser.add_argument(
            "--vu-par-ml",
            metavar="CODE",
            default="",
            help="Appliquer le secret comme pour le personnel de cette mission locale (ses chiffres non masqués).",
        )
        parser.add_argument(
            "--sans-secret", action="store_true", help="Ne pas masquer les petits effectifs (usage interne)."
        )

    def handle(self, *args, debut, fin, perimetre, output_format, vu_par_ml, sans_secret, **options):
        try:
            period = periods.Period(parse_date(debut), parse_date(fin))
            scope = presentation.parse_scope(perimetre)
            dashboard = engine.compute(period)
            presentation.check_scope(dashboard, scope)
        except (periods.PeriodError, presentation.ScopeError, store.WarehouseUnavailable) as error:
            raise CommandError(str(error)) from error
        secrecy = presentation.Secrecy([vu_par_ml] if vu_par_ml else [], disabled=sans_secret)
        if output_format == "csv":
            self.stdout.write(exports.csv_text(dashboard, scope, secrecy), ending="")
        else:
            self.stdout.write(exports.json_text(dashboard, scope, secrecy))
