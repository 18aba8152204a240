"""Pages du web commun ouvertes sans connexion (voir tests/www/test_permission_matrix.py)."""

PUBLIC_URL_NAMES = ["accessibility", "legal_notice", "privacy"]
