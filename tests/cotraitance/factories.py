from tests.programmes.factories import EnvelopeFactory, ReferralFactory

__all__ = ["EnvelopeFactory", "ReferralFactory"]
