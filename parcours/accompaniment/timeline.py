from parcours import links
from parcours.young_people.timeline import TimelineEntry, register


@register
def entries(young_person):
    for contact in young_person.contacts.all():
        yield TimelineEntry(
            date=contact.date,
            kind="contact",
            title=f"{contact.get_kind_display()} – {contact.get_mode_display().lower()}",
            detail=" · ".join(filter(None, [", ".join(contact.theme_labels), contact.notes])),
            status=contact.get_status_display(),
            icon="fr-icon-chat-3-line",
            url=links.path("young_people:contact_edit", young_person.pk, contact.pk),
        )
    for proposal in young_person.proposals.all():
        yield TimelineEntry(
            date=proposal.date,
            kind="proposition",
            title=f"Proposition : {proposal.get_kind_display()}",
            detail=" · ".join(
                filter(None, [proposal.get_theme_display(), proposal.description, proposal.partner])
            ),
            status=proposal.get_status_display(),
            icon="fr-icon-lightbulb-line",
            url=links.path("young_people:proposal_status", young_person.pk, proposal.pk),
        )
    for situation in young_person.situations.all():
        dates = f"du {situation.start_date:%d/%m/%Y}" + (
            f" au {situation.end_date:%d/%m/%Y}" if situation.end_date else ""
        )
        yield TimelineEntry(
            date=situation.start_date,
            kind="situation",
            title=f"Situation : {situation.get_category_display()}"
            + (f" ({situation.get_kind_display()})" if situation.kind else ""),
            detail=" · ".join(filter(None, [dates, situation.rome_code, situation.employer])),
            status=situation.state_on().label,
            icon="fr-icon-briefcase-line",
            url=links.path("young_people:situation_edit", young_person.pk, situation.pk),
        )
