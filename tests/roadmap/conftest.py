"""What only the roadmap tests need; their fixtures (roadmap92, editor…) are in tests/conftest.py,
shared with the browser journeys."""

import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded documents go to a temporary folder, never to the real one."""
    settings.MEDIA_ROOT = tmp_path / "uploads"
    return settings.MEDIA_ROOT


def form_data(editor) -> dict:
    """What a browser would post for this editor's form as it opens (unchanged values)."""
    from django.forms import CheckboxInput

    data = {}
    forms = [editor.form]
    for formset in editor.formsets.values():
        forms.append(formset.management_form)
        forms.extend(formset.forms)
    for form in forms:
        for field in form:
            value = field.value()
            if isinstance(field.field.widget, CheckboxInput):
                if value:
                    data[field.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[field.html_name] = [str(v) for v in value]
            else:
                data[field.html_name] = "" if value is None else str(value)
    return data
