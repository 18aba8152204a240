import time

from django.db import models
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from parcours import modelkit
from parcours.referential.enums import SiteKind


class Region(models.Model):
    code = models.CharField("code INSEE", max_length=2, unique=True)
    name = models.CharField("nom", max_length=100)

    class Meta:
        verbose_name = "région"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Department(models.Model):
    code = models.CharField("code INSEE", max_length=3, unique=True)
    name = models.CharField("nom", max_length=100)
    region = models.ForeignKey(
        Region, verbose_name="région", on_delete=models.PROTECT, related_name="departments"
    )

    class Meta:
        verbose_name = "département"
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} – {self.name}"


class MissionLocaleQuerySet(models.QuerySet):
    def active(self):
        return self.filter(merged_into__isnull=True)

    def absorbed_into(self, mission_locale):
        """La mission locale et toutes celles qu'elle a absorbées, directement ou non."""
        return self.filter(pk__in=self._absorbed_ids(mission_locale.pk))

    def absorbed_ids(self, mission_locale_id):
        """Identifiants de ``absorbed_into``, lus à chaque page par les règles d'accès : gardés en mémoire de chaque
        processus ``ABSORBED_CACHE_SECONDS`` secondes (une fusion est rare ; une modification dans ce processus
        les efface, et les autres processus les relisent au plus tard après ce délai)."""
        cached = _absorbed.get(mission_locale_id)
        if cached is None or cached[0] < time.monotonic():
            ids = sorted(self._absorbed_ids(mission_locale_id))
            cached = _absorbed[mission_locale_id] = (time.monotonic() + ABSORBED_CACHE_SECONDS, ids)
        return list(cached[1])

    def _absorbed_ids(self, mission_locale_id):
        ids, frontier = {mission_locale_id}, {mission_locale_id}
        while frontier:
            frontier = set(self.filter(merged_into__in=frontier).values_list("pk", flat=True)) - ids
            ids |= frontier
        return ids


ABSORBED_CACHE_SECONDS = 60
_absorbed = {}


class MissionLocale(models.Model):
    code = models.CharField("code structure", max_length=10, unique=True)
    name = models.CharField("nom", max_length=200)
    department = models.ForeignKey(
        Department, verbose_name="département", on_delete=models.PROTECT, related_name="missions_locales"
    )
    merged_into = modelkit.optional_fk(
        "self",
        "fusionnée dans",
        related_name="absorbed",
        help_text="Une mission locale absorbée garde son code ; ses dossiers restent lisibles par l'absorbante.",
    )
    merged_on = models.DateField("date de fusion", null=True, blank=True)

    objects = MissionLocaleQuerySet.as_manager()

    class Meta:
        verbose_name, verbose_name_plural = "mission locale", "missions locales"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                name="ml_merge_date_with_target",
                condition=Q(merged_into__isnull=True, merged_on__isnull=True)
                | Q(merged_into__isnull=False, merged_on__isnull=False),
                violation_error_message="Une fusion a une mission locale absorbante et une date.",
            ),
            models.CheckConstraint(
                name="ml_not_merged_into_itself", condition=~Q(merged_into=models.F("pk"))
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def region(self):
        return self.department.region


class Site(models.Model):
    mission_locale = models.ForeignKey(
        MissionLocale, verbose_name="mission locale", on_delete=models.CASCADE, related_name="sites"
    )
    name = models.CharField("nom", max_length=200)
    kind = models.CharField("type", max_length=20, choices=SiteKind.choices)
    commune = models.CharField("commune", max_length=100)
    postcode = models.CharField("code postal", max_length=5, blank=True)
    # Ce que le public voit (page des offres, rappels de rendez-vous) : où venir, qui appeler, quand.
    address = models.CharField("adresse", max_length=200, blank=True)
    phone = models.CharField("téléphone", max_length=20, blank=True)
    opening_hours = models.CharField(
        "horaires d'ouverture",
        max_length=300,
        blank=True,
        help_text="Par exemple : lundi au vendredi, 9 h – 12 h 30 et 13 h 30 – 17 h.",
    )

    class Meta:
        verbose_name, verbose_name_plural = "site d'accueil", "sites d'accueil"
        ordering = ["mission_locale", "kind", "name"]

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()})"


@receiver([post_save, post_delete], sender=MissionLocale)
def _forget_absorbed(**kwargs):
    _absorbed.clear()
