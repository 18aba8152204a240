import re
import unicodedata

_SPACES = re.compile(r"[\s\-'’]+")


def normalize(text):
    """Forme de recherche d'un nom : sans accents, en minuscules, tirets et apostrophes comme espaces."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return _SPACES.sub(" ", text).strip()
