from parcours.www.warehouse import charts


def test_masked_mls_are_left_out_of_the_ranking():
    """101 ML dont 37 masquées : la plus forte valeur publiée est 64e sur 64, pas « rang 64 sur 101 »."""
    values = {f"M{i:03}": 5 + i for i in range(64)} | {f"S{i:03}": None for i in range(37)}
    _, description = charts.position("g", "titre", values, "M063", "La plus forte")
    assert description.startswith("La plus forte : rang 64 sur 64 missions locales")
    assert "37 masquées" in description
    _, description = charts.position("g", "titre", values, "M000", "La plus faible")
    assert description.startswith("La plus faible : rang 1 sur 64 missions locales")


def test_a_masked_ml_gets_no_rank():
    values = {"A": 10, "B": None, "C": 20}
    svg, description = charts.position("g", "titre", values, "B", "La masquée")
    assert "rang" not in description
    assert svg.count("<rect") == 2
