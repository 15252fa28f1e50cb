
import django.core.validators
import django.db.models.deletion
from decimal import Decimal
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('roadmap', '0003_axes_and_project_sheets'),
    ]

    operations = [
        migrations.CreateModel(
            name='Beneficiary',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='ordre')),
                ('amount', models.DecimalField(decimal_places=2, max_digits=12, validators=[django.core.validators.MinValueValidator(Decimal('0.00'), 'Le montant ne peut pas être négatif.')], verbose_name='montant')),
                ('member', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='subsidy_shares', to='roadmap.member', verbose_name='bénéficiaire')),
                ('sheet', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='beneficiaries', to='roadmap.projectsheet')),
            ],
            options={
                'verbose_name': 'bénéficiaire de la subvention',
                'verbose_name_plural': 'bénéficiaires de la subvention',
                'ordering': ['sheet', 'order', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='CostLine',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='ordre')),
                ('year', models.PositiveSmallIntegerField(verbose_name='année')),
                ('category', models.CharField(choices=[('ingenierie', 'Ingénierie de projet (personnel)'), ('prestation', 'Prestation'), ('equipement', 'Équipement'), ('communication', 'Communication'), ('formation', 'Formation'), ('autre', 'Autre')], default='prestation', max_length=15, verbose_name='catégorie')),
                ('label', models.CharField(max_length=200, verbose_name='libellé')),
                ('nature', models.CharField(choices=[('fonctionnement', 'Fonctionnement'), ('investissement', 'Investissement')], default='fonctionnement', max_length=15, verbose_name='nature')),
                ('eligible', models.BooleanField(default=True, verbose_name="éligible à une subvention de l'État")),
                ('tenured', models.BooleanField(default=False, help_text="Son salaire n'est pas éligible à une subvention de l'État.", verbose_name='fonctionnaire territorial titulaire')),
                ('fte', models.DecimalField(blank=True, decimal_places=2, max_digits=5, null=True, validators=[django.core.validators.MinValueValidator(Decimal('0.00'), "Le nombre d'ETP ne peut pas être négatif.")], verbose_name='ETP')),
                ('months', models.DecimalField(blank=True, decimal_places=1, max_digits=4, null=True, validators=[django.core.validators.MinValueValidator(Decimal('0.00'), 'Le nombre de mois ne peut pas être négatif.')], verbose_name='mois')),
                ('monthly_cost', models.DecimalField(blank=True, decimal_places=2, max_digits=12, null=True, validators=[django.core.validators.MinValueValidator(Decimal('0.00'), 'Le montant ne peut pas être négatif.')], verbose_name="coût mensuel d'un ETP")),
                ('amount', models.DecimalField(decimal_places=2, max_digits=12, validators=[django.core.validators.MinValueValidator(Decimal('0.00'), 'Le montant ne peut pas être négatif.')], verbose_name='montant')),
                ('sheet', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='cost_lines', to='roadmap.projectsheet')),
            ],
            options={
                'verbose_name': 'ligne de dépense',
                'verbose_name_plural': 'lignes de dépense',
                'ordering': ['sheet', 'year', 'order', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='FundingLine',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='ordre')),
                ('envelope', models.CharField(blank=True, max_length=200, verbose_name='enveloppe')),
                ('year', models.PositiveSmallIntegerField(verbose_name='année')),
                ('amount', models.DecimalField(decimal_places=2, max_digits=12, validators=[django.core.validators.MinValueValidator(Decimal('0.00'), 'Le montant ne peut pas être négatif.')], verbose_name='montant')),
                ('status', models.CharField(choices=[('acquis', 'Acquis'), ('sollicite', 'Sollicité'), ('envisage', 'Envisagé')], default='envisage', max_length=10, verbose_name='statut')),
                ('funder', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='funding_lines', to='roadmap.member', verbose_name='financeur')),
                ('sheet', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='funding_lines', to='roadmap.projectsheet')),
            ],
            options={
                'verbose_name': 'ligne de financement',
                'verbose_name_plural': 'lignes de financement',
                'ordering': ['sheet', 'year', 'order', 'pk'],
            },
        ),
    ]
