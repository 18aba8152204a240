"""Les petites briques communes aux formulaires de la couche web."""

import datetime

from django import forms

from parcours.modelkit import END_BEFORE_START_MESSAGE
from parcours.www.forms import check_period


class PeriodForm(forms.Form):
    start_date = forms.DateField(required=False)
    end_date = forms.DateField(required=False)

    def clean(self):
        cleaned = super().clean()
        check_period(self)
        return cleaned


def _errors(start, end):
    form = PeriodForm({"start_date": start, "end_date": end})
    form.is_valid()
    return form.errors


def test_check_period_refuses_an_end_before_the_start_on_the_end_field():
    assert _errors("2026-03-02", "2026-03-01") == {"end_date": [END_BEFORE_START_MESSAGE]}


def test_check_period_accepts_a_same_day_period_and_a_missing_date():
    assert _errors("2026-03-01", "2026-03-01") == {}
    assert _errors("2026-03-01", "") == {}
    assert _errors("", "2026-03-01") == {}


def test_check_period_reads_the_named_fields():
    class ValidityForm(forms.Form):
        valid_from = forms.DateField()
        valid_until = forms.DateField()

        def clean(self):
            check_period(self, "valid_from", "valid_until")
            return self.cleaned_data

    form = ValidityForm({"valid_from": datetime.date(2026, 3, 2), "valid_until": datetime.date(2026, 3, 1)})
    assert not form.is_valid()
    assert form.errors == {"valid_until": [END_BEFORE_START_MESSAGE]}
