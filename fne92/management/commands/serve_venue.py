import os
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand

from fne92.venue import lan_address, venue_environment


class Command(BaseCommand):
    help = (
        "Mode salle : sert l'application depuis cet ordinateur sur le réseau local (Wi-Fi de la "
        "salle ou point d'accès de l'ordinateur), sans internet. L'adresse locale est mise dans "
        "le QR code et dans ALLOWED_HOSTS. Avec --demo, charge aussi l'atelier de démonstration."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--address", help="adresse locale à annoncer (par défaut : celle du réseau)"
        )
        parser.add_argument("--demo", action="store_true", help="charge l'atelier n°1")

    def handle(self, *args, port: int, address: str | None, demo: bool, **options):
        address = address or lan_address()
        base_url = f"http://{address}:{port}"
        call_command("migrate", verbosity=0, interactive=False)
        if demo:
            call_command("prepare_demo", base_url=base_url, stdout=self.stdout)
        if address == "127.0.0.1":
            self.stdout.write(
                "Aucun réseau local trouvé : cet ordinateur seul pourra se connecter. Activez le "
                "Wi-Fi ou le point d'accès de l'ordinateur, puis relancez la commande."
            )
        self.stdout.write(
            f"Mode salle : {base_url}/ (sans internet).\n"
            "1. Connectez les téléphones au même Wi-Fi que cet ordinateur, ou au point d'accès "
            "de cet ordinateur.\n"
            f"2. Projetez l'écran de l'atelier : son QR code et son adresse mènent à {base_url}.\n"
            "3. Si un téléphone n'arrive pas à se connecter, vérifiez que le Wi-Fi n'isole pas "
            "les appareils entre eux (« isolation des clients ») ; le point d'accès de "
            "l'ordinateur évite ce problème.\n"
            "Arrêt : Ctrl+C."
        )
        self.stdout.flush()
        environment = venue_environment(address=address, port=port, environ=dict(os.environ))
        # Daphne in place of this process: its settings are read again with the venue's
        # variables, and Ctrl+C stops it.
        command = [sys.executable, "-m", "daphne", "-b", "0.0.0.0", "-p", str(port)]  # noqa: S104 - the phones of the room must reach it
        os.execve(sys.executable, [*command, "fne92.asgi:application"], environment)  # noqa: S606
