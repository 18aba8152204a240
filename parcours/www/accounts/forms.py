"""Formulaires des comptes, au rendu DSFR : ceux de Django pour les mots de passe, le code du second facteur."""

from django import forms
from django.contrib.auth import forms as auth_forms

from parcours.www.forms import DsfrFormMixin


class PasswordChangeForm(DsfrFormMixin, auth_forms.PasswordChangeForm):
    pass


class PasswordResetForm(DsfrFormMixin, auth_forms.PasswordResetForm):
    pass


class SetPasswordForm(DsfrFormMixin, auth_forms.SetPasswordForm):
    pass


class CodeForm(DsfrFormMixin, forms.Form):
    code = forms.CharField(
        label="Code à 6 chiffres",
        help_text="Affiché par votre application d'authentification (il change toutes les 30 secondes).",
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_code(self):
        code = self.cleaned_data["code"].replace(" ", "")
        if not code.isdigit():
            raise forms.ValidationError("Le code ne contient que des chiffres.")
        return code
