"""Outils des tests de double authentification : un appareil TOTP confirmé et son code du moment."""

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def confirmed_device(user):
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Téléphone de test", confirmed=True)


def current_code(device):
    """Le code que l'application afficherait maintenant, calculé depuis la clé de l'appareil."""
    device.refresh_from_db()
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):0{device.digits}d}"
