-- POST to the URL given to wrk: body and type from the environment (BENCH_BODY,
-- BENCH_CONTENT_TYPE), so one script serves the quiz form (urlencoded) and the JSON
-- registration. Counts the status codes, so that the report says 303 or 201 (or what
-- came instead), not only "errors".
dofile(os.getenv("BENCH_DIR") .. "/wrk/report.lua")

wrk.method = "POST"
wrk.body = os.getenv("BENCH_BODY")
wrk.headers["Content-Type"] = os.getenv("BENCH_CONTENT_TYPE")

codes = {}

function response(status, headers, body)
  local key = tostring(status)
  codes[key] = (codes[key] or 0) + 1
end
