"""Référentiels lus une fois par import : missions locales, comptes, jeunes déjà importés."""

from parcours.accounts.models import User
from parcours.programmes.imports.cells import CellError
from parcours.referential.models import MissionLocale
from parcours.young_people.models import YoungPerson


class UnknownMissionLocale(Exception):
    pass


class Lookups:
    def __init__(self, default_ml_code=None):
        rows = MissionLocale.objects.values_list("pk", "code", "merged_into_id")
        self._ml_by_code = {code.lower(): pk for pk, code, _ in rows}
        self.ml_codes = {pk: code for pk, code, _ in rows}
        self._merged_into = {pk: target for pk, _, target in rows}
        self._chains = {}
        self.default_ml_id = None
        if default_ml_code:
            self.default_ml_id = self.ml_id(default_ml_code)
            if self.default_ml_id is None:
                raise UnknownMissionLocale(
                    f"Mission locale inconnue : aucun code structure « {default_ml_code} »."
                )
        self._users = None
        self._programmes = None
        self._young_people = {}  # (ml_id, id_source) -> pk, ou None si le jeune n'est que dans le fichier
        self._loaded_mls = set()
        self.created_young_people = set()  # pk des jeunes créés par cet import

    def ml_id(self, code):
        return self._ml_by_code.get(code.strip().lower())

    def ml_chain(self, ml_id):
        """La mission locale et celles qui l'ont absorbée : leur personnel voit ses dossiers."""
        if ml_id not in self._chains:
            chain, current = [], ml_id
            while current is not None and current not in chain:
                chain.append(current)
                current = self._merged_into.get(current)
            self._chains[ml_id] = frozenset(chain)
        return self._chains[ml_id]

    def user_id(self, username, ml_id, must_be_active=False):
        if self._users is None:
            self._users = {
                name: (pk, user_ml, active)
                for pk, name, user_ml, active in User.objects.values_list(
                    "pk", "username", "mission_locale_id", "is_active"
                )
            }
        try:
            pk, user_ml, active = self._users[username]
        except KeyError:
            raise CellError(f"Aucun compte n'a l'identifiant « {username} ».") from None
        if ml_id is not None and user_ml not in self.ml_chain(ml_id):
            raise CellError(
                f"Le compte « {username} » n'appartient pas à la mission locale {self.ml_codes[ml_id]}."
            )
        if must_be_active and not active:
            raise CellError(f"Le compte « {username} » est désactivé : il ne peut pas être référent.")
        return pk

    @property
    def programmes(self):
        """Dispositifs par pk, avec leurs phases (lus une fois)."""
        if self._programmes is None:
            from parcours.programmes.models import Programme

            self._programmes = {p.pk: p for p in Programme.objects.prefetch_related("phases")}
            self._programme_by_code = {p.code.lower(): p.pk for p in self._programmes.values()}
        return self._programmes

    def programme_id(self, code):
        programmes = self.programmes
        try:
            return self._programme_by_code[code.lower()]
        except KeyError:
            codes = ", ".join(sorted(p.code for p in programmes.values()))
            raise CellError(f"Dispositif « {code} » inconnu. Codes admis : {codes}.") from None

    # Jeunes connus : ceux de la base (par mission locale) et ceux de jeunes.csv.
    def load_young_people(self, ml_ids):
        missing = {ml_id for ml_id in ml_ids if ml_id is not None} - self._loaded_mls
        if missing:
            self._loaded_mls |= missing
            for ml_id, source_id, pk in (
                YoungPerson.objects.filter(mission_locale_id__in=missing)
                .exclude(source_id="")
                .values_list("mission_locale_id", "source_id", "pk")
                .iterator(chunk_size=10000)
            ):
                self._young_people[(ml_id, source_id)] = pk

    def declare_young_person(self, ml_id, source_id):
        self._young_people.setdefault((ml_id, source_id), None)

    def knows_young_person(self, ml_id, source_id):
        return (ml_id, source_id) in self._young_people

    def young_person_pk(self, ml_id, source_id):
        return self._young_people.get((ml_id, source_id))

    def set_young_person_pk(self, ml_id, source_id, pk, created=False):
        self._young_people[(ml_id, source_id)] = pk
        if created:
            self.created_young_people.add(pk)
