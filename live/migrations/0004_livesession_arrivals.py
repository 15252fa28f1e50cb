"""`LiveSession.arrivals`: the number of the last phone that joined, counted from the
participants already stored."""

from django.db import migrations, models
from django.db.models import Max


def count_arrivals(apps, schema_editor):
    LiveSession = apps.get_model("live", "LiveSession")
    for session in LiveSession.objects.annotate(last=Max("participants__number")):
        if session.last:
            LiveSession.objects.filter(pk=session.pk).update(arrivals=session.last)


class Migration(migrations.Migration):
    dependencies = [("live", "0003_cowrite_groups_fields_revisions")]

    operations = [
        migrations.AddField(
            model_name="livesession",
            name="arrivals",
            field=models.PositiveIntegerField(default=0, editable=False, verbose_name="arrivées"),
        ),
        migrations.RunPython(count_arrivals, migrations.RunPython.noop),
    ]
