# Shared helpers of the set-up, run and test scripts. Sourced, not run.
# Every ensure_* installs what is missing, and only that, so the scripts are idempotent.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS_DIR="${REPERES_TOOLS_DIR:-$HOME/.cache/reperes-tools}"
CARGO_LEPTOS_VERSION="0.3.10"
BINARYEN_VERSION="132"
SCHEMATHESIS_VERSION="4.32.5"
export PATH="$HOME/.cargo/bin:$TOOLS_DIR/binaryen/node_modules/.bin:$PATH"

say() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
fail() { printf '\n\033[31mERROR: %s\033[0m\n' "$*" >&2; exit 1; }

# Runs "$@" as root: directly when we are root, through sudo otherwise.
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Stage timing: `stage NAME` starts a stage, `stage_end` closes it; `stage_report` prints all.
STAGES=()
RUN_START=$(date +%s)
stage() { STAGE_NAME="$1"; STAGE_START=$(date +%s); say "$1"; }
stage_end() {
  local secs=$(( $(date +%s) - STAGE_START ))
  STAGES+=("$(printf '%-44s %4dm%02ds' "$STAGE_NAME" $((secs / 60)) $((secs % 60)))")
  printf '    (%s took %dm%02ds)\n' "$STAGE_NAME" $((secs / 60)) $((secs % 60))
}
stage_report() {
  local secs=$(( $(date +%s) - RUN_START ))
  say "Time per stage"
  printf '    %s\n' "${STAGES[@]}"
  printf '    %-44s %4dm%02ds\n' "all stages" $((secs / 60)) $((secs % 60))
}

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_cargo_leptos() {
  if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
    say "Installing cargo-leptos $CARGO_LEPTOS_VERSION (about 17 minutes on two cores, once)"
    cargo install cargo-leptos --locked --version "$CARGO_LEPTOS_VERSION"
  fi
}

# wasm-bindgen must be exactly the version in Cargo.lock; cargo-leptos would try to
# download it otherwise, which fails without internet.
ensure_wasm_bindgen() {
  local want
  want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$REPO_ROOT/Cargo.lock")
  [ -n "$want" ] || fail "wasm-bindgen not found in Cargo.lock"
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $want\$"; then
    say "Installing wasm-bindgen-cli $want (about 3 minutes, once)"
    # Not --locked: the CLI's own lock file names a crate version the registry may lack.
    cargo install wasm-bindgen-cli --version "$want" --force
  fi
}

# wasm-opt from the npm package binaryen. Never Debian's binaryen: its wasm-opt 108
# produces a bundle that breaks hydration in Chromium.
ensure_wasm_opt() {
  if ! "$TOOLS_DIR/binaryen/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "version $BINARYEN_VERSION"; then
    say "Installing wasm-opt (npm binaryen@$BINARYEN_VERSION)"
    mkdir -p "$TOOLS_DIR/binaryen"
    (cd "$TOOLS_DIR/binaryen" && npm install --no-audit --no-fund --silent "binaryen@$BINARYEN_VERSION")
  fi
}

ensure_node() {
  if ! command -v npm >/dev/null 2>&1; then
    say "Installing Node.js and npm (Debian)"
    as_root apt-get update -qq && as_root apt-get install -y -qq nodejs npm
  fi
}

ensure_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    say "Installing Chromium (Debian)"
    as_root apt-get update -qq && as_root apt-get install -y -qq chromium
  fi
}

# pdftotext reads back the PDF that Chromium prints in the mini-guide test.
ensure_pdftotext() {
  if ! command -v pdftotext >/dev/null 2>&1; then
    say "Installing poppler-utils (Debian)"
    as_root apt-get update -qq && as_root apt-get install -y -qq poppler-utils
  fi
}

ensure_e2e_modules() {
  if [ ! -d "$REPO_ROOT/end2end/node_modules/playwright-core" ] || \
     [ "$REPO_ROOT/end2end/package-lock.json" -nt "$REPO_ROOT/end2end/node_modules/.package-lock.json" ]; then
    (cd "$REPO_ROOT/end2end" && npm ci --no-audit --no-fund --silent)
  fi
}

# schemathesis (PyPI), the property-based fuzzer of the JSON API, in a virtualenv of its own.
ensure_schemathesis() {
  if ! "$TOOLS_DIR/schemathesis/bin/st" --version 2>/dev/null | grep -q "version $SCHEMATHESIS_VERSION\$"; then
    say "Installing schemathesis $SCHEMATHESIS_VERSION (PyPI)"
    python3 -m venv "$TOOLS_DIR/schemathesis"
    "$TOOLS_DIR/schemathesis/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
  fi
}

# Fuzzes the JSON API of the server at $1 (host:port) from its OpenAPI document: no 5xx,
# every status, content type, header and body as documented, malformed input refused.
# With $2 and $3 (a coordinator's or administrator's e-mail and password), it logs in
# first so that the staff operations are fuzzed past their 401 too.
# A fixed seed, so that a failure can be replayed.
run_api_fuzz() {
  local auth=()
  if [ -n "${2:-}" ]; then
    local cookie
    cookie=$(curl -fsS -o /dev/null -c - -H 'content-type: application/json' \
      -d "{\"email\": \"$2\", \"password\": \"$3\"}" "http://$1/api/v1/staff/session" |
      awk '$6 == "reperes_session" { print $6 "=" $7 }')
    [ -n "$cookie" ] || { echo "run_api_fuzz: cannot log in as $2" >&2; return 1; }
    auth=(-H "Cookie: $cookie")
  fi
  "$TOOLS_DIR/schemathesis/bin/st" run "http://$1/api/v1/openapi.json" "${auth[@]}" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance,negative_data_rejection \
    --phases examples,coverage,fuzzing --max-examples "${API_FUZZ_EXAMPLES:-60}" --seed 20261130 \
    --workers 2 --request-timeout 10 --generation-database none --no-color
}

ensure_build_tools() {
  ensure_wasm_target
  ensure_node
  ensure_wasm_opt
  ensure_wasm_bindgen
  ensure_cargo_leptos
}

# Builds the server and the wasm bundle in release (wasm-release profile for the bundle).
build_site() {
  (cd "$REPO_ROOT" && cargo leptos build --release)
}

# Prints a TCP port that is free on 127.0.0.1 right now (node is needed by the tests anyway).
free_port() {
  node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

# Waits until $1/healthz answers 200, at most $2 seconds.
wait_for_health() {
  local url="$1" limit="${2:-60}" i=0
  until curl -fsS "$url/healthz" >/dev/null 2>&1; do
    i=$((i + 1))
    [ "$i" -le "$((limit * 4))" ] || return 1
    sleep 0.25
  done
}
