-- Plain GET of the URL given to wrk; prints the JSON summary.
package.path = debug.getinfo(1, "S").source:match("^@(.*/)") .. "?.lua;" .. package.path
done = require("report").done
