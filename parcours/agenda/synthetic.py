"""Données synthétiques de l'agenda : en démonstration, la semaine des conseillers de démonstration."""

from parcours.agenda import demo


def generate(ctx):
    if not ctx.demo:
        return
    created = demo.fill_week(ctx.today, ctx.rng)
    ctx.write(f"Agenda de démonstration : {created} rendez-vous cette semaine.")
