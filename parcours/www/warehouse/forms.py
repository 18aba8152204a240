import datetime

from django import forms

from parcours.warehouse import periods
from parcours.www.forms import DsfrFormMixin

KINDS = [
    ("trimestre", "Trimestre"),
    ("semestre", "Semestre"),
    ("annee", "Année"),
    ("personnalisee", "Personnalisée (mois à mois)"),
]


class PeriodForm(DsfrFormMixin, forms.Form):
    periode = forms.ChoiceField(label="Période", choices=KINDS, initial="trimestre")
    annee = forms.IntegerField(label="Année", min_value=periods.FIRST_YEAR, max_value=periods.LAST_YEAR)
    numero = forms.IntegerField(
        label="Numéro",
        required=False,
        min_value=1,
        max_value=4,
        help_text="Trimestre 1 à 4, semestre 1 ou 2.",
    )
    debut = forms.CharField(
        label="Premier mois",
        required=False,
        widget=forms.TextInput(attrs={"type": "month"}),
        help_text="AAAA-MM",
    )
    fin = forms.CharField(
        label="Dernier mois",
        required=False,
        widget=forms.TextInput(attrs={"type": "month"}),
        help_text="AAAA-MM",
    )

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            if data["periode"] == "personnalisee":
                start, end = _month(data.get("debut"), "debut"), _month(data.get("fin"), "fin")
                data["period"] = periods.Period(start, periods.month_end(end.year, end.month))
            else:
                data["period"] = periods.preset(data["periode"], data["annee"], data.get("numero") or 1)
        except periods.PeriodError as error:
            raise forms.ValidationError(str(error)) from error
        return data


def _month(text, field):
    try:
        year, month = (int(part) for part in (text or "").split("-"))
        return datetime.date(year, month, 1)
    except ValueError as error:
        label = "premier" if field == "debut" else "dernier"
        raise periods.PeriodError(f"Indiquez le {label} mois au format AAAA-MM.") from error


def initial_for(period):
    if period.months_count == 3 and period.start.month in (1, 4, 7, 10):
        kind, number = "trimestre", (period.start.month + 2) // 3
    elif period.months_count == 6 and period.start.month in (1, 7):
        kind, number = "semestre", (period.start.month + 5) // 6
    elif period.months_count == 12 and period.start.month == 1:
        kind, number = "annee", None
    else:
        kind, number = "personnalisee", None
    return {
        "periode": kind,
        "annee": period.end.year,
        "numero": number,
        "debut": f"{period.start:%Y-%m}",
        "fin": f"{period.end:%Y-%m}",
    }
