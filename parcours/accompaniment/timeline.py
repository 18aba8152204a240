from parcours import links
from parcours.accounts.access import can_see_record_content, can_write_appointments, can_write_follow_up
from parcours.young_people.timeline import TimelineEntry, register


def _readable(viewer, young_person, record):
    return viewer is not None and can_see_record_content(viewer, young_person, record)


def _link(allowed, viewer, young_person, name, *args):
    """Lien vers la page de modification, pour qui peut y modifier quelque chose."""
    if viewer is None or not allowed(viewer, young_person):
        return ""
    return links.path(f"young_people:{name}", young_person.pk, *args)


def _appointment_detail(contact):
    """Heure, durée et lieu d'un rendez-vous pris dans l'agenda (contact saisi avec sa durée)."""
    if contact.duration is None or contact.time is None:
        return ""
    where = f" · {contact.site.name}" if contact.site_id else ""
    return f"Rendez-vous à {contact.time:%H:%M} ({contact.duration} min){where}"


@register
def entries(young_person, viewer=None):
    """Contacts, propositions et situations ; les thèmes et comptes rendus ne figurent que pour qui peut les lire
    (un contact qui révèle la santé ou la justice : le référent et la direction)."""
    for contact in young_person.contacts.select_related("site"):
        detail = ""
        if _readable(viewer, young_person, contact):
            detail = " · ".join(filter(None, [", ".join(contact.theme_labels), contact.notes]))
        detail = " · ".join(filter(None, [_appointment_detail(contact), detail]))
        yield TimelineEntry(
            date=contact.date,
            kind="contact",
            title=f"{contact.get_kind_display()} – {contact.get_mode_display().lower()}",
            detail=detail,
            status=contact.get_status_display(),
            icon="fr-icon-chat-3-line",
            url=_link(can_write_appointments, viewer, young_person, "contact_edit", contact.pk),
        )
    for proposal in young_person.proposals.all():
        readable = _readable(viewer, young_person, proposal)
        detail = ""
        if readable:
            detail = " · ".join(
                filter(None, [proposal.get_theme_display(), proposal.description, proposal.partner])
            )
        yield TimelineEntry(
            date=proposal.date,
            kind="proposition",
            title=f"Proposition : {proposal.get_kind_display()}"
            if readable or not proposal.is_sensitive
            else "Proposition confidentielle",
            detail=detail,
            status=proposal.get_status_display(),
            icon="fr-icon-lightbulb-line",
            url=_link(can_write_follow_up, viewer, young_person, "proposal_status", proposal.pk),
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
            url=_link(can_write_follow_up, viewer, young_person, "situation_edit", situation.pk),
        )
