"""Rappels dans la matrice des permissions : le retour d'état du prestataire SMS est public (protégé par jeton)."""

PUBLIC_URL_NAMES = ["reminders:sms_status"]
