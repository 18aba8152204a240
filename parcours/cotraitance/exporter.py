"""Export des jalons attendus par Pôle emploi pour une période (CSV, format décrit dans docs/cotraitance.md)."""

import csv
import io

from django.db import models

from parcours.accompaniment.enums import ProposalKind, ProposalStatus, SituationCategory
from parcours.accompaniment.models import Proposal, Situation
from parcours.cotraitance.enums import MilestoneKind, ReferralStatus

COLUMNS = ["identifiant_orientation", "code_ml", "jalon", "libelle", "date", "date_fin", "detail"]
TRAINING_KINDS = (ProposalKind.TRAINING, ProposalKind.PARTNER_SERVICE, ProposalKind.WORKSHOP)


def milestones(referrals, start, end):
    """Jalons de la période [start, end] pour les orientations acceptées du QuerySet, triés par date.

    Chaque jalon : (identifiant, code ML, type, date, date de fin, détail). Seuls comptent les faits
    postérieurs à l'affectation (et antérieurs à la fin de la co-traitance).
    """
    referrals = {
        r.young_person_id: r
        for r in referrals.accepted()
        .with_first_interview()
        .select_related("mission_locale")
        .filter(assignment_date__lte=end)
        .exclude(end_date__lt=start)
    }
    if not referrals:
        return []
    ids = list(referrals)
    rows = []

    def add(young_person_id, kind, date, date_end="", detail=""):
        referral = referrals[young_person_id]
        if date < referral.assignment_date or (referral.end_date and date > referral.end_date):
            return
        if start <= date <= end:
            rows.append((referral.pe_id, referral.mission_locale.code, kind, date, date_end or "", detail))

    for referral in referrals.values():
        if referral.first_interview_on:
            add(referral.young_person_id, MilestoneKind.FIRST_INTERVIEW, referral.first_interview_on)
        if referral.status == ReferralStatus.ENDED:
            add(
                referral.young_person_id,
                MilestoneKind.EXIT,
                referral.end_date,
                detail=referral.get_end_reason_display(),
            )
    for chunk_start in range(0, len(ids), 1000):
        chunk = ids[chunk_start : chunk_start + 1000]
        for p in Proposal.objects.filter(young_person_id__in=chunk, date__range=(start, end)).exclude(
            status=ProposalStatus.REFUSED_BY_YOUNG
        ):
            label = " – ".join(filter(None, [p.description, p.partner]))
            if p.kind in TRAINING_KINDS:
                add(p.young_person_id, MilestoneKind.TRAINING_PROPOSAL, p.date, detail=label)
                if p.status == ProposalStatus.DONE:
                    add(p.young_person_id, MilestoneKind.TRAINING_ENTRY, p.date, detail=label)
            elif p.kind == ProposalKind.JOB_OFFER:
                add(p.young_person_id, MilestoneKind.JOB_INTRODUCTION, p.date, detail=label)
        situations = Situation.objects.filter(
            young_person_id__in=chunk, start_date__range=(start, end)
        ).filter(
            models.Q(category__in=[SituationCategory.EMPLOYMENT, SituationCategory.ALTERNANCE])
            | models.Q(category=SituationCategory.TRAINING)
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
            add(s.young_person_id, kind, s.start_date, s.end_date, detail)
    order = {kind: index for index, kind in enumerate(MilestoneKind.values)}
    rows.sort(key=lambda r: (r[3], r[0], order[r[2]]))
    return rows


def milestones_csv(referrals, start, end):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for pe_id, ml_code, kind, date, date_end, detail in milestones(referrals, start, end):
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
