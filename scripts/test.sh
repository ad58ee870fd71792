#!/usr/bin/env bash
# Runs every test of Repères: formatting and lints on each feature set, unit tests,
# the integration suite on SQLite and on PostgreSQL, then the browser tests (Chromium,
# with and without JavaScript, axe-core on every page) and the JSON API fuzzer
# (schemathesis, from the OpenAPI document) against the release build.
# Installs what is missing on first use. Prints the time of each stage.
#
# PostgreSQL: uses TEST_POSTGRES_URL, else the local server at 127.0.0.1:5432 if it
# answers. When TEST_POSTGRES_URL is set and PostgreSQL cannot be reached, the run fails.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"
TARGET_DIR="${CARGO_TARGET_DIR:-$REPO_ROOT/target}"
LOG_DIR="$(mktemp -d)"
SQLITE_RUN=""; PG_RUN=""
# The browser runs are background jobs, each in a process group of its own (its shell,
# server, node and Chromium): stopped as a whole if this script ends before them.
cleanup() {
  for run in $SQLITE_RUN $PG_RUN; do kill -TERM -- "-$run" 2>/dev/null || true; done
  rm -rf "$LOG_DIR"
}
trap cleanup EXIT

# Sums the "test result" lines of cargo test output in $1: prints "passed failed".
count_cargo() { awk '/^test result:/ { p += $4; f += $6 } END { print p + 0, f + 0 }' "$1"; }
# Counts the pages and states axe-core checked in $1 (each logs one line).
count_axe() { grep -c '^# axe: ' "$1" || true; }
# Sums node's test runner summary in $1.
count_node() { awk '/^# pass / { p += $3 } /^# fail / { f += $3 } END { print p + 0, f + 0 }' "$1"; }

stage "Tools (installs only what is missing)"
ensure_build_tools
ensure_chromium
ensure_pdftotext
ensure_e2e_modules
ensure_schemathesis
stage_end

stage "Format and lints (ssr and hydrate separately)"
cargo fmt --all -- --check
cargo clippy -p app --features ssr --all-targets -- -D warnings
cargo clippy -p server --all-targets -- -D warnings
cargo clippy -p app --features hydrate --target wasm32-unknown-unknown -- -D warnings
stage_end

stage "Unit and integration tests on SQLite"
cargo test -p app --features ssr 2>&1 | tee "$LOG_DIR/unit.log"
cargo test -p server --lib --bins 2>&1 | tee -a "$LOG_DIR/unit.log"
cargo test -p server --test api 2>&1 | tee "$LOG_DIR/sqlite.log"
read -r UNIT_PASS UNIT_FAIL < <(count_cargo "$LOG_DIR/unit.log")
read -r SQLITE_PASS SQLITE_FAIL < <(count_cargo "$LOG_DIR/sqlite.log")
stage_end

stage "Integration tests on PostgreSQL"
PG_REQUIRED=1
if [ -z "${TEST_POSTGRES_URL:-}" ]; then
  PG_REQUIRED=0
  export TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:5432/test"
fi
pg_up() { psql "$TEST_POSTGRES_URL" -Atqc 'SELECT 1' >/dev/null 2>&1; }
if ! pg_up && command -v pg_ctlcluster >/dev/null 2>&1; then
  as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
  for _ in $(seq 1 40); do pg_up && break; sleep 0.5; done
fi
PG_PASS=0; PG_FAIL=0; PG_RAN=0
if pg_up; then
  # Databases left behind by an interrupted run.
  psql "$TEST_POSTGRES_URL" -Atqc "SELECT datname FROM pg_database WHERE datname LIKE 'reperes\_t\_%' OR datname LIKE 'reperes\_e2e\_%'" |
    while read -r db; do psql "$TEST_POSTGRES_URL" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" || true; done
  TEST_ENGINE=postgres cargo test -p server --test api 2>&1 | tee "$LOG_DIR/postgres.log"
  read -r PG_PASS PG_FAIL < <(count_cargo "$LOG_DIR/postgres.log")
  PG_RAN=1
elif [ "$PG_REQUIRED" = 1 ]; then
  fail "PostgreSQL at TEST_POSTGRES_URL cannot be reached: the PostgreSQL half cannot run"
else
  printf '\n\033[33mWARNING: no PostgreSQL answers at %s: the PostgreSQL half was NOT run.\033[0m\n' "$TEST_POSTGRES_URL"
fi
stage_end

stage "Release build (server and wasm-release bundle)"
build_site
stage_end

# The browser tests read the demo content plus a module of traps (end2end/fixtures).
E2E_CONTENT="$LOG_DIR/content"
mkdir -p "$E2E_CONTENT"
cp -r content/. end2end/fixtures/content/. "$E2E_CONTENT/"

# Starts the release server on $1 (address) with database $2, logging to $3; sets
# SERVER_PID (each browser run below is a subshell with its own).
start_server() {
  # The staff browser tests log in as this administrator (created by the CLI, as in production).
  DATABASE_URL="$2" REPERES_CONTENT_DIR="$E2E_CONTENT" REPERES_ADMIN_PASSWORD="une longue phrase de passe" \
    "$TARGET_DIR/release/server" create-admin --email admin@ccas.example --name "Claire Admin" >/dev/null
  # Every browser test and the API fuzzer sign up from 127.0.0.1: the per-client sign-up
  # limit is off here (REPERES_SIGNUP_LIMIT=0) and tested by the integration suite.
  LEPTOS_SITE_ADDR="$1" DATABASE_URL="$2" LEPTOS_SITE_ROOT="target/site" RUST_LOG="warn" \
    REPERES_CONTENT_DIR="$E2E_CONTENT" REPERES_SIGNUP_LIMIT=0 \
    "$TARGET_DIR/release/server" >"$3" 2>&1 &
  SERVER_PID=$!
  wait_for_health "http://$1" 60 || { cat "$3"; fail "the server did not start on $1"; }
  # The answer must come from the server just started, not from another on that port.
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$3"; fail "the server on $1 exited"; }
}
stop_server() { [ -z "$SERVER_PID" ] || kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; }

# The browser tests, then the API fuzzer, against a server of their own: $1 label, $2
# address, $3 database url, $4 quick (1: one module). Writes everything to
# $LOG_DIR/browser-$1.log and the test runner's and fuzzer's output to e2e-$1.log and
# fuzz-$1.log; fails when either fails.
run_browser_tests() {
  SERVER_PID=""
  trap stop_server EXIT
  start_server "$2" "$3" "$LOG_DIR/server-$1.log"
  local status=0
  (cd end2end && BASE_URL="http://$2" E2E_QUICK="${4:-0}" node --test --test-concurrency=1 --test-timeout=1200000 tests/) \
    >"$LOG_DIR/e2e-$1.log" 2>&1 || status=$?
  cat "$LOG_DIR/e2e-$1.log"
  if [ "$status" -eq 0 ]; then
    say "JSON API fuzzing from the OpenAPI document (schemathesis, $1)"
    run_api_fuzz "$2" admin@ccas.example "une longue phrase de passe" >"$LOG_DIR/fuzz-$1.log" 2>&1 || status=$?
    cat "$LOG_DIR/fuzz-$1.log"
  fi
  stop_server
  if [ "$status" -ne 0 ]; then
    say "Server log ($1)"; tail -n 50 "$LOG_DIR/server-$1.log"
    fail "browser tests or API fuzzing failed on $1"
  fi
}

# The two engines' runs side by side: each waits on the browser much of the time (a page
# settling, an answer), and together they keep both cores busy (about three quarters of
# the machine with one run). Each prints its whole log once done, one after the other.
E2E_PG_PASS=0; E2E_PG_FAIL=0; E2E_DB=""
if [ "$PG_RAN" = 1 ]; then
  # SQLite walks every module; PostgreSQL one module, and every flow.
  stage "Browser tests and API fuzzing, SQLite and PostgreSQL side by side"
else
  stage "Browser tests and API fuzzing on SQLite (Chromium, axe-core, schemathesis)"
fi
if [ "$PG_RAN" = 1 ]; then
  E2E_DB="reperes_e2e_$(date +%s)"
  psql "$TEST_POSTGRES_URL" -qc "CREATE DATABASE $E2E_DB"
fi
set -m # each background job in a process group of its own (see cleanup)
(run_browser_tests sqlite "127.0.0.1:$(free_port)" "sqlite://$LOG_DIR/e2e/reperes.db") >"$LOG_DIR/browser-sqlite.log" 2>&1 &
SQLITE_RUN=$!
if [ "$PG_RAN" = 1 ]; then
  (run_browser_tests postgres "127.0.0.1:$(free_port)" "${TEST_POSTGRES_URL%/*}/$E2E_DB" 1) >"$LOG_DIR/browser-postgres.log" 2>&1 &
  PG_RUN=$!
fi
set +m
# A line a minute while they run: the tests passed so far on each side.
passed_so_far() { if [ -f "$1" ]; then grep -c '^ok ' "$1" || true; else echo 0; fi; }
while kill -0 "$SQLITE_RUN" 2>/dev/null || { [ -n "$PG_RUN" ] && kill -0 "$PG_RUN" 2>/dev/null; }; do
  sleep 60
  printf '    … %s: tests passed so far: SQLite %s, PostgreSQL %s\n' "$(date +%H:%M:%S)" \
    "$(passed_so_far "$LOG_DIR/e2e-sqlite.log")" "$(passed_so_far "$LOG_DIR/e2e-postgres.log")"
done
BROWSER_FAILED=""
wait "$SQLITE_RUN" || BROWSER_FAILED="SQLite"
SQLITE_RUN=""
say "Browser tests and API fuzzing on SQLite"; cat "$LOG_DIR/browser-sqlite.log"
if [ "$PG_RAN" = 1 ]; then
  wait "$PG_RUN" || BROWSER_FAILED="$BROWSER_FAILED PostgreSQL"
  PG_RUN=""
  say "Browser tests and API fuzzing on PostgreSQL"; cat "$LOG_DIR/browser-postgres.log"
  psql "$TEST_POSTGRES_URL" -qc "DROP DATABASE IF EXISTS $E2E_DB WITH (FORCE)"
fi
[ -z "$BROWSER_FAILED" ] || fail "browser tests or API fuzzing failed on:$BROWSER_FAILED (see above)"
[ "$PG_RAN" = 1 ] && read -r E2E_PG_PASS E2E_PG_FAIL < <(count_node "$LOG_DIR/e2e-postgres.log")
read -r E2E_PASS E2E_FAIL < <(count_node "$LOG_DIR/e2e-sqlite.log")
AXE_CHECKS=$(count_axe "$LOG_DIR/e2e-sqlite.log")
stage_end

WASM=$(ls target/site/pkg/*.wasm | head -n1)
stage_report
say "Summary"
printf '    unit tests (app and server):    %4d passed, %d failed\n' "$UNIT_PASS" "$UNIT_FAIL"
printf '    integration tests on SQLite:    %4d passed, %d failed\n' "$SQLITE_PASS" "$SQLITE_FAIL"
if [ "$PG_RAN" = 1 ]; then
  printf '    integration tests on PostgreSQL:%4d passed, %d failed\n' "$PG_PASS" "$PG_FAIL"
else
  printf '    integration tests on PostgreSQL: NOT RUN (no server)\n'
fi
printf '    browser tests on SQLite:        %4d passed, %d failed; axe-core: %d pages and states checked, 0 violations\n' "$E2E_PASS" "$E2E_FAIL" "$AXE_CHECKS"
[ "$PG_RAN" = 1 ] && printf '    browser tests on PostgreSQL:    %4d passed, %d failed\n' "$E2E_PG_PASS" "$E2E_PG_FAIL"
for engine in sqlite postgres; do
  [ -f "$LOG_DIR/fuzz-$engine.log" ] || continue
  printf '    API fuzzing on %-9s %s\n' "$engine:" "$(grep -E 'test cases|passed|failed' "$LOG_DIR/fuzz-$engine.log" | tail -n 1 | tr -s ' ')"
done
printf '    wasm bundle: %s bytes raw, %s bytes gzip\n' "$(stat -c %s "$WASM")" "$(gzip -9c "$WASM" | wc -c)"
TOTAL_PASS=$((UNIT_PASS + SQLITE_PASS + PG_PASS + E2E_PASS + E2E_PG_PASS))
TOTAL_FAIL=$((UNIT_FAIL + SQLITE_FAIL + PG_FAIL + E2E_FAIL + E2E_PG_FAIL))
echo
echo "total: $TOTAL_PASS passed, $TOTAL_FAIL failed"
[ "$TOTAL_FAIL" -eq 0 ]
