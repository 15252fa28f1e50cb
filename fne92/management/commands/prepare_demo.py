from django.core.management.base import BaseCommand
from django.urls import reverse

from fne92.demo import prepare_demo


class Command(BaseCommand):
    help = (
        "Charge l'atelier n°1, sa démarche, la feuille de route et le recensement d'exemple s'ils "
        "manquent, crée "
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
        session = demo.session
        self.stdout.write(f"Espace d'animation : {base}{reverse('workshops:dashboard')}")
        self.stdout.write(f"Atelier n°1 : {base}{session.workshop.get_absolute_url()}")
        self.stdout.write(
            f"Régie (connecté·e) : {base}{reverse('workshops:control', args=[session.pk])}"
        )
        screen = reverse("workshops:screen_link", args=[session.screen_token])
        self.stdout.write(f"Écran à projeter (sans connexion) : {base}{screen}")
        join = reverse("workshops:join_code", args=[session.code])
        self.stdout.write(
            f"Rejoindre (téléphones) : {base}/ avec le code {session.code}, ou {base}{join}"
        )
        self.stdout.write(f"Rétroplanning : {base}{demo.programme.get_absolute_url()}")
        roadmap = demo.roadmap.latest_version()
        self.stdout.write(f"Feuille de route (exemple) : {base}{roadmap.get_absolute_url()}")
        census = demo.census.get_absolute_url()
        self.stdout.write(f"Recensement des lieux (données fictives) : {base}{census}")
