from django.db import models


class Channel(models.TextChoices):
    EMAIL = "courriel", "Courriel"
    SMS = "sms", "SMS"
    NONE = "aucun", "Aucun rappel"


#: Canaux par lesquels un rappel part (« aucun » n'en est pas un).
SENDING_CHANNELS = (Channel.EMAIL, Channel.SMS)


class MessageStatus(models.TextChoices):
    PENDING = "a_envoyer", "À envoyer"
    SENDING = "en_cours", "Envoi en cours"
    SENT = "envoye", "Envoyé"
    DELIVERED = "remis", "Remis"
    FAILED = "echec", "Échec"
    CANCELLED = "sans_objet", "Sans objet (rendez-vous annulé, déplacé ou accord retiré)"


#: Statuts d'un message encore à traiter par le travailleur.
OPEN_STATUSES = (MessageStatus.PENDING, MessageStatus.SENDING)
