"""La page d'un formulaire seul, commune à toutes les apps (``www/form.html``)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from parcours.errors import RuleError
from parcours.versioning import ConcurrentEditError
from parcours.www.forms import add_reasons


def page_url(name, obj):
    """L'adresse de la page ``name`` (à un paramètre) de ``obj``, un enregistrement ou son identifiant."""
    return reverse(name, args=[getattr(obj, "pk", obj)])


def render_form(request, form, title, back_url=None, *, submit="Enregistrer", young_person=None, **extra):
    """Titre, formulaire, bouton d'envoi ; « Retour » et « Annuler » mènent à ``back_url`` ou, à défaut, au
    dossier de ``young_person``."""
    context = {"form": form, "title": title, "submit": submit, "young_person": young_person, **extra}
    if back_url is None and young_person is not None:
        back_url = page_url("young_people:detail", young_person)
        context["back_label"] = f"Retour au dossier de {young_person}"
    context["back_url"] = back_url
    return render(request, "www/form.html", context)


def form_page(request, form, save, title, back_url=None, **options):
    """Page d'un formulaire qui écrit. À l'envoi d'un formulaire valide, ``save()`` écrit et renvoie
    (message de succès, adresse où aller), ou rien si l'écriture n'a pas eu lieu (conflit de versions déjà
    affiché) ; un refus du service (``ValidationError``, ``RuleError``) ou un conflit de versions qu'il lève
    (``ConcurrentEditError``) s'affiche sur le formulaire. Sinon, et après un refus, la page du formulaire
    (``render_form`` et ses ``options``)."""
    if request.method == "POST" and form.is_valid():
        try:
            done = save()
        except ValidationError as error:
            form.add_error(None, error)
        except ConcurrentEditError as error:
            form.add_error(None, str(error))
        except RuleError as error:
            add_reasons(form, error)
        else:
            if done:
                message, url = done
                messages.success(request, message)
                return redirect(url)
    return render_form(request, form, title, back_url, **options)


def saved_versioned(form, message, url):
    """Le ``save`` de ``form_page`` pour un formulaire ``VersionedFormMixin`` qui s'enregistre tel quel."""
    return lambda: (message, url) if form.save_versioned() else None


def saved_with(form, message, url, **fields):
    """Le ``save`` de ``form_page`` pour un formulaire de création : enregistre l'objet complété de ``fields``
    (``save_with``) ; ``message`` est le message de succès, ou la fonction de l'objet créé qui le donne."""

    def save():
        obj = save_with(form, **fields)
        return (message(obj) if callable(message) else message), url

    return save


def save_with(form, **fields):
    """Enregistre l'objet d'un ``ModelForm`` complété de ``fields``, ce que l'utilisateur ne saisit pas (mission
    locale, convention, partenaire…), puis ses liens plusieurs-à-plusieurs ; renvoie l'objet."""
    obj = form.save(commit=False)
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.save()
    form.save_m2m()
    return obj
