from django.db import models


class SiteKind(models.TextChoices):
    HEAD_OFFICE = "siege", "Siège"
    BRANCH = "antenne", "Antenne"
    PERMANENCE = "permanence", "Permanence"
    RELAY_POINT = "point_relais", "Point relais"
