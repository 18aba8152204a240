from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from parcours.accounts.access import can_create_files, can_see_personal_data, has_own_agenda
from parcours.agenda import queries as agenda
from parcours.programmes.worklist import JDI_WARNING_DAYS
from parcours.www.agenda.views import decorate
from parcours.young_people.models import YoungPerson


@login_required
def home(request):
    context = {"title": "Accueil", "warning_days": JDI_WARNING_DAYS}
    user = request.user
    if can_see_personal_data(user):
        mine = YoungPerson.objects.visible_to(user).filter(referent=user).active()
        today = timezone.localdate()
        context.update(
            portfolio_count=mine.count(),
            without_recent_contact=mine.without_held_contact_since(
                today - timezone.timedelta(days=JDI_WARNING_DAYS)
            ).count(),
            turning_26_soon=mine.reaching_age_limit(today, days=60).order_by("birth_date"),
            can_create_files=can_create_files(user),
        )
    if has_own_agenda(user):  # les rendez-vous du jour d'abord (issue 10)
        day = agenda.counsellor_day(user, user, timezone.localdate())
        context["todays_appointments"] = decorate(user, day.appointments)
    return render(request, "www/home.html", context)
