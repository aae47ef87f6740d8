-- wrk script of the HTTP benchmark (io.rungu.cli.bench.WrkBenchmark).
-- BENCH_REQUESTS names a file of requests, one a line: METHOD<TAB>PATH<TAB>COOKIE ("-": none).
-- Each wrk thread takes every n-th line (thread i: lines i, i+n, ...) and goes round them in order, so with more
-- lines than requests (the vote scenario) no line is sent twice. BENCH_GZIP=1 adds Accept-Encoding: gzip.
-- BENCH_ORIGIN is the Origin of writes (the server's own, as the web app sends). done() prints one line the harness parses.

local threads = {}
local counter = 0

function setup(thread)
   thread:set("id", counter)
   counter = counter + 1
   table.insert(threads, thread)
end

function init(args)
   local nthreads = tonumber(os.getenv("BENCH_THREADS") or "1")
   local gzip = os.getenv("BENCH_GZIP") == "1"
   lines = {}
   local n = 0
   for line in io.lines(os.getenv("BENCH_REQUESTS")) do
      if n % nthreads == id then
         local method, path, cookie = line:match("^(%S+)\t(%S+)\t(%S+)$")
         local headers = {}
         if cookie ~= "-" then
            headers["Cookie"] = cookie
         end
         if method ~= "GET" then
            headers["Origin"] = os.getenv("BENCH_ORIGIN") -- same origin, as the web app's own writes
         end
         if gzip then
            headers["Accept-Encoding"] = "gzip"
         end
         table.insert(lines, { method, path, headers })
      end
      n = n + 1
   end
   for i, l in ipairs(lines) do
      lines[i] = wrk.format(l[1], l[2], l[3])
   end
   next_line = 1
   sent = 0
   nlines = #lines
end

function request()
   local l = lines[next_line]
   next_line = next_line + 1
   if next_line > #lines then
      next_line = 1
   end
   sent = sent + 1
   return l
end

function done(summary, latency, requests)
   local sent_total, lines_total = 0, 0
   for _, t in ipairs(threads) do
      sent_total = sent_total + t:get("sent")
      lines_total = lines_total + t:get("nlines")
   end
   io.write(string.format("BENCH requests=%d duration_us=%d p50_us=%d p99_us=%d non2xx=%d connect=%d read=%d write=%d timeout=%d sent=%d lines=%d\n",
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
      summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.write,
      summary.errors.timeout, sent_total, lines_total))
end
