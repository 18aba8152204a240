from parcours import links
from parcours.accounts.access import record_rights
from parcours.young_people.timeline import TimelineEntry, load, register, relations

#: Lus pour chaque dossier ouvert : requêtes préparées (``parcours.prepared``).
_RELATIONS = relations(contacts=("site",), proposals=(), situations=())


def _link(allowed, young_person, name, *args):
    """Lien vers la page de modification, pour qui peut y modifier quelque chose."""
    return links.path(f"young_people:{name}", young_person.pk, *args) if allowed else ""


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
    rights = record_rights(viewer, young_person)
    # Lus sur le jeune lui-même : l'en-tête du dossier (prochain rendez-vous) et ses situations en cours s'en
    # servent sans relire la base.
    load(young_person, _RELATIONS)
    for contact in young_person.contacts.all():
        detail = ""
        if rights.can_see_content(contact):
            detail = " · ".join(filter(None, [", ".join(contact.theme_labels), contact.notes]))
        detail = " · ".join(filter(None, [_appointment_detail(contact), detail]))
        yield TimelineEntry(
            date=contact.date,
            kind="contact",
            title=f"{contact.get_kind_display()} – {contact.get_mode_display().lower()}",
            detail=detail,
            status=contact.get_status_display(),
            icon="fr-icon-chat-3-line",
            url=_link(rights.write_appointments, young_person, "contact_edit", contact.pk),
        )
    for proposal in young_person.proposals.all():
        readable = rights.can_see_content(proposal)
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
            url=_link(rights.write_follow_up, young_person, "proposal_status", proposal.pk),
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
            url=_link(rights.write_follow_up, young_person, "situation_edit", situation.pk),
        )
