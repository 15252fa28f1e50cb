"""The "Lieux de médiation numérique" data standard (LaMednum v1.0.2), read once from the
shipped `data/schema.json`: its 32 fields in order, which are required, their patterns, lengths
and types, and the enumerations of the multi-valued fields (taken from the patterns).

The model, the import and the public form all check a place here, so the rules exist once and
are the standard's own. We add what the Table Schema cannot say: a SIRET's checksum, no
spreadsheet formula, no invisible control character, coordinates on the globe.

frictionless would read the same schema, but it brings 30 packages; these few rules don't.
"""

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from workshops.models import validate_siret

SCHEMA_PATH = Path(__file__).resolve().parent / "data" / "schema.json"
SCHEMA: dict = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
VERSION: str = SCHEMA["version"]
SEPARATOR = "|"

# `(?:(?:^|\|)(A|B|C))+$`: one or more values of the list, joined with "|".
_ENUMERATION = re.compile(r"^\(\?:\(\?:\^\|\\\|\)\((?P<values>.*)\)\)\+\$$")


def _enumeration(pattern: str | None) -> tuple[str, ...]:
    match = _ENUMERATION.match(pattern or "")
    if not match:
        return ()
    values = re.split(r"(?<!\\)\|", match["values"])
    return tuple(re.sub(r"\\(.)", r"\1", value) for value in values)


@dataclass(frozen=True)
class Field:
    name: str
    title: str
    kind: str  # "string", "number" or "date", as the schema says
    required: bool
    pattern: re.Pattern | None
    max_length: int | None
    choices: tuple[str, ...]  # the enumeration of a multi-valued field, else ()
    example: str

    @property
    def multiple(self) -> bool:
        return bool(self.choices)


FIELDS: dict[str, Field] = {
    spec["name"]: Field(
        name=spec["name"],
        title=spec.get("title", spec["name"]),
        kind=spec.get("type", "string"),
        required=bool(spec.get("constraints", {}).get("required")),
        pattern=(
            re.compile(spec["constraints"]["pattern"])
            if spec.get("constraints", {}).get("pattern")
            else None
        ),
        max_length=spec.get("constraints", {}).get("maxLength"),
        choices=_enumeration(spec.get("constraints", {}).get("pattern")),
        example=str(spec.get("example", "")),
    )
    for spec in SCHEMA["fields"]
}
NAMES: list[str] = list(FIELDS)
REQUIRED: list[str] = [name for name, field in FIELDS.items() if field.required]

# Services, publics and labels, named once for the coverage and the forms.
SERVICES = FIELDS["services"].choices
PUBLICS = FIELDS["publics_specifiquement_adresses"].choices
SPECIFIC_SUPPORT = FIELDS["prise_en_charge_specifique"].choices
PROGRAMMES = FIELDS["dispositif_programmes_nationaux"].choices
FEES = FIELDS["frais_a_charge"].choices

_FORMULA_START = ("=", "@")
_SIGNED_FORMULA = re.compile(r"^[+-]\s*[A-Za-z(]")

_FORMATS = {
    "pivot": gettext_lazy(
        "Le pivot est un SIRET (14 chiffres), un SIREN (9 chiffres) ou un numéro RNA (W suivi de "
        "9 chiffres)."
    ),
    "code_postal": gettext_lazy("Le code postal compte 5 chiffres (ex. 92000)."),
    "code_insee": gettext_lazy("Le code INSEE de la commune compte 5 caractères (ex. 92050)."),
    "telephone": gettext_lazy(
        "Le téléphone s'écrit au format international, sans espace ni zéro après l'indicatif "
        "(ex. +33140000000)."
    ),
}


def split(text: str) -> list[str]:
    """The values of a multi-valued cell ("A|B" → ["A", "B"])."""
    return [value.strip() for value in text.split(SEPARATOR) if value.strip()]


def join(values) -> str:
    return SEPARATOR.join(values)


def unsafe_text(text: str) -> str | None:
    """Why a cell's text may not enter the census (a formula, a control character), or None."""
    if text.startswith(_FORMULA_START) or _SIGNED_FORMULA.match(text):
        return _(
            "Cette cellule commence par « %(start)s » : c'est une formule de tableur, elle "
            "n'est pas acceptée ; écrivez la valeur elle-même."
        ) % {"start": text[:1]}
    for char in text:
        if unicodedata.category(char) == "Cc" and char not in "\n\t":
            return _(
                "Cette cellule contient un caractère de contrôle invisible (U+%(code)04X) : "
                "retirez-le."
            ) % {"code": ord(char)}
    return None


def check_value(*, name: str, text: str) -> list[str]:
    """What is wrong with one non-empty cell of field `name`, in French (empty list if fine)."""
    field = FIELDS[name]
    if problem := unsafe_text(text):
        return [problem]
    if field.choices:
        wrong = [value for value in text.split(SEPARATOR) if value not in field.choices]
        return [
            _("« %(value)s » n'est pas une valeur permise. Valeurs permises : %(choices)s.")
            % {"value": value, "choices": " ; ".join(field.choices)}
            for value in wrong
        ]
    if field.kind == "date":
        try:
            dt.date.fromisoformat(text)
        except ValueError:
            return [_("Date attendue au format AAAA-MM-JJ (ex. 2024-04-02).")]
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return [_("Date attendue au format AAAA-MM-JJ (ex. 2024-04-02).")]
    if field.kind == "number":
        try:
            number = float(text)
        except ValueError:
            return [_("Nombre attendu, avec un point décimal (ex. 48.8924).")]
        limit = 90 if name == "latitude" else 180
        if not -limit <= number <= limit:
            return [
                _("Hors des limites du globe (entre -%(limit)s et %(limit)s).") % {"limit": limit}
            ]
    if field.max_length and len(text) > field.max_length:
        return [
            _("%(max)s caractères au plus (ici %(length)s).")
            % {"max": field.max_length, "length": len(text)}
        ]
    if field.pattern and not field.pattern.fullmatch(text):
        return [str(_FORMATS.get(name) or _("Ce texte ne respecte pas le format du standard."))]
    if name == "pivot" and text.isdigit() and len(text) in (9, 14):
        try:
            validate_siret(text)
        except ValidationError as error:
            return list(error.messages)
    return []


def check_record(*, values: dict[str, str]) -> dict[str, list[str]]:
    """Every problem of one place given as the standard's texts, by field name."""
    errors: dict[str, list[str]] = {}
    for name in NAMES:
        text = values.get(name, "")
        if not text:
            if FIELDS[name].required:
                errors[name] = [_("Champ obligatoire : il est vide.")]
            continue
        if problems := check_value(name=name, text=text):
            errors[name] = problems
    return errors


def to_text(value) -> str:
    """A stored value as the standard writes it."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    return str(value)


def to_python(*, name: str, text: str):
    """A checked cell as it is stored: dates and numbers typed, the rest as text."""
    kind = FIELDS[name].kind
    if kind == "date":
        return dt.date.fromisoformat(text) if text else None
    if kind == "number":
        return float(text) if text else None
    return text
