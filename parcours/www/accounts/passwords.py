"""Changement de mot de passe (utilisateur connecté) et réinitialisation par courriel : les vues de Django,
avec nos gabarits DSFR en français (``registration/``)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from parcours.www.accounts import forms

SIMPLE_FORM = "www/form.html"
MESSAGE = "registration/message.html"


def _message(title, text, link_name=None, link_label=None):
    return {"title": title, "text": text, "link_name": link_name, "link_label": link_label}


urlpatterns = [
    path(
        "compte/mot-de-passe/",
        auth_views.PasswordChangeView.as_view(
            template_name=SIMPLE_FORM,
            form_class=forms.PasswordChangeForm,
            extra_context={"title": "Changer de mot de passe", "submit": "Changer le mot de passe"},
        ),
        name="password_change",
    ),
    path(
        "compte/mot-de-passe/change/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name=MESSAGE,
            extra_context=_message(
                "Mot de passe changé", "Votre nouveau mot de passe est enregistré.", "home"
            ),
        ),
        name="password_change_done",
    ),
    path(
        "mot-de-passe-oublie/",
        auth_views.PasswordResetView.as_view(
            template_name="registration/password_reset_form.html",
            form_class=forms.PasswordResetForm,
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
            extra_context={"title": "Mot de passe oublié"},
        ),
        name="password_reset",
    ),
    path(
        "mot-de-passe-oublie/envoye/",
        auth_views.PasswordResetDoneView.as_view(
            template_name=MESSAGE,
            extra_context=_message(
                "Courriel envoyé",
                "Si un compte actif correspond à cette adresse, un courriel vient de lui être envoyé avec un "
                "lien valable une heure pour choisir un nouveau mot de passe. Pensez à regarder dans les "
                "indésirables.",
                "login",
                "Retour à la connexion",
            ),
        ),
        name="password_reset_done",
    ),
    path(
        "reinitialiser/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="registration/password_reset_confirm.html",
            form_class=forms.SetPasswordForm,
            extra_context={"title": "Nouveau mot de passe"},
        ),
        name="password_reset_confirm",
    ),
    path(
        "reinitialiser/termine/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name=MESSAGE,
            extra_context=_message(
                "Mot de passe enregistré",
                "Votre nouveau mot de passe est enregistré : vous pouvez vous connecter.",
                "login",
                "Se connecter",
            ),
        ),
        name="password_reset_complete",
    ),
]
