
import django.core.validators
import django.db.models.deletion
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('roadmap', '0002_roadmap_and_governance'),
        ('workshops', '0002_facilitators_group'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Axis',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('origin_label', models.CharField(blank=True, max_length=300, verbose_name='origine')),
                ('origin_votes', models.PositiveIntegerField(blank=True, null=True, verbose_name='votes')),
                ('origin_object_id', models.PositiveBigIntegerField(blank=True, null=True)),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='ordre')),
                ('title', models.CharField(max_length=200, verbose_name='intitulé')),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('stakes', models.TextField(blank=True, help_text='Un enjeu par ligne.', verbose_name='enjeux')),
                ('origin_content_type', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='contenttypes.contenttype')),
                ('origin_workshop', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workshops.workshop', verbose_name="atelier d'origine")),
                ('roadmap', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='axes', to='roadmap.roadmap')),
            ],
            options={
                'verbose_name': 'axe stratégique',
                'verbose_name_plural': 'axes stratégiques',
                'ordering': ['roadmap', 'order', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='ProjectSheet',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('origin_label', models.CharField(blank=True, max_length=300, verbose_name='origine')),
                ('origin_votes', models.PositiveIntegerField(blank=True, null=True, verbose_name='votes')),
                ('origin_object_id', models.PositiveBigIntegerField(blank=True, null=True)),
                ('number', models.PositiveSmallIntegerField(default=0, verbose_name='numéro')),
                ('title', models.CharField(max_length=200, verbose_name='intitulé')),
                ('status', models.CharField(choices=[('brouillon', 'Brouillon'), ('redaction', 'En rédaction'), ('a_valider', 'À valider'), ('validee', 'Validée'), ('abandonnee', 'Abandonnée')], default='brouillon', max_length=12, verbose_name='statut')),
                ('context', models.TextField(blank=True, verbose_name='contexte')),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('objectives', models.TextField(blank=True, verbose_name='objectifs')),
                ('target_publics', models.TextField(blank=True, verbose_name='publics cibles')),
                ('needs', models.JSONField(blank=True, default=list, verbose_name='besoins')),
                ('schemes', models.JSONField(blank=True, default=list, verbose_name='dispositifs existants intégrés')),
                ('schemes_other', models.CharField(blank=True, max_length=300, verbose_name='autres dispositifs')),
                ('criterion_ecosystem', models.BooleanField(default=False)),
                ('criterion_ecosystem_why', models.TextField(blank=True)),
                ('criterion_integrates', models.BooleanField(default=False)),
                ('criterion_integrates_why', models.TextField(blank=True)),
                ('criterion_standard', models.BooleanField(default=False)),
                ('criterion_standard_why', models.TextField(blank=True)),
                ('criterion_coordinates', models.BooleanField(default=False)),
                ('criterion_coordinates_why', models.TextField(blank=True)),
                ('starts_on', models.DateField(blank=True, null=True, verbose_name='début')),
                ('ends_on', models.DateField(blank=True, null=True, verbose_name='fin')),
                ('subsidy_envelope', models.CharField(blank=True, max_length=200, verbose_name='enveloppe')),
                ('subsidy_status', models.CharField(choices=[('aucune', 'Pas de demande'), ('a_deposer', 'À déposer'), ('deposee', 'Déposée'), ('en_cours', "En cours d'instruction"), ('acceptee', 'Acceptée'), ('refusee', 'Refusée')], default='aucune', max_length=10, verbose_name='état de la demande')),
                ('subsidy_requested', models.DecimalField(blank=True, decimal_places=2, max_digits=12, null=True, validators=[django.core.validators.MinValueValidator(Decimal('0.00'), 'Le montant ne peut pas être négatif.')], verbose_name='montant demandé')),
                ('subsidy_rh', models.DecimalField(blank=True, decimal_places=2, max_digits=12, null=True, validators=[django.core.validators.MinValueValidator(Decimal('0.00'), 'Le montant ne peut pas être négatif.')], verbose_name='dont ressources humaines (ETP)')),
                ('subsidy_prestation', models.DecimalField(blank=True, decimal_places=2, max_digits=12, null=True, validators=[django.core.validators.MinValueValidator(Decimal('0.00'), 'Le montant ne peut pas être négatif.')], verbose_name='dont prestation')),
                ('revision', models.PositiveIntegerField(default=1, editable=False)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('axis', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='sheets', to='roadmap.axis', verbose_name='axe')),
                ('carriers', models.ManyToManyField(blank=True, related_name='carried_sheets', to='roadmap.member', verbose_name='porteurs')),
                ('origin_content_type', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='contenttypes.contenttype')),
                ('origin_workshop', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workshops.workshop', verbose_name="atelier d'origine")),
                ('partners', models.ManyToManyField(blank=True, related_name='partner_sheets', to='roadmap.member', verbose_name='partenaires')),
                ('roadmap', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='sheets', to='roadmap.roadmap')),
                ('updated_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'fiche projet',
                'verbose_name_plural': 'fiches projet',
                'ordering': ['roadmap', 'number', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='SheetMilestone',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('date', models.DateField(verbose_name='date')),
                ('title', models.CharField(max_length=200, verbose_name='jalon')),
                ('sheet', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='milestones', to='roadmap.projectsheet')),
            ],
            options={
                'verbose_name': 'jalon',
                'verbose_name_plural': 'jalons',
                'ordering': ['sheet', 'date', 'pk'],
            },
        ),
    ]
