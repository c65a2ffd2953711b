-- POST of a 10 KiB body (byte i is 'a' + i % 26, as in Workloads.pattern) to /echo; prints the JSON summary.
package.path = debug.getinfo(1, "S").source:match("^@(.*/)") .. "?.lua;" .. package.path
done = require("report").done

local bytes = {}
for i = 0, 10 * 1024 - 1 do
  bytes[#bytes + 1] = string.char(97 + i % 26)
end
wrk.method = "POST"
wrk.body = table.concat(bytes)
wrk.headers["Content-Type"] = "application/octet-stream"
