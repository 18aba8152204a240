"""Employeurs, accords nationaux, offres, mises en relation, immersions, parrainage, évènements."""

from parcours.employers.models.agreements import (
    Agreement,
    AgreementParty,
    FollowUpMeeting,
    RegionalDeclination,
)
from parcours.employers.models.events import Event, LocalAction
from parcours.employers.models.offers import Immersion, JobOffer, Recruitment, Referral
from parcours.employers.models.partners import EmployerRelation, Exchange, Partner, PartnerContact
from parcours.employers.models.requests import CallbackRequest
from parcours.employers.models.sponsorship import Sponsor, SponsorNote, Sponsorship

__all__ = [
    "Agreement",
    "AgreementParty",
    "CallbackRequest",
    "EmployerRelation",
    "Event",
    "Exchange",
    "FollowUpMeeting",
    "Immersion",
    "JobOffer",
    "LocalAction",
    "Partner",
    "PartnerContact",
    "Recruitment",
    "Referral",
    "RegionalDeclination",
    "Sponsor",
    "SponsorNote",
    "Sponsorship",
]
