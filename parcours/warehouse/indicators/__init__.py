"""Le catalogue des indicateurs (un seul endroit) et leur calcul."""
