-- The soak test's mix, in turn on each connection: the lesson page, the module
-- catalogue, and a JSON registration. Paths and body from the environment
-- (BENCH_LESSON, BENCH_CATALOGUE, BENCH_REGISTRATION, BENCH_BODY).
dofile(os.getenv("BENCH_DIR") .. "/wrk/report.lua")

local lesson, catalogue, registration
local turn = 0

function init(args)
  -- wrk.format uses wrk.headers (the -H ones: Accept-Encoding) only when given none.
  local json = {}
  for name, value in pairs(wrk.headers) do json[name] = value end
  json["Content-Type"] = "application/json"
  lesson = wrk.format("GET", os.getenv("BENCH_LESSON"))
  catalogue = wrk.format("GET", os.getenv("BENCH_CATALOGUE"))
  registration = wrk.format("POST", os.getenv("BENCH_REGISTRATION"), json, os.getenv("BENCH_BODY"))
end

function request()
  turn = turn % 3 + 1
  if turn == 1 then return lesson end
  if turn == 2 then return catalogue end
  return registration
end

-- Status codes, so that a failing registration shows (200s, 201s, anything else).
codes = {}

function response(status, headers, body)
  local key = tostring(status)
  codes[key] = (codes[key] or 0) + 1
end
