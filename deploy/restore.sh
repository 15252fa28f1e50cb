#!/usr/bin/env bash
# Restore a backup made by deploy/backup.sh into the database of DATABASE_URL and the folder
# MEDIA_ROOT. Stop the Daphne processes first (see the README, "Sauvegardes et restauration").
#   deploy/restore.sh /var/backups/fne92/20250101-023000
set -euo pipefail

backup="${1:?Usage : deploy/restore.sh DOSSIER_DE_SAUVEGARDE}"
: "${DATABASE_URL:?DATABASE_URL manquant (la base PostgreSQL à restaurer)}"
media_root="${MEDIA_ROOT:-$(cd "$(dirname "$0")/.." && pwd)/var/uploads}"
for file in database.dump uploads.tar.gz; do
  [ -f "$backup/$file" ] || { echo "$backup/$file introuvable : est-ce une sauvegarde ?" >&2; exit 2; }
done

# --clean --if-exists: the tables present are replaced, an empty base is filled. One
# transaction: a failed restore leaves the base as it was.
pg_restore --clean --if-exists --no-owner --single-transaction --exit-on-error \
  --dbname="$DATABASE_URL" "$backup/database.dump"
mkdir -p "$media_root"
tar --extract --gzip --file="$backup/uploads.tar.gz" --directory="$media_root"
echo "Restauré depuis $backup : base et documents déposés ($media_root)."
