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
            modelkit.implies(
                "user_ml_roles_have_ml",
                Q(role__in=list(ML_ROLES)),
                Q(mission_locale__isnull=False),
                "Un rôle de mission locale exige une mission locale.",
            ),
            modelkit.implies(
                "user_regional_role_has_region",
                Q(role=Role.REGIONAL_ANIMATOR),
                Q(region__isnull=False),
                "Un animateur régional est rattaché à une région.",
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def attachment(self):
        """Où le compte travaille : sa mission locale, sa région, ou la France entière (rôles nationaux)."""
        return str(self.mission_locale or self.region or "France entière")

    @property
    def is_ml_staff(self):
        return self.role in ML_ROLES and self.mission_locale_id is not None

    @property
    def is_counsellor(self):
        return self.role == Role.COUNSELLOR


class CalendarTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class CalendarToken(models.Model):
    """Jeton du calendrier privé (.ics) d'un conseiller (agenda, issue 10).

    Comme pour un mot de passe, seule l'empreinte SHA-256 du jeton est gardée : le lien n'est montré qu'une
    fois, à sa création. Un jeton révoqué reste enregistré (quand il a été créé, lu pour la dernière fois,
    révoqué) ; un seul jeton actif par compte.
    """

    user = models.ForeignKey(
        "accounts.User", verbose_name="compte", on_delete=models.CASCADE, related_name="calendar_tokens"
    )
    digest = models.CharField("empreinte SHA-256", max_length=64, unique=True, editable=False)
    created_at = modelkit.created_at_field()
    last_used_at = models.DateTimeField("dernière lecture", null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField("révoqué le", null=True, blank=True, editable=False)

    objects = CalendarTokenQuerySet.as_manager()

    class Meta:
        verbose_name = "jeton de calendrier"
        verbose_name_plural = "jetons de calendrier"
        constraints = [
            modelkit.unique(
                "calendar_token_one_active_per_user",
                ["user"],
                condition=Q(revoked_at__isnull=True),
                message="Un compte n'a qu'un lien de calendrier actif.",
            ),
            models.CheckConstraint(
                name="calendar_token_digest_is_sha256",
                condition=Q(digest__regex=r"^[0-9a-f]{64}$"),
                violation_error_message="Seule l'empreinte SHA-256 du jeton est enregistrée.",
            ),
        ]

    def __str__(self):
        return f"Calendrier de {self.user} ({'révoqué' if self.revoked_at else 'actif'})"
