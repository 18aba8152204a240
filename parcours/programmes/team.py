"""L'équipe d'une mission locale vue par sa direction : portefeuille, jeunes en retard et contacts du mois de
chaque conseiller (page d'accueil de la direction, issue 11)."""

import dataclasses

from django.db.models import Count

from parcours.accompaniment.models import Contact
from parcours.accounts.access import possible_referents
from parcours.programmes import worklist
from parcours.young_people.models import YoungPerson


@dataclasses.dataclass(frozen=True)
class Member:
    user: object
    files: int  # dossiers actifs dont il est référent
    overdue: int  # jeunes de son portefeuille dont une alerte est échue
    contacts_this_month: int  # contacts tenus depuis le 1er du mois


def team(user, today):
    """Une ligne par conseiller ou directeur de la ML (ceux qui peuvent être référents), par nom."""
    people = worklist.director_scope(user)
    files = _by(people.exclude(referent=None), "referent")
    items, _ = worklist.for_user(user, today, whole_ml=True)
    late = [item.young_person_id for item in items if item.first_due < today]
    overdue = _by(YoungPerson.objects.filter(pk__in=late).exclude(referent=None), "referent")
    held = Contact.objects.visible_to(user).held().filter(date__range=(today.replace(day=1), today))
    contacts = _by(held.exclude(counsellor=None), "counsellor")
    members = possible_referents(user.mission_locale).order_by("last_name", "first_name")
    return [Member(m, files.get(m.pk, 0), overdue.get(m.pk, 0), contacts.get(m.pk, 0)) for m in members]


def _by(queryset, field):
    return dict(queryset.values(field).annotate(n=Count("pk")).values_list(field, "n"))
