# The live models move here from workshops and quizzes: state only, the tables keep their names.

import django.db.models.deletion
import live.models
from django.conf import settings
from django.db import migrations, models


CONTENT_TYPES = [
    ("workshops", "livesession"),
    ("workshops", "participant"),
    ("quizzes", "activityrun"),
    ("quizzes", "response"),
]


def move_content_types(apps, schema_editor):
    """The content types follow the models, keeping their ids: the permissions given on them
    and the roadmap's origins pointing at an answer (a generic key) stay valid."""
    content_type = apps.get_model("contenttypes", "ContentType")
    for app_label, model in CONTENT_TYPES:
        content_type.objects.filter(app_label=app_label, model=model).update(app_label="live")


def restore_content_types(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    for app_label, model in CONTENT_TYPES:
        content_type.objects.filter(app_label="live", model=model).update(app_label=app_label)


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('quizzes', '0004_activity_timer'),
        ('workshops', '0006_session_screen_page'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='LiveSession',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.CharField(max_length=6, verbose_name='code')),
                        ('screen_token', models.CharField(default=live.models.new_screen_token, max_length=64, verbose_name="lien secret de l'écran")),
                        ('started_at', models.DateTimeField(auto_now_add=True, verbose_name='début')),
                        ('ended_at', models.DateTimeField(blank=True, null=True, verbose_name='fin')),
                        ('show_join', models.BooleanField(default=True, verbose_name='afficher le code pour rejoindre')),
                        ('join_full', models.BooleanField(default=False, verbose_name='page pour rejoindre en plein écran')),
                        ('screen_page', models.PositiveSmallIntegerField(default=0, verbose_name="page à l'écran")),
                        ('version', models.PositiveIntegerField(default=0)),
                        ('timer_seconds', models.PositiveIntegerField(default=0, verbose_name='durée du minuteur')),
                        ('timer_started_at', models.DateTimeField(blank=True, null=True)),
                        ('timer_remaining', models.FloatField(blank=True, null=True)),
                        ('current_step', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workshops.step')),
                        ('started_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('workshop', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='sessions', to='workshops.workshop', verbose_name='atelier')),
                    ],
                    options={
                        'verbose_name': 'session en direct',
                        'verbose_name_plural': 'sessions en direct',
                        'db_table': 'workshops_livesession',
                        'ordering': ['-started_at'],
                    },
                ),
                migrations.CreateModel(
                    name='ActivityRun',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('is_open', models.BooleanField(default=False, verbose_name='réponses ouvertes')),
                        ('show_results', models.BooleanField(default=False, verbose_name='résultats affichés')),
                        ('is_revealed', models.BooleanField(default=False, verbose_name='correction dévoilée')),
                        ('state', models.JSONField(blank=True, default=dict, verbose_name='état')),
                        ('opened_at', models.DateTimeField(blank=True, null=True)),
                        ('closed_at', models.DateTimeField(blank=True, null=True)),
                        ('activity', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='runs', to='quizzes.activity')),
                        ('session', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='runs', to='live.livesession')),
                    ],
                    options={
                        'verbose_name': "déroulé d'activité",
                        'verbose_name_plural': "déroulés d'activités",
                        'db_table': 'quizzes_activityrun',
                    },
                ),
                migrations.CreateModel(
                    name='Participant',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('number', models.PositiveIntegerField(default=0, verbose_name="numéro d'arrivée")),
                        ('pseudonym', models.CharField(blank=True, max_length=40, verbose_name='pseudonyme')),
                        ('structure', models.CharField(blank=True, max_length=120, verbose_name='structure')),
                        ('joined_at', models.DateTimeField(auto_now_add=True, verbose_name='arrivée')),
                        ('last_seen_at', models.DateTimeField(blank=True, null=True, verbose_name='vu pour la dernière fois')),
                        ('left_at', models.DateTimeField(blank=True, null=True, verbose_name='parti')),
                        ('session', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='participants', to='live.livesession')),
                    ],
                    options={
                        'verbose_name': 'participant·e',
                        'verbose_name_plural': 'participant·es',
                        'db_table': 'workshops_participant',
                        'ordering': ['joined_at', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='Response',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('client_id', models.UUIDField(db_index=True, verbose_name='identifiant donné par le téléphone')),
                        ('slot', models.CharField(blank=True, default='', max_length=36)),
                        ('data', models.JSONField(verbose_name='réponse')),
                        ('hidden', models.BooleanField(default=False, verbose_name="masquée à l'écran")),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('activity', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='responses', to='quizzes.activity')),
                        ('participant', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='responses', to='live.participant')),
                        ('session', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='responses', to='live.livesession')),
                    ],
                    options={
                        'verbose_name': 'réponse',
                        'verbose_name_plural': 'réponses',
                        'db_table': 'quizzes_response',
                        'ordering': ['created_at', 'pk'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='livesession',
                    constraint=models.UniqueConstraint(condition=models.Q(('ended_at__isnull', True)), fields=('code',), name='session_code_unique_while_open'),
                ),
                migrations.AddConstraint(
                    model_name='activityrun',
                    constraint=models.UniqueConstraint(fields=('session', 'activity'), name='one_run_per_activity'),
                ),
                migrations.AddIndex(
                    model_name='response',
                    index=models.Index(fields=['session', 'activity'], name='response_session_activity'),
                ),
                migrations.AddConstraint(
                    model_name='response',
                    constraint=models.UniqueConstraint(fields=('participant', 'activity', 'slot'), name='one_answer_per_slot'),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, restore_content_types),
    ]
