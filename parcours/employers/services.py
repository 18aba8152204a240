"""Écritures en plusieurs étapes : offres, mises en relation, recrutements, immersions, parrainages.

Un recrutement et une immersion ouvrent une ``Situation`` du jeune (emploi, alternance ou immersion) :
ils comptent ainsi dans les indicateurs comme toute situation saisie au dossier.
"""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from parcours.accompaniment import services as situations
from parcours.accompaniment.enums import SituationCategory, SituationKind
from parcours.accompaniment.models import Situation
from parcours.accounts.access import can_put_forward
from parcours.employers import rules
from parcours.employers.enums import CLOSED_REFERRAL_STATUSES, OfferStatus, ReferralStatus
from parcours.employers.models import (
    Agreement,
    EmployerRelation,
    JobOffer,
    Recruitment,
    Referral,
    SponsorNote,
)
from parcours.errors import RuleError


class EmployerRuleError(RuleError):
    """Refus d'une règle des relations entreprises (offre, mise en relation, recrutement, parrainage)."""


def default_agreement(partner, on):
    """L'accord national en vigueur dont le partenaire est partie, s'il n'y en a qu'un."""
    agreements = list(Agreement.objects.active_on(on).filter(parties__partner=partner).distinct()[:2])
    return agreements[0] if len(agreements) == 1 else None


def ensure_relation(mission_locale, partner, user=None, on=None):
    relation, _ = EmployerRelation.objects.get_or_create(
        mission_locale=mission_locale,
        partner=partner,
        defaults={"followed_by": user, "since": on or timezone.localdate()},
    )
    return relation


@transaction.atomic
def save_offer(offer, user, today=None):
    """Enregistre une offre de la mission locale de l'utilisateur ; la publication date l'offre publique."""
    today = today or timezone.localdate()
    if error := rules.offer_duration_error(offer.contract_type, offer.duration_months):
        raise EmployerRuleError(error)
    if offer.mission_locale_id is None:
        offer.mission_locale = user.mission_locale
        offer.created_by = user
    if offer.published and not offer.published_on:
        offer.published_on = today
    if not offer.published:
        offer.published_on = None
    if offer.agreement_id is None and offer.pk is None:
        offer.agreement = default_agreement(offer.partner, offer.received_on or today)
    offer.save()
    ensure_relation(offer.mission_locale, offer.partner, user, offer.received_on)
    return offer


def put_forward(offer, young_person, counsellor, date=None, notes=""):
    """``counsellor`` positionne un jeune sur une offre ouverte de sa mission locale (un conseiller, un jeune
    dont il est le référent : ``access.can_put_forward``) ; lève ``EmployerRuleError`` sinon."""
    date = date or timezone.localdate()
    if offer.status != OfferStatus.OPEN:
        raise EmployerRuleError("Cette offre n'est plus ouverte : on ne peut plus y positionner de jeune.")
    if young_person.is_archived:
        raise EmployerRuleError("Le dossier de ce jeune est archivé : rouvrez-le avant de le positionner.")
    if young_person.mission_locale_id != offer.mission_locale_id:
        raise EmployerRuleError("Ce jeune n'est pas suivi par la mission locale qui porte l'offre.")
    if date < offer.received_on:
        raise EmployerRuleError("La mise en relation ne peut pas précéder la réception de l'offre.")
    if not can_put_forward(counsellor, young_person):
        raise EmployerRuleError("Un conseiller ne positionne que les jeunes dont il est le référent.")
    try:
        with transaction.atomic():
            return Referral.objects.create(
                offer=offer, young_person=young_person, counsellor=counsellor, date=date, notes=notes
            )
    except IntegrityError as error:
        raise EmployerRuleError("Ce jeune est déjà positionné sur cette offre.") from error


@transaction.atomic
def update_referral(referral, status, result_on=None, notes=None, today=None):
    """Fait avancer une mise en relation. Le statut « retenu » passe par ``record_recruitment``."""
    today = today or timezone.localdate()
    error = rules.referral_transition_error(referral.status, status)
    if error:
        raise EmployerRuleError(error)
    if status == ReferralStatus.HIRED and not hasattr(referral, "recruitment"):
        raise EmployerRuleError("Pour un jeune retenu, saisissez le recrutement (contrat, dates).")
    referral.status = status
    if status in CLOSED_REFERRAL_STATUSES:
        referral.result_on = result_on or today
    if referral.result_on and referral.result_on < referral.date:
        raise EmployerRuleError("Le résultat ne peut pas précéder la mise en relation.")
    if notes is not None:
        referral.notes = notes
    referral.save()
    return referral


def _open_situation(young_person, category, kind, start, end, rome_code, employer, user, source_id, today):
    """La situation qu'ouvre l'embauche ou l'immersion ; elle clôt les situations incompatibles en cours (un
    recrutement clôt « Demandeur d'emploi » : ``accompaniment.rules.incompatible``)."""
    situation = Situation.objects.create(
        young_person=young_person,
        category=category,
        kind=kind,
        state=rules.situation_state(start, end, today),
        start_date=start,
        end_date=end,
        rome_code=rome_code or "",
        employer=employer[:200],
        counsellor=user,
        source_id=source_id,
    )
    situations.close_incompatible(situation, today)
    return situation


@transaction.atomic
def record_recruitment(
    young_person,
    partner,
    contract_type,
    start_date,
    end_date=None,
    rome_code="",
    user=None,
    referral=None,
    agreement=None,
    today=None,
):
    """Enregistre une embauche : recrutement, situation du jeune, mise en relation close, offre pourvue."""
    today = today or timezone.localdate()
    error = rules.contract_dates_error(contract_type, start_date, end_date)
    if error:
        raise EmployerRuleError(error)
    if referral is not None:
        if referral.young_person_id != young_person.pk:
            raise EmployerRuleError("Cette mise en relation concerne un autre jeune.")
        if hasattr(referral, "recruitment"):
            raise EmployerRuleError("Ce recrutement est déjà enregistré.")
        transition = rules.referral_transition_error(referral.status, ReferralStatus.HIRED)
        if transition:
            raise EmployerRuleError(transition)
        if start_date < referral.date:
            raise EmployerRuleError("Le contrat ne peut pas commencer avant la mise en relation.")
        agreement = agreement or referral.offer.agreement
        rome_code = rome_code or referral.offer.rome_code
    if agreement is None:
        agreement = default_agreement(partner, start_date)
    recruitment = Recruitment.objects.create(
        young_person=young_person,
        partner=partner,
        referral=referral,
        agreement=agreement,
        contract_type=contract_type,
        rome_code=rome_code or "",
        start_date=start_date,
        end_date=end_date,
        counsellor=user,
    )
    category, kind = rules.SITUATION_FOR_CONTRACT[contract_type]
    recruitment.situation = _open_situation(
        young_person, category, kind, start_date, end_date, rome_code, partner.name, user,
        f"employeurs:recrutement:{recruitment.pk}", today,
    )  # fmt: skip
    recruitment.save(update_fields=["situation"])
    if referral is not None:
        referral.status = ReferralStatus.HIRED
        referral.result_on = max(today, referral.date)
        referral.save(update_fields=["status", "result_on"])
        offer = referral.offer
        hired = offer.referrals.filter(status=ReferralStatus.HIRED).count()
        if hired >= offer.positions and offer.status == OfferStatus.OPEN:
            JobOffer.objects.filter(pk=offer.pk).update(status=OfferStatus.FILLED, version=F("version") + 1)
    ensure_relation(young_person.mission_locale, partner, user, start_date)
    return recruitment


@transaction.atomic
def record_immersion(immersion, user=None, today=None):
    """Enregistre une PMSMP et ouvre la situation « immersion en entreprise » du jeune."""
    today = today or timezone.localdate()
    error = rules.immersion_dates_error(immersion.start_date, immersion.end_date)
    if error:
        raise EmployerRuleError(error)
    immersion.counsellor = immersion.counsellor or user
    if immersion.agreement_id is None:
        immersion.agreement = default_agreement(immersion.partner, immersion.start_date)
    immersion.save()
    immersion.situation = _open_situation(
        immersion.young_person, SituationCategory.IMMERSION, SituationKind.PMSMP, immersion.start_date,
        immersion.end_date, immersion.rome_code, immersion.partner.name, user,
        f"employeurs:immersion:{immersion.pk}", today,
    )  # fmt: skip
    immersion.save(update_fields=["situation"])
    ensure_relation(immersion.young_person.mission_locale, immersion.partner, user, immersion.start_date)
    return immersion


@transaction.atomic
def update_immersion(immersion, today=None):
    """Enregistre le bilan ou les dates modifiées et tient la situation du jeune à jour."""
    today = today or timezone.localdate()
    error = rules.immersion_dates_error(immersion.start_date, immersion.end_date)
    if error:
        raise EmployerRuleError(error)
    immersion.save()
    if immersion.situation_id:
        Situation.objects.filter(pk=immersion.situation_id).update(
            start_date=immersion.start_date,
            end_date=immersion.end_date,
            rome_code=immersion.rome_code,
            state=rules.situation_state(immersion.start_date, immersion.end_date, today),
            version=F("version") + 1,
        )
    return immersion


def start_sponsorship(sponsorship, user=None):
    """Signe le contrat tripartite ; un jeune n'a qu'un parrainage en cours à la fois."""
    if not sponsorship.barriers:
        raise EmployerRuleError("Le contrat de parrainage nomme au moins un frein à lever.")
    if sponsorship.sponsor.mission_locale_id not in {
        sponsorship.young_person.mission_locale_id,
        *sponsorship.young_person.mission_locale.absorbed.values_list("pk", flat=True),
    }:
        raise EmployerRuleError("Ce parrain n'appartient pas au réseau de la mission locale du jeune.")
    sponsorship.counsellor = sponsorship.counsellor or user
    if sponsorship.agreement_id is None and sponsorship.sponsor.employer_id:
        sponsorship.agreement = default_agreement(sponsorship.sponsor.employer, sponsorship.signed_on)
    try:
        with transaction.atomic():
            sponsorship.save()
    except IntegrityError as error:
        raise EmployerRuleError("Ce jeune a déjà un parrainage en cours.") from error
    return sponsorship


def add_sponsor_note(sponsorship, date, text, duration_minutes=60):
    if sponsorship.ended_on and date > sponsorship.ended_on:
        raise EmployerRuleError("Ce parrainage est terminé : la rencontre ne peut pas lui être postérieure.")
    if date < sponsorship.signed_on:
        raise EmployerRuleError("La rencontre ne peut pas précéder la signature du contrat.")
    return SponsorNote.objects.create(
        sponsorship=sponsorship, date=date, text=text, duration_minutes=duration_minutes
    )


def end_sponsorship(sponsorship, ended_on, outcome):
    if not outcome:
        raise EmployerRuleError("Indiquez le résultat du parrainage.")
    if ended_on < sponsorship.signed_on:
        raise EmployerRuleError("La fin du parrainage ne peut pas précéder la signature du contrat.")
    sponsorship.ended_on, sponsorship.outcome = ended_on, outcome
    sponsorship.save(update_fields=["ended_on", "outcome"])
    return sponsorship
