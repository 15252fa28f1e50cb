#!/usr/bin/env bash
# Backup of FNE Ateliers: a pg_dump of the database and an archive of the uploads, in one
# dated folder under BACKUP_DIR; the newest BACKUP_KEEP folders are kept, older ones removed.
# Reads the application's own variables (DATABASE_URL, MEDIA_ROOT), as the units do from
# /etc/fne92/env. Restore with deploy/restore.sh FOLDER.
set -euo pipefail

: "${DATABASE_URL:?DATABASE_URL manquant (la base PostgreSQL à sauvegarder)}"
case "$DATABASE_URL" in
  postgres://* | postgresql://*) ;;
  *) echo "Sauvegarde prévue pour PostgreSQL seulement (DATABASE_URL=${DATABASE_URL%%:*}://…)." >&2
     exit 2 ;;
esac
media_root="${MEDIA_ROOT:-$(cd "$(dirname "$0")/.." && pwd)/var/uploads}"
backup_dir="${BACKUP_DIR:-/var/backups/fne92}"
keep="${BACKUP_KEEP:-14}"

stamp="$(date +%Y%m%d-%H%M%S)"
# Written under a temporary name first: an interrupted backup is never taken for a good one.
work="$backup_dir/.$stamp.partial"
mkdir -p "$work"
chmod 700 "$backup_dir" "$work"
trap 'rm -rf "$work"' EXIT

# Custom format: compressed, and pg_restore can restore it into an empty or an existing base.
pg_dump --format=custom --no-owner --file="$work/database.dump" --dbname="$DATABASE_URL"
mkdir -p "$media_root"
tar --create --gzip --file="$work/uploads.tar.gz" --directory="$media_root" .
mv "$work" "$backup_dir/$stamp"
trap - EXIT

# Rotation: dated names sort by time.
find "$backup_dir" -mindepth 1 -maxdepth 1 -type d -name '[0-9]*' | sort | head -n "-$keep" \
  | xargs --no-run-if-empty rm -rf
echo "Sauvegarde $backup_dir/$stamp ($(du -sh "$backup_dir/$stamp" | cut -f1)) ; $(find "$backup_dir" -mindepth 1 -maxdepth 1 -type d -name '[0-9]*' | wc -l) conservée(s)."
