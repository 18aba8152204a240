"""Prestataires de test qui « tuent » le travailleur au milieu d'un lot : ``Killed`` n'est pas une ``Exception``,
rien dans le code d'envoi ne la rattrape — comme un processus tué, dont la transaction en cours est perdue."""

import time

from django.core.mail.backends.locmem import EmailBackend as LocmemBackend

from parcours.reminders.sms import FileBackend


class Killed(BaseException):
    pass


class Plan:
    """Au ``kill_at``-ième envoi, le travailleur meurt : avant que le prestataire ait le message, ou après."""

    kill_at = None
    after_acceptance = False
    calls = 0

    @classmethod
    def reset(cls, kill_at=None, after_acceptance=False):
        cls.kill_at, cls.after_acceptance, cls.calls = kill_at, after_acceptance, 0

    @classmethod
    def step(cls, accept):
        cls.calls += 1
        dying = cls.calls == cls.kill_at
        if dying and not cls.after_acceptance:
            raise Killed
        result = accept()
        if dying:
            raise Killed
        return result


class KillingEmailBackend(LocmemBackend):
    def send_messages(self, messages):
        return Plan.step(lambda: super(KillingEmailBackend, self).send_messages(messages))


class KillingSmsBackend(FileBackend):
    def send(self, number, text, idempotency_key):
        return Plan.step(lambda: super(KillingSmsBackend, self).send(number, text, idempotency_key))


class SlowSmsBackend(FileBackend):
    """Pour le test du processus tué : un SMS prend 0,3 s, le temps de tuer le processus en plein lot."""

    def send(self, number, text, idempotency_key):
        time.sleep(0.3)
        return super().send(number, text, idempotency_key)
