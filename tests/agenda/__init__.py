import datetime

NOW = datetime.datetime(2026, 3, 10, 8, 30, tzinfo=datetime.UTC)  # mardi 10 mars, 9 h 30 à Paris
TODAY = datetime.date(2026, 3, 10)
