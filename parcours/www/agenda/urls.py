from parcours.www.agenda import calendar, groups, views
from parcours.www.routes import routes

app_name = "agenda"
urlpatterns = routes(
    """
    -                                                              day
    semaine/                                                       week
    site/                                                          site_pick
    site/<id:site_pk>/                                             site
    equipe/                                                        team
    calendrier/                                                    calendar.calendar
    calendrier.ics                                                 calendar.feed               calendar_feed
    rendez-vous/nouveau/                                           appointment_create
    rendez-vous/<id:appointment_pk>/                               appointment_status
    rendez-vous/<id:appointment_pk>/deplacer/                      appointment_edit
    seances/                                                       groups.sessions
    seances/nouvelle/                                              groups.session_create
    seances/<id:session_pk>/                                       groups.session_detail
    seances/<id:session_pk>/modifier/                              groups.session_edit
    seances/<id:session_pk>/annuler/                               groups.session_cancel
    seances/<id:session_pk>/inscrire/                              groups.session_register
    seances/<id:session_pk>/jeunes/                                groups.session_candidates
    seances/<id:session_pk>/appel/                                 groups.session_attendance
    seances/<id:session_pk>/inscriptions/<id:registration_pk>/annuler/    groups.registration_cancel
    """,
    views=views,
    calendar=calendar,
    groups=groups,
)
