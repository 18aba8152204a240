from django.urls import path

from parcours.www.accounts import views

app_name = "accounts"
urlpatterns = [
    path("verrouilles/", views.locked_accounts, name="locked"),
]
