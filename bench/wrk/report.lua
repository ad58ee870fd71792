-- Shared by the wrk scripts of bench/: at the end of a run, one machine-readable line
--   BENCH req_s=… p50_ms=… p99_ms=… errors=… status_errors=… socket_errors=… requests=… codes=…
-- errors = socket errors (connect, read, write, time-outs) + answers that are not 2xx
-- or 3xx (wrk's "Non-2xx or 3xx responses"). codes lists the status codes seen, when the
-- script counts them (bench/wrk/post.lua does; counting costs a Lua call per answer, so
-- the page scripts do not).
threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function done(summary, latency, requests)
  local e = summary.errors
  local socket = e.connect + e.read + e.write + e.timeout
  local codes = {}
  for _, thread in ipairs(threads) do
    local seen = thread:get("codes")
    if seen then
      for code, n in pairs(seen) do
        codes[code] = (codes[code] or 0) + n
      end
    end
  end
  local list = {}
  for code, n in pairs(codes) do
    table.insert(list, code .. ":" .. n)
  end
  table.sort(list)
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "BENCH req_s=%.1f p50_ms=%.2f p99_ms=%.2f errors=%d status_errors=%d socket_errors=%d requests=%d codes=%s\n",
    summary.requests / seconds,
    latency:percentile(50) / 1000,
    latency:percentile(99) / 1000,
    socket + e.status, e.status, socket, summary.requests,
    #list > 0 and table.concat(list, ",") or "-"))
end
