"""Le graphe des dépendances entre apps va dans un seul sens (issue 14) : le contrat « layers »
d'import-linter (pyproject.toml, [tool.importlinter]) échoue dès qu'une app basse importe une app haute,
au niveau du module comme dans une fonction."""

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_apps_import_only_lower_layers():
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_layers_contract_has_no_exception():
    """Aucun import vers le haut n'est toléré : le contrat ne porte pas de liste ``ignore_imports``."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    for contract in config["tool"]["importlinter"]["contracts"]:
        assert not contract.get("ignore_imports"), contract["name"]
