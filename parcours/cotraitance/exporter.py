"""Export des jalons attendus par Pôle emploi pour une période (CSV, format décrit dans docs/cotraitance.md)."""

import io

from parcours.accompaniment.enums import ProposalKind, ProposalStatus, SituationCategory
from parcours.accompaniment.models import Proposal, Situation
from parcours.cotraitance import rules
from parcours.cotraitance.enums import MilestoneKind, ReferralStatus
from parcours.cotraitance.importer import CHUNK
from parcours.exports import CsvWriter
from parcours.imports.batches import batched, no_progress

COLUMNS = ["identifiant_orientation", "code_ml", "jalon", "libelle", "date", "date_fin", "detail"]
TRAINING_KINDS = (ProposalKind.TRAINING, ProposalKind.PARTNER_SERVICE, ProposalKind.WORKSHOP)


def first_interview_detail(referral):
    """Date limite du premier entretien selon le calendrier de la mission locale, et retard éventuel."""
    department = referral.mission_locale.department.code
    deadline = rules.first_interview_deadline(referral.assignment_date, department)
    detail = f"Date limite : {deadline:%d/%m/%Y} ({rules.first_interview_delay(referral.assignment_date)} jours ouvrés)"
    return f"{detail}, en retard" if referral.first_interview_on > deadline else detail


def milestones(referrals, start, end, progress=no_progress):
    """Jalons de la période [start, end] pour les orientations acceptées du QuerySet, triés par date.

    Chaque jalon : (identifiant, code ML, type, date, date de fin, détail). Un fait est rattaché à
    l'orientation du jeune en cours à sa date (après l'affectation, au plus tard à la fin de la co-traitance).
    """
    by_person = {}
    for referral in (
        referrals.accepted()
        .with_first_interview()
        .select_related("mission_locale__department")
        .filter(assignment_date__lte=end)
        .exclude(end_date__lt=start)
        .order_by("-assignment_date")
    ):
        by_person.setdefault(referral.young_person_id, []).append(referral)
    rows = []

    def covers(referral, date):
        return referral.assignment_date <= date and not (referral.end_date and date > referral.end_date)

    def add(referral, kind, date, date_end="", detail=""):
        if start <= date <= end and covers(referral, date):
            rows.append((referral.pe_id, referral.mission_locale.code, kind, date, date_end or "", detail))

    def add_fact(young_person_id, kind, date, date_end="", detail=""):
        referral = next((r for r in by_person[young_person_id] if covers(r, date)), None)
        if referral is not None:
            add(referral, kind, date, date_end, detail)

    for referral in (r for person in by_person.values() for r in person):
        if referral.first_interview_on:
            add(
                referral,
                MilestoneKind.FIRST_INTERVIEW,
                referral.first_interview_on,
                detail=first_interview_detail(referral),
            )
        if referral.status == ReferralStatus.ENDED:
            add(referral, MilestoneKind.EXIT, referral.end_date, detail=referral.get_end_reason_display())
    chunks = list(batched(by_person, CHUNK))
    for chunk in progress(chunks, "Jalons", len(chunks), unit="lot"):
        proposals = Proposal.objects.not_sensitive().filter(  # la santé et la justice ne sortent pas de la ML
            young_person_id__in=chunk, date__range=(start, end)
        )
        for p in proposals.exclude(status=ProposalStatus.REFUSED_BY_YOUNG):
            label = " – ".join(filter(None, [p.description, p.partner]))
            if p.kind in TRAINING_KINDS:
                add_fact(p.young_person_id, MilestoneKind.TRAINING_PROPOSAL, p.date, detail=label)
                if p.status == ProposalStatus.DONE:
                    add_fact(p.young_person_id, MilestoneKind.TRAINING_ENTRY, p.date, detail=label)
            elif p.kind == ProposalKind.JOB_OFFER:
                add_fact(p.young_person_id, MilestoneKind.JOB_INTRODUCTION, p.date, detail=label)
        situations = Situation.objects.filter(
            young_person_id__in=chunk,
            start_date__range=(start, end),
            category__in=[
                SituationCategory.EMPLOYMENT,
                SituationCategory.ALTERNANCE,
                SituationCategory.TRAINING,
            ],
        )
        for s in situations:
            kind = (
                MilestoneKind.TRAINING_ENTRY
                if s.category == SituationCategory.TRAINING
                else MilestoneKind.JOB_PERIOD
            )
            detail = " – ".join(
                filter(None, [s.get_kind_display() or s.get_category_display(), s.rome_code, s.employer])
            )
            add_fact(s.young_person_id, kind, s.start_date, s.end_date, detail)
    order = {kind: index for index, kind in enumerate(MilestoneKind.values)}
    rows.sort(key=lambda r: (r[3], r[0], order[r[2]]))
    return rows


def milestones_csv(referrals, start, end, progress=no_progress):
    out = io.StringIO()
    writer = CsvWriter(out)
    writer.writerow(COLUMNS)
    for pe_id, ml_code, kind, date, date_end, detail in milestones(referrals, start, end, progress):
        writer.writerow(
            [
                pe_id,
                ml_code,
                kind.value if hasattr(kind, "value") else kind,
                MilestoneKind(kind).label,
                f"{date:%d/%m/%Y}",
                f"{date_end:%d/%m/%Y}" if date_end else "",
                detail,
            ]
        )
    return out.getvalue()
