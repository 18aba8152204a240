"""Le graphe des dépendances entre apps va dans un seul sens (issue 14) : le contrat « layers »
d'import-linter (pyproject.toml, [tool.importlinter]) échoue dès qu'une app basse importe une app haute,
au niveau du module comme dans une fonction."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_apps_import_only_lower_layers():
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout
