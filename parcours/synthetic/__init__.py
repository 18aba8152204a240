"""Données synthétiques réalistes et reproductibles (commande ``generer_donnees``).

Le cœur (missions locales, conseillers, jeunes, contacts, propositions, situations) est ici ; chaque app
peut compléter par un module ``parcours/<app>/synthetic.py`` exposant ``generate(ctx)`` (voir ``context``).
"""
