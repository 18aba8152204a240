#!/usr/bin/env bash
# Sauvegarde et restauration de Parcours : la base PostgreSQL (pg_dump, format personnalisé), le dossier
# de l'entrepôt (fichier DuckDB et Parquet), copié sous le verrou des extractions, et les documents déposés
# dans les dossiers des jeunes. Voir docs/exploitation.md.
#
#   scripts/sauvegarde-restauration.sh sauvegarder DOSSIER
#       lit DATABASE_URL, PARCOURS_WAREHOUSE_DIR (défaut : var/entrepot) et PARCOURS_DOCUMENTS_DIR (défaut :
#       var/documents) ; écrit DOSSIER/base.dump, DOSSIER/entrepot.tar.gz, DOSSIER/documents.tar.gz et
#       DOSSIER/comptes.txt (lignes par table, pour contrôler la restauration).
#   scripts/sauvegarde-restauration.sh restaurer DOSSIER URL_BASE_CIBLE DOSSIER_ENTREPOT_CIBLE [DOSSIER_DOCUMENTS_CIBLE]
#       restaure dans une base cible existante et vide (createdb), puis compare ses comptes à comptes.txt.
set -euo pipefail

usage() {
  sed -n '5,12p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

counts() {  # comptes exacts des tables de l'application, triés : « table nombre »
  psql "$1" -AtqX -v ON_ERROR_STOP=1 <<'SQL'
SELECT format('SELECT %L || '' '' || count(*) FROM %I.%I;', table_name, table_schema, table_name)
FROM information_schema.tables
WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
ORDER BY table_name
\gexec
SQL
}

command="${1:-}"
case "$command" in
  sauvegarder)
    [ $# -eq 2 ] || usage
    destination="$2"
    : "${DATABASE_URL:?DATABASE_URL doit désigner la base PostgreSQL à sauvegarder}"
    warehouse="${PARCOURS_WAREHOUSE_DIR:-$(cd "$(dirname "$0")/.." && pwd)/var/entrepot}"
    documents="${PARCOURS_DOCUMENTS_DIR:-$(cd "$(dirname "$0")/.." && pwd)/var/documents}"
    mkdir -p "$destination"
    pg_dump --format=custom --no-owner --no-privileges --file="$destination/base.dump" "$DATABASE_URL"
    counts "$DATABASE_URL" > "$destination/comptes.txt"
    if [ -d "$warehouse" ]; then
      # Le verrou des extractions (parcours/warehouse/store.py) : pas de copie au milieu d'une extraction.
      touch "$warehouse/entrepot.duckdb.verrou"
      flock "$warehouse/entrepot.duckdb.verrou" \
        tar -C "$warehouse" --exclude='*.verrou' --exclude='*.maj' -czf "$destination/entrepot.tar.gz" .
    fi
    # Après la base : un document déposé entre les deux copies est sur le disque sans ligne, jamais l'inverse.
    if [ -d "$documents" ]; then
      tar -C "$documents" -czf "$destination/documents.tar.gz" .
    fi
    echo "Sauvegarde écrite dans $destination : $(cd "$destination" && ls | tr '\n' ' ')"
    ;;
  restaurer)
    [ $# -eq 4 ] || [ $# -eq 5 ] || usage
    source_dir="$2" target_url="$3" target_warehouse="$4" target_documents="${5:-}"
    [ -f "$source_dir/base.dump" ] || { echo "Pas de base.dump dans $source_dir." >&2; exit 1; }
    pg_restore --no-owner --no-privileges --exit-on-error --dbname="$target_url" "$source_dir/base.dump"
    # pg_restore ne restaure pas les statistiques de l'optimiseur : on les recalcule.
    psql "$target_url" -qX -v ON_ERROR_STOP=1 -c "ANALYZE"
    if [ -f "$source_dir/entrepot.tar.gz" ]; then
      mkdir -p "$target_warehouse"
      tar -C "$target_warehouse" -xzf "$source_dir/entrepot.tar.gz"
    fi
    if [ -f "$source_dir/documents.tar.gz" ]; then
      [ -n "$target_documents" ] || { echo "La sauvegarde contient des documents : donnez DOSSIER_DOCUMENTS_CIBLE." >&2; exit 1; }
      mkdir -p "$target_documents"
      tar -C "$target_documents" -xzf "$source_dir/documents.tar.gz"
    fi
    if ! diff <(counts "$target_url") "$source_dir/comptes.txt" > /dev/null; then
      echo "Restauration incomplète : les comptes de lignes diffèrent de la sauvegarde." >&2
      diff <(counts "$target_url") "$source_dir/comptes.txt" >&2 || true
      exit 1
    fi
    echo "Restauration vérifiée : $(wc -l < "$source_dir/comptes.txt") tables, mêmes comptes de lignes."
    ;;
  *)
    usage
    ;;
esac
