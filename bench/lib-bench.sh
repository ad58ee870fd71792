# shellcheck shell=bash
# Helpers of scripts/bench.sh: the tools it installs when missing, and the small pieces
# it runs (server, nginx, wrk, memory sampling). Sourced after scripts/lib.sh, not run.
# Like scripts/lib.sh, every ensure_* installs what is missing, and only that.
set -euo pipefail

BENCH_DIR="$REPO_ROOT/bench"
LIGHTHOUSE_VERSION="12.2.3"
LIGHTHOUSE_DIR="$TOOLS_DIR/lighthouse"

# apt-get update once per run, and only when something has to be installed.
APT_UPDATED=0
apt_install() {
  if [ "$APT_UPDATED" = 0 ]; then
    as_root apt-get update -qq
    APT_UPDATED=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

ensure_wrk() { command -v wrk >/dev/null 2>&1 || { say "Installing wrk (Debian)"; apt_install wrk; }; }
ensure_brotli() { command -v brotli >/dev/null 2>&1 || { say "Installing brotli (Debian)"; apt_install brotli; }; }
ensure_sqlite3() { command -v sqlite3 >/dev/null 2>&1 || { say "Installing sqlite3 (Debian)"; apt_install sqlite3; }; }
ensure_psql() { command -v psql >/dev/null 2>&1 || { say "Installing postgresql-client (Debian)"; apt_install postgresql-client; }; }

# Debian's nginx package may start a system nginx on port 80 when installed (where the
# machine lets packages start services): the benchmark runs its own, so that one is
# stopped again right away, and only when this function installed it.
ensure_nginx() {
  command -v nginx >/dev/null 2>&1 && return 0
  say "Installing nginx (Debian)"
  apt_install nginx
  if [ -s /run/nginx.pid ] && kill -0 "$(cat /run/nginx.pid)" 2>/dev/null; then
    as_root nginx -s quit || true
  fi
}

# Lighthouse, pinned, in the tools cache (not in end2end/: the browser tests do not need it).
ensure_lighthouse() {
  if ! node "$LIGHTHOUSE_DIR/node_modules/lighthouse/cli/index.js" --version 2>/dev/null | grep -qx "$LIGHTHOUSE_VERSION"; then
    say "Installing Lighthouse $LIGHTHOUSE_VERSION (npm, in $LIGHTHOUSE_DIR)"
    mkdir -p "$LIGHTHOUSE_DIR"
    (cd "$LIGHTHOUSE_DIR" && npm install --no-audit --no-fund --silent "lighthouse@$LIGHTHOUSE_VERSION")
  fi
}

# cargo-fuzz builds with the nightly toolchain (libFuzzer needs -Z flags).
ensure_cargo_fuzz() {
  rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
  cargo fuzz --version >/dev/null 2>&1 || { say "Installing cargo-fuzz"; cargo install cargo-fuzz --locked; }
}

# Resident set size of process $1 in MB (one decimal), from /proc (VmRSS is in kB).
rss_mb() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo "?"; }

# Samples the RSS of $1 every $2 seconds into file $3 (one kB figure a line) until killed.
# Started in the background; the caller keeps its pid to stop it.
# Killing it (TERM) also ends the sleep it waits on, so no stray process remains.
sample_rss() {
  local pid="$1" every="$2" out="$3" nap=""
  trap '[ -z "$nap" ] || kill "$nap" 2>/dev/null; exit 0' TERM
  while kill -0 "$pid" 2>/dev/null; do
    awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null >>"$out" || true
    sleep "$every" &
    nap=$!
    wait "$nap" || true
  done
}

# Largest sample of a file written by sample_rss, in MB.
peak_mb() { sort -n "$1" 2>/dev/null | tail -n1 | awk '{ printf "%.1f", $1 / 1024 }'; }

# Starts the release server ($SERVER_BIN, site in $SITE_ROOT: set by scripts/bench.sh)
# with database $1 on address $2, log in $3; sets SERVER_PID.
# `seed-demo` first, with the same environment, so that the demo workshops exist.
# REPERES_RENDER_CACHE in the caller's environment reaches the server (off: no cache).
# The per-client sign-up limit is off (REPERES_SIGNUP_LIMIT=0): wrk is one client making
# thousands of sign-ups a second.
start_reperes() {
  local db="$1" addr="$2" log="$3"
  DATABASE_URL="$db" REPERES_CONTENT_DIR="$REPO_ROOT/content" RUST_LOG=warn \
    "$SERVER_BIN" seed-demo >>"$log" 2>&1 || { cat "$log"; fail "server seed-demo failed on $db"; }
  LEPTOS_SITE_ADDR="$addr" LEPTOS_SITE_ROOT="$SITE_ROOT" RUST_LOG=warn DATABASE_URL="$db" \
    MIMALLOC_ARENA_EAGER_COMMIT="${MIMALLOC_ARENA_EAGER_COMMIT:-0}" REPERES_RENDER_CACHE="${REPERES_RENDER_CACHE:-on}" REPERES_SIGNUP_LIMIT=0 REPERES_CONTENT_DIR="$REPO_ROOT/content" "$SERVER_BIN" >>"$log" 2>&1 &
  SERVER_PID=$!
  wait_for_health "http://$addr" 90 || { tail -n 40 "$log"; fail "the server did not start on $addr"; }
  # The answer must come from the server just started, not from another on that port.
  kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 40 "$log"; fail "the server on $addr exited"; }
}
stop_reperes() {
  [ -n "${SERVER_PID:-}" ] || return 0
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

# Starts nginx from bench/nginx.conf on $1 (port), serving directory $2, with every path
# it writes (pid, logs, temp files) under $3; sets NGINX_PID. Foreground mode
# (daemon off) so that the pid we hold is the master's and the trap can stop it.
start_nginx() {
  local port="$1" root="$2" dir="$3"
  mkdir -p "$dir/logs" "$dir/temp"
  sed -e "s|@PORT@|$port|g" -e "s|@ROOT@|$root|g" -e "s|@DIR@|$dir|g" \
    "$BENCH_DIR/nginx.conf" >"$dir/nginx.conf"
  # Workers run as nobody when started by root: they must be able to read the pages,
  # and so to enter the (mktemp, private) directory that holds them.
  chmod -R a+rX "$root"
  chmod a+x "$(dirname "$root")"
  nginx -t -q -e "$dir/logs/error.log" -p "$dir" -c "$dir/nginx.conf" ||
    fail "nginx refused $dir/nginx.conf"
  nginx -e "$dir/logs/error.log" -p "$dir" -c "$dir/nginx.conf" -g 'daemon off;' &
  NGINX_PID=$!
  wait_for_url "http://127.0.0.1:$port/lesson.html" 20 ||
    { tail -n 20 "$dir/logs/error.log"; fail "nginx did not start or cannot read $root"; }
}
stop_nginx() {
  [ -n "${NGINX_PID:-}" ] || return 0
  # QUIT: graceful stop of the master and its workers.
  kill -QUIT "$NGINX_PID" 2>/dev/null || true
  wait "$NGINX_PID" 2>/dev/null || true
  NGINX_PID=""
}

# Waits until $1 answers 200, at most $2 seconds.
wait_for_url() {
  local url="$1" limit="${2:-30}" i=0
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    i=$((i + 1))
    [ "$i" -le "$((limit * 4))" ] || return 1
    sleep 0.25
  done
}

# Status code of a GET of $1.
http_status() { curl -s -o /dev/null -w '%{http_code}' "$@"; }

# Runs wrk: $1 connections, $2 URL, $3 Lua script (bench/wrk/*.lua), $4 raw log file,
# then any extra wrk arguments. Prints the script's summary line (see bench/wrk/report.lua).
# Accept-Encoding is $BENCH_ENCODING (gzip unless set): the same on both sides.
# One thread for one connection (wrk needs threads <= connections), two otherwise
# (two cores: the load generator shares the machine with the server).
run_wrk() {
  local conns="$1" url="$2" script="$3" log="$4"
  shift 4
  local threads=2
  [ "$conns" -ge 2 ] || threads=1
  wrk -t "$threads" -c "$conns" -d "${BENCH_SECONDS}s" --timeout 10s --latency \
    -H "Accept-Encoding: ${BENCH_ENCODING:-gzip}" "$@" -s "$BENCH_DIR/wrk/$script" "$url" >"$log" 2>&1 ||
    { cat "$log" >&2; fail "wrk failed on $url"; }
  grep '^BENCH ' "$log" | tail -n1 | cut -d' ' -f2-
}
