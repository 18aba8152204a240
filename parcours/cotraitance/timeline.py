from parcours.dates import employment_operator
from parcours.young_people.timeline import TimelineEntry, register


@register(often_empty=("referrals",))
def entries(young_person, viewer=None):
    for referral in young_person.referrals.all():
        yield TimelineEntry(
            date=referral.assignment_date,
            kind="cotraitance",
            title=f"Orientation {employment_operator(referral.assignment_date)} ({referral.get_track_display().lower()})",
            detail=" · ".join(
                filter(
                    None,
                    [
                        referral.agency,
                        "indemnisé" if referral.receives_benefits else "non indemnisé",
                        ", ".join(referral.target_jobs),
                        referral.refusal_reason,
                    ],
                )
            ),
            status=referral.get_status_display(),
            icon="fr-icon-team-line",
        )
        if referral.end_date:
            yield TimelineEntry(
                date=referral.end_date,
                kind="cotraitance",
                title="Fin de la co-traitance",
                detail=referral.get_end_reason_display(),
                icon="fr-icon-logout-box-r-line",
            )
