"""One reading of a typed indicator value (domain/documents/getal_invoer.py) for `regie meting`, the answer
page and the Prefect form: Dutch numbers, a dot decimal where it has no other reading, and text with two
readings a thousand apart ("1.250", "1,250") or more decimals than are kept refused with what to write."""

from __future__ import annotations

from decimal import Decimal

import pytest

from services.checkins.measurements import parse_waarde
from services.checkins.progress import Ongeldig


@pytest.mark.parametrize(("typed", "value"), [
    ("42", "42"), ("12,5", "12.5"), ("12.5", "12.5"), ("12.50", "12.5"), ("0.75", "0.75"), ("-3", "-3"),
    ("1.234.567", "1234567"), ("1.250,5", "1250.5"), ("1 250", "1250"), ("1250", "1250"), (" 7 ", "7"),
    ("0,05", "0.05"), ("1.2500", "1.25"),
])
def test_values_with_one_reading_are_read(typed: str, value: str) -> None:
    assert parse_waarde(typed) == Decimal(value)


@pytest.mark.parametrize(("typed", "said"), [
    ("1.250", "waarde '1.250' is geen duidelijk getal: schrijf 1250 of 1,25 (een komma voor decimalen, geen "
              "teken tussen duizendtallen)."),
    ("1,250", "waarde '1,250' is geen duidelijk getal: schrijf 1250 of 1,25 (een komma voor decimalen, geen "
              "teken tussen duizendtallen)."),
    ("-12.500", "waarde '-12.500' is geen duidelijk getal: schrijf -12500 of -12,5 (een komma voor decimalen, "
                "geen teken tussen duizendtallen)."),
    ("0.125", "waarde '0.125' heeft meer dan twee cijfers achter de komma; een meting bewaart er twee. Schrijf "
              "bijvoorbeeld 0,13."),
    ("1234,567", "waarde '1234,567' heeft meer dan twee cijfers achter de komma; een meting bewaart er twee. "
                 "Schrijf bijvoorbeeld 1234,57."),
    ("\u0661\u0662", "waarde '\u0661\u0662' is geen getal. Schrijf bijvoorbeeld 42, 12,5 of 1250."),
    ("12 5", "waarde '12 5' is geen getal. Schrijf bijvoorbeeld 42, 12,5 of 1250."),
    ("1.5e3", "waarde '1.5e3' is geen getal. Schrijf bijvoorbeeld 42, 12,5 of 1250."),
    ("1" * 14, f"waarde '{'1' * 14}' is te groot voor een meting: vul een getal kleiner dan 1.000.000.000.000 in."),
])
def test_values_with_two_readings_or_too_many_decimals_are_refused_with_what_to_write(typed: str, said: str) -> None:
    with pytest.raises(Ongeldig) as refused:
        parse_waarde(typed)
    assert refused.value.melding == said


@pytest.mark.parametrize(("typed", "eenheid", "value"), [
    ("−2,5 procentpunt", "procentpunt", "-2.50"),      # a new user's trial: refused as "geen getal"
    ("-2,5 Procentpunt", "procentpunt", "-2.50"),      # any case
    ("12 gezinnen", "Gezinnen", "12.00"),
    ("3 aantal jongeren", "aantal  jongeren", "3.00"),  # a unit of more words, spaces as typed
    ("12 procent", "%", "12.00"),                       # the word a sign stands for
    ("1.250,50 euro", "€", "1250.50"),
])
def test_a_unit_word_after_the_number_is_read_away_when_it_is_the_unit(typed: str, eenheid: str,
                                                                        value: str) -> None:
    from domain.documents.getal_invoer import lees_meting

    assert lees_meting(typed, naam="Verschil met de regio", eenheid=eenheid) == Decimal(value)


@pytest.mark.parametrize(("eenheid", "said"), [
    ("procentpunt", "'−2,5 procent' heeft de eenheid 'procent', maar Verschil met de regio wordt gemeten in "
                    "procentpunt: schrijf -2,5 of -2,5 procentpunt."),
    (None, "'−2,5 procent' heeft de eenheid 'procent', maar Verschil met de regio heeft geen eenheid: "
           "schrijf alleen het getal, -2,5."),
])
def test_another_unit_word_is_refused_naming_the_unit(eenheid: str | None, said: str) -> None:
    from domain.documents.getal_invoer import GeenGetal, lees_meting

    with pytest.raises(GeenGetal) as refused:
        lees_meting("−2,5 procent", naam="Verschil met de regio", eenheid=eenheid)
    assert refused.value.melding == said
