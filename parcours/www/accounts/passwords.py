"""Changement de mot de passe (utilisateur connecté) et réinitialisation par courriel : les vues de Django,
avec nos gabarits DSFR en français (``registration/``)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from parcours.www.accounts import forms

SIMPLE_FORM = "www/form.html"
MESSAGE = "registration/message.html"


def _message(title, text, link_name=None, link_label=None):
    return {"title": title, "text": text, "link_name": link_name, "link_label": link_label}


def _page(route, view_class, name, template_name, context, **options):
    """Une vue de Django sous ``route``, avec notre gabarit et son contexte."""
    return path(
        route, view_class.as_view(template_name=template_name, extra_context=context, **options), name=name
    )


urlpatterns = [
    _page(
        "compte/mot-de-passe/",
        auth_views.PasswordChangeView,
        "password_change",
        SIMPLE_FORM,
        {"title": "Changer de mot de passe", "submit": "Changer le mot de passe"},
        form_class=forms.PasswordChangeForm,
    ),
    _page(
        "compte/mot-de-passe/change/",
        auth_views.PasswordChangeDoneView,
        "password_change_done",
        MESSAGE,
        _message(
            "Mot de passe changé", "Votre nouveau mot de passe est enregistré.", "account", "Mon compte"
        ),
    ),
    _page(
        "mot-de-passe-oublie/",
        auth_views.PasswordResetView,
        "password_reset",
        "registration/password_reset_form.html",
        {"title": "Mot de passe oublié"},
        form_class=forms.PasswordResetForm,
        email_template_name="registration/password_reset_email.txt",
        subject_template_name="registration/password_reset_subject.txt",
    ),
    _page(
        "mot-de-passe-oublie/envoye/",
        auth_views.PasswordResetDoneView,
        "password_reset_done",
        MESSAGE,
        _message(
            "Courriel envoyé",
            "Si un compte actif correspond à cette adresse, un courriel vient de lui être envoyé avec un "
            "lien valable une heure pour choisir un nouveau mot de passe. Pensez à regarder dans les "
            "indésirables.",
            "login",
            "Retour à la connexion",
        ),
    ),
    _page(
        "reinitialiser/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView,
        "password_reset_confirm",
        "registration/password_reset_confirm.html",
        {"title": "Nouveau mot de passe"},
        form_class=forms.SetPasswordForm,
    ),
    _page(
        "reinitialiser/termine/",
        auth_views.PasswordResetCompleteView,
        "password_reset_complete",
        MESSAGE,
        _message(
            "Mot de passe enregistré",
            "Votre nouveau mot de passe est enregistré : vous pouvez vous connecter.",
            "login",
            "Se connecter",
        ),
    ),
]
