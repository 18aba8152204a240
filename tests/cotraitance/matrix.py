"""Les URL de la co-traitance sont déclarées avec celles des dispositifs : voir tests/programmes/matrix.py."""

from tests.programmes.matrix import PUBLIC_URL_NAMES, permission_matrix_objects

__all__ = ["PUBLIC_URL_NAMES", "permission_matrix_objects"]
