from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q

from parcours import modelkit
from parcours.accounts.enums import ML_ROLES, Role


class User(AbstractUser):
    role = models.CharField("rôle", max_length=30, choices=Role.choices, default=Role.COUNSELLOR)
    mission_locale = modelkit.optional_fk("referential.MissionLocale", "mission locale", related_name="staff")
    region = modelkit.optional_fk("referential.Region", "région", related_name="animators")

    class Meta:
        verbose_name = "utilisateur"
        constraints = [
            models.CheckConstraint(
                name="user_ml_roles_have_ml",
                condition=~Q(role__in=list(ML_ROLES)) | Q(mission_locale__isnull=False),
                violation_error_message="Un rôle de mission locale exige une mission locale.",
            ),
            models.CheckConstraint(
                name="user_regional_role_has_region",
                condition=~Q(role=Role.REGIONAL_ANIMATOR) | Q(region__isnull=False),
                violation_error_message="Un animateur régional est rattaché à une région.",
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def is_ml_staff(self):
        return self.role in ML_ROLES and self.mission_locale_id is not None

    @property
    def is_counsellor(self):
        return self.role == Role.COUNSELLOR

    @property
    def is_director(self):
        return self.role == Role.DIRECTOR
