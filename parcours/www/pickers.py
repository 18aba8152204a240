"""Choix d'un jeune (ou d'un partenaire) parmi des centaines : une saisie qui cherche (htmx) au lieu d'une liste
déroulante ou d'une centaine de cases.

Le champ reste un ``ModelChoiceField`` sur le QuerySet des jeunes que l'utilisateur peut choisir : le serveur
valide toujours l'identifiant reçu. Le gabarit ``www/picker/young_person.html`` rend une zone de saisie
(``role="combobox"``) qui appelle ``url`` à chaque frappe, la liste des propositions (``www/picker/_options.html``)
et le champ caché qui reçoit l'identifiant choisi ; la saisie et ses propositions (``www/picker/_search.html``) sont
les mêmes pour un choix de plusieurs (``www/picker/young_people.html``) ; le comportement (clavier, souris) est dans
``static/parcours/parcours.js`` (pas de script en ligne).
"""

import dataclasses

from django import forms
from django.db.models import Q
from django.shortcuts import render

from parcours.www.numbers import whole_number

#: Nombre de propositions montrées ; au-delà, l'utilisateur précise sa saisie.
MAX_OPTIONS = 10
#: Nom du champ de saisie : celui du champ caché suivi de ce suffixe (envoyé à la recherche).
TEXT_SUFFIX = "_recherche"
#: Lettres à taper avant la première recherche.
MIN_LETTERS = 2


@dataclasses.dataclass(frozen=True)
class Texts:
    """Ce que la saisie dit de ce qu'elle cherche."""

    placeholder: str
    options_label: str
    chosen_legend: str


YOUNG_PEOPLE = Texts(
    "Tapez au moins deux lettres du nom ou du prénom",
    "Jeunes proposés",
    "Jeunes choisis (décochez pour retirer)",
)
PARTNERS = Texts(
    "Tapez au moins deux lettres du nom, du sigle ou le début du SIRET",
    "Partenaires proposés",
    "Partenaires choisis (décochez pour retirer)",
)


def label(young_person):
    return f"{young_person} (né·e le {young_person.birth_date:%d/%m/%Y}, dossier n° {young_person.pk})"


def partner_label(partner):
    return f"{partner.name}{f' ({partner.short_name})' if partner.short_name else ''}" + (
        f", {partner.commune}" if partner.commune else ""
    )


class YoungPersonPicker(forms.Widget):
    template_name = "www/picker/young_person.html"
    texts = YOUNG_PEOPLE
    describe = staticmethod(label)

    def __init__(self, url="", attrs=None):
        super().__init__(attrs)
        self.url = url

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chosen, pk = None, whole_number(value)
        if pk is not None:
            queryset = getattr(getattr(self, "choices", None), "queryset", None)
            chosen = queryset.filter(pk=pk).first() if queryset is not None else None
        context["widget"].update(
            url=self.url,
            chosen=chosen,
            label=self.describe(chosen) if chosen else "",
            typed=getattr(self, "typed", ""),
            texts=self.texts,
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


def _typed(request):
    typed = (value for key, value in request.GET.items() if key == "q" or key.endswith(TEXT_SUFFIX))
    return next(typed, "").strip()[:100]


def options(request, young_people):
    """Le fragment des propositions : les jeunes de ``young_people`` (le QuerySet du champ) dont le nom contient
    les fragments tapés (``q``), les noms qui commencent par le premier d'abord."""
    text = _typed(request)
    found, more = [], False
    if len(text.replace(" ", "")) >= MIN_LETTERS:
        rows = list(
            young_people.search(text)
            .for_listing()
            .order_by("prefix_rank", "last_name", "first_name", "pk")[: MAX_OPTIONS + 1]
        )
        found, more = rows[:MAX_OPTIONS], len(rows) > MAX_OPTIONS
    return _options(request, "www/picker/_options.html", found, more, text, label)


def _options(request, template, found, more, text, describe):
    """Le fragment des propositions trouvées, chacune avec son libellé (``describe``)."""
    return render(
        request,
        template,
        {
            "found": [(obj, describe(obj)) for obj in found],
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
        ids = [pk for pk in map(whole_number, value or []) if pk is not None]
        queryset = getattr(getattr(self, "choices", None), "queryset", None)
        chosen = list(queryset.filter(pk__in=ids)) if queryset is not None and ids else []
        context["widget"]["chosen_list"] = [(obj, self.describe(obj)) for obj in chosen]
        return context

    def value_from_datadict(self, data, files, name):
        self.typed = data.get(f"{name}{TEXT_SUFFIX}", "")
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return False  # aucune case cochée : une liste vide, pas un champ absent


class _ChosenIdsField(forms.ModelMultipleChoiceField):
    """Des identifiants choisis : un texte qui n'en est pas un (« ² », 20 chiffres) est refusé avant la requête,
    où SQLite lèverait OverflowError."""

    def _check_values(self, value):
        for pk in value:
            if whole_number(pk) is None:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)


class YoungPeopleChoiceField(_ChosenIdsField):
    """Plusieurs jeunes du QuerySet, choisis un à un dans la saisie qui cherche ; chaque identifiant est validé."""

    widget = YoungPeoplePicker


class PartnersPicker(YoungPeoplePicker):
    """Plusieurs partenaires (entreprises présentes à un évènement…) choisis dans la saisie qui cherche."""

    texts = PARTNERS
    describe = staticmethod(partner_label)


class PartnersChoiceField(_ChosenIdsField):
    widget = PartnersPicker


def partner_options(request, partners):
    """Le fragment des propositions : les partenaires de ``partners`` dont le nom ou le sigle contient le texte
    tapé, ou dont le SIRET commence par les chiffres tapés."""
    text = _typed(request)
    found, more = [], False
    if len(text.replace(" ", "")) >= MIN_LETTERS:
        digits = text.replace(" ", "")
        match = Q(name__icontains=text) | Q(short_name__icontains=text)
        if whole_number(digits) is not None:
            match |= Q(siret__startswith=digits)
        rows = list(partners.filter(match).order_by("name", "pk")[: MAX_OPTIONS + 1])
        found, more = rows[:MAX_OPTIONS], len(rows) > MAX_OPTIONS
    return _options(request, "www/picker/_partner_options.html", found, more, text, partner_label)
