from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from parcours.accounts.access import (
    can_edit_partner,
    can_manage_employer_relations,
    can_see_personal_data,
    visible_mission_locale_ids,
)
from parcours.employers import services
from parcours.employers.enums import OfferStatus
from parcours.employers.models import (
    CallbackRequest,
    EmployerRelation,
    Event,
    JobOffer,
    Partner,
    PartnerContact,
    Referral,
)
from parcours.www.access import ml_staff_required
from parcours.www.employers.access import employer_manager_required
from parcours.www.employers.forms import ExchangeForm, PartnerContactForm, PartnerForm, RelationForm
from parcours.www.forms import TextSearchForm
from parcours.www.history import changes
from parcours.www.idempotency import idempotent
from parcours.www.pages import form_page, save_with, saved_versioned

#: Refus de modifier une fiche du répertoire commun.
PARTNER_EDIT_ONLY = (
    "Cette fiche est tenue par la mission locale qui l'a créée ou par le national "
    "(signataires des accords nationaux : le national seul)."
)

PAGE_SIZE = 25


@login_required
def home(request):
    """Tableau de bord du référent entreprise ; les rôles sans données personnelles vont aux accords."""
    user = request.user
    if not can_see_personal_data(user):
        return redirect("employers:agreement_list")
    today = timezone.localdate()
    offers = JobOffer.objects.visible_to(user)
    relations = EmployerRelation.objects.visible_to(user).with_last_exchange()
    context = {
        "title": "Relations entreprises",
        "open_offers": offers.filter(status=OfferStatus.OPEN).select_related("partner")[:10],
        "open_count": offers.filter(status=OfferStatus.OPEN).count(),
        "published_count": offers.public(today).count(),
        "relation_count": relations.count(),
        "stale_relations": relations.filter(
            Q(last_exchange_on__lt=today.replace(day=1)) | Q(last_exchange_on=None)
        )
        .select_related("partner")
        .order_by("last_exchange_on")[:10],
        "referrals_in_progress": Referral.objects.visible_to(user)
        .filter(status__in=["propose", "transmis", "entretien"])
        .count(),
        "upcoming_events": Event.objects.visible_to(user).filter(date__gte=today).order_by("date")[:5],
        "can_manage": can_manage_employer_relations(user),
        "requests_to_handle": CallbackRequest.objects.visible_to(user).to_handle().count(),
    }
    return render(request, "employers/home.html", context)


@ml_staff_required
def partner_list(request):
    ids = visible_mission_locale_ids(request.user)
    search = TextSearchForm(request.GET)
    text = search.text()
    mine = request.GET.get("relation", "mine" if not text else "all")
    qs = Partner.objects.search(text)
    if mine == "mine":
        qs = qs.filter(relations__mission_locale_id__in=ids)
    qs = qs.annotate(
        agreement_count=Count("agreement_parties", distinct=True),
    ).order_by("name")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    relations = {
        r.partner_id: r
        for r in EmployerRelation.objects.visible_to(request.user)
        .with_last_exchange()
        .filter(partner__in=[p.pk for p in page])
        .select_related("followed_by")
    }
    for partner in page:
        partner.relation = relations.get(partner.pk)
    return render(
        request,
        "employers/partner_list.html",
        {
            "page": page,
            "q": search.shown(),
            "q_error": search.error_text(),
            "relation": mine,
            "title": "Entreprises et partenaires",
            "can_manage": can_manage_employer_relations(request.user),
        },
    )


@employer_manager_required
@idempotent
def partner_create(request):
    form = PartnerForm(request.POST or None)

    def save():
        partner = save_with(form, owner=request.user.mission_locale)
        services.ensure_relation(request.user.mission_locale, partner, request.user)
        return f"{partner} est ajouté à vos relations entreprises.", _detail_url(partner)

    return form_page(request, form, save, "Nouveau partenaire", reverse("employers:partner_list"))


@ml_staff_required
def partner_detail(request, partner_pk):
    partner = get_object_or_404(Partner, pk=partner_pk)
    user = request.user
    relation = (
        EmployerRelation.objects.visible_to(user)
        .with_last_exchange()
        .filter(partner=partner)
        .select_related("followed_by")
        .first()
    )
    context = {
        "partner": partner,
        "title": str(partner),
        "relation": relation,
        "exchanges": relation.exchanges.select_related("author", "contact")[:30] if relation else [],
        "contacts": PartnerContact.objects.visible_to(user).filter(partner=partner),
        "parties": partner.agreement_parties.select_related("agreement"),
        "offers": JobOffer.objects.visible_to(user).filter(partner=partner)[:20],
        "can_manage": can_manage_employer_relations(user),
        "can_edit": can_edit_partner(user, partner),
        "owner": partner.owner,
        "changes": changes(Partner, partner.history.select_related("history_user")[:30]),
    }
    return render(request, "employers/partner_detail.html", context)


@login_required
def partner_edit(request, partner_pk):
    """Fiche du répertoire commun : la mission locale propriétaire ou le national (historisé)."""
    partner = get_object_or_404(Partner, pk=partner_pk)
    if not can_edit_partner(request.user, partner):
        raise PermissionDenied(PARTNER_EDIT_ONLY)
    form = PartnerForm(request.POST or None, instance=partner)
    back = (
        _detail_url(partner) if can_see_personal_data(request.user) else reverse("employers:agreement_list")
    )
    save = saved_versioned(form, "Le partenaire est mis à jour.", back)
    return form_page(request, form, save, f"Modifier {partner}", back)


@employer_manager_required
@idempotent
def exchange_create(request, partner_pk):
    partner = get_object_or_404(Partner, pk=partner_pk)
    form = ExchangeForm(request.POST or None, partner=partner, user=request.user)

    def save():
        relation = services.ensure_relation(request.user.mission_locale, partner, request.user)
        save_with(form, relation=relation, author=request.user)
        return "L'échange est enregistré.", _detail_url(partner)

    return form_page(request, form, save, f"Échange avec {partner.label}", _detail_url(partner))


@employer_manager_required
@idempotent
def contact_create(request, partner_pk):
    partner = get_object_or_404(Partner, pk=partner_pk)
    form = PartnerContactForm(request.POST or None)

    def save():
        contact = save_with(form, partner=partner, mission_locale=request.user.mission_locale)
        services.ensure_relation(request.user.mission_locale, partner, request.user)
        return f"{contact} est ajouté aux interlocuteurs.", _detail_url(partner)

    return form_page(request, form, save, f"Nouvel interlocuteur chez {partner.label}", _detail_url(partner))


@employer_manager_required
def relation_edit(request, partner_pk):
    """Qui suit la relation de la mission locale avec ce partenaire, depuis quand, notes."""
    partner = get_object_or_404(Partner, pk=partner_pk)
    mission_locale = request.user.mission_locale
    relation = EmployerRelation.objects.filter(
        mission_locale=mission_locale, partner=partner
    ).first() or EmployerRelation(mission_locale=mission_locale, partner=partner, followed_by=request.user)
    form = RelationForm(request.POST or None, instance=relation, user=request.user)
    save = saved_versioned(form, "La relation est mise à jour.", _detail_url(partner))
    return form_page(request, form, save, f"Relation avec {partner.label}", _detail_url(partner))


def _detail_url(partner):
    return reverse("employers:partner_detail", kwargs={"partner_pk": partner.pk})
