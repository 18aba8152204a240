"""Objets des URL des dispositifs et de la co-traitance pour la matrice des permissions."""

import datetime

from tests.programmes.factories import EnrolmentFactory, ReferralFactory

PUBLIC_URL_NAMES = []


def permission_matrix_objects(young_person):
    """{nom du paramètre d'URL: pk} d'objets appartenant au jeune (donc à sa mission locale)."""
    enrolment = EnrolmentFactory(
        young_person=young_person,
        entry_date=max(young_person.first_reception_date, datetime.date(2025, 1, 6)),
    )
    referral = ReferralFactory(young_person=young_person, assignment_date=young_person.first_reception_date)
    return {"enrolment_pk": enrolment.pk, "referral_pk": referral.pk}
