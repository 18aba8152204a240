from django.db import models


class ContactKind(models.TextChoices):
    INDIVIDUAL = "entretien_individuel", "Entretien individuel"
    GROUP = "information_collective", "Information collective"
    WORKSHOP = "atelier", "Atelier"


class ContactMode(models.TextChoices):
    ON_SITE = "sur_site", "Sur site"
    PHONE = "telephone", "Téléphone"
    VIDEO = "visio", "Visioconférence"
    OUTREACH = "hors_les_murs", "Hors les murs"


class AttendanceStatus(models.TextChoices):
    """Statuts de rendez-vous d'i-milo ; seul « présent » compte comme contact tenu."""

    PLANNED = "planifie", "Planifié"
    PRESENT = "present", "Présent"
    ABSENT = "absent", "Absent"
    EXCUSED = "excuse", "Excusé"
    CANCELLED = "annule", "Annulé"
    POSTPONED = "reporte", "Reporté"


class Theme(models.TextChoices):
    """Thèmes de l'offre de services (002)."""

    EMPLOYMENT = "emploi", "Emploi"
    TRAINING = "formation", "Formation, orientation, qualification"
    HEALTH = "sante", "Santé"
    HOUSING = "logement", "Logement, hébergement"
    MOBILITY = "mobilite", "Mobilité"
    CITIZENSHIP = "citoyennete", "Citoyenneté"
    LEISURE = "loisirs", "Sport, culture, loisirs"
    RIGHTS = "droits", "Accès aux droits"
    DIGITAL = "numerique", "Numérique"
    PROJECT = "projet_professionnel", "Projet professionnel"


#: Thèmes qui révèlent une donnée sensible (santé) : un contact ou une proposition qui en porte un suit la
#: règle des données sensibles (``parcours.accounts.access.can_see_record_content``). La justice n'a pas de
#: thème : le conseiller coche « confidentiel » sur l'enregistrement.
SENSITIVE_THEMES = frozenset({Theme.HEALTH})


class ProposalKind(models.TextChoices):
    JOB_OFFER = "offre_emploi", "Offre d'emploi"
    TRAINING = "formation", "Formation"
    PARTNER_SERVICE = "service_partenaire", "Service d'un partenaire"
    IMMERSION = "immersion", "Immersion en entreprise"
    SPONSORSHIP = "parrainage", "Parrainage"
    FINANCIAL_AID = "aide_financiere", "Aide financière"
    WORKSHOP = "atelier", "Atelier"
    OTHER = "autre", "Autre"


class ProposalStatus(models.TextChoices):
    PRESCRIBED = "prescrit", "Prescrit"
    DONE = "realise", "Réalisé"
    REFUSED_BY_YOUNG = "refus_jeune", "Refusé par le jeune"
    REFUSED_BY_THIRD_PARTY = "refus_tiers", "Refusé par un tiers"


class SituationCategory(models.TextChoices):
    EMPLOYMENT = "emploi", "Emploi"
    ALTERNANCE = "alternance", "Contrat en alternance"
    TRAINING = "formation", "Formation"
    IMMERSION = "immersion", "Immersion en entreprise"
    SCHOOL = "scolarite", "Scolarité"
    VOLUNTEERING = "volontariat", "Volontariat"
    JOB_SEEKER = "demandeur_emploi", "Demandeur d'emploi"
    INACTIVE = "inactif", "Inactif"


class SituationKind(models.TextChoices):
    CDI = "cdi", "CDI"
    CDD = "cdd", "CDD"
    TEMPING = "interim", "Intérim"
    SUBSIDISED = "contrat_aide", "Contrat aidé (CUI, PEC)"
    BUSINESS_CREATION = "creation_entreprise", "Création d'entreprise"
    APPRENTICESHIP = "apprentissage", "Apprentissage"
    PROFESSIONALISATION = "professionnalisation", "Professionnalisation"
    QUALIFYING = "qualifiante", "Formation qualifiante"
    PRE_QUALIFYING = "pre_qualifiante", "Formation pré-qualifiante"
    REFRESHER = "remise_a_niveau", "Remise à niveau"
    PMSMP = "pmsmp", "PMSMP"
    CIVIC_SERVICE = "service_civique", "Service civique"


#: Types admis pour chaque catégorie (une catégorie absente n'a pas de type).
KINDS_BY_CATEGORY = {
    SituationCategory.EMPLOYMENT: (
        SituationKind.CDI,
        SituationKind.CDD,
        SituationKind.TEMPING,
        SituationKind.SUBSIDISED,
        SituationKind.BUSINESS_CREATION,
    ),
    SituationCategory.ALTERNANCE: (SituationKind.APPRENTICESHIP, SituationKind.PROFESSIONALISATION),
    SituationCategory.TRAINING: (
        SituationKind.QUALIFYING,
        SituationKind.PRE_QUALIFYING,
        SituationKind.REFRESHER,
    ),
    SituationCategory.IMMERSION: (SituationKind.PMSMP,),
    SituationCategory.VOLUNTEERING: (SituationKind.CIVIC_SERVICE,),
}


class SituationState(models.TextChoices):
    PLANNED = "prevu", "Prévu"
    IN_PROGRESS = "en_cours", "En cours"
    FINISHED = "termine", "Terminé"
