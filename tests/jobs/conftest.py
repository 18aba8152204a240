import pytest


@pytest.fixture(autouse=True)
def _isolated_dirs(settings, tmp_path):
    settings.WAREHOUSE_DIR = tmp_path / "entrepot"
    settings.VAR_DIR = tmp_path


@pytest.fixture
def upload():
    from django.core.files.uploadedfile import SimpleUploadedFile

    def make(*lines, name="orientations.csv"):
        from tests.cotraitance.test_import import csv_bytes

        return SimpleUploadedFile(name, csv_bytes(*lines))

    return make
