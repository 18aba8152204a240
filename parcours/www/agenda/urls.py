from django.urls import path

from parcours.www.agenda import calendar, views

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
