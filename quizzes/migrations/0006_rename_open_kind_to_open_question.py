"""The open question's kind is named like its module, `open_question` (a module named `open`
would shadow the built-in `open` wherever it is imported)."""

from django.db import migrations


def rename(old: str, new: str):
    def run(apps, schema_editor):
        apps.get_model("quizzes", "Activity").objects.filter(kind=old).update(kind=new)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("quizzes", "0005_runs_and_responses_move_to_live"),
    ]

    operations = [
        migrations.RunPython(
            rename("open", "open_question"), reverse_code=rename("open_question", "open")
        ),
    ]
