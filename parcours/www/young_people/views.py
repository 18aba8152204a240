from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone

from parcours.accounts.access import (
    can_assign_referent,
    can_choose_referent_at_creation,
    can_create_files,
    can_edit_identity,
    can_enter_sensitive_at_creation,
    can_issue_attestation,
    can_manage_file,
    can_print_file_summary,
    can_read_access_log,
    can_see_files_without_referent,
    can_see_sensitive,
    can_write_appointments,
    can_write_follow_up,
    visible_mission_locale_ids,
)
from parcours.prepared import PreparedList, PreparedQuery
from parcours.programmes import worklist as worklists
from parcours.programmes.worklist import JDI_WARNING_DAYS
from parcours.reminders import services as reminders
from parcours.versioning import ConcurrentEditError
from parcours.www.access import allowed_young_person, ml_staff_required, visible_young_person
from parcours.www.history import changes as history_changes
from parcours.www.idempotency import idempotent
from parcours.www.numbers import whole_number
from parcours.www.pages import form_page, page_url
from parcours.www.young_people import portfolio as portfolio_filters
from parcours.www.young_people.forms import (
    ArchiveForm,
    NewYoungPersonForm,
    SearchForm,
    TransferReferentForm,
    YoungPersonForm,
)
from parcours.young_people import duplicates, services, timeline
from parcours.young_people.models import (
    SENSITIVE_FIELDS,
    FileAccess,
    YoungPerson,
    search_tokens,
    short_tokens,
)

PAGE_SIZE = 25
TIMELINE_SIZE = 30
_detail_url = partial(page_url, "young_people:detail")


def _found(ml_ids, tokens, *birth_date, short, archived):
    """Les dossiers des missions locales ``ml_ids`` dont le nom contient les fragments ``tokens`` (né le
    ``birth_date`` s'il est donné), ceux dont le nom commence par le premier fragment d'abord."""
    found = YoungPerson.objects.within(ml_ids).matching(tokens, short)
    if birth_date:
        found = found.filter(birth_date=birth_date[0])
    if not archived:
        found = found.active()
    ranking = ["prefix_rank"] if tokens else []
    return found.for_listing().order_by(*ranking, "last_name", "first_name", "pk")


# La recherche, ouverte à chaque accueil : la page de résultats et le compte en requête préparée
# (parcours/prepared.py), compilée une fois par nombre de fragments, par page et par option.
_FOUND = PreparedQuery(_found)


@ml_staff_required
def search(request):
    form = SearchForm(request.GET or None)
    page = None
    if form.is_valid():
        tokens = search_tokens(form.cleaned_data["q"])
        birth_date = form.cleaned_data["birth_date"]
        found = PreparedList(
            _FOUND,
            visible_mission_locale_ids(request.user),
            tokens,
            *([birth_date] if birth_date else []),
            short=short_tokens(tokens),
            archived=form.cleaned_data["include_archived"],
        )
        page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "young_people/_search_results.html" if request.htmx else "young_people/search.html"
    return render(request, template, {"form": form, "page": page, "title": "Rechercher un jeune"})


@ml_staff_required
def portfolio(request):
    sort = request.GET.get("tri", portfolio_filters.DEFAULT_SORT)
    if sort not in portfolio_filters.SORTS:
        sort = portfolio_filters.DEFAULT_SORT
    today = timezone.localdate()
    form = portfolio_filters.PortfolioFilterForm(request.GET)
    export = request.GET.get("export")
    if form.active or export in portfolio_filters.EXPORT_FORMATS:
        qs = worklists.counsellor_scope(request.user)
        if form.is_valid():
            qs = form.filter(qs, today, worklists.list_key(request.user, False, today))
        qs = portfolio_filters.listed(qs, today, sort)
        if export in portfolio_filters.EXPORT_FORMATS:
            return portfolio_filters.export_response(qs, today, export)
    else:
        qs = portfolio_filters.unfiltered(request.user, today, sort)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    for young_person in page:
        young_person.days_since_contact = (
            (today - young_person.last_contact_on).days if young_person.last_contact_on else None
        )
        young_person.current_situation_label = portfolio_filters.situation_label(
            young_person.current_situation
        )
    query = form.query()
    return render(
        request,
        "young_people/portfolio.html",
        {
            "form": form,
            "page": page,
            "sort": sort,
            "filters": query,
            "sorted_filters": f"&tri={sort}{query}",
            "title": "Mes jeunes",
            "total": page.paginator.count,
            "warning_days": JDI_WARNING_DAYS,
        },
    )


@ml_staff_required
@idempotent
def create(request):
    if not can_create_files(request.user):
        raise PermissionDenied("Les dossiers sont créés par l'accueil, les conseillers et la direction.")
    form = NewYoungPersonForm(
        request.POST or None,
        mission_locale=request.user.mission_locale,
        show_sensitive=can_enter_sensitive_at_creation(request.user),
        choose_referent=can_choose_referent_at_creation(request.user),
        duplicate_scope=YoungPerson.objects.visible_to(request.user),
    )
    if request.method == "POST" and form.is_valid():
        young_person = services.create_young_person(form.save(commit=False), created_by=request.user)
        messages.success(request, f"Le dossier de {young_person} est créé.")
        return redirect("young_people:detail", pk=young_person.pk)
    return render(request, "young_people/form.html", {"form": form, "title": "Nouveau dossier"})


@ml_staff_required
def detail(request, pk):
    young_person = visible_young_person(request, pk, related=reminders.FILE_PANEL_RELATED)
    entries = timeline.build(young_person, request.user)
    kinds = sorted({entry.kind for entry in entries})
    kind = request.GET.get("type", "")
    if kind in kinds:
        entries = [entry for entry in entries if entry.kind == kind]
    show_all = request.GET.get("tout") == "1"
    context = {
        "young_person": young_person,
        "title": str(young_person),
        "show_sensitive": can_see_sensitive(request.user, young_person),
        "can_manage": can_manage_file(request.user, young_person),
        "can_assign_referent": can_assign_referent(request.user, young_person),
        "can_edit": can_edit_identity(request.user, young_person),
        "can_write_appointments": can_write_appointments(request.user, young_person),
        "can_write_follow_up": can_write_follow_up(request.user, young_person),
        "can_issue_attestation": can_issue_attestation(request.user, young_person),
        "can_print_file_summary": can_print_file_summary(request.user, young_person),
        "timeline": entries if show_all else entries[:TIMELINE_SIZE],
        "timeline_total": len(entries),
        "timeline_kinds": [(k, timeline.kind_label(k)) for k in kinds],
        "timeline_kind": kind,
        # Lues par le fil du parcours, avec ses contacts et ses inscriptions (l'en-tête) : rien n'est relu.
        "current_situations": [s for s in young_person.situations.all() if s.is_current()],
        "age": young_person.age(),
    }
    return render(request, "young_people/detail.html", context)


IDENTITY_ONLY = "L'identité du jeune est tenue par l'accueil, les conseillers et la direction."


@ml_staff_required
def edit(request, pk):
    young_person = allowed_young_person(request, pk, can_edit_identity, IDENTITY_ONLY)
    show_sensitive = can_see_sensitive(request.user, young_person)
    form = YoungPersonForm(
        request.POST or None,
        instance=young_person,
        mission_locale=young_person.mission_locale,
        show_sensitive=show_sensitive,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_young_person(
                form.save(commit=False),
                expected_version=form.cleaned_data["version"],
                changed_by=request.user,
            )
        except ConcurrentEditError as error:
            form.show_conflict(error)
        else:
            messages.success(request, "Les modifications sont enregistrées.")
            return redirect("young_people:detail", pk=young_person.pk)
    return render(
        request,
        "young_people/form.html",
        {"form": form, "young_person": young_person, "title": "Modifier le dossier"},
    )


@ml_staff_required
def history(request, pk):
    young_person = visible_young_person(request, pk)
    hidden = set() if can_see_sensitive(request.user, young_person) else set(SENSITIVE_FIELDS)
    records = young_person.history.select_related("history_user").order_by("-history_date")[:200]
    changes = history_changes(YoungPerson, records, hidden)
    accesses = FileAccess.objects.filter(young_person=young_person).select_related("user")[:50]
    return render(
        request,
        "young_people/history.html",
        {
            "young_person": young_person,
            "changes": changes,
            "accesses": accesses if can_read_access_log(request.user, young_person) else None,
            "title": f"Historique – {young_person}",
        },
    )


MANAGERS_ONLY = "Seuls le référent du jeune et la direction peuvent faire cette action."


def _managed_file(request, pk):
    return allowed_young_person(request, pk, can_manage_file, MANAGERS_ONLY)


@ml_staff_required
def archive(request, pk):
    young_person = _managed_file(request, pk)
    if young_person.is_archived:
        if request.method == "POST":
            try:
                services.unarchive(young_person, restored_by=request.user)
            except services.MergeError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, "Le dossier est rouvert.")
        return redirect("young_people:detail", pk=pk)
    form = ArchiveForm(request.POST or None)

    def save():
        services.archive(young_person, form.cleaned_data["reason"], archived_by=request.user)
        return "Le dossier est archivé.", _detail_url(young_person)

    return form_page(request, form, save, "Archiver le dossier", submit="Archiver", young_person=young_person)


@ml_staff_required
def unassigned(request):
    """Les dossiers sans référent, les plus anciens d'abord : la file que la direction attribue."""
    if not can_see_files_without_referent(request.user):
        raise PermissionDenied("La file des dossiers sans référent est tenue par la direction et l'accueil.")
    qs = (
        YoungPerson.objects.visible_to(request.user)
        .without_referent()
        .for_listing()
        .order_by("first_reception_date", "last_name", "first_name", "pk")
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "young_people/unassigned.html",
        {"page": page, "total": page.paginator.count, "title": "Dossiers sans référent"},
    )


REFERENT_CHANGE_ONLY = (
    "Seuls le référent du jeune et la direction peuvent changer de référent ; "
    "l'accueil donne un référent aux dossiers qui n'en ont pas."
)


@ml_staff_required
def transfer(request, pk):
    young_person = allowed_young_person(request, pk, can_assign_referent, REFERENT_CHANGE_ONLY)
    form = TransferReferentForm(request.POST or None, young_person=young_person)

    def save():
        referent = form.cleaned_data["referent"]
        services.transfer_referent(
            young_person, referent, assigned_by=request.user, reason=form.cleaned_data["reason"]
        )
        return f"{referent} est désormais référent de ce jeune.", _detail_url(young_person)

    if young_person.referent_id is None:
        title, submit = "Choisir un référent", "Attribuer"
    else:
        title, submit = "Changer de référent", "Transférer"
    return form_page(request, form, save, title, submit=submit, young_person=young_person)


@ml_staff_required
def merge(request, pk):
    """Fusionner ce dossier (le doublon) dans un dossier existant du même jeune."""
    duplicate = _managed_file(request, pk)
    matches = duplicates.candidates(
        YoungPerson.objects.visible_to(request.user).select_related("referent", "mission_locale"),
        duplicates.Person.of(duplicate),
        exclude_pk=pk,
    )
    candidates = YoungPerson.objects.visible_to(request.user).filter(
        pk__in=[match.young_person.pk for match in matches]
    )
    for match in matches:
        match.young_person.duplicate_reasons = ", ".join(match.reasons)
    services.record_accesses(request.user, [match.young_person.pk for match in matches], FileAccess.WEB_LIST)
    if request.method == "POST" and not duplicate.merged_into_id:
        kept_pk = whole_number(request.POST.get("kept"))
        kept = candidates.filter(pk=kept_pk).first() if kept_pk is not None else None
        if kept is None:
            messages.error(request, "Choisissez le dossier à conserver parmi les doublons proposés.")
        else:
            try:
                services.merge_duplicate(duplicate, kept, merged_by=request.user)
            except services.MergeError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, "Le doublon est fusionné : tout son parcours est dans ce dossier.")
                return redirect("young_people:detail", pk=kept.pk)
    return render(
        request,
        "young_people/merge.html",
        {
            "young_person": duplicate,
            "candidates": [match.young_person for match in matches],
            "chosen": request.POST.get("kept") or request.GET.get("garder"),
            "title": "Fusionner un doublon",
        },
    )
