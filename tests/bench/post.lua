-- POST a form as signed-in users, rotating through them, with Django's CSRF cookie and header.
-- Usage: wrk ... -s post.lua <url> -- <requests file>
-- Each line of the requests file: sessionid <TAB> csrftoken <TAB> path <TAB> urlencoded body
local requests = {}
local next_index = 0

function init(args)
  local file = assert(io.open(args[1], "r"))
  for line in file:lines() do
    local session, csrf, path, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
    if session then
      table.insert(requests, wrk.format("POST", path, {
        ["Cookie"] = "sessionid=" .. session .. "; csrftoken=" .. csrf,
        ["X-CSRFToken"] = csrf,
        ["Content-Type"] = "application/x-www-form-urlencoded",
      }, body))
    end
  end
  file:close()
  assert(#requests > 0, "no requests in " .. args[1])
end

function request()
  next_index = next_index % #requests + 1
  return requests[next_index]
end
