from django.db import models


class PartnerKind(models.TextChoices):
    COMPANY = "entreprise", "Entreprise"
    FEDERATION = "federation", "Fédération, branche, association d'entreprises"
    TRAINING_FUND = "opca", "Fonds de formation (OPCA, OPCO)"
    PUBLIC_BODY = "public", "Organisme public"
    ASSOCIATION = "association", "Association, fondation"


class ExchangeKind(models.TextChoices):
    VISIT = "visite", "Visite d'entreprise"
    PHONE = "telephone", "Téléphone"
    EMAIL = "courriel", "Courriel"
    MEETING = "reunion", "Réunion"
    EVENT = "evenement", "Rencontre lors d'un évènement"


class DatePrecision(models.TextChoices):
    DAY = "jour", "Jour"
    MONTH = "mois", "Mois"
    YEAR = "annee", "Année"
    UNKNOWN = "inconnue", "Non précisée par les sources"


class AgreementStatus(models.TextChoices):
    PLANNED = "prevu", "En préparation"
    SIGNED = "signe", "Signé"
    ENDED = "termine", "Terminé"


class PartyRole(models.TextChoices):
    SIGNATORY = "signataire", "Signataire"
    ASSOCIATED = "associe", "Partenaire associé"


class MeetingKind(models.TextChoices):
    FOLLOW_UP = "suivi", "Réunion de suivi"
    STEERING = "comite_pilotage", "Comité de pilotage"
    PLENARY = "pleniere", "Plénière du groupe « Entreprises et emploi »"
    SEMINAR = "seminaire", "Séminaire, rencontre"


class ContractType(models.TextChoices):
    """Types de contrat d'une offre et d'un recrutement (domain.md §7)."""

    CDI = "cdi", "CDI"
    CDD = "cdd", "CDD"
    TEMPING = "interim", "Intérim"
    APPRENTICESHIP = "apprentissage", "Apprentissage"
    PROFESSIONALISATION = "professionnalisation", "Contrat de professionnalisation"
    SUBSIDISED = "contrat_aide", "Contrat aidé (CUI, PEC)"


class OfferStatus(models.TextChoices):
    OPEN = "ouverte", "Ouverte"
    FILLED = "pourvue", "Pourvue"
    CLOSED = "close", "Close sans recrutement"


class ReferralStatus(models.TextChoices):
    """Étapes d'une mise en relation, de la proposition du conseiller au résultat."""

    PROPOSED = "propose", "Proposé par le conseiller"
    SENT = "transmis", "Candidature transmise à l'employeur"
    INTERVIEW = "entretien", "Entretien d'embauche"
    HIRED = "retenu", "Retenu (recruté)"
    REJECTED = "non_retenu", "Non retenu"
    WITHDRAWN = "desistement", "Désistement du jeune"


#: Mises en relation dont le résultat est connu.
CLOSED_REFERRAL_STATUSES = (ReferralStatus.HIRED, ReferralStatus.REJECTED, ReferralStatus.WITHDRAWN)


class ImmersionGoal(models.TextChoices):
    DISCOVER = "decouvrir", "Découvrir un métier ou un secteur"
    CONFIRM = "confirmer", "Confirmer un projet professionnel"
    RECRUIT = "recruter", "Initier une démarche de recrutement"


class ImmersionOutcome(models.TextChoices):
    PENDING = "", "Pas encore connu"
    HIRED = "embauche", "Embauche ou promesse d'embauche"
    CONFIRMED = "projet_confirme", "Projet confirmé"
    INVALIDATED = "projet_infirme", "Projet infirmé, réorientation"
    ABANDONED = "abandon", "Immersion interrompue"


class Barrier(models.TextChoices):
    """Freins à lever nommés par le contrat de parrainage (004)."""

    ILLITERACY = "illettrisme", "Illettrisme, savoirs de base"
    HOUSING = "logement", "Logement"
    CHILDCARE = "mode_garde", "Mode de garde"
    JOB_ACCESS = "acces_emploi", "Accès et maintien dans l'emploi"
    GUIDANCE = "orientation", "Orientation professionnelle"
    BUSINESS_CREATION = "creation_activite", "Création d'activité"
    MOBILITY = "mobilite", "Mobilité"
    NETWORK = "reseau", "Réseau professionnel, codes de l'entreprise"
    DISCRIMINATION = "discrimination", "Discriminations"


class SponsorshipOutcome(models.TextChoices):
    PENDING = "", "En cours"
    EMPLOYMENT = "emploi", "Emploi"
    ALTERNANCE = "alternance", "Contrat en alternance"
    TRAINING = "formation", "Formation"
    NO_SOLUTION = "sans_solution", "Sans solution immédiate"
    DROPPED = "abandon", "Abandon"


class EventKind(models.TextChoices):
    JOB_FAIR = "forum", "Forum emploi"
    RECRUITMENT_DAY = "journee_recrutement", "Journée de recrutement, job dating"
    INFORMATION = "information", "Information collective sur un secteur ou une entreprise"
    COMPANY_VISIT = "visite", "Visite d'entreprise"


class RequestStatus(models.TextChoices):
    """Une demande de rappel reçue par la page publique des offres."""

    NEW = "nouvelle", "À traiter"
    HANDLED = "traitee", "Traitée"
