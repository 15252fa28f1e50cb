"""Exports in the standard (CSV, JSON) pass the standard's own schema.json unchanged; an export
imported back changes nothing; the XLSX for people imports back too."""

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from census.models import ImportBatch, Place
from census.seed import example_rows, load_census_seed

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[2] / "census" / "data" / "schema.json").read_text()
)


def schema_errors(records: list[dict]) -> list[str]:
    """Table Schema's rules, applied straight from schema.json (not through census.standard,
    so the export is checked by the standard and not by our own reading of it)."""
    errors = []
    seen = set()
    for number, record in enumerate(records, start=1):
        for spec in SCHEMA["fields"]:
            value = record.get(spec["name"])
            constraints = spec.get("constraints", {})
            if value in (None, ""):
                if constraints.get("required"):
                    errors.append(f"{number}:{spec['name']}: requis")
                continue
            text = str(value)
            if spec["type"] == "number":
                float(text)
            if spec["type"] == "date":
                dt.date.fromisoformat(text)
            if "pattern" in constraints and not re.fullmatch(constraints["pattern"], text):
                errors.append(f"{number}:{spec['name']}: motif « {text} »")
            if "maxLength" in constraints and len(text) > constraints["maxLength"]:
                errors.append(f"{number}:{spec['name']}: trop long")
        if record["id"] in seen:
            errors.append(f"{number}:id en double")
        seen.add(record["id"])
    return errors


def test_the_demo_census_exported_in_csv_and_json_passes_the_standards_schema(
    editor_client, roadmap
):
    census, _ = load_census_seed(programme=roadmap.programme)
    response = editor_client.get(reverse("census:export", args=[census.pk, "csv"]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    reader = csv.DictReader(io.StringIO(text))
    assert reader.fieldnames == [spec["name"] for spec in SCHEMA["fields"]]
    rows = list(reader)
    assert len(rows) == len(example_rows())
    assert schema_errors(rows) == []

    records = json.loads(
        editor_client.get(reverse("census:export", args=[census.pk, "json"])).content
    )
    assert len(records) == len(example_rows())
    assert schema_errors(records) == []
    assert isinstance(records[0]["latitude"], float | None)


def test_an_export_imported_back_changes_nothing(editor_client, roadmap):
    census, _ = load_census_seed(programme=roadmap.programme)
    before = list(Place.objects.order_by("pk").values())
    for suffix in ("csv", "xlsx"):
        content = editor_client.get(reverse("census:export", args=[census.pk, suffix])).content
        editor_client.post(
            reverse("census:import", args=[census.pk]),
            {"file": SimpleUploadedFile(f"export.{suffix}", content)},
        )
        batch = ImportBatch.objects.first()
        assert batch.problems == []
        assert {row["action"] for row in batch.rows} == {"inchange"}
        assert len(batch.rows) == len(before)
    assert list(Place.objects.order_by("pk").values()) == before


def test_the_xlsx_says_the_data_are_fictitious(editor_client, roadmap):
    from openpyxl import load_workbook

    census, _ = load_census_seed(programme=roadmap.programme)
    content = editor_client.get(reverse("census:export", args=[census.pk, "xlsx"])).content
    sheet = load_workbook(io.BytesIO(content)).active
    assert "Données fictives d'exemple" in sheet["A1"].value
    assert sheet["A2"].value == "id"
    assert sheet.max_row == len(example_rows()) + 2  # the notice, the names, one row a place
