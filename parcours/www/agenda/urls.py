from django.urls import path

from parcours.www.agenda import calendar, groups, views

app_name = "agenda"
urlpatterns = [
    path("", views.day, name="day"),
    path("semaine/", views.week, name="week"),
    path("site/", views.site_pick, name="site_pick"),
    path("site/<int:site_pk>/", views.site, name="site"),
    path("equipe/", views.team, name="team"),
    path("calendrier/", calendar.calendar, name="calendar"),
    path("calendrier.ics", calendar.feed, name="calendar_feed"),
    path("rendez-vous/nouveau/", views.appointment_create, name="appointment_create"),
    path("rendez-vous/<int:appointment_pk>/", views.appointment_status, name="appointment_status"),
    path("rendez-vous/<int:appointment_pk>/deplacer/", views.appointment_edit, name="appointment_edit"),
]
urlpatterns += [
    path("seances/", groups.sessions, name="sessions"),
    path("seances/nouvelle/", groups.session_create, name="session_create"),
    path("seances/<int:session_pk>/", groups.session_detail, name="session_detail"),
    path("seances/<int:session_pk>/modifier/", groups.session_edit, name="session_edit"),
    path("seances/<int:session_pk>/annuler/", groups.session_cancel, name="session_cancel"),
    path("seances/<int:session_pk>/inscrire/", groups.session_register, name="session_register"),
    path("seances/<int:session_pk>/jeunes/", groups.session_candidates, name="session_candidates"),
    path("seances/<int:session_pk>/appel/", groups.session_attendance, name="session_attendance"),
    path(
        "seances/<int:session_pk>/inscriptions/<int:registration_pk>/annuler/",
        groups.registration_cancel,
        name="registration_cancel",
    ),
]
