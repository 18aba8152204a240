from django.db import models


class ContactFrequency(models.TextChoices):
    """Fréquence d'entretien exigée pendant une phase (domain.md §5)."""

    WEEKLY = "hebdomadaire", "Un entretien par semaine"
    TWICE_MONTHLY = "bimensuelle", "Au moins deux entretiens par mois"
    MONTHLY = "mensuelle", "Au moins un entretien par mois"
    NONE = "aucune", "Pas de fréquence imposée"


class ExitOutcome(models.TextChoices):
    """Motifs de sortie d'un dispositif (i-milo)."""

    DURABLE_EMPLOYMENT = (
        "emploi_durable",
        "Emploi durable (CDI, ou CDD, intérim, contrat aidé de 6 mois et plus)",
    )
    EMPLOYMENT = "emploi", "Emploi"
    BUSINESS_CREATION = "creation_entreprise", "Création ou reprise d'entreprise"
    ALTERNANCE = "alternance", "Contrat en alternance"
    TRAINING = "formation", "Formation de 6 mois et plus"
    SHORT_TRAINING = "formation_courte", "Formation de moins de 6 mois"
    SCHOOL = "scolarite", "Retour en scolarité"
    ABANDONMENT = "abandon", "Abandon du jeune"
    MOVED = "demenagement", "Déménagement"
    END_OF_RIGHTS = "fin_droits", "Fin de droits (durée maximale atteinte)"
    AGE_LIMIT = "limite_age", "Limite d'âge atteinte"
    EXCLUSION = "exclusion", "Fin à l'initiative de la mission locale (non-respect des engagements)"
    OTHER = "autre", "Autre motif"


#: Sorties comptées « en emploi » (domain.md §8 : sortis en emploi).
EMPLOYMENT_OUTCOMES = (
    ExitOutcome.DURABLE_EMPLOYMENT,
    ExitOutcome.EMPLOYMENT,
    ExitOutcome.BUSINESS_CREATION,
)
#: Sorties positives (domain.md §4 : emploi, alternance, formation de 6 mois et plus, retour en scolarité).
POSITIVE_OUTCOMES = (*EMPLOYMENT_OUTCOMES, ExitOutcome.ALTERNANCE, ExitOutcome.TRAINING, ExitOutcome.SCHOOL)


class AlertReason(models.TextChoices):
    """Motifs d'action des listes « À faire » (calculés à la demande, jamais stockés)."""

    FIRST_INTERVIEW_LATE = "premier_entretien", "Premier entretien de co-traitance en retard"
    MONTHLY_INTERVIEW_MISSED = "entretien_mensuel", "Entretien mensuel de co-traitance manqué"
    PROGRAMME_INTERVIEW_MISSED = "entretien_dispositif", "Entretien exigé par le dispositif manqué"
    PHASE_REVIEW_DUE = "revue_phase", "Revue de fin de phase à faire"
    PROGRAMME_ENDING = "fin_dispositif", "Fin de dispositif proche ou dépassée"
    LEAVING_JDI = "sortie_jdi", "Sans contact depuis 90 jours : va sortir du compte JDI"
    NO_REFERENT = "sans_referent", "Orientation France Travail sans conseiller référent"
    MISSED_APPOINTMENT = "rdv_manque", "Rendez-vous manqué, sans nouveau rendez-vous"
