from parcours.accounts.access import can_see_aggregates


def can_open_dashboard(user):
    """Le tableau de bord est ouvert à qui voit au moins un agrégat (son périmètre)."""
    return can_see_aggregates(user, "national") or can_see_aggregates(user, "region")
