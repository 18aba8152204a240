"""Règles des rappels, sans base : quand un rappel est dû, à qui il peut partir, ce qu'il dit.

Le texte d'un rappel ne dit que le lieu, le jour, l'heure et comment annuler : ni thème, ni compte rendu, ni nom
du conseiller, ni nom de famille (un SMS se lit sur l'écran verrouillé d'un téléphone prêté) ; le prénom du
jeune au plus.
"""

import datetime
import re

from django.utils import timezone

from parcours.accompaniment.enums import ContactMode
from parcours.dates import DAY_NAMES, MONTH_NAMES
from parcours.reminders.enums import Channel

#: Un rappel qui arriverait moins de tant avant le rendez-vous ne part plus (le jeune est déjà en route).
MIN_LEAD = datetime.timedelta(minutes=30)
#: Essais d'envoi d'un message avant l'échec (une erreur du prestataire ou un travailleur interrompu).
MAX_ATTEMPTS = 3

MOBILE = re.compile(r"^(?:0|\+33|0033)[67][0-9]{8}$")


def starts_at(date, time):
    """Le début du rendez-vous, heure de Paris (réglage TIME_ZONE)."""
    return timezone.make_aware(datetime.datetime.combine(date, time))


def due_at(start, delay_hours):
    return start - datetime.timedelta(hours=delay_hours)


def is_due(start, delay_hours, now):
    """Le rappel part dès ``delay_hours`` avant le rendez-vous, et plus du tout à moins de ``MIN_LEAD``."""
    return due_at(start, delay_hours) <= now < start - MIN_LEAD


def mobile_number(phone):
    """Le numéro de portable français écrit en chiffres (``0612345678``), ``""`` si ce n'est pas un portable."""
    digits = re.sub(r"[ .\-]", "", phone or "")
    if not MOBILE.match(digits):
        return ""
    return "0" + digits[-9:]


def recipient(channel, email, phone):
    """L'adresse où part un rappel par ``channel`` (``""`` si le dossier n'en a pas)."""
    if channel == Channel.EMAIL:
        return (email or "").strip()
    if channel == Channel.SMS:
        return mobile_number(phone)
    return ""


def when(start):
    local = timezone.localtime(start)
    minutes = f"{local.minute:02d}" if local.minute else ""
    return f"{DAY_NAMES[local.weekday()]} {local.day} {MONTH_NAMES[local.month - 1]} à {local.hour} h {minutes}".rstrip()


def where(mode, site):
    """Le lieu, tel qu'il se lit dans le rappel (le site du référentiel : nom, adresse, code postal, commune)."""
    if mode == ContactMode.PHONE:
        return "par téléphone : votre conseiller vous appellera"
    if mode == ContactMode.VIDEO:
        return "en visioconférence : votre conseiller vous a donné le lien"
    if site is None:
        return "à la mission locale"
    place = " ".join(p for p in (site.postcode, site.commune) if p)
    return ", ".join(p for p in (site.name, site.address, place) if p)


def how_to_cancel(mission_locale_name, cancel_contact, site=None):
    """Le contact réglé par la mission locale, à défaut le téléphone du site du rendez-vous."""
    if cancel_contact:
        return f"Pour annuler ou déplacer ce rendez-vous : {cancel_contact}."
    if site is not None and site.phone:
        return f"Pour annuler ou déplacer ce rendez-vous, appelez le {site.phone}."
    return f"Pour annuler ou déplacer ce rendez-vous, prévenez la {mission_locale_name}."


def subject(mission_locale_name, start):
    return f"Rappel : rendez-vous à la {mission_locale_name} le {when(start)}"


def email_text(*, first_name, mission_locale_name, start, mode, site, cancel_contact):
    return "\n".join(
        [
            f"Bonjour {first_name},",
            "",
            f"Nous vous rappelons votre rendez-vous à la {mission_locale_name} le {when(start)}.",
            f"Lieu : {where(mode, site)}.",
            "",
            how_to_cancel(mission_locale_name, cancel_contact, site),
            "",
            "Ce message est envoyé automatiquement, merci de ne pas y répondre.",
            f"{mission_locale_name}",
        ]
    )


def sms_text(*, mission_locale_name, start, mode, site, cancel_contact):
    return (
        f"{mission_locale_name} : rappel de votre rendez-vous le {when(start)}, {where(mode, site)}. "
        + how_to_cancel(mission_locale_name, cancel_contact, site)
    )
