from django.core.management.base import BaseCommand

from fne92.retention import purge_personal_data


class Command(BaseCommand):
    help = (
        "Efface les données personnelles des participant·es au-delà de la durée de conservation "
        "(PERSONAL_DATA_RETENTION_DAYS) : pseudonymes, structures, cartes du tour de table hors "
        "annuaire, contacts de l'appel à données. Les résultats et la feuille de route restent. "
        "Sans effet si on la relance : à lancer chaque jour (cron)."
    )

    def handle(self, *args, **options):
        self.stdout.write(purge_personal_data().summary)
