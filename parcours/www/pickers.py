"""Choix d'un jeune parmi des centaines : une saisie qui cherche (htmx) au lieu d'une liste déroulante.

Le champ reste un ``ModelChoiceField`` sur le QuerySet des jeunes que l'utilisateur peut choisir : le serveur
valide toujours l'identifiant reçu. Le gabarit ``www/picker/young_person.html`` rend une zone de saisie
(``role="combobox"``) qui appelle ``url`` à chaque frappe, la liste des propositions (``www/picker/_options.html``)
et le champ caché qui reçoit l'identifiant choisi ; le comportement (clavier, souris) est dans
``static/parcours/parcours.js`` (pas de script en ligne).
"""

from django import forms
from django.shortcuts import render

#: Nombre de propositions montrées ; au-delà, l'utilisateur précise sa saisie.
MAX_OPTIONS = 10
#: Nom du champ de saisie : celui du champ caché suivi de ce suffixe (envoyé à la recherche).
TEXT_SUFFIX = "_recherche"
#: Lettres à taper avant la première recherche.
MIN_LETTERS = 2


class YoungPersonPicker(forms.Widget):
    template_name = "www/picker/young_person.html"

    def __init__(self, url="", attrs=None):
        super().__init__(attrs)
        self.url = url

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chosen = None
        if value not in (None, "") and str(value).isdigit():
            queryset = getattr(getattr(self, "choices", None), "queryset", None)
            chosen = queryset.filter(pk=value).first() if queryset is not None else None
        context["widget"].update(
            url=self.url,
            chosen=chosen,
            label=label(chosen) if chosen else "",
            typed=getattr(self, "typed", ""),
        )
        return context

    def value_from_datadict(self, data, files, name):
        # Le texte tapé est rendu tel quel si le formulaire revient avec une erreur (rien de saisi ne se perd).
        self.typed = data.get(f"{name}{TEXT_SUFFIX}", "")
        return data.get(name)

    def id_for_label(self, id_):
        return id_


class YoungPersonChoiceField(forms.ModelChoiceField):
    """Un jeune du QuerySet, choisi dans une saisie qui cherche ; l'identifiant reçu est validé contre lui."""

    widget = YoungPersonPicker


def label(young_person):
    return f"{young_person} (né·e le {young_person.birth_date:%d/%m/%Y}, dossier n° {young_person.pk})"


def options(request, young_people):
    """Le fragment des propositions : les jeunes de ``young_people`` (le QuerySet du champ) dont le nom contient
    les fragments tapés (``q``), les noms qui commencent par le premier d'abord."""
    typed = (value for key, value in request.GET.items() if key == "q" or key.endswith(TEXT_SUFFIX))
    text = next(typed, "").strip()[:100]
    found, more = [], False
    if len(text.replace(" ", "")) >= MIN_LETTERS:
        rows = list(
            young_people.search(text)
            .for_listing()
            .order_by("prefix_rank", "last_name", "first_name", "pk")[: MAX_OPTIONS + 1]
        )
        found, more = rows[:MAX_OPTIONS], len(rows) > MAX_OPTIONS
    return render(
        request,
        "www/picker/_options.html",
        {
            "found": [(young_person, label(young_person)) for young_person in found],
            "more": more,
            "typed": text,
            "min_letters": MIN_LETTERS,
            "listbox_id": request.GET.get("liste", "")[:60],
        },
    )


class YoungPeoplePicker(YoungPersonPicker):
    """La même saisie qui cherche, pour choisir plusieurs jeunes : chaque choix s'ajoute à une liste de cases
    cochées (décocher retire le jeune) et la saisie se vide pour le suivant."""

    template_name = "www/picker/young_people.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, None, attrs)
        ids = [str(v) for v in (value or []) if str(v).isdigit()]
        queryset = getattr(getattr(self, "choices", None), "queryset", None)
        chosen = list(queryset.filter(pk__in=ids)) if queryset is not None and ids else []
        context["widget"]["chosen_list"] = [(yp, label(yp)) for yp in chosen]
        return context

    def value_from_datadict(self, data, files, name):
        self.typed = data.get(f"{name}{TEXT_SUFFIX}", "")
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return False  # aucune case cochée : une liste vide, pas un champ absent


class YoungPeopleChoiceField(forms.ModelMultipleChoiceField):
    """Plusieurs jeunes du QuerySet, choisis un à un dans la saisie qui cherche ; chaque identifiant est validé."""

    widget = YoungPeoplePicker
