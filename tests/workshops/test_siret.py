import pytest
from django.core.exceptions import ValidationError

from workshops.models import validate_siret


@pytest.mark.parametrize(
    "value",
    ["73282932000074", "732 829 320 00074", "732829320", "35600000000048"],
)
def test_it_accepts_valid_siret_and_siren(value):
    validate_siret(value)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("7328293200007", "siret_format"),
        ("7328293200007A", "siret_format"),
        ("73282932000075", "siret_checksum"),
    ],
)
def test_it_refuses_malformed_siret_with_a_french_message(value, code):
    with pytest.raises(ValidationError) as error:
        validate_siret(value)
    assert error.value.code == code
    assert "SIRET" in error.value.messages[0]
