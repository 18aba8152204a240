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


def test_every_module_of_parcours_has_its_layer():
    """Un module ou une app absent du contrat échapperait à la règle : chacun est nommé dans une couche."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = config["tool"]["importlinter"]["contracts"]
    named = {name.strip() for layer in contract["layers"] for name in layer.replace("|", ":").split(":")}
    package = ROOT / "parcours"
    modules = {
        f"parcours.{path.stem}"
        for path in package.iterdir()
        if (path.suffix == ".py" and path.stem != "__init__") or (path / "__init__.py").exists()
    }
    assert modules - named == set()
    assert named - modules == set()
