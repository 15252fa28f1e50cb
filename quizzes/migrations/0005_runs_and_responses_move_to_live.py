# ActivityRun and Response moved to live (state only: the tables stay).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('census', '0002_card_is_a_live_response'),
        ('quizzes', '0004_activity_timer'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='response',
                    name='activity',
                ),
                migrations.RemoveField(
                    model_name='response',
                    name='participant',
                ),
                migrations.RemoveField(
                    model_name='response',
                    name='session',
                ),
                migrations.DeleteModel(
                    name='ActivityRun',
                ),
                migrations.DeleteModel(
                    name='Response',
                ),
            ],
            database_operations=[],
        ),
    ]
