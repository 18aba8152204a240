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


def missing_demo_accounts():
    """Identifiants des comptes de démonstration absents de la base."""
    usernames = [account[0] for account in DEMO_ACCOUNTS]
    present = set(User.objects.filter(username__in=usernames).values_list("username", flat=True))
    return [username for username in usernames if username not in present]


def ensure_demo_accounts():
    """Crée les comptes de démonstration absents (mot de passe ``DEMO_PASSWORD``) ; renvoie les dix comptes.

    Un compte qui existe déjà n'est jamais modifié : ni son mot de passe, ni son rôle, ni son rattachement.
    """
    users = []
    for username, first_name, last_name, role, attachment in DEMO_ACCOUNTS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, first_name=first_name, last_name=last_name, role=role)
            if role == Role.REGIONAL_ANIMATOR:
                user.region = Region.objects.get(code=attachment)
            elif attachment:
                user.mission_locale = MissionLocale.objects.get(code=attachment)
            if role == Role.ADMINISTRATOR:
                user.is_staff = user.is_superuser = True
            user.set_password(DEMO_PASSWORD)
            user.save()
        users.append(user)
    return users
