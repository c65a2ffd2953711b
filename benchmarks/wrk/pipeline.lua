-- 16 pipelined GETs of the URL's path in one write, as in the TechEmpower plaintext test; prints the JSON summary.
-- wrk counts every response as a request; latency is per batch of 16.
package.path = debug.getinfo(1, "S").source:match("^@(.*/)") .. "?.lua;" .. package.path
done = require("report").done

local depth = 16
local batch

init = function(args)
  local r = {}
  for i = 1, depth do
    r[i] = wrk.format(nil)
  end
  batch = table.concat(r)
end

request = function()
  return batch
end
