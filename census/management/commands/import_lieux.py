from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from census.importing import NEW, UNCHANGED, UPDATE, FileRefused, apply_batch, read_file
from census.models import Census


class Command(BaseCommand):
    help = (
        "Importe un fichier de lieux (CSV du standard « Lieux de médiation numérique » ou XLSX) "
        "dans le recensement d'une démarche. Sans --confirmer, montre seulement l'aperçu ; un "
        "fichier qui a une ligne refusée n'écrit rien."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--demarche", required=True, help="identifiant d'adresse (slug)")
        parser.add_argument("--confirmer", action="store_true", help="écrire après l'aperçu")

    def handle(self, *args, file: Path, demarche: str, confirmer: bool, **options):
        census = Census.objects.filter(programme__slug=demarche).first()
        if census is None:
            raise CommandError(f"Aucun recensement pour la démarche « {demarche} ».")
        try:
            batch = read_file(census=census, content=file.read_bytes(), filename=file.name)
        except (FileRefused, OSError) as error:
            raise CommandError(str(error)) from error
        for notice in batch.notices:
            self.stdout.write(notice)
        for problem in batch.problems:
            where = f"ligne {problem['line']}"
            if problem["field"]:
                where += f", colonne {problem['field']} ({problem['column']})"
            self.stdout.write(f"{where} : {problem['message']}")
        counts = {NEW: 0, UPDATE: 0, UNCHANGED: 0}
        for row in batch.rows:
            counts[row["action"]] += 1
        summary = (
            f"{counts[NEW]} nouveaux, {counts[UPDATE]} mis à jour, {counts[UNCHANGED]} inchangés, "
            f"{len({p['line'] for p in batch.problems})} lignes refusées"
        )
        if batch.problems:
            raise CommandError(f"{summary} : rien n'est écrit, corrigez le fichier.")
        if not confirmer:
            self.stdout.write(f"{summary}. Aperçu seulement : relancez avec --confirmer.")
            return
        apply_batch(batch=batch)
        self.stdout.write(f"{summary}. Écrit.")
