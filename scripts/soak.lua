-- The wrk half of scripts/soak's HTTP mix; prints wrk's summary as one JSON line (benchmarks/wrk/report.lua).
--
--   wrk ... -s scripts/soak.lua URL -- mix DELAY_MS
--       keep-alive requests one at a time: 70% GET /plaintext, 25% POST /echo of 1, 16 or 64 KiB (checked by length),
--       5% GET with "Connection: close" (the server closes; wrk opens a new connection)
--   wrk ... -s scripts/soak.lua URL -- pipeline DELAY_MS
--       batches of 8 pipelined requests in one write: 7 GET /plaintext and one POST /echo of 1 KiB in the middle
--
-- DELAY_MS: each connection waits this long before its next request (or batch); 0 is as fast as possible.
-- wrk expects the same number of requests from every request() call, hence one script mode per wrk process.
package.path = debug.getinfo(1, "S").source:match("^@(.*/)") .. "../benchmarks/wrk/?.lua;" .. package.path
local report = require("report")

local mode = "mix"
local delay_ms = 0
local bodies = {}
local batch
bad_length = 0 -- global, so that done() can read it from each thread

local function pattern(n)
  local bytes = {}
  for i = 0, n - 1 do
    bytes[#bytes + 1] = string.char(97 + i % 26)
  end
  return table.concat(bytes)
end

local function post(body)
  return wrk.format("POST", "/echo", {["Content-Type"] = "application/octet-stream"}, body)
end

local get, get_close

init = function(args)
  get = wrk.format("GET", "/plaintext")
  get_close = wrk.format("GET", "/plaintext", {["Connection"] = "close"})
  mode = args[1] or "mix"
  delay_ms = tonumber(args[2] or "0")
  for _, kib in ipairs({1, 16, 64}) do
    bodies[#bodies + 1] = post(pattern(kib * 1024))
  end
  if mode == "pipeline" then
    local r = {}
    for i = 1, 8 do
      r[i] = (i == 4) and bodies[1] or get
    end
    batch = table.concat(r)
  elseif mode ~= "mix" then
    error("soak.lua: mode must be mix or pipeline, not " .. mode)
  end
end


request = function()
  if batch then
    return batch
  end
  local x = math.random(100)
  if x <= 70 then
    return get
  elseif x <= 95 then
    return bodies[math.random(3)]
  else
    return get_close
  end
end

delay = function()
  return delay_ms
end

-- Checks every response's length against what was sent: a 13-byte hello, or an echo of 1, 16 or 64 KiB.
response = function(status, headers, body)
  local n = #body
  if n ~= 13 and n ~= 1024 and n ~= 16384 and n ~= 65536 then
    bad_length = bad_length + 1
  end
end

local threads = {}

setup = function(thread)
  threads[#threads + 1] = thread
end

done = function(summary, latency, requests)
  report.done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("bad_length")
  end
  io.write(string.format('{"bad_length": %d}\n', bad))
end
