from django.db.models import Prefetch, prefetch_related_objects

from parcours.programmes.models import EnrolmentPhase
from parcours.young_people.timeline import TimelineEntry, load, register, relations

_RELATIONS = relations(enrolments=("programme", "cohort"))


@register(often_empty=("enrolments",))
def entries(young_person, viewer=None):
    # Lues sur le jeune lui-même : l'en-tête du dossier (dispositifs en cours) s'en sert sans relire la base.
    load(young_person, _RELATIONS)
    prefetch_related_objects(
        list(young_person.enrolments.all()),
        Prefetch("phases", queryset=EnrolmentPhase.objects.select_related("phase")),
    )
    for enrolment in young_person.enrolments.all():
        programme = enrolment.programme
        detail = f"Cohorte {enrolment.cohort.label}" if enrolment.cohort else ""
        yield TimelineEntry(
            date=enrolment.entry_date,
            kind="dispositif",
            title=f"Entrée en {programme.label}",
            detail=detail,
            status="En cours" if enrolment.is_open else "Terminé",
            icon="fr-icon-flag-line",
        )
        for phase in enrolment.phases.all():
            if phase.start_date == enrolment.entry_date and phase.phase.order == 1:
                continue
            yield TimelineEntry(
                date=phase.start_date,
                kind="dispositif",
                title=f"{programme.label} : phase « {phase.phase.label} »",
                detail=" · ".join(phase.objectives),
                icon="fr-icon-road-map-line",
            )
        if enrolment.exit_date:
            yield TimelineEntry(
                date=enrolment.exit_date,
                kind="dispositif",
                title=f"Sortie de {programme.label}",
                detail=" · ".join(filter(None, [enrolment.get_exit_outcome_display(), enrolment.exit_notes])),
                status=enrolment.get_exit_outcome_display(),
                icon="fr-icon-logout-box-r-line",
            )
