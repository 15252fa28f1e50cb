
import django.db.models.deletion
import roadmap.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('roadmap', '0005_indicators'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='DataSubmission',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('category', models.CharField(choices=[('impact_social', "Mesure d'impact social"), ('analyse_besoins', 'Analyse des besoins'), ('ctg', 'Convention territoriale de gestion'), ('etude_impact', "Études d'impact inclusion numérique"), ('diagnostic', 'Diagnostic'), ('schemas', 'Schémas départementaux (inclusion numérique, usages numériques…)')], max_length=20, verbose_name='catégorie')),
                ('title', models.CharField(max_length=200, verbose_name='titre du document')),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('structure', models.CharField(max_length=200, verbose_name='structure')),
                ('contact_name', models.CharField(blank=True, max_length=120, verbose_name='nom de la personne à contacter')),
                ('contact_email', models.EmailField(blank=True, max_length=254, verbose_name='courriel')),
                ('file', models.FileField(blank=True, max_length=200, upload_to=roadmap.models.document_path, verbose_name='fichier')),
                ('original_name', models.CharField(blank=True, max_length=200, verbose_name='nom du fichier')),
                ('size', models.PositiveIntegerField(blank=True, null=True, verbose_name='taille (octets)')),
                ('link', models.URLField(blank=True, max_length=500, verbose_name='lien')),
                ('status', models.CharField(choices=[('en_attente', 'À examiner'), ('acceptee', 'Acceptée'), ('refusee', 'Refusée')], default='en_attente', max_length=12, verbose_name='état')),
                ('reason', models.TextField(blank=True, verbose_name='motif')),
                ('reviewed_at', models.DateTimeField(blank=True, null=True)),
                ('submitted_at', models.DateTimeField(auto_now_add=True)),
                ('reviewed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('roadmap', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='submissions', to='roadmap.roadmap')),
            ],
            options={
                'verbose_name': 'document versé',
                'verbose_name_plural': 'documents versés',
                'ordering': ['-submitted_at', '-pk'],
            },
        ),
    ]
