"""Identifiants et nombres lus dans l'adresse (``?jeune=``) ou dans un champ caché."""

#: Au-delà, l'entier dépasse un bigint : SQLite lève OverflowError là où PostgreSQL ne trouve rien.
MAX_DIGITS = 18


def whole_number(text):
    """L'entier écrit en chiffres ASCII dans ``text`` (au plus ``MAX_DIGITS``), ``None`` sinon.

    ``str.isdigit`` ne suffit pas : il admet « ² », que ``int`` refuse (erreur 500), et « ５ », qu'``int`` lit 5.
    """
    text = str(text or "")
    if text.isascii() and text.isdigit() and len(text) <= MAX_DIGITS:
        return int(text)
    return None
