"""Comptes de démonstration : un par rôle, dans deux missions locales des Hauts-de-France."""

from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.referential.models import MissionLocale, Region

DEMO_PASSWORD = "parcours-demo"
DEMO_ML_CODE = "59001"  # Mission locale de Lille
OTHER_ML_CODE = "62001"  # Mission locale d'Arras
DEMO_REGION_CODE = "32"  # Hauts-de-France

#: (identifiant, prénom, nom, rôle, rattachement)
DEMO_ACCOUNTS = [
    ("accueil", "Amina", "Benali", Role.RECEPTION, DEMO_ML_CODE),
    ("conseiller", "Camille", "Martin", Role.COUNSELLOR, DEMO_ML_CODE),
    ("conseiller2", "Julien", "Petit", Role.COUNSELLOR, DEMO_ML_CODE),
    ("entreprise", "Sophie", "Leroy", Role.EMPLOYER_REFERENT, DEMO_ML_CODE),
    ("directeur", "Marc", "Dubois", Role.DIRECTOR, DEMO_ML_CODE),
    ("conseiller.arras", "Léa", "Moreau", Role.COUNSELLOR, OTHER_ML_CODE),
    ("directeur.arras", "Paul", "Lefebvre", Role.DIRECTOR, OTHER_ML_CODE),
    ("animateur", "Nadia", "Roux", Role.REGIONAL_ANIMATOR, DEMO_REGION_CODE),
    ("national", "Henri", "Fournier", Role.NATIONAL, None),
    ("admin", "Alice", "Garnier", Role.ADMINISTRATOR, None),
]


def ensure_demo_accounts():
    users = []
    for username, first_name, last_name, role, attachment in DEMO_ACCOUNTS:
        defaults = {"first_name": first_name, "last_name": last_name, "role": role}
        if role == Role.REGIONAL_ANIMATOR:
            defaults["region"] = Region.objects.get(code=attachment)
        elif attachment:
            defaults["mission_locale"] = MissionLocale.objects.get(code=attachment)
        if role == Role.ADMINISTRATOR:
            defaults.update(is_staff=True, is_superuser=True)
        user, _ = User.objects.update_or_create(username=username, defaults=defaults)
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        users.append(user)
    return users
