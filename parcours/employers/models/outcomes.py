"""Les champs communs à ce que la relation entreprise obtient pour un jeune (recrutement, immersion) et au
rattachement d'une action à un accord national (offres, parrainage, évènements)."""

from django.db import models

from parcours import modelkit
from parcours.accounts.querysets import YoungPersonScopedQuerySet


def agreement_field(related_name, **options):
    """L'accord national dont relève l'action (facultatif) : elle compte dans son bilan."""
    return models.ForeignKey(
        "employers.Agreement",
        verbose_name="accord national",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name=related_name,
        **options,
    )


def partner_field(verbose_name, related_name, **options):
    return models.ForeignKey(
        "employers.Partner",
        verbose_name=verbose_name,
        on_delete=models.PROTECT,
        related_name=related_name,
        **options,
    )


def employer_outcome(related_name, partner_label="employeur", counsellor_label="saisi par"):
    """Modèle abstrait de ce qu'un jeune obtient chez un employeur (recrutement, immersion) : le jeune,
    l'entreprise, l'accord national dont cela relève, la situation ouverte dans son parcours et le conseiller.

    ``related_name`` nomme l'accès inverse depuis le jeune, l'entreprise et l'accord (``recruitments``,
    ``immersions``) : écrit en toutes lettres et non ``%(class)s``, que les migrations garderaient tel quel.
    """

    class EmployerOutcome(models.Model):
        young_person = modelkit.young_person_field(related_name)
        partner = partner_field(partner_label, related_name)
        agreement = agreement_field(related_name)
        situation = models.OneToOneField(
            "accompaniment.Situation",
            verbose_name="situation",
            null=True,
            on_delete=models.SET_NULL,
            related_name="+",
        )
        counsellor = modelkit.user_field(counsellor_label)

        objects = YoungPersonScopedQuerySet.as_manager()

        class Meta:
            abstract = True

    return EmployerOutcome
