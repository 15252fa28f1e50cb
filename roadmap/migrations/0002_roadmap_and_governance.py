
import django.db.models.deletion
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('roadmap', '0001_coordinators_group'),
        ('workshops', '0002_facilitators_group'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Committee',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='ordre')),
                ('kind', models.CharField(choices=[('strategique', 'Stratégique'), ('technique', 'Technique'), ('consultatif', 'Consultatif'), ('autre', 'Autre')], default='strategique', max_length=15, verbose_name='type')),
                ('name', models.CharField(max_length=150, verbose_name='nom')),
                ('frequency', models.CharField(choices=[('mensuelle', 'Mensuelle'), ('trimestrielle', 'Trimestrielle'), ('semestrielle', 'Semestrielle'), ('annuelle', 'Annuelle'), ('ponctuelle', 'Selon les besoins')], default='trimestrielle', max_length=15, verbose_name='fréquence')),
                ('description', models.TextField(blank=True, verbose_name='rôle du comité')),
            ],
            options={
                'verbose_name': 'comité',
                'verbose_name_plural': 'comités',
                'ordering': ['roadmap', 'order', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='Meeting',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('date', models.DateField(verbose_name='date')),
                ('title', models.CharField(blank=True, max_length=200, verbose_name='objet')),
                ('minutes', models.TextField(blank=True, verbose_name='compte rendu')),
                ('committee', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='meetings', to='roadmap.committee')),
            ],
            options={
                'verbose_name': 'réunion',
                'verbose_name_plural': 'réunions',
                'ordering': ['committee', 'date', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='Roadmap',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('lineage', models.UUIDField(db_index=True, default=uuid.uuid4, editable=False)),
                ('version', models.PositiveSmallIntegerField(default=1, editable=False, verbose_name='version')),
                ('name', models.CharField(max_length=200, verbose_name='nom')),
                ('territory', models.CharField(max_length=120, verbose_name='territoire')),
                ('perimeter', models.CharField(choices=[('departemental', 'Départemental'), ('epci', 'EPCI ou groupement de communes'), ('regional', 'Régional')], default='departemental', max_length=20, verbose_name='périmètre')),
                ('context', models.TextField(blank=True, help_text='Texte mis en forme : « # » titre, « - » liste, **gras**, *italique*, lien.', verbose_name='note de contexte')),
                ('contract', models.CharField(choices=[('aucun', 'Aucun'), ('crte', 'CRTE (contrat pour la réussite de la transition écologique)'), ('sdaasap', "SDAASaP (schéma départemental d'amélioration de l'accessibilité des services au public)"), ('sdin', "SDIN (schéma départemental d'inclusion numérique)"), ('sdun', 'SDUN (schéma départemental des usages numériques)'), ('autre', 'Autre')], default='aucun', help_text='Le contrat ou schéma auquel la feuille de route se rattache.', max_length=10, verbose_name='contrat préexistant')),
                ('contract_note', models.CharField(blank=True, max_length=200, verbose_name='précision sur le contrat')),
                ('status', models.CharField(choices=[('brouillon', 'Brouillon'), ('concertation', 'En concertation'), ('validee', 'Validée (Conseil départemental)'), ('signee', 'Signée')], default='brouillon', max_length=15, verbose_name='statut')),
                ('validated_on', models.DateField(blank=True, null=True, verbose_name='date de validation')),
                ('signed_on', models.DateField(blank=True, null=True, verbose_name='date de signature')),
                ('signatories', models.TextField(blank=True, help_text='Un ou une signataire par ligne.', verbose_name='signataires')),
                ('is_example', models.BooleanField(default=False, help_text='Affiche sur chaque page que les montants sont fictifs.', verbose_name="données d'exemple")),
                ('data_call_token', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ('data_call_open', models.BooleanField(default=True, verbose_name='appel à données ouvert')),
                ('data_call_intro', models.TextField(blank=True, help_text='Affichée en tête du formulaire public.', verbose_name="présentation de l'appel à données")),
                ('revision', models.PositiveIntegerField(default=1, editable=False)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('editors', models.ManyToManyField(blank=True, related_name='edited_roadmaps', to=settings.AUTH_USER_MODEL, verbose_name='éditeurs et éditrices')),
                ('previous_version', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='next_versions', to='roadmap.roadmap', verbose_name='version précédente')),
                ('programme', models.ForeignKey(blank=True, help_text='Les ateliers de cette démarche peuvent projeter sa gouvernance.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='roadmaps', to='workshops.programme', verbose_name='démarche')),
            ],
            options={
                'verbose_name': 'feuille de route',
                'verbose_name_plural': 'feuilles de route',
                'ordering': ['name', '-version'],
            },
        ),
        migrations.CreateModel(
            name='Member',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('roles', models.JSONField(blank=True, default=list, verbose_name='rôles')),
                ('status', models.CharField(choices=[('candidat', 'Candidat'), ('confirme', 'Confirmé')], default='candidat', max_length=10, verbose_name='statut')),
                ('political_first_name', models.CharField(blank=True, max_length=80, verbose_name='prénom')),
                ('political_last_name', models.CharField(blank=True, max_length=80, verbose_name='nom')),
                ('political_function', models.CharField(blank=True, max_length=150, verbose_name='fonction')),
                ('political_email', models.EmailField(blank=True, max_length=254, verbose_name='courriel')),
                ('technical_first_name', models.CharField(blank=True, max_length=80, verbose_name='prénom')),
                ('technical_last_name', models.CharField(blank=True, max_length=80, verbose_name='nom')),
                ('technical_function', models.CharField(blank=True, max_length=150, verbose_name='fonction')),
                ('technical_email', models.EmailField(blank=True, max_length=254, verbose_name='courriel')),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='memberships', to='workshops.organisation', verbose_name='structure')),
                ('roadmap', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='members', to='roadmap.roadmap')),
            ],
            options={
                'verbose_name': 'membre de la gouvernance',
                'verbose_name_plural': 'membres de la gouvernance',
                'ordering': ['roadmap', 'organisation__name'],
            },
        ),
        migrations.AddField(
            model_name='committee',
            name='roadmap',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='committees', to='roadmap.roadmap'),
        ),
        migrations.CreateModel(
            name='Seat',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('co_chair', models.BooleanField(default=False, verbose_name='co-préside')),
                ('committee', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='seats', to='roadmap.committee')),
                ('member', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='seats', to='roadmap.member')),
            ],
            options={
                'verbose_name': 'siège',
                'verbose_name_plural': 'sièges',
                'ordering': ['committee', '-co_chair', 'member__organisation__name'],
            },
        ),
        migrations.AddField(
            model_name='committee',
            name='members',
            field=models.ManyToManyField(related_name='committees', through='roadmap.Seat', to='roadmap.member', verbose_name='membres'),
        ),
        migrations.AddConstraint(
            model_name='roadmap',
            constraint=models.UniqueConstraint(fields=('lineage', 'version'), name='roadmap_version_unique'),
        ),
        migrations.AddConstraint(
            model_name='member',
            constraint=models.UniqueConstraint(fields=('roadmap', 'organisation'), name='member_once_per_roadmap'),
        ),
        migrations.AddConstraint(
            model_name='seat',
            constraint=models.UniqueConstraint(fields=('committee', 'member'), name='seat_once_per_committee'),
        ),
    ]
