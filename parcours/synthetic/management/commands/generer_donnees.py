from django.core.management.base import CommandError
from django.utils import timezone

from parcours import safety
from parcours.commands import Command as BaseCommand
from parcours.commands import add_seed_argument, iso_date
from parcours.synthetic import runner
from parcours.synthetic.real_data import holds_real_data


class Command(BaseCommand):
    help = (
        "Génère des données synthétiques réalistes et reproductibles : missions locales et leurs sites, "
        "conseillers, jeunes (identité, situation, zones prioritaires), référents, contacts, propositions, "
        "situations, puis les données des autres modules (programmes, co-traitance, entreprises…). "
        "Même nombre de jeunes, même graine et même date de référence : mêmes données. "
        "Les lignes sont ajoutées à la base existante, en une seule transaction. Refuse d'écrire dans une base "
        "qui contient des données réelles, sauf avec --confirmer-donnees-reelles."
    )

    def add_arguments(self, parser):
        parser.add_argument("--jeunes", type=int, required=True, help="Nombre de jeunes à créer.")
        add_seed_argument(parser, default=1)
        parser.add_argument(
            "--missions-locales",
            type=int,
            default=0,
            dest="missions_locales",
            help="Nombre total de missions locales actives voulu : les manquantes sont créées (avec leurs "
            "sites) dans les départements, au prorata de leur population. Défaut : celles de la base.",
        )
        parser.add_argument(
            "--depuis",
            type=iso_date,
            default=None,
            help="Premiers accueils à partir de cette date AAAA-MM-JJ (défaut : il y a trois ans).",
        )
        parser.add_argument(
            "--date-reference",
            type=iso_date,
            default=None,
            dest="date_reference",
            help="Date du jour simulée AAAA-MM-JJ, pour reproduire exactement un jeu de données "
            "(défaut : aujourd'hui ; pas après aujourd'hui).",
        )
        parser.add_argument(
            "--demo",
            action="store_true",
            help="Concentre les données sur les missions locales de démonstration (Lille, Arras) et donne un "
            "portefeuille vivant aux conseillers de démonstration.",
        )
        safety.add_real_data_flag(parser)

    def handle(
        self,
        *args,
        jeunes,
        graine,
        missions_locales=0,
        depuis=None,
        date_reference=None,
        demo=False,
        confirmer_donnees_reelles=False,
        **options,
    ):
        if jeunes < 0:
            raise CommandError("Le nombre de jeunes ne peut pas être négatif.")
        if not confirmer_donnees_reelles and holds_real_data():
            raise safety.refuse_real_data(
                "generer_donnees",
                "la base contient des dossiers de jeunes réels ; des jeunes fictifs s'y mêleraient aux vrais, "
                "dans les mêmes missions locales.",
            )
        today = timezone.localdate()
        if date_reference and date_reference > today:
            raise CommandError("La date de référence ne peut pas être dans le futur.")
        reference = date_reference or today
        if depuis and depuis > reference:
            raise CommandError("La date --depuis doit précéder la date de référence.")
        runner.generate(
            jeunes,
            graine,
            missions_locales=missions_locales,
            since=depuis,
            today=reference,
            demo=demo,
            stdout=self.stdout,
            show_progress=options.get("verbosity", 1) > 0,
        )
