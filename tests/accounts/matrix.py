"""Pages des comptes pour la matrice des permissions (tests/www/test_permission_matrix.py)."""

#: Réinitialisation du mot de passe par courriel : ouverte sans connexion, par nature.
PUBLIC_URL_NAMES = [
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
]


def permission_matrix_objects(young_person):
    return {"uidb64": "MQ", "token": "jeton-invalide"}
