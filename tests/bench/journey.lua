-- Replay a list of requests (a mix of pages, users and query strings), each thread from its
-- own starting point, counting every answer that is not a 2xx as an error.
-- Usage: wrk ... -s journey.lua <url> -- <requests file>
-- Each line: METHOD <TAB> path <TAB> Cookie header <TAB> name:value|name:value <TAB> body
local threads = {}
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("offset", thread_count)
  table.insert(threads, thread)
end

local requests = {}
local position = 0
redirects = 0

function init(args)
  for line in io.lines(args[1]) do
    local method, path, cookie, extra, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
    if method then
      local headers = {}
      if cookie ~= "" then headers["Cookie"] = cookie end
      for name, value in extra:gmatch("([^|:]+):([^|]*)") do headers[name] = value end
      if method == "POST" then headers["Content-Type"] = "application/x-www-form-urlencoded" end
      table.insert(requests, wrk.format(method, path, headers, body ~= "" and body or nil))
    end
  end
  assert(#requests > 0, "no requests in " .. args[1])
  -- Threads start far apart, so two never walk the same user's journey in step.
  position = math.floor((offset - 1) * #requests / 7) % #requests
end

function request()
  position = position % #requests + 1
  return requests[position]
end

function response(status, headers, body)
  -- wrk counts 4xx and 5xx; a 3xx here means a lost session or a refused form.
  if status >= 300 and status < 400 then redirects = redirects + 1 end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("redirects") end
  io.write(string.format("Unexpected redirects: %d\n", total))
end
