-- wrk script for the closed-loop capacity run of the benchmark (bench/run.py).
-- Reads the request sequence that bench/prepare.py wrote (one request a line: page, path, then
-- header name and value pairs, tab-separated) from $BENCH_WRK_REQUESTS, sends it in order (each
-- thread from its own place in it), counts answers that are not 2xx per page, and writes a JSON
-- summary to $BENCH_WRK_OUT when done.

local requests_file = os.getenv("BENCH_WRK_REQUESTS")
local out_file = os.getenv("BENCH_WRK_OUT")
local threads = {}
local thread_count = 0

local function split(line)
  local fields = {}
  for field in string.gmatch(line, "[^\t]+") do
    fields[#fields + 1] = field
  end
  return fields
end

function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_number", thread_count)
  threads[#threads + 1] = thread
end

function init(args)
  pages, raws = {}, {}
  for line in io.lines(requests_file) do
    local f = split(line)
    local headers = {}
    for i = 3, #f - 1, 2 do
      headers[f[i]] = f[i + 1]
    end
    pages[#pages + 1] = f[1]
    raws[#raws + 1] = wrk.format("GET", f[2], headers)
  end
  -- Each thread starts at its own place, so threads do not send the same request together.
  position = math.floor((thread_number - 1) * #raws / 8)
  sent, non_2xx = 0, 0
  bad_pages = ""
end

function request()
  position = position % #raws + 1
  sent = sent + 1
  return raws[position]
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non_2xx = non_2xx + 1
    if #bad_pages < 2000 then
      bad_pages = bad_pages .. status .. " "
    end
  end
end

function done(summary, latency, requests)
  local non_2xx_total = 0
  local bad = ""
  for _, thread in ipairs(threads) do
    non_2xx_total = non_2xx_total + (thread:get("non_2xx") or 0)
    bad = bad .. (thread:get("bad_pages") or "")
  end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  local f = assert(io.open(out_file, "w"))
  f:write(string.format(
    '{"tool": "wrk", "requests": %d, "duration_s": %.3f, "rps": %.2f, ' ..
    '"p50_ms": %.2f, "p90_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f, ' ..
    '"mean_ms": %.2f, "non_2xx": %d, "socket_errors": {"connect": %d, "read": %d, ' ..
    '"write": %d, "timeout": %d}, "http_errors_wrk": %d, "non_2xx_statuses": "%s"}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    latency.mean / 1000, non_2xx_total, e.connect, e.read, e.write, e.timeout, e.status, bad))
  f:close()
end
