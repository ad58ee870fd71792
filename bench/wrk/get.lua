-- GET of the URL given to wrk (a page), with the shared end-of-run summary.
dofile(os.getenv("BENCH_DIR") .. "/wrk/report.lua")
