from django.core.management.base import BaseCommand, CommandError

from census.exporting import census_csv, census_json
from census.models import Census


class Command(BaseCommand):
    help = (
        "Écrit sur la sortie standard le recensement d'une démarche au format du standard "
        "« Lieux de médiation numérique » (CSV ou JSON)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--demarche", required=True, help="identifiant d'adresse (slug)")
        parser.add_argument("--format", choices=["csv", "json"], default="csv")

    def handle(self, *args, demarche: str, format: str, **options):
        census = Census.objects.filter(programme__slug=demarche).first()
        if census is None:
            raise CommandError(f"Aucun recensement pour la démarche « {demarche} ».")
        build = census_csv if format == "csv" else census_json
        self.stdout.write(build(census=census), ending="")
