import datetime

#: Mardi 10 mars 2026, 9 h 30 à Paris (l'heure figée des tests de l'agenda).
NOW = datetime.datetime(2026, 3, 10, 8, 30, tzinfo=datetime.UTC)
TODAY = datetime.date(2026, 3, 10)
THURSDAY = datetime.date(2026, 3, 12)
