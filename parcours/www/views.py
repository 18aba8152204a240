from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from parcours.accompaniment.models import Contact
from parcours.accounts import lockout
from parcours.accounts.access import can_create_files, can_unlock_accounts, has_own_agenda, home_for
from parcours.agenda import queries as agenda
from parcours.programmes import team, worklist
from parcours.programmes.worklist import JDI_WARNING_DAYS
from parcours.www.agenda.views import decorate
from parcours.www.templatetags.parcours_texts import pluriel
from parcours.young_people.models import YoungPerson


@login_required
def home(request):
    """Chaque rôle arrive sur ce qu'il travaille (``accounts.access.home_for``) ; le référent entreprise, sur
    les relations entreprises."""
    user = request.user
    kind = home_for(user)
    if kind == "entreprise":
        return redirect("employers:home")
    today = timezone.localdate()
    context = {"title": "Accueil", "home": kind, "warning_days": JDI_WARNING_DAYS, "today": today}
    if kind != "agregats":
        files = YoungPerson.objects.visible_to(user)
        expected = Contact.objects.visible_to(user).occupying().filter(date=today)
        context.update(
            can_create_files=can_create_files(user),
            created_today=files.filter(created_at__date=today).for_listing().order_by("-created_at"),
            without_referent=files.without_referent().count(),
            expected_today=expected.count(),
            arrived_today=expected.exclude(arrived_at=None).count(),
        )
    if kind == "conseiller":
        mine = worklist.counsellor_scope(user)
        items, _ = worklist.for_user(user, today, whole_ml=False)
        context.update(
            portfolio_count=mine.count(),
            alerts=len(items),
            overdue=sum(1 for item in items if item.first_due < today),
            without_recent_contact=mine.without_held_contact_since(
                today - timezone.timedelta(days=JDI_WARNING_DAYS)
            ).count(),
            turning_26_soon=mine.reaching_age_limit(today).order_by("birth_date"),
        )
    if kind == "direction":
        month = Contact.objects.visible_to(user).held().filter(date__range=(today.replace(day=1), today))
        context.update(
            team=team.team(user, today),
            contacts_this_month=month.count(),
            locked_accounts=lockout.locked_accounts(user).count() if can_unlock_accounts(user) else None,
        )
    context["tiles"] = tiles(kind, context)
    if has_own_agenda(user):  # les rendez-vous du jour d'abord (issue 10)
        day = agenda.counsellor_day(user, user, today)
        context["todays_appointments"] = decorate(user, day.appointments)
        context["todays_sessions"] = day.sessions
    return render(request, "www/home.html", context)


def _count(n, singular, plural):
    """« 0 jeune », « 1 jeune », « 2 jeunes » (pluriel à la française)."""
    return f"{n} {pluriel(n, f'{singular},{plural}')}"


def tiles(kind, context):
    """Les tuiles de l'accueil du rôle : (adresse, titre, détail)."""
    c = context
    if kind == "conseiller":
        return [
            (
                reverse("young_people:portfolio"),
                "Mes jeunes",
                _count(c["portfolio_count"], "dossier actif", "dossiers actifs"),
            ),
            (
                reverse("programmes:worklist"),
                "À faire",
                f"{_count(c['alerts'], 'jeune à voir', 'jeunes à voir')}, dont {c['overdue']} en retard",
            ),
            (
                reverse("young_people:portfolio") + "?tri=contact",
                f"Sans contact depuis {JDI_WARNING_DAYS} jours",
                _count(c["without_recent_contact"], "jeune", "jeunes"),
            ),
        ]
    if kind in ("accueil", "direction"):
        found = [
            (
                reverse("agenda:site_pick"),
                "Attendus aujourd'hui",
                f"{_count(c['expected_today'], 'rendez-vous', 'rendez-vous')}, {_count(c['arrived_today'], 'arrivé', 'arrivés')}",
            ),
            (
                reverse("young_people:unassigned"),
                "Dossiers sans référent",
                _count(c["without_referent"], "dossier à attribuer", "dossiers à attribuer"),
            ),
        ]
        if kind == "direction":
            found.append(
                (
                    reverse("agenda:team"),
                    "Contacts tenus ce mois-ci",
                    _count(c["contacts_this_month"], "contact tenu", "contacts tenus"),
                )
            )
            found.append(
                (
                    reverse("young_people:duplicate_pairs"),
                    "Doublons probables",
                    "Dossiers à fusionner ou à écarter",
                )
            )
            if c["locked_accounts"] is not None:
                found.append(
                    (
                        reverse("accounts:locked"),
                        "Comptes verrouillés",
                        _count(c["locked_accounts"], "compte à déverrouiller", "comptes à déverrouiller"),
                    )
                )
        elif c["can_create_files"]:
            found.append((reverse("young_people:create"), "Nouveau dossier", "Premier accueil d'un jeune"))
        return found
    return []
