import pytest


@pytest.fixture(autouse=True)
def warehouse_dir(settings, tmp_path):
    settings.WAREHOUSE_DIR = tmp_path / "entrepot"
    return settings.WAREHOUSE_DIR
