from django.core.management.base import BaseCommand

from fne92.demo import prepare_demo


class Command(BaseCommand):
    help = (
        "Charge l'atelier n°1, sa démarche et la feuille de route d'exemple s'ils manquent, crée "
        "les comptes de démonstration "
        "(animation, coordination) s'ils manquent, et affiche leurs identifiants."
    )

    def add_arguments(self, parser):
        parser.add_argument("--base-url", default="http://127.0.0.1:8000")

    def handle(self, *args, base_url: str, **options):
        demo = prepare_demo()
        base = base_url.rstrip("/")
        state = "chargée" if demo.seeded else "déjà présente, conservée"
        self.stdout.write(f"Démarche « {demo.programme.name} » : {state}.")
        for account in demo.accounts:
            password = account.password or "(inchangé : celui que vous avez choisi)"
            self.stdout.write(
                f"Compte {account.role} : identifiant « {account.username} », "
                f"mot de passe « {password} »"
            )
        workshop = demo.programme.workshops.order_by("number").first()
        self.stdout.write(f"Espace d'animation : {base}/animation/")
        if workshop:
            self.stdout.write(f"Atelier n°{workshop.number} : {base}{workshop.get_absolute_url()}")
        self.stdout.write(f"Rétroplanning : {base}{demo.programme.get_absolute_url()}")
        roadmap = demo.roadmap.latest_version()
        self.stdout.write(f"Feuille de route (exemple) : {base}{roadmap.get_absolute_url()}")
        self.stdout.write(f"Page des participants (rejoindre) : {base}/")
