"""L'accord du jeune et son canal, notés sur son dossier ; les rappels envoyés, montrés sur le dossier."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from parcours.accounts.enums import Role
from parcours.reminders import sending, services
from parcours.reminders.enums import Channel
from parcours.reminders.models import ReminderConsent, ReminderSettings
from parcours.versioning import ConcurrentEditError
from tests.factories import UserFactory, YoungPersonFactory
from tests.reminders import NOW

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def test_consent_is_recorded_with_who_and_when(young, counsellor):
    services.record_consent(young, channel="sms", consent=True, by=counsellor)
    record = ReminderConsent.objects.get(young_person=young)
    assert (record.consent, record.channel, record.recorded_by, record.recorded_at) == (
        True,
        Channel.SMS,
        counsellor,
        NOW,
    )


@pytest.mark.parametrize(
    ("channel", "consent", "email", "phone", "message"),
    [
        ("courriel", False, "a@example.org", "", "Cochez l'accord du jeune pour lui envoyer des rappels."),
        (
            "courriel",
            True,
            "",
            "0612345678",
            "Le dossier n'a pas d'adresse de courriel : ajoutez-la d'abord.",
        ),
        (
            "sms",
            True,
            "a@example.org",
            "03 20 00 00 00",
            "Le dossier n'a pas de numéro de portable (06 ou 07) : ajoutez-le d'abord.",
        ),
    ],
)
def test_consent_needs_agreement_and_a_reachable_channel(
    young, counsellor, channel, consent, email, phone, message
):
    young.email, young.phone = email, phone
    with pytest.raises(services.ConsentError) as refused:
        services.record_consent(young, channel=channel, consent=consent, by=counsellor)
    assert refused.value.reasons == [message]
    assert not ReminderConsent.objects.exists()


def test_no_reminder_means_no_consent(young, counsellor):
    services.record_consent(young, channel="courriel", consent=True, by=counsellor)
    record = services.record_consent(young, channel="aucun", consent=True, by=counsellor)
    assert (record.consent, record.channel, record.version) == (False, Channel.NONE, 2)


def test_database_refuses_a_channel_without_consent(young):
    with pytest.raises(IntegrityError):
        ReminderConsent.objects.create(young_person=young, consent=False, channel=Channel.EMAIL)


def test_consent_edits_do_not_overwrite_each_other(young, counsellor):
    record = services.record_consent(young, channel="courriel", consent=True, by=counsellor)
    services.record_consent(
        young, channel="sms", consent=True, by=counsellor, expected_version=record.version
    )
    with pytest.raises(ConcurrentEditError):
        services.record_consent(young, channel="aucun", consent=False, by=counsellor, expected_version=1)
    assert ReminderConsent.objects.get().channel == Channel.SMS


def test_reception_records_consent_from_the_file(client, ml, young):
    reception = UserFactory(mission_locale=ml, role=Role.RECEPTION)
    client.force_login(reception)
    url = reverse("reminders:consent", args=[young.pk])
    page = client.get(url).content.decode()
    assert "Rappels de rendez-vous" in page and "Par SMS" in page
    response = client.post(url, {"channel": "sms", "consent": "on"})
    assert response.status_code == 302 and response["Location"] == reverse(
        "young_people:detail", args=[young.pk]
    )
    consent = ReminderConsent.objects.get(young_person=young)
    assert (consent.channel, consent.recorded_by) == (Channel.SMS, reception)
    response = client.post(url, {"channel": "courriel", "version": consent.version})
    assert "Cochez l&#x27;accord du jeune pour lui envoyer des rappels." in response.content.decode()
    assert client.post(url, {"channel": "courriel", "consent": "on", "version": 1}).status_code == 302
    response = client.post(url, {"channel": "sms", "consent": "on", "version": 1})  # formulaire ouvert avant
    assert "modifié par une autre personne" in response.content.decode()
    assert ReminderConsent.objects.get().channel == Channel.EMAIL


def test_a_consent_recorded_meanwhile_is_not_overwritten_by_a_form_opened_before(client, ml, young):
    """Le formulaire ouvert quand aucun accord n'était noté ne remplace pas celui noté entre-temps (revue)."""
    reception = UserFactory(mission_locale=ml, role=Role.RECEPTION)
    client.force_login(reception)
    url = reverse("reminders:consent", args=[young.pk])
    opened = client.get(url).context["form"]["version"].value()
    services.record_consent(young, channel="sms", consent=True, by=reception)
    response = client.post(url, {"channel": "aucun", "version": opened})
    assert response.status_code == 200 and "modifié par une autre personne" in response.content.decode()
    assert services.consent_of(young).channel == "sms"


def test_file_shows_consent_and_reminders_sent(client, counsellor, young, consenting, appointment):
    consenting("courriel")
    appointment()
    sending.run()
    client.force_login(counsellor)
    page = client.get(reverse("young_people:detail", args=[young.pk])).content.decode()
    assert "Le jeune accepte les rappels par <strong>courriel</strong>" in page
    assert "<td>12/03/2026 09:00</td>" in page and "<td>Courriel</td>" in page and "Envoyé" in page
    assert reverse("reminders:consent", args=[young.pk]) in page


def test_employer_referent_reads_but_cannot_edit(client, ml, young):
    referent = UserFactory(mission_locale=ml, role=Role.EMPLOYER_REFERENT)
    client.force_login(referent)
    page = client.get(reverse("young_people:detail", args=[young.pk])).content.decode()
    assert "Aucun rappel : le jeune n'a pas donné son accord." in page
    assert reverse("reminders:consent", args=[young.pk]) not in page
    assert client.get(reverse("reminders:consent", args=[young.pk])).status_code == 403


def test_other_ml_gets_404(client, other_ml, young):
    client.force_login(UserFactory(mission_locale=other_ml, role=Role.DIRECTOR))
    assert client.get(reverse("reminders:consent", args=[young.pk])).status_code == 404


def test_director_sets_the_delay_of_the_ml(client, director, ml):
    client.force_login(director)
    url = reverse("reminders:settings")
    assert "48" in client.get(url).content.decode()  # défaut
    response = client.post(url, {"delay_hours": "24", "cancel_contact": "appelez le 03 20 00 00 00"})
    assert response.status_code == 302
    settings = ReminderSettings.objects.get(mission_locale=ml)
    assert (settings.delay_hours, settings.cancel_contact, settings.updated_by) == (
        24,
        "appelez le 03 20 00 00 00",
        director,
    )
    response = client.post(url, {"delay_hours": "500", "cancel_contact": ""})
    assert response.status_code == 200 and ReminderSettings.objects.get().delay_hours == 24


def test_consent_is_per_young_person(young, counsellor, ml):
    other = YoungPersonFactory(mission_locale=ml)
    services.record_consent(young, channel="courriel", consent=True, by=counsellor)
    assert services.consent_of(other).consent is False and services.consent_of(other).pk is None


def test_file_tells_the_delay_and_the_director_finds_its_setting(client, director, counsellor, young, ml):
    services.update_settings(ml, delay_hours=24, cancel_contact="", by=director)
    url = reverse("young_people:detail", args=[young.pk])
    client.force_login(counsellor)
    page = client.get(url).content.decode()
    assert "Un rappel part 24 h avant chaque rendez-vous." in page
    assert reverse("reminders:settings") not in page
    client.force_login(director)
    assert reverse("reminders:settings") in client.get(url).content.decode()


@pytest.mark.django_db
def test_consent_and_settings_read_with_the_file_are_never_stale():
    """Le dossier charge l'accord et les réglages avec le jeune (``FILE_PANEL_RELATED``) : une écriture faite
    ensuite sur le même objet se relit telle qu'écrite, et un accord vierge n'est pas gardé comme « lu »."""
    from parcours.young_people.models import YoungPerson

    person = YoungPersonFactory(email="jeune@example.org")
    by = UserFactory(mission_locale=person.mission_locale)
    services.record_consent(person, channel=Channel.EMAIL, consent=True, by=by)
    loaded = YoungPerson.objects.select_related(*services.FILE_PANEL_RELATED).get(pk=person.pk)
    assert services.consent_of(loaded).channel == Channel.EMAIL
    services.record_consent(loaded, channel=Channel.NONE, consent=False, by=by)
    assert services.consent_of(loaded).channel == Channel.NONE
    assert services.settings_of(loaded.mission_locale).delay_hours == 48
    services.update_settings(loaded.mission_locale, delay_hours=24, cancel_contact="", by=by)
    assert services.settings_of(loaded.mission_locale).delay_hours == 24

    other = YoungPersonFactory(mission_locale=person.mission_locale)
    read = YoungPerson.objects.get(pk=other.pk)
    assert services.consent_of(read).pk is None
    services.record_consent(YoungPerson.objects.get(pk=other.pk), channel=Channel.NONE, consent=False, by=by)
    assert services.consent_of(read).pk is not None


@pytest.mark.django_db
def test_merge_keeps_the_reminder_consent():
    """Fusion de doublons : l'accord aux rappels du doublon passe au dossier conservé s'il n'en a pas ; s'il en
    a un, c'est le sien qui fait foi."""
    from parcours.young_people.models import YoungPerson
    from parcours.young_people.services import merge_duplicate

    kept = YoungPersonFactory(email="garde@example.org")
    duplicate = YoungPersonFactory(mission_locale=kept.mission_locale, email="doublon@example.org")
    by = UserFactory(mission_locale=kept.mission_locale, role=Role.DIRECTOR)
    services.record_consent(duplicate, channel=Channel.EMAIL, consent=True, by=by)
    merge_duplicate(duplicate, kept, by)
    assert services.consent_of(YoungPerson.objects.get(pk=kept.pk)).channel == Channel.EMAIL

    other = YoungPersonFactory(mission_locale=kept.mission_locale, email="autre@example.org")
    services.record_consent(other, channel=Channel.NONE, consent=False, by=by)
    merge_duplicate(other, kept, by)
    assert services.consent_of(YoungPerson.objects.get(pk=kept.pk)).channel == Channel.EMAIL
    assert services.consent_of(YoungPerson.objects.get(pk=other.pk)).channel == Channel.NONE
