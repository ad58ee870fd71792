#!/usr/bin/env bash
# The benchmark of Repères: throughput and latency (wrk), the same pages served by nginx
# as the physical limit of the machine, server memory, the wasm bundle, the bytes of a
# first visit, Lighthouse scores, optionally PostgreSQL, a soak test and fuzzing.
# Builds in release, runs everything on free ports in a temporary directory, stops what
# it started, and writes a markdown report to bench/results/latest.md and a dated copy.
# Installs what is missing on first use (wrk, nginx, brotli, sqlite3 from Debian;
# Lighthouse from npm into ~/.cache/reperes-tools). Prints the time of each stage.
#
#   bash scripts/bench.sh [--seconds N] [--no-lighthouse] [--soak] [--postgres URL] [--fuzz SECONDS]
#
# Figures are only comparable on a quiet machine: the load generator, nginx and
# Repères share its cores, and nothing else should run.
#
# For dry runs of the script itself: BENCH_LIGHTHOUSE_RUNS (default 3) and
# BENCH_LIGHTHOUSE_PAGES (default "home lesson quiz budget-tool") narrow Lighthouse;
# BENCH_SOAK_SECONDS (600) and BENCH_SOAK_EVERY (30) shorten the soak test;
# BENCH_LESSON picks another lesson path.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$REPO_ROOT/bench/lib-bench.sh"
cd "$REPO_ROOT"

usage() {
  cat <<'EOF'
usage: bash scripts/bench.sh [options]
  --seconds N       duration of each wrk run (default 20; a short one is a dry run)
  --no-lighthouse   skip the Lighthouse stage
  --soak            add 10 minutes of mixed load (16 connections), memory every 30 s
  --postgres URL    also measure on PostgreSQL (a fresh database on that server, dropped after)
  --fuzz SECONDS    also run the content fuzz target (cargo +nightly fuzz) that long
EOF
}

BENCH_SECONDS=20; LIGHTHOUSE=1; SOAK=0; PG_URL=""; FUZZ_SECONDS=0
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) BENCH_SECONDS="${2:?--seconds needs a number}"; shift ;;
    --no-lighthouse) LIGHTHOUSE=0 ;;
    --soak) SOAK=1 ;;
    --postgres) PG_URL="${2:?--postgres needs a URL}"; shift ;;
    --fuzz) FUZZ_SECONDS="${2:?--fuzz needs a number of seconds}"; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
  shift
done
[[ "$BENCH_SECONDS" =~ ^[1-9][0-9]*$ ]] || fail "--seconds takes a whole number of seconds"
[[ "$FUZZ_SECONDS" =~ ^[0-9]+$ ]] || fail "--fuzz takes a whole number of seconds"

export BENCH_DIR BENCH_SECONDS
TARGET_DIR="${CARGO_TARGET_DIR:-$REPO_ROOT/target}"
SERVER_BIN="$TARGET_DIR/release/server"
# cargo-leptos writes the site (wasm, CSS, static files) under the workspace, whatever
# the cargo target directory.
SITE_ROOT="$REPO_ROOT/target/site"
CONNECTIONS=(1 16 64)
LIGHTHOUSE_RUNS="${BENCH_LIGHTHOUSE_RUNS:-3}"
read -r -a LH_NAMES <<<"${BENCH_LIGHTHOUSE_PAGES:-home lesson quiz budget-tool}"
SOAK_SECONDS="${BENCH_SOAK_SECONDS:-600}"
SOAK_EVERY="${BENCH_SOAK_EVERY:-30}"
KB=1024

WORK="$(mktemp -d /tmp/reperes-bench.XXXXXX)"
REPORT="$WORK/report.md"
SERVER_PID=""; NGINX_PID=""; SAMPLER_PID=""; PG_DB=""; CACHED_SERVER_PID=""; GROUPED_SERVER_PID=""

# Nothing may outlive the run: samplers, nginx, the server, the PostgreSQL database.
cleanup() {
  [ -z "$SAMPLER_PID" ] || kill "$SAMPLER_PID" 2>/dev/null || true
  stop_nginx
  stop_reperes
  [ -z "$CACHED_SERVER_PID" ] || kill "$CACHED_SERVER_PID" 2>/dev/null || true
  [ -z "$GROUPED_SERVER_PID" ] || kill "$GROUPED_SERVER_PID" 2>/dev/null || true
  if [ -n "$PG_DB" ]; then
    psql "$PG_URL" -qc "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
# Ctrl-C and kill end the run through the EXIT trap.
trap 'exit 130' INT TERM

# Appends a line to the report.
md() { printf '%s\n' "$*" >>"$REPORT"; }
# Value of key $1 in a "k=v k=v" line $2.
field() { tr ' ' '\n' <<<"$2" | sed -n "s/^$1=//p" | head -n1; }
# Evaluates a JavaScript expression on the JSON read from standard input (`j`).
json() { node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => { const j = JSON.parse(s); const v = eval(process.argv[1]); console.log(typeof v === "object" ? JSON.stringify(v) : v); });' "$1"; }
# Whole bytes as KiB with one decimal.
kib() { awk -v b="$1" -v k="$KB" 'BEGIN { printf "%.1f", b / k }'; }
# PASS when awk condition $1 holds (numbers given as -v a=… b=…), MISS otherwise.
verdict() { local cond="$1"; shift; if awk "$@" "BEGIN { exit !($cond) }"; then echo PASS; else echo MISS; fi; }

# ---------------------------------------------------------------------------------------
stage "Tools (installs only what is missing)"
ensure_build_tools
ensure_wrk
ensure_nginx
ensure_brotli
ensure_sqlite3
ensure_chromium
ensure_e2e_modules
[ "$LIGHTHOUSE" = 0 ] || ensure_lighthouse
[ -z "$PG_URL" ] || ensure_psql
[ "$FUZZ_SECONDS" = 0 ] || ensure_cargo_fuzz
stage_end

stage "Release build (server and wasm bundle)"
build_site
[ -x "$SERVER_BIN" ] || fail "no server binary at $SERVER_BIN"
WASM=$(ls "$SITE_ROOT"/pkg/*.wasm 2>/dev/null | head -n1)
[ -n "$WASM" ] || fail "no wasm bundle in $SITE_ROOT/pkg"
stage_end

# ---------------------------------------------------------------------------------------
stage "Repères on SQLite with the demo content"
ADDR="127.0.0.1:$(free_port)"
BASE="http://$ADDR"
SQLITE_URL="sqlite://$WORK/sqlite/reperes.db"
start_reperes "$SQLITE_URL" "$ADDR" "$WORK/server-sqlite.log"
# Idle: after start-up (migrations, content import) and a moment to settle.
sleep 2
IDLE_RSS=$(rss_mb "$SERVER_PID")
echo "    server pid $SERVER_PID on $BASE, idle RSS $IDLE_RSS MB"
stage_end

stage "Pages and requests under test"
# A lesson: the one named by BENCH_LESSON, else a long lesson of the first module (stable
# from run to run), else the first lesson the API lists.
LESSON="${BENCH_LESSON:-/modules/budget-au-quotidien/le-reste-a-vivre}"
if [ "$(http_status "$BASE$LESSON")" != 200 ]; then
  module=$(curl -fsS "$BASE/api/v1/modules" | json 'j[0].slug')
  lesson=$(curl -fsS "$BASE/api/v1/modules/$module" | json 'j.lessons[0].slug')
  LESSON="/modules/$module/$lesson"
fi
MODULE_PATH="${LESSON%/*}"
CATALOGUE="/modules"
WORKSHOPS="/ateliers"
QUIZ="$MODULE_PATH/quiz"
TOOL="/outils-budget/budget-mensuel"
for path in "$LESSON" "$CATALOGUE" "$WORKSHOPS" "$QUIZ" "$TOOL" /; do
  code=$(http_status "$BASE$path")
  echo "    GET $path: $code"
  [ "$code" = 200 ] || fail "GET $path answered $code"
done

# The quiz form as a visitor without JavaScript posts it, fields read from the page.
QUIZ_BODY=$(curl -fsS "$BASE$QUIZ" | node "$BENCH_DIR/quiz-form.mjs" "$QUIZ")
QUIZ_CODE=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/x-www-form-urlencoded' \
  --data "$QUIZ_BODY" "$BASE$QUIZ")
echo "    POST $QUIZ ($QUIZ_BODY): $QUIZ_CODE"
case "$QUIZ_CODE" in 200 | 303) ;; *) fail "the quiz POST answered $QUIZ_CODE" ;; esac

# The workshop: among the open ones, the one with the fewest seats left, so that the
# sign-ups fill it and the overbooking check means something.
curl -fsS "$BASE/api/v1/workshops" >"$WORK/workshops.json"
WORKSHOP=$(json '(Array.isArray(j) ? j : j.workshops ?? j.items ?? []).filter((w) => w.signup_open && !w.cancelled && w.seats_left > 0).sort((a, b) => a.seats_left - b.seats_left)[0]?.id ?? ""' <"$WORK/workshops.json")
[ -n "$WORKSHOP" ] || fail "no open demo workshop in GET /api/v1/workshops"
REGISTRATION="/api/v1/workshops/$WORKSHOP/registrations"
REGISTRATION_BODY='{"first_name":"Bench","seats":1}'
REG_CODE=$(curl -s -o "$WORK/registration.json" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
  --data "$REGISTRATION_BODY" "$BASE$REGISTRATION")
echo "    POST $REGISTRATION: $REG_CODE $(head -c 200 "$WORK/registration.json")"
[ "$REG_CODE" = 201 ] || fail "the registration POST answered $REG_CODE"
stage_end

# Runs one scenario at every connection count against $1 (base URL); results go to
# RESULTS["$2:$3:connections"] ($2 engine or nginx, $3 scenario name). $4 is the path, $5
# the Lua script; for a POST, BENCH_BODY and BENCH_CONTENT_TYPE are set by the caller.
declare -A RESULTS
run_scenario() {
  local base="$1" side="$2" name="$3" path="$4" script="$5" c line
  for c in "${CONNECTIONS[@]}"; do
    line=$(run_wrk "$c" "$base$path" "$script" "$WORK/wrk-$side-$name-$c.log")
    RESULTS["$side:$name:$c"]="$line"
    printf '    %-8s %-13s %2d connections: %s\n' "$side" "$name" "$c" "$line"
  done
}

# The five scenarios against Repères at $1, results under engine $2.
run_reperes_table() {
  local base="$1" engine="$2"
  run_scenario "$base" "$engine" lesson "$LESSON" get.lua
  run_scenario "$base" "$engine" catalogue "$CATALOGUE" get.lua
  BENCH_BODY="$QUIZ_BODY" BENCH_CONTENT_TYPE="application/x-www-form-urlencoded" \
    run_scenario "$base" "$engine" quiz "$QUIZ" post.lua
  run_scenario "$base" "$engine" workshops "$WORKSHOPS" get.lua
  BENCH_BODY="$REGISTRATION_BODY" BENCH_CONTENT_TYPE="application/json" \
    run_scenario "$base" "$engine" registration "$REGISTRATION" post.lua
}

# Confirmed seats of the benchmarked workshop against its capacity, on database $1.
# Prints "confirmed capacity waitlisted".
seats_of() {
  local sql="SELECT (SELECT COALESCE(SUM(seats), 0) FROM registrations WHERE session_id = $WORKSHOP AND status = 'confirmed'),
    (SELECT capacity FROM training_sessions WHERE id = $WORKSHOP),
    (SELECT COUNT(*) FROM registrations WHERE session_id = $WORKSHOP AND status = 'waitlisted')"
  case "$1" in
    sqlite:*) sqlite3 -separator ' ' "${1#sqlite://}" "$sql" ;;
    *) psql "$1" -Atq -F ' ' -c "$sql" ;;
  esac
}
declare -A OVERBOOKING
OVERBOOKED=0
overbooking_check() { # $1 engine, $2 database URL
  local confirmed capacity waitlisted verdict_word
  read -r confirmed capacity waitlisted < <(seats_of "$2")
  verdict_word=$(verdict 'a <= b' -v a="$confirmed" -v b="$capacity" | sed 's/PASS/OK/; s/MISS/FAILED/')
  [ "$verdict_word" = OK ] || OVERBOOKED=1
  OVERBOOKING[$1]="overbooking check: $confirmed confirmed seats for capacity $capacity: $verdict_word ($waitlisted sign-ups on the waitlist)"
  echo "    ${OVERBOOKING[$1]}"
}

# ---------------------------------------------------------------------------------------
stage "Throughput on SQLite (wrk, ${BENCH_SECONDS} s a run)"
: >"$WORK/rss-load.txt"
sample_rss "$SERVER_PID" 0.5 "$WORK/rss-load.txt" &
SAMPLER_PID=$!
run_reperes_table "$BASE" sqlite
stage_end

# Compression as browsers ask for it: Chromium sends "gzip, deflate, br, zstd", so the
# encoding the server picks there decides what visitors' phones get and the server's CPU.
stage "Lesson page by encoding (16 connections)"
declare -A ENCODING_RESULTS ENCODING_BYTES
i=0
for enc in identity gzip "gzip, deflate, br, zstd"; do
  i=$((i + 1))
  ENCODING_BYTES[$enc]=$(curl -s -o /dev/null -w '%{size_download}' -H "Accept-Encoding: $enc" "$BASE$LESSON")
  ENCODING_USED=$(curl -s -o /dev/null -D - -H "Accept-Encoding: $enc" "$BASE$LESSON" | tr -d '\r' | sed -n 's/^content-encoding: //Ip')
  line=$(BENCH_ENCODING="$enc" run_wrk 16 "$BASE$LESSON" get.lua "$WORK/wrk-encoding-$i.log")
  ENCODING_RESULTS[$enc]="$line used=${ENCODING_USED:-identity}"
  printf '    %-24s %s bytes, %s: %s\n' "$enc" "${ENCODING_BYTES[$enc]}" "${ENCODING_USED:-identity}" "$line"
done
stage_end

kill "$SAMPLER_PID" 2>/dev/null || true
wait "$SAMPLER_PID" 2>/dev/null || true
SAMPLER_PID=""
PEAK_RSS=$(peak_mb "$WORK/rss-load.txt")
# After the load: once the last connections are closed and the runtime has settled.
sleep 5
AFTER_RSS=$(rss_mb "$SERVER_PID")
echo "    RSS: idle $IDLE_RSS MB, peak under load $PEAK_RSS MB, after load $AFTER_RSS MB"
overbooking_check sqlite "$SQLITE_URL"

# ---------------------------------------------------------------------------------------
stage "Physical limit: the same HTML from nginx"
# The exact HTML Repères served, fetched uncompressed, and beside each page its gzip -9
# copy: nginx sends that copy as it is (gzip_static, bench/nginx.conf), its fastest way,
# which is the machine's limit for this page. wrk asks both sides for gzip.
mkdir -p "$WORK/www"
curl -fsS -H 'Accept-Encoding: identity' -o "$WORK/www/lesson.html" "$BASE$LESSON"
curl -fsS -H 'Accept-Encoding: identity' -o "$WORK/www/catalogue.html" "$BASE$CATALOGUE"
curl -fsS -H 'Accept-Encoding: identity' -o "$WORK/www/workshops.html" "$BASE$WORKSHOPS"
for page in lesson catalogue workshops; do gzip -9 -k -n "$WORK/www/$page.html"; done
NGINX_PORT=$(free_port)
start_nginx "$NGINX_PORT" "$WORK/www" "$WORK/nginx"
NGINX_BASE="http://127.0.0.1:$NGINX_PORT"
declare -A PAGE_BYTES
for page in lesson catalogue workshops; do
  PAGE_BYTES[$page]="$(stat -c %s "$WORK/www/$page.html") bytes, $(curl -s -o /dev/null -w '%{size_download}' -H 'Accept-Encoding: gzip' "$NGINX_BASE/$page.html") gzipped by nginx"
done
[ -n "$(curl -s -D - -o /dev/null -H 'Accept-Encoding: gzip' "$NGINX_BASE/lesson.html" | grep -i '^content-encoding: gzip')" ] ||
  fail "nginx does not compress: the comparison would not be fair"
run_scenario "$NGINX_BASE" nginx lesson /lesson.html get.lua
run_scenario "$NGINX_BASE" nginx catalogue /catalogue.html get.lua
run_scenario "$NGINX_BASE" nginx workshops /workshops.html get.lua
stop_nginx
stage_end

# The same pages rendered for every request: a second server on the same database with
# the render cache off (server/src/render_cache.rs), while the first one waits.
stage "Render cache off: lesson, catalogue and workshops"
CACHED_SERVER_PID="$SERVER_PID"
NOCACHE_ADDR="127.0.0.1:$(free_port)"
REPERES_RENDER_CACHE=off start_reperes "$SQLITE_URL" "$NOCACHE_ADDR" "$WORK/server-nocache.log"
[ -z "$(curl -s -D - -o /dev/null "http://$NOCACHE_ADDR$LESSON" | grep -i '^x-reperes-cache')" ] ||
  fail "the server started with REPERES_RENDER_CACHE=off still answers from its cache"
run_scenario "http://$NOCACHE_ADDR" sqlite lesson-nocache "$LESSON" get.lua
run_scenario "http://$NOCACHE_ADDR" sqlite catalogue-nocache "$CATALOGUE" get.lua
run_scenario "http://$NOCACHE_ADDR" sqlite workshops-nocache "$WORKSHOPS" get.lua
stop_reperes
SERVER_PID="$CACHED_SERVER_PID"
CACHED_SERVER_PID=""
stage_end

# The writes with each one committed on its own: a third server, on a database of its
# own with the same demo (the registration's waitlist starts empty, as in the main run).
stage "Group commit off (SQLite): quiz and registration"
GROUPED_SERVER_PID="$SERVER_PID"
NOGROUP_ADDR="127.0.0.1:$(free_port)"
NOGROUP_URL="sqlite://$WORK/sqlite-nogroup/reperes.db"
mkdir -p "$WORK/sqlite-nogroup"
REPERES_GROUP_COMMIT=off start_reperes "$NOGROUP_URL" "$NOGROUP_ADDR" "$WORK/server-nogroup.log"
GROUPED_WORKSHOP="$WORKSHOP"
WORKSHOP=$(curl -fsS "http://$NOGROUP_ADDR/api/v1/workshops" | json '(Array.isArray(j) ? j : j.workshops ?? j.items ?? []).filter((w) => w.signup_open && !w.cancelled && w.seats_left > 0).sort((a, b) => a.seats_left - b.seats_left)[0]?.id ?? ""')
[ -n "$WORKSHOP" ] || fail "no open demo workshop on the group-commit-off database"
BENCH_BODY="$QUIZ_BODY" BENCH_CONTENT_TYPE="application/x-www-form-urlencoded" \
  run_scenario "http://$NOGROUP_ADDR" sqlite quiz-nogroup "$QUIZ" post.lua
BENCH_BODY="$REGISTRATION_BODY" BENCH_CONTENT_TYPE="application/json" \
  run_scenario "http://$NOGROUP_ADDR" sqlite registration-nogroup "/api/v1/workshops/$WORKSHOP/registrations" post.lua
overbooking_check sqlite-nogroup "$NOGROUP_URL"
WORKSHOP="$GROUPED_WORKSHOP"
stop_reperes
SERVER_PID="$GROUPED_SERVER_PID"
GROUPED_SERVER_PID=""
stage_end

# ---------------------------------------------------------------------------------------
SOAK_SERIES=""
if [ "$SOAK" = 1 ]; then
  stage "Soak: ${SOAK_SECONDS} s of mixed load, 16 connections"
  : >"$WORK/rss-soak.txt"
  sample_rss "$SERVER_PID" "$SOAK_EVERY" "$WORK/rss-soak.txt" &
  SAMPLER_PID=$!
  SOAK_LINE=$(BENCH_SECONDS=$SOAK_SECONDS BENCH_LESSON="$LESSON" BENCH_CATALOGUE="$CATALOGUE" \
    BENCH_REGISTRATION="$REGISTRATION" BENCH_BODY="$REGISTRATION_BODY" \
    run_wrk 16 "$BASE$LESSON" mixed.lua "$WORK/wrk-soak.log")
  kill "$SAMPLER_PID" 2>/dev/null || true
  wait "$SAMPLER_PID" 2>/dev/null || true
  SAMPLER_PID=""
  SOAK_SERIES=$(awk '{ printf "%s%.1f", (NR > 1 ? " " : ""), $1 / 1024 }' "$WORK/rss-soak.txt")
  # Levels off when the last three samples are within 5 % of each other.
  SOAK_LEVEL=$(tail -n 3 "$WORK/rss-soak.txt" | awk 'NR == 1 { lo = hi = $1 } { if ($1 < lo) lo = $1; if ($1 > hi) hi = $1 } END { print ((NR == 3 && hi <= lo * 1.05) ? "levels off (last 3 samples within 5 %)" : "does NOT level off (last 3 samples differ by more than 5 %)") }')
  echo "    $SOAK_LINE"
  echo "    RSS (MB): $SOAK_SERIES: $SOAK_LEVEL"
  overbooking_check sqlite-soak "$SQLITE_URL"
  stage_end
fi

# ---------------------------------------------------------------------------------------
stage "Wasm bundle"
WASM_RAW=$(stat -c %s "$WASM")
WASM_GZ=$(gzip -9c "$WASM" | wc -c)
WASM_BR=$(brotli -c -q 11 "$WASM" | wc -c)
# What the server sends a browser for it (on-the-fly compression or not).
WASM_SERVED=$(curl -s -o /dev/null -w '%{size_download} bytes in %{time_total} s' -H 'Accept-Encoding: gzip, deflate, br, zstd' "$BASE/pkg/$(basename "$WASM")")
WASM_SERVED_ENC=$(curl -s -o /dev/null -D - -H 'Accept-Encoding: gzip, deflate, br, zstd' "$BASE/pkg/$(basename "$WASM")" | tr -d '\r' | sed -n 's/^content-encoding: //Ip')
echo "    $(basename "$WASM"): $WASM_RAW bytes raw, $WASM_GZ gzip -9, $WASM_BR brotli -q 11; served to Chromium: $WASM_SERVED (${WASM_SERVED_ENC:-identity})"
stage_end

stage "First visit to the lesson (Chromium)"
node "$BENCH_DIR/first-visit.mjs" "$BASE" "$LESSON" >"$WORK/first-visit.json"
NOJS_TOTAL=$(json 'j.nojs.total' <"$WORK/first-visit.json")
# A preload link can fetch the wasm even without JavaScript: counted, and shown.
NOJS_WASM=$(json 'j.nojs.wasm' <"$WORK/first-visit.json")
NOJS_NO_WASM=$((NOJS_TOTAL - NOJS_WASM))
JS_TOTAL=$(json 'j.js.total' <"$WORK/first-visit.json")
JS_WASM=$(json 'j.js.wasm' <"$WORK/first-visit.json")
JS_NO_WASM=$((JS_TOTAL - JS_WASM))
WASM_SHARE=$(awk -v w="$JS_WASM" -v t="$JS_TOTAL" 'BEGIN { printf "%.0f", t ? 100 * w / t : 0 }')
FIRST_VISIT_FILES=$(json 'j.js.files.map((f) => `${f.url} ${f.type} ${f.bytes}`).join("\n")' <"$WORK/first-visit.json")
NOJS_FILES=$(json 'j.nojs.files.map((f) => `${f.url} ${f.type} ${f.bytes}`).join("\n")' <"$WORK/first-visit.json")
echo "    without JavaScript: $NOJS_TOTAL bytes, of which wasm $NOJS_WASM"
sed 's/^/      /' <<<"$NOJS_FILES"
echo "    with JavaScript: $JS_TOTAL bytes, of which wasm $JS_WASM ($WASM_SHARE %)"
sed 's/^/      /' <<<"$FIRST_VISIT_FILES"
stage_end

# ---------------------------------------------------------------------------------------
# One Lighthouse run of URL $1 into $2.json (log $2.log). Lighthouse now and then loses
# its trace (NO_NAVSTART, NO_FCP) on a busy machine: such a run is tried again, twice.
lighthouse_run() {
  local url="$1" out="$2" try
  for try in 1 2 3; do
    if CHROME_PATH=/usr/bin/chromium node "$LIGHTHOUSE_DIR/node_modules/lighthouse/cli/index.js" "$url" \
      --quiet --output=json --output-path="$out.json" \
      --only-categories=performance,accessibility,best-practices \
      --chrome-flags="--headless=new --no-sandbox" >"$out.log" 2>&1; then
      return 0
    fi
    echo "    Lighthouse run $try on $url failed: $(grep -m1 -i 'error' "$out.log" || tail -n1 "$out.log")"
  done
  rm -f "$out.json"
  return 1
}
declare -A LH
LH_PAGES=()
for name in "${LH_NAMES[@]}"; do
  case "$name" in
    home) LH_PAGES+=(home:/) ;;
    lesson) LH_PAGES+=(lesson:"$LESSON") ;;
    quiz) LH_PAGES+=(quiz:"$QUIZ") ;;
    budget-tool) LH_PAGES+=(budget-tool:"$TOOL") ;;
    *) fail "unknown Lighthouse page $name (home, lesson, quiz, budget-tool)" ;;
  esac
done
if [ "$LIGHTHOUSE" = 1 ]; then
  stage "Lighthouse $LIGHTHOUSE_VERSION (mobile, runs a page: ${LIGHTHOUSE_RUNS})"
  mkdir -p "$WORK/lighthouse"
  for entry in "${LH_PAGES[@]}"; do
    name="${entry%%:*}"; path="${entry#*:}"
    for run in $(seq 1 "$LIGHTHOUSE_RUNS"); do
      lighthouse_run "$BASE$path" "$WORK/lighthouse/$name-$run" || fail "Lighthouse failed 3 times on $path"
    done
    LH[$name]=$(node "$BENCH_DIR/lighthouse.mjs" "$WORK/lighthouse/$name"-*.json 2>"$WORK/lighthouse/$name-losses.txt")
    echo "    $name ($path): performance accessibility best-practices LCP-ms TBT-ms CLS runs = ${LH[$name]}"
    cat "$WORK/lighthouse/$name-losses.txt"
  done
  stage_end
fi
stop_reperes

# ---------------------------------------------------------------------------------------
if [ -n "$PG_URL" ]; then
  stage "Throughput on PostgreSQL"
  psql "$PG_URL" -Atqc 'SELECT 1' >/dev/null || fail "PostgreSQL at $PG_URL cannot be reached"
  PG_DB="reperes_bench_$(date +%s)"
  psql "$PG_URL" -qc "CREATE DATABASE $PG_DB"
  PG_DB_URL="${PG_URL%/*}/$PG_DB"
  ADDR="127.0.0.1:$(free_port)"
  start_reperes "$PG_DB_URL" "$ADDR" "$WORK/server-postgres.log"
  sleep 2
  PG_IDLE_RSS=$(rss_mb "$SERVER_PID")
  # Same demo, new database: the workshop to sign up for may have another id.
  WORKSHOP=$(curl -fsS "http://$ADDR/api/v1/workshops" | json '(Array.isArray(j) ? j : j.workshops ?? j.items ?? []).filter((w) => w.signup_open && !w.cancelled && w.seats_left > 0).sort((a, b) => a.seats_left - b.seats_left)[0]?.id ?? ""')
  [ -n "$WORKSHOP" ] || fail "no open demo workshop on PostgreSQL"
  REGISTRATION="/api/v1/workshops/$WORKSHOP/registrations"
  run_reperes_table "http://$ADDR" postgres
  overbooking_check postgres "$PG_DB_URL"
  stop_reperes
  psql "$PG_URL" -qc "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)"
  PG_DB=""
  stage_end
fi

FUZZ_RESULT=""
if [ "$FUZZ_SECONDS" -gt 0 ]; then
  stage "Fuzzing lesson parsing (${FUZZ_SECONDS} s)"
  # Its own target directory (fuzz/target): sanitizer builds never mix with the release
  # build's artefacts, whatever CARGO_TARGET_DIR says.
  # The log keeps everything; the screen skips libFuzzer's line per new input.
  if (cd fuzz && exec env -u CARGO_TARGET_DIR cargo +nightly fuzz run content -- -max_total_time="$FUZZ_SECONDS") 2>&1 |
    tee "$WORK/fuzz.log" | { grep -vE '^#[0-9]+[[:space:]]+(NEW|REDUCE)' || true; }; then
    FUZZ_RESULT="no failure in ${FUZZ_SECONDS} s ($(grep -oE '^#[0-9]+' "$WORK/fuzz.log" | tail -n1 | tr -d '#') runs)"
  else
    FUZZ_RESULT="FAILED: see fuzz/artifacts/content/ ($(grep -m1 -E 'panicked|ERROR' "$WORK/fuzz.log" || echo 'see the log above'))"
    tail -n 40 "$WORK/fuzz.log"
  fi
  echo "    $FUZZ_RESULT"
  stage_end
fi

# ---------------------------------------------------------------------------------------
# The report.
COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
git diff --quiet HEAD 2>/dev/null || COMMIT="$COMMIT (with uncommitted changes)"
md "# Repères benchmark, $(date '+%Y-%m-%d %H:%M %Z')"
md ""
if [ "$BENCH_SECONDS" -lt 20 ]; then
  md "**Dry run: ${BENCH_SECONDS} s per wrk run. These figures are not to be published.**"
  md ""
fi
md "| machine | |"
md "| --- | --- |"
md "| CPU | $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1), $(nproc) cores |"
md "| memory | $(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) |"
md "| commit | $COMMIT |"
md "| tools | $(wrk -v 2>&1 | head -n1 | cut -d' ' -f1-2), $(nginx -v 2>&1 | cut -d' ' -f3), $(/usr/bin/chromium --version 2>/dev/null | head -n1) |"
md ""
md "wrk ${BENCH_SECONDS} s per run, 2 threads (1 for 1 connection), \`Accept-Encoding: gzip\` on both"
md "sides. nginx sends a gzip -9 copy of the HTML Repères served (\`gzip_static\`, nothing compressed per"
md "request). Repères answers public pages from its render cache (compressed once) and compresses the"
md "other answers per request (gzip level 6, flate2's default). The load generator runs on the same cores."
md ""

# Writes the table of one engine.
table() { # $1 engine
  local engine="$1" name c r n ratio rps
  md "| scenario | connections | req/s | p50 ms | p99 ms | errors | statuses | nginx req/s | Repères/nginx |"
  md "| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |"
  for name in lesson lesson-nocache catalogue catalogue-nocache quiz quiz-nogroup workshops workshops-nocache registration registration-nogroup; do
    for c in "${CONNECTIONS[@]}"; do
      r="${RESULTS[$engine:$name:$c]:-}"
      [ -n "$r" ] || continue
      n="${RESULTS[nginx:${name%-nocache}:$c]:-}"
      rps="—"; ratio="—"
      if [ -n "$n" ]; then
        rps=$(field req_s "$n")
        ratio=$(awk -v a="$(field req_s "$r")" -v b="$rps" 'BEGIN { printf "%.0f %%", (b > 0 ? 100 * a / b : 0) }')
      fi
      md "| $(scenario_label "$name") | $c | $(field req_s "$r") | $(field p50_ms "$r") | $(field p99_ms "$r") | $(field errors "$r") | $(field codes "$r") | $rps | $ratio |"
    done
  done
}
scenario_label() {
  case "$1" in
    lesson) echo "lesson \`GET $LESSON\`" ;;
    catalogue) echo "catalogue \`GET $CATALOGUE\`" ;;
    quiz) echo "quiz \`POST $QUIZ\` (form)" ;;
    workshops) echo "workshops \`GET $WORKSHOPS\`" ;;
    lesson-nocache) echo "lesson, render cache off" ;;
    catalogue-nocache) echo "catalogue, render cache off" ;;
    workshops-nocache) echo "workshops, render cache off" ;;
    registration) echo "registration \`POST /api/v1/workshops/{id}/registrations\` (JSON)" ;;
    quiz-nogroup) echo "quiz, group commit off" ;;
    registration-nogroup) echo "registration, group commit off" ;;
  esac
}

md "## Throughput on SQLite"
md ""
table sqlite
md ""
md "Statuses are counted for the POSTs only (the quiz form answers $QUIZ_CODE when accepted,"
md "the registration 201, waitlist included). ${OVERBOOKING[sqlite]}"
[ -z "${OVERBOOKING[sqlite-nogroup]:-}" ] || md "Group commit off (\`REPERES_GROUP_COMMIT=off\`, a database of its own): ${OVERBOOKING[sqlite-nogroup]}"
md ""
md "HTML served: lesson ${PAGE_BYTES[lesson]} (${ENCODING_BYTES[gzip]} by Repères); catalogue ${PAGE_BYTES[catalogue]};"
md "workshops ${PAGE_BYTES[workshops]}."
md ""
md "### Lesson page by encoding (16 connections)"
md ""
md "| Accept-Encoding | served as | bytes | req/s | p50 ms | p99 ms |"
md "| --- | --- | ---: | ---: | ---: | ---: |"
for enc in identity gzip "gzip, deflate, br, zstd"; do
  r="${ENCODING_RESULTS[$enc]}"
  md "| \`$enc\` | $(field used "$r") | ${ENCODING_BYTES[$enc]} | $(field req_s "$r") | $(field p50_ms "$r") | $(field p99_ms "$r") |"
done
md ""
if [ -n "$PG_URL" ]; then
  md "## Throughput on PostgreSQL"
  md ""
  table postgres
  md ""
  md "nginx figures are those of the SQLite run (same pages). Idle RSS on PostgreSQL: $PG_IDLE_RSS MB. ${OVERBOOKING[postgres]}"
  md ""
fi
md "## Memory (server VmRSS)"
md ""
md "| when | MB |"
md "| --- | ---: |"
md "| idle after start-up | $IDLE_RSS |"
md "| peak under load (sampled every 0.5 s) | $PEAK_RSS |"
md "| after all load (5 s later) | $AFTER_RSS |"
md ""
if [ "$SOAK" = 1 ]; then
  md "Soak, ${SOAK_SECONDS} s of lesson + catalogue + registration in turn at 16 connections: $(field req_s "$SOAK_LINE") req/s,"
  md "p99 $(field p99_ms "$SOAK_LINE") ms, $(field errors "$SOAK_LINE") errors (statuses $(field codes "$SOAK_LINE")). RSS every ${SOAK_EVERY} s (MB): $SOAK_SERIES. It $SOAK_LEVEL."
  md "${OVERBOOKING[sqlite-soak]}"
  md ""
fi
md "## Wasm bundle and first visit"
md ""
md "| what | bytes |"
md "| --- | ---: |"
md "| \`$(basename "$WASM")\` raw | $WASM_RAW |"
md "| gzip -9 | $WASM_GZ |"
md "| brotli -q 11 | $WASM_BR |"
md "| served to Chromium (\`gzip, deflate, br, zstd\`) | $WASM_SERVED, ${WASM_SERVED_ENC:-identity} |"
md "| first visit to the lesson without JavaScript | $NOJS_TOTAL (wasm $NOJS_WASM) |"
md "| first visit with JavaScript | $JS_TOTAL (wasm $JS_WASM, $WASM_SHARE %) |"
md "| first visit with JavaScript, wasm excepted | $JS_NO_WASM |"
md ""
md "Transfer sizes from Chromium (CDP \`encodedDataLength\`: compressed bodies and headers)."
md ""
if [ "$LIGHTHOUSE" = 1 ]; then
  md "## Lighthouse $LIGHTHOUSE_VERSION (mobile defaults; the run of median performance out of $LIGHTHOUSE_RUNS)"
  md ""
  md "| page | performance | accessibility | best practices | LCP ms | TBT ms | CLS |"
  md "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
  for entry in "${LH_PAGES[@]}"; do
    name="${entry%%:*}"
    read -r perf a11y bp lcp tbt cls _ <<<"${LH[$name]}"
    md "| $name \`${entry#*:}\` | $perf | $a11y | $bp | $lcp | $tbt | $cls |"
  done
  md ""
fi
[ -z "$FUZZ_RESULT" ] || { md "Fuzzing (\`fuzz/\`, target \`content\`): $FUZZ_RESULT."; md ""; }

md "## Budgets"
md ""
md "| budget | measured | |"
md "| --- | --- | --- |"
l64="${RESULTS[sqlite:lesson:64]}"; n64="${RESULTS[nginx:lesson:64]}"
md "| lesson page ≥ 50 % of nginx at 64 connections | $(field req_s "$l64") / $(field req_s "$n64") req/s | $(verdict 'a >= 0.5 * b' -v a="$(field req_s "$l64")" -v b="$(field req_s "$n64")") |"
for name in lesson catalogue quiz workshops registration; do
  r="${RESULTS[sqlite:$name:64]}"
  md "| p99 < 25 ms at 64 connections: $name | $(field p99_ms "$r") ms | $(verdict 'a < 25' -v a="$(field p99_ms "$r")") |"
done
md "| idle RSS < 60 MB | $IDLE_RSS MB | $(verdict 'a < 60' -v a="$IDLE_RSS") |"
md "| wasm < 150 KiB gzip ($((150 * KB)) bytes) | $WASM_GZ bytes ($(kib "$WASM_GZ") KiB) | $(verdict 'a < b' -v a="$WASM_GZ" -v b=$((150 * KB))) |"
md "| lesson first view < 60 KiB without the wasm ($((60 * KB)) bytes) | $JS_NO_WASM bytes with JavaScript, $NOJS_NO_WASM without | $(verdict 'a < b && c < b' -v a="$JS_NO_WASM" -v c="$NOJS_NO_WASM" -v b=$((60 * KB))) |"
md "| a visit without JavaScript downloads no wasm | $NOJS_WASM bytes of wasm | $(verdict 'a == 0' -v a="$NOJS_WASM") |"
for entry in "${LH_PAGES[@]}"; do
  name="${entry%%:*}"
  if [ "$LIGHTHOUSE" = 1 ]; then
    read -r perf a11y _ <<<"${LH[$name]}"
    md "| Lighthouse $name: performance ≥ 95, accessibility 100 | $perf, $a11y | $(verdict 'p >= 95 && a == 100' -v p="$perf" -v a="$a11y") |"
  else
    md "| Lighthouse $name: performance ≥ 95, accessibility 100 | not run (--no-lighthouse) | — |"
  fi
done
md ""
md "## Time per stage"
md ""
md '```'
printf '%s\n' "${STAGES[@]}" >>"$REPORT"
md '```'

stage_report
mkdir -p "$BENCH_DIR/results"
# A second run the same day keeps the first day's report: its copy is named by the time.
DATED="$(date +%F).md"
[ ! -e "$BENCH_DIR/results/$DATED" ] || DATED="$(date +%F-%H%M).md"
cp "$REPORT" "$BENCH_DIR/results/latest.md"
cp "$REPORT" "$BENCH_DIR/results/$DATED"
say "Report (bench/results/latest.md and bench/results/$DATED)"
cat "$REPORT"
# Overbooking is a bug, not a figure: the run fails. Budgets only inform.
[ "$OVERBOOKED" = 0 ] || fail "a workshop was overbooked under load (see the overbooking check above)"
