#!/usr/bin/env bash
# Builds Repères in release and runs it at http://127.0.0.1:3000 on SQLite
# (data/reperes.db, created and migrated on first start) with the content of content/.
# Installs the build tools it lacks on first use. Stop with Ctrl-C.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

ensure_build_tools
say "Building the site (release)"
build_site

export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-target/site}"
export LEPTOS_SITE_ADDR="${LEPTOS_SITE_ADDR:-127.0.0.1:3000}"
export DATABASE_URL="${DATABASE_URL:-sqlite://data/reperes.db}"
# mimalloc commits its arenas as they are used: an idle server stays near 34 MB.
export MIMALLOC_ARENA_EAGER_COMMIT="${MIMALLOC_ARENA_EAGER_COMMIT:-0}"
SERVER="${CARGO_TARGET_DIR:-target}/release/server"
# Demo data, outside production only (production never seeds accounts): the CCAS and two
# invented banks, places, one account per role (see README.md) and upcoming workshops.
# Idempotent, so it runs at every start; it also keeps the demo workshops in the future.
if [ "${REPERES_ENV:-development}" != "production" ]; then
  say "Seeding the demo data (staff accounts at http://$LEPTOS_SITE_ADDR/connexion)"
  "$SERVER" seed-demo || fail "the demo data could not be seeded (see the message above)"
fi
say "Starting Repères on http://$LEPTOS_SITE_ADDR ($DATABASE_URL)"
exec "$SERVER"
