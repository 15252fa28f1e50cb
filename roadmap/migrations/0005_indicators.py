
import django.core.validators
import django.db.models.deletion
from decimal import Decimal
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('roadmap', '0004_costing_lines'),
    ]

    operations = [
        migrations.CreateModel(
            name='Indicator',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='ordre')),
                ('code', models.CharField(max_length=40, verbose_name='indicateur')),
                ('name', models.CharField(max_length=200, verbose_name='intitulé')),
                ('unit', models.CharField(max_length=40, verbose_name='unité')),
                ('additive', models.BooleanField(default=True, verbose_name='additionnable entre fiches')),
                ('baseline', models.DecimalField(blank=True, decimal_places=2, max_digits=14, null=True, verbose_name='valeur de départ')),
                ('baseline_on', models.DateField(blank=True, null=True, verbose_name='date de la valeur de départ')),
                ('source', models.CharField(blank=True, max_length=300, verbose_name='source')),
                ('sheet', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='indicators', to='roadmap.projectsheet')),
            ],
            options={
                'verbose_name': 'indicateur',
                'verbose_name_plural': 'indicateurs',
                'ordering': ['sheet', 'order', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='IndicatorTarget',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(verbose_name='année')),
                ('value', models.DecimalField(decimal_places=2, max_digits=14, validators=[django.core.validators.MinValueValidator(Decimal('0.00'), 'La cible ne peut pas être négative.')], verbose_name='cible')),
                ('indicator', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='targets', to='roadmap.indicator')),
            ],
            options={
                'verbose_name': 'cible',
                'verbose_name_plural': 'cibles',
                'ordering': ['indicator', 'year'],
                'constraints': [models.UniqueConstraint(fields=('indicator', 'year'), name='one_target_per_year')],
            },
        ),
    ]
