# LiveSession and Participant moved to live (state only: the tables stay).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('quizzes', '0005_runs_and_responses_move_to_live'),
        ('workshops', '0006_session_screen_page'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='participant',
                    name='session',
                ),
                migrations.DeleteModel(
                    name='LiveSession',
                ),
                migrations.DeleteModel(
                    name='Participant',
                ),
            ],
            database_operations=[],
        ),
    ]
