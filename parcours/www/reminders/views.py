"""Rappels de rendez-vous : l'accord du jeune (depuis son dossier), les réglages de la mission locale, le retour
d'état du prestataire SMS. Aucun envoi ici : les rappels partent du travailleur (``parcours/reminders``)."""

import json

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseNotAllowed
from django.utils.crypto import constant_time_compare
from django.views.decorators.csrf import csrf_exempt

from parcours.accounts.access import can_record_reminder_consent, can_set_reminders
from parcours.reminders import services
from parcours.reminders.enums import Channel
from parcours.www.access import allowed_young_person, ml_staff_required, staff_allowed
from parcours.www.pages import form_page, page_url
from parcours.www.reminders.forms import ConsentForm, SettingsForm

CONSENT_ONLY = (
    "L'accord pour les rappels se note par l'accueil, les conseillers et la direction de la mission locale."
)


@ml_staff_required
def consent(request, pk):
    """L'accord du jeune pour les rappels et son canal préféré."""
    young_person = allowed_young_person(request, pk, can_record_reminder_consent, CONSENT_ONLY)
    current = services.consent_of(young_person)
    form = ConsentForm(
        request.POST or None,
        # Version 0 : aucun accord n'était noté à l'ouverture ; un accord noté entre-temps n'est pas écrasé.
        initial={
            "channel": current.channel,
            "consent": current.consent,
            "version": current.version if current.pk else 0,
        },
    )

    def save():
        data = form.cleaned_data
        services.record_consent(
            young_person,
            channel=data["channel"],
            consent=data["consent"],
            by=request.user,
            expected_version=data["version"],
        )
        message = (
            "Le jeune ne recevra pas de rappel."
            if data["channel"] == Channel.NONE
            else f"Rappels notés : {Channel(data['channel']).label.lower()}."
        )
        return message, page_url("young_people:detail", young_person)

    return form_page(
        request,
        form,
        save,
        "Rappels de rendez-vous",
        submit="Enregistrer l'accord",
        young_person=young_person,
    )


@staff_allowed(can_set_reminders, "Les rappels de la mission locale se règlent par la direction.")
def ml_settings(request):
    mission_locale = request.user.mission_locale
    form = SettingsForm(request.POST or None, instance=services.settings_of(mission_locale))

    def save():
        data = form.cleaned_data
        services.update_settings(
            mission_locale,
            delay_hours=data["delay_hours"],
            cancel_contact=data["cancel_contact"],
            by=request.user,
        )
        return f"Les rappels partiront {data['delay_hours']} h avant chaque rendez-vous.", "/"

    return form_page(request, form, save, f"Rappels de rendez-vous – {mission_locale}", back_url="/")


@csrf_exempt
def sms_status(request):
    """Retour d'état du prestataire SMS : POST JSON ``{"id": ..., "status": "delivered" | "failed" | …}`` avec le
    jeton ``PARCOURS_SMS_JETON_RETOUR`` (en-tête ``Authorization: Bearer``). Adresse fermée sans jeton réglé."""
    expected = settings.REMINDERS_SMS_CALLBACK_TOKEN
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not expected or not constant_time_compare(given, expected):
        raise PermissionDenied("Jeton du prestataire absent ou invalide.")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        payload = json.loads(request.body or b"{}")
        provider_id, status = str(payload["id"]), str(payload["status"])
    except (ValueError, KeyError, TypeError):
        return HttpResponse('Corps illisible : {"id": ..., "status": ...} attendu.', status=400)
    updated = services.record_delivery(provider_id, status)
    return HttpResponse(f"{updated}", content_type="text/plain")
