# The answers moved to live (state only: the same table, the same foreign key).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('census', '0001_census_places_imports_submissions'),
        ('live', '0001_sessions_participants_runs_responses'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='place',
                    name='card',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='places', to='live.response', verbose_name='carte du tour de table'),
                ),
            ],
            database_operations=[],
        ),
    ]
