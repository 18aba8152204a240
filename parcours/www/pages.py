"""La page d'un formulaire seul, commune à toutes les apps (``www/form.html``)."""

from django.shortcuts import render
from django.urls import reverse


def render_form(request, form, title, back_url=None, *, submit="Enregistrer", young_person=None, **extra):
    """Titre, formulaire, bouton d'envoi ; « Retour » et « Annuler » mènent à ``back_url`` ou, à défaut, au
    dossier de ``young_person``."""
    context = {"form": form, "title": title, "submit": submit, "young_person": young_person, **extra}
    if back_url is None and young_person is not None:
        back_url = reverse("young_people:detail", kwargs={"pk": young_person.pk})
        context["back_label"] = f"Retour au dossier de {young_person}"
    context["back_url"] = back_url
    return render(request, "www/form.html", context)
