import time

from django.core.management.base import CommandError
from django.db import DatabaseError

from parcours.commands import Command as BaseCommand
from parcours.commands import add_report_argument
from parcours.programmes.imports.service import ImportAborted, import_folder

SHOWN_ERRORS = 200


class Command(BaseCommand):
    help = (
        "Importe les dossiers d'une mission locale depuis son ancien système : jeunes.csv, contacts.csv, "
        "propositions.csv, situations.csv et inscriptions.csv (dispositifs) du DOSSIER (format : "
        "docs/import-dossiers.md). Tout est vérifié "
        "avant d'écrire : à la moindre erreur, rien n'est enregistré. Réimporter les mêmes fichiers met à jour "
        "les dossiers sans créer de doublon."
    )

    def add_arguments(self, parser):
        parser.add_argument("dossier", help="Dossier contenant les fichiers CSV.")
        parser.add_argument(
            "--mission-locale",
            dest="mission_locale",
            metavar="CODE",
            help="Code structure de la mission locale des lignes dont la colonne code_ml est vide ou absente.",
        )
        parser.add_argument(
            "--verifier",
            action="store_true",
            help="Vérifier seulement : le rapport d'erreurs est produit, rien n'est enregistré.",
        )
        add_report_argument(parser, "fichier;ligne;colonne;message")
        parser.add_argument(
            "--taille-lot",
            type=int,
            default=2000,
            metavar="N",
            help="Nombre de lignes lues et écrites par lot (défaut : 2000).",
        )

    def handle(self, *args, dossier, mission_locale, verifier, rapport, taille_lot, **options):
        progress = self.progress_bar(options.get("verbosity", 1))
        started = time.monotonic()
        try:
            report = import_folder(
                dossier,
                default_ml_code=mission_locale,
                dry_run=verifier,
                progress=progress,
                batch_size=taille_lot,
            )
        except ImportAborted as exc:
            raise CommandError(str(exc)) from exc
        except (
            DatabaseError
        ) as exc:  # base injoignable… : ni trace, ni texte de l'erreur (il peut citer une ligne)
            raise CommandError(
                f"Import impossible, rien n'a été enregistré : erreur {type(exc).__name__} de la base de données."
            ) from exc
        elapsed = time.monotonic() - started
        for warning in report.warnings:
            self.stdout.write(self.style.WARNING(f"Attention : {warning}"))
        if rapport:
            report.write_csv(rapport)
        if not report.ok:
            errors = report.sorted_errors()
            for error in errors[:SHOWN_ERRORS]:
                self.stdout.write(str(error))
            if len(errors) > SHOWN_ERRORS:
                rest = len(errors) - SHOWN_ERRORS
                hint = f" (voir {rapport})" if rapport else " (option --rapport pour la liste complète)"
                self.stdout.write(f"… et {rest} autres erreurs{hint}.")
            raise CommandError(
                f"Import refusé : {len(errors)} erreur{'s' if len(errors) > 1 else ''}. "
                "Rien n'a été enregistré ; corrigez les fichiers et relancez."
            )
        for name, counts in report.counts.items():
            if verifier:
                self.stdout.write(f"{name} : {counts.read} lignes valides")
            else:
                self.stdout.write(
                    f"{name} : {counts.read} lignes, {counts.created} créées, {counts.updated} mises à jour, "
                    f"{counts.unchanged} inchangées"
                )
        if verifier:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Vérification terminée en {elapsed:.1f} s : aucune erreur. Rien n'a été enregistré."
                )
            )
        else:
            self.stdout.write(self.style.SUCCESS(f"Import terminé en {elapsed:.1f} s."))
