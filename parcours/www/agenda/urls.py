from parcours.www.agenda import calendar, groups, views
from parcours.www.routes import routes

app_name = "agenda"
urlpatterns = routes(
    """
    -                                                              day
    semaine/                                                       week
    site/                                                          site_pick
    site/<int:site_pk>/                                            site
    equipe/                                                        team
    calendrier/                                                    calendar.calendar
    calendrier.ics                                                 calendar.feed               calendar_feed
    rendez-vous/nouveau/                                           appointment_create
    rendez-vous/<int:appointment_pk>/                              appointment_status
    rendez-vous/<int:appointment_pk>/deplacer/                     appointment_edit
    seances/                                                       groups.sessions
    seances/nouvelle/                                              groups.session_create
    seances/<int:session_pk>/                                      groups.session_detail
    seances/<int:session_pk>/modifier/                             groups.session_edit
    seances/<int:session_pk>/annuler/                              groups.session_cancel
    seances/<int:session_pk>/inscrire/                             groups.session_register
    seances/<int:session_pk>/jeunes/                               groups.session_candidates
    seances/<int:session_pk>/appel/                                groups.session_attendance
    seances/<int:session_pk>/inscriptions/<int:registration_pk>/annuler/  groups.registration_cancel
    """,
    views=views,
    calendar=calendar,
    groups=groups,
)
