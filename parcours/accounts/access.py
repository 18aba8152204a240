"""Le seul endroit qui décide de ce qu'un utilisateur peut voir et faire.

Règle (domain.md §1) : le personnel d'une mission locale voit les jeunes de sa mission locale (et des
missions locales qu'elle a absorbées) ; personne hors d'une mission locale ne voit ses données
personnelles. Les données sensibles (santé, justice) ne sont visibles que du référent du jeune et de
la direction. Les rôles régionaux et nationaux ne voient que des agrégats.
Toutes les vues et l'API passent par ces fonctions ou par les ``visible_to(user)`` des QuerySets.
"""

import dataclasses

from parcours.accounts.enums import Role


def visible_mission_locale_ids(user):
    """Identifiants des missions locales dont l'utilisateur voit les données personnelles."""
    if not getattr(user, "is_authenticated", False) or not user.is_active or not user.is_ml_staff:
        return []
    from parcours.referential.models import MissionLocale

    return MissionLocale.objects.absorbed_ids(user.mission_locale_id)


def can_see_personal_data(user):
    return bool(visible_mission_locale_ids(user))


#: Rôles qui accompagnent les jeunes : ils lisent les comptes rendus et saisissent propositions et situations.
FOLLOW_UP_ROLES = (Role.COUNSELLOR, Role.DIRECTOR)
#: Rôles qui tiennent l'identité et les coordonnées des jeunes (l'accueil crée les dossiers).
IDENTITY_ROLES = (Role.RECEPTION, Role.COUNSELLOR, Role.DIRECTOR)
#: Rôles qui positionnent les jeunes sur les offres et suivent les relations entreprises.
PLACEMENT_ROLES = (*FOLLOW_UP_ROLES, Role.EMPLOYER_REFERENT)


def _in_scope(user, young_person, roles):
    return young_person.mission_locale_id in visible_mission_locale_ids(user) and user.role in roles


def can_create_files(user):
    """Créer un dossier (premier accueil) : l'accueil, les conseillers et la direction ; pas le référent entreprise."""
    return can_see_personal_data(user) and user.role in IDENTITY_ROLES


def can_edit_identity(user, young_person):
    """Modifier l'identité, les coordonnées et la situation déclarée du jeune : l'accueil, les conseillers, la direction."""
    return _in_scope(user, young_person, IDENTITY_ROLES)


def can_write_appointments(user, young_person):
    """Saisir ou modifier un rendez-vous (date, type, modalité, présence) : l'accueil, les conseillers, la direction."""
    return _in_scope(user, young_person, IDENTITY_ROLES)


def can_write_follow_up(user, young_person):
    """Propositions, situations, dispositifs, co-traitance du jeune : les conseillers et la direction."""
    return _in_scope(user, young_person, FOLLOW_UP_ROLES)


def can_read_interview_notes(user, young_person):
    """Thèmes et comptes rendus des contacts, intitulés des propositions : les conseillers et la direction
    (ni l'accueil ni le référent entreprise, qui voient qu'un contact a eu lieu : date, type, statut)."""
    return _in_scope(user, young_person, FOLLOW_UP_ROLES)


def can_see_sensitive(user, young_person):
    """Santé et justice : le référent du jeune et la direction de sa mission locale."""
    if young_person.mission_locale_id not in visible_mission_locale_ids(user):
        return False
    return user.role == Role.DIRECTOR or young_person.referent_id == user.pk


def can_enter_sensitive_at_creation(user):
    """Saisir santé et justice en créant un dossier : les conseillers (qui en deviennent référents) et la
    direction ; jamais l'accueil, qui ne les reverrait pas."""
    return can_see_personal_data(user) and user.role in FOLLOW_UP_ROLES


def can_see_record_content(user, young_person, record):
    """Thèmes, compte rendu, intitulé et partenaire d'un contact ou d'une proposition du jeune.

    Un enregistrement qui révèle la santé ou la justice (``record.is_sensitive``) suit la règle des données
    sensibles ; les autres, celle des comptes rendus.
    """
    if record is not None and record.is_sensitive:
        return can_see_sensitive(user, young_person)
    return can_read_interview_notes(user, young_person)


@dataclasses.dataclass(frozen=True)
class RecordRights:
    """Ce qu'un utilisateur peut faire des évènements d'un dossier, calculé une fois pour une page qui en liste
    des dizaines (le fil du parcours) : les mêmes règles que les fonctions ``can_…`` ci-dessus."""

    write_appointments: bool = False
    write_follow_up: bool = False
    read_notes: bool = False
    see_sensitive: bool = False

    def can_see_content(self, record):
        """``can_see_record_content`` pour un enregistrement du dossier."""
        return self.see_sensitive if record.is_sensitive else self.read_notes


def record_rights(user, young_person):
    """Les droits de ``user`` sur les évènements du dossier ; aucun pour un lecteur anonyme (``None``)."""
    if user is None:
        return RecordRights()
    return RecordRights(
        write_appointments=can_write_appointments(user, young_person),
        write_follow_up=can_write_follow_up(user, young_person),
        read_notes=can_read_interview_notes(user, young_person),
        see_sensitive=can_see_sensitive(user, young_person),
    )


def appointment_rights(user, appointments):
    """Pour chaque rendez-vous : (l'utilisateur peut l'écrire, il en lit l'objet). Ces deux règles ne dépendent
    que de la mission locale du jeune, de son référent et de la sensibilité du rendez-vous : chaque combinaison
    est calculée une fois (une page d'agenda affiche des dizaines de rendez-vous)."""
    found, rights = {}, []
    for appointment in appointments:
        person = appointment.young_person
        key = (person.mission_locale_id, person.referent_id, appointment.is_sensitive)
        if key not in found:
            found[key] = (
                can_write_appointments(user, person),
                can_see_record_content(user, person, appointment),
            )
        rights.append(found[key])
    return rights


def can_read_access_log(user, young_person):
    """Qui a consulté le dossier (page « Historique ») : la direction de la mission locale du jeune."""
    return _in_scope(user, young_person, (Role.DIRECTOR,))


def can_see_envelope(user):
    """Enveloppe de co-traitance et position nationale en tête de la liste « À faire » : la direction. (La page
    Co-traitance, ouverte à tout le personnel de la ML, les montre à chacun : des chiffres de la ML, rien de
    personnel.)"""
    return can_see_personal_data(user) and user.role == Role.DIRECTOR


def opens_worklist_on_whole_ml(user):
    """La liste « À faire » s'ouvre sur toute la mission locale pour la direction, sur ses jeunes sinon."""
    return user.role == Role.DIRECTOR


def can_manage_file(user, young_person):
    """Archiver le dossier ou changer de référent : le référent actuel et la direction."""
    if young_person.mission_locale_id not in visible_mission_locale_ids(user):
        return False
    return user.role == Role.DIRECTOR or young_person.referent_id == user.pk


#: Rôles qui donnent un référent aux dossiers qui n'en ont pas (l'accueil dès la création, la direction).
REFERENT_ASSIGNING_ROLES = (Role.RECEPTION, Role.DIRECTOR)


def can_choose_referent_at_creation(user):
    """Choisir le référent en créant un dossier : l'accueil et la direction (le conseiller le devient)."""
    return can_see_personal_data(user) and user.role in REFERENT_ASSIGNING_ROLES


def can_assign_referent(user, young_person):
    """Donner ou changer le référent : le référent actuel et la direction ; l'accueil, si le dossier n'en a pas."""
    if can_manage_file(user, young_person):
        return True
    return young_person.referent_id is None and _in_scope(user, young_person, (Role.RECEPTION,))


def can_see_files_without_referent(user):
    """La file des dossiers sans référent : la direction (qui les attribue) et l'accueil."""
    return can_see_personal_data(user) and user.role in REFERENT_ASSIGNING_ROLES


def can_see_aggregates(user, scope_kind, scope_code=None):
    """Tableaux de bord (agrégats) : tout pour le national ; la nation, toutes les régions (pour se comparer)
    et les ML de sa région pour l'animateur ; toutes les ML pour le personnel des ML. Hors de sa propre ML,
    le secret statistique masque les petits effectifs.

    ``scope_kind`` vaut ``national``, ``region`` ou ``ml``.
    """
    if not getattr(user, "is_authenticated", False):
        return False
    if user.role in (Role.NATIONAL, Role.ADMINISTRATOR) or user.is_superuser:
        return True
    if user.role == Role.REGIONAL_ANIMATOR:
        return scope_kind in ("national", "region") or (
            scope_kind == "ml" and scope_code is not None and _ml_in_region(scope_code, user.region_id)
        )
    if user.is_ml_staff:
        return True  # Agrégats seulement ; le secret statistique masque les petits effectifs des autres ML.
    return False


def own_dashboard_scope(user):
    """Le tableau de bord qui s'ouvre d'abord : sa région pour l'animateur régional, sa mission locale pour
    le personnel d'une ML, la France entière sinon (``("national", "")``)."""
    if user.role == Role.REGIONAL_ANIMATOR and user.region_id:
        return "region", user.region.code
    if user.is_ml_staff:
        return "ml", user.mission_locale.code
    return "national", ""


def _ml_in_region(ml_code, region_id):
    from parcours.referential.models import MissionLocale

    return MissionLocale.objects.filter(code=ml_code, department__region_id=region_id).exists()


def can_manage_employer_relations(user):
    """Offres, relations entreprises, parrains et évènements de sa mission locale : référent entreprise et direction.

    Les conseillers positionnent les jeunes sur les offres (``can_work_on_placements``) sans gérer les offres.
    """
    return can_see_personal_data(user) and user.role in (Role.EMPLOYER_REFERENT, Role.DIRECTOR)


def can_work_on_placements(user):
    """Positionner un jeune sur une offre, suivre une mise en relation, une immersion, un parrainage :
    les conseillers, le référent entreprise et la direction ; pas l'accueil."""
    return can_see_personal_data(user) and user.role in PLACEMENT_ROLES


def positionable_young_people(user, young_people):
    """Parmi ``young_people`` (déjà visibles de l'utilisateur), ceux qu'il peut positionner sur une offre :
    un conseiller ne positionne que les jeunes dont il est le référent ; la direction et le référent
    entreprise, tous."""
    return young_people.filter(referent=user) if positions_only_own_young_people(user) else young_people


def can_put_forward(user, young_person):
    """``user`` peut-il positionner ``young_person`` sur une offre ? La même règle que
    ``positionable_young_people``, pour un jeune : un conseiller, s'il en est le référent."""
    return not positions_only_own_young_people(user) or young_person.referent_id == user.pk


def positions_only_own_young_people(user):
    return user.role == Role.COUNSELLOR


def _active_staff(mission_locale_ids, roles):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(
        mission_locale_id__in=mission_locale_ids, role__in=roles, is_active=True
    )


def possible_referents(mission_locale):
    """Comptes qui peuvent être référents d'un jeune de la mission locale : ses conseillers et sa direction."""
    return _active_staff([mission_locale.pk], FOLLOW_UP_ROLES)


def placement_staff(user):
    """Personnel qui peut suivre une relation entreprise ou un contact avec un partenaire : conseillers,
    référents entreprise et direction des missions locales visibles de l'utilisateur."""
    return _active_staff(visible_mission_locale_ids(user), PLACEMENT_ROLES).order_by(
        "last_name", "first_name"
    )


def _is_national_level(user):
    return user.role in (Role.NATIONAL, Role.ADMINISTRATOR) or user.is_superuser


def can_edit_partner(user, partner):
    """Fiche d'un partenaire du répertoire commun : la mission locale qui l'a créé (sa direction, son référent
    entreprise) ou le national. Un signataire d'accord national et un partenaire sans mission locale
    propriétaire relèvent du seul national."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if _is_national_level(user):
        return True
    if partner.owner_id is None or partner.agreement_parties.exists():
        return False
    return can_manage_employer_relations(user) and partner.owner_id in visible_mission_locale_ids(user)


def can_import_referrals(user):
    """Importer un fichier d'orientations Pôle emploi : la direction de la mission locale.

    L'import cherche le jeune dans toutes les missions locales (double accompagnement) : il n'est ouvert qu'à
    qui en a besoin, et chaque recherche hors de la mission locale est journalisée.
    """
    return can_see_personal_data(user) and user.role == Role.DIRECTOR


def can_manage_agreements(user, region=None):
    """Accords nationaux : le national et l'administrateur ; l'animateur régional pour les déclinaisons de sa région."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if _is_national_level(user):
        return True
    return user.role == Role.REGIONAL_ANIMATOR and region is not None and region.pk == user.region_id


def manageable_regions(user):
    """Les régions dont ``user`` saisit les déclinaisons des accords (``can_manage_agreements``)."""
    from parcours.referential.models import Region

    return Region.objects.filter(
        pk__in=[region.pk for region in Region.objects.all() if can_manage_agreements(user, region)]
    )


def _is_administrator(user):
    return (
        getattr(user, "is_authenticated", False)
        and user.is_active
        and (user.role == Role.ADMINISTRATOR or user.is_superuser)
    )


def can_unlock_accounts(user):
    """Déverrouiller un compte bloqué après trop d'échecs de connexion : la direction d'une ML, l'administrateur."""
    return _is_administrator(user) or (can_see_personal_data(user) and user.role == Role.DIRECTOR)


def accounts_unlockable_by(user):
    """Comptes que l'utilisateur peut déverrouiller : ceux de sa ML (et des ML absorbées) pour la direction,
    tous pour l'administrateur."""
    from django.contrib.auth import get_user_model

    accounts = get_user_model().objects.all()
    if _is_administrator(user):
        return accounts
    if not can_unlock_accounts(user):
        return accounts.none()
    return accounts.filter(mission_locale_id__in=visible_mission_locale_ids(user))


def can_open_admin(user):
    """L'administration de Django (lien « Administration ») : les comptes qui y ont accès."""
    return getattr(user, "is_authenticated", False) and user.is_active and user.is_staff


#: Rôles qui voient le pays, une région ou l'administration : double authentification obligatoire.
TWO_FACTOR_ROLES = (Role.NATIONAL, Role.REGIONAL_ANIMATOR, Role.ADMINISTRATOR)


def must_use_two_factor(user):
    """Double authentification (TOTP) exigée : rôles national, régional et administrateur, et tout compte qui
    ouvre l'administration de Django. Facultative pour le personnel des ML (exigée dès qu'il l'a activée)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.role in TWO_FACTOR_ROLES or user.is_staff or user.is_superuser


def can_issue_attestation(user, young_person):
    """Attestation de suivi (PDF), le document que les jeunes demandent le plus souvent, souvent au guichet :
    l'accueil, les conseillers et la direction de la mission locale du jeune."""
    return _in_scope(user, young_person, IDENTITY_ROLES)


def can_print_file_summary(user, young_person):
    """Fiche de synthèse du dossier (PDF) : le parcours, les propositions et les contacts, ce que lisent les
    conseillers et la direction."""
    return _in_scope(user, young_person, FOLLOW_UP_ROLES)


def can_manage_documents(user, young_person):
    """Documents du dossier (CV, diplômes, attestations) : les déposer, les lire, les retirer. Tout le personnel
    de la mission locale du jeune : l'accueil et les conseillers les reçoivent de lui, le référent entreprise
    envoie son CV aux employeurs."""
    return _in_scope(user, young_person, (*IDENTITY_ROLES, Role.EMPLOYER_REFERENT))


# Agenda (issue 10) : les rendez-vous sont les contacts planifiés ; les écrire relève de ``can_write_appointments``.


def has_own_agenda(user):
    """« Mon agenda » : qui reçoit les jeunes en rendez-vous, les conseillers et la direction."""
    return can_see_personal_data(user) and user.role in FOLLOW_UP_ROLES


def can_have_calendar_feed(user):
    """Calendrier privé (.ics) de ses rendez-vous, lu par son outil d'agenda : qui a « Mon agenda » (compte actif).

    Le lien porte un jeton révocable ; un compte désactivé ou qui change de rôle n'est plus servi."""
    return getattr(user, "is_active", False) and has_own_agenda(user)


def can_open_site_agenda(user):
    """Agenda d'un site (tous les conseillers de la ML, arrivées) et prise de rendez-vous pour un conseiller :
    l'accueil, les conseillers et la direction ; pas le référent entreprise."""
    return can_see_personal_data(user) and user.role in IDENTITY_ROLES


def can_see_team_agenda(user):
    """Semaine de l'équipe (tous les conseillers de la ML) : la direction."""
    return can_see_personal_data(user) and user.role == Role.DIRECTOR


def can_see_group_sessions(user):
    """Séances collectives de la ML (informations collectives, ateliers) et leurs participants : l'accueil, les
    conseillers et la direction ; pas le référent entreprise."""
    return can_see_personal_data(user) and user.role in IDENTITY_ROLES


def can_register_to_group_sessions(user, young_person=None):
    """Inscrire des jeunes à une séance collective (ou les désinscrire) : l'accueil, les conseillers et la
    direction, pour les jeunes de leur ML."""
    if young_person is None:
        return can_see_group_sessions(user)
    return _in_scope(user, young_person, IDENTITY_ROLES)


def can_run_group_sessions(user):
    """Prévoir, modifier, annuler une séance collective et en faire l'appel : ceux qui accompagnent les jeunes,
    les conseillers et la direction."""
    return can_see_personal_data(user) and user.role in FOLLOW_UP_ROLES


def visible_sites(user):
    """Sites d'accueil des missions locales visibles de l'utilisateur."""
    from parcours.referential.models import Site

    return Site.objects.filter(mission_locale_id__in=visible_mission_locale_ids(user))


def agenda_holders(user):
    """Comptes qui tiennent un agenda dans les ML visibles de l'utilisateur : conseillers et direction."""
    return _active_staff(visible_mission_locale_ids(user), FOLLOW_UP_ROLES).order_by(
        "last_name", "first_name", "pk"
    )


#: La page d'accueil de chaque rôle des ML : ce sur quoi il travaille (issue 11) ; les autres rôles, les agrégats.
HOMES = {
    Role.RECEPTION: "accueil",
    Role.COUNSELLOR: "conseiller",
    Role.DIRECTOR: "direction",
    Role.EMPLOYER_REFERENT: "entreprise",
}


def home_for(user):
    """« accueil » (dossiers du jour, sans référent, rendez-vous attendus), « conseiller » (aujourd'hui, alertes,
    portefeuille), « direction » (l'équipe), « entreprise » (offres, mises en relation, partenaires) ou
    « agregats » (rôles sans données personnelles)."""
    return HOMES.get(user.role, "agregats") if can_see_personal_data(user) else "agregats"


# Rappels de rendez-vous (issue 10, parcours/reminders).


def can_record_reminder_consent(user, young_person):
    """Accord du jeune pour les rappels et canal préféré : qui tient ses coordonnées et prend ses rendez-vous
    (accueil, conseillers, direction de sa mission locale)."""
    return can_write_appointments(user, young_person)


def can_set_reminders(user):
    """Délai des rappels et contact pour annuler, pour toute la mission locale : la direction."""
    return can_see_personal_data(user) and user.role == Role.DIRECTOR


def can_fix_data_quality(user):
    """Les dossiers que compte le rapport de qualité, à corriger : conseillers et direction de la ML (issue 11)."""
    return can_see_personal_data(user) and user.role in FOLLOW_UP_ROLES


def can_open_files_to_fix_of(user, ml_code):
    """Le rapport de qualité d'une mission locale mène à ses dossiers pour son seul personnel (et pas d'un
    rapport national ou régional, qui ne nomme personne)."""
    if not can_fix_data_quality(user):
        return False
    from parcours.referential.models import MissionLocale

    return MissionLocale.objects.filter(code=ml_code, pk__in=visible_mission_locale_ids(user)).exists()


def can_review_duplicates(user):
    """La liste des doublons probables de la mission locale, et « pas un doublon » : la direction (issue 11)."""
    return can_see_personal_data(user) and user.role == Role.DIRECTOR
