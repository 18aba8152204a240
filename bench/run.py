"""Point d'entrée de ``make bench`` : recherche de jeunes et page dossier à 100 000 jeunes sur PostgreSQL.

Les options sont transmises à ``bench/search_and_file.py`` (``--jeunes``, ``--graine``, ``--repetitions``,
``--base``). Voir ce module pour la méthode.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from search_and_file import main  # noqa: E402

if __name__ == "__main__":
    main(sys.argv[1:])
